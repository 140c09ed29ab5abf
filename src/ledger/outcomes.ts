/**
 * What a caller sees after an event: a receipt for a usage, what a void gave back, the
 * new lot, the subscription, or that the event was a duplicate.
 */
import type { Lot, LotDraw } from "../credits";
import { calc, formatAmount, type Scaled } from "../money";
import type { Subscription } from "../subscription";
import { asEpochMs, formatInstant } from "../time";
import type { QuotaLimitHit, UsageDecision, VoidDecision } from "./decide";
import type { NormalizedEvent } from "./events";
import { type Formatted, formatOut } from "./facts";

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
export type QuotaLimitNotice = Formatted<QuotaLimitNoticeInternal>;

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
 * The receipt of a usage: its list value, what quota covered (units and credit
 * value), each lot drawn, and what was left uncovered. valueCredits = quota.credits +
 * credits.debited + uncoveredCredits, exactly.
 *
 * @example
 * receipt.paidBy; //=> ["quota", "credits"]
 */
export type UsageReceipt = Formatted<UsageReceiptInternal>;

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
      /** Arrears cancelled by the void. */
      readonly uncoveredCredits: Scaled<"credits">;
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
 * What applying an event produced, by `type`: `usage` (a {@link UsageReceipt}), `void`,
 * `credits` (the new lot), `subscription` (its state and any charge), `arrears` (what a
 * `pay-arrears` event paid and what is still owed) or `duplicate`
 * (the id was already applied with the same content: nothing changed).
 *
 * @example
 * if (r.ok && r.outcome.type === "usage") console.log(r.outcome.uncoveredCredits); //=> "0"
 */
export type LedgerOutcome = Formatted<OutcomeInternal>;

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
