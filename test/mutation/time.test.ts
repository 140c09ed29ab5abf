/**
 * Time rules that Stryker's survivors showed untested (issue 23): how a refusal quotes
 * what it refused, the params of a refused cut list, and a time zone name over the bound.
 */
import { describe, expect, it } from "vitest";
import { timeZoneNameLengthMax } from "../../src/limits";
import {
  fixedOffsetMinutes,
  isValidTimeZone,
  parseCuts,
  parseDuration,
  parseInstant,
  parseTimeZone,
} from "../../src/time";
import { quoteValue } from "../../src/time/quote";

describe("quoteValue: a refused value as a message shows it", () => {
  it.each([
    ["a string, in JSON quotes", "2026-06-04", '"2026-06-04"'],
    ["a number, as written", 1.5, "1.5"],
    ["null", null, "null"],
    ["an array, by its kind", ["2026-06-04"], "an array"],
    ["a Date, with its instant", new Date(0), "a Date (1970-01-01T00:00:00.000Z)"],
    ["an invalid Date", new Date(Number.NaN), "an invalid Date"],
    ["an object, by its type", { at: 1 }, "a value of type object"],
    ["undefined, by its type", undefined, "a value of type undefined"],
    ["a boolean, by its type", true, "a value of type boolean"],
  ])("%s", (_name, input, shown) => {
    expect(quoteValue(input)).toBe(shown);
  });
});

describe("a refused cut list says what it received, in params", () => {
  it.each([
    ["an empty list", [], ["cuts"], "a list of 0"],
    ["not a list", "05:00", ["cuts"], '"05:00"'],
    ["a cut outside 00:00–23:59", ["00:00", "24:00"], ["cuts", 1], '"24:00"'],
    // A list whose text is "05:00" is still not a string.
    ["a cut that is a list", [["05:00"]], ["cuts", 0], "an array"],
    ["a cut not after the one before", ["10:00", "05:00"], ["cuts", 1], '"05:00"'],
  ])("%s", (_name, input, path, received) => {
    const parsed = parseCuts(input, ["cuts"]);
    expect(!parsed.ok && parsed.error).toMatchObject({ code: "invalid_input", path, params: { received } });
  });
});

describe("time zone names", () => {
  it(`a name longer than ${timeZoneNameLengthMax} characters is not a zone, even one Intl might read`, () => {
    expect(isValidTimeZone(`Europe/${"x".repeat(timeZoneNameLengthMax)}`)).toBe(false);
  });
});

describe("a refused time zone, in params", () => {
  it(`a name of exactly ${timeZoneNameLengthMax} characters is read (and unknown); one more is limit_exceeded`, () => {
    const atMax = parseTimeZone("x".repeat(timeZoneNameLengthMax));
    expect(!atMax.ok && atMax.error).toMatchObject({
      code: "invalid_time_zone",
      params: { received: JSON.stringify(`${"x".repeat(60)}…`) },
    });
    const over = parseTimeZone("x".repeat(timeZoneNameLengthMax + 1));
    expect(!over.ok && over.error).toMatchObject({
      code: "limit_exceeded",
      params: { timeZoneNameLengthMax, length: timeZoneNameLengthMax + 1 },
    });
  });

  it("an unknown zone: { received }", () => {
    const parsed = parseTimeZone("Mars/Olympus_Mons");
    expect(!parsed.ok && parsed.error.params).toEqual({ received: '"Mars/Olympus_Mons"' });
  });
});

describe("fixed offsets", () => {
  it("minutes run to 59: +05:59 is 359 minutes east, +05:60 is not an offset", () => {
    expect(fixedOffsetMinutes("+05:59")).toBe(359);
    expect(fixedOffsetMinutes("+05:60")).toBeNull();
  });

  it("an instant's offset may be +23:00 or +05:59 (hours run to 23, minutes to 59)", () => {
    // 2026-06-04 23:00 at +23:00 is 2026-06-04 00:00Z.
    expect(parseInstant("2026-06-04T23:00:00+23:00")).toEqual({ ok: true, value: Date.UTC(2026, 5, 4) });
    expect(parseInstant("2026-06-04T23:00:00+24:00").ok).toBe(false);
    // Minutes of an offset run to 59: 05:59 at +05:59 is midnight UTC.
    expect(parseInstant("2026-06-04T05:59:00+05:59")).toEqual({ ok: true, value: Date.UTC(2026, 5, 4) });
    expect(parseInstant("2026-06-04T05:59:00+05:60").ok).toBe(false);
  });
});

describe("why an instant is refused, in params", () => {
  it.each([
    ["an invalid Date", new Date(Number.NaN), "an invalid Date"],
    ["a fourth fraction digit", "2026-06-04T07:00:00.0001Z", "more digits than milliseconds"],
    ["a date alone", "2026-06-04", "a date alone does not say which instant of it"],
    ["a date after other text is not a date alone", "x2026-06-04", "not in that format"],
  ])("%s", (_name, input, why) => {
    const parsed = parseInstant(input);
    expect(!parsed.ok && parsed.error.params).toMatchObject({ why });
  });
});

describe("durations", () => {
  // The instant range, 1970-01-01 to 9999-12-31T23:59:59.999Z, is 253,402,300,799,999 ms.
  it("a duration as long as the whole instant range is a duration; 1 ms more is not", () => {
    expect(parseDuration("PT253402300799.999S")).toEqual({ ok: true, value: 253_402_300_799_999 });
    const longer = parseDuration("PT253402300800S");
    expect(!longer.ok && longer.error.params).toEqual({
      received: '"PT253402300800S"',
      why: "longer than years 1970 through 9999",
    });
  });

  it.each([
    [
      "a fraction of hours, any length",
      "PT1.25H",
      "only seconds may carry a fraction (use PT90M, not PT1.5H)",
    ],
    ["four second digits", "PT1.2345S", "more digits than milliseconds"],
    ["four second digits, then more text", "PT1.2345SX", "not in that format"],
  ])("why: %s (%s)", (_name, input, why) => {
    const parsed = parseDuration(input);
    expect(!parsed.ok && parsed.error.params).toEqual({ received: JSON.stringify(input), why });
  });
});
