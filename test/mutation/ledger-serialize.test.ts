/**
 * The stored format (`src/ledger/serialize.ts`), exactly: older rows with every kind of
 * remembered usage (draws, a full window, uncovered credits, a void, no tier) read back as the
 * ledger they were; the refusals' messages and paths in full; a state JSON cannot write.
 * Written to kill the mutants Stryker left in serialize.ts (see bench/README.md "Mutation scores").
 */
import { describe, expect, it } from "vitest";
import {
  applyEvents,
  type Catalog,
  createLedger,
  defaultCatalog,
  extendCatalog,
  type LedgerEvent,
  type LedgerState,
  parseLedger,
  serializeLedger,
} from "../../src";
import { brandState } from "../../src/ledger/state";
import { asVersion2, textOf } from "../support/text";

/**
 * A ledger whose memory holds each kind of usage record: u0 before any plan (no tier, 150
 * uncovered), u1 covered by quota, u3 past the 5h window (a full window, 5,000 credits drawn
 * from p1, 2,816 uncovered), u4 voided; and events that are not usages.
 */
function richLedger(): LedgerState {
  const created = createLedger({ eventIdsRemembered: 16 });
  if (!created.ok) throw new Error(created.error.message);
  const events: LedgerEvent[] = [
    { type: "usage", id: "u0", at: "2026-06-04T09:00:00Z", resource: "music", measures: { songs: 1 } },
    { type: "subscribe", id: "s1", at: "2026-06-04T10:00:00Z", tier: "plus" },
    { type: "purchase-credits", id: "p1", at: "2026-06-04T10:00:00Z", package: "usd-5" },
    {
      type: "usage",
      id: "u1",
      at: "2026-06-04T11:00:00Z",
      resource: "MiniMax-M3",
      measures: { outputTokens: 10_000 },
    },
    {
      type: "usage",
      id: "u2",
      at: "2026-06-04T11:01:00Z",
      resource: "MiniMax-M3",
      measures: { outputTokens: 3_000_000 },
    },
    {
      type: "usage",
      id: "u3",
      at: "2026-06-04T11:02:00Z",
      resource: "MiniMax-M3",
      measures: { outputTokens: 9_000_000 },
    },
    { type: "usage", id: "u4", at: "2026-06-04T11:03:00Z", resource: "music", measures: { songs: 1 } },
    { type: "void-usage", id: "v1", at: "2026-06-04T11:04:00Z", usageId: "u4" },
  ];
  const r = applyEvents(created.state, events);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

type Stored = Record<string, unknown> & { recentEvents: unknown[][] };

function stored(state: LedgerState): Stored {
  return JSON.parse(textOf(state)) as Stored;
}

/** The same stored ledger as a version-1 row: the catalog whole, each remembered event an object. */
function asVersion1(v3: Stored): Record<string, unknown> {
  const { version: _version, recentEvents, ...rest } = asVersion2(v3) as Stored;
  return {
    ...rest,
    schemaVersion: 1,
    catalog: JSON.parse(JSON.stringify(defaultCatalog)),
    recentEvents: recentEvents.map((e) => ({
      id: e[0],
      fingerprint: e[1],
      usage:
        e.length === 2
          ? null
          : {
              atMs: e[2],
              bucket: e[3],
              quotaUnits: e[4],
              draws: e[6] ?? [],
              uncoveredCredits: e[7] ?? "0",
              voided: e[8] === 1,
            },
    })),
  };
}

function read(input: unknown): LedgerState {
  const r = parseLedger(input);
  if (!r.ok) throw new Error(`${r.error.code} at ${r.error.path.join(".")}: ${r.error.message}`);
  return r.value;
}

describe("older rows with every kind of remembered usage", () => {
  it("the fixture holds each kind of record (no tier, a full window, draws, uncovered, voided)", () => {
    // Each record without its fingerprint (a fingerprint alone is an event that is not a usage).
    const unprinted = (f: unknown) =>
      typeof f !== "string" ? f : f.includes(" ") ? f.slice(f.indexOf(" ") + 1) : "print";
    expect(stored(richLedger()).recentEvents.map((e) => e.slice(1).map(unprinted))).toEqual([
      ["1780563600000 general 0 - 150 0"],
      ["print"],
      ["print"],
      ["1780570800000 general 0.012 plus 0 0"],
      ["1780570860000 general 3.6 plus 0 0"],
      [
        "1780570920000 general 2.984 plus 2816 0 5h 6.596 6.596 1780585200000",
        [["p1", "5000", 1812103200000]],
      ],
      ["1780570980000 general 0 plus 150 1 5h 6.596 6.596 1780585200000"],
      ["print"],
    ]);
  });

  it("a version-2 row reads as the same ledger: its text is the version-3 text, byte for byte", () => {
    const state = richLedger();
    const back = read(JSON.stringify(asVersion2(stored(state))));
    expect(textOf(back)).toBe(textOf(state));
    expect(back).toEqual(state);
  });

  it("a version-1 row reads as the same ledger but for what it did not keep (the usage's tier and full window, the version)", () => {
    const state = richLedger();
    const back = stored(read(JSON.stringify(asVersion1(stored(state)))));
    const expected = stored(state);
    expect(back.version).toBe(0);
    expect(back.recentEvents).toEqual(
      expected.recentEvents.map((e) => {
        const fields = (e[1] as string).split(" ");
        if (fields.length === 1) return e;
        fields[4] = "-";
        return [e[0], fields.slice(0, 7).join(" "), ...e.slice(2)];
      }),
    );
    expect({ ...back, version: 0, recentEvents: [] }).toEqual({ ...expected, version: 0, recentEvents: [] });
  });
});

describe("parseLedger's refusals, message and path in full", () => {
  it("a subscription anchored after its period's start", () => {
    const draft = stored(richLedger());
    const subscription = draft.subscription as { anchorAtMs: number; periodStartMs: number };
    subscription.anchorAtMs = subscription.periodStartMs + 1;
    expect(parseLedger(JSON.stringify(draft))).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message: "The stored ledger is inconsistent: the subscription's period starts before its anchor.",
        path: ["subscription", "periodStartMs"],
        params: {},
      },
    });
  });

  it("a version-1 catalog that is an array carrying the catalog's id differs at its root", () => {
    const draft = asVersion1(stored(richLedger()));
    draft.catalog = Object.assign([], { id: defaultCatalog.id });
    const r = parseLedger(draft);
    expect(r.ok ? null : [r.error.code, r.error.path, r.error.params]).toEqual([
      "invalid_state",
      ["catalog"],
      { catalogId: defaultCatalog.id },
    ]);
    expect(r.ok ? "" : r.error.message).toMatch(
      /^The stored ledger's catalog "minimax-token-plan-v2" differs from the catalog of that id given to parseLedger at its root \(stored /,
    );
  });
});

