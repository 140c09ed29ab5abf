import { describe, expect, it } from "vitest";
import type { CalendarSpec } from "../../src/time";
import { blockHours, expectBlock, serviceCuts } from "./support";

describe("the real service's 5-hour day in UTC (cuts 00, 05, 10, 15, 20)", () => {
  const spec: CalendarSpec = { every: "day", cuts: serviceCuts, timeZone: "UTC" };
  it.each([
    // at                             block start                 block end
    ["2026-06-04T00:00:00.000Z", "2026-06-04T00:00:00Z", "2026-06-04T05:00:00Z"],
    ["2026-06-04T04:59:59.999Z", "2026-06-04T00:00:00Z", "2026-06-04T05:00:00Z"],
    ["2026-06-04T05:00:00.000Z", "2026-06-04T05:00:00Z", "2026-06-04T10:00:00Z"],
    ["2026-06-04T05:00:00.001Z", "2026-06-04T05:00:00Z", "2026-06-04T10:00:00Z"],
    ["2026-06-04T14:59:59.999Z", "2026-06-04T10:00:00Z", "2026-06-04T15:00:00Z"],
    ["2026-06-04T19:59:59.999Z", "2026-06-04T15:00:00Z", "2026-06-04T20:00:00Z"],
    ["2026-06-04T20:00:00.000Z", "2026-06-04T20:00:00Z", "2026-06-05T00:00:00Z"], // the 4-hour block
    ["2026-06-04T23:59:59.999Z", "2026-06-04T20:00:00Z", "2026-06-05T00:00:00Z"],
    ["2026-06-30T22:00:00.000Z", "2026-06-30T20:00:00Z", "2026-07-01T00:00:00Z"], // month end
    ["2026-12-31T20:00:00.000Z", "2026-12-31T20:00:00Z", "2027-01-01T00:00:00Z"], // year end
    ["2026-12-31T23:59:59.999Z", "2026-12-31T20:00:00Z", "2027-01-01T00:00:00Z"],
    ["2027-01-01T00:00:00.000Z", "2027-01-01T00:00:00Z", "2027-01-01T05:00:00Z"],
    ["2028-02-29T22:00:00.000Z", "2028-02-29T20:00:00Z", "2028-03-01T00:00:00Z"], // leap day
    ["1970-01-01T00:00:00.000Z", "1970-01-01T00:00:00Z", "1970-01-01T05:00:00Z"], // instantMinMs
    ["9999-12-31T23:59:59.999Z", "9999-12-31T20:00:00Z", "+010000-01-01T00:00:00Z"], // instantMaxMs
  ])("%s is in [%s, %s)", (at, start, end) => expectBlock(spec, at, start, end));

  it.each([
    // at                       hours
    ["2026-06-04T01:00:00Z", 5],
    ["2026-06-04T21:00:00Z", 4],
  ])("the block at %s lasts %i h", (at, hours) => expect(blockHours(spec, at)).toBe(hours));
});

