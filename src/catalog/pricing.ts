/**
 * From a usage's measures to money: its list-price value in USD and its quota units.
 * Exact: bigint only; the catalog's `usageValue` rule rounds, and only when the value is
 * not already a whole number of 10^-(places) dollars.
 */
import { calc, type RoundingRule, type Scaled } from "../money";
import type { CompiledMultiplier, CompiledPrices, CompiledResource } from "./compiled";
import type { MeasureName } from "./measures";

/**
 * What a usage measured: whole, non-negative counts.
 *
 * @example
 * const m: Measures = { inputTokens: 12_345, outputTokens: 2_000 };
 */
export type Measures = Readonly<Partial<Record<MeasureName, number>>>;

function linear(prices: CompiledPrices, measures: Measures): bigint {
  let numerator = 0n;
  const terms = prices.terms;
  for (let i = 0; i < terms.length; i++) {
    const [measure, coefficient] = terms[i] as (typeof terms)[number];
    const quantity = measures[measure];
    if (quantity !== undefined && quantity !== 0) numerator += BigInt(quantity) * coefficient;
  }
  return numerator;
}

/** The list-price value of a usage in USD, with the service-tier multiplier. */
export function priceUsage(
  resource: CompiledResource,
  measures: Measures,
  multiplier: CompiledMultiplier,
  rounding: RoundingRule,
): Scaled<"usd"> {
  const long = resource.longContext;
  const prices =
    long !== null && (measures.inputTokens ?? 0) > long.inputTokensAbove ? long.prices : resource.prices;
  const numerator = linear(prices, measures) * multiplier.numerator;
  return calc.roundRational<"usd">(numerator, prices.denominator * multiplier.denominator, rounding);
}

/** The quota units a usage draws on its bucket (its list-price value in list-price mode). */
export function quotaUnitsOf(
  resource: CompiledResource,
  measures: Measures,
  value: Scaled<"usd">,
): Scaled<"quota"> {
  const rate = resource.quotaRate;
  if (rate.mode === "list-price") return calc.usdAsQuotaUnits(value);
  let units = rate.perUsage as bigint;
  for (const [measure, perUnit] of rate.perMeasure) {
    const quantity = measures[measure];
    if (quantity !== undefined && quantity !== 0) units += BigInt(quantity) * perUnit;
  }
  return units as Scaled<"quota">;
}
