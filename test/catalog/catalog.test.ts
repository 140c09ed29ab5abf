import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  codingPlanCatalog,
  defaultCatalog,
  defineCatalog,
  extendCatalog,
  tokenPlanChinaCatalog,
  tokenPlanV1Catalog,
} from "../../src";

describe("the default catalog: the published Token Plan", () => {
  it("has the seed's prices, agent ranges and credit packages", () => {
    const { plus, max, ultra } = defaultCatalog.tiers as Record<
      string,
      (typeof defaultCatalog.tiers)[string]
    >;
    expect([plus?.monthlyPriceUsd, max?.monthlyPriceUsd, ultra?.monthlyPriceUsd]).toEqual([
      "20",
      "50",
      "120",
    ]);
    expect([plus?.agents, max?.agents, ultra?.agents]).toEqual([
      { min: 3, max: 4 },
      { min: 4, max: 5 },
      { min: 6, max: 7 },
    ]);
    expect(defaultCatalog.credits.packages).toEqual({
      "usd-5": { priceUsd: "5", credits: "5000" },
      "usd-25": { priceUsd: "25", credits: "25000" },
      "usd-100": { priceUsd: "100", credits: "100000" },
    });
    expect(defaultCatalog.credits.validity).toEqual({ rule: "elapsed-days", days: 365 });
  });

  it("cuts the day at 00/05/10/15/20 UTC and starts the week on Monday", () => {
    const general = defaultCatalog.buckets.general;
    expect(general?.unit).toBe("list-price-usd");
    expect(general?.windows["5h"]).toMatchObject({ kind: "calendar", every: "day", timeZone: "UTC" });
    expect(general?.windows["5h"]).toHaveProperty("cuts", ["00:00", "05:00", "10:00", "15:00", "20:00"]);
    expect(general?.windows.weekly).toMatchObject({ kind: "calendar", every: "week", weekStartsOn: 1 });
  });

  it("is frozen: no one can change the shipped rules at run time", () => {
    expect(Object.isFrozen(defaultCatalog)).toBe(true);
    expect(Object.isFrozen(defaultCatalog.tiers)).toBe(true);
    expect(() => {
      (defaultCatalog as { id: string }).id = "x";
    }).toThrow(TypeError);
  });

  it("marks every unconfirmed value, and the README lists each assumption", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(defaultCatalog.assumptions.length).toBeGreaterThanOrEqual(5);
    for (const needle of [
      "6.596",
      "19.834",
      "297.51",
      "365 × 24 h",
      "5,000",
      "price difference",
      "12 decimal places",
    ]) {
      expect(readme).toContain(needle);
    }
  });

  it("round-trips through JSON into an identical catalog", () => {
    const again = defineCatalog(JSON.parse(JSON.stringify(defaultCatalog)));
    expect(again.ok && JSON.stringify(again.value)).toBe(JSON.stringify(defaultCatalog));
  });
});

describe("shipped catalogs are sealed without zod, so each must already be canonical", () => {
  it.each([
    ["defaultCatalog", defaultCatalog],
    ["tokenPlanChinaCatalog", tokenPlanChinaCatalog],
    ["tokenPlanV1Catalog", tokenPlanV1Catalog],
    ["codingPlanCatalog", codingPlanCatalog],
  ])("defineCatalog maps %s to itself (same keys, same order, same values)", (_, catalog) => {
    const again = defineCatalog(JSON.parse(JSON.stringify(catalog)));
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value).toStrictEqual(catalog);
    expect(JSON.stringify(again.value)).toBe(JSON.stringify(catalog));
  });
});

describe("a shipped catalog's id names its content", () => {
  // Stored ledgers are matched to catalogs by id and content (parseLedger), so a release
  // that changed a shipped catalog under the same id would make every ledger stored with
  // it unreadable. Changing one of these fingerprints means: give the catalog a new id.
  it.each([
    [defaultCatalog, "018e9e170f2abd87"],
    [tokenPlanChinaCatalog, "47925fef166cad4b"],
    [tokenPlanV1Catalog, "8c1bb973fe468102"],
    [codingPlanCatalog, "ae5c1961f7446257"],
  ])("$0.id is unchanged", (catalog, fingerprint) => {
    const digest = createHash("sha256").update(JSON.stringify(catalog)).digest("hex").slice(0, 16);
    expect(`${catalog.id} ${digest}`).toBe(`${catalog.id} ${fingerprint}`);
  });
});

