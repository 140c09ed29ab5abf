/**
 * Time rules that Stryker's survivors showed untested (issue 23): how a refusal quotes
 * what it refused, the params of a refused cut list, and a time zone name over the bound.
 */
import { describe, expect, it } from "vitest";
import { timeZoneNameLengthMax } from "../../src/limits";
import { isValidTimeZone, parseCuts } from "../../src/time";
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
