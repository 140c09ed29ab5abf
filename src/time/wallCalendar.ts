/**
 * Wall-clock readings as plain numbers: a local date and time encoded as the epoch ms it
 * would be if it were UTC. Arithmetic on them is zone-free Gregorian calendar arithmetic
 * (no DST: that is the zone's business, see `wallClock.ts`), done with the UTC fields of
 * `Date`, which never consult the host's time zone.
 */
import { millisecondsInDay } from "date-fns/constants";

/**
 * A local date and time, encoded as ms since 1970-01-01T00:00 *as if* UTC. Not an instant:
 * the brand keeps the two from being mixed up.
 *
 * @example
 * const wall = wallDate(2026, 5, 4, 15 * 3_600_000); // 2026-06-04 15:00 local
 */
export type WallMs = number & { readonly __wallMs: unique symbol };

/** The calendar fields of a wall-clock reading. @example wallFields(wallDate(2026, 0, 31)).day //=> 31 */
export interface WallFields {
  readonly year: number;
  /** 0 = January … 11 = December, as `Date` counts. */
  readonly month: number;
  readonly day: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly dayOfWeek: number;
  readonly timeOfDayMs: number;
}

/**
 * The wall-clock reading for a calendar date (month 0-based; out-of-range months and days
 * roll over, as `Date.UTC` does) plus a time of day.
 *
 * @example
 * wallDate(2026, 12, 1) === wallDate(2027, 0, 1) //=> true
 */
export function wallDate(year: number, month: number, day: number, timeOfDayMs = 0): WallMs {
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const midnight = new Date(0).setUTCFullYear(year, month, day);
  return (midnight + timeOfDayMs) as WallMs;
}

/** Splits a wall-clock reading into its fields. @example wallFields(wallDate(2026, 5, 4)).dayOfWeek //=> 4 */
export function wallFields(wall: WallMs): WallFields {
  const date = new Date(wall);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth(),
    day: date.getUTCDate(),
    dayOfWeek: date.getUTCDay(),
    timeOfDayMs: floorMod(wall, millisecondsInDay),
  };
}

/** Days in a month (0-based) of a Gregorian year. @example daysInMonth(2028, 1) //=> 29 */
export function daysInMonth(year: number, month: number): number {
  return new Date(wallDate(year, month + 1, 0)).getUTCDate();
}

/** Midnight at the start of the wall-clock reading's date. @example startOfWallDay(wallDate(2026, 0, 1, 5)) === wallDate(2026, 0, 1) //=> true */
export function startOfWallDay(wall: WallMs): WallMs {
  return (wall - floorMod(wall, millisecondsInDay)) as WallMs;
}

/** The reading `days` calendar days later (earlier when negative). @example addWallDays(wallDate(2026, 0, 31), 1) === wallDate(2026, 1, 1) //=> true */
export function addWallDays(wall: WallMs, days: number): WallMs {
  return (wall + days * millisecondsInDay) as WallMs;
}

/**
 * The same day of the month and time of day `months` months later, clamped to the last
 * day of a shorter month (Jan 31 + 1 month = Feb 28 or 29).
 *
 * @example
 * addWallMonthsClamped(wallDate(2026, 0, 31), 1) === wallDate(2026, 1, 28) //=> true
 */
export function addWallMonthsClamped(wall: WallMs, months: number): WallMs {
  const { year, month, day, timeOfDayMs } = wallFields(wall);
  const targetYear = year + Math.floor((month + months) / 12);
  const targetMonth = floorMod(month + months, 12);
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return wallDate(targetYear, targetMonth, targetDay, timeOfDayMs);
}

/** Remainder with the sign of the divisor, so days before 1970 split the same way. */
function floorMod(n: number, divisor: number): number {
  return ((n % divisor) + divisor) % divisor;
}
