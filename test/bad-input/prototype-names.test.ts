/**
 * Names that are members of `Object.prototype` (issue 23, item 5): `toString`, `valueOf`,
 * `constructor` and `__proto__` as tier, bucket, window or resource names. Every lookup is
 * an own-property lookup, so such a name is either refused with a typed error or works
 * like any other name; it never throws and is never read as the prototype's member.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  type CatalogInput,
  type CatalogPatch,
  createLedger,
  defaultCatalog,
  defineCatalog,
  extendCatalog,
  quotaStatus,
  timeUntilAvailable,
} from "../../src";
import { activeLedger, catalogDraft, expectRefusal, T_NEXT } from "./support";

const inherited = ["toString", "valueOf", "constructor", "hasOwnProperty"] as const;

describe("a tier's limits for a bucket named like a prototype member", () => {
  it.each(inherited)("extendCatalog: limits.%s is an unknown bucket", (name) => {
    expectRefusal(
      () => extendCatalog(defaultCatalog, { id: "x", tiers: { plus: { limits: { [name]: {} } } } }),
      { code: "unknown_bucket", path: ["tiers", "plus", "limits", name], hint: new RegExp(`"${name}"`) },
    );
  });

  it.each(inherited)("defineCatalog: limits.%s is an unknown bucket", (name) => {
    const draft = catalogDraft() as { tiers: { plus: { limits: Record<string, unknown> } } };
    draft.tiers.plus.limits[name] = { "5h": "1" };
    expectRefusal(() => defineCatalog({ ...(draft as unknown as CatalogInput), id: "x" }), {
      code: "unknown_bucket",
      path: ["tiers", "plus", "limits", name],
      hint: new RegExp(`"${name}"`),
    });
  });
});

describe("a window named like a prototype member", () => {
  const windowPatch = (name: string, withLimits: boolean): CatalogPatch => ({
    id: `with-${name}`,
    buckets: {
      general: { windows: { [name]: { label: name, kind: "session", duration: "PT1H" } } },
    },
    ...(withLimits
      ? {
          tiers: Object.fromEntries(
            ["plus", "max", "ultra"].map((tier) => [tier, { limits: { general: { [name]: "0.5" } } }]),
          ),
        }
      : {}),
  });

  it.each(inherited)("without a limit for %s in a tier: refused, the tier must set it", (name) => {
    expectRefusal(() => extendCatalog(defaultCatalog, windowPatch(name, false)), {
      code: "invalid_catalog",
      path: ["tiers", "plus", "limits", "general", name],
      hint: /must set a limit/,
    });
  });

  it.each(inherited)("with its limits, a window named %s works like any other", (name) => {
    const catalog = extendCatalog(defaultCatalog, windowPatch(name, true));
    if (!catalog.ok) throw new Error(catalog.error.message);
    const created = createLedger({ catalog: catalog.value });
    if (!created.ok) throw new Error(created.error.message);
    const sub = applyEvent(created.state, { type: "subscribe", id: "s", at: T_NEXT, tier: "plus" });
    if (!sub.ok) throw new Error(sub.error.message);
    // Two songs ($0.30): the new window's 0.5 leaves room for both.
    const used = applyEvent(sub.state, {
      type: "usage",
      id: "u",
      at: T_NEXT,
      resource: "music",
      measures: { songs: 2 },
    });
    expect(used.ok && used.outcome.type === "usage" && used.outcome.quota.windows).toEqual([
      "5h",
      "weekly",
      name,
    ]);
    const status = quotaStatus(used.ok ? used.state : sub.state, T_NEXT);
    const window = status.ok && status.value.buckets[0]?.windows.find((w) => w.window === name);
    expect(window && [window.used, window.limit]).toEqual(["0.3", "0.5"]);
  });
});

describe("a resource drawing on a bucket named like a prototype member", () => {
  it.each(inherited)("bucket %s is unknown", (name) => {
    expectRefusal(() => extendCatalog(defaultCatalog, { id: "x", resources: { music: { bucket: name } } }), {
      code: "unknown_bucket",
      path: ["resources", "music", "bucket"],
      hint: new RegExp(`"${name}"`),
    });
  });
});

describe("queries naming a bucket like a prototype member", () => {
  it.each(inherited)("timeUntilAvailable bucket %s is unknown_bucket", (name) => {
    expectRefusal(() => timeUntilAvailable(activeLedger(), 1, T_NEXT, { bucket: name }), {
      code: "unknown_bucket",
      path: ["bucket"],
      hint: new RegExp(`"${name}"`),
    });
  });
});

describe('"__proto__" as a name, from JSON', () => {
  it("a tier named __proto__ in a patch is refused as an invalid id, never merged as a prototype", () => {
    const patch = JSON.parse('{"id": "x", "tiers": {"__proto__": {"name": "Evil"}}}') as CatalogPatch;
    expectRefusal(() => extendCatalog(defaultCatalog, patch), {
      code: "invalid_catalog",
      path: ["tiers", "__proto__"],
      hint: /id/,
    });
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it("a bucket named __proto__ in a catalog is refused", () => {
    const draft = JSON.parse(
      JSON.stringify(defaultCatalog).replace(
        '"buckets":{',
        '"buckets":{"__proto__":{"name":"x","unit":"x","windows":{}},',
      ),
    ) as CatalogInput;
    expectRefusal(() => defineCatalog({ ...draft, id: "x" }), {
      code: "invalid_catalog",
      path: ["buckets", "__proto__"],
      hint: /id/,
    });
  });

  it("metadata or measures with a __proto__ key are refused, not read as empty", () => {
    const event = JSON.parse(
      `{"type":"usage","id":"u","at":"${T_NEXT}","resource":"music","measures":{"songs":1},"metadata":{"__proto__":{"x":1}}}`,
    );
    expectRefusal(() => applyEvent(activeLedger(), event), {
      code: "invalid_input",
      path: ["metadata", "__proto__"],
      hint: /__proto__/,
    });
    const measures = JSON.parse(
      `{"type":"usage","id":"u","at":"${T_NEXT}","resource":"music","measures":{"__proto__":{"songs":9}}}`,
    );
    expectRefusal(() => applyEvent(activeLedger(), measures), {
      code: "invalid_input",
      path: ["measures", "__proto__"],
      hint: /__proto__/,
    });
  });

  it("a resource named __proto__ in a usage is unknown", () => {
    expectRefusal(
      () =>
        applyEvent(activeLedger(), {
          type: "usage",
          id: "u",
          at: T_NEXT,
          resource: "__proto__",
          measures: {},
        }),
      { code: "unknown_resource", path: ["resource"], hint: /__proto__/ },
    );
  });
});
