/**
 * simulate's totals equal the ledger's entries. The reference applies the same plan and
 * strategy the obvious way (a quote and an applyEvent per usage) and sums every entry;
 * simulate's segmented replay must report exactly those sums, the same purchases at the
 * same instants, and the same full windows.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src";
import { formatAmount } from "../../src/money";
import { atoms } from "../support/ledger";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { planArb, referenceRun, strategyArb, sumOf, testCatalogs, usageLogArb } from "./support";

const text = (n: bigint) => formatAmount(n as Parameters<typeof formatAmount>[0]);

describe("simulate's totals equal the ledger's entries", () => {
  it(
    "for any log, plan, strategy and catalog, every total, purchase and full window matches a usage-by-usage replay",
    () => {
      fc.assert(
        fc.property(
          usageLogArb,
          planArb,
          strategyArb,
          fc.constantFrom(...testCatalogs),
          (usages, plan, credits, catalog) => {
            const simulated = simulate(usages, { catalog, plan, credits });
            if (!simulated.ok) throw new Error(simulated.error.message);
            const s = simulated.value;
            const ref = referenceRun(catalog, usages, plan, credits);
            const e = ref.entries;
            const value = sumOf(e, "usage.recorded", (x) => (x.type === "usage.recorded" ? x.valueUsd : "0"));
            const overflow =
              sumOf(e, "usage.recorded", (x) => (x.type === "usage.recorded" ? x.valueCredits : "0")) -
              sumOf(e, "usage.recorded", (x) => (x.type === "usage.recorded" ? x.quotaCredits : "0"));
            const subscription = sumOf(e, "subscription.charged", (x) =>
              x.type === "subscription.charged" ? x.usd : "0",
            );
            const purchased = sumOf(e, "credits.purchased", (x) =>
              x.type === "credits.purchased" ? x.lot.credits : "0",
            );
            const purchasedUsd = sumOf(e, "credits.purchased", (x) =>
              x.type === "credits.purchased" ? x.lot.priceUsd : "0",
            );
            expect({
              usages: s.usages,
              valueUsd: s.valueUsd,
              subscriptionUsd: s.subscriptionUsd,
              subscriptionCharges: s.subscriptionCharges,
              creditsPurchased: s.creditsPurchased,
              creditsPurchasedUsd: s.creditsPurchasedUsd,
              creditsUsed: s.creditsUsed,
              creditsExpired: s.creditsExpired,
              creditsLeft: s.creditsLeft,
              overflowCredits: s.overflowCredits,
              uncoveredCredits: s.uncoveredCredits,
              totalUsd: s.totalUsd,
            }).toEqual({
              usages: usages.length,
              valueUsd: text(value),
              subscriptionUsd: text(subscription),
              subscriptionCharges: e.filter((x) => x.type === "subscription.charged").length,
              creditsPurchased: text(purchased),
              creditsPurchasedUsd: text(purchasedUsd),
              creditsUsed: text(
                sumOf(e, "credits.debited", (x) => (x.type === "credits.debited" ? x.credits : "0")),
              ),
              creditsExpired: text(
                sumOf(e, "credits.expired", (x) => (x.type === "credits.expired" ? x.credits : "0")),
              ),
              creditsLeft: ref.creditsLeft,
              overflowCredits: text(overflow),
              uncoveredCredits: text(
                sumOf(e, "usage.uncovered", (x) => (x.type === "usage.uncovered" ? x.credits : "0")),
              ),
              totalUsd: text(subscription + purchasedUsd),
            });
            expect(s.purchases.map((p) => ({ at: p.at, beforeUsage: p.beforeUsage }))).toEqual(ref.purchases);
            expect(
              s.full.map((f) => ({ bucket: f.bucket, window: f.window, from: f.from, until: f.until })),
            ).toEqual(ref.full);
            for (const w of s.windows) {
              const consumed = sumOf(e, "quota.consumed", (x) =>
                x.type === "quota.consumed" && x.bucket === w.bucket && x.window === w.window ? x.units : "0",
              );
              expect(w.usedUnits).toBe(text(consumed));
              expect(w.fullTimes).toBe(
                ref.full.filter((f) => f.bucket === w.bucket && f.window === w.window).length,
              );
            }
            // The days and the blocks add up to the totals.
            expect(text(s.days.reduce((sum, d) => sum + atoms(d.valueUsd), 0n))).toBe(s.valueUsd);
            expect(s.days.reduce((sum, d) => sum + d.usages, 0)).toBe(s.usages);
            for (const w of s.windows) {
              const blocks = s.periods.filter((p) => p.bucket === w.bucket && p.window === w.window);
              if (blocks.length > 0)
                expect(text(blocks.reduce((sum, p) => sum + atoms(p.usedUnits), 0n))).toBe(w.usedUnits);
            }
          },
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
