/**
 * The one arithmetic module (dinero.js calls it the calculator). Every sum, difference,
 * comparison and conversion of amounts outside `money/` goes through these functions,
 * so the representation (bigint atoms at 10^-12) is one decision made here.
 */

import type { AmountKind, Scaled } from "./amount";
import { divideRounded, type RoundingMode, type RoundingRule, roundingStepAtoms } from "./rounding";

/** Zero of any kind. */
export function zero<K extends AmountKind>(): Scaled<K> {
  return 0n as Scaled<K>;
}

/** a + b. */
export function add<K extends AmountKind>(a: Scaled<K>, b: Scaled<K>): Scaled<K> {
  return (a + b) as Scaled<K>;
}

/** a − b (may be negative; callers that need a floor use {@link subtractFloor}). */
export function subtract<K extends AmountKind>(a: Scaled<K>, b: Scaled<K>): Scaled<K> {
  return (a - b) as Scaled<K>;
}

/** max(a − b, 0). */
export function subtractFloor<K extends AmountKind>(a: Scaled<K>, b: Scaled<K>): Scaled<K> {
  return (a > b ? a - b : 0n) as Scaled<K>;
}

/** The smaller of a and b. */
export function min<K extends AmountKind>(a: Scaled<K>, b: Scaled<K>): Scaled<K> {
  return a < b ? a : b;
}

/** The larger of a and b. */
export function max<K extends AmountKind>(a: Scaled<K>, b: Scaled<K>): Scaled<K> {
  return a > b ? a : b;
}

/** −1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare<K extends AmountKind>(a: Scaled<K>, b: Scaled<K>): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when the amount is exactly zero. */
export function isZero(a: Scaled<AmountKind>): boolean {
  return a === 0n;
}

/** True when the amount is greater than zero. */
export function isPositive(a: Scaled<AmountKind>): boolean {
  return a > 0n;
}

/** Negation. */
export function negate<K extends AmountKind>(a: Scaled<K>): Scaled<K> {
  return -a as Scaled<K>;
}

/** Sum of a list. */
export function sum<K extends AmountKind>(amounts: Iterable<Scaled<K>>): Scaled<K> {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total as Scaled<K>;
}

/** Credits per dollar: 1,000 credits = $1, exactly. */
export const creditsPerUsd = 1000n;

/** USD → credits at 1,000 credits per dollar (exact: a multiplication). */
export function usdToCredits(amount: Scaled<"usd">): Scaled<"credits"> {
  return (amount * creditsPerUsd) as Scaled<"credits">;
}

/** Credits → USD at 1,000 credits per dollar, or null when that is not a whole atom of USD. */
export function creditsToUsdExact(amount: Scaled<"credits">): Scaled<"usd"> | null {
  return amount % creditsPerUsd === 0n ? ((amount / creditsPerUsd) as Scaled<"usd">) : null;
}

/** Credits → USD at 1,000 credits per dollar, rounded by `mode` to a whole atom of USD when it is not one. */
export function creditsToUsd(amount: Scaled<"credits">, mode: RoundingMode): Scaled<"usd"> {
  return divideRounded(amount, creditsPerUsd, mode) as Scaled<"usd">;
}

/** True when `amount` is a whole multiple of `step` (step > 0). */
export function isMultipleOf<K extends AmountKind>(amount: Scaled<K>, step: Scaled<K>): boolean {
  return amount % step === 0n;
}

/** Reinterprets a list-price USD value as quota units (the v2 quota counts list-price dollars). */
export function usdAsQuotaUnits(amount: Scaled<"usd">): Scaled<"quota"> {
  return amount as unknown as Scaled<"quota">;
}

/** Reinterprets list-price quota units as the USD value they stand for. */
export function quotaUnitsAsUsd(amount: Scaled<"quota">): Scaled<"usd"> {
  return amount as unknown as Scaled<"usd">;
}

/**
 * amount × numerator ÷ denominator, rounded by `mode` to a whole atom. Exact when the
 * division is exact; the mode decides only a genuine remainder.
 */
export function mulDiv<K extends AmountKind>(
  amount: Scaled<K>,
  numerator: bigint,
  denominator: bigint,
  mode: RoundingMode,
): Scaled<K> {
  return divideRounded(amount * numerator, denominator, mode) as Scaled<K>;
}

/**
 * Rounds a rational amount `numerator ÷ denominator` atoms to the rule's decimal places.
 * The rule is named in the catalog; nothing else in the library rounds.
 */
export function roundRational<K extends AmountKind>(
  numerator: bigint,
  denominator: bigint,
  rule: RoundingRule,
): Scaled<K> {
  const step = roundingStepAtoms(rule.places);
  // A whole number of atoms at 12 places (every published price): nothing to round.
  if (step === 1n && denominator === 1n) return numerator as Scaled<K>;
  return (divideRounded(numerator, denominator * step, rule.mode) * step) as Scaled<K>;
}

/** A limit scaled by a per-mille boost (1500 = 1.5×). Exact: catalogs refuse boosts that would need rounding. */
export function applyPermille(limit: Scaled<"quota">, permille: number): Scaled<"quota"> {
  return ((limit * BigInt(permille)) / 1000n) as Scaled<"quota">;
}

/**
 * The share of `whole` that `part / total` stands for, rounded by the rule. Used to price
 * the part of a count-based usage that quota did not cover.
 */
export function proportion<K extends AmountKind>(
  whole: Scaled<K>,
  part: Scaled<AmountKind>,
  total: Scaled<AmountKind>,
  rule: RoundingRule,
): Scaled<K> {
  if (part === total) return whole;
  return roundRational<K>(whole * part, total, rule);
}

/** Percent of `used` over `limit` as a number with at most 2 decimals, for display (100 when limit is 0). */
export function percentOf(used: Scaled<"quota">, limit: Scaled<"quota">): number {
  if (limit <= 0n) return 100;
  const hundredths = divideRounded(used * 10000n, limit, "half-even");
  return Number(hundredths) / 100;
}

/**
 * The calculator as one plain object: callers write `calc.add(a, b)`. A plain object
 * (not a module namespace) keeps property access monomorphic and cheap in V8.
 */
export const calc = Object.freeze({
  zero,
  add,
  subtract,
  subtractFloor,
  min,
  max,
  compare,
  isZero,
  isPositive,
  negate,
  sum,
  creditsPerUsd,
  usdToCredits,
  creditsToUsdExact,
  creditsToUsd,
  isMultipleOf,
  usdAsQuotaUnits,
  quotaUnitsAsUsd,
  mulDiv,
  roundRational,
  applyPermille,
  proportion,
  percentOf,
});