describe("serializeLedger", () => {
  it("refuses a state holding a value JSON cannot write, with a typed error", () => {
    const state = brandState({ ...richLedger(), arrearsCredits: 5n as never });
    expect(serializeLedger(state)).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message: "The state holds a value JSON cannot write (a cycle or a BigInt?).",
        path: [],
        params: {},
      },
    });
  });
});

describe("parseLedger's consistency checks, at their edges", () => {
  it("the draws of all remembered usages together may not pass what a lot gave out", () => {
    // u3 drew all 5,000 credits p1 gave out; one more credit drawn by u1 is one too many.
    const draft = stored(richLedger());
    const p1 = (draft.lots as { expiresAtMs: number }[])[0] as { expiresAtMs: number };
    draft.recentEvents[3]?.push([["p1", "1", p1.expiresAtMs]]);
    expect(parseLedger(JSON.stringify(draft))).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message:
          'The stored ledger is inconsistent: remembered usages drew more from lot "p1" than it has given out.',
        path: ["recentEvents", 5, 2, 0, 1],
        params: {},
      },
    });
  });

  it("a lot bought after the clock", () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const r = applyEvents(created.state, [
      { type: "grant-credits", id: "g", at: "2026-06-04T10:00:00Z", credits: "10" },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    const draft = stored(r.state);
    const clock = draft.clockMs as number;
    (draft.lots as { purchasedAtMs: number }[])[0] = {
      ...(draft.lots as object[])[0],
      purchasedAtMs: clock + 1,
    } as never;
    expect(parseLedger(JSON.stringify(draft))).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message: `The stored ledger is inconsistent: the clock (${clock}) is behind an instant the ledger has seen (lots.0.purchasedAtMs = ${clock + 1}).`,
        path: ["clockMs"],
        params: {},
      },
    });
  });

  it("a window key without a slash is refused, even where the bucket's id and a window's name would make it", () => {
    // Bucket "general" has a window "generalx": the key "generalx" names no window (the key is "bucket/window").
    const catalog = extendCatalog(defaultCatalog, {
      id: "general-x",
      buckets: { general: { windows: { generalx: { label: "x", kind: "session", duration: "P7D" } } } },
      tiers: Object.fromEntries(
        ["plus", "max", "ultra"].map((tier) => [tier, { limits: { general: { generalx: { units: "1" } } } }]),
      ),
    });
    if (!catalog.ok) throw new Error(catalog.error.message);
    const created = createLedger({ catalog: catalog.value });
    if (!created.ok) throw new Error(created.error.message);
    const draft = stored(created.state);
    (draft.windows as Record<string, unknown>).generalx = {
      kind: "session",
      startMs: null,
      used: "0",
      lastAtMs: 0,
    };
    draft.clockMs = 0;
    const r = parseLedger(JSON.stringify(draft), { catalogs: [catalog.value] });
    expect(r.ok ? null : [r.error.code, r.error.path, r.error.message]).toEqual([
      "invalid_state",
      ["windows", "generalx"],
      'The stored ledger is inconsistent: unknown window "generalx".',
    ]);
    (draft.windows as Record<string, unknown>) = {
      "general/generalx": { kind: "session", startMs: null, used: "0", lastAtMs: 0 },
    };
    expect(parseLedger(JSON.stringify(draft), { catalogs: [catalog.value] }).ok).toBe(true);
  });

  it("a subscription billed in New York and anchored in the repeated hour of a fall-back reads back", () => {
    // 06:30Z on 2026-11-01 is the second 01:30 in New York: its period 0 starts at the anchor
    // itself, not at the first 01:30 that a wall-clock round trip would give.
    const catalog = extendCatalog(defaultCatalog, {
      id: "new-york-billing",
      subscription: { billingTimeZone: "America/New_York" },
    });
    if (!catalog.ok) throw new Error(catalog.error.message);
    const created = createLedger({ catalog: catalog.value });
    if (!created.ok) throw new Error(created.error.message);
    const r = applyEvents(created.state, [
      { type: "subscribe", id: "s", at: "2026-11-01T06:30:00Z", tier: "plus" },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.state.subscription?.periodStartMs).toBe(Date.parse("2026-11-01T06:30:00Z"));
    const back = parseLedger(textOf(r.state), { catalogs: [catalog.value] });
    expect(back.ok && back.value).toEqual(r.state);
  });
});

