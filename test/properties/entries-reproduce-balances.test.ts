/**
 * Entries reproduce balances: summing the audit trail gives every balance the queries
 * report, after every step —
 * - credits: total = Σ purchased − Σ debited + Σ returned − Σ expired;
 * - arrears = Σ usage.uncovered − Σ usage.voided.uncoveredCredits − Σ arrears.paid;
 * - each window's used = Σ quota.consumed − Σ quota.returned of the usages inside its current
 *   block (default catalog: 5-hour blocks cut at 00/05/10/15/20 UTC, the Monday week, the UTC day).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditBalance, type LedgerEntry, quotaStatus } from "../../src";
import { fromAtoms, toAtoms } from "../support/amounts";
import { eventIdsRememberedArb, eventSequenceArb } from "../support/arbitraries";
import { blockOf } from "../support/blocks";
import { clockOf, entriesOf, freshLedger, runEvents, unwrap } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

function windowUsedFromEntries(entries: readonly LedgerEntry[], bucket: string, window: string, t: number) {
  const [start, end] = blockOf(window, t);
  const inside = (instant: string) => {
    const ms = Date.parse(instant);
    return start <= ms && ms < end;
  };
  let used = 0n;
  for (const e of entries) {
    if (e.type === "quota.consumed" && e.bucket === bucket && e.window === window && inside(e.at))
      used += toAtoms(e.units);
    if (e.type === "quota.returned" && e.bucket === bucket && e.window === window && inside(e.usageAt))
      used -= toAtoms(e.units);
  }
  return used;
}

describe("entries reproduce balances", () => {
  it(
    "credits, arrears and every window's use are the sums of the entries",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), eventIdsRememberedArb, (events, remembered) => {
          const run = runEvents(events, freshLedger(remembered));
          const entries: LedgerEntry[] = [];
          let credits = 0n;
          let arrears = 0n;
          for (const step of run.steps) {
            for (const e of entriesOf(step)) {
              entries.push(e);
              if (e.type === "credits.purchased") credits += toAtoms(e.lot.credits);
              if (e.type === "credits.debited") credits -= toAtoms(e.credits);
              if (e.type === "credits.returned") credits += toAtoms(e.credits);
              if (e.type === "credits.expired") credits -= toAtoms(e.credits);
              if (e.type === "usage.uncovered") arrears += toAtoms(e.credits);
              if (e.type === "usage.voided") arrears -= toAtoms(e.uncoveredCredits);
              if (e.type === "arrears.paid") arrears -= toAtoms(e.credits);
            }
            const at = clockOf(step.after, step.at);
            const balance = unwrap(creditBalance(step.after, at));
            expect(balance.total, `credits after step ${step.index}`).toBe(fromAtoms(credits));
            expect(balance.arrears, `arrears after step ${step.index}`).toBe(fromAtoms(arrears));
            expect(step.after.arrearsCredits).toBe(fromAtoms(arrears));

            const status = unwrap(quotaStatus(step.after, at));
            for (const bucket of status.buckets) {
              if (!bucket.covered) continue;
              for (const w of bucket.windows) {
                expect(
                  fromAtoms(toAtoms(w.used)),
                  `${bucket.bucket}/${w.window} after step ${step.index} at ${new Date(at).toISOString()}`,
                ).toBe(fromAtoms(windowUsedFromEntries(entries, bucket.bucket, w.window, at)));
              }
            }
          }
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
