import { type LedgerState, parseLedger, type RecentEventJson, serializeLedger } from "../../src";
import { flattenRecent, printOf, recordOf } from "../../src/ledger/recent";
import { formatAmount } from "../../src/money";

/** The stored text of a state the library returned (a refusal here is a test failure). */
export function textOf(state: LedgerState): string {
  const text = serializeLedger(state);
  if (!text.ok) throw new Error(`serializeLedger refused a library state: ${text.error.message}`);
  return text.value;
}

/** The same ledger remembering only its last `n` events (through stored text, as a store would hold it). */
export function withRemembered(state: LedgerState, n: number): LedgerState {
  const stored = JSON.parse(textOf(state)) as { eventIdsRemembered: number; recentEvents: unknown[] };
  stored.eventIdsRemembered = n;
  stored.recentEvents = stored.recentEvents.slice(-n);
  const read = parseLedger(stored, { catalogs: [state.catalog] });
  if (!read.ok) throw new Error(`withRemembered: ${read.error.message}`);
  return read.value;
}

/** The same ledger with the events `ids` forgotten (through stored text, as a store would hold it). */
export function forgetting(state: LedgerState, ids: readonly string[]): LedgerState {
  const stored = JSON.parse(textOf(state)) as { recentEvents: (readonly [string, ...unknown[]])[] };
  stored.recentEvents = stored.recentEvents.filter((record) => !ids.includes(record[0]));
  const read = parseLedger(stored, { catalogs: [state.catalog] });
  if (!read.ok) throw new Error(`forgetting: ${read.error.message}`);
  return read.value;
}

/** The remembered events of a state, oldest first, as one list (the state holds them in chunks). */
export function remembered(state: LedgerState): readonly RecentEventJson[] {
  return flattenRecent(state.recentEvents);
}

/**
 * Stored text (parsed) as a version-2 row holds it: each remembered usage an array of
 * fields `[id, fingerprint, atMs, bucket, units, tier?, draws?, uncovered?, voided?, hit?]`,
 * trailing defaults left out. Rows written before schemaVersion 3 look like this.
 */
export function asVersion2(stored: Record<string, unknown>): Record<string, unknown> {
  const events = stored.recentEvents as RecentEventJson[];
  return {
    ...stored,
    schemaVersion: 2,
    recentEvents: events.map((json) => {
      const r = recordOf(json);
      if (r === null) return [json[0], json[1]];
      const tail: unknown[] = [
        r.tier,
        r.draws.map((d) => [d.lotId, formatAmount(d.credits), d.expiresAt]),
        formatAmount(r.uncoveredCredits),
        r.voided ? 1 : 0,
        r.hit === null
          ? null
          : [r.hit.window, formatAmount(r.hit.used), formatAmount(r.hit.limit), r.hit.resetsAt],
      ];
      const defaults: unknown[] = [null, [], "0", 0, null];
      while (tail.length > 0) {
        const last = tail[tail.length - 1];
        const fallback = defaults[tail.length - 1];
        if (Array.isArray(last) ? last.length > 0 : last !== fallback) break;
        tail.pop();
      }
      return [json[0], printOf(json), r.at, r.bucket, formatAmount(r.quotaUnits), ...tail];
    }),
  };
}
