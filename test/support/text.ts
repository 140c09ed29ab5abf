import { type LedgerState, parseLedger, type RecentEventJson, serializeLedger } from "../../src";
import { flattenRecent } from "../../src/ledger/recent";

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
