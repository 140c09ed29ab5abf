/**
 * The subscription lifecycle as a table: status × command → the facts that follow, or
 * a refusal. Renewals and lapses come from time passing (`advance`, at the period end).
 *
 * | status \ command | start             | cancel            | change-tier            | period end        |
 * |------------------|-------------------|-------------------|------------------------|-------------------|
 * | none             | active, charged   | no_subscription   | no_subscription        | –                 |
 * | active           | subscription_exists | canceled        | upgrade / downgrade ¹  | renewed, charged  |
 * | canceled         | resumed ² (same tier) | already_cancelled | no_subscription    | lapsed → none     |
 *
 * ¹ to the current tier: withdraws a scheduled change; with none scheduled it is a no-op
 *   (no facts: the outcome says `changed: false`), so a "set plan" call is idempotent.
 * ² subscribing again to the same tier before the period ends undoes the cancel, free of
 *   charge; another tier is `subscription_exists` (resume, then change tier).
 *
 * Months are calendar months from the anchor (the start instant) in the catalog's
 * billing time zone, clamped at month end and never chained: Jan 31 → Feb 28 → Mar 31.
 */
import { assert } from "../assert";
import type { CompiledCatalog, CompiledTier } from "../catalog/compiled";
import { type LedgerError, ledgerError } from "../errors";
import { instantMaxMs } from "../limits";
import { calc, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { addMonthsClamped, asEpochMs } from "../time";

/** A live subscription. */
export interface Subscription {
  readonly tier: string;
  readonly status: "active" | "canceled";
  /** Epoch ms of the start: every period end is this plus whole calendar months. */
  readonly anchorAt: number;
  /** 0 for the first month. */
  readonly period: number;
  readonly periodStart: number;
  /** Exclusive: the renewal (or lapse) happens at this instant. */
  readonly periodEnd: number;
  /** A tier change that applies at the period's end, or null. */
  readonly pendingTier: string | null;
}

/** What the lifecycle decides. Instants are epoch ms; amounts are scaled. */
export type SubscriptionFact =
  | {
      readonly type: "subscription.started";
      readonly at: number;
      readonly tier: string;
      readonly periodEnd: number;
    }
  | {
      readonly type: "subscription.charged";
      readonly at: number;
      readonly tier: string;
      readonly reason: "start" | "renewal" | "upgrade";
      readonly usd: Scaled<"usd">;
      /** The end of the period the charge pays for (it runs from `at`). */
      readonly periodEnd: number;
    }
  | {
      readonly type: "subscription.renewed";
      readonly at: number;
      readonly tier: string;
      readonly periodEnd: number;
    }
  | {
      readonly type: "subscription.tier-changed";
      readonly at: number;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly type: "subscription.change-scheduled";
      readonly at: number;
      readonly from: string;
      readonly to: string;
      readonly effectiveAt: number;
    }
  | { readonly type: "subscription.cancelled"; readonly at: number; readonly accessUntil: number }
  | { readonly type: "subscription.resumed"; readonly at: number; readonly tier: string }
  | {
      readonly type: "subscription.change-withdrawn";
      readonly at: number;
      readonly tier: string;
      /** The tier that was scheduled and no longer is. */
      readonly withdrawn: string;
    }
  | { readonly type: "subscription.lapsed"; readonly at: number; readonly tier: string };

/** A command a user's event carries. */
export type SubscriptionCommand =
  | { readonly type: "subscribe"; readonly at: number; readonly tier: string }
  | { readonly type: "cancel"; readonly at: number }
  | { readonly type: "change-tier"; readonly at: number; readonly tier: string };

function tierOf(catalog: CompiledCatalog, id: string): CompiledTier {
  const tier = catalog.tiers.get(id);
  assert(tier !== undefined, "unknown tier in state");
  return tier;
}

/** The end of period `period` (0-based) of a subscription anchored at `anchorAt`. */
export function periodEndOf(catalog: CompiledCatalog, anchorAt: number, period: number): number {
  return addMonthsClamped(asEpochMs(anchorAt), period + 1, catalog.subscription.billingTimeZone);
}

/** Decides a command against the current subscription (null = none). */
export function decideSubscription(
  catalog: CompiledCatalog,
  subscription: Subscription | null,
  command: SubscriptionCommand,
): Result<readonly SubscriptionFact[], LedgerError> {
  const at = command.at;
  switch (command.type) {
    case "subscribe": {
      if (subscription !== null && subscription.status === "canceled" && subscription.tier === command.tier) {
        return ok([{ type: "subscription.resumed", at, tier: subscription.tier }]);
      }
      if (subscription !== null) {
        return err(
          ledgerError(
            "subscription_exists",
            subscription.status === "active"
              ? `A ${subscription.tier} subscription is already active; change its tier instead.`
              : `The cancelled ${subscription.tier} subscription runs until its period ends: subscribe to ${subscription.tier} to resume it, or to another tier after it ends.`,
            ["type"],
            { tier: subscription.tier },
          ),
        );
      }
      const tier = tierOf(catalog, command.tier);
      if (periodEndOf(catalog, at, 0) > instantMaxMs) {
        return err(
          ledgerError("invalid_instant", "A subscription starting then would renew after the year 9999.", [
            "at",
          ]),
        );
      }
      const periodEnd = periodEndOf(catalog, at, 0);
      return ok([
        { type: "subscription.started", at, tier: tier.id, periodEnd },
        { type: "subscription.charged", at, tier: tier.id, reason: "start", usd: tier.price, periodEnd },
      ]);
    }
    case "cancel": {
      if (subscription !== null && subscription.status === "canceled") {
        return err(
          ledgerError(
            "already_cancelled",
            `The ${subscription.tier} subscription is already cancelled; it runs until its period ends.`,
            ["type"],
            { tier: subscription.tier },
          ),
        );
      }
      if (subscription === null) {
        return err(ledgerError("no_subscription", "There is no active subscription to cancel.", ["type"]));
      }
      return ok([{ type: "subscription.cancelled", at, accessUntil: subscription.periodEnd }]);
    }
    case "change-tier": {
      if (subscription === null || subscription.status !== "active") {
        return err(
          ledgerError("no_subscription", "There is no active subscription whose tier could change.", [
            "type",
          ]),
        );
      }
      if (subscription.tier === command.tier && subscription.pendingTier !== null) {
        return ok([
          {
            type: "subscription.change-withdrawn",
            at,
            tier: subscription.tier,
            withdrawn: subscription.pendingTier,
          },
        ]);
      }
      // Already the tier in force, nothing pending: nothing to do (and nothing charged).
      if (subscription.tier === command.tier) return ok([]);
      const from = tierOf(catalog, subscription.tier);
      const to = tierOf(catalog, command.tier);
      const upgrade = calc.compare(to.price, from.price) > 0;
      const rules = catalog.subscription;
      const timing = upgrade ? rules.upgrade : rules.downgrade;
      if (timing === "period-end") {
        return ok([
          {
            type: "subscription.change-scheduled",
            at,
            from: from.id,
            to: to.id,
            effectiveAt: subscription.periodEnd,
          },
        ]);
      }
      const facts: SubscriptionFact[] = [{ type: "subscription.tier-changed", at, from: from.id, to: to.id }];
      if (upgrade && rules.upgradeCharge === "price-difference") {
        facts.push({
          type: "subscription.charged",
          at,
          tier: to.id,
          reason: "upgrade",
          usd: calc.subtract(to.price, from.price),
          periodEnd: subscription.periodEnd,
        });
      }
      return ok(facts);
    }
  }
}

/** The facts of the period end: a lapse after a cancel, else a renewal (after any scheduled change). */
export function advance(catalog: CompiledCatalog, subscription: Subscription): readonly SubscriptionFact[] {
  const at = subscription.periodEnd;
  const nextEnd = periodEndOf(catalog, subscription.anchorAt, subscription.period + 1);
  // A cancelled plan lapses; so does one whose next period would end past the year 9999.
  if (subscription.status === "canceled" || nextEnd > instantMaxMs) {
    return [{ type: "subscription.lapsed", at, tier: subscription.tier }];
  }
  const facts: SubscriptionFact[] = [];
  let tier = subscription.tier;
  if (subscription.pendingTier !== null) {
    facts.push({ type: "subscription.tier-changed", at, from: tier, to: subscription.pendingTier });
    tier = subscription.pendingTier;
  }
  facts.push({
    type: "subscription.renewed",
    at,
    tier,
    periodEnd: nextEnd,
  });
  facts.push({
    type: "subscription.charged",
    at,
    tier,
    reason: "renewal",
    usd: tierOf(catalog, tier).price,
    periodEnd: nextEnd,
  });
  return facts;
}

/** Folds one fact into the subscription: mechanics only, no rules. */
export function evolveSubscription(
  subscription: Subscription | null,
  fact: SubscriptionFact,
): Subscription | null {
  switch (fact.type) {
    case "subscription.started":
      return {
        tier: fact.tier,
        status: "active",
        anchorAt: fact.at,
        period: 0,
        periodStart: fact.at,
        periodEnd: fact.periodEnd,
        pendingTier: null,
      };
    case "subscription.charged":
      return subscription;
    case "subscription.renewed":
      return subscription === null
        ? null
        : {
            ...subscription,
            tier: fact.tier,
            period: subscription.period + 1,
            periodStart: fact.at,
            periodEnd: fact.periodEnd,
            pendingTier: null,
          };
    case "subscription.tier-changed":
      return subscription === null ? null : { ...subscription, tier: fact.to, pendingTier: null };
    case "subscription.change-scheduled":
      return subscription === null ? null : { ...subscription, pendingTier: fact.to };
    case "subscription.cancelled":
      return subscription === null ? null : { ...subscription, status: "canceled", pendingTier: null };
    case "subscription.lapsed":
      return null;
    case "subscription.resumed":
      return subscription === null ? null : { ...subscription, status: "active" };
    case "subscription.change-withdrawn":
      return subscription === null ? null : { ...subscription, pendingTier: null };
  }
}
