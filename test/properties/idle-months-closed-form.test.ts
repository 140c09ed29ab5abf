/**
 * Idle months in closed form (issue 23, item 14): with nothing but time passing, the
 * subscription at any later instant — after every renewal, the scheduled tier change, the
 * lapse of a cancelled plan or of one whose next period would end after the year 9999 —
 * is computed directly, and equals folding the renewals one by one. `renewalsDue` counts
 * them exactly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compiledOf, defaultCatalog, tokenPlanChinaCatalog } from "../../src/catalog";
import { advance, evolveSubscription, periodEndOf, type Subscription } from "../../src/subscription";
import { renewalsDue, subscriptionAt } from "../../src/subscription/idle";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

const dayMs = 86_400_000;
const catalogs = [compiledOf(defaultCatalog), compiledOf(tokenPlanChinaCatalog)]; // UTC and Asia/Shanghai billing

/** The reference: one period end at a time, as `settle` folds them. */
function stepByStep(
  catalog: (typeof catalogs)[number],
  start: Subscription,
  at: number,
): { subscription: Subscription | null; renewals: number } {
  let s: Subscription | null = start;
  let renewals = 0;
  while (s !== null && s.periodEnd <= at) {
    for (const fact of advance(catalog, s)) s = evolveSubscription(s, fact);
    renewals++;
  }
  return { subscription: s, renewals };
}

const anchorArb = fc.oneof(
  fc
    .constantFrom(
      "2026-01-31T09:00:00Z",
      "2028-02-29T23:59:59.999Z",
      "2026-03-31T16:00:00Z",
      "1970-01-01T00:00:00Z",
      "9990-12-31T12:00:00Z",
      "2026-10-25T00:30:00Z",
    )
    .map((iso) => Date.parse(iso)),
  fc.integer({ min: 0, max: Date.parse("9998-01-01T00:00:00Z") }),
);

const subscriptionArb = fc
  .record({
    catalog: fc.nat(catalogs.length - 1),
    anchorAt: anchorArb,
    period: fc.nat(30),
    tier: fc.constantFrom("plus", "max", "ultra"),
    status: fc.constantFrom<Subscription["status"]>("active", "active", "canceled"),
    pending: fc.option(fc.constantFrom("plus", "max", "ultra"), { nil: null }),
    laterMs: fc.oneof(
      fc.integer({ min: 0, max: 3 * dayMs }),
      fc.integer({ min: 0, max: 800 * dayMs }),
      fc.integer({ min: 0, max: 60 * 365 * dayMs }),
    ),
    edge: fc.constantFrom(-1, 0, 1, null),
  })
  .map((r) => {
    const catalog = catalogs[r.catalog] as (typeof catalogs)[number];
    const periodStart = r.period === 0 ? r.anchorAt : periodEndOf(catalog, r.anchorAt, r.period - 1);
    const subscription: Subscription = {
      tier: r.tier,
      status: r.status,
      anchorAt: r.anchorAt,
      period: r.period,
      periodStart,
      periodEnd: periodEndOf(catalog, r.anchorAt, r.period),
      pendingTier: r.status === "canceled" ? null : r.pending,
    };
    return { catalog, subscription, laterMs: r.laterMs, edge: r.edge };
  })
  .filter(({ subscription }) => subscription.periodEnd <= Date.parse("9999-12-31T23:59:59.999Z"));

describe("idle months in closed form", () => {
  it(
    "the subscription at a later instant, and the renewals due, equal folding them one by one",
    () => {
      fc.assert(
        fc.property(subscriptionArb, ({ catalog, subscription, laterMs, edge }) => {
          // Aim at a period end ± 1 ms now and then: the boundary is exclusive.
          let at = Math.min(subscription.periodStart + laterMs, Date.parse("9999-12-31T23:59:59.999Z"));
          if (edge !== null) {
            const k = Math.floor(laterMs / (31 * dayMs));
            at = Math.min(
              periodEndOf(catalog, subscription.anchorAt, subscription.period + k) + edge,
              Date.parse("9999-12-31T23:59:59.999Z"),
            );
          }
          at = Math.max(at, subscription.periodStart);
          const expected = stepByStep(catalog, subscription, at);
          expect(subscriptionAt(catalog, subscription, at)).toEqual(expected.subscription);
          expect(renewalsDue(catalog, subscription, at)).toBe(expected.renewals);
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
