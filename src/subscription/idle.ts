/**
 * Idle months in closed form. With nothing but time passing, a subscription's period ends
 * are pure arithmetic on its anchor: the state after all of them up to an instant, and how
 * many there are, need no fold. Queries use it (they need the state, not one entry per
 * renewal), and `settle` uses the count to refuse a jump that would charge more renewals
 * than `limits.renewalsPerSettleMax` before doing any of them.
 */
import type { CompiledCatalog } from "../catalog/compiled";
import { instantMaxMs } from "../limits";
import { periodEndOf, type Subscription } from "./lifecycle";

/** Calendar months from `from` to `to` as UTC sees them: within one of the months in any zone. */
function utcMonthsBetween(from: number, to: number): number {
  const a = new Date(from);
  const b = new Date(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

/**
 * The period that runs at `at`: the smallest period ≥ the subscription's whose end is after
 * `at`. Period ends are anchor + (period + 1) calendar months, so the UTC month count lands
 * within two of it; a few steps make it exact.
 */
function periodAt(catalog: CompiledCatalog, subscription: Subscription, at: number): number {
  let period = Math.max(subscription.period, utcMonthsBetween(subscription.anchorAt, at) - 2);
  while (period > subscription.period && periodEndOf(catalog, subscription.anchorAt, period - 1) > at)
    period--;
  while (periodEndOf(catalog, subscription.anchorAt, period) <= at) period++;
  return period;
}

/**
 * The subscription once every period end up to `at` (inclusive) has passed, exactly as
 * folding `advance` one period at a time gives it: the scheduled tier change at the first
 * renewal, a cancelled plan lapsed at its period end, and a plan whose next period would
 * end after the year 9999 lapsed at the last end before.
 */
export function subscriptionAt(
  catalog: CompiledCatalog,
  subscription: Subscription,
  at: number,
): Subscription | null {
  if (subscription.periodEnd > at) return subscription;
  if (subscription.status === "canceled") return null;
  const period = periodAt(catalog, subscription, at);
  const periodEnd = periodEndOf(catalog, subscription.anchorAt, period);
  if (periodEnd > instantMaxMs) return null;
  return {
    ...subscription,
    tier: subscription.pendingTier ?? subscription.tier,
    period,
    periodStart: periodEndOf(catalog, subscription.anchorAt, period - 1),
    periodEnd,
    pendingTier: null,
  };
}

/** How many period ends (renewals, or the one lapse) fall at or before `at`. */
export function renewalsDue(catalog: CompiledCatalog, subscription: Subscription | null, at: number): number {
  if (subscription === null || subscription.periodEnd > at) return 0;
  if (subscription.status === "canceled") return 1;
  const period = periodAt(catalog, subscription, at);
  // The renewal into `period` would end after 9999: that period end is a lapse, and the last.
  return period - subscription.period;
}
