/**
 * parseLedger on truncated, future and tampered stored ledgers. Each row breaks one
 * thing in the serialised fixture ledger (Plus, two lots p1/p2, usage u1); the text and
 * the parsed object must both be refused.
 */
import { describe, expect, it } from "vitest";
import { defaultCatalog, parseLedger, tokenPlanChinaCatalog } from "../../src";
import { lotsStoredMax } from "../../src/limits";
import { asVersion2, textOf } from "../support/text";
import { activeLedger, clone, deepFreeze, del, dig, expectRefusal, type Row, set } from "./support";

type Mutation = (draft: unknown) => void;

function storedDraft(): Record<string, unknown> {
  return JSON.parse(textOf(activeLedger())) as Record<string, unknown>;
}

/**
 * The same ledger as a version-1 row (the catalog stored whole, events as objects), as
 * rows written before schemaVersion 2 hold it.
 */
function storedDraftV1(): Record<string, unknown> {
  const { version: _version, recentEvents, ...rest } = asVersion2(storedDraft());
  return {
    ...rest,
    schemaVersion: 1,
    catalog: JSON.parse(JSON.stringify(defaultCatalog)),
    recentEvents: (recentEvents as unknown[][]).map((e) => ({
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

const reverseLots: Mutation = (draft) => {
  (dig(draft, ["lots"]) as unknown as unknown[]).reverse();
};
const repeatLot: Mutation = (draft) => {
  const lots = dig(draft, ["lots"]);
  lots[1] = lots[0];
};
const repeatRecentId: Mutation = (draft) => {
  const recent = dig(draft, ["recentEvents"]) as unknown as unknown[];
  recent.push(recent[0]);
};
/** Usage u1 (covered by quota) made to claim it drew 9,849 credits from lot p1, which gave out none. */
const inflatedDraw: Mutation = (draft) => {
  const lot = dig(draft, ["lots", 0]) as unknown as { id: string; expiresAtMs: number };
  const u1 = dig(draft, ["recentEvents", 3]) as unknown as unknown[];
  u1[2] = [[lot.id, "9849", lot.expiresAtMs]];
};
/** Usage u1's stored record with one field replaced (fields: fingerprint atMs bucket units tier uncovered voided). */
const recordField =
  (field: number, value: string | null): Mutation =>
  (draft) => {
    const u1 = dig(draft, ["recentEvents", 3]) as unknown as [string, string];
    const fields = u1[1].split(" ");
    if (value === null) fields.splice(field, 1);
    else fields[field] = value;
    u1[1] = fields.join(" ");
  };
const tooManyLots: Mutation = (draft) => {
  const lots = dig(draft, ["lots"]) as unknown as unknown[];
  const last = lots[1] as Record<string, unknown>;
  // Two lots already: one more than lotsStoredMax in all.
  for (let i = 0; i < lotsStoredMax - 1; i++) lots.push({ ...last, id: `q${String(i).padStart(4, "0")}` });
};

// biome-ignore format: one table row per line
const tampered: Row<Mutation>[] = [
  ["schemaVersion from the future", set(["schemaVersion"], 4), "unsupported_schema_version", ["schemaVersion"], /schemaVersion 4.*reads 1 to 3.*Upgrade/],
  ["future schemaVersion with new fields", (d) => { set(["schemaVersion"], 7)(d); set(["shards"], [])(d); }, "unsupported_schema_version", ["schemaVersion"], /schemaVersion 7/],
  ["schemaVersion 0", set(["schemaVersion"], 0), "invalid_state", ["schemaVersion"], /Expected 3/],
  ['schemaVersion "3" (string)', set(["schemaVersion"], "3"), "invalid_state", ["schemaVersion"], /Expected 3/],
  ["schemaVersion missing", del(["schemaVersion"]), "invalid_state", ["schemaVersion"], /Expected 3/],
  ["version negative", set(["version"], -1), "invalid_state", ["version"], /at least 0/],
  ["version missing", del(["version"]), "invalid_state", ["version"], /number/],
  ["version fractional", set(["version"], 1.5), "invalid_state", ["version"], /whole/],
  ["period 2^53 - 1", set(["subscription", "period"], 2 ** 53 - 1), "invalid_state", ["subscription", "period"], /120000/],
  ["an anchor that disagrees with the period", set(["subscription", "anchorAtMs"], 0), "invalid_state", ["subscription", "periodStartMs"], /period 0 of a subscription anchored at 0 starts at 0/],
  ["a period number that disagrees with its bounds", set(["subscription", "period"], 3), "invalid_state", ["subscription", "periodStartMs"], /period 3/],
  ["a remembered draw larger than its lot gave out", inflatedDraw, "invalid_state", ["recentEvents", 3, 2, 0, 1], /drew more from lot "p1"/],
  ['a usage record with units "05"', recordField(3, "05"), "invalid_state", ["recentEvents", 3, 1], /usage record "fingerprint atMs/],
  ["a usage record without its voided field", recordField(6, null), "invalid_state", ["recentEvents", 3, 1], /usage record/],
  ["a usage record with two spaces between fields", recordField(2, " general"), "invalid_state", ["recentEvents", 3, 1], /usage record/],
  ["a usage record later than the clock (year 10000)", recordField(1, "253402300800000"), "invalid_state", ["clockMs"], /clock/],
  ["a full window resetting in year 10000", recordField(7, "5h 1 1 253402300800000"), "invalid_state", ["recentEvents", 3, 1], /usage record/],
  ["a usage record naming a bucket that is not an id", recordField(2, "/general"), "invalid_state", ["recentEvents", 3, 1], /usage record/],
  ["a fingerprint with upper case", set(["recentEvents", 0, 1], "ABC"), "invalid_state", ["recentEvents", 0, 1], /fingerprint/],
  ["draws after an event that is not a usage", set(["recentEvents", 0, 2], [["p1", "1", 1_811_808_300_000]]), "invalid_state", ["recentEvents", 0, 2], /only after a usage record/],
  ["an empty list of draws", set(["recentEvents", 3, 2], []), "invalid_state", ["recentEvents", 3, 2], /at least 1/],
  ["remaining > credits", set(["lots", 0, "remaining"], "999999"), "invalid_state", ["lots", 0, "remaining"], /more credits left than it started with/],
  ["unknown tier in the subscription", set(["subscription", "tier"], "mega"), "invalid_state", ["subscription", "tier"], /unknown tier "mega"/],
  ["unknown pending tier", set(["subscription", "pendingTier"], "mega"), "invalid_state", ["subscription", "pendingTier"], /unknown tier "mega"/],
  ['non-canonical amount "05"', set(["lots", 0, "remaining"], "05"), "invalid_state", ["lots", 0, "remaining"], /canonical/],
  ['non-canonical amount "1.0"', set(["arrearsCredits"], "1.0"), "invalid_state", ["arrearsCredits"], /canonical/],
  ["negative window usage", set(["windows", "general/5h", "used"], "-1"), "invalid_state", ["windows", "general/5h", "used"], /non-negative/],
  ["amount as a number", set(["arrearsCredits"], 0), "invalid_state", ["arrearsCredits"], /string/],
  ["an extra top-level field", set(["extra"], 1), "invalid_state", ["extra"], /extra/],
  ["an extra field in a lot", set(["lots", 0, "note"], "x"), "invalid_state", ["lots", 0, "note"], /note/],
  ["lots out of draw order", reverseLots, "invalid_state", ["lots", 1], /draw order/],
  ["a lot repeated", repeatLot, "invalid_state", ["lots", 1, "id"], /two lots share an id/],
  ["a lot expiring at its purchase", set(["lots", 0, "expiresAtMs"], 1_780_567_200_000), "invalid_state", ["lots", 0], /expires before its purchase/],
  ["a window the catalog lacks", set(["windows", "general/daily"], { kind: "calendar", startMs: 0, endMs: 1, used: "0", lastAtMs: 0 }), "invalid_state", ["windows", "general/daily"], /unknown window/],
  ["an unknown subscription status", set(["subscription", "status"], "paused"), "invalid_state", ["subscription", "status"], /active/],
  ["clockMs negative", set(["clockMs"], -1), "invalid_state", ["clockMs"], /at least 0, got -1/],
  ["clockMs as an ISO string", set(["clockMs"], "2026-06-04T11:00:00Z"), "invalid_state", ["clockMs"], /number/],
  ["clockMs behind the events it has seen", set(["clockMs"], 0), "invalid_state", ["clockMs"], /clock/],
  ["period ending before it starts", set(["subscription", "periodEndMs"], 0), "invalid_state", ["subscription", "periodEndMs"], /period/],
  ["an event id remembered twice", repeatRecentId, "invalid_state", ["recentEvents", 4, 0], /"s1"/],
  ["eventIdsRemembered 0", set(["eventIdsRemembered"], 0), "invalid_state", ["eventIdsRemembered"], /at least 1, got 0/],
  ["eventIdsRemembered 5000", set(["eventIdsRemembered"], 5000), "invalid_state", ["eventIdsRemembered"], /4096/],
  ["more recent events than remembered", set(["eventIdsRemembered"], 2), "invalid_state", ["recentEvents"], /more recent events than the ledger remembers/],
  ["lot id of 129 characters", set(["lots", 0, "id"], "x".repeat(129)), "invalid_state", ["lots", 0, "id"], /128/],
  ["5121 lots (lotsStoredMax)", tooManyLots, "invalid_state", ["lots"], /5120/],
  ["missing lots", del(["lots"]), "invalid_state", ["lots"], /array/],
  ["a window key naming an inherited property", set(["windows", "toString"], { kind: "calendar", startMs: 0, endMs: 1, used: "0", lastAtMs: 0 }), "invalid_state", ["windows", "toString"], /unknown window/],
  ["a window key with an inherited bucket", set(["windows", "constructor/x"], { kind: "calendar", startMs: 0, endMs: 1, used: "0", lastAtMs: 0 }), "invalid_state", ["windows", "constructor/x"], /unknown window/],
  ["a window key with an inherited window", set(["windows", "general/constructor"], { kind: "calendar", startMs: 0, endMs: 1, used: "0", lastAtMs: 0 }), "invalid_state", ["windows", "general/constructor"], /unknown window/],
  ["a window key with two slashes", set(["windows", "general/5h/x"], { kind: "calendar", startMs: 0, endMs: 1, used: "0", lastAtMs: 0 }), "invalid_state", ["windows", "general/5h/x"], /unknown window/],
  ['subscription tier "toString"', set(["subscription", "tier"], "toString"), "invalid_state", ["subscription", "tier"], /unknown tier "toString"/],
  ['pending tier "constructor"', set(["subscription", "pendingTier"], "constructor"), "invalid_state", ["subscription", "pendingTier"], /unknown tier "constructor"/],
  ["missing catalog", del(["catalog"]), "invalid_state", ["catalog"], /catalog/],
  ["catalog with an unknown id", set(["catalog", "id"], "my-plan"), "invalid_state", ["catalog", "id"], /"my-plan".*options\.catalogs/],
  ["catalog changed since the row was written", set(["catalog", "fingerprint"], "0"), "invalid_state", ["catalog", "fingerprint"], /content changed/],
  ["catalog stored whole in a version-2 row", set(["catalog"], JSON.parse(JSON.stringify(defaultCatalog))), "invalid_state", ["catalog", "fingerprint"], /missing/],
  ["catalog as a string", set(["catalog"], "minimax-token-plan-v2"), "invalid_state", ["catalog"], /object/],
  ["catalog null", set(["catalog"], null), "invalid_state", ["catalog"], /object/],
];

describe("parseLedger refuses a tampered stored ledger", () => {
  it.each(tampered)("as JSON text: %s", (_label, mutate, code, path, hint) => {
    const draft = storedDraft();
    mutate(draft);
    expectRefusal(() => parseLedger(JSON.stringify(draft)), { code, path, hint });
  });

  it.each(tampered)("as a parsed object: %s", (_label, mutate, code, path, hint) => {
    const draft = storedDraft();
    mutate(draft);
    deepFreeze(draft);
    const before = JSON.stringify(draft);
    expectRefusal(() => parseLedger(draft), { code, path, hint });
    expect(JSON.stringify(draft)).toBe(before);
  });
});

// A version-1 row carries its whole catalog: it must equal the app's, field for field.
// biome-ignore format: one table row per line
const tamperedV1: Row<Mutation>[] = [
  ["missing catalog", del(["catalog"]), "invalid_state", ["catalog"], /catalog/],
  ["catalog with a negative price", set(["catalog", "tiers", "plus", "monthlyPriceUsd"], "-1"), "invalid_state", ["catalog", "tiers", "plus", "monthlyPriceUsd"], /differs.*stored "-1", expected "20"/],
  ["catalog with a bad time zone", set(["catalog", "subscription", "billingTimeZone"], "Mars/Olympus"), "invalid_state", ["catalog", "subscription", "billingTimeZone"], /differs.*"Mars\/Olympus"/],
  ["catalog with a lower (valid) price", set(["catalog", "tiers", "max", "monthlyPriceUsd"], "5"), "invalid_state", ["catalog", "tiers", "max", "monthlyPriceUsd"], /differs.*never trusted/],
  ["catalog with a roomier (valid) limit", set(["catalog", "tiers", "plus", "limits", "general", "5h", "units"], "600"), "invalid_state", ["catalog", "tiers", "plus", "limits", "general", "5h", "units"], /stored "600", expected "6.596"/],
  ['catalog with an extra "constructor" key', set(["catalog", "constructor"], 1), "invalid_state", ["catalog", "constructor"], /differs/],
  ["catalog with an extra tier", set(["catalog", "tiers", "free"], { name: "Free" }), "invalid_state", ["catalog", "tiers", "free"], /differs/],
  ["catalog missing a resource", del(["catalog", "resources", "music"]), "invalid_state", ["catalog", "resources", "music"], /stored nothing/],
  ["catalog with an unknown id", set(["catalog", "id"], "my-plan"), "invalid_state", ["catalog", "id"], /"my-plan".*options\.catalogs/],
  ["catalog as a string", set(["catalog"], "minimax-token-plan-v2"), "invalid_state", ["catalog", "id"], /not among the catalogs/],
  ["catalog null", set(["catalog"], null), "invalid_state", ["catalog", "id"], /not among the catalogs/],
];

describe("parseLedger reads version-1 rows, and refuses a tampered one", () => {
  it("reads a version-1 row as the same ledger, written back as version 3", () => {
    const read = parseLedger(JSON.stringify(storedDraftV1()));
    if (!read.ok) throw new Error(read.error.message);
    // Version 1 kept no tier per usage: a usage's record keeps its first four fields
    // (fingerprint, instant, bucket, units).
    const head = (events: unknown) =>
      (events as [string, string][]).map(([id, record]) => [id, record.split(" ").slice(0, 4).join(" ")]);
    const { version: _v, recentEvents: expectedEvents, ...expected } = storedDraft();
    const { version, recentEvents, ...actual } = JSON.parse(textOf(read.value)) as Record<string, unknown>;
    expect(version).toBe(0);
    expect(actual).toEqual(expected);
    expect(head(recentEvents)).toEqual(head(expectedEvents));
  });

  it.each(tamperedV1)("version 1: %s", (_label, mutate, code, path, hint) => {
    const draft = storedDraftV1();
    mutate(draft);
    expectRefusal(() => parseLedger(JSON.stringify(draft)), { code, path, hint });
  });
});

describe("parseLedger reads version-2 rows, and refuses a tampered one", () => {
  it("reads a version-2 row as the same ledger, written back as version 3", () => {
    const stored = storedDraft();
    const read = parseLedger(JSON.stringify(asVersion2(stored)));
    if (!read.ok) throw new Error(read.error.message);
    expect(JSON.parse(textOf(read.value))).toEqual(stored);
  });

  // biome-ignore format: one table row per line
  const tamperedV2: Row<Mutation>[] = [
    ['a usage\'s units "05"', set(["recentEvents", 3, 4], "05"), "invalid_state", ["recentEvents", 3, 4], /canonical/],
    ["an extra top-level field", set(["extra"], 1), "invalid_state", ["extra"], /extra/],
    ["remaining > credits", set(["lots", 0, "remaining"], "999999"), "invalid_state", ["lots", 0, "remaining"], /more credits left than it started with/],
    ["a usage's tier with a space", set(["recentEvents", 3, 5], "plus x"), "invalid_state", ["recentEvents", 3], /not a catalog id/],
    ["a usage's bucket with a space", set(["recentEvents", 3, 3], "general x"), "invalid_state", ["recentEvents", 3], /not a catalog id/],
  ];
  it.each(tamperedV2)("version 2: %s", (_label, mutate, code, path, hint) => {
    const draft = asVersion2(storedDraft());
    mutate(draft);
    expectRefusal(() => parseLedger(JSON.stringify(draft)), { code, path, hint });
  });
});

describe("parseLedger refuses what is not a stored ledger", () => {
  const text = textOf(activeLedger());
  // biome-ignore format: one table row per line
  const rows: Row[] = [
    ["truncated JSON", text.slice(0, Math.floor(text.length / 2)), "invalid_state", [], /not valid JSON/],
    ["truncated by one character", text.slice(0, -1), "invalid_state", [], /not valid JSON/],
    ["empty text", "", "invalid_state", [], /not valid JSON/],
    ["text with trailing garbage", `${text}x`, "invalid_state", [], /not valid JSON/],
    ["JSON null", "null", "invalid_state", [], /object/],
    ["null", null, "invalid_state", [], /object/],
    ["a number", 5, "invalid_state", [], /object/],
    ["an array", [], "invalid_state", [], /object/],
    ["undefined", undefined, "invalid_state", [], /object/],
  ];
  it.each(rows)("%s", (_label, input, code, path, hint) => {
    expectRefusal(() => parseLedger(input), { code, path, hint });
  });
});

describe("parseLedger checks its options", () => {
  const text = textOf(activeLedger());
  // biome-ignore format: one table row per line
  const rows: Row[] = [
    ["options: a string", "all", "invalid_input", [], /options as an object/],
    ["options: an unknown key", { catalog: defaultCatalog }, "invalid_input", ["catalog"], /Unknown field "catalog"/],
    ["catalogs: one catalog, not a list", { catalogs: defaultCatalog }, "invalid_input", ["catalogs"], /list of catalogs/],
    ["catalogs: empty", { catalogs: [] }, "invalid_input", ["catalogs"], /at least one catalog/],
    ["catalogs: a JSON copy of a catalog", { catalogs: [clone(defaultCatalog)] }, "invalid_catalog", ["catalogs", 0], /defineCatalog/],
    ["catalogs: two with one id", { catalogs: [defaultCatalog, defaultCatalog] }, "invalid_catalog", ["catalogs", 1], /share the id "minimax-token-plan-v2"/],
    ["catalogs: null among them", { catalogs: [null, defaultCatalog] }, "invalid_catalog", ["catalogs", 0], /defineCatalog/],
    ["catalogs: the wrong one only", { catalogs: [tokenPlanChinaCatalog] }, "invalid_state", ["catalog", "id"], /"minimax-token-plan-v2".*"minimax-token-plan-v2-china"/],
  ];
  it.each(rows)("%s", (_label, options, code, path, hint) => {
    expectRefusal(() => parseLedger(text, options as never), { code, path, hint });
  });
});

describe("parseLedger never throws on a stored object holding what JSON cannot", () => {
  const bigintId: Mutation = (draft) => set(["catalog", "id"], 10n)(draft);
  const bigintPrice: Mutation = (draft) => set(["catalog", "tiers", "plus", "monthlyPriceUsd"], 5n)(draft);
  const cycle: Mutation = (draft) => {
    const catalog = dig(draft, ["catalog"]);
    catalog.extra = catalog;
  };
  const longId: Mutation = (draft) => set(["catalog", "id"], "y".repeat(100_000))(draft);
  // biome-ignore format: one table row per line
  const rows: Row<Mutation>[] = [
    ["a BigInt catalog id", bigintId, "invalid_state", ["catalog", "id"], /billed with catalog a bigint, which/],
    ["a BigInt price", bigintPrice, "invalid_state", ["catalog", "tiers", "plus", "monthlyPriceUsd"], /stored a bigint, expected "20"/],
    ["a cycle in the catalog", cycle, "invalid_state", ["catalog", "extra"], /differs/],
    ["a 100,000-character catalog id", longId, "invalid_state", ["catalog", "id"], /billed with catalog a long string, which/],
  ];
  it.each(rows)("%s", (_label, mutate, code, path, hint) => {
    const draft = storedDraftV1();
    mutate(draft);
    const error = expectRefusal(() => parseLedger(draft), { code, path, hint });
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('parseLedger on stored text with a "__proto__" key', () => {
  it("refuses a window keyed __proto__ (an own key after JSON.parse, which zod would skip), never throws", () => {
    const stored = textOf(activeLedger());
    const at = stored.lastIndexOf('"windows":{') + '"windows":{'.length; // the state's, after the catalog's
    const window = '"__proto__":{"kind":"calendar","startMs":0,"endMs":1,"used":"0","lastAtMs":0},';
    const text = stored.slice(0, at) + window + stored.slice(at);
    expectRefusal(() => parseLedger(text), {
      code: "invalid_state",
      path: ["windows", "__proto__"],
      hint: /unknown window "__proto__"/,
    });
  });
});
