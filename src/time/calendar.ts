/**
 * Calendar blocks: clock-aligned intervals in a named zone (the real service cuts each
 * day at 00:00, 05:00, 10:00, 15:00 and 20:00, and its week starts Monday 00:00).
 *
 * DST, as decided here:
 * - a cut at a local time the clocks skip (spring forward) starts its block where
 *   `instantAtWallClock` puts it: as far after the jump as it was into the gap (Berlin
 *   02:30 on 2026-03-29 → 03:30 CEST), which is also what @date-fns/tz's TZDate gives;
 * - a cut at a local time that happens twice (fall back) starts its block at the FIRST
 *   occurrence;
 * - so a block that spans a change is an hour shorter or longer (Berlin 2026-03-29
 *   00:00–05:00 lasts 4 h, 2026-10-25 00:00–05:00 lasts 6 h), and two cuts that land on
 *   the same instant make one boundary: no block has zero or negative length.
 */
import { assert } from "../assert";
import { cutTimeOfDayMs } from "./cuts";
import type { EpochMs } from "./instant";
import {
  addWallDays,
  addWallMonthsClamped,
  startOfWallDay,
  type WallMs,
  wallDate,
  wallFields,
} from "./wallCalendar";
import { instantAtWallClock, wallClockAt } from "./wallClock";

/**
 * A calendar window's blocks: which periods, cut where, in which zone.
 *
 * @example
 * const fiveHourly: CalendarSpec = { every: "day", cuts: ["00:00", "05:00", "10:00", "15:00", "20:00"], timeZone: "Asia/Shanghai" };
 * const weekly: CalendarSpec = { every: "week", weekStartsOn: 1, timeZone: "UTC" };
 */
export interface CalendarSpec {
  readonly every: "day" | "week" | "month";
  /**
   * Local wall-clock times "HH:mm" (strictly ascending, the first may be anything) at
   * which blocks start within each period. For "day": each local day is cut at these
   * times, so with ["00:00","05:00","10:00","15:00","20:00"] the last block, 20:00–24:00,
   * lasts 4 h. For "week" and "month": the cuts apply to the first day of the period only
   * (normally just ["00:00"]). Default ["00:00"]. When the first cut is not 00:00, the
   * block before it started at the previous period's last cut.
   */
  readonly cuts?: readonly string[];
  /** 0 = Sunday … 6 = Saturday; default 1 (Monday). Only for "week". */
  readonly weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /** IANA time zone, such as "UTC", "Asia/Shanghai" or "Europe/Berlin". */
  readonly timeZone: string;
}

/**
 * A block: `start` inclusive, `end` exclusive.
 *
 * @example
 * const block: CalendarBlock = calendarBlockAt({ every: "day", timeZone: "UTC" }, asEpochMs(0));
 */
export interface CalendarBlock {
  readonly start: EpochMs;
  readonly end: EpochMs;
}

/**
 * The block holding `at`: `start <= at < end`. Blocks tile time: the block at `end` starts
 * at `end`. Right across DST changes (see the top of this file for the choices), month
 * and year ends, and cut lists that do not start at 00:00.
 *
 * How: the candidate boundaries are the cuts of the local period holding `at` and of the
 * periods either side (more if a DST shift pushed them all to one side); the block runs
 * from the greatest candidate <= `at` to the least candidate > `at`.
 *
 * @example
 * const spec: CalendarSpec = { every: "day", cuts: ["00:00", "05:00", "10:00", "15:00", "20:00"], timeZone: "Asia/Shanghai" };
 * const { start, end } = calendarBlockAt(spec, asEpochMs(Date.parse("2026-06-04T14:59:59.999+08:00")));
 * [formatInstant(start), formatInstant(end)] //=> ["2026-06-04T02:00:00.000Z", "2026-06-04T07:00:00.000Z"]
 */