describe("parseLedger's clock check names the instant past the clock", () => {
  // biome-ignore format: one row per line
  const rows: [string, (d: Stored, clock: number) => void, string][] = [
    ["a window used after the clock", (d, clock) => { (d.windows as Record<string, { lastAtMs: number }>)["general/5h"] = { ...(d.windows as Record<string, object>)["general/5h"], lastAtMs: clock + 1 } as never; }, "windows.general/5h.lastAtMs"],
    ["a period starting after the clock", (d, clock) => { (d.subscription as { periodStartMs: number }).periodStartMs = clock + 1; }, "subscription.periodStartMs"],
    ["a remembered usage after the clock", (d, clock) => { const u1 = d.recentEvents[3] as string[]; const f = (u1[1] as string).split(" "); f[1] = String(clock + 1); u1[1] = f.join(" "); }, "recentEvents.3.1"],
  ];
  it.each(rows)("%s", (_label, edit, where) => {
    const draft = stored(richLedger());
    const clock = draft.clockMs as number;
    edit(draft, clock);
    expect(parseLedger(JSON.stringify(draft))).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message: `The stored ledger is inconsistent: the clock (${clock}) is behind an instant the ledger has seen (${where} = ${clock + 1}).`,
        path: ["clockMs"],
        params: {},
      },
    });
  });
});

