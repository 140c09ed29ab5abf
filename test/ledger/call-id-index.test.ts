/**
 * The id index of one call's events (a hash table chained through the remembered items,
 * src/ledger/recent.ts) against a plain list of the last `max` ids: through the table's
 * growth, the compaction of forgotten items, ids sent again once forgotten, and ids that
 * share a bucket. A batch replay depends on it for every usage it takes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvents, createLedger, type LedgerEvent } from "../../src";
import type { NormalizedEvent } from "../../src/ledger/events";
import { RecentLog } from "../../src/ledger/recent";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

const t0 = Date.UTC(2026, 5, 1);

function cancelOf(id: string, i: number): NormalizedEvent {
  return { type: "cancel", id, at: t0 + i };
}

describe("a call's id index", () => {
  it(
    "remembers exactly the last `max` ids pushed, however many share a bucket or come back",
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(1, 7, 16, 17, 40, 300),
          // Few distinct ids (they come back once forgotten), or many (the table grows).
          fc.constantFrom(12, 50, 2000),
          fc.array(fc.nat(), { minLength: 1, maxLength: 900 }),
          (max, distinct, picks) => {
            const log = new RecentLog([], max, 0);
            const list: string[] = [];
            picks.forEach((pick, i) => {
              const id = `id-${pick % distinct}`;
              // The ledger looks an id up first, and pushes only one it does not remember.
              const known = log.fingerprintOf(id) !== null;
              expect(known, `${id} at step ${i}`).toBe(list.includes(id));
              if (known) return;
              log.push(cancelOf(id, i), null);
              list.push(id);
              if (list.length > max) list.shift();
            });
            // Every id ever sent, including a fresh string of the same text.
            const last = new Set(list);
            for (let k = 0; k < distinct; k++) {
              const id = ["id-", String(k)].join("");
              expect(log.fingerprintOf(id) !== null, id).toBe(last.has(id));
            }
          },
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  it("in one replay of 5,000 usages, a retry of each of the last 128 is a duplicate and the one before is new", () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const usage = (i: number): LedgerEvent => ({
      type: "usage",
      id: `u-${i}`,
      at: t0 + i * 1000,
      resource: "music",
      measures: { songs: 0 },
    });
    const events = Array.from({ length: 5000 }, (_, i) => usage(i));
    // The ledger remembers 128 ids by default: the last 128 are answered as duplicates.
    const retries = Array.from({ length: 128 }, (_, k) => usage(4999 - k));
    const replay = applyEvents(created.state, [...events, ...retries]);
    if (!replay.ok) throw new Error(replay.error.message);
    expect([replay.applied, replay.duplicates]).toEqual([5000, 128]);
    // The 129th from the end is forgotten: sent again (later), it is a new usage.
    const forgotten = { ...usage(4999 - 128), at: t0 + 6000 * 1000 };
    const later = applyEvents(created.state, [...events, forgotten]);
    if (!later.ok) throw new Error(later.error.message);
    expect([later.applied, later.duplicates]).toEqual([5001, 0]);
    // With the same content as its first time, a remembered one is a duplicate, a changed one a conflict.
    const changed = applyEvents(created.state, [...events, { ...usage(4990), at: t0 + 6000 * 1000 }]);
    expect(changed.ok ? "applied" : changed.error.code).toBe("conflict");
  });
});
