/**
 * The audit trail's public form: one plain interface per entry type, as the docs and the
 * editor show them. Each is the formatted form of an internal fact (`facts.ts`: instants
 * as ISO-8601, amounts as canonical strings); a type test holds the two equal.
 */
import type { Credits, QuotaUnits, Usd } from "../money";
import type { Instant } from "../time";

/**
 * Credits moved to or from one lot. `expiresAt` pins the lot: an expired lot's id may
 * be used again by a later purchase.
 *
 * @example
 * const draw: LotCredits = { lotId: "pack-1", credits: "1234.5" as Credits, expiresAt: "2027-06-01T08:05:00.000Z" as Instant };
 */
export interface LotCredits {
  readonly lotId: string;
  readonly credits: Credits;
  /** When the lot expires (exclusive). */
  readonly expiresAt: Instant;
}

/**
 * A credit lot: one purchase or grant, with its own expiry.
 *
 * @example
 * lot.remaining; //=> "5000"
 */
export interface CreditLot {
  /** The id of the event that bought or granted it. */
  readonly id: string;
  readonly kind: "purchase" | "grant";
  readonly purchasedAt: Instant;
  /** The credits are usable strictly before this instant. */
  readonly expiresAt: Instant;
  /** Credits the lot started with. */
  readonly credits: Credits;
  /** Credits left. */
  readonly remaining: Credits;
  /** What was paid for it ("0" for a grant). */
  readonly priceUsd: Usd;
}

/**
 * A subscription started: its first period runs from `at` to `periodEnd`.
 *
 * @example
 * const e: SubscriptionStartedEntry = { type: "subscription.started", eventId: "sub-1", at, tier: "max", periodEnd };
 */
export interface SubscriptionStartedEntry {
  readonly type: "subscription.started";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly tier: string;
  /** The end of the first period (exclusive): the renewal instant. */
  readonly periodEnd: Instant;
}

/**
 * A subscription charge: a start, a renewal or an upgrade's price difference.
 *
 * @example
 * charge.usd; //=> "50"
 */
export interface SubscriptionChargedEntry {
  readonly type: "subscription.charged";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly tier: string;
  readonly reason: "start" | "renewal" | "upgrade";
  readonly usd: Usd;
  /** The end of the period the charge pays for (it runs from `at`). */
  readonly periodEnd: Instant;
}

/**
 * A period renewed (time passing: `eventId` is null).
 *
 * @example
 * renewed.periodEnd; //=> "2026-08-01T08:00:00.000Z"
 */
export interface SubscriptionRenewedEntry {
  readonly type: "subscription.renewed";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly tier: string;
  /** The end of the new period. */
  readonly periodEnd: Instant;
}

/**
 * The tier changed (an upgrade at once, or a scheduled downgrade at the period's end).
 *
 * @example
 * [changed.from, changed.to]; //=> ["plus", "max"]
 */
export interface SubscriptionTierChangedEntry {
  readonly type: "subscription.tier-changed";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly from: string;
  readonly to: string;
}

/**
 * A tier change scheduled for `effectiveAt` (a downgrade waits for the period's end).
 *
 * @example
 * scheduled.effectiveAt; //=> "2026-07-01T08:00:00.000Z"
 */
export interface SubscriptionChangeScheduledEntry {
  readonly type: "subscription.change-scheduled";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly from: string;
  readonly to: string;
  readonly effectiveAt: Instant;
}

/**
 * A cancel: access (and quota) stays until `accessUntil`, then the plan lapses.
 *
 * @example
 * cancelled.accessUntil; //=> "2026-07-01T08:00:00.000Z"
 */
export interface SubscriptionCancelledEntry {
  readonly type: "subscription.cancelled";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly accessUntil: Instant;
}

/**
 * A cancelled plan resumed before its period ended (subscribing again to the same tier).
 *
 * @example
 * resumed.tier; //=> "max"
 */
export interface SubscriptionResumedEntry {
  readonly type: "subscription.resumed";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly tier: string;
}

/**
 * A scheduled tier change withdrawn (changing to the tier in force).
 *
 * @example
 * withdrawn.withdrawn; //=> "plus"
 */
export interface SubscriptionChangeWithdrawnEntry {
  readonly type: "subscription.change-withdrawn";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly tier: string;
  /** The tier that was scheduled and no longer is. */
  readonly withdrawn: string;
}

/**
 * A cancelled plan lapsed at its period's end: from now on only credits pay.
 *
 * @example
 * lapsed.tier; //=> "max"
 */
export interface SubscriptionLapsedEntry {
  readonly type: "subscription.lapsed";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly tier: string;
}

/**
 * A lot purchased or granted.
 *
 * @example
 * purchased.lot.credits; //=> "5000"
 */
export interface CreditsPurchasedEntry {
  readonly type: "credits.purchased";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly lot: CreditLot;
}

/**
 * Credits drawn from one lot (by a usage, or by a `pay-arrears` event).
 *
 * @example
 * debited.credits; //=> "1234.5"
 */
export interface CreditsDebitedEntry {
  readonly type: "credits.debited";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly lotId: string;
  readonly credits: Credits;
}

