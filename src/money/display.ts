/**
 * Amounts for people to read, through `Intl.NumberFormat`, without losing a digit.
 *
 * What Intl sees: the amount is first rounded exactly (bigint, by the calculator) to the
 * digits that will be shown, and Intl is handed that rounded decimal *string*, with room
 * for every one of its digits, so Intl only spells it (grouping, decimal sign, currency,
 * numerals) and never rounds. Engines with Intl.NumberFormat v3 (ES2023: Node ≥ 19,
 * Chrome ≥ 106, Firefox ≥ 116, Safari ≥ 15.4, Deno, Bun, workerd) read the string as an
 * exact decimal, so even 18 whole digits with 12 decimals come out exact; an older engine
 * reads it as a number, which is exact up to 15 significant digits.
 */
import { amountScaleDigits } from "../limits";
import { type Credits, formatAmount, type QuotaUnits, type Usd } from "./amount";
import { calc } from "./calculator";
import { atoms } from "./exact";
import type { RoundingMode } from "./rounding";

/**
 * Options of {@link formatDecimal} (and of {@link formatUsd}).
 *
 * @example
 * const options: DisplayOptions = { locale: "de-DE", maximumFractionDigits: 2 };
 */
export interface DisplayOptions {
  /** BCP 47 locale tag(s), as `Intl.NumberFormat` takes them (default "en-US"). */
  readonly locale?: string | readonly string[];
  /** Fewest decimals shown, padding with zeros (default 0; for {@link formatUsd}, the currency's, 2 for USD). */
  readonly minimumFractionDigits?: number;
  /**
   * Most decimals shown, 0 to 12: the amount is rounded to them exactly, by `rounding`
   * (default 12, every digit; for {@link formatUsd}, the currency's, 2 for USD).
   */
  readonly maximumFractionDigits?: number;
  /** How that rounding breaks a remainder (default "half-up": halves away from zero, as Intl does). */
  readonly rounding?: RoundingMode;
  /** Group digits by thousands, as the locale does (default true). */
  readonly useGrouping?: boolean;
}

/**
 * Options of {@link formatUsd}.
 *
 * @example
 * const options: UsdDisplayOptions = { locale: "en-US", currencyDisplay: "code" };
 */
export interface UsdDisplayOptions extends DisplayOptions {
  /**
   * The ISO 4217 code shown (default "USD"). The library never converts currencies: set
   * it when your catalog's `…Usd` prices are in another currency.
   */
  readonly currency?: string;
  /** How the currency is shown (default "symbol": "$"). */
  readonly currencyDisplay?: "symbol" | "narrowSymbol" | "code" | "name";
}

function fractionDigits(value: number | undefined, fallback: number, name: string): number {
  const digits = value ?? fallback;
  if (!Number.isInteger(digits) || digits < 0 || digits > amountScaleDigits) {
    throw new RangeError(`[token-plan] ${name} must be a whole number from 0 to ${amountScaleDigits}.`);
  }
  return digits;
}

/** The amount rounded exactly to `places`, as the canonical string Intl is handed. */
function roundedText(amount: string, places: number, mode: RoundingMode, name: string): string {
  return formatAmount(calc.roundRational(atoms(amount, name), 1n, { places, mode }));
}

/** Intl's `format` takes a decimal string (ES2023); the ES2022 lib types know only numbers. */
function spell(formatter: Intl.NumberFormat, text: string): string {
  return String(Reflect.apply(formatter.format, formatter, [text]));
}

function locales(options: DisplayOptions): string | string[] {
  const { locale = "en-US" } = options;
  return typeof locale === "string" ? locale : [...locale];
}

/**
 * An amount as a plain localized number: "23,765.5". Every digit by default; set
 * `maximumFractionDigits` to round (exactly) for display. Throws a `RangeError` on
 * options `Intl.NumberFormat` refuses (a malformed locale tag) or digits outside 0–12.
 *
 * @example
 * formatDecimal(credits("23765.5")); //=> "23,765.5"
 * formatDecimal(quotaUnits("19.834"), { locale: "de-DE", maximumFractionDigits: 1 }); //=> "19,8"
 */
export function formatDecimal(amount: Usd | Credits | QuotaUnits, options: DisplayOptions = {}): string {
  const max = fractionDigits(options.maximumFractionDigits, amountScaleDigits, "maximumFractionDigits");
  const min = fractionDigits(options.minimumFractionDigits, 0, "minimumFractionDigits");
  const text = roundedText(amount, max, options.rounding ?? "half-up", "formatDecimal");
  const formatter = new Intl.NumberFormat(locales(options), {
    minimumFractionDigits: Math.min(min, max),
    maximumFractionDigits: max,
    useGrouping: options.useGrouping ?? true,
  });
  return spell(formatter, text);
}

/**
 * A USD amount as money: "$1,234.50". By default it shows the currency's own decimals (2
 * for USD), rounded half-up exactly; set `maximumFractionDigits` for a usage's
 * sub-cent value. Throws a `RangeError` on options `Intl.NumberFormat` refuses (an
 * unknown currency code, a malformed locale tag) or digits outside 0–12.
 *
 * @example
 * formatUsd(usd("1234.5")); //=> "$1,234.50"
 * formatUsd(usd("0.0061035"), { maximumFractionDigits: 5 }); //=> "$0.0061"
 * formatUsd(usd("50"), { locale: "de-DE", currency: "EUR" }); //=> "50,00 €"
 */
export function formatUsd(amount: Usd, options: UsdDisplayOptions = {}): string {
  const style = {
    style: "currency",
    currency: options.currency ?? "USD",
    currencyDisplay: options.currencyDisplay ?? "symbol",
  } as const;
  // The currency's own decimals (2 for USD, 0 for JPY), as Intl knows them.
  const { minimumFractionDigits: ownMin = 2, maximumFractionDigits: ownMax = 2 } = new Intl.NumberFormat(
    locales(options),
    style,
  ).resolvedOptions();
  const max = fractionDigits(options.maximumFractionDigits, ownMax, "maximumFractionDigits");
  const min = fractionDigits(options.minimumFractionDigits, Math.min(ownMin, max), "minimumFractionDigits");
  const text = roundedText(amount, max, options.rounding ?? "half-up", "formatUsd");
  const formatter = new Intl.NumberFormat(locales(options), {
    ...style,
    minimumFractionDigits: Math.min(min, max),
    maximumFractionDigits: max,
    useGrouping: options.useGrouping ?? true,
  });
  return spell(formatter, text);
}
