/**
 * Fixed-offset zones in calendar windows: "+08:00", "UTC+8", "GMT+8" are 8 hours AHEAD
 * of UTC (Beijing time), so their day starts at 16:00Z the day before. IANA's
 * "Etc/GMT-8" is the same offset with POSIX's reversed sign: the test pins both.
 */
import { describe, expect, it } from "vitest";
import { createLedger, defaultCatalog, defineCatalog, extendCatalog, quotaStatus } from "../../src";
import { type CalendarSpec, calendarBlockAt, fixedOffsetMinutes, parseTimeZone } from "../../src/time";
import { expectBlock, serviceCuts } from "./support";

describe("fixed offsets are read with the offset's own sign", () => {
  it.each([
    // zone          minutes east of UTC   canonical
    ["+08:00", 480, "+08:00"],
    ["+0800", 480, "+08:00"],
    ["+08", 480, "+08:00"],
    ["UTC+8", 480, "+08:00"],
    ["utc+8", 480, "+08:00"],
    ["GMT+8", 480, "+08:00"],
    ["GMT+08:00", 480, "+08:00"],
    ["-05:30", -330, "-05:30"],
    ["UTC-5:30", -330, "-05:30"],
    ["UTC-0530", -330, "-05:30"],
    ["UTC+0", 0, "+00:00"],
    ["-00:00", 0, "+00:00"],
    ["+05:45", 345, "+05:45"], //        Nepal
  ] as const)("%s is %i minutes east, canonically %s", (zone, minutes, canonical) => {
    expect(fixedOffsetMinutes(zone)).toBe(minutes);
    expect(parseTimeZone(zone)).toEqual({ ok: true, value: canonical });
  });

  it("leaves IANA names (Etc/GMT-8 included) to Intl, and as given", () => {
    expect(fixedOffsetMinutes("Etc/GMT-8")).toBeNull();
    expect(fixedOffsetMinutes("UTC")).toBeNull();
    expect(parseTimeZone("Etc/GMT-8")).toEqual({ ok: true, value: "Etc/GMT-8" });
  });
});

describe("calendar blocks in a fixed-offset zone", () => {
  const beijing: CalendarSpec = { every: "day", cuts: serviceCuts, timeZone: "+08:00" };

  it.each([
    // at (UTC)                    block start (UTC)         block end (UTC)
    // 14:10Z is 22:10 at +08:00: the 20:00–24:00 local block, 12:00Z–16:00Z.
    ["2026-06-04T14:10:00.000Z", "2026-06-04T12:00:00Z", "2026-06-04T16:00:00Z"],
    // 16:00Z is local midnight: a new day, the 00:00–05:00 block.
    ["2026-06-04T16:00:00.000Z", "2026-06-04T16:00:00Z", "2026-06-04T21:00:00Z"],
    ["2026-06-04T15:59:59.999Z", "2026-06-04T12:00:00Z", "2026-06-04T16:00:00Z"],
  ])("%s is in [%s, %s)", (at, start, end) => expectBlock(beijing, at, start, end));

  it("+08:00, UTC+8 and GMT+8 cut where Etc/GMT-8 and Asia/Shanghai cut, never where Etc/GMT+8 does", () => {
    const at = Date.parse("2026-06-04T14:10:00Z") as Parameters<typeof calendarBlockAt>[1];
    const blockIn = (timeZone: string) => calendarBlockAt({ every: "day", cuts: serviceCuts, timeZone }, at);
    const expected = blockIn("Asia/Shanghai");
    for (const zone of ["+08:00", "Etc/GMT-8"]) expect(blockIn(zone)).toEqual(expected);
    expect(blockIn("Etc/GMT+8")).not.toEqual(expected);
    // A week at −05:00 starts Monday 00:00 local = 05:00Z.
    const week = calendarBlockAt({ every: "week", weekStartsOn: 1, timeZone: "-05:00" }, at);
    expect(new Date(week.start).toISOString()).toBe("2026-06-01T05:00:00.000Z");
  });

  it("a catalog takes UTC+8 for its windows, stores it as +08:00, and quotaStatus cuts there", () => {
    const beijingTime = extendCatalog(defaultCatalog, {
      id: "beijing-time",
      buckets: { general: { windows: { "5h": { timeZone: "UTC+8" }, weekly: { timeZone: "GMT+8" } } } },
    });
    if (!beijingTime.ok) throw new Error(beijingTime.error.message);
    expect(beijingTime.value.buckets.general?.windows["5h"]).toMatchObject({ timeZone: "+08:00" });
    // The canonical form is a fixed point of defineCatalog.
    const again = defineCatalog(beijingTime.value);
    expect(again.ok && JSON.stringify(again.value)).toBe(JSON.stringify(beijingTime.value));
    const created = createLedger({ catalog: beijingTime.value });
    if (!created.ok) throw new Error(created.error.message);
    const status = quotaStatus(created.state, "2026-06-04T14:10:00Z");
    const [fiveHour, weekly] = status.ok ? (status.value.buckets[0]?.windows ?? []) : [];
    expect([fiveHour?.windowStart, fiveHour?.windowEnd]).toEqual([
      "2026-06-04T12:00:00.000Z",
      "2026-06-04T16:00:00.000Z",
    ]);
    // Monday 00:00 at +08:00 is Sunday 16:00Z.
    expect(weekly?.windowStart).toBe("2026-05-31T16:00:00.000Z");
  });

  it("refuses an offset beyond ±14:00 in a catalog, with the path", () => {
    const far = extendCatalog(defaultCatalog, {
      id: "far",
      buckets: { general: { windows: { "5h": { timeZone: "UTC+15" } } } },
    });
    expect(!far.ok && [far.error.code, far.error.path]).toEqual([
      "invalid_time_zone",
      ["buckets", "general", "windows", "5h", "timeZone"],
    ]);
  });
});
