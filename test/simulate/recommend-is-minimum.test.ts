/**
 * The recommendation is the minimum over the options it tried: every tier and credits
 * only, ranked by total cost, and each option's figures are exactly what simulate reports
 * for that plan (so the ranking is over true totals, not estimates).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultCatalog, recommendPlan, simulate } from "../../src";
import { atoms } from "../support/ledger";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { strategyArb, testCatalogs, usageLogArb } from "./support";

describe("the recommendation is the minimum over the options tried", () => {
  it(
    "ranks every tier and credits only by total, each equal to simulate's figures for it",
    () => {
      fc.assert(
        fc.property(
          usageLogArb,
          strategyArb,
          fc.constantFrom(...testCatalogs),
          (usages, credits, catalog) => {
            const r = recommendPlan(usages, { catalog, credits });
            if (!r.ok) throw new Error(r.error.message);
            const { plans, cheapest } = r.value;
            expect(plans.map((p) => p.plan).sort()).toEqual(
              [...Object.keys(catalog.tiers), "credits-only"].sort(),
            );
            expect(cheapest).toBe(plans[0]?.plan);
            const totals = plans.map((p) => atoms(p.totalUsd));
            const minimum = totals.reduce((a, b) => (b < a ? b : a));
            expect(totals[0]).toBe(minimum);
            for (let k = 1; k < totals.length; k++)
              expect((totals[k - 1] as bigint) <= (totals[k] as bigint)).toBe(true);
            for (const option of plans) {
              const s = simulate(usages, {
                catalog,
                credits,
                plan: option.plan === "credits-only" ? "none" : option.plan,
              });
              if (!s.ok) throw new Error(s.error.message);
              expect({
                subscriptionUsd: option.subscriptionUsd,
                subscriptionCharges: option.subscriptionCharges,
                creditsPurchased: option.creditsPurchased,
                creditsPurchasedUsd: option.creditsPurchasedUsd,
                overflowCredits: option.overflowCredits,
                uncoveredCredits: option.uncoveredCredits,
                totalUsd: option.totalUsd,
                fills: option.fills.map((f) => [f.bucket, f.window, f.times]).sort(),
              }).toEqual({
                subscriptionUsd: s.value.subscriptionUsd,
                subscriptionCharges: s.value.subscriptionCharges,
                creditsPurchased: s.value.creditsPurchased,
                creditsPurchasedUsd: s.value.creditsPurchasedUsd,
                overflowCredits: s.value.overflowCredits,
                uncoveredCredits: s.value.uncoveredCredits,
                totalUsd: s.value.totalUsd,
                fills: s.value.windows
                  .filter((w) => w.fullTimes > 0)
                  .map((w) => [w.bucket, w.window, w.fullTimes])
                  .sort(),
              });
              expect(option.reason.startsWith(`${option.name}: `)).toBe(true);
            }
          },
        ),
        // 300 runs by default: each run is a recommendation and five simulations.
        propertyParameters(300),
      );
    },
    propertyTimeoutMs,
  );

  it("an empty log costs nothing on credits only, which is then the cheapest", () => {
    const r = recommendPlan([], { catalog: defaultCatalog });
    expect(r.ok && r.value.cheapest).toBe("credits-only");
    expect(r.ok && r.value.plans[0]?.totalUsd).toBe("0");
  });
});
