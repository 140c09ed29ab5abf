/**
 * Credit lots: every purchase or promotional grant is a lot of its own with its own
 * expiry. Lots are drawn in one total order (soonest expiry, then oldest purchase, then
 * lot id), never after they expire, and never below zero.
 */
import type { Scaled } from "../money";

/** One lot. `expiresAt` is exclusive: the credits are usable strictly before it. */
export interface Lot {
  readonly id: string;
  readonly kind: "purchase" | "grant";
  /** Epoch ms of the purchase or grant. */
  readonly purchasedAt: number;
  /** Epoch ms at which the lot expires (exclusive). */
  readonly expiresAt: number;
  /** Credits the lot started with. */
  readonly credits: Scaled<"credits">;
  readonly remaining: Scaled<"credits">;
  /** What was paid for it (0 for a grant). */
  readonly priceUsd: Scaled<"usd">;
}

/** One lot touched by a draw, a reversal or an expiry, with the credits moved. */
export interface LotAmount {
  readonly lotId: string;
  readonly credits: Scaled<"credits">;
}

/**
 * What one draw took from one lot. `expiresAt` pins the lot's identity: an id can be
 * used again by a later purchase once its lot has expired, and a reversal must never put
 * credits into that other lot.
 */
export interface LotDraw extends LotAmount {
  /** Epoch ms at which the lot drawn from expires. */
  readonly expiresAt: number;
}

/** What the draw order reads of a lot. */
export type DrawOrderKey = Pick<Lot, "id" | "purchasedAt" | "expiresAt">;

/**
 * The draw order, as one comparator: soonest expiry first, then oldest purchase, then
 * lot id (code-unit order). A total order: equal only for the same lot.
 */
export function compareDrawOrder(a: DrawOrderKey, b: DrawOrderKey): number {
  if (a.expiresAt !== b.expiresAt) return a.expiresAt - b.expiresAt;
  if (a.purchasedAt !== b.purchasedAt) return a.purchasedAt - b.purchasedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** True when the lot can still be drawn at `at` (expiry exclusive). */
export function isLive(lot: Lot, at: number): boolean {
  return at < lot.expiresAt;
}

/** The same lot with another remaining amount (built field by field: cheaper than a spread). */
export function withRemaining(lot: Lot, remaining: Scaled<"credits">): Lot {
  return {
    id: lot.id,
    kind: lot.kind,
    purchasedAt: lot.purchasedAt,
    expiresAt: lot.expiresAt,
    credits: lot.credits,
    remaining,
    priceUsd: lot.priceUsd,
  };
}
