/**
 * The hand-written check of a stored ledger (`isStateShape`, `src/ledger/stateShape.ts`) and
 * the zod state schema agree at every bound, on both sides of it: a value at a bound is a
 * ledger the library may write (both accept it), one past it is not (both refuse it). The
 * probes of test/properties/state-shape.test.ts reach past the bounds; these rows stand on
 * them. Written to kill the mutants Stryker left in stateShape.ts and serialize.ts's schema
 * (see bench/README.md "Mutation scores").
 */
import { describe, expect, it } from "vitest";
import { applyEvents, createLedger, type LedgerEvent, type LedgerState } from "../../src";
import { stateSchema } from "../../src/ledger/serialize";
import { isRecentRecordText, isStateShape } from "../../src/ledger/stateShape";
import {
  eventIdsRememberedMax,
  idLengthMax,
  instantMaxMs,
  lotsStoredMax,
  subscriptionPeriodsMax,
  windowRecordsMax,
} from "../../src/limits";
import { slidingAndSessionCatalog } from "../support/catalogs";
import { textOf } from "../support/text";

type Json = Record<string, unknown>;

const events: LedgerEvent[] = [
  { type: "subscribe", id: "s1", at: "2026-06-04T10:00:00Z", tier: "max" },
  { type: "change-tier", id: "t1", at: "2026-06-04T10:00:00Z", tier: "plus" },
  { type: "purchase-credits", id: "p1", at: "2026-06-04T10:00:00Z", package: "usd-5" },
  { type: "grant-credits", id: "g1", at: "2026-06-04T10:00:00Z", credits: "10" },
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
    measures: { outputTokens: 30_000_000 },
  },
];

/** A stored ledger (parsed JSON): a subscription with a pending tier, a purchase and a grant, a usage that drew. */
function base(sliding: boolean): Json {
  const created = sliding
    ? createLedger({ catalog: slidingAndSessionCatalog })
    : createLedger({ eventIdsRemembered: eventIdsRememberedMax });
  if (!created.ok) throw new Error(created.error.message);
  const r = applyEvents(created.state as LedgerState, events);
  if (!r.ok) throw new Error(r.error.message);
  return JSON.parse(textOf(r.state)) as Json;
}

const long = (n: number) => "a".repeat(n);

type Edit = (d: Json) => void;
const at =
  (path: (string | number)[], value: unknown): Edit =>
  (d) => {
    let node = d as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path[path.length - 1] as string | number] = value;
  };
const win = (d: Json, kind: string): Json =>
  Object.values(d.windows as Record<string, Json>).find((w) => w.kind === kind) as Json;
const fingerprintOnly = (n: number) => Array.from({ length: n }, (_, i) => [`e${i}`, "abc"]);
const lot = (i: number) => ({
  id: `l${i}`,
  kind: "grant",
  purchasedAtMs: 0,
  expiresAtMs: 1,
  credits: "1",
  remaining: "1",
  priceUsd: "0",
});

