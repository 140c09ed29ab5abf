/**
 * The calendar blocks of the default catalog's windows, computed here by hand (UTC, no
 * library code), so properties can check the library's windows against them.
 */
import { dayMs, hourMs } from "./arbitraries";

/**
 * The block [start, end) holding `t`: "5h" cuts the UTC day at 00/05/10/15/20 (the last
 * block is 4 h), "weekly" starts Monday 00:00 UTC, "daily" is the UTC day.
 *
 * @example blockOf("5h", Date.parse("2026-06-04T14:10:00Z")) //=> [10:00, 15:00) that day
 */
export function blockOf(window: string, t: number): readonly [number, number] {
  const dayStart = Math.floor(t / dayMs) * dayMs;
  switch (window) {
    case "5h": {
      const start = dayStart + Math.floor((t - dayStart) / (5 * hourMs)) * 5 * hourMs;
      return [start, Math.min(start + 5 * hourMs, dayStart + dayMs)];
    }
    case "weekly": {
      const start = dayStart - ((new Date(dayStart).getUTCDay() + 6) % 7) * dayMs;
      return [start, start + 7 * dayMs];
    }
    case "daily":
      return [dayStart, dayStart + dayMs];
    default:
      throw new Error(`no block rule for window ${window}`);
  }
}