describe("a version-1 row's catalog, compared with the app's field by field", () => {
  const noCustomAmount = extendCatalog(defaultCatalog, {
    id: "packages-only",
    credits: { customAmount: null },
  });
  if (!noCustomAmount.ok) throw new Error(noCustomAmount.error.message);
  type Edit = (catalog: Record<string, unknown>) => void;
  // [label, app catalog, edit of the stored one, path below "catalog", what the message shows]
  // biome-ignore format: one row per line
  const rows: [string, Catalog, Edit, (string | number)[], string][] = [
    ["an object where the app has text", defaultCatalog, (c) => { c.name = {}; }, ["name"], `(stored an object, expected "MiniMax Token Plan (global site)")`],
    ["null where the app has an object", defaultCatalog, (c) => { c.tiers = null; }, ["tiers"], "(stored null, expected an object)"],
    ["an object where the app has null", noCustomAmount.value, (c) => { (c.credits as Record<string, unknown>).customAmount = {}; }, ["credits", "customAmount"], "(stored an object, expected null)"],
    ["an object where the app has a list", defaultCatalog, (c) => { ((c.tiers as Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>).plus as never as { limits: { general: { "5h": Record<string, unknown> } } }).limits.general["5h"].boosts = {}; }, ["tiers", "plus", "limits", "general", "5h", "boosts"], "(stored an object, expected an array)"],
    ['an extra key "constructor"', defaultCatalog, (c) => { Object.assign(c, { constructor: 1 }); }, ["constructor"], "(stored 1, expected nothing)"],
    ["a tier it only inherits (Object.create)", defaultCatalog, (c) => { const tiers = c.tiers as Record<string, object>; c.tiers = Object.create({ ...tiers, plus: { ...tiers.plus, name: "Pluss" } }); }, ["tiers", "plus", "name"], `(stored nothing, expected "Plus")`],
  ];
  it.each(rows)("%s", (_label, catalog, edit, path, shown) => {
    const created = createLedger({ catalog });
    if (!created.ok) throw new Error(created.error.message);
    const draft = asVersion1(stored(created.state));
    draft.catalog = JSON.parse(JSON.stringify(catalog));
    edit(draft.catalog as Record<string, unknown>);
    const r = parseLedger(draft, { catalogs: [catalog] });
    expect(r.ok ? null : [r.error.code, r.error.path, r.error.params]).toEqual([
      "invalid_state",
      ["catalog", ...path],
      { catalogId: catalog.id },
    ]);
    expect(r.ok ? "" : r.error.message).toBe(
      `The stored ledger's catalog "${catalog.id}" differs from the catalog of that id given to parseLedger at ${path.join(".")} ${shown}: a changed price list needs a new catalog id, and a stored one is never trusted.`,
    );
  });
});