describe("the real service's 5-hour day in Asia/Shanghai (UTC+8, no DST)", () => {
  const spec: CalendarSpec = { every: "day", cuts: serviceCuts, timeZone: "Asia/Shanghai" };
  it.each([
    // at                                  block start                     block end
    ["2026-06-04T09:59:59.999+08:00", "2026-06-04T05:00:00+08:00", "2026-06-04T10:00:00+08:00"],
    ["2026-06-04T10:00:00.000+08:00", "2026-06-04T10:00:00+08:00", "2026-06-04T15:00:00+08:00"],
    ["2026-06-04T14:59:59.999+08:00", "2026-06-04T10:00:00+08:00", "2026-06-04T15:00:00+08:00"],
    ["2026-06-04T15:00:00.000+08:00", "2026-06-04T15:00:00+08:00", "2026-06-04T20:00:00+08:00"],
    ["2026-06-04T15:00:00.001+08:00", "2026-06-04T15:00:00+08:00", "2026-06-04T20:00:00+08:00"],
    ["2026-06-04T20:00:00.000+08:00", "2026-06-04T20:00:00+08:00", "2026-06-05T00:00:00+08:00"],
    ["2026-06-04T15:59:59.999Z", "2026-06-04T20:00:00+08:00", "2026-06-05T00:00:00+08:00"], // 23:59:59.999 local
    ["2026-06-04T16:00:00.000Z", "2026-06-05T00:00:00+08:00", "2026-06-05T05:00:00+08:00"], // 00:00 local
    ["2026-06-04T07:00:00.000Z", "2026-06-04T15:00:00+08:00", "2026-06-04T20:00:00+08:00"], // 15:00 local
    ["2026-12-31T23:59:59.999+08:00", "2026-12-31T20:00:00+08:00", "2027-01-01T00:00:00+08:00"],
    ["2026-12-31T16:00:00.000Z", "2027-01-01T00:00:00+08:00", "2027-01-01T05:00:00+08:00"], // 2027 already
  ])("%s is in [%s, %s)", (at, start, end) => expectBlock(spec, at, start, end));

  it("20:00–24:00 lasts 4 h and the others 5 h", () => {
    expect(blockHours(spec, "2026-06-04T21:00:00+08:00")).toBe(4);
    expect(blockHours(spec, "2026-06-04T01:00:00+08:00")).toBe(5);
  });
});

describe("weeks", () => {
  const mondayUtc: CalendarSpec = { every: "week", timeZone: "UTC" }; // weekStartsOn defaults to 1
  const mondayShanghai: CalendarSpec = { every: "week", weekStartsOn: 1, timeZone: "Asia/Shanghai" };
  const sundayUtc: CalendarSpec = { every: "week", weekStartsOn: 0, timeZone: "UTC" };
  const saturdayUtc: CalendarSpec = { every: "week", weekStartsOn: 6, timeZone: "UTC" };
  it.each([
    // spec            at                               block start                   block end
    [mondayUtc, "2026-06-07T23:59:59.999Z", "2026-06-01T00:00:00Z", "2026-06-08T00:00:00Z"], // Sunday night
    [mondayUtc, "2026-06-08T00:00:00.000Z", "2026-06-08T00:00:00Z", "2026-06-15T00:00:00Z"], // Monday 00:00
    [mondayUtc, "2026-06-04T12:00:00.000Z", "2026-06-01T00:00:00Z", "2026-06-08T00:00:00Z"], // Thursday
    [mondayUtc, "2026-12-31T12:00:00.000Z", "2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z"], // across New Year
    [mondayUtc, "1970-01-01T00:00:00.000Z", "1969-12-29T00:00:00Z", "1970-01-05T00:00:00Z"], // before instantMinMs
    [
      mondayShanghai,
      "2026-06-07T23:59:59.999+08:00",
      "2026-06-01T00:00:00+08:00",
      "2026-06-08T00:00:00+08:00",
    ],
    [
      mondayShanghai,
      "2026-06-08T00:00:00.000+08:00",
      "2026-06-08T00:00:00+08:00",
      "2026-06-15T00:00:00+08:00",
    ],
    [mondayShanghai, "2026-06-07T16:00:00.000Z", "2026-06-08T00:00:00+08:00", "2026-06-15T00:00:00+08:00"], // Monday local
    [sundayUtc, "2026-06-06T23:59:59.999Z", "2026-05-31T00:00:00Z", "2026-06-07T00:00:00Z"],
    [sundayUtc, "2026-06-07T00:00:00.000Z", "2026-06-07T00:00:00Z", "2026-06-14T00:00:00Z"],
    [saturdayUtc, "2026-06-05T23:59:59.999Z", "2026-05-30T00:00:00Z", "2026-06-06T00:00:00Z"],
    [saturdayUtc, "2026-06-06T00:00:00.000Z", "2026-06-06T00:00:00Z", "2026-06-13T00:00:00Z"],
  ] as const)("%#: %s: %s is in [%s, %s)", (spec, at, start, end) => expectBlock(spec, at, start, end));
});

