/**
 * From a usage's measures to money: its list-price value in USD and its quota units.
 * Exact: bigint only; the catalog's `usageValue` rule rounds, and only when the value is
 * not already a whole number of 10^-(places) dollars.
 */
import { assert } from "../assert";
import { calc, type RoundingRule, type Scaled } from "../money";
import type { CompiledMultiplier, CompiledResource, MeasureVector } from "./compiled";
import { type MeasureName, measureNames } from "./measures";

/**
 * What a usage measured: whole, non-negative counts.
 *
 * @example
 * const m: Measures = { inputTokens: 12_345, outputTokens: 2_000 };
 */
export type Measures = Readonly<Partial<Record<MeasureName, number>>>;

/**
 * The list-price value of a usage in USD, with the service-tier multiplier; or the name of
 * the first non-zero measure (in the order of `measureNames`, whatever the order of the
 * usage's keys) the resource has no price for. A zero is the same as leaving the measure out.
 */
export function usageValue(
  resource: CompiledResource,
  measures: Measures,
  multiplier: CompiledMultiplier,
  rounding: RoundingRule,
): Scaled<"usd"> | string {
  const long = resource.longContext;
  const prices =
    long !== null && (measures.inputTokens ?? 0) > long.inputTokensAbove ? long.prices : resource.prices;
  let numerator: bigint;
  const safe =
    prices.safeCoefficients === null ? null : safeNumerator(resource, prices.safeCoefficients, measures);
  if (typeof safe === "string") return safe;
  if (safe !== null) numerator = BigInt(safe);
  else {
    const unpriced = firstUnpriced(resource, measures);
    if (unpriced !== null) return unpriced;
    numerator = 0n;
    for (const measure of measureNames) {
      const quantity = measures[measure];
      if (quantity === undefined || quantity === 0) continue;
      const coefficient = prices.coefficients.get(measure);
      // A measure priced only in the other list (long context or not) costs nothing here.
      if (coefficient !== undefined) numerator += BigInt(quantity) * coefficient;
    }
  }
  // The standard service tier multiplies by 1/1: no product to make.
  if (multiplier.numerator !== 1n) numerator *= multiplier.numerator;
  const denominator =
    multiplier.denominator === 1n ? prices.denominator : prices.denominator * multiplier.denominator;
  return calc.roundRational<"usd">(numerator, denominator, rounding);
}

/**
 * The numerator of {@link usageValue} in plain numbers, when it is a safe integer; else
 * null (then bigints redo it), or the name of the first unpriced measure (in the order of
 * `measureNames`). Exact: each quantity and coefficient is a safe integer, and float
 * products and sums of non-negative numbers only round at 2^53 or above, where the sum,
 * never smaller than any of its terms, fails the final check. Every measure is read by
 * name (a normalised usage's measures have one shape): no walk over keys, no lookup.
 */
function safeNumerator(resource: CompiledResource, c: MeasureVector, m: Measures): number | string | null {
  const inputTokens = m.inputTokens ?? 0;
  const outputTokens = m.outputTokens ?? 0;
  const cacheReadTokens = m.cacheReadTokens ?? 0;
  const cacheWriteTokens = m.cacheWriteTokens ?? 0;
  const characters = m.characters ?? 0;
  const images = m.images ?? 0;
  const songs = m.songs ?? 0;
  const videos = m.videos ?? 0;
  const seconds = m.seconds ?? 0;
  const u = resource.unpricedWeights;
  // A sum of at most nine counts of at most 10^12: exact, and above 0 only for a non-zero unpriced measure.
  if (
    inputTokens * u.inputTokens +
      outputTokens * u.outputTokens +
      cacheReadTokens * u.cacheReadTokens +
      cacheWriteTokens * u.cacheWriteTokens +
      characters * u.characters +
      images * u.images +
      songs * u.songs +
      videos * u.videos +
      seconds * u.seconds >
    0
  )
    return firstUnpriced(resource, m);
  const sum =
    inputTokens * c.inputTokens +
    outputTokens * c.outputTokens +
    cacheReadTokens * c.cacheReadTokens +
    cacheWriteTokens * c.cacheWriteTokens +
    characters * c.characters +
    images * c.images +
    songs * c.songs +
    videos * c.videos +
    seconds * c.seconds;
  return sum <= Number.MAX_SAFE_INTEGER ? sum : null;
}

/** The first non-zero measure (in the order of `measureNames`) the resource has no price for. */
function firstUnpriced(resource: CompiledResource, m: Measures): MeasureName | null {
  for (const name of measureNames)
    if ((m[name] ?? 0) !== 0 && !resource.pricedMeasures.has(name)) return name;
  return null;
}

/** {@link usageValue} of a usage whose measures are all priced (checked before). */
export function priceUsage(
  resource: CompiledResource,
  measures: Measures,
  multiplier: CompiledMultiplier,
  rounding: RoundingRule,
): Scaled<"usd"> {
  const value = usageValue(resource, measures, multiplier, rounding);
  assert(typeof value !== "string", "an unchecked usage reached pricing");
  return value;
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
