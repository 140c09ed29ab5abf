import { assert } from "../assert";
import { amountScaleDigits } from "../limits";

/**
 * How a rounding rule breaks a remainder. Names follow decimal.js: "half-up" rounds
 * halves away from zero, "up" away from zero, "ceil" towards +∞, "floor" towards −∞.
 *
 * @example
 * roundingModes.includes("half-even"); //=> true
 */
export const roundingModes = ["half-even", "half-up", "half-down", "up", "down", "ceil", "floor"] as const;

/** One of {@link roundingModes}. @example const mode: RoundingMode = "half-even"; */
export type RoundingMode = (typeof roundingModes)[number];

/**
 * A named rounding rule: keep `places` decimal places (0 to 12), break remainders by `mode`.
 * Rounding happens only where the catalog names a rule.
 *
 * @example
 * const rule: RoundingRule = { places: 6, mode: "half-even" };
 */
export interface RoundingRule {
  readonly places: number;
  readonly mode: RoundingMode;
}

/**
 * Divides `numerator` by a positive `denominator` and rounds the quotient to an integer
 * by `mode`. Exact: bigint only.
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const negative = numerator < 0n;
  const awayFromZero = negative ? quotient - 1n : quotient + 1n;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  switch (mode) {
    case "down":
      return quotient;
    case "up":
      return awayFromZero;
    case "ceil":
      return negative ? quotient : awayFromZero;
    case "floor":
      return negative ? awayFromZero : quotient;
    case "half-up":
      return twice >= denominator ? awayFromZero : quotient;
    case "half-down":
      return twice > denominator ? awayFromZero : quotient;
    case "half-even":
      if (twice === denominator) return quotient % 2n === 0n ? quotient : awayFromZero;
      return twice > denominator ? awayFromZero : quotient;
  }
}

const stepsByPlaces: readonly bigint[] = Array.from(
  { length: amountScaleDigits + 1 },
  (_, places) => 10n ** BigInt(amountScaleDigits - places),
);

/** 10^(12 − places): the step, in atoms, a rule with `places` rounds to. */
export function roundingStepAtoms(places: number): bigint {
  const step = stepsByPlaces[places];
  assert(step !== undefined, "rounding places out of range");
  return step;
}