/**
 * Credits a void gave back to one lot.
 *
 * @example
 * returned.credits; //=> "1234.5"
 */
export interface CreditsReturnedEntry {
  readonly type: "credits.returned";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly lotId: string;
  /** The lot's expiry: with the id, it names the lot (an expired lot's id may be reused). */
  readonly expiresAt: Instant;
  readonly credits: Credits;
}

/**
 * Credits that expired unused.
 *
 * @example
 * expired.credits; //=> "3765.5"
 */
export interface CreditsExpiredEntry {
  readonly type: "credits.expired";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly lotId: string;
  /** The lot's expiry (equal to `at` when time expired it; earlier when a void reports it). */
  readonly expiresAt: Instant;
  readonly credits: Credits;
}

/**
 * Quota one window counted for a usage (a usage takes the same units from every window
 * of its bucket, one entry each).
 *
 * @example
 * consumed.units; //=> "0.0061035"
 */
export interface QuotaConsumedEntry {
  readonly type: "quota.consumed";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly bucket: string;
  readonly window: string;
  readonly units: QuotaUnits;
}

/**
 * Quota a void gave back to one window (what the window still held of the usage).
 *
 * @example
 * returnedQuota.usageAt; //=> "2026-06-04T14:10:00.000Z"
 */
export interface QuotaReturnedEntry {
  readonly type: "quota.returned";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly bucket: string;
  readonly window: string;
  readonly units: QuotaUnits;
  /** When the voided usage happened. */
  readonly usageAt: Instant;
}

/**
 * A usage and who paid for it: valueCredits = quotaCredits + creditsDebited +
 * uncoveredCredits, exactly.
 *
 * @example
 * recorded.valueUsd; //=> "0.0061035"
 */
export interface UsageRecordedEntry {
  readonly type: "usage.recorded";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly resource: string;
  /** The quota bucket it draws on, or null for a resource outside every bucket. */
  readonly bucket: string | null;
  /** Its pay-as-you-go list value. */
  readonly valueUsd: Usd;
  readonly valueCredits: Credits;
  /** Units quota covered. */
  readonly quotaUnits: QuotaUnits;
  /** The credit value quota covered. */
  readonly quotaCredits: Credits;
  readonly creditsDebited: Credits;
  /** What neither quota nor credits covered (arrears). */
  readonly uncoveredCredits: Credits;
  /** Each lot drawn, in draw order. */
  readonly draws: readonly LotCredits[];
}

/**
 * Usage neither quota nor credits covered: arrears opened.
 *
 * @example
 * uncovered.credits; //=> "404"
 */
export interface UsageUncoveredEntry {
  readonly type: "usage.uncovered";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly credits: Credits;
}

/**
 * Arrears paid from credits by a `pay-arrears` event.
 *
 * @example
 * paid.credits; //=> "404"
 */
export interface ArrearsPaidEntry {
  readonly type: "arrears.paid";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly credits: Credits;
}

/**
 * A usage voided; its quota and credits come back in their own entries.
 *
 * @example
 * voided.usageId; //=> "req-1"
 */
export interface UsageVoidedEntry {
  readonly type: "usage.voided";
  /** The event that caused it, or null when time passing did (renewals, lapses, expiries). */
  readonly eventId: string | null;
  readonly at: Instant;
  readonly usageId: string;
  /** Arrears cancelled: the usage's uncovered credits, as far as they were still owed. */
  readonly uncoveredCredits: Credits;
  /** The rest of its uncovered credits, already paid: given back as a refund lot ("0" when none). */
  readonly refundedCredits: Credits;
}

/**
 * One audit record. Entries are append-only; summed they reproduce every balance:
 * credits = purchased − debited + returned − expired, per lot and in total (a void's refund
 * lot is a `credits.purchased` of kind "grant"); window use = consumed − returned;
 * arrears = uncovered − voided uncovered − paid.
 *
 * @example
 * const entry: LedgerEntry = {
 *   type: "credits.debited", eventId: "req-7", at: "2026-06-04T14:10:00.000Z" as Instant,
 *   lotId: "buy-1", credits: "1234.5" as Credits,
 * };
 */
export type LedgerEntry =
  | SubscriptionStartedEntry
  | SubscriptionChargedEntry
  | SubscriptionRenewedEntry
  | SubscriptionTierChangedEntry
  | SubscriptionChangeScheduledEntry
  | SubscriptionCancelledEntry
  | SubscriptionResumedEntry
  | SubscriptionChangeWithdrawnEntry
  | SubscriptionLapsedEntry
  | CreditsPurchasedEntry
  | CreditsDebitedEntry
  | CreditsReturnedEntry
  | CreditsExpiredEntry
  | QuotaConsumedEntry
  | QuotaReturnedEntry
  | UsageRecordedEntry
  | UsageUncoveredEntry
  | ArrearsPaidEntry
  | UsageVoidedEntry;

/** The `type` of a {@link LedgerEntry}. @example const t: LedgerEntryType = "quota.consumed"; */
export type LedgerEntryType = LedgerEntry["type"];
