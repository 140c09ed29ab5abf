/**
 * What a caller sees after an event: a receipt for a usage, what a void gave back, the
 * new lot, the subscription, or that the event was a duplicate.
 */
import type { Lot, LotDraw } from "../credits";
import { type Credits, calc, formatAmount, type QuotaUnits, type Scaled, type Usd } from "../money";
import type { Subscription } from "../subscription";
import { asEpochMs, formatInstant, type Instant } from "../time";
import type { QuotaLimitHit, UsageDecision, VoidDecision } from "./decide";
import type { CreditLot, LotCredits } from "./entries";
import type { LedgerEventType, NormalizedEvent } from "./events";
import { formatOut } from "./facts";

/** The provider-style notice of a full window, with its facts. */
export interface QuotaLimitNoticeInternal extends QuotaLimitHit {
  /** e.g. "5-hour usage limit reached for Token Plan Max (19.834/19.834 used), resets at 2026-06-04T15:00:00.000Z" */
  readonly message: string;
}

/**
 * The window that kept quota from covering a usage, as the provider names it in its
 * refusal: window label, tier, used/total and the reset instant. `limit` "0" means the
 * resource is not in this tier.
 *
 * @example
 * notice.message; //=> "5-hour usage limit reached for Token Plan Max (19.834/19.834 used), resets at 2026-06-04T15:00:00.000Z"
 */
export interface QuotaLimitNotice {
  readonly bucket: string;
  readonly window: string;
  /** The window's label ("5-hour", "weekly"). */
  readonly label: string;
  /** The tier whose limit was reached. */
  readonly tier: string;
  readonly used: QuotaUnits;
  readonly limit: QuotaUnits;
  /** When the window resets or frees capacity, or null. */
  readonly resetsAt: Instant | null;
  /** e.g. "5-hour usage limit reached for Token Plan Max (19.834/19.834 used), resets at 2026-06-04T15:00:00.000Z" */
  readonly message: string;
}

interface UsageReceiptInternal {
  readonly type: "usage";
  readonly eventId: string;
  readonly at: number;
  readonly resource: string;
  readonly bucket: string | null;
  /** The usage's pay-as-you-go list value. */
  readonly valueUsd: Scaled<"usd">;
  readonly valueCredits: Scaled<"credits">;
  readonly quota: {
    /** Units the usage needed in its bucket. */
    readonly required: Scaled<"quota">;
    /** Units quota covered (taken from every window listed). */
    readonly units: Scaled<"quota">;
    /** The credit value quota covered. */
    readonly credits: Scaled<"credits">;
    readonly windows: readonly string[];
  };
  readonly credits: { readonly debited: Scaled<"credits">; readonly lots: readonly LotDraw[] };
  /** What neither quota nor credits covered, now owed (arrears). */
  readonly uncoveredCredits: Scaled<"credits">;
  /** Who paid, in order. */
  readonly paidBy: readonly ("quota" | "credits" | "uncovered")[];
  readonly limit: QuotaLimitNoticeInternal | null;
}

/**
 * What quota covered of a usage.
 *
 * @example
 * receipt.quota.windows; //=> ["5h", "weekly"]
 */
export interface QuotaCover {
  /** Units the usage needed in its bucket. */
  readonly required: QuotaUnits;
  /** Units quota covered (taken from every window listed). */
  readonly units: QuotaUnits;
  /** The credit value quota covered. */
  readonly credits: Credits;
  /** The windows the units were taken from (all of the bucket's, or none). */
  readonly windows: readonly string[];
}

/**
 * What credit lots covered of a usage.
 *
 * @example
 * receipt.credits.lots; //=> [{ lotId: "pack-1", credits: "150", expiresAt: "2027-06-01T08:05:00.000Z" }]
 */
export interface CreditCover {
  readonly debited: Credits;
  /** Each lot drawn, soonest expiry first. */
  readonly lots: readonly LotCredits[];
}

/**
 * The receipt of a usage: its list value, what quota covered (units and credit
 * value), each lot drawn, and what was left uncovered. valueCredits = quota.credits +
 * credits.debited + uncoveredCredits, exactly.
 *
 * @example
 * receipt.paidBy; //=> ["quota", "credits"]
 */
