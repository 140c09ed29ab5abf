/**
 * Calendar-month arithmetic for renewals: a subscription started on the 31st renews on
 * the last day of shorter months, and every renewal is counted from the anchor.
 */
import { assert } from "../assert";
import type { EpochMs } from "./instant";
import { addWallMonthsClamped } from "./wallCalendar";
import { instantAtWallClock, wallClockAt } from "./wallClock";

/**
 * `anchor` plus `months` calendar months in `timeZone`, at the same local wall-clock time,
 * clamped at month end: Jan 31 + 1 month = Feb 28 (Feb 29 in a leap year), + 2 months =
 * Mar 31. Always count from the anchor (renewal n = anchor + n months), never chain
 * results, or Jan 31 → Feb 28 → Mar 28 would drift. A local time the target day skips or
 * repeats is resolved as in `calendarBlockAt` (shifted forward / first occurrence).
 *
 * @example
 * const anchor = asEpochMs(Date.parse("2026-01-31T09:00:00Z"));
 * formatInstant(addMonthsClamped(anchor, 1, "UTC")) //=> "2026-02-28T09:00:00.000Z"
 * formatInstant(addMonthsClamped(anchor, 2, "UTC")) //=> "2026-03-31T09:00:00.000Z"
 */
export function addMonthsClamped(anchor: EpochMs, months: number, timeZone: string): EpochMs {
  // Stryker disable next-line ArrowFunction,StringLiteral: invariant message, a bug report only
  assert(Number.isInteger(months), () => `addMonthsClamped needs whole months, got ${months}`);
  return instantAtWallClock(timeZone, addWallMonthsClamped(wallClockAt(timeZone, anchor), months));
}