export function calendarBlockAt(spec: CalendarSpec, at: EpochMs): CalendarBlock {
  const cutsMs = (spec.cuts ?? ["00:00"]).map(cutTimeOfDayMs);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: invariant: without cuts the final assert below also throws, only with a vaguer message
  assert(cutsMs.length > 0, "a calendar spec with no cuts reached the core");
  // UTC and its aliases never shift: wall clock = instant, no zone data needed.
  const utc = utcZones.has(spec.timeZone);
  const periodOfAt = startOfPeriod(spec, utc ? (at as number as WallMs) : wallClockAt(spec.timeZone, at));
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.POSITIVE_INFINITY;
  const consider = (periodIndex: number): void => {
    const periodStart = shiftPeriod(spec, periodOfAt, periodIndex);
    for (const cutMs of cutsMs) {
      const wall = (periodStart + cutMs) as WallMs;
      const cut = utc ? wall : instantAtWallClock(spec.timeZone, wall);
      // Stryker disable next-line EqualityOperator: equivalent: a candidate equal to the best so far leaves it unchanged
      if (cut <= at && cut > start) start = cut;
      // Stryker disable next-line EqualityOperator: equivalent: a candidate equal to the best so far leaves it unchanged
      if (cut > at && cut < end) end = cut;
    }
  };
  // The period holding `at` first; its neighbours only while a side is still open (the
  // usual block lies inside its own period, so one period of zone look-ups suffices).
  consider(0);
  for (
    // Stryker disable next-line UnaryOperator: equivalent: from +1 it looks at the next period (cuts after at) and period 0 again, then goes back as before
    let periodIndex = -1;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent: the period before always holds a cut <= at, and further periods only hold earlier cuts
    start === Number.NEGATIVE_INFINITY && periodIndex >= -periodsSearchedMax;
    periodIndex--
  ) {
    consider(periodIndex);
  }
  for (
    let periodIndex = 1;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent: the period after always holds a cut > at, and further periods only hold later cuts
    end === Number.POSITIVE_INFINITY && periodIndex <= periodsSearchedMax;
    periodIndex++
  ) {
    consider(periodIndex);
  }
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArrowFunction,StringLiteral: invariant: the search above always finds a block holding at
  assert(start <= at && at < end, () => `no calendar block holds ${at} in ${JSON.stringify(spec)}`);
  return { start: start as EpochMs, end: end as EpochMs };
}

/** Zone names that are UTC under another name: offset 0 at every instant. */
const utcZones: ReadonlySet<string> = new Set([
  "UTC",
  "Etc/UTC",
  "Etc/UCT",
  "UCT",
  "Etc/GMT",
  "GMT",
  "Etc/Universal",
  "Universal",
  "Etc/Zulu",
  "Zulu",
  "Etc/Greenwich",
  "Greenwich",
  "Etc/GMT0",
  "GMT0",
  "Etc/GMT+0",
  "Etc/GMT-0",
]);

/** Periods either side of `at`'s own that the search may visit: a DST shift moves a cut by hours, not days. */
const periodsSearchedMax = 4;

/** Local midnight at the start of the day, week or month holding `wall`. */
function startOfPeriod(spec: CalendarSpec, wall: WallMs): WallMs {
  const day = startOfWallDay(wall);
  switch (spec.every) {
    case "day":
      return day;
    case "week": {
      // Stryker disable next-line ArithmeticOperator: equivalent: "- 7" gives the next week's start, and the neighbour search then finds the same block
      const daysIntoWeek = (wallFields(day).dayOfWeek - (spec.weekStartsOn ?? 1) + 7) % 7;
      return addWallDays(day, -daysIntoWeek);
    }
    case "month": {
      const { year, month } = wallFields(day);
      return wallDate(year, month, 1);
    }
  }
}

/** The start of the period `count` periods after the one starting at `periodStart`. */
function shiftPeriod(spec: CalendarSpec, periodStart: WallMs, count: number): WallMs {
  switch (spec.every) {
    case "day":
      return addWallDays(periodStart, count);
    case "week":
      return addWallDays(periodStart, 7 * count);
    case "month":
      return addWallMonthsClamped(periodStart, count);
  }
}