describe("parseLedger's refusals of the catalog reference and of older rows, in full", () => {
  const other = extendCatalog(defaultCatalog, { id: "other-plan", name: "Other" });
  if (!other.ok) throw new Error(other.error.message);

  it("a catalog none of the app's has: the message lists the app's, the params name the stored id", () => {
    const draft = stored(richLedger());
    const id = "a".repeat(128);
    (draft.catalog as { id: string }).id = id;
    expect(parseLedger(JSON.stringify(draft), { catalogs: [defaultCatalog, other.value] })).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message: `The stored ledger was billed with catalog a long string, which is not among the catalogs given to parseLedger ("minimax-token-plan-v2", "other-plan"); pass that catalog in options.catalogs.`,
        path: ["catalog", "id"],
        params: { catalogId: id },
      },
    });
  });

  it("a version-1 catalog whose id is not text: no id in the params", () => {
    const draft = asVersion1(stored(richLedger()));
    for (const id of [5, ["minimax-token-plan-v2"]]) {
      draft.catalog = { ...(draft.catalog as object), id };
      const r = parseLedger(JSON.stringify(draft));
      expect(r.ok ? null : [r.error.path, r.error.params]).toEqual([["catalog", "id"], { catalogId: null }]);
    }
  });

  it("a schemaVersion from the future: the params say which", () => {
    const draft = stored(richLedger());
    draft.schemaVersion = 4;
    const r = parseLedger(JSON.stringify(draft));
    expect(r.ok ? null : [r.error.code, r.error.params]).toEqual([
      "unsupported_schema_version",
      { found: 4, supported: 3 },
    ]);
    // A version written as text is no version: the schema refuses it.
    draft.schemaVersion = "4";
    const text = parseLedger(JSON.stringify(draft));
    expect(text.ok ? null : [text.error.code, text.error.path]).toEqual(["invalid_state", ["schemaVersion"]]);
  });

  it("older rows with a window keyed __proto__ are refused (zod would skip the key)", () => {
    const window = '"__proto__":{"kind":"calendar","startMs":0,"endMs":1,"used":"0","lastAtMs":0},';
    for (const row of [asVersion2(stored(richLedger())), asVersion1(stored(richLedger()))]) {
      const text = JSON.stringify(row);
      const at = text.lastIndexOf('"windows":{') + '"windows":{'.length;
      expect(parseLedger(text.slice(0, at) + window + text.slice(at))).toEqual({
        ok: false,
        error: {
          code: "invalid_state",
          message: 'The stored ledger is inconsistent: unknown window "__proto__".',
          path: ["windows", "__proto__"],
          params: {},
        },
      });
    }
  });

  it("a version-2 row billed with a catalog the app does not have", () => {
    const row = asVersion2(stored(richLedger()));
    const r = parseLedger(JSON.stringify(row), { catalogs: [other.value] });
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(["invalid_state", ["catalog", "id"]]);
  });
});

describe("parseLedger's options", () => {
  it("two catalogs of one id: the refusal in full", () => {
    expect(parseLedger("{}", { catalogs: [defaultCatalog, defaultCatalog] })).toEqual({
      ok: false,
      error: {
        code: "invalid_catalog",
        message: `Two catalogs share the id "minimax-token-plan-v2": an id names one catalog's content at catalogs.1.`,
        path: ["catalogs", 1],
        params: { zodCode: "custom" },
      },
    });
  });
});

describe("serializeLedger and parseLedger, at the edges of a state", () => {
  it("serializeLedger refuses a copy of a state, with the reason", () => {
    expect(serializeLedger({ ...richLedger() })).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message:
          "This state was not made by token-plan (a copy made by spreading, JSON or structuredClone?): use the states the library returns, and read stored ledgers with parseLedger.",
        path: [],
        params: {},
      },
    });
  });

  it("a ledger whose clock has not started holds nothing at any instant, not even at 0", () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const draft = stored(created.state);
    expect(draft.clockMs).toBe(null);
    draft.lots = [
      {
        id: "g",
        kind: "grant",
        purchasedAtMs: 0,
        expiresAtMs: 1,
        credits: "1",
        remaining: "1",
        priceUsd: "0",
      },
    ];
    expect(parseLedger(JSON.stringify(draft))).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message:
          "The stored ledger is inconsistent: the clock (null) is behind an instant the ledger has seen (lots.0.purchasedAtMs = 0).",
        path: ["clockMs"],
        params: {},
      },
    });
  });
});

describe("parseLedger of an object", () => {
  it("copies it: the state shares nothing with the caller's object", () => {
    const draft = stored(richLedger());
    const back = read(draft);
    expect(back.lots[0]).toEqual((draft.lots as unknown[])[0]);
    expect(back.lots[0]).not.toBe((draft.lots as unknown[])[0]);
    expect(back.subscription).not.toBe(draft.subscription);
  });
});
