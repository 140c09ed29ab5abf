/**
 * Malformed events, fed to applyEvent, applyEvents (at index 1, after a good event) and,
 * for usages, quoteUsage. Every row: the code, the exact path and what the message says.
 */
import { describe, it } from "vitest";
import { applyEvent, applyEvents, type LedgerEvent, quoteUsage, type UsageInput } from "../../src";
import {
  activeLedger,
  changeTier,
  expectRefusalKeepsState,
  grant,
  metadataOf,
  purchase,
  type Row,
  subscribe,
  T_NEXT,
  usage,
  voidUsage,
  without,
} from "./support";

const long = (n: number) => "x".repeat(n);
const calendarDays = (timeZone: unknown) => ({ rule: "calendar-days", days: 3, timeZone });

// biome-ignore format: one table row per line
const wrongTypes: Row[] = [
  ["id: number for string", usage({ id: 5 }), "invalid_input", ["id"], /id string/],
  ["id: null", usage({ id: null }), "invalid_input", ["id"], /id string/],
  ["id: array", usage({ id: ["u9"] }), "invalid_input", ["id"], /id string/],
  ["id: boolean", usage({ id: true }), "invalid_input", ["id"], /id string/],
  ["resource: number", usage({ resource: 5 }), "invalid_input", ["resource"], /id string/],
  ["tier: number", changeTier({ tier: 5 }), "invalid_input", ["tier"], /id string/],
  ["usageId: null", voidUsage({ usageId: null }), "invalid_input", ["usageId"], /id string/],
  ["package: boolean", purchase({ credits: undefined, package: true }), "invalid_input", ["package"], /id/],
  ["measures: string", usage({ measures: "100" }), "invalid_input", ["measures"], /record|object/],
  ["measures: array", usage({ measures: [100] }), "invalid_input", ["measures"], /record|object/],
  ["measures: null", usage({ measures: null }), "invalid_input", ["measures"], /record|object/],
  ["measure: string for number", usage({ measures: { inputTokens: "100" } }), "invalid_input", ["measures", "inputTokens"], /whole number/],
  ["measure: null", usage({ measures: { inputTokens: null } }), "invalid_input", ["measures", "inputTokens"], /whole number/],
  ["measure: boolean", usage({ measures: { inputTokens: true } }), "invalid_input", ["measures", "inputTokens"], /whole number/],
  ["credits: null", purchase({ credits: null }), "invalid_input", ["credits"], /credits amount/],
  ["credits: boolean", purchase({ credits: true }), "invalid_input", ["credits"], /credits amount/],
  ["credits: array", grant({ credits: ["100"] }), "invalid_input", ["credits"], /credits amount/],
  ["at: null", usage({ at: null }), "invalid_input", ["at"], /ISO-8601/],
  ["at: boolean", usage({ at: true }), "invalid_input", ["at"], /ISO-8601/],
  ["at: array", usage({ at: [T_NEXT] }), "invalid_input", ["at"], /ISO-8601/],
  ["type: number", usage({ type: 3 }), "invalid_input", ["type"], /usage/],
  ["type: unknown name", usage({ type: "refund" }), "invalid_input", ["type"], /usage/],
  ["event: null", null, "invalid_input", [], /object/],
  ["event: array", [usage()], "invalid_input", [], /object/],
  ["event: string", "usage", "invalid_input", [], /object/],
  ["event: number", 42, "invalid_input", [], /object/],
  ["validity.days: string", grant({ validity: { rule: "elapsed-days", days: "3" } }), "invalid_input", ["validity", "days"], /number/],
  ["validity: string", grant({ validity: "365 days" }), "invalid_input", ["validity"], /object/],
  ["reason: number", grant({ reason: 5 }), "invalid_input", ["reason"], /string/],
  ["metadata: array", usage({ metadata: ["a"] }), "invalid_input", ["metadata"], /record|object/],
  ["metadata value: null", usage({ metadata: { k: null } }), "invalid_input", ["metadata", "k"], /string|number|boolean/],
];

