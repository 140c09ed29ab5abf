/**
 * Catalog rules that Stryker's survivors showed untested (issue 23). The shipped catalogs
 * are compiled once, when the module loads, so a test that only uses them never checks
 * what `defineCatalog` compiles at run time: here each catalog is defined inside its test
 * and used, with the values worked out by hand (long-context prices, the priority
 * multiplier, tier and package prices, custom amounts, per-request and per-measure quota
 * rates, prices over different `per`, the default sliding resolution).
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  type Catalog,
  type CatalogPatch,
  defaultCatalog,
  defineCatalog,
  extendCatalog,
  quotaStatus,
  tokenPlanV1Catalog,
} from "../../src";
import { boostsPerWindowMax, windowRecordsMax } from "../../src/limits";
import { Story } from "../support/ledger";

/** A catalog defined now (at test time), or the test fails with its error. */
function extended(base: Catalog, patch: CatalogPatch): Catalog {
  const r = extendCatalog(base, patch);
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
}

/** A copy of a shipped catalog's data under another id, defined now. */
function copyOf(base: Catalog, id: string): Catalog {
  const r = defineCatalog({ ...(JSON.parse(JSON.stringify(base)) as Catalog), id });
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
}

describe("a copy of the default catalog defined at run time charges what the shipped one does", () => {
  it("Plus $20, the usd-25 package, a custom 10,000 credits for $10", () => {
    const story = new Story(copyOf(defaultCatalog, "runtime-copy"));
    story.apply({ type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier: "plus" });
    story.apply({ type: "purchase-credits", id: "p25", at: "2026-06-01T00:00:00Z", package: "usd-25" });
    story.apply({ type: "purchase-credits", id: "c10", at: "2026-06-01T00:00:00Z", credits: "10000" });
    expect(
      story.entriesOf("subscription.charged").map((e) => e.type === "subscription.charged" && e.usd),
    ).toEqual(["20"]);
    expect(
      story
        .entriesOf("credits.purchased")
        .map((e) => e.type === "credits.purchased" && [e.lot.credits, e.lot.priceUsd]),
    ).toEqual([
      ["25000", "25"],
      // Custom amounts: 1,000 credits per dollar.
      ["10000", "10"],
    ]);
  });

  it("a catalog without custom amounts sells packages only", () => {
    const story = new Story(
      extended(defaultCatalog, { id: "packages-only", credits: { customAmount: null } }),
    );
    story.apply({ type: "purchase-credits", id: "p5", at: "2026-06-01T00:00:00Z", package: "usd-5" });
    const r = applyEvent(story.state, {
      type: "purchase-credits",
      id: "c5",
      at: "2026-06-01T00:00:00Z",
      credits: "5000",
    });
    expect(!r.ok && [r.error.code, r.error.path]).toEqual(["invalid_purchase_amount", ["credits"]]);
  });

  it("a custom amount below the minimum or off the 5,000 step is refused", () => {
    const story = new Story(copyOf(defaultCatalog, "runtime-copy"));
    for (const credits of ["2500", "7500"]) {
      const r = applyEvent(story.state, {
        type: "purchase-credits",
        id: `c${credits}`,
        at: "2026-06-01T00:00:00Z",
        credits,
      });
      expect(!r.ok && [r.error.code, r.error.path, r.error.params]).toEqual([
        "invalid_purchase_amount",
        ["credits"],
        { credits },
      ]);
    }
  });

  it("long context: above 512,000 input tokens M3 costs $0.6 and $2.4 per million", () => {
    const story = new Story(copyOf(defaultCatalog, "runtime-copy"));
    // 600,000 × $0.6/M + 100,000 × $2.4/M = $0.36 + $0.24 = $0.6 (at the normal prices: $0.3).
    const long = story.usage({
      id: "u",
      at: "2026-06-01T00:00:00Z",
      resource: "MiniMax-M3",
      measures: { inputTokens: 600_000, outputTokens: 100_000 },
    });
    expect(long.valueUsd).toBe("0.6");
  });

  it("the priority service tier multiplies the list price by 1.5", () => {
    const story = new Story(copyOf(defaultCatalog, "runtime-copy"));
    // 1,000,000 output tokens × $1.2/M = $1.2; × 1.5 = $1.8.
    const r = story.usage({
      id: "u",
      at: "2026-06-01T00:00:00Z",
      resource: "MiniMax-M3",
      measures: { outputTokens: 1_000_000 },
      serviceTier: "priority",
    });
    expect(r.valueUsd).toBe("1.8");
  });
});