export interface UsageReceipt {
  readonly type: "usage";
  readonly eventId: string;
  readonly at: Instant;
  readonly resource: string;
  /** The quota bucket it draws on, or null for a resource outside every bucket. */
  readonly bucket: string | null;
  /** The usage's pay-as-you-go list value. */
  readonly valueUsd: Usd;
  /** The same value in credits (× 1,000). */
  readonly valueCredits: Credits;
  readonly quota: QuotaCover;
  readonly credits: CreditCover;
  /** What neither quota nor credits covered, now owed (arrears). */
  readonly uncoveredCredits: Credits;
  /** Who paid, in order. */
  readonly paidBy: readonly ("quota" | "credits" | "uncovered")[];
  /** The full window that kept quota from covering it all, or null. */
  readonly limit: QuotaLimitNotice | null;
}

/**
 * Quota given back to one window.
 *
 * @example
 * const back: WindowUnits = { bucket: "general", window: "5h", units: "0.15" as QuotaUnits };
 */
export interface WindowUnits {
  readonly bucket: string;
  readonly window: string;
  readonly units: QuotaUnits;
}

/**
 * What a void gave back: quota to the windows that still held the usage, credits to
 * their lots (or reported expired when the lot has expired since), and the arrears the
 * usage had opened.
 *
 * @example
 * voided.creditsReturned; //=> [{ lotId: "pack-1", credits: "150", expiresAt: "2027-06-01T08:05:00.000Z" }]
 */
export interface VoidReceipt {
  readonly type: "void";
  readonly eventId: string;
  readonly usageId: string;
  readonly quotaReturned: readonly WindowUnits[];
  readonly creditsReturned: readonly LotCredits[];
  /** Credits whose lot expired since the usage: reported, not resurrected. */
  readonly creditsExpired: readonly LotCredits[];
  /** Arrears cancelled by the void (the usage's uncovered credits, as far as still owed). */
  readonly uncoveredCredits: Credits;
  /** The lot that gives back the part of the usage's uncovered credits already paid, or null. */
  readonly refund: CreditLot | null;
}

/**
 * A purchase or grant: the new lot.
 *
 * @example
 * outcome.lot.expiresAt; //=> "2027-06-01T08:05:00.000Z"
 */
export interface CreditsOutcome {
  readonly type: "credits";
  readonly eventId: string;
  readonly lot: CreditLot;
}

/**
 * A subscription as an outcome shows it.
 *
 * @example
 * subscription.periodEnd; //=> "2026-07-01T08:00:00.000Z"
 */
export interface SubscriptionView {
  readonly tier: string;
  /** "canceled": access continues until `periodEnd`, then the plan lapses. */
  readonly status: "active" | "canceled";
  /** The start instant: every period end is this plus whole calendar months. */
  readonly anchorAt: Instant;
  /** 0 for the first month. */
  readonly period: number;
  readonly periodStart: Instant;
  /** The renewal (or lapse) instant, exclusive. */
  readonly periodEnd: Instant;
  /** A tier change that applies at the period's end, or null. */
  readonly pendingTier: string | null;
}

/**
 * A subscription event's outcome: the subscription after it, and what it charged.
 *
 * @example
 * outcome.chargedUsd; //=> "50"
 */
export interface SubscriptionOutcome {
  readonly type: "subscription";
  readonly eventId: string;
  /** The subscription after the event, or null when there is none. */
  readonly subscription: SubscriptionView | null;
  /** What the event charged ("0" for a cancel or a scheduled downgrade). */
  readonly chargedUsd: Usd;
}

/**
 * What a `pay-arrears` event paid, from which lots, and what is still owed.
 *
 * @example
 * outcome.remaining; //=> "0"
 */
export interface ArrearsOutcome {
  readonly type: "arrears";
  readonly eventId: string;
  /** Arrears paid by this event, from the lots listed. */
  readonly paid: Credits;
  readonly lots: readonly LotCredits[];
  /** Arrears still owed. */
  readonly remaining: Credits;
}

/**
 * The event's id was already applied with the same content: nothing changed.
 *
 * @example
 * const outcome: DuplicateOutcome = { type: "duplicate", eventId: "req-1", eventType: "usage" };
 */
