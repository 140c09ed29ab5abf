/**
 * Pure operations over a list of lots kept in draw order. None mutates its input.
 */
import { calc, type Scaled } from "../money";
import { compareDrawOrder, isLive, type Lot, type LotDraw, withRemaining } from "./lot";

/** Inserts a lot at its place in draw order. */
export function addLot(lots: readonly Lot[], lot: Lot): Lot[] {
  let low = 0;
  let high = lots.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = lots[middle] as Lot;
    if (compareDrawOrder(other, lot) <= 0) low = middle + 1;
    else high = middle;
  }
  const next = lots.slice();
  next.splice(low, 0, lot);
  return next;
}

/** The result of a draw: the new lots, each lot touched (in draw order) and what was missing. */
export interface Draw {
  readonly lots: readonly Lot[];
  readonly draws: readonly LotDraw[];
  readonly drawn: Scaled<"credits">;
  readonly shortfall: Scaled<"credits">;
}

/**
 * Draws `amount` credits at `at` from live lots, soonest-expiring first. Takes what
 * exists and reports the shortfall; never goes below zero; never touches a lot that has
 * expired at or before `at`.
 */
export function drawCredits(lots: readonly Lot[], amount: Scaled<"credits">, at: number): Draw {
  const plan = planDraws(lots, amount, at);
  if (plan.draws.length === 0) return { lots, ...plan };
  const next = lots.slice();
  let d = 0;
  for (let i = 0; i < next.length && d < plan.draws.length; i++) {
    const lot = next[i] as Lot;
    const draw = plan.draws[d] as LotDraw;
    if (lot.id !== draw.lotId || lot.expiresAt !== draw.expiresAt) continue;
    next[i] = withRemaining(lot, calc.subtract(lot.remaining, draw.credits));
    d++;
  }
  return { lots: next, ...plan };
}

/**
 * Which lots a draw of `amount` at `at` would take from, and how much from each, without
 * building the new lots (the ledger applies the draws itself): the same order and
 * amounts as {@link drawCredits}.
 */
export function planDraws(
  lots: readonly Lot[],
  amount: Scaled<"credits">,
  at: number,
): {
  readonly draws: readonly LotDraw[];
  readonly drawn: Scaled<"credits">;
  readonly shortfall: Scaled<"credits">;
} {
  let left = amount;
  const draws: LotDraw[] = [];
  for (let i = 0; i < lots.length && calc.isPositive(left); i++) {
    const lot = lots[i] as Lot;
    if (!isLive(lot, at) || !calc.isPositive(lot.remaining)) continue;
    const take = calc.min(lot.remaining, left);
    draws.push({ lotId: lot.id, credits: take, expiresAt: lot.expiresAt });
    left = calc.subtract(left, take);
  }
  return { draws, drawn: calc.subtract(amount, left), shortfall: left };
}

/** The result of an expiry pass. */
export interface Expiry {
  readonly lots: readonly Lot[];
  /** One record per expired lot with the credits lost (possibly 0) and its expiry instant. */
  readonly expired: readonly (LotDraw & { readonly at: number })[];
}

/** Removes every lot whose expiry is at or before `at`, recording what each lost. */
export function expireLots(lots: readonly Lot[], at: number): Expiry {
  const expired: (LotDraw & { at: number })[] = [];
  const kept: Lot[] = [];
  for (const lot of lots) {
    if (isLive(lot, at)) kept.push(lot);
    else expired.push({ lotId: lot.id, credits: lot.remaining, expiresAt: lot.expiresAt, at: lot.expiresAt });
  }
  return expired.length === 0 ? { lots, expired } : { lots: kept, expired };
}

/** The result of a reversal. */
export interface Reversal {
  readonly lots: readonly Lot[];
  /** Credits put back into live lots, in the order they were returned. */
  readonly returned: readonly LotDraw[];
  /** Credits whose lot has expired (or is gone) since: reported, not resurrected. */
  readonly expired: readonly LotDraw[];
}

/**
 * Puts the credits of earlier draws back into the lots they came from, in reverse order
 * of the draw. A lot that has expired at `at` (or no longer exists) gets nothing back:
 * its share is reported as expired.
 */
export function reverseDraws(lots: readonly Lot[], draws: readonly LotDraw[], at: number): Reversal {
  const next = lots.slice();
  const returned: LotDraw[] = [];
  const expired: LotDraw[] = [];
  for (let i = draws.length - 1; i >= 0; i--) {
    const draw = draws[i] as LotDraw;
    // The same lot: same id and same expiry (a later lot may reuse an expired lot's id).
    const index = next.findIndex((lot) => lot.id === draw.lotId && lot.expiresAt === draw.expiresAt);
    const lot = next[index];
    if (lot === undefined || !isLive(lot, at)) {
      expired.push(draw);
      continue;
    }
    next[index] = withRemaining(lot, calc.add(lot.remaining, draw.credits));
    returned.push(draw);
  }
  return { lots: next, returned, expired };
}

/** Credits usable at `at`. */
export function balanceAt(lots: readonly Lot[], at: number): Scaled<"credits"> {
  let total = calc.zero<"credits">();
  for (const lot of lots) if (isLive(lot, at)) total = calc.add(total, lot.remaining);
  return total;
}

/** Live lots with credits left that expire within `horizonMs` after `at`, soonest first. */
export function expiringWithin(lots: readonly Lot[], at: number, horizonMs: number): readonly Lot[] {
  return lots.filter(
    (lot) => isLive(lot, at) && lot.expiresAt <= at + horizonMs && calc.isPositive(lot.remaining),
  );
}