describe("quota rates compiled at run time", () => {
  it("v1 counts every text request as 1 request, whatever its size", () => {
    const story = new Story(copyOf(tokenPlanV1Catalog, "v1-copy"));
    story.apply({ type: "subscribe", id: "sub", at: "2026-04-01T00:00:00Z", tier: "plus" });
    const r = story.usage({
      id: "u",
      at: "2026-04-01T01:00:00Z",
      resource: "MiniMax-M2.7",
      measures: { outputTokens: 1_000_000 },
    });
    expect(r.quota.units).toBe("1");
  });

  it("per measure: a measure the usage leaves out counts nothing", () => {
    const catalog = extended(defaultCatalog, {
      id: "video-by-seconds",
      resources: {
        "video-standard": {
          quotaRate: { perMeasure: { videos: "1", seconds: "0.1" } },
          prices: { seconds: { usd: "0.01", per: 1 } },
        },
      },
    });
    const story = new Story(catalog);
    story.apply({ type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier: "plus" });
    const one = story.usage({
      id: "u1",
      at: "2026-06-01T01:00:00Z",
      resource: "video-standard",
      measures: { videos: 1 },
    });
    // 1 video × 1 + 10 seconds × 0.1 = 2 units.
    const two = story.usage({
      id: "u2",
      at: "2026-06-01T02:00:00Z",
      resource: "video-standard",
      measures: { videos: 1, seconds: 10 },
    });
    expect([one.quota.required, two.quota.required]).toEqual(["1", "2"]);
  });
});

describe("prices over different `per` are exact", () => {
  it("$10^-12 per 3 images and per 2 characters: 3 images and 2 characters cost $2 × 10^-12", () => {
    // The common denominator is lcm(3, 2) = 6: 3 × 2/6 + 2 × 3/6 = 12/6 = 2 atoms of 10^-12 dollars.
    const catalog = extended(defaultCatalog, {
      id: "tiny-prices",
      resources: {
        "image-01": {
          prices: {
            images: { usd: "0.000000000001", per: 3 },
            characters: { usd: "0.000000000001", per: 2 },
          },
        },
      },
    });
    const story = new Story(catalog);
    const r = story.usage({
      id: "u",
      at: "2026-06-01T00:00:00Z",
      resource: "image-01",
      measures: { images: 3, characters: 2 },
    });
    expect(r.valueUsd).toBe("0.000000000002");
  });
});

describe("a sliding window's resolution", () => {
  const sliding = (resolution?: string): Catalog =>
    extended(defaultCatalog, {
      id: `sliding-${resolution ?? "default"}`,
      buckets: {
        general: {
          windows: {
            "5h": {
              label: "5-hour",
              kind: "sliding",
              duration: "PT5H",
              ...(resolution === undefined ? {} : { resolution }),
            },
          },
        },
      },
    });
  const schedule = (catalog: Catalog) => {
    const story = new Story(catalog);
    story.apply({ type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier: "plus" });
    // $0.12 each: 100,000 output tokens × $1.2/M.
    for (const [id, at] of [
      ["u1", "2026-06-04T10:00:00Z"],
      ["u2", "2026-06-04T10:00:30Z"],
      ["u3", "2026-06-04T10:01:00Z"],
    ] as const) {
      story.usage({ id, at, resource: "MiniMax-M3", measures: { outputTokens: 100_000 } });
    }
    const r = quotaStatus(story.state, "2026-06-04T10:02:00Z");
    if (!r.ok) throw new Error(r.error.message);
    return r.value.buckets[0]?.windows.find((w) => w.window === "5h")?.schedule;
  };

  it("by default 1/300 of the duration (1 minute for 5 hours): u1 and u2 share a record, u3 has its own", () => {
    expect(schedule(sliding())).toEqual([
      { at: "2026-06-04T15:00:30.000Z", units: "0.24" },
      { at: "2026-06-04T15:01:00.000Z", units: "0.12" },
    ]);
  });

  it("a given resolution (1 hour) is used instead: all three share one record, freed with the latest", () => {
    expect(schedule(sliding("PT1H"))).toEqual([{ at: "2026-06-04T15:01:00.000Z", units: "0.36" }]);
  });
});

