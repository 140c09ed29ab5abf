/**
 * Calendar arithmetic for the reference model, in plain UTC epoch milliseconds
 * (no date-fns: the model must not share the library's calendar code).
 */

export const hourMs = 3_600_000;
export const dayMs = 86_400_000;
export const weekMs = 7 * dayMs;

/** The quota windows of the default catalog. */
export type WindowId = "5h" | "weekly" | "daily";

/** A calendar block: [start, end). */
export interface Block {
  readonly start: number;
  readonly end: number;
}

/** The hours at which a UTC day is cut into "5-hour" blocks; 24 closes the last (4 h) block. */
const fiveHourCuts = [0, 5, 10, 15, 20, 24];

function startOfUtcDay(t: number): number {
  return Math.floor(t / dayMs) * dayMs;
}

/** The block of `window` that contains instant `t`. */
export function blockOf(window: WindowId, t: number): Block {
  const day = startOfUtcDay(t);
  if (window === "daily") return { start: day, end: day + dayMs };
  if (window === "weekly") {
    // Epoch day 0 (1970-01-01) was a Thursday: 3 days after a Monday.
    const days = Math.floor(t / dayMs);
    const sinceMonday = (((days + 3) % 7) + 7) % 7;
    const start = (days - sinceMonday) * dayMs;
    return { start, end: start + weekMs };
  }
  for (let i = 0; i + 1 < fiveHourCuts.length; i++) {
    const start = day + (fiveHourCuts[i] ?? 0) * hourMs;
    const end = day + (fiveHourCuts[i + 1] ?? 24) * hourMs;
    if (t >= start && t < end) return { start, end };
  }
  throw new Error(`model: no 5-hour block for ${t}`);
}

/** True when `t` falls in block `b`. */
export function inBlock(b: Block, t: number): boolean {
  return t >= b.start && t < b.end;
}

function daysInUtcMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * `anchor` plus `months` calendar months in UTC, the day clamped to the target month's
 * last day (Jan 31 + 1 → Feb 28/29), the time of day kept.
 */
export function addMonthsClamped(anchor: number, months: number): number {
  const d = new Date(anchor);
  const monthIndex = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month0 = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(d.getUTCDate(), daysInUtcMonth(year, month0));
  return Date.UTC(
    year,
    month0,
    day,
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** The first instant of the next UTC month after `t`. */
export function nextMonthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** ISO-8601 with milliseconds and Z, as the library prints instants. */
export function iso(t: number): string {
  return new Date(t).toISOString();
}
