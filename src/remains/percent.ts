/**
 * Percentages, exactly. A percentage is held at the calculator's fixed scale (10^-12,
 * the quota kind's atoms) so that every sum, share and comparison goes through
 * `money/`'s calculator and nothing is ever a float.
 */
import { assert } from "../assert";
import { calc, formatAmount, parseTrustedAmount, type RoundingRule, type Scaled } from "../money";

/** A percentage in atoms of 10^-12 percent. */
export type PercentAtoms = Scaled<"quota">;

/** 100 %. */
export const hundredPercent: PercentAtoms = parseTrustedAmount<"quota">("100");

/** How percentages computed from counts are shown: 2 places, half-even (as `quotaStatus` rounds). */
export const shownPercentRule: RoundingRule = { places: 2, mode: "half-even" };

/** Full precision (12 places, half-even): for comparisons and shares. */
const exactRule: RoundingRule = { places: 12, mode: "half-even" };

/** part ÷ whole × 100, rounded by `rule`; `whole` is a limit above 0 (callers check). */
export function percentOf(
  part: Scaled<"quota">,
  whole: Scaled<"quota">,
  rule: RoundingRule = exactRule,
): PercentAtoms {
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(calc.isPositive(whole), "a percentage of a zero limit");
  return calc.proportion(hundredPercent, part, whole, rule);
}

/** `percent` of `whole`, rounded half-even to a whole atom (exact whenever it can be). */
export function shareOf(whole: Scaled<"quota">, percent: PercentAtoms): Scaled<"quota"> {
  return calc.proportion(whole, percent, hundredPercent, exactRule);
}

/** 100 − p. */
export function complement(p: PercentAtoms): PercentAtoms {
  return calc.subtractFloor(hundredPercent, p);
}

/** |a − b|. */
export function distance<K extends "quota">(a: Scaled<K>, b: Scaled<K>): Scaled<K> {
  // Stryker disable next-line EqualityOperator: equivalent: for equal values both differences are 0
  return calc.compare(a, b) >= 0 ? calc.subtract(a, b) : calc.subtract(b, a);
}

/** True when |a − b| ≤ tolerance. */
export function within(a: PercentAtoms, b: PercentAtoms, tolerance: PercentAtoms): boolean {
  return calc.compare(distance(a, b), tolerance) <= 0;
}

/** A percentage as its canonical decimal string. */
export function formatPercent(p: PercentAtoms): string {
  return formatAmount(p);
}

/** Reads a canonical percentage string this module wrote (or the schema validated). */
export function readPercent(text: string): PercentAtoms {
  return parseTrustedAmount<"quota">(text);
}