// biome-ignore format: one table row per line
const missingFields: Row[] = [
  ["missing type", without(usage(), "type"), "invalid_input", ["type"], /usage/],
  ["missing id", without(usage(), "id"), "invalid_input", ["id"], /id/],
  ["missing at", without(usage(), "at"), "invalid_input", ["at"], /ISO-8601/],
  ["missing resource", without(usage(), "resource"), "invalid_input", ["resource"], /id string/],
  ["missing measures", without(usage(), "measures"), "invalid_input", ["measures"], /record|object/],
  ["missing tier", without(subscribe(), "tier"), "invalid_input", ["tier"], /id string/],
  ["missing usageId", without(voidUsage(), "usageId"), "invalid_input", ["usageId"], /id string/],
  ["missing grant credits", without(grant(), "credits"), "invalid_input", ["credits"], /credits amount/],
  ["purchase with neither package nor credits", without(purchase(), "credits"), "invalid_input", ["package"], /package id or a credits amount/],
  ["validity without timeZone", grant({ validity: { rule: "calendar-days", days: 3 } }), "invalid_input", ["validity", "timeZone"], /string|time zone/i],
];

// biome-ignore format: one table row per line
const extraFields: Row[] = [
  ["usage: unknown field", usage({ extra: 1 }), "invalid_input", ["extra"], /extra/],
  ["subscribe: unknown field", subscribe({ coupon: "X" }), "invalid_input", ["coupon"], /coupon/],
  ["void: field of another type (tier)", voidUsage({ tier: "max" }), "invalid_input", ["tier"], /tier/],
  ["measures: unknown measure", usage({ measures: { fooTokens: 1 } }), "invalid_input", ["measures", "fooTokens"], /fooTokens/],
  ["validity: unknown field", grant({ validity: { rule: "elapsed-days", days: 3, hours: 1 } }), "invalid_input", ["validity", "hours"], /hours/],
  ["purchase with both package and credits", purchase({ package: "usd-5" }), "invalid_input", ["package"], /not both/],
];

// biome-ignore format: one table row per line
const badAmounts: Row[] = [
  ["credits: negative", purchase({ credits: "-5000" }), "invalid_amount", ["credits"], /non-negative/],
  ["credits: negative number", grant({ credits: -1 }), "invalid_amount", ["credits"], /non-negative/],
  ["credits: NaN", purchase({ credits: Number.NaN }), "invalid_amount", ["credits"], /finite|NaN/],
  ["credits: Infinity", purchase({ credits: Number.POSITIVE_INFINITY }), "invalid_amount", ["credits"], /finite|Infinity/],
  ["credits: -Infinity", grant({ credits: Number.NEGATIVE_INFINITY }), "invalid_amount", ["credits"], /finite|Infinity/],
  ['credits: "1e400"', purchase({ credits: "1e400" }), "invalid_amount", ["credits"], /plain decimal/],
  ['credits: "1e-7" exponent', grant({ credits: "1e-7" }), "invalid_amount", ["credits"], /plain decimal/],
  ['credits: "12.3.4"', grant({ credits: "12.3.4" }), "invalid_amount", ["credits"], /plain decimal/],
  ['credits: "" (empty)', grant({ credits: "" }), "invalid_amount", ["credits"], /plain decimal/],
  ['credits: "1,000"', grant({ credits: "1,000" }), "invalid_amount", ["credits"], /plain decimal/],
  ['credits: "0.0000000000001" (13 places)', grant({ credits: "0.0000000000001" }), "amount_scale_exceeded", ["credits"], /12/],
  ["credits: 1e-13 as a number", grant({ credits: 1e-13 }), "amount_scale_exceeded", ["credits"], /12/],
  ["credits: 10^18", grant({ credits: "1000000000000000000" }), "invalid_amount", ["credits"], /10\^18/],
  ["credits: 1e21 as a number", purchase({ credits: 1e21 }), "invalid_amount", ["credits"], /10\^18/],
];

