/**
 * What a team event produces: the receipt a caller sees, and the entries of the team's
 * audit trail. Amounts are canonical decimal strings, instants ISO-8601.
 */
import type { LedgerEntry, LedgerOutcome, QuotaLimitNotice, SubscriptionJson } from "../ledger";
import type { Credits, QuotaUnits, Usd } from "../money";
import type { Instant } from "../time";

/**
 * One lot a pool draw took from. `expiresAt` (exclusive) pins the lot's identity.
 *
 * @example
 * const draw: PoolDraw = { lotId: "pool-1", credits: "1234.5" as Credits, expiresAt: "2027-06-01T08:00:00.000Z" as Instant };
 */
export interface PoolDraw {
  readonly lotId: string;
  readonly credits: Credits;
  readonly expiresAt: Instant;
}

/**
 * Why the pool did not cover the whole overflow of a usage (null when it did, or nothing overflowed):
 * `not-eligible` (the resource cannot be paid with credits), `no-access` (credits access
 * is off for the member), `cap` (the member's monthly cap is reached), `pool-empty`.
 *
 * @example
 * const reason: PoolStop = "cap";
 */
export type PoolStop = "not-eligible" | "no-access" | "cap" | "pool-empty";

/**
 * The receipt of a member's usage: the seat's quota first, then the shared pool, then
 * arrears attributed to the member. valueCredits = quota.credits + pool.debited + arrearsCredits, exactly.
 *
 * @example
 * receipt.paidBy; //=> ["quota", "pool"]
 */
export interface TeamUsageReceipt {
  readonly type: "member-usage";
  readonly eventId: string;
  readonly at: Instant;
  readonly memberId: string;
  /** The seat whose windows the usage drew on (null: the member holds no seat). */
  readonly seatId: string | null;
  readonly resource: string;
  readonly valueUsd: Usd;
  readonly valueCredits: Credits;
  readonly quota: {
    readonly required: QuotaUnits;
    readonly units: QuotaUnits;
    readonly credits: Credits;
    readonly windows: readonly string[];
  };
  readonly pool: {
    /** May the member draw the pool at all (credits access, explicit or by default). */
    readonly access: boolean;
    /** What the monthly cap still allowed before this usage (null: no cap). */
    readonly capLeftCredits: Credits | null;
    readonly debited: Credits;
    readonly lots: readonly PoolDraw[];
    readonly stoppedBy: PoolStop | null;
  };
  /** What neither quota nor the pool covered: team arrears attributed to the member. */
  readonly arrearsCredits: Credits;
  readonly paidBy: readonly ("quota" | "pool" | "arrears")[];
  /** The seat's full window, as the provider names it (null when quota covered it all). */
  readonly limit: QuotaLimitNotice | null;
}

/**
 * What applying a team event produced, by `type`: `member-usage` (a {@link TeamUsageReceipt}),
 * `seat` (the seat's subscription and the charge), `assignment`, `member`, `pool-lot`, or
 * `duplicate` (for a retried usage, its first receipt is returned instead).
 *
 * @example
 * if (r.ok && r.outcome.type === "seat") console.log(r.outcome.chargedUsd); //=> "50"
 */
export type TeamOutcome =
  | TeamUsageReceipt
  | {
      readonly type: "seat";
      readonly eventId: string;
      readonly seatId: string;
      readonly memberId: string | null;
      readonly subscription: SubscriptionJson | null;
      readonly chargedUsd: Usd;
      /** The seat ledger's own outcome. */
      readonly ledger: LedgerOutcome;
    }
  | {
      readonly type: "assignment";
      readonly eventId: string;
      readonly seatId: string;
      readonly memberId: string | null;
      readonly previousMemberId: string | null;
    }
  | {
      readonly type: "member";
      readonly eventId: string;
      readonly memberId: string;
      readonly creditsAccess: boolean;
      readonly monthlyCapCredits: Credits | null;
    }
  | { readonly type: "pool-lot"; readonly eventId: string; readonly lot: PoolLot }
  | { readonly type: "duplicate"; readonly eventId: string; readonly eventType: string };

/**
 * A lot of the shared pool, as queries and receipts show it. `expiresAt` is exclusive.
 *
 * @example
 * lot.remaining; //=> "25000"
 */
export interface PoolLot {
  readonly id: string;
  readonly kind: "purchase" | "grant";
  readonly purchasedAt: Instant;
  readonly expiresAt: Instant;
  readonly credits: Credits;
  readonly remaining: Credits;
  readonly priceUsd: Usd;
}

/**
 * One record of a team's audit trail. Summed, entries reproduce the balances: the pool's
 * credits = purchased − drawn − expired; a member's arrears = the sum of their usages' arrears.
 * `seat` wraps the entries of a seat's own ledger (subscription charges, renewals, lapses).
 *
 * @example
 * const usage = entries.find((e) => e.type === "member.usage");
 * usage?.memberId; //=> "ana"
 */
export type TeamEntry =
  | { readonly type: "seat"; readonly seatId: string; readonly entry: LedgerEntry }
  | {
      readonly type: "seat.assigned";
      readonly eventId: string;
      readonly at: Instant;
      readonly seatId: string;
      readonly memberId: string;
      readonly previousMemberId: string | null;
    }
  | {
      readonly type: "seat.unassigned";
      readonly eventId: string;
      readonly at: Instant;
      readonly seatId: string;
      readonly memberId: string;
    }
  | {
      readonly type: "member.credits";
      readonly eventId: string;
      readonly at: Instant;
      readonly memberId: string;
      readonly creditsAccess: boolean;
      readonly monthlyCapCredits: Credits | null;
    }
  | { readonly type: "pool.purchased"; readonly eventId: string; readonly at: Instant; readonly lot: PoolLot }
  | {
      readonly type: "pool.expired";
      readonly eventId: null;
      readonly at: Instant;
      readonly lotId: string;
      readonly credits: Credits;
    }
  | {
      readonly type: "member.usage";
      readonly eventId: string;
      readonly at: Instant;
      readonly memberId: string;
      readonly seatId: string | null;
      readonly resource: string;
      readonly valueCredits: Credits;
      readonly quotaUnits: QuotaUnits;
      readonly quotaCredits: Credits;
      readonly poolCredits: Credits;
      readonly draws: readonly PoolDraw[];
      readonly arrearsCredits: Credits;
    };

/**
 * The `type` of a {@link TeamEntry}.
 *
 * @example
 * const type: TeamEntryType = "member.usage";
 */
export type TeamEntryType = TeamEntry["type"];

/**
 * A team event remembered for idempotency: its id, its content's fingerprint, and for a
 * usage the receipt a retry gets back.
 *
 * @example
 * team.recentEvents[0]?.id; //=> "req-1"
 */
export interface TeamRecentEvent {
  readonly id: string;
  readonly fingerprint: string;
  readonly type: string;
  readonly receipt: TeamUsageReceipt | null;
}
