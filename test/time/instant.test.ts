import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instantMaxMs, instantMinMs } from "../../src/limits";
import { asEpochMs, formatInstant, parseInstant } from "../../src/time";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

describe("parseInstant accepts an ISO-8601 instant with an offset, or integer epoch ms", () => {
  it.each([
    // input                                 canonical instant
    ["2026-06-04T07:00:00Z", "2026-06-04T07:00:00.000Z"],
    ["2026-06-04T15:00:00+08:00", "2026-06-04T07:00:00.000Z"],
    ["2026-06-04T02:00:00-05:00", "2026-06-04T07:00:00.000Z"],
    ["2026-06-04T12:30:00+05:30", "2026-06-04T07:00:00.000Z"],
    ["2026-06-04T07:00:00-00:00", "2026-06-04T07:00:00.000Z"],
    ["2026-06-04T07:00Z", "2026-06-04T07:00:00.000Z"], //                   seconds optional
    ["2026-06-04T07:00:00.5Z", "2026-06-04T07:00:00.500Z"], //             fraction: 1 digit = tenths
    ["2026-06-04T07:00:00.12Z", "2026-06-04T07:00:00.120Z"],
    ["2026-06-04T07:00:00.123Z", "2026-06-04T07:00:00.123Z"],
    ["2026-06-04T23:59:59.999+08:00", "2026-06-04T15:59:59.999Z"],
    ["2026-01-01T05:00:00+08:00", "2025-12-31T21:00:00.000Z"], //          the offset crosses a year
    ["2028-02-29T00:00:00Z", "2028-02-29T00:00:00.000Z"], //               leap day
    ["1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"], //               instantMinMs
    ["1970-01-01T08:00:00+08:00", "1970-01-01T00:00:00.000Z"],
    ["9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"], //           instantMaxMs
    [0, "1970-01-01T00:00:00.000Z"],
    [1_780_556_400_000, "2026-06-04T07:00:00.000Z"],
    [253_402_300_799_999, "9999-12-31T23:59:59.999Z"],
    [new Date(0), "1970-01-01T00:00:00.000Z"], //                          a Date, by its epoch ms
    [new Date("2026-06-04T15:00:00+08:00"), "2026-06-04T07:00:00.000Z"],
  ] as const)("%j → %s", (input, expected) => {
    const parsed = parseInstant(input);
    expect(parsed.ok && formatInstant(parsed.value)).toBe(expected);
  });

  it("reads the bounds as instantMinMs and instantMaxMs", () => {
    expect(parseInstant("1970-01-01T00:00:00.000Z")).toEqual({ ok: true, value: instantMinMs });
    expect(parseInstant("9999-12-31T23:59:59.999Z")).toEqual({ ok: true, value: instantMaxMs });
  });

  it("reads -0 as 0", () => {
    const parsed = parseInstant(-0);
    expect(parsed.ok && Object.is(parsed.value, 0)).toBe(true);
  });
});