// biome-ignore format: one table row per line
const badCounts: Row[] = [
  ["tokens: 1.5", usage({ measures: { inputTokens: 1.5 } }), "invalid_input", ["measures", "inputTokens"], /whole number/],
  ["tokens: -1", usage({ measures: { outputTokens: -1 } }), "invalid_input", ["measures", "outputTokens"], /non-negative/],
  ["tokens: NaN", usage({ measures: { inputTokens: Number.NaN } }), "invalid_input", ["measures", "inputTokens"], /whole number/],
  ["tokens: Infinity", usage({ measures: { inputTokens: Number.POSITIVE_INFINITY } }), "invalid_input", ["measures", "inputTokens"], /whole number/],
  ["tokens: 10^12 + 1 (measureMax)", usage({ measures: { inputTokens: 1_000_000_000_001 } }), "limit_exceeded", ["measures", "inputTokens"], /at most|1000000000000|10\^12/],
  ["tokens: 2^53", usage({ measures: { inputTokens: 2 ** 53 } }), "limit_exceeded", ["measures", "inputTokens"], /at most|1000000000000|10\^12/],
];

// biome-ignore format: one table row per line
const badInstants: Row[] = [
  ['at: "2026-02-30T00:00:00Z"', usage({ at: "2026-02-30T00:00:00Z" }), "invalid_instant", ["at"], /calendar/],
  ['at: "2026-06-01" (no time)', usage({ at: "2026-06-01" }), "invalid_instant", ["at"], /date alone/],
  ['at: "2026-06-04T12:00:00" (no offset)', usage({ at: "2026-06-04T12:00:00" }), "invalid_instant", ["at"], /offset/],
  ['at: "yesterday"', usage({ at: "yesterday" }), "invalid_instant", ["at"], /ISO-8601/],
  ["at: 1.5 ms", usage({ at: 1.5 }), "invalid_instant", ["at"], /integer/],
  ["at: -1 ms", usage({ at: -1 }), "invalid_instant", ["at"], /1970/],
  ["at: year 10000", usage({ at: "10000-01-01T00:00:00Z" }), "invalid_instant", ["at"], /ISO-8601/],
  ["at: just past 9999 in ms", usage({ at: 253_402_300_800_000 }), "invalid_instant", ["at"], /9999/],
  ["at: sub-millisecond digits", usage({ at: "2026-06-04T12:00:00.1234Z" }), "invalid_instant", ["at"], /milliseconds/],
  ["at: NaN", usage({ at: Number.NaN }), "invalid_instant", ["at"], /integer|NaN/],
  ["validity.timeZone: Mars/Olympus", grant({ validity: calendarDays("Mars/Olympus") }), "invalid_time_zone", ["validity", "timeZone"], /IANA/],
  ['validity.timeZone: "UTC+15"', grant({ validity: calendarDays("UTC+15") }), "invalid_time_zone", ["validity", "timeZone"], /IANA/],
];

// biome-ignore format: one table row per line
const unknownNames: Row[] = [
  ["unknown tier (change-tier)", changeTier({ tier: "mega" }), "unknown_tier", ["tier"], /mega.*plus, max, ultra/],
  ["unknown tier (subscribe)", subscribe({ tier: "mega" }), "unknown_tier", ["tier"], /mega/],
  ["unknown resource", usage({ resource: "MiniMax-M9" }), "unknown_resource", ["resource"], /MiniMax-M9/],
  ["unknown package", purchase({ credits: undefined, package: "usd-7" }), "unknown_package", ["package"], /usd-7.*usd-5/],
  ["unknown serviceTier", usage({ serviceTier: "flex" }), "invalid_input", ["serviceTier"], /flex.*standard/],
  ["measure not priced by the resource", usage({ measures: { cacheWriteTokens: 1 } }), "invalid_input", ["measures", "cacheWriteTokens"], /no price/],
  ["images on a text model", usage({ measures: { inputTokens: 1, images: 1 } }), "invalid_input", ["measures", "images"], /no price/],
  ["tokens on a video resource", usage({ resource: "video-standard", measures: { outputTokens: 1 } }), "invalid_input", ["measures", "outputTokens"], /no price/],
];