describe("months", () => {
  const utc: CalendarSpec = { every: "month", timeZone: "UTC" };
  const shanghai: CalendarSpec = { every: "month", timeZone: "Asia/Shanghai" };
  const berlin: CalendarSpec = { every: "month", timeZone: "Europe/Berlin" };
  it.each([
    // spec      at                               block start                   block end                    hours
    [utc, "2026-02-15T00:00:00.000Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", 672], // 28 days
    [utc, "2028-02-29T12:00:00.000Z", "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z", 696], // 29 days
    [utc, "2026-01-31T23:59:59.999Z", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", 744],
    [utc, "2026-12-31T23:59:59.999Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", 744],
    [utc, "2027-01-01T00:00:00.000Z", "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z", 744],
    [
      shanghai,
      "2026-06-30T23:59:59.999+08:00",
      "2026-06-01T00:00:00+08:00",
      "2026-07-01T00:00:00+08:00",
      720,
    ],
    [shanghai, "2026-06-30T16:00:00.000Z", "2026-07-01T00:00:00+08:00", "2026-08-01T00:00:00+08:00", 744],
    [berlin, "2026-03-15T12:00:00+01:00", "2026-03-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00", 743], // spring forward
    [berlin, "2026-10-15T12:00:00+02:00", "2026-10-01T00:00:00+02:00", "2026-11-01T00:00:00+01:00", 745], // fall back
  ] as const)("%#: %s: %s is in [%s, %s), %i h", (spec, at, start, end, hours) => {
    expectBlock(spec, at, start, end);
    expect(blockHours(spec, at)).toBe(hours);
  });
});

describe("cut lists that do not start at 00:00: the block before the first cut began at the last cut before it", () => {
  const twiceDaily: CalendarSpec = { every: "day", cuts: ["05:00", "17:00"], timeZone: "UTC" };
  const mondayNine: CalendarSpec = { every: "week", cuts: ["09:00"], timeZone: "Asia/Shanghai" };
  const monthHalves: CalendarSpec = { every: "month", cuts: ["00:00", "12:00"], timeZone: "UTC" };
  it.each([
    // spec          at                               block start                   block end
    [twiceDaily, "2026-06-04T00:00:00.000Z", "2026-06-03T17:00:00Z", "2026-06-04T05:00:00Z"],
    [twiceDaily, "2026-06-04T04:59:59.999Z", "2026-06-03T17:00:00Z", "2026-06-04T05:00:00Z"],
    [twiceDaily, "2026-06-04T05:00:00.000Z", "2026-06-04T05:00:00Z", "2026-06-04T17:00:00Z"],
    [twiceDaily, "2026-06-04T17:00:00.000Z", "2026-06-04T17:00:00Z", "2026-06-05T05:00:00Z"],
    [twiceDaily, "2027-01-01T03:00:00.000Z", "2026-12-31T17:00:00Z", "2027-01-01T05:00:00Z"], // across New Year
    [mondayNine, "2026-06-08T08:59:59.999+08:00", "2026-06-01T09:00:00+08:00", "2026-06-08T09:00:00+08:00"],
    [mondayNine, "2026-06-08T09:00:00.000+08:00", "2026-06-08T09:00:00+08:00", "2026-06-15T09:00:00+08:00"],
    [monthHalves, "2026-06-01T11:59:59.999Z", "2026-06-01T00:00:00Z", "2026-06-01T12:00:00Z"], // cuts: first day only
    [monthHalves, "2026-06-01T12:00:00.000Z", "2026-06-01T12:00:00Z", "2026-07-01T00:00:00Z"],
    [monthHalves, "2026-06-20T00:00:00.000Z", "2026-06-01T12:00:00Z", "2026-07-01T00:00:00Z"],
  ] as const)("%#: %s: %s is in [%s, %s)", (spec, at, start, end) => expectBlock(spec, at, start, end));
});