// [label, sliding catalog, edit, both accept]
// biome-ignore format: one row per line
const rows: [string, boolean, Edit, boolean][] = [
  ["as written", false, () => {}, true],
  ["as written, sliding and session windows", true, () => {}, true],
  ["version 0", false, at(["version"], 0), true],
  ["version 2^53 - 1", false, at(["version"], 2 ** 53 - 1), true],
  ["version -1", false, at(["version"], -1), false],
  ["eventIdsRemembered 1", false, at(["eventIdsRemembered"], 1), true],
  ["eventIdsRemembered 0", false, at(["eventIdsRemembered"], 0), false],
  [`eventIdsRemembered ${eventIdsRememberedMax}`, false, at(["eventIdsRemembered"], eventIdsRememberedMax), true],
  [`eventIdsRemembered ${eventIdsRememberedMax + 1}`, false, at(["eventIdsRemembered"], eventIdsRememberedMax + 1), false],
  ["clockMs null", false, at(["clockMs"], null), true],
  ["clockMs 0", false, at(["clockMs"], 0), true],
  ["clockMs at the last instant", false, at(["clockMs"], instantMaxMs), true],
  ["clockMs past the last instant", false, at(["clockMs"], instantMaxMs + 1), false],
  ["catalog id of 128 characters", false, at(["catalog", "id"], long(idLengthMax)), true],
  ["catalog id of 129 characters", false, at(["catalog", "id"], long(idLengthMax + 1)), false],
  ["catalog id empty", false, at(["catalog", "id"], ""), false],
  ["fingerprint of 16 characters", false, at(["catalog", "fingerprint"], long(16)), true],
  ["fingerprint of 17 characters", false, at(["catalog", "fingerprint"], long(17)), false],
  ["fingerprint empty", false, at(["catalog", "fingerprint"], ""), false],
  ["fingerprint of 1 character", false, at(["catalog", "fingerprint"], "a"), true],
  ["fingerprint as a list", false, at(["catalog", "fingerprint"], ["a", "b"]), false],
  ["catalog id as a list", false, at(["catalog", "id"], ["a"]), false],
  ["catalog as a list", false, at(["catalog"], []), false],
  ["catalog reference with one more field", false, at(["catalog", "name"], "x"), false],
  ["catalog reference without its fingerprint", false, (d) => { delete (d.catalog as Json).fingerprint; }, false],
  ["no subscription", false, at(["subscription"], null), true],
  ["subscription canceled", false, at(["subscription", "status"], "canceled"), true],
  ["subscription paused", false, at(["subscription", "status"], "paused"), false],
  ["tier of 128 characters", false, at(["subscription", "tier"], long(idLengthMax)), true],
  ["tier of 129 characters", false, at(["subscription", "tier"], long(idLengthMax + 1)), false],
  ["tier empty", false, at(["subscription", "tier"], ""), false],
  ["pending tier null", false, at(["subscription", "pendingTier"], null), true],
  ["pending tier empty", false, at(["subscription", "pendingTier"], ""), false],
  ["pending tier of 129 characters", false, at(["subscription", "pendingTier"], long(idLengthMax + 1)), false],
  ["period 0", false, at(["subscription", "period"], 0), true],
  [`period ${subscriptionPeriodsMax}`, false, at(["subscription", "period"], subscriptionPeriodsMax), true],
  [`period ${subscriptionPeriodsMax + 1}`, false, at(["subscription", "period"], subscriptionPeriodsMax + 1), false],
  ["period start at the last instant", false, at(["subscription", "periodStartMs"], instantMaxMs), true],
  ["period end past the last instant", false, at(["subscription", "periodEndMs"], instantMaxMs + 1), false],
  ["anchor past the last instant", false, at(["subscription", "anchorAtMs"], instantMaxMs + 1), false],
  ["a window key of 200 characters", false, (d) => { (d.windows as Json)[long(200)] = win(d, "calendar"); }, true],
  ["a window key of 201 characters", false, (d) => { (d.windows as Json)[long(201)] = win(d, "calendar"); }, false],
  ["no windows", false, at(["windows"], {}), true],
  ["windows as a list", false, at(["windows"], []), false],
  ["a calendar window ending at the last instant", false, (d) => { win(d, "calendar").endMs = instantMaxMs; }, true],
  ["a calendar window ending past it", false, (d) => { win(d, "calendar").endMs = instantMaxMs + 1; }, false],
  ["a calendar window starting past it", false, (d) => { win(d, "calendar").startMs = instantMaxMs + 1; }, false],
  ["a calendar window last used past it", false, (d) => { win(d, "calendar").lastAtMs = instantMaxMs + 1; }, false],
  ["a window of another kind", false, (d) => { win(d, "calendar").kind = "rolling"; }, false],
  ["a session window not started", true, (d) => { win(d, "session").startMs = null; }, true],
  ["a session window started at the last instant", true, (d) => { win(d, "session").startMs = instantMaxMs; }, true],
  ["a session window started past it", true, (d) => { win(d, "session").startMs = instantMaxMs + 1; }, false],
  ["a session window last used past it", true, (d) => { win(d, "session").lastAtMs = instantMaxMs + 1; }, false],
  ["a session window's use not canonical", true, (d) => { win(d, "session").used = "01"; }, false],
  ["a sliding window last used past the last instant", true, (d) => { win(d, "sliding").lastAtMs = instantMaxMs + 1; }, false],
  ["a sliding record [0, last instant, 0]", true, (d) => { win(d, "sliding").records = [[0, instantMaxMs, "0"]]; }, true],
  ["a sliding record [-1, 0, 0]", true, (d) => { win(d, "sliding").records = [[-1, 0, "0"]]; }, false],
  ["a sliding record [0, past the last instant, 0]", true, (d) => { win(d, "sliding").records = [[0, instantMaxMs + 1, "0"]]; }, false],
  ["a sliding record with an amount not canonical", true, (d) => { win(d, "sliding").records = [[0, 0, "1.0"]]; }, false],
  ["a sliding record of two fields", true, (d) => { win(d, "sliding").records = [[0, 0]]; }, false],
  ["a sliding record of four fields", true, (d) => { win(d, "sliding").records = [[0, 0, "0", 0]]; }, false],
  [`${windowRecordsMax} sliding records`, true, (d) => { win(d, "sliding").records = Array.from({ length: windowRecordsMax }, () => [0, 0, "0"]); }, true],
  [`${windowRecordsMax + 1} sliding records`, true, (d) => { win(d, "sliding").records = Array.from({ length: windowRecordsMax + 1 }, () => [0, 0, "0"]); }, false],
  ["a lot id of 128 characters", false, at(["lots", 0, "id"], long(idLengthMax)), true],
  ["a lot id of 129 characters", false, at(["lots", 0, "id"], long(idLengthMax + 1)), false],
  ["a lot id empty", false, at(["lots", 0, "id"], ""), false],
  ["a lot of kind purchase", false, at(["lots", 0, "kind"], "purchase"), true],
  ["a lot of kind grant", false, at(["lots", 0, "kind"], "grant"), true],
  ["a lot of kind refund", false, at(["lots", 0, "kind"], "refund"), false],
  ["a lot bought at the last instant", false, at(["lots", 0, "purchasedAtMs"], instantMaxMs), true],
  ["a lot bought past it", false, at(["lots", 0, "purchasedAtMs"], instantMaxMs + 1), false],
  ["a lot expiring past it", false, at(["lots", 0, "expiresAtMs"], instantMaxMs + 1), false],
  ["a lot's credits not canonical", false, at(["lots", 0, "credits"], "01"), false],
  ["a lot's remaining not canonical", false, at(["lots", 0, "remaining"], "01"), false],
  ["a lot's price not canonical", false, at(["lots", 0, "priceUsd"], "01"), false],
  [`${lotsStoredMax} lots`, false, at(["lots"], Array.from({ length: lotsStoredMax }, (_, i) => lot(i))), true],
  [`${lotsStoredMax + 1} lots`, false, at(["lots"], Array.from({ length: lotsStoredMax + 1 }, (_, i) => lot(i))), false],
  ["lots as an object", false, at(["lots"], {}), false],
  [`${eventIdsRememberedMax} remembered events`, false, at(["recentEvents"], fingerprintOnly(eventIdsRememberedMax)), true],
  [`${eventIdsRememberedMax + 1} remembered events`, false, at(["recentEvents"], fingerprintOnly(eventIdsRememberedMax + 1)), false],
  ["an event id of 128 characters", false, at(["recentEvents", 0, 0], long(idLengthMax)), true],
  ["an event id of 129 characters", false, at(["recentEvents", 0, 0], long(idLengthMax + 1)), false],
  ["an event id empty", false, at(["recentEvents", 0, 0], ""), false],
  ["an event's record not text", false, at(["recentEvents", 0, 1], 5), false],
  ["an event's record with upper case", false, at(["recentEvents", 0, 1], "ABC"), false],
  ["an event as an object", false, at(["recentEvents", 0], { id: "s1" }), false],
  ["an event of one field", false, at(["recentEvents", 0], ["s1"]), false],
  ["draws after a fingerprint", false, (d) => { (d.recentEvents as unknown[][])[0]?.push([["p1", "1", 0]]); }, false],
  ["a usage with an empty list of draws", false, (d) => { (d.recentEvents as unknown[][])[4]?.push([]); }, false],
  ["a usage with draws as an object", false, (d) => { (d.recentEvents as unknown[][])[4]?.push({}); }, false],
  ["a usage with a draw from a lot id of 128 characters", false, (d) => { (d.recentEvents as unknown[][])[4]?.push([[long(idLengthMax), "1", instantMaxMs]]); }, true],
  ["a usage with a draw from a lot id of 129 characters", false, (d) => { (d.recentEvents as unknown[][])[4]?.push([[long(idLengthMax + 1), "1", 0]]); }, false],
  ["a usage with a draw expiring past the last instant", false, (d) => { (d.recentEvents as unknown[][])[4]?.push([["p1", "1", instantMaxMs + 1]]); }, false],
  ["a usage with a draw of credits not canonical", false, (d) => { (d.recentEvents as unknown[][])[4]?.push([["p1", "01", 0]]); }, false],
  ["a usage with a draw of two fields", false, (d) => { (d.recentEvents as unknown[][])[4]?.push([["p1", "1"]]); }, false],
  ["a usage with four fields", false, (d) => { (d.recentEvents as unknown[][])[4]?.push([["p1", "1", 0]], 0); }, false],
  ["arrears not canonical", false, at(["arrearsCredits"], "1.0"), false],
  ["arrears as a number", false, at(["arrearsCredits"], 0), false],
  ["schemaVersion 2", false, at(["schemaVersion"], 2), false],
];

