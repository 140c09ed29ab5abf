/**
 * The scalar parsers: parseUsd / parseCredits / parseQuotaUnits and parseInstant. Each
 * refuses with its own code, echoes the path it was given, and never throws.
 */
import { describe, it } from "vitest";
import { type FieldPath, parseCredits, parseInstant, parseQuotaUnits, parseUsd } from "../../src";
import { deepFreeze, expectRefusal, type Row } from "./support";

type Parser = (input: unknown, path?: FieldPath) => unknown;

const amountParsers: [name: string, parse: Parser][] = [
  ["parseUsd", (input, path) => parseUsd(input, path)],
  ["parseCredits", (input, path) => parseCredits(input, path)],
  ["parseQuotaUnits", (input, path) => parseQuotaUnits(input, path)],
];

// biome-ignore format: one table row per line
const amountRows: Row[] = [
  ["a negative amount", "-1", "invalid_amount", [], /non-negative/],
  ["a negative number", -0.5, "invalid_amount", [], /non-negative/],
  ["NaN", Number.NaN, "invalid_amount", [], /finite/],
  ["Infinity", Number.POSITIVE_INFINITY, "invalid_amount", [], /finite/],
  ["-Infinity", Number.NEGATIVE_INFINITY, "invalid_amount", [], /finite/],
  ['"1e400"', "1e400", "invalid_amount", [], /plain decimal/],
  ['"1e-7" (exponent)', "1e-7", "invalid_amount", [], /plain decimal/],
  ['"1E3" (exponent)', "1E3", "invalid_amount", [], /plain decimal/],
  ['"12.3.4"', "12.3.4", "invalid_amount", [], /plain decimal/],
  ['"+5" (sign)', "+5", "invalid_amount", [], /plain decimal/],
  ['".5" (no whole part)', ".5", "invalid_amount", [], /plain decimal/],
  ['"5." (no fraction digits)', "5.", "invalid_amount", [], /plain decimal/],
  ['"0x10" (hex)', "0x10", "invalid_amount", [], /plain decimal/],
  ['"1,000" (grouping)', "1,000", "invalid_amount", [], /plain decimal/],
  ['"" (empty)', "", "invalid_amount", [], /plain decimal/],
  ['"abc"', "abc", "invalid_amount", [], /plain decimal/],
  ['"0.0000000000001" (13 places)', "0.0000000000001", "amount_scale_exceeded", [], /13 decimal places.*12/],
  ["1e-13 as a number", 1e-13, "amount_scale_exceeded", [], /12/],
  ["10^18 as a string", "1000000000000000000", "invalid_amount", [], /10\^18/],
  ["10^18 as a number", 1e18, "invalid_amount", [], /10\^18/],
  ["10^18 with a fraction", "1000000000000000000.5", "invalid_amount", [], /10\^18/],
  ["null", null, "invalid_amount", [], /decimal string/],
  ["a boolean", true, "invalid_amount", [], /decimal string/],
  ["an array", ["1"], "invalid_amount", [], /decimal string/],
  ["an object", { amount: "1" }, "invalid_amount", [], /decimal string/],
  ["a bigint", 5n, "invalid_amount", [], /decimal string/],
  ["undefined", undefined, "invalid_amount", [], /decimal string/],
];

describe.each(amountParsers)("%s", (_name, parse) => {
  it.each(amountRows)("refuses %s", (_label, input, code, path, hint) => {
    deepFreeze(input);
    expectRefusal(() => parse(input), { code, path, hint });
  });

  it.each(amountRows)("refuses %s at the path it was given", (_label, input, code, _path, hint) => {
    expectRefusal(() => parse(input, ["lots", 3, "remaining"]), {
      code,
      path: ["lots", 3, "remaining"],
      hint,
    });
  });
});

// biome-ignore format: one table row per line
const instantRows: Row[] = [
  ['"2026-02-30T00:00:00Z" (not on the calendar)', "2026-02-30T00:00:00Z", "invalid_instant", [], /calendar/],
  ['"2025-02-29T00:00:00Z" (not a leap year)', "2025-02-29T00:00:00Z", "invalid_instant", [], /calendar/],
  ['"2026-13-01T00:00:00Z"', "2026-13-01T00:00:00Z", "invalid_instant", [], /calendar/],
  ['"2026-06-01T24:00:00Z"', "2026-06-01T24:00:00Z", "invalid_instant", [], /calendar/],
  ['"2026-06-01T00:00:00+24:00"', "2026-06-01T00:00:00+24:00", "invalid_instant", [], /calendar/],
  ['"2026-06-01" (no time or offset)', "2026-06-01", "invalid_instant", [], /date alone/],
  ['"2026-06-01T00:00:00" (no offset)', "2026-06-01T00:00:00", "invalid_instant", [], /offset/],
  ['"2026-06-01 00:00:00Z" (space)', "2026-06-01 00:00:00Z", "invalid_instant", [], /ISO-8601/],
  ['" 2026-06-01T00:00:00Z" (leading space)', " 2026-06-01T00:00:00Z", "invalid_instant", [], /ISO-8601/],
  ['"2026-06-01T00:00:00.1234Z" (sub-ms)', "2026-06-01T00:00:00.1234Z", "invalid_instant", [], /milliseconds/],
  ['"yesterday"', "yesterday", "invalid_instant", [], /ISO-8601/],
  ['"" (empty)', "", "invalid_instant", [], /ISO-8601/],
  ["1.5 ms", 1.5, "invalid_instant", [], /integer/],
  ["-1 ms", -1, "invalid_instant", [], /1970/],
  ['"1969-12-31T23:59:59Z"', "1969-12-31T23:59:59Z", "invalid_instant", [], /1970/],
  ['"10000-01-01T00:00:00Z" (year 10000)', "10000-01-01T00:00:00Z", "invalid_instant", [], /ISO-8601/],
  ["year 10000 in ms", 253_402_300_800_000, "invalid_instant", [], /9999/],
  ["NaN", Number.NaN, "invalid_instant", [], /integer|NaN/],
  ["Infinity", Number.POSITIVE_INFINITY, "invalid_instant", [], /integer|Infinity/],
  ["null", null, "invalid_instant", [], /ISO-8601/],
  ["undefined", undefined, "invalid_instant", [], /ISO-8601/],
  ["a boolean", true, "invalid_instant", [], /ISO-8601/],
  ["an array", ["2026-06-01T00:00:00Z"], "invalid_instant", [], /ISO-8601/],
  ["an invalid Date", new Date("June 1st"), "invalid_instant", [], /an invalid Date/],
];

describe("parseInstant", () => {
  it.each(instantRows)("refuses %s", (_label, input, code, path, hint) => {
    deepFreeze(input);
    expectRefusal(() => parseInstant(input), { code, path, hint });
  });

  it.each(instantRows)("refuses %s at the path it was given", (_label, input, code, _path, hint) => {
    expectRefusal(() => parseInstant(input, ["events", 2, "at"]), { code, path: ["events", 2, "at"], hint });
  });
});
