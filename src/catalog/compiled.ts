/**
 * The catalog in the form the hot path reads: amounts as bigint atoms, instants and
 * durations as milliseconds, lookups as Maps. Built once per catalog value and kept on
 * it (non-enumerable), so rules never re-parse prices.
 */
import { assert } from "../assert";
import { hashText } from "../hash";
import { calc, parseAmount, type RoundingRule, type Scaled } from "../money";
import type { CalendarSpec, ValidityRule } from "../time";
import { parseDuration, parseInstant } from "../time";
import { type MeasureName, measureNames } from "./measures";
import type { CatalogData } from "./schema";

/** A boost period in milliseconds. */
export interface CompiledBoost {
  readonly fromMs: number;
  readonly untilMs: number;
  readonly permille: number;
}

/** The shape of one window (shared by every tier). */
export type WindowShape =
  | { readonly kind: "calendar"; readonly calendar: CalendarSpec }
  | { readonly kind: "sliding"; readonly durationMs: number; readonly resolutionMs: number }
  | { readonly kind: "session"; readonly durationMs: number };

/** One window of a bucket with a tier's limit. */
export interface CompiledWindow {
  readonly id: string;
  readonly label: string;
  readonly shape: WindowShape;
  readonly limit: Scaled<"quota">;
  readonly boosts: readonly CompiledBoost[];
}

/** A tier's limits per bucket. A bucket absent from the map is not covered (0/0). */
export interface CompiledTier {
  readonly id: string;
  readonly name: string;
  readonly price: Scaled<"usd">;
  readonly buckets: ReadonlyMap<string, readonly CompiledWindow[]>;
}

/** A linear price: Σ measure × coefficient ÷ denominator atoms of USD. */
export interface CompiledPrices {
  readonly coefficients: ReadonlyMap<string, bigint>;
  /**
   * The same coefficients as numbers, one per measure name (0 for a measure this list does
   * not price), when every one is a safe integer (every published price), else null: a
   * usage whose sum stays safe is priced without a bigint per measure, by name.
   */
  readonly safeCoefficients: MeasureVector | null;
  readonly denominator: bigint;
}

/** How a usage converts into quota units. */
export type CompiledQuotaRate =
  | { readonly mode: "list-price" }
  | {
      readonly mode: "rate";
      readonly perUsage: Scaled<"quota">;
      readonly perMeasure: readonly (readonly [MeasureName, Scaled<"quota">])[];
    };

/** A resource ready to price. */
export interface CompiledResource {
  readonly id: string;
  readonly bucket: string | null;
  readonly quotaRate: CompiledQuotaRate;
  readonly prices: CompiledPrices;
  readonly longContext: { readonly inputTokensAbove: number; readonly prices: CompiledPrices } | null;
  readonly creditsEligible: boolean;
  /** Every measure the resource has a price for. */
  readonly pricedMeasures: ReadonlySet<string>;
  /** 1 for each measure the resource has no price for (in either list), else 0. */
  readonly unpricedWeights: MeasureVector;
}

/** One number per measure name. */
export type MeasureVector = Readonly<Record<MeasureName, number>>;

/** A measure vector from a number per name (0 for the names left out). */
function measureVector(of: (name: MeasureName) => number): MeasureVector {
  const vector = {} as Record<MeasureName, number>;
  for (const name of measureNames) vector[name] = of(name);
  return vector;
}

