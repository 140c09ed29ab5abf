import Decimal from "decimal.js";

/**
 * token-plan's private decimal.js constructor. A clone, so a user's own
 * `Decimal.set(...)` never changes our results and ours never changes theirs.
 * 40 significant digits hold any list price times any plausible usage exactly;
 * exponents are never used in output (toExpNeg/toExpPos far out).
 */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -100,
  toExpPos: 100,
  minE: -9e15,
  maxE: 9e15,
});

/** An instance of the private decimal constructor. */
export type Dec = InstanceType<typeof Dec>;