describe("parseInstant refuses what is ambiguous, imprecise, off the calendar or out of range", () => {
  it.each([
    // input                                     why (in the message)
    ["2026-06-04", "a date alone"],
    ["2026-06-04T07:00:00", "no offset"],
    ["2026-06-04T07:00", "no offset"],
    ["2026-06-04T07:00:00.1234Z", "more digits than milliseconds"],
    ["2026-02-30T00:00:00Z", "not a date and time on the calendar"],
    ["2027-02-29T00:00:00Z", "not a date and time on the calendar"], //   2027 is not a leap year
    ["2026-04-31T00:00:00Z", "not a date and time on the calendar"],
    ["2026-13-01T00:00:00Z", "not a date and time on the calendar"],
    ["2026-00-10T00:00:00Z", "not a date and time on the calendar"],
    ["2026-06-00T00:00:00Z", "not a date and time on the calendar"],
    ["2026-06-04T24:00:00Z", "not a date and time on the calendar"],
    ["2026-06-04T07:60:00Z", "not a date and time on the calendar"],
    ["2026-06-04T07:00:60Z", "not a date and time on the calendar"], //   no leap seconds
    ["2026-06-04T07:00:00+24:00", "not a date and time on the calendar"],
    ["2026-06-04T07:00:00+08:60", "not a date and time on the calendar"],
    ["2026-06-04T07:00:00+0800", "not in that format"],
    ["2026-06-04T07:00:00+08", "not in that format"],
    ["2026-06-04 07:00:00Z", "not in that format"],
    ["2026-06-04t07:00:00z", "not in that format"],
    ["2026-06-04T07:00:00.Z", "not in that format"],
    ["+010000-01-01T00:00:00Z", "not in that format"],
    ["26-06-04T07:00:00Z", "not in that format"],
    ["", "not in that format"],
    ["now", "not in that format"],
    ["1969-12-31T23:59:59.999Z", "outside years 1970 through 9999"],
    ["1970-01-01T00:00:00+00:01", "outside years 1970 through 9999"], //   = -60,000 ms
    ["9999-12-31T23:59:59.999-00:01", "outside years 1970 through 9999"],
    [-1, "outside years 1970 through 9999"],
    [253_402_300_800_000, "outside years 1970 through 9999"],
    [1.5, "not an integer"],
    [Number.NaN, "not an integer"],
    [Number.POSITIVE_INFINITY, "not an integer"],
    [null, "not a string, a number or a Date"],
    [undefined, "not a string, a number or a Date"],
    [true, "not a string, a number or a Date"],
    [{}, "not a string, a number or a Date"],
    [[], "not a string, a number or a Date"],
    [10n, "not a string, a number or a Date"],
    [new Date(Number.NaN), "an invalid Date"],
    [new Date("nope"), "an invalid Date"],
    [new Date(-1), "outside years 1970 through 9999"],
  ] as const)("%s is refused: %s", (input, why) => {
    const parsed = parseInstant(input, ["events", 3, "at"]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe("invalid_instant");
    expect(parsed.error.path).toEqual(["events", 3, "at"]);
    expect(parsed.error.message).toContain(why);
    expect(parsed.error.message).toContain("Z or ±HH:MM offset");
  });

  it("quotes the refused value in the message", () => {
    const parsed = parseInstant("2026-06-04");
    expect(!parsed.ok && parsed.error.message).toContain('got "2026-06-04"');
    expect(!parsed.ok && parsed.error.params).toEqual({
      received: '"2026-06-04"',
      why: "a date alone does not say which instant of it",
    });
  });

  it("cuts a long refused string short in the message", () => {
    const parsed = parseInstant("x".repeat(500));
    expect(!parsed.ok && parsed.error.message).toContain(`"${"x".repeat(60)}…"`);
  });

  it("defaults the path to the root", () => {
    const parsed = parseInstant("nope");
    expect(!parsed.ok && parsed.error.path).toEqual([]);
  });
});

describe("formatInstant and asEpochMs", () => {
  it.each([
    [0, "1970-01-01T00:00:00.000Z"],
    [1_780_556_400_000, "2026-06-04T07:00:00.000Z"],
    [1_780_556_400_001, "2026-06-04T07:00:00.001Z"],
    [253_402_300_799_999, "9999-12-31T23:59:59.999Z"],
  ])("%i → %s", (ms, text) => {
    expect(formatInstant(asEpochMs(ms))).toBe(text);
  });

  it(
    "writes what Date's toISOString writes, at every instant of the range",
    () => {
      fc.assert(
        fc.property(fc.integer({ min: instantMinMs, max: instantMaxMs }), (ms) => {
          expect(formatInstant(asEpochMs(ms))).toBe(new Date(ms).toISOString());
        }),
        propertyParameters(20_000),
      );
    },
    propertyTimeoutMs,
  );

  it("writes what toISOString writes at the calendar's edges: every month's first and last ms, leap days, centuries", () => {
    const edges: number[] = [instantMinMs, instantMaxMs];
    for (const year of [1970, 1972, 1999, 2000, 2024, 2026, 2100, 2400, 4000, 9998, 9999]) {
      for (let month = 0; month < 12; month++) {
        const first = Date.UTC(year, month, 1);
        edges.push(first, first - 1, first + 999, Date.UTC(year, month + 1, 1) - 1);
      }
      edges.push(
        Date.UTC(year, 1, 28, 23, 59, 59, 999),
        Date.UTC(year, 1, 29, 12),
        Date.UTC(year, 11, 31, 12, 34, 56, 789),
      );
    }
    const wrong = edges
      .filter((ms) => ms >= instantMinMs && ms <= instantMaxMs)
      .filter((ms) => formatInstant(asEpochMs(ms)) !== new Date(ms).toISOString());
    expect(wrong).toEqual([]);
    expect(edges.length).toBeGreaterThan(500);
  });

  it("leaves what is outside the range, or not a whole ms, to Date (as toISOString formats or refuses it)", () => {
    expect(formatInstant(asEpochMs(-1))).toBe("1969-12-31T23:59:59.999Z");
    expect(formatInstant(asEpochMs(instantMaxMs + 1))).toBe("+010000-01-01T00:00:00.000Z");
    expect(formatInstant(asEpochMs(1.5))).toBe("1970-01-01T00:00:00.001Z");
    expect(() => formatInstant(asEpochMs(Number.NaN))).toThrow(RangeError);
  });

  it("asEpochMs is an unchecked cast", () => {
    expect(asEpochMs(42)).toBe(42);
  });
});
