/**
 * The dual-package hazard: an app that loads the ESM build and the CJS build (or two
 * versions) holds two copies of token-plan. A catalog or a ledger made by one copy must
 * be accepted by the other, and the answers must be the same as within one copy.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackage } from "../support/build";

type Api = typeof import("../../src/index");

let esm: Api;
let cjs: Api;
let remove = () => {};

beforeAll(async () => {
  const built = await buildPackage("dual-");
  remove = built.remove;
  esm = (await import(pathToFileURL(join(built.dir, "index.js")).href)) as Api;
  cjs = createRequire(import.meta.url)(join(built.dir, "index.cjs")) as Api;
}, 60_000);

afterAll(() => remove());

const events = [
  { type: "subscribe", id: "sub-1", at: "2026-06-01T08:00:00Z", tier: "max" },
  { type: "purchase-credits", id: "pack-1", at: "2026-06-01T08:05:00Z", package: "usd-5" },
  {
    type: "usage",
    id: "req-1",
    at: "2026-06-04T14:10:00Z",
    resource: "MiniMax-M3",
    measures: { inputTokens: 12_345, outputTokens: 2_000 },
  },
] as const;

function ledgerOf(api: Api, catalog?: Api["defaultCatalog"]) {
  const created = api.createLedger(catalog === undefined ? {} : { catalog });
  if (!created.ok) throw new Error(`${created.error.code}: ${created.error.message}`);
  return created.state;
}

describe("two copies of the package accept each other's values", () => {
  it("the two builds really are two copies (two defaultCatalog objects)", () => {
    expect(esm.defaultCatalog).not.toBe(cjs.defaultCatalog);
    expect(esm.defaultCatalog).toEqual(cjs.defaultCatalog);
  });

  it.each(["ESM", "CJS"] as const)(
    "createLedger of the %s build takes the other build's defaultCatalog",
    (to) => {
      const [api, other] = to === "ESM" ? [esm, cjs] : [cjs, esm];
      const created = api.createLedger({ catalog: other.defaultCatalog });
      expect(created.ok ? "ok" : created.error.code).toBe("ok");
    },
  );

  it.each(["ESM", "CJS"] as const)(
    "a ledger made by the %s build moves on in the other build, as it would at home",
    (made) => {
      const [maker, mover] = made === "ESM" ? [esm, cjs] : [cjs, esm];
      const home = maker.applyEvents(ledgerOf(maker), [...events]);
      const away = mover.applyEvents(ledgerOf(maker), [...events]);
      expect(away.ok ? "ok" : away.error.code).toBe("ok");
      expect(home.ok).toBe(true);
      if (!home.ok || !away.ok) return;
      expect(mover.serializeLedger(away.state)).toEqual(maker.serializeLedger(home.state));
      const single = mover.applyEvent(home.state, {
        type: "usage",
        id: "req-2",
        at: "2026-06-04T14:20:00Z",
        resource: "music",
        measures: { songs: 1 },
      });
      expect(single.ok ? single.outcome.type : single.error.code).toBe("usage");
      const quote = mover.quoteUsage(home.state, {
        at: "2026-06-04T14:20:00Z",
        resource: "music",
        measures: { songs: 1 },
      });
      expect(quote.ok && quote.value.valueCredits).toBe("150");
      const balance = mover.creditBalance(home.state, "2026-06-04T14:20:00Z");
      expect(balance.ok && balance.value.total).toBe("5000");
    },
  );

  it("parseLedger of one build reads the other's text against the other's catalog", () => {
    const moved = esm.applyEvents(ledgerOf(esm), [...events]);
    if (!moved.ok) throw new Error(moved.error.message);
    const written = esm.serializeLedger(moved.state);
    if (!written.ok) throw new Error(written.error.message);
    const read = cjs.parseLedger(written.value, { catalogs: [esm.defaultCatalog] });
    expect(read.ok ? "ok" : read.error.code).toBe("ok");
    if (read.ok) expect(cjs.serializeLedger(read.value)).toEqual(written);
  });

  it("extendCatalog and defineCatalog of one build take the other's catalog as a base", () => {
    const extended = cjs.extendCatalog(esm.defaultCatalog, {
      id: "roomy",
      tiers: { ultra: { name: "Roomy" } },
    });
    expect(extended.ok ? "ok" : extended.error.code).toBe("ok");
    if (!extended.ok) return;
    const moved = esm.applyEvents(ledgerOf(esm, extended.value), [...events]);
    expect(moved.ok ? "ok" : moved.error.code).toBe("ok");
  });

  it("a copy of a catalog's fields is still no catalog, in either build", () => {
    for (const api of [esm, cjs]) {
      const copied = api.createLedger({ catalog: { ...api.defaultCatalog } as Api["defaultCatalog"] });
      expect(copied.ok ? "ok" : copied.error.code).toBe("invalid_catalog");
      const parsed = JSON.parse(JSON.stringify(cjs.defaultCatalog)) as Api["defaultCatalog"];
      const fromJson = api.createLedger({ catalog: parsed });
      expect(fromJson.ok ? "ok" : fromJson.error.code).toBe("invalid_catalog");
    }
  });
});