/** A service-tier multiplier as a fraction. */
export interface CompiledMultiplier {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** The whole compiled catalog. */
export interface CompiledCatalog {
  readonly tiers: ReadonlyMap<string, CompiledTier>;
  readonly resources: ReadonlyMap<string, CompiledResource>;
  readonly bucketWindowShapes: ReadonlyMap<
    string,
    ReadonlyMap<string, { readonly label: string; readonly shape: WindowShape }>
  >;
  readonly packages: ReadonlyMap<
    string,
    { readonly price: Scaled<"usd">; readonly credits: Scaled<"credits"> }
  >;
  readonly customAmount: { readonly min: Scaled<"credits">; readonly step: Scaled<"credits"> } | null;
  readonly validity: ValidityRule;
  readonly grantValidity: ValidityRule;
  readonly serviceTiers: ReadonlyMap<string, CompiledMultiplier>;
  readonly usageValueRounding: RoundingRule;
  readonly overflowCreditsRounding: RoundingRule;
  readonly subscription: CatalogData["subscription"];
  /** A hash of the catalog's canonical content: a stored ledger names its catalog by id and fingerprint. */
  readonly fingerprint: string;
}

/** Parses trusted (already validated) catalog data; a failure is a bug. */
function trusted<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(r.ok, "validated catalog failed to compile");
  return r.value;
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

function compilePrices(prices: CatalogData["resources"][string]["prices"]): CompiledPrices {
  const terms = Object.entries(prices).map(([measure, price]) => {
    // Stryker disable next-line StringLiteral: equivalent: trusted input parses, and the kind only names the currency in a refusal's message
    const atoms = trusted(parseAmount("usd", price.usd));
    const per = BigInt(price.per);
    // The price per unit in lowest terms: most prices are whole atoms per token, so the
    // denominator is usually 1 and a usage's value needs no division.
    return { measure, atoms, per, lowest: per / gcd(atoms, per) };
  });
  let denominator = 1n;
  for (const { lowest } of terms) denominator = (denominator * lowest) / gcd(denominator, lowest);
  const coefficients = new Map(terms.map((t) => [t.measure, (t.atoms * denominator) / t.per] as const));
  const safe = [...coefficients.values()].every((c) => c <= BigInt(Number.MAX_SAFE_INTEGER));
  const safeCoefficients = safe ? measureVector((name) => Number(coefficients.get(name) ?? 0n)) : null;
  return { coefficients, safeCoefficients, denominator };
}

function compileShape(window: CatalogData["buckets"][string]["windows"][string]): WindowShape {
  switch (window.kind) {
    case "calendar":
      return {
        kind: "calendar",
        calendar: {
          every: window.every,
          cuts: window.cuts ?? ["00:00"],
          weekStartsOn: (window.weekStartsOn ?? 1) as NonNullable<CalendarSpec["weekStartsOn"]>,
          timeZone: window.timeZone,
        },
      };
    case "sliding": {
      const durationMs = trusted(parseDuration(window.duration));
      // Default resolution: 1/300 of the duration, at least 1 ms (1 minute for 5 hours).
      const resolutionMs =
        window.resolution === undefined
          ? Math.max(1, Math.floor(durationMs / 300))
          : trusted(parseDuration(window.resolution));
      return { kind: "sliding", durationMs, resolutionMs };
    }
    case "session":
      return { kind: "session", durationMs: trusted(parseDuration(window.duration)) };
  }
}

function multiplier(decimal: string): CompiledMultiplier {
  const [whole = "0", fraction = ""] = decimal.split(".");
  return { numerator: BigInt(whole + fraction), denominator: 10n ** BigInt(fraction.length) };
}

/** Compiles validated catalog data. */
export function compileCatalog(data: CatalogData): CompiledCatalog {
  const bucketWindowShapes = new Map(
    Object.entries(data.buckets).map(([bucketId, bucket]) => [
      bucketId,
      new Map(
        Object.entries(bucket.windows).map(([id, w]) => [id, { label: w.label, shape: compileShape(w) }]),
      ),
    ]),
  );
  const tiers = new Map(
    Object.entries(data.tiers).map(([tierId, tier]) => {
      const buckets = new Map<string, CompiledWindow[]>();
      for (const [bucketId, limits] of Object.entries(tier.limits)) {
        const shapes = bucketWindowShapes.get(bucketId);
        // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: the catalog schema refuses such a tier first
        assert(shapes !== undefined, "validated tier limits an unknown bucket");
        buckets.set(
          bucketId,
          [...shapes].map(([windowId, { label, shape }]) => {
            const limit = Object.hasOwn(limits, windowId) ? limits[windowId] : undefined;
            // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: the catalog schema refuses such a tier first
            assert(limit !== undefined, "validated tier lacks a limit");
            return {
              id: windowId,
              label,
              shape,
              // Stryker disable next-line StringLiteral: equivalent: trusted input parses, and the kind only names the currency in a refusal's message
              limit: trusted(parseAmount("quota", limit.units)),
              boosts: limit.boosts.map((b) => ({
                fromMs: trusted(parseInstant(b.from)) as number,
                untilMs: trusted(parseInstant(b.until)) as number,
                permille: b.permille,
              })),
            };
          }),
        );
      }
      return [
        tierId,
        // Stryker disable next-line StringLiteral: equivalent: trusted input parses, and the kind only names the currency in a refusal's message
        { id: tierId, name: tier.name, price: trusted(parseAmount("usd", tier.monthlyPriceUsd)), buckets },
      ];
    }),
  );
  const resources = new Map(
    Object.entries(data.resources).map(([id, r]) => {
      const priced: ReadonlySet<string> = new Set([
        ...Object.keys(r.prices),
        ...Object.keys(r.longContext?.prices ?? {}),
      ]);
      const quotaRate: CompiledQuotaRate =
        r.quotaRate === "list-price"
          ? { mode: "list-price" }
          : {
              // Stryker disable next-line StringLiteral: equivalent: pricing only asks whether the mode is "list-price"
              mode: "rate",
              perUsage:
                r.quotaRate.perUsage === undefined
                  ? calc.zero()
                  : // Stryker disable next-line StringLiteral: equivalent: trusted input parses, and the kind only names the currency in a refusal's message
                    trusted(parseAmount("quota", r.quotaRate.perUsage)),
              perMeasure: (Object.entries(r.quotaRate.perMeasure ?? {}) as [MeasureName, string][]).map(
                ([m, rate]) => [m, trusted(parseAmount("quota", rate))] as const,
              ),
            };
      return [
        id,
        {
          id,
          bucket: r.bucket,
          quotaRate,
          prices: compilePrices(r.prices),
          longContext:
            r.longContext === undefined
              ? null
              : {
                  inputTokensAbove: r.longContext.inputTokensAbove,
                  prices: compilePrices(r.longContext.prices),
                },
          creditsEligible: r.creditsEligible,
          pricedMeasures: priced,
          unpricedWeights: measureVector((name) => (priced.has(name) ? 0 : 1)),
        },
      ];
    }),
  );
  const packages = new Map(
    Object.entries(data.credits.packages).map(([id, p]) => [
      id,
      // Stryker disable next-line StringLiteral: equivalent: trusted input parses, and the kind only names the currency in a refusal's message
      { price: trusted(parseAmount("usd", p.priceUsd)), credits: trusted(parseAmount("credits", p.credits)) },
    ]),
  );
  const custom = data.credits.customAmount;
  return {
    tiers,
    resources,
    bucketWindowShapes,
    packages,
    customAmount:
      custom === null
        ? null
        : {
            // Stryker disable next-line StringLiteral: equivalent: trusted input parses, and the kind only names the currency in a refusal's message
            min: trusted(parseAmount("credits", custom.minCredits)),
            // Stryker disable next-line StringLiteral: equivalent: trusted input parses, and the kind only names the currency in a refusal's message
            step: trusted(parseAmount("credits", custom.stepCredits)),
          },
    validity: data.credits.validity,
    grantValidity: data.credits.grantValidity,
    serviceTiers: new Map(Object.entries(data.serviceTiers).map(([k, v]) => [k, multiplier(v)])),
    usageValueRounding: data.rounding.usageValue,
    overflowCreditsRounding: data.rounding.overflowCredits,
    subscription: data.subscription,
    fingerprint: hashText(JSON.stringify(data)),
  };
}
