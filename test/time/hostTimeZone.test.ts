/**
 * The same inputs give the same outputs on every host: nothing here may read the host's
 * own time zone. (@date-fns/tz's `new TZDate(y, m, d, h, min, zone)` does, for repeated
 * local times, which is why src/time converts local times itself.)
 */
import { afterEach, describe, expect, it } from "vitest";
import { addMonthsClamped, calendarBlockAt, expiryInstant, formatInstant } from "../../src/time";
import { at, serviceCuts } from "./support";

const hostZones = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Australia/Lord_Howe",
  "America/Santiago",
  "Asia/Kolkata",
];
const originalTimeZone = process.env.TZ;

afterEach(() => {
  if (originalTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalTimeZone;
});

/** Everything in src/time that turns a local time into an instant, at DST edges. */
function answers(): readonly string[] {
  const berlinDay = { every: "day", cuts: serviceCuts, timeZone: "Europe/Berlin" } as const;
  const lordHoweDay = { every: "day", cuts: ["01:45"], timeZone: "Australia/Lord_Howe" } as const;
  const blocks = [
    calendarBlockAt(berlinDay, at("2026-10-25T02:30:00+01:00")),
    calendarBlockAt(berlinDay, at("2026-03-29T03:00:00+02:00")),
    calendarBlockAt(lordHoweDay, at("2026-04-05T03:00:00+10:30")),
  ].flatMap(({ start, end }) => [formatInstant(start), formatInstant(end)]);
  return [
    ...blocks,
    formatInstant(addMonthsClamped(at("2026-09-25T02:30:00+02:00"), 1, "Europe/Berlin")),
    formatInstant(
      expiryInstant(
        { rule: "calendar-days", days: 1, timeZone: "Europe/Berlin" },
        at("2026-10-24T02:30:00+02:00"),
      ),
    ),
  ];
}

describe("results do not depend on the host's time zone", () => {
  it.each(hostZones)("on a host set to %s", (hostZone) => {
    process.env.TZ = "UTC";
    const onUtcHost = answers();
    process.env.TZ = hostZone;
    expect(answers()).toEqual(onUtcHost);
  });

  it("the host zone really changes under the test", () => {
    process.env.TZ = "UTC";
    const utcOffset = new Date(Date.UTC(2026, 5, 4)).getTimezoneOffset();
    process.env.TZ = "Asia/Kolkata";
    expect(new Date(Date.UTC(2026, 5, 4)).getTimezoneOffset()).not.toBe(utcOffset);
  });
});
