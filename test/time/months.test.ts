import { describe, expect, it } from "vitest";
import { addMonthsClamped, formatInstant } from "../../src/time";
import { at, utc } from "./support";

describe("addMonthsClamped: same local time, clamped at month end, always from the anchor", () => {
  it.each([
    // anchor                         months  zone                 expected
    ["2026-01-31T09:00:00Z", 1, "UTC", "2026-02-28T09:00:00Z"], //            clamped
    ["2026-01-31T09:00:00Z", 2, "UTC", "2026-03-31T09:00:00Z"], //            from the anchor: no drift to Mar 28
    ["2026-01-31T09:00:00Z", 3, "UTC", "2026-04-30T09:00:00Z"],
    ["2028-01-31T09:00:00Z", 1, "UTC", "2028-02-29T09:00:00Z"], //            leap year
    ["2026-01-30T09:00:00Z", 1, "UTC", "2026-02-28T09:00:00Z"],
    ["2026-01-15T09:00:00Z", 1, "UTC", "2026-02-15T09:00:00Z"],
    ["2026-12-15T10:00:00Z", 1, "UTC", "2027-01-15T10:00:00Z"], //            December → January next year
    ["2026-11-30T10:00:00Z", 3, "UTC", "2027-02-28T10:00:00Z"],
    ["2026-01-31T09:00:00Z", 12, "UTC", "2027-01-31T09:00:00Z"],
    ["2026-01-31T09:00:00Z", 25, "UTC", "2028-02-29T09:00:00Z"],
    ["2026-03-31T09:00:00Z", -1, "UTC", "2026-02-28T09:00:00Z"], //           backwards too
    ["2026-01-31T09:00:00Z", -2, "UTC", "2025-11-30T09:00:00Z"],
    ["2026-01-31T09:00:00.123Z", 0, "UTC", "2026-01-31T09:00:00.123Z"],
    // in a DST zone the local wall-clock time is kept, so the elapsed time gains or loses the hour
    ["2026-03-15T09:00:00+01:00", 1, "Europe/Berlin", "2026-04-15T09:00:00+02:00"],
    ["2026-10-15T09:00:00+02:00", 1, "Europe/Berlin", "2026-11-15T09:00:00+01:00"],
    ["2026-01-31T00:30:00+01:00", 1, "Europe/Berlin", "2026-02-28T00:30:00+01:00"],
    ["2026-12-31T23:00:00+01:00", 1, "Europe/Berlin", "2027-01-31T23:00:00+01:00"], // Dec → Jan in Berlin
    ["2026-12-31T23:00:00+01:00", 2, "Europe/Berlin", "2027-02-28T23:00:00+01:00"],
    ["2026-10-31T12:00:00-04:00", 1, "America/New_York", "2026-11-30T12:00:00-05:00"],
    // the zone decides which day it is: Feb 28 20:00 in New York is already Mar 1 in UTC
    ["2026-02-28T20:00:00-05:00", 1, "America/New_York", "2026-03-28T20:00:00-04:00"],
    ["2026-02-28T20:00:00-05:00", 1, "UTC", "2026-04-01T01:00:00Z"],
    ["2026-01-31T23:30:00+08:00", 1, "Asia/Shanghai", "2026-02-28T23:30:00+08:00"],
    // a skipped target time is shifted forward by the gap; a repeated one is its first occurrence
    ["2026-01-29T02:30:00+01:00", 2, "Europe/Berlin", "2026-03-29T03:30:00+02:00"],
    ["2026-02-08T02:30:00-05:00", 1, "America/New_York", "2026-03-08T03:30:00-04:00"],
    ["2026-09-25T02:30:00+02:00", 1, "Europe/Berlin", "2026-10-25T02:30:00+02:00"],
  ] as const)("%s + %i months in %s = %s", (anchor, months, timeZone, expected) => {
    expect(formatInstant(addMonthsClamped(at(anchor), months, timeZone))).toBe(utc(expected));
  });

  it("throws on a fraction of a month: a bug, not input", () => {
    expect(() => addMonthsClamped(at("2026-01-31T09:00:00Z"), 1.5, "UTC")).toThrow("[token-plan]");
  });
});
