/**
 * Fixed-length ISO-8601 durations: the lengths of sliding and session windows and of
 * their resolutions.
 */
import {
  millisecondsInDay,
  millisecondsInHour,
  millisecondsInMinute,
  millisecondsInWeek,
} from "date-fns/constants";
import { type FieldPath, type LedgerError, ledgerError } from "../errors";
import { instantMaxMs, instantMinMs } from "../limits";
import { err, ok, type Result } from "../result";
import { quoteValue } from "./quote";

const expected = 'a fixed-length ISO-8601 duration such as "PT5H", "P7D", "P1W" or "P1DT2H30M"';

/** Weeks, days, then after `T` hours, minutes and seconds (a fraction on seconds only). */
const durationPattern =
  /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,3}))?S)?)?$/;

/** Years or months in the date part (before any `T`). */
const calendarUnitsPattern = /^P[^T]*[YM]/;

/**
 * The length in ms of an ISO-8601 duration of fixed length: weeks, days (exactly 24 h),
 * hours, minutes and seconds with up to three fraction digits, alone or combined
 * (`P1DT2H30M`). Refused with code `invalid_duration`: years and months (they have no
 * fixed length), zero, fractions on other units or beyond milliseconds, anything longer
 * than the instant range, and anything that is not such a string.
 *
 * @example
 * parseDuration("PT5H") //=> { ok: true, value: 18000000 }
 * parseDuration("P1M").ok //=> false
 */
export function parseDuration(input: unknown, path: FieldPath = []): Result<number, LedgerError> {
  if (typeof input !== "string") return refuse(input, path, "not a string");
  if (calendarUnitsPattern.test(input)) {
    return refuse(input, path, "years and months have no fixed length (use days, such as P30D)");
  }
  const match = durationPattern.exec(input);
  if (match === null || input === "P") return refuse(input, path, whyNotDuration(input));
  const [, weeks, days, hours, minutes, seconds, fraction = ""] = match;
  const durationMs =
    Number(weeks ?? 0) * millisecondsInWeek +
    Number(days ?? 0) * millisecondsInDay +
    Number(hours ?? 0) * millisecondsInHour +
    Number(minutes ?? 0) * millisecondsInMinute +
    Number(seconds ?? 0) * 1000 +
    Number(fraction.padEnd(3, "0"));
  if (durationMs <= 0) return refuse(input, path, "a window must last longer than zero");
  // Stryker disable next-line ArithmeticOperator: equivalent: instantMinMs is 0
  if (durationMs > instantMaxMs - instantMinMs)
    return refuse(input, path, "longer than years 1970 through 9999");
  return ok(durationMs);
}

/** The most helpful reason a string is not a duration. */
function whyNotDuration(input: string): string {
  if (/[.,]\d*[WDHM]/.test(input)) return "only seconds may carry a fraction (use PT90M, not PT1.5H)";
  if (/[.,]\d{4,}S$/.test(input)) return "more digits than milliseconds";
  return "not in that format";
}

function refuse(input: unknown, path: FieldPath, why: string): Result<never, LedgerError> {
  const received = quoteValue(input);
  return err(
    ledgerError("invalid_duration", `Expected ${expected}; got ${received}: ${why}`, path, { received, why }),
  );
}