describe("catalog refusals name the rule, the field and the code", () => {
  type Refusal =
    | {
        code: string;
        message: string;
        path: readonly (string | number)[];
        params: Readonly<Record<string, unknown>>;
      }
    | "ok";
  const shown = (r: ReturnType<typeof defineCatalog>): Refusal =>
    r.ok
      ? "ok"
      : { code: r.error.code, message: r.error.message, path: r.error.path, params: r.error.params };
  const refusal = (patch: CatalogPatch) => shown(extendCatalog(defaultCatalog, { id: "refused", ...patch }));
  /** The default catalog's data as plain JSON, to edit what a patch cannot remove. */
  const data = () =>
    JSON.parse(JSON.stringify({ ...defaultCatalog, id: "refused" })) as {
      resources: Record<string, { prices: object; longContext?: object }>;
      tiers: { plus: { limits: { general: Record<string, unknown> } } };
    };

  it(`a sliding window of 7 days at 1-second resolution holds more than ${windowRecordsMax} records`, () => {
    // 604,800 s / 1 s + 1 records; the resolution must be at least ceil(604,800,000 ms / 19,999) = 30,242 ms.
    const weekly = { label: "7-day", kind: "sliding", duration: "P7D", resolution: "PT1S" };
    expect(refusal({ buckets: { general: { windows: { weekly } } } })).toEqual({
      code: "limit_exceeded",
      message: `A sliding window holds at most ${windowRecordsMax} records: make its resolution at least 30242 ms at buckets.general.windows.weekly.resolution.`,
      path: ["buckets", "general", "windows", "weekly", "resolution"],
      params: { zodCode: "custom" },
    });
  });

  it("a bare limit that is not an amount keeps the amount's code, message and path", () => {
    expect(refusal({ tiers: { plus: { limits: { general: { "5h": "x" } } } } })).toEqual({
      code: "invalid_amount",
      message:
        'Expected a plain decimal quota-unit amount like "12.5", got "x" at tiers.plus.limits.general.5h.',
      path: ["tiers", "plus", "limits", "general", "5h"],
      params: { zodCode: "custom" },
    });
  });

  it("a boost whose limit × permille is not a whole number of 10^-12 units", () => {
    // 10^-12 × 1‰ = 10^-15: below the smallest amount.
    const boosts = [{ from: "2026-06-01T00:00:00Z", until: "2026-06-08T00:00:00Z", permille: 1 }];
    expect(
      refusal({ tiers: { plus: { limits: { general: { "5h": { units: "0.000000000001", boosts } } } } } }),
    ).toEqual({
      code: "invalid_catalog",
      message:
        "0.000000000001 × 1‰ is not a whole number of 10^-12 units; choose a permille that divides exactly at tiers.plus.limits.general.5h.boosts.0.permille.",
      path: ["tiers", "plus", "limits", "general", "5h", "boosts", 0, "permille"],
      params: { zodCode: "custom" },
    });
  });

  it("a resource on a bucket the catalog does not define", () => {
    expect(refusal({ resources: { "MiniMax-M3": { bucket: "text" } } })).toEqual({
      code: "unknown_bucket",
      message:
        'Resource "MiniMax-M3" draws on bucket "text", which the catalog does not define at resources.MiniMax-M3.bucket.',
      path: ["resources", "MiniMax-M3", "bucket"],
      params: { zodCode: "custom" },
    });
  });

  it("a resource without a price", () => {
    const input = data();
    input.resources["MiniMax-M3"] = { ...input.resources["MiniMax-M3"], prices: {} };
    delete input.resources["MiniMax-M3"].longContext;
    expect(shown(defineCatalog(input as unknown as Catalog))).toEqual({
      code: "invalid_catalog",
      message: 'Resource "MiniMax-M3" has no price at resources.MiniMax-M3.prices.',
      path: ["resources", "MiniMax-M3", "prices"],
      params: { zodCode: "custom" },
    });
  });

  it("tier limits for a bucket the catalog does not define", () => {
    expect(refusal({ tiers: { plus: { limits: { text: { "5h": "1" } } } } })).toEqual({
      code: "unknown_bucket",
      message:
        'Tier "plus" sets limits for bucket "text", which the catalog does not define at tiers.plus.limits.text.',
      path: ["tiers", "plus", "limits", "text"],
      params: { zodCode: "custom" },
    });
  });

  it("a tier without the limit of one of a bucket's windows", () => {
    const input = data();
    delete input.tiers.plus.limits.general.weekly;
    expect(shown(defineCatalog(input as unknown as Catalog))).toEqual({
      code: "invalid_catalog",
      message:
        'Tier "plus" must set a limit for window "weekly" of bucket "general" at tiers.plus.limits.general.weekly.',
      path: ["tiers", "plus", "limits", "general", "weekly"],
      params: { zodCode: "custom" },
    });
  });

  it("a tier with a limit for a window the bucket lacks", () => {
    expect(refusal({ tiers: { plus: { limits: { general: { daily: "1" } } } } })).toEqual({
      code: "invalid_catalog",
      message: 'Bucket "general" has no window "daily" at tiers.plus.limits.general.daily.',
      path: ["tiers", "plus", "limits", "general", "daily"],
      params: { zodCode: "custom" },
    });
  });

  it('serviceTiers.standard must be "1"', () => {
    expect(refusal({ serviceTiers: { standard: "1.1" } })).toEqual({
      code: "invalid_catalog",
      message: 'serviceTiers.standard must be "1" at serviceTiers.standard.',
      path: ["serviceTiers", "standard"],
      params: { zodCode: "custom" },
    });
  });
});