describe("isStateShape and the zod state schema, at each bound", () => {
  it.each(rows)("%s", (_label, sliding, edit, accepted) => {
    const draft = base(sliding);
    edit(draft);
    expect(isStateShape(draft)).toBe(accepted);
    const viaZod = stateSchema.safeParse(draft);
    expect(viaZod.success).toBe(accepted);
    if (viaZod.success) expect(JSON.stringify(viaZod.data)).toBe(JSON.stringify(draft));
  });

  it("leaves a ledger whose fields come in another order to zod, which puts them in order", () => {
    for (const path of [["lots", 0], ["subscription"], ["catalog"], []] as (string | number)[][]) {
      const draft = base(true);
      let node = draft as Record<string | number, unknown>;
      for (const key of path) node = node[key] as Record<string | number, unknown>;
      const [first, value] = Object.entries(node)[0] as [string, unknown];
      delete node[first];
      node[first] = value;
      expect(isStateShape(draft)).toBe(false);
      const viaZod = stateSchema.safeParse(draft);
      expect(viaZod.success && JSON.stringify(viaZod.data)).toBe(JSON.stringify(base(true)));
    }
    const draft = base(true);
    const w = win(draft, "session");
    const { kind, ...rest } = w;
    Object.assign(w, { kind: undefined });
    delete w.kind;
    Object.assign(w, rest, { kind });
    expect(isStateShape(draft)).toBe(false);
  });

  it("refuses a window, lot or event that is not an object (as a caller's object may hold)", () => {
    for (const value of [undefined, null, "calendar", 0]) {
      const draft = base(false);
      draft.windows = { "general/5h": value };
      expect(isStateShape(draft)).toBe(false);
      const lots = base(false);
      lots.lots = [value];
      expect(isStateShape(lots)).toBe(false);
      const recent = base(false);
      recent.recentEvents = [value];
      expect(isStateShape(recent)).toBe(false);
    }
  });

  it("refuses a list or a function carrying a ledger's fields (as a caller's value may)", () => {
    for (const value of [Object.assign([], base(false)), Object.assign(() => {}, base(false))]) {
      expect(isStateShape(value)).toBe(false);
      expect(stateSchema.safeParse(value).success).toBe(false);
    }
    const draft = base(false);
    draft.subscription = Object.assign([], draft.subscription);
    expect(isStateShape(draft)).toBe(false);
    expect(stateSchema.safeParse(draft).success).toBe(false);
  });

  it("refuses what is not an object", () => {
    for (const value of [null, undefined, 0, "x", [], [base(false)]]) {
      expect(isStateShape(value)).toBe(false);
      expect(stateSchema.safeParse(value).success).toBe(false);
    }
  });
});

describe("a remembered event's record text", () => {
  // "fingerprint atMs bucket quotaUnits tier uncoveredCredits voided [window used limit resetsAtMs]"
  // biome-ignore format: one row per line
  const records: [string, boolean][] = [
    ["abc", true],
    ["0123456789abcdef", true],
    ["0123456789abcdefg", false],
    ["", false],
    ["abc 0 - 0 - 0 0", true],
    ["abc 0 - 0 - 0 1", true],
    ["abc 0 - 0 - 0 2", false],
    [`abc ${instantMaxMs} general 1.5 plus 2 0`, true],
    [`abc 0 general 0 plus 0 0 5h 1 1 ${instantMaxMs}`, true],
    [`abc 0 general 0 plus 0 0 5h 1 1 ${instantMaxMs + 1}`, false],
    ["abc 0 general 0 plus 0 0 5h 1 1 99999999999999", true],
    ["abc 0 general 0 plus 0 0 5h 1 1 -", true],
    ["abc 0 general 0 plus 0 0 5h 1 1", false],
    ["abc 0 general 0 plus 0 0 5h 1 1 0 x", false],
  ];
  it.each(records)("%j: %s", (text, accepted) => {
    expect(isRecentRecordText(text)).toBe(accepted);
  });
});
