/**
 * Calendar blocks across DST changes. The choices (see src/time/calendar.ts): a skipped
 * local time is shifted forward by the gap (as @date-fns/tz's TZDate does); a repeated local
 * time is its FIRST occurrence; blocks spanning a change are an hour shorter or longer.
 *
 * 2026 changes used: Europe/Berlin 03-29 02:00 CET → 03:00 CEST (01:00Z) and 10-25
 * 03:00 CEST → 02:00 CET (01:00Z); America/New_York 03-08 02:00 EST → 03:00 EDT (07:00Z)
 * and 11-01 02:00 EDT → 01:00 EST (06:00Z).
 */
import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { asEpochMs, type CalendarSpec, calendarBlockAt, formatInstant } from "../../src/time";
import { blockHours, expectBlock, serviceCuts } from "./support";

describe("the 5-cut day in Europe/Berlin across DST", () => {
  const spec: CalendarSpec = { every: "day", cuts: serviceCuts, timeZone: "Europe/Berlin" };
  it.each([
    // at                                   block start                    block end                  hours
    ["2026-03-28T22:00:00+01:00", "2026-03-28T20:00:00+01:00", "2026-03-29T00:00:00+01:00", 4],
    ["2026-03-29T00:00:00+01:00", "2026-03-29T00:00:00+01:00", "2026-03-29T05:00:00+02:00", 4], // spring forward
    ["2026-03-29T01:59:59.999+01:00", "2026-03-29T00:00:00+01:00", "2026-03-29T05:00:00+02:00", 4], // last CET ms
    ["2026-03-29T03:00:00.000+02:00", "2026-03-29T00:00:00+01:00", "2026-03-29T05:00:00+02:00", 4], // first CEST ms
    ["2026-03-29T04:59:59.999+02:00", "2026-03-29T00:00:00+01:00", "2026-03-29T05:00:00+02:00", 4],
    ["2026-03-29T05:00:00.000+02:00", "2026-03-29T05:00:00+02:00", "2026-03-29T10:00:00+02:00", 5],
    ["2026-03-29T22:00:00+02:00", "2026-03-29T20:00:00+02:00", "2026-03-30T00:00:00+02:00", 4],
    ["2026-10-24T21:00:00+02:00", "2026-10-24T20:00:00+02:00", "2026-10-25T00:00:00+02:00", 4],
    ["2026-10-25T00:00:00+02:00", "2026-10-25T00:00:00+02:00", "2026-10-25T05:00:00+01:00", 6], // fall back
    ["2026-10-25T02:30:00+02:00", "2026-10-25T00:00:00+02:00", "2026-10-25T05:00:00+01:00", 6], // 02:30, first
    ["2026-10-25T02:30:00+01:00", "2026-10-25T00:00:00+02:00", "2026-10-25T05:00:00+01:00", 6], // 02:30, again
    ["2026-10-25T04:59:59.999+01:00", "2026-10-25T00:00:00+02:00", "2026-10-25T05:00:00+01:00", 6],
    ["2026-10-25T05:00:00.000+01:00", "2026-10-25T05:00:00+01:00", "2026-10-25T10:00:00+01:00", 5],
  ] as const)("%s is in [%s, %s), %i h", (at, start, end, hours) => {
    expectBlock(spec, at, start, end);
    expect(blockHours(spec, at)).toBe(hours);
  });
});

describe("the 5-cut day in America/New_York across DST", () => {
  const spec: CalendarSpec = { every: "day", cuts: serviceCuts, timeZone: "America/New_York" };
  it.each([
    // at                                   block start                    block end                  hours
    ["2026-03-08T00:00:00-05:00", "2026-03-08T00:00:00-05:00", "2026-03-08T05:00:00-04:00", 4], // spring forward
    ["2026-03-08T01:59:59.999-05:00", "2026-03-08T00:00:00-05:00", "2026-03-08T05:00:00-04:00", 4],
    ["2026-03-08T03:00:00.000-04:00", "2026-03-08T00:00:00-05:00", "2026-03-08T05:00:00-04:00", 4],
    ["2026-03-08T05:00:00-04:00", "2026-03-08T05:00:00-04:00", "2026-03-08T10:00:00-04:00", 5],
    ["2026-11-01T00:00:00-04:00", "2026-11-01T00:00:00-04:00", "2026-11-01T05:00:00-05:00", 6], // fall back
    ["2026-11-01T01:30:00-04:00", "2026-11-01T00:00:00-04:00", "2026-11-01T05:00:00-05:00", 6], // 01:30, first
    ["2026-11-01T01:30:00-05:00", "2026-11-01T00:00:00-04:00", "2026-11-01T05:00:00-05:00", 6], // 01:30, again
    ["2026-11-01T05:00:00-05:00", "2026-11-01T05:00:00-05:00", "2026-11-01T10:00:00-05:00", 5],
    ["2026-11-01T23:00:00-05:00", "2026-11-01T20:00:00-05:00", "2026-11-02T00:00:00-05:00", 4],
  ] as const)("%s is in [%s, %s), %i h", (at, start, end, hours) => {
    expectBlock(spec, at, start, end);
    expect(blockHours(spec, at)).toBe(hours);
  });
});