describe("the other rule sets ship as catalogs", () => {
  it.each([
    [tokenPlanChinaCatalog, "list-price-usd", "Asia/Shanghai"],
    [tokenPlanV1Catalog, "requests", "UTC"],
    [codingPlanCatalog, "model-calls", "UTC"],
  ])("%s", (catalog, unit, zone) => {
    expect(catalog.buckets.general?.unit).toBe(unit);
    expect(catalog.buckets.general?.windows["5h"]).toHaveProperty("timeZone", zone);
    expect(catalog.assumptions.length).toBeGreaterThan(0);
  });
});

describe("extending a catalog is one short call", () => {
  it("a higher Ultra limit", () => {
    const roomy = extendCatalog(defaultCatalog, {
      id: "roomy-ultra",
      tiers: { ultra: { limits: { general: { "5h": "100" } } } },
    });
    expect(roomy.ok).toBe(true);
    if (!roomy.ok) return;
    expect(roomy.value.tiers.ultra?.limits.general?.["5h"]).toEqual({ units: "100", boosts: [] });
    expect(roomy.value.tiers.ultra?.limits.general?.weekly).toEqual({ units: "714.024", boosts: [] });
    expect(defaultCatalog.tiers.ultra?.limits.general?.["5h"]).toEqual({ units: "47.6016", boosts: [] });
  });

  it("a boost and new prices ($22/$55/$132)", () => {
    const r = extendCatalog(defaultCatalog, {
      id: "token-plan-v2-boosted",
      tiers: {
        plus: { monthlyPriceUsd: "22" },
        max: {
          monthlyPriceUsd: "55",
          limits: {
            general: {
              "5h": {
                units: "19.834",
                boosts: [{ from: "2026-07-01T00:00:00Z", until: "2026-07-08T00:00:00Z", permille: 1500 }],
              },
            },
          },
        },
        ultra: { monthlyPriceUsd: 132 },
      },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.tiers.ultra?.monthlyPriceUsd).toBe("132");
    expect(r.value.tiers.max?.limits.general?.["5h"]?.boosts[0]).toEqual({
      from: "2026-07-01T00:00:00.000Z",
      until: "2026-07-08T00:00:00.000Z",
      permille: 1500,
    });
  });

  it("a changed catalog must have its own id; an unchanged one may keep the base's", () => {
    const same = extendCatalog(defaultCatalog, { tiers: { plus: { monthlyPriceUsd: "20" } } });
    expect(same.ok && same.value).toStrictEqual(defaultCatalog);
    const changed = extendCatalog(defaultCatalog, { tiers: { plus: { monthlyPriceUsd: "22" } } });
    expect(changed.ok === false && [changed.error.code, changed.error.path]).toEqual([
      "invalid_catalog",
      ["id"],
    ]);
    expect(changed.ok === false && changed.error.message).toMatch(/needs an id of its own/);
  });

  it("only a window's kind or a validity's rule switches a variant: a resource's kind and a tier named kind merge", () => {
    const imageM3 = extendCatalog(defaultCatalog, {
      id: "m3-as-image",
      resources: { "MiniMax-M3": { kind: "image" } },
    });
    expect(imageM3.ok && imageM3.value.resources["MiniMax-M3"]).toEqual({
      ...defaultCatalog.resources["MiniMax-M3"],
      kind: "image",
    });
    const kindTier = extendCatalog(defaultCatalog, {
      id: "with-a-kind-tier",
      tiers: { kind: { ...defaultCatalog.tiers.plus, name: "Kind" } },
    });
    expect(kindTier.ok && Object.keys(kindTier.value.tiers)).toEqual(["plus", "max", "ultra", "kind"]);
    const sliding = extendCatalog(defaultCatalog, {
      id: "sliding-5h",
      buckets: { general: { windows: { "5h": { label: "5-hour", kind: "sliding", duration: "PT5H" } } } },
    });
    expect(sliding.ok && sliding.value.buckets.general?.windows["5h"]).toEqual({
      label: "5-hour",
      kind: "sliding",
      duration: "PT5H",
    });
  });

  it("a bad patch is refused with the path of the bad field", () => {
    const r = extendCatalog(defaultCatalog, { tiers: { max: { monthlyPriceUsd: "-5" } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("invalid_amount");
    expect(r.error.path).toEqual(["tiers", "max", "monthlyPriceUsd"]);
    expect(extendCatalog(defaultCatalog, [] as never).ok).toBe(false);
  });
});