describe("limits at their bounds", () => {
  const slidingFor = (duration: string) =>
    extendCatalog(defaultCatalog, {
      id: "sliding-bound",
      buckets: {
        general: { windows: { weekly: { label: "long", kind: "sliding", duration, resolution: "PT1S" } } },
      },
    });

  it(`a sliding window of exactly ${windowRecordsMax} records is accepted, one more is limit_exceeded`, () => {
    // 19,999 s at 1 s: 19,999 + 1 = 20,000 records; 20,000 s: 20,001.
    expect(slidingFor("PT19999S").ok).toBe(true);
    const over = slidingFor("PT20000S");
    // ceil(20,000,000 ms / 19,999) = 1,001 ms.
    expect(!over.ok && [over.error.code, over.error.message]).toEqual([
      "limit_exceeded",
      `A sliding window holds at most ${windowRecordsMax} records: make its resolution at least 1001 ms at buckets.general.windows.weekly.resolution.`,
    ]);
  });

  it(`${boostsPerWindowMax} boosts on one window are accepted, one more is limit_exceeded`, () => {
    const boosts = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        from: new Date(Date.UTC(2026, 6, 1 + i)).toISOString(),
        until: new Date(Date.UTC(2026, 6, 2 + i)).toISOString(),
        permille: 2000,
      }));
    const withBoosts = (count: number) =>
      extendCatalog(defaultCatalog, {
        id: "boosted",
        tiers: { plus: { limits: { general: { "5h": { units: "6.596", boosts: boosts(count) } } } } },
      });
    expect(withBoosts(boostsPerWindowMax).ok).toBe(true);
    const over = withBoosts(boostsPerWindowMax + 1);
    expect(!over.ok && [over.error.code, over.error.path]).toEqual([
      "limit_exceeded",
      ["tiers", "plus", "limits", "general", "5h", "boosts"],
    ]);
  });
});

describe("extendCatalog merges", () => {
  it("a patch that names a window's own kind again merges into it (only a different kind replaces it)", () => {
    const r = extendCatalog(defaultCatalog, {
      id: "relabelled",
      buckets: { general: { windows: { "5h": { kind: "calendar", label: "five-hour" } } } },
    });
    expect(r.ok && r.value.buckets.general?.windows["5h"]).toEqual({
      ...defaultCatalog.buckets.general?.windows["5h"],
      label: "five-hour",
    });
  });

  it("a key set to undefined in the patch keeps the base's value", () => {
    const r = extendCatalog(defaultCatalog, { id: "same-name", name: undefined });
    expect(r.ok && r.value.name).toBe(defaultCatalog.name);
  });
});

describe("a defined catalog is frozen all the way down", () => {
  it("its tiers, limits and prices cannot be changed in place", () => {
    const catalog = copyOf(defaultCatalog, "frozen-copy");
    expect(
      [catalog, catalog.tiers, catalog.tiers.plus, catalog.tiers.plus?.limits.general?.["5h"]].map(
        Object.isFrozen,
      ),
    ).toEqual([true, true, true, true]);
    expect(() => {
      (catalog.tiers.plus as { name: string }).name = "Plus, changed";
    }).toThrow(TypeError);
  });
});

describe("what a catalog may say", () => {
  it("a bare limit may be a number: 100 reads as 100 units with no boost", () => {
    const r = extendCatalog(defaultCatalog, {
      id: "numeric-limit",
      tiers: { plus: { limits: { general: { "5h": 100 } } } },
    });
    expect(r.ok && r.value.tiers.plus?.limits.general?.["5h"]).toEqual({ units: "100", boosts: [] });
  });

  it("a tier for exactly 2 agents (min = max) is accepted; min above max is refused at max", () => {
    const agents = (min: number, max: number) =>
      extendCatalog(defaultCatalog, { id: "agents", tiers: { plus: { agents: { min, max } } } });
    const exact = agents(2, 2);
    expect(exact.ok && exact.value.tiers.plus?.agents).toEqual({ min: 2, max: 2 });
    const inverted = agents(3, 2);
    expect(!inverted.ok && [inverted.error.code, inverted.error.path]).toEqual([
      "invalid_catalog",
      ["tiers", "plus", "agents", "max"],
    ]);
  });

  it("a resource with no bucket (credits only) is accepted", () => {
    const r = extendCatalog(defaultCatalog, {
      id: "credits-only-music",
      resources: { music: { bucket: null } },
    });
    expect(r.ok && r.value.resources.music?.bucket).toBeNull();
  });
});