describe("Monday weeks across DST: 167 h in spring, 169 h in autumn", () => {
  const berlin: CalendarSpec = { every: "week", timeZone: "Europe/Berlin" };
  const newYork: CalendarSpec = { every: "week", timeZone: "America/New_York" };
  it.each([
    // spec     at                                   block start                    block end                  hours
    [berlin, "2026-03-29T23:59:59.999+02:00", "2026-03-23T00:00:00+01:00", "2026-03-30T00:00:00+02:00", 167],
    [berlin, "2026-03-30T00:00:00.000+02:00", "2026-03-30T00:00:00+02:00", "2026-04-06T00:00:00+02:00", 168],
    [berlin, "2026-10-25T23:59:59.999+01:00", "2026-10-19T00:00:00+02:00", "2026-10-26T00:00:00+01:00", 169],
    [newYork, "2026-03-08T12:00:00-04:00", "2026-03-02T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 167],
    [newYork, "2026-11-01T12:00:00-05:00", "2026-10-26T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 169],
  ] as const)("%#: %s is in [%s, %s), %i h", (spec, at, start, end, hours) => {
    expectBlock(spec, at, start, end);
    expect(blockHours(spec, at)).toBe(hours);
  });
});

describe("cuts inside the skipped or repeated hour (Europe/Berlin)", () => {
  const inTheHour: CalendarSpec = {
    every: "day",
    cuts: ["00:00", "02:30", "12:00"],
    timeZone: "Europe/Berlin",
  };
  const colliding: CalendarSpec = { every: "day", cuts: ["02:00", "03:00"], timeZone: "Europe/Berlin" };
  const crossing: CalendarSpec = { every: "day", cuts: ["02:30", "03:00"], timeZone: "Europe/Berlin" };
  it.each([
    // skipped 02:30 on 03-29 starts its block at 03:30 CEST (01:30Z), as far past the jump as it was into the gap
    [
      inTheHour,
      "2026-03-29T03:29:59.999+02:00",
      "2026-03-29T00:00:00+01:00",
      "2026-03-29T03:30:00+02:00",
      2.5,
    ],
    [
      inTheHour,
      "2026-03-29T03:30:00.000+02:00",
      "2026-03-29T03:30:00+02:00",
      "2026-03-29T12:00:00+02:00",
      8.5,
    ],
    // repeated 02:30 on 10-25 starts its block at the first 02:30 (CEST, 00:30Z); the second 02:30 is inside it
    [
      inTheHour,
      "2026-10-25T02:29:59.999+02:00",
      "2026-10-25T00:00:00+02:00",
      "2026-10-25T02:30:00+02:00",
      2.5,
    ],
    [
      inTheHour,
      "2026-10-25T02:30:00.000+02:00",
      "2026-10-25T02:30:00+02:00",
      "2026-10-25T12:00:00+01:00",
      10.5,
    ],
    [
      inTheHour,
      "2026-10-25T02:30:00.000+01:00",
      "2026-10-25T02:30:00+02:00",
      "2026-10-25T12:00:00+01:00",
      10.5,
    ],
    // skipped 02:00 and real 03:00 land on the same instant (01:00Z): one boundary, no empty block
    [colliding, "2026-03-29T00:59:59.999Z", "2026-03-28T03:00:00+01:00", "2026-03-29T03:00:00+02:00", 23],
    [colliding, "2026-03-29T01:00:00.000Z", "2026-03-29T03:00:00+02:00", "2026-03-30T02:00:00+02:00", 23],
    // skipped 02:30 (→ 01:30Z) lands after real 03:00 (01:00Z): boundaries are ordered by instant
    [crossing, "2026-03-29T00:59:59.999Z", "2026-03-28T03:00:00+01:00", "2026-03-29T03:00:00+02:00", 23],
    [crossing, "2026-03-29T01:15:00.000Z", "2026-03-29T03:00:00+02:00", "2026-03-29T03:30:00+02:00", 0.5],
    [crossing, "2026-03-29T01:30:00.000Z", "2026-03-29T03:30:00+02:00", "2026-03-30T02:30:00+02:00", 23],
  ] as const)("%#: %s is in [%s, %s), %s h", (spec, at, start, end, hours) => {
    expectBlock(spec, at, start, end);
    expect(blockHours(spec, at)).toBe(hours);
  });
});

describe("other zones' changes", () => {
  it.each([
    // spec                                                                  at                     start                   end                     hours
    // Australia/Lord_Howe moves by 30 min: 2026-04-05 02:00 +11:00 → 01:30 +10:30, 2026-10-04 02:00 +10:30 → 02:30 +11:00
    [
      { every: "day", cuts: serviceCuts, timeZone: "Australia/Lord_Howe" },
      "2026-04-05T01:45:00+10:30",
      "2026-04-05T00:00:00+11:00",
      "2026-04-05T05:00:00+10:30",
      5.5,
    ],
    [
      { every: "day", cuts: serviceCuts, timeZone: "Australia/Lord_Howe" },
      "2026-10-04T03:00:00+11:00",
      "2026-10-04T00:00:00+10:30",
      "2026-10-04T05:00:00+11:00",
      4.5,
    ],
    // America/Havana skips midnight on 2026-03-08 (00:00 CST → 01:00 CDT): that day starts at 01:00
    [
      { every: "day", timeZone: "America/Havana" },
      "2026-03-07T23:59:59.999-05:00",
      "2026-03-07T00:00:00-05:00",
      "2026-03-08T01:00:00-04:00",
      24,
    ],
    [
      { every: "day", timeZone: "America/Havana" },
      "2026-03-08T01:00:00.000-04:00",
      "2026-03-08T01:00:00-04:00",
      "2026-03-09T00:00:00-04:00",
      23,
    ],
    // Asia/Tehran 1977-03-21 skipped 23:30–00:30 (+03:30 → +04:30): the cut at 23:45 moved past 00:35, so the
    // block holding 00:35 started the day before (the search widens beyond the neighbouring periods)
    [
      { every: "day", cuts: ["23:45"], timeZone: "Asia/Tehran" },
      "1977-03-22T00:35:00+04:30",
      "1977-03-20T23:45:00+03:30",
      "1977-03-22T00:45:00+04:30",
      24,
    ],
    // America/St_Johns 1988-10-30 went back two hours, 00:30 -01:30 → 22:30 -03:30: Oct 30 00:00 came first,
    // then the clock showed Oct 29 again; the block runs to Oct 31 00:00 (the search widens forward)
    [
      { every: "day", timeZone: "America/St_Johns" },
      "1988-10-29T23:00:00-03:30",
      "1988-10-30T00:00:00-01:30",
      "1988-10-31T00:00:00-03:30",
      26,
    ],
    // Africa/Monrovia was -00:44:30 until 1972-01-07 (a sub-hour negative offset, read with its sign)
    [
      { every: "day", timeZone: "Africa/Monrovia" },
      "1971-06-01T12:00:00Z",
      "1971-06-01T00:44:30Z",
      "1971-06-02T00:44:30Z",
      24,
    ],
  ] as const)("%#: %s: %s is in [%s, %s), %s h", (spec, at, start, end, hours) => {
    expectBlock(spec as CalendarSpec, at, start, end);
    expect(blockHours(spec as CalendarSpec, at)).toBe(hours);
  });
});

describe("a skipped cut starts where @date-fns/tz's TZDate puts that local time", () => {
  it.each([
    // zone                    y     m0  d   h  min
    ["Europe/Berlin", 2026, 2, 29, 2, 0],
    ["Europe/Berlin", 2026, 2, 29, 2, 30],
    ["America/New_York", 2026, 2, 8, 2, 30],
    ["Australia/Lord_Howe", 2026, 9, 4, 2, 15],
    ["America/Havana", 2026, 2, 8, 0, 0],
  ] as const)("%s %i-%i-%i %i:%i", (timeZone, year, month, day, hour, minute) => {
    const skipped = +new TZDate(year, month, day, hour, minute, timeZone);
    const cut = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
    const { start } = calendarBlockAt({ every: "day", cuts: [cut], timeZone }, asEpochMs(skipped));
    expect(formatInstant(start)).toBe(new Date(skipped).toISOString());
  });
});
