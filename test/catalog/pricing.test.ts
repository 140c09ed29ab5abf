import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compiledOf,
  defaultCatalog,
  extendCatalog,
  type MeasureName,
  measureNames,
  priceUsage,
  quotaUnitsOf,
  tokenPlanV1Catalog,
  usageValue,
} from "../../src/catalog";
import { measureMax } from "../../src/limits";
import { formatAmount } from "../../src/money";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

const compiled = compiledOf(defaultCatalog);
const standard = { numerator: 1n, denominator: 1n };
const priority = compiled.serviceTiers.get("priority") ?? standard;
const rule = compiled.usageValueRounding;

function price(resource: string, measures: Record<string, number>, multiplier = standard): string {
  const r = compiled.resources.get(resource);
  if (r === undefined) throw new Error(resource);
  return formatAmount(priceUsage(r, measures, multiplier, rule));
}

describe("list prices, computed by hand", () => {
  it.each([
    // $0.30 per 1M × 12,345 = $0.0037035
    ["MiniMax-M3", { inputTokens: 12_345 }, "0.0037035"],
    // 12,345 × 0.30 + 2,000 × 1.20 = 3,703.5 + 2,400 = 6,103.5 per 1M → $0.0061035
    ["MiniMax-M3", { inputTokens: 12_345, outputTokens: 2_000 }, "0.0061035"],
    // one cached token: $0.06 / 1M = $0.00000006
    ["MiniMax-M3", { cacheReadTokens: 1 }, "0.00000006"],
    // exactly 512,000 input tokens is still the ≤512k price: 0.512 × 0.30 = $0.1536
    ["MiniMax-M3", { inputTokens: 512_000 }, "0.1536"],
    // 512,001 input tokens switches the whole request to $0.60: 0.512001 × 0.60 = $0.3072006
    ["MiniMax-M3", { inputTokens: 512_001 }, "0.3072006"],
    // 600k in + 10k out + 1k cache at long-context prices: 0.36 + 0.024 + 0.00012 = $0.38412
    ["MiniMax-M3", { inputTokens: 600_000, outputTokens: 10_000, cacheReadTokens: 1_000 }, "0.38412"],
    // cache write $0.375 per 1M × 3 tokens = $0.000001125
    ["MiniMax-M2.7", { cacheWriteTokens: 3 }, "0.000001125"],
    // speech turbo $60 per 1M characters × 1,234 = $0.07404
    ["speech-turbo", { characters: 1_234 }, "0.07404"],
    ["speech-hd", { characters: 1_000_000 }, "100"],
    ["image-01", { images: 3 }, "0.0105"],
    ["music", { songs: 2 }, "0.3"],
    ["video-premium", { videos: 1 }, "0.56"],
    ["MiniMax-M3", {}, "0"],
  ])("%s %j = $%s", (resource, measures, expected) => {
    expect(price(resource, measures)).toBe(expected);
  });

  it("the priority service tier costs 1.5×: 3 cache-write tokens = $0.0000016875", () => {
    expect(price("MiniMax-M2.7", { cacheWriteTokens: 3 }, priority)).toBe("0.0000016875");
    expect(price("MiniMax-M3", { outputTokens: 1_000_000 }, priority)).toBe("1.8");
  });

  it("no published price ever rounds at 12 places: the odd-token priority cache write is exact", () => {
    // 0.375 × 1.5 = 0.5625 per 1M → 5.625e-7 per token: 7 tokens = $0.0000039375.
    expect(price("MiniMax-M2.7", { cacheWriteTokens: 7 }, priority)).toBe("0.0000039375");
  });
});

describe("quota units", () => {
  it("v2 counts list-price dollars; video counts videos", () => {
    const m3 = compiled.resources.get("MiniMax-M3");
    const video = compiled.resources.get("video-standard");
    if (m3 === undefined || video === undefined) throw new Error("missing");
    const value = priceUsage(m3, { outputTokens: 10 }, standard, rule);
    expect(formatAmount(quotaUnitsOf(m3, { outputTokens: 10 }, value))).toBe("0.000012");
    expect(formatAmount(quotaUnitsOf(video, { videos: 2 }, value))).toBe("2");
  });

  it("v1 counts one request per text usage whatever its size", () => {
    const v1 = compiledOf(tokenPlanV1Catalog);
    const m27 = v1.resources.get("MiniMax-M2.7");
    if (m27 === undefined) throw new Error("missing");
    const value = priceUsage(m27, { inputTokens: 1_000_000 }, standard, v1.usageValueRounding);
    expect(formatAmount(quotaUnitsOf(m27, { inputTokens: 1_000_000 }, value))).toBe("1");
  });
});

describe("the plain-number sum and the bigint sum", () => {
  const resources = [...compiled.resources.values()];
  /** The same resource priced by bigints alone (its number coefficients taken away). */
  const bigintOnly = (r: (typeof resources)[number]) => ({
    ...r,
    prices: { ...r.prices, safeCoefficients: null },
    longContext: r.longContext && {
      ...r.longContext,
      prices: { ...r.longContext.prices, safeCoefficients: null },
    },
  });
  const quantity = fc.oneof(
    fc.integer({ min: 0, max: 2_000_000 }),
    fc.integer({ min: 0, max: measureMax }),
    fc.constantFrom(0, 1, measureMax, 90_071_992_547, 90_071_992_548),
  );
  const measures = fc.dictionary(fc.constantFrom<MeasureName>(...measureNames), quantity, { maxKeys: 4 });

  it(
    "agree on every resource, measures and multiplier, up to the largest measure (sums past 2^53 included)",
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...resources),
          measures,
          fc.constantFrom(standard, priority),
          (resource, m, multiplier) => {
            expect(usageValue(resource, m, multiplier, rule)).toBe(
              usageValue(bigintOnly(resource), m, multiplier, rule),
            );
          },
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  it("sums past 2^53 are priced by bigints, exactly", () => {
    // $100 per 1M characters is 10^8 atoms a character: 90,071,992,547 characters make
    // 9.0071992547 × 10^18 atoms, past 2^53 (a float sum there is off by a few hundred atoms).
    expect(price("speech-hd", { characters: 90_071_992_547 })).toBe("9007199.2547");
    expect(price("speech-hd", { characters: measureMax })).toBe("100000000");
    expect(BigInt(90_071_992_547 * 100_000_000) - 90_071_992_547n * 100_000_000n).toBe(256n);
  });

  it("a price of more than 2^53 atoms a unit leaves the plain numbers out, and bigints price it", () => {
    const m3 = compiled.resources.get("MiniMax-M3");
    expect(m3?.prices.safeCoefficients?.inputTokens).toBe(300_000);
    expect(m3?.prices.safeCoefficients?.images).toBe(0); // no price for images in its list
    const pricey = extendCatalog(defaultCatalog, {
      id: "pricey",
      resources: {
        gem: { ...defaultCatalog.resources.music, name: "Gem", prices: { songs: { usd: "10000", per: 1 } } },
      },
    });
    if (!pricey.ok) throw new Error(pricey.error.message);
    const gem = compiledOf(pricey.value).resources.get("gem");
    if (gem === undefined) throw new Error("missing");
    expect(gem.prices.safeCoefficients).toBeNull();
    // 10^4 USD = 10^16 atoms a song (past 2^53): 3 songs are $30,000 exactly.
    expect(formatAmount(priceUsage(gem, { songs: 3 }, standard, rule))).toBe("30000");
    expect(formatAmount(priceUsage(gem, { songs: 1_000_000_007 }, standard, rule))).toBe("10000000070000");
  });
});
