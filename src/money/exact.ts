/**
 * Exact arithmetic for users, over the branded amounts the library hands out: free
 * functions in the style of dinero.js (`addAmounts(a, b)`, not `a.add(b)`), each one a
 * thin door to the calculator, so a user's own sums are as exact as the ledger's.
 *
 * The types already say the values are canonical amounts of one kind (the overloads
 * refuse `Usd` + `Credits`), so these functions take no outside input: a value that is
 * not a canonical amount is a programming error (a cast), refused with a `TypeError`
 * like the literal helpers `usd` / `credits`. Read input with `parseUsd`,
 * `parseCredits` or `parseQuotaUnits`.
 */
import { amountScaleDigits } from "../limits";
import {
  type Credits,
  formatAmount,
  parseTrustedAmount,
  type QuotaUnits,
  type Scaled,
  type Usd,
} from "./amount";
import { calc } from "./calculator";
import type { RoundingMode } from "./rounding";

/** A canonical amount, any sign, any size (a sum may pass the input bound). */
const canonical = new RegExp(`^-?(?:0|[1-9]\\d*)(?:\\.\\d{0,${amountScaleDigits - 1}}[1-9])?$`);

/** The exact atoms of a canonical amount; throws a TypeError on anything else. */
export function atoms<K extends "usd" | "credits" | "quota">(value: string, name: string): Scaled<K> {
  if (typeof value !== "string" || !canonical.test(value) || value === "-0") {
    throw new TypeError(
      `[token-plan] ${name}: ${JSON.stringify(value)} is not a canonical amount; read amounts from outside with parseUsd, parseCredits or parseQuotaUnits.`,
    );
  }
  return parseTrustedAmount<K>(value);
}

/**
 * a + b, exactly.
 *
 * @example
 * addAmounts(usd("0.1"), usd("0.2")); //=> "0.3"
 */
export function addAmounts(a: Usd, b: Usd): Usd;
export function addAmounts(a: Credits, b: Credits): Credits;
export function addAmounts(a: QuotaUnits, b: QuotaUnits): QuotaUnits;
export function addAmounts(a: string, b: string): string {
  return formatAmount(calc.add(atoms(a, "addAmounts"), atoms(b, "addAmounts")));
}

/**
 * The exact sum of a list of amounts of one kind ("0" for an empty list).
 *
 * @example
 * sumAmounts([credits("1234.5"), credits("0.5"), credits("765")]); //=> "2000"
 */
export function sumAmounts(amounts: Iterable<Usd>): Usd;
export function sumAmounts(amounts: Iterable<Credits>): Credits;
export function sumAmounts(amounts: Iterable<QuotaUnits>): QuotaUnits;
export function sumAmounts(amounts: Iterable<string>): string {
  let total = calc.zero();
  for (const amount of amounts) total = calc.add(total, atoms(amount, "sumAmounts"));
  return formatAmount(total);
}

/**
 * a − b, exactly; negative when b is larger ("-1.5").
 *
 * @example
 * subtractAmounts(credits("5000"), credits("1234.5")); //=> "3765.5"
 */
export function subtractAmounts(a: Usd, b: Usd): Usd;
export function subtractAmounts(a: Credits, b: Credits): Credits;
export function subtractAmounts(a: QuotaUnits, b: QuotaUnits): QuotaUnits;
export function subtractAmounts(a: string, b: string): string {
  return formatAmount(calc.subtract(atoms(a, "subtractAmounts"), atoms(b, "subtractAmounts")));
}

/**
 * −1, 0 or 1 as a is less than, equal to or greater than b: a comparator for `sort`.
 *
 * @example
 * [usd("10"), usd("9.5")].sort(compareAmounts); //=> ["9.5", "10"]
 */
export function compareAmounts(a: Usd, b: Usd): -1 | 0 | 1;
export function compareAmounts(a: Credits, b: Credits): -1 | 0 | 1;
export function compareAmounts(a: QuotaUnits, b: QuotaUnits): -1 | 0 | 1;
export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  return calc.compare(atoms(a, "compareAmounts"), atoms(b, "compareAmounts"));
}

/**
 * The smaller of two amounts.
 *
 * @example
 * minAmount(credits("150"), credits("90")); //=> "90"
 */
export function minAmount(a: Usd, b: Usd): Usd;
export function minAmount(a: Credits, b: Credits): Credits;
export function minAmount(a: QuotaUnits, b: QuotaUnits): QuotaUnits;
export function minAmount(a: string, b: string): string {
  return formatAmount(calc.min(atoms(a, "minAmount"), atoms(b, "minAmount")));
}

/**
 * The larger of two amounts.
 *
 * @example
 * maxAmount(quotaUnits("6.596"), quotaUnits("19.834")); //=> "19.834"
 */
export function maxAmount(a: Usd, b: Usd): Usd;
export function maxAmount(a: Credits, b: Credits): Credits;
export function maxAmount(a: QuotaUnits, b: QuotaUnits): QuotaUnits;
export function maxAmount(a: string, b: string): string {
  return formatAmount(calc.max(atoms(a, "maxAmount"), atoms(b, "maxAmount")));
}

/**
 * True when the amount is exactly zero.
 *
 * @example
 * isZeroAmount(subtractAmounts(usd("0.3"), addAmounts(usd("0.1"), usd("0.2")))); //=> true
 */
export function isZeroAmount(amount: Usd | Credits | QuotaUnits): boolean {
  return calc.isZero(atoms(amount, "isZeroAmount"));
}

/**
 * Dollars as credits at 1,000 credits per dollar: always exact.
 *
 * @example
 * usdToCredits(usd("0.0061035")); //=> "6.1035"
 */
export function usdToCredits(amount: Usd): Credits {
  return formatAmount(calc.usdToCredits(atoms(amount, "usdToCredits")));
}

/**
 * Options of {@link creditsToUsd}.
 *
 * @example
 * creditsToUsd(credits("0.0000000015"), { rounding: "up" }); //=> "0.000000000002"
 */
export interface CreditsToUsdOptions {
  /**
   * How to break a remainder below 10^-12 dollars, the finest amount the library keeps
   * (default "half-even"). Only credits with more than 9 decimal places have one.
   */
  readonly rounding?: RoundingMode;
}

/**
 * Credits as dollars at 1,000 credits per dollar. Exact for every amount with at most 9
 * decimal places (all the library's prices and receipts); a finer amount is rounded to
 * 12 places by `options.rounding`.
 *
 * @example
 * creditsToUsd(credits("23765.5")); //=> "23.7655"
 */
export function creditsToUsd(amount: Credits, options: CreditsToUsdOptions = {}): Usd {
  return formatAmount(calc.creditsToUsd(atoms(amount, "creditsToUsd"), options.rounding ?? "half-even"));
}
