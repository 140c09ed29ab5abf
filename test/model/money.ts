/**
 * Money for the reference model: its own decimal.js clone (never the global
 * configuration, never the library's), wide enough that nothing the rules compute is
 * ever rounded.
 */
import Decimal from "decimal.js";

/** The model's private decimal: 80 significant digits, no exponent in output. */
export const Dec = Decimal.clone({
  precision: 80,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -100,
  toExpPos: 100,
});
export type Dec = InstanceType<typeof Dec>;

export const zero: Dec = new Dec(0);

/** Canonical decimal string: "1234.5", "0", no trailing zeros, no exponent. */
export function money(value: Dec): string {
  if (value.isZero()) return "0";
  return value.toFixed();
}

/** The smaller of two amounts. */
export function minDec(a: Dec, b: Dec): Dec {
  return a.lessThan(b) ? a : b;
}

/** max(a, 0). */
export function nonNegative(a: Dec): Dec {
  return a.isNegative() ? zero : a;
}
