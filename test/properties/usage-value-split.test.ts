/**
 * usage = quota + credits + uncovered: every receipt splits the usage's list value exactly,
 * valueCredits = quota.credits + credits.debited + uncoveredCredits; for the general bucket
 * (counted in list-price USD) quota.credits = quota.units × 1,000; and the entries say the
 * same as the receipt.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditsPerUsd, fromAtoms, sumAtoms, toAtoms } from "../support/amounts";
import { eventSequenceArb } from "../support/arbitraries";
import { entriesOf, runEvents, usageSteps } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

describe("usage = quota + credits + uncovered", () => {
  it(
    "splits every usage's value exactly, and the entries agree with the receipt",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), (events) => {
          const run = runEvents(events);
          for (const { step, receipt, event } of usageSteps(run)) {
            const value = toAtoms(receipt.valueCredits);
            const quota = toAtoms(receipt.quota.credits);
            const debited = toAtoms(receipt.credits.debited);
            const uncovered = toAtoms(receipt.uncoveredCredits);
            expect(fromAtoms(quota + debited + uncovered), `split of ${event.id}`).toBe(fromAtoms(value));
            expect(fromAtoms(value)).toBe(fromAtoms(toAtoms(receipt.valueUsd) * creditsPerUsd));
            if (receipt.bucket === "general") {
              expect(fromAtoms(quota), `quota credits of ${event.id}`).toBe(
                fromAtoms(toAtoms(receipt.quota.units) * creditsPerUsd),
              );
            }
            expect(toAtoms(receipt.quota.units) <= toAtoms(receipt.quota.required)).toBe(true);
            expect(sumAtoms(receipt.credits.lots.map((l) => l.credits))).toBe(debited);

            const own = entriesOf(step).filter((e) => e.eventId === event.id);
            const recorded = own.filter((e) => e.type === "usage.recorded");
            expect(recorded).toHaveLength(1);
            const record = recorded[0];
            if (record?.type === "usage.recorded") {
              expect(record.valueCredits).toBe(receipt.valueCredits);
              expect(record.quotaCredits).toBe(receipt.quota.credits);
              expect(record.quotaUnits).toBe(receipt.quota.units);
              expect(record.creditsDebited).toBe(receipt.credits.debited);
              expect(record.uncoveredCredits).toBe(receipt.uncoveredCredits);
              expect(record.draws).toEqual(receipt.credits.lots);
            }
            const debits = own.flatMap((e) => (e.type === "credits.debited" ? [e] : []));
            expect(debits.map((d) => ({ lotId: d.lotId, credits: d.credits }))).toEqual(
              receipt.credits.lots.map((l) => ({ lotId: l.lotId, credits: l.credits })),
            );
            const owed = own.flatMap((e) => (e.type === "usage.uncovered" ? [e.credits] : []));
            expect(owed).toEqual(uncovered > 0n ? [receipt.uncoveredCredits] : []);
            const consumed = own.flatMap((e) => (e.type === "quota.consumed" ? [e] : []));
            expect(consumed.map((c) => c.window)).toEqual(receipt.quota.windows);
            for (const c of consumed) {
              expect(c.bucket).toBe(receipt.bucket);
              expect(c.units).toBe(receipt.quota.units);
            }
            expect(consumed.length > 0).toBe(toAtoms(receipt.quota.units) > 0n);
            const payers = [
              ...(quota > 0n || toAtoms(receipt.quota.units) > 0n ? ["quota"] : []),
              ...(debited > 0n ? ["credits"] : []),
              ...(uncovered > 0n ? ["uncovered"] : []),
            ];
            expect(receipt.paidBy).toEqual(payers);
          }
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