export interface DuplicateOutcome {
  readonly type: "duplicate";
  readonly eventId: string;
  /** The type of the event retried (its first outcome is kept by a store, not the ledger). */
  readonly eventType: LedgerEventType;
}

type OutcomeInternal =
  | UsageReceiptInternal
  | {
      readonly type: "void";
      readonly eventId: string;
      readonly usageId: string;
      readonly quotaReturned: VoidDecision["quotaReturned"];
      readonly creditsReturned: readonly LotDraw[];
      /** Credits whose lot expired since the usage: reported, not resurrected. */
      readonly creditsExpired: readonly LotDraw[];
      /** Arrears cancelled by the void (the usage's uncovered credits, as far as still owed). */
      readonly uncoveredCredits: Scaled<"credits">;
      /** The lot that gives back the part of the usage's uncovered credits already paid, or null. */
      readonly refund: Lot | null;
    }
  | { readonly type: "credits"; readonly eventId: string; readonly lot: Lot }
  | {
      readonly type: "subscription";
      readonly eventId: string;
      readonly subscription: Subscription | null;
      readonly chargedUsd: Scaled<"usd">;
    }
  | {
      readonly type: "arrears";
      readonly eventId: string;
      /** Arrears paid by this event, from the lots listed. */
      readonly paid: Scaled<"credits">;
      readonly lots: readonly LotDraw[];
      /** Arrears still owed. */
      readonly remaining: Scaled<"credits">;
    }
  | {
      readonly type: "duplicate";
      readonly eventId: string;
      /** The type of the event retried (its first outcome is kept by a store, not the ledger). */
      readonly eventType: NormalizedEvent["type"];
    };

/**
 * What applying an event produced, by `type`: `usage` (a {@link UsageReceipt}), `void`
 * (a {@link VoidReceipt}), `credits` (the new lot), `subscription` (its state and any
 * charge), `arrears` (what a `pay-arrears` event paid and what is still owed) or
 * `duplicate` (the id was already applied with the same content: nothing changed).
 *
 * @example
 * if (r.ok && r.outcome.type === "usage") console.log(r.outcome.uncoveredCredits); //=> "0"
 */
export type LedgerOutcome =
  | UsageReceipt
  | VoidReceipt
  | CreditsOutcome
  | SubscriptionOutcome
  | ArrearsOutcome
  | DuplicateOutcome;

export function limitNotice(hit: QuotaLimitHit | null): QuotaLimitNoticeInternal | null {
  if (hit === null) return null;
  const resets = hit.resetsAt === null ? "" : `, resets at ${formatInstant(asEpochMs(hit.resetsAt))}`;
  return {
    ...hit,
    message: `${hit.label} usage limit reached for Token Plan ${hit.tier} (${formatAmount(hit.used)}/${formatAmount(hit.limit)} used)${resets}`,
  };
}

/** The receipt of a usage decision (internal form; see {@link formatOutcome}). */
export function usageReceipt(eventId: string, at: number, d: UsageDecision): UsageReceiptInternal {
  const paidBy: ("quota" | "credits" | "uncovered")[] = [];
  if (calc.isPositive(d.quotaCredits) || calc.isPositive(d.quotaUnits)) paidBy.push("quota");
  if (calc.isPositive(d.creditsDebited)) paidBy.push("credits");
  if (calc.isPositive(d.uncoveredCredits)) paidBy.push("uncovered");
  return {
    type: "usage",
    eventId,
    at,
    resource: d.resource,
    bucket: d.bucket,
    valueUsd: d.valueUsd,
    valueCredits: d.valueCredits,
    quota: {
      required: d.quotaUnitsRequired,
      units: d.quotaUnits,
      credits: d.quotaCredits,
      windows: d.quotaWindows,
    },
    credits: { debited: d.creditsDebited, lots: d.draws },
    uncoveredCredits: d.uncoveredCredits,
    paidBy,
    limit: limitNotice(d.limitHit),
  };
}

/** Formats any outcome. */
export function formatOutcome(outcome: OutcomeInternal): LedgerOutcome {
  return formatOut(outcome);
}

export type { OutcomeInternal, UsageReceiptInternal };