// biome-ignore format: one table row per line
const oversized: Row[] = [
  ["id: 129 characters", usage({ id: long(129) }), "limit_exceeded", ["id"], /128/],
  ["usageId: 129 characters", voidUsage({ usageId: long(129) }), "limit_exceeded", ["usageId"], /128/],
  ["tier: 129 characters", changeTier({ tier: long(129) }), "limit_exceeded", ["tier"], /128/],
  ["id: empty", usage({ id: "" }), "invalid_input", ["id"], /empty/],
  ["metadata: 33 entries", usage({ metadata: metadataOf(33) }), "limit_exceeded", ["metadata"], /32/],
  ["metadata value: 129 characters", usage({ metadata: { k: long(129) } }), "limit_exceeded", ["metadata", "k"], /128/],
  ["reason: 501 characters", grant({ reason: long(501) }), "limit_exceeded", ["reason"], /500/],
];

const tables: [string, Row[]][] = [
  ["wrong types", wrongTypes],
  ["missing fields", missingFields],
  ["extra (unknown) fields", extraFields],
  ["malformed amounts", badAmounts],
  ["malformed counts", badCounts],
  ["invalid instants and time zones", badInstants],
  ["unknown names", unknownNames],
  ["oversized inputs", oversized],
];

/** A good event before the bad one in applyEvents: same instant, so order is fine. */
const goodFirst = usage({ id: "u8" });

/** Usage events that carry an id (quoteUsage may leave the id out, so "missing id" is no error there). */
function isUsageEvent(input: unknown): input is Record<string, unknown> {
  return (
    typeof input === "object" &&
    input !== null &&
    (input as { type?: unknown }).type === "usage" &&
    "id" in input
  );
}

describe.each(tables)("bad events: %s", (_name, rows) => {
  it.each(rows)("applyEvent refuses %s", (_label, event, code, path, hint) => {
    const state = activeLedger();
    expectRefusalKeepsState(
      state,
      () => applyEvent(state, event as LedgerEvent),
      { code, path, hint },
      event,
    );
  });

  it.each(rows)(
    "applyEvents refuses %s at index 1 and applies nothing",
    (_label, event, code, path, hint) => {
      const state = activeLedger();
      const events = [goodFirst, event] as LedgerEvent[];
      expectRefusalKeepsState(
        state,
        () => applyEvents(state, events),
        { code, path: [1, ...path], hint },
        events,
      );
    },
  );

  const usages = rows.filter(([, event]) => isUsageEvent(event));
  if (usages.length > 0) {
    it.each(usages)("quoteUsage refuses %s", (_label, event, code, path, hint) => {
      const state = activeLedger();
      const input = without(event as Record<string, unknown>, "type") as unknown as UsageInput;
      expectRefusalKeepsState(state, () => quoteUsage(state, input), { code, path, hint }, input);
    });
  }
});

describe("bad usage input to quoteUsage", () => {
  // biome-ignore format: one table row per line
  const rows: Row[] = [
    ["usage: null", null, "invalid_input", [], /usage object/],
    ["usage: string", "usage", "invalid_input", [], /usage object/],
    ["usage: array", [], "invalid_input", [], /usage object/],
    ["a type other than usage", { ...without(usage(), "id"), type: "subscribe" }, "invalid_input", ["type"], /type/],
  ];
  it.each(rows)("quoteUsage refuses %s", (_label, input, code, path, hint) => {
    const state = activeLedger();
    expectRefusalKeepsState(state, () => quoteUsage(state, input as UsageInput), { code, path, hint }, input);
  });
});
