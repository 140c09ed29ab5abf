/**
 * The bridge between instants and a zone's wall clock. Offsets come from @date-fns/tz's
 * `tzOffset` (the runtime's Intl time zone data); the local-to-instant direction is
 * computed here rather than with `new TZDate(y, m, d, h, min, zone)`, because that
 * constructor picks between the two readings of a repeated fall-back hour according to
 * the *host's* time zone (observed with @date-fns/tz 1.5: Europe/Berlin 2026-10-25 02:00
 * gives 01:00Z on a UTC host, 00:00Z on a Berlin host), and the same inputs must give the
 * same outputs everywhere.
 */
import { tzOffset } from "@date-fns/tz";
import { millisecondsInDay, millisecondsInMinute, millisecondsInSecond } from "date-fns/constants";
import { assert } from "../assert";
import type { EpochMs } from "./instant";
import type { WallMs } from "./wallCalendar";
import { fixedOffsetMinutes } from "./zone";

/** IANA names whose offset is zero at every instant (lower case: Intl reads names case-insensitively). */
const utcNames: ReadonlySet<string> = new Set(
  ["utc", "uct", "gmt", "gmt0", "greenwich", "universal", "zulu"].flatMap((name) => [name, `etc/${name}`]),
);

/**
 * The zone's UTC offset at an instant, in ms (east of Greenwich positive).
 *
 * @example
 * zoneOffsetMs("Asia/Shanghai", asEpochMs(0)) //=> 28_800_000
 */
export function zoneOffsetMs(timeZone: string, at: EpochMs): number {
  // UTC and its aliases need no zone data (and Intl costs microseconds a call).
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral,MethodExpression: equivalent: a shortcut, tzOffset gives 0 for these names too
  if (timeZone === "UTC" || utcNames.has(timeZone.toLowerCase())) return 0;
  // A fixed offset ("+08:00") is read here: it needs no zone data, and not every
  // runtime's Intl takes one.
  const fixed = fixedOffsetMinutes(timeZone);
  // Stryker disable next-line ConditionalExpression: equivalent: tzOffset reads "±HH:MM" itself too; the shortcut spares the call
  if (fixed !== null) return fixed * millisecondsInMinute;
  const minutes = tzOffset(timeZone, new Date(at));
  assert(
    Number.isFinite(minutes),
    // Stryker disable next-line ArrowFunction,StringLiteral: invariant message, a bug report only
    () => `time zone ${JSON.stringify(timeZone)} reached the core unvalidated`,
  );
  // @date-fns/tz 1.5 drops the sign of offsets between -01:00 and 00:00 ("-00:44:30"
  // reads as +44.5 min; Africa/Monrovia until 1972): read those straight from Intl.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent: Intl reads the same offset as tzOffset wherever tzOffset is right; this only picks the reader
  if (minutes > 0 && minutes < 60) return offsetFromIntlMs(timeZone, at);
  return Math.round(minutes * millisecondsInMinute);
}

/**
 * The wall-clock reading of an instant in a zone.
 *
 * @example
 * wallClockAt("Asia/Shanghai", asEpochMs(0)) === wallDate(1970, 0, 1, 8 * 3_600_000) //=> true
 */
export function wallClockAt(timeZone: string, at: EpochMs): WallMs {
  return (at + zoneOffsetMs(timeZone, at)) as WallMs;
}

/**
 * The instant a zone's wall clock shows `wall`. The two DST cases (Temporal's
 * "compatible" disambiguation, the same as `java.time` and RFC 5545):
 * - a repeated reading (fall back) is its FIRST occurrence, the one before the clocks
 *   went back;
 * - a skipped reading (spring forward) is read with the offset in force before the gap,
 *   so it lands as far after the jump as it was into the gap (Berlin 02:30 on 2026-03-29
 *   → 03:30 CEST = 01:30Z). This is also what `new TZDate(…)` gives for a skipped time.
 *
 * Assumes the zone changes offset at most once within a day either side of `wall`, as
 * Temporal does.
 *
 * @example
 * formatInstant(instantAtWallClock("Europe/Berlin", wallDate(2026, 9, 25, 2 * 3_600_000))) //=> "2026-10-25T00:00:00.000Z"
 */
export function instantAtWallClock(timeZone: string, wall: WallMs): EpochMs {
  const offsetBeforeMs = zoneOffsetMs(timeZone, (wall - millisecondsInDay) as EpochMs);
  const offsetAfterMs = zoneOffsetMs(timeZone, (wall + millisecondsInDay) as EpochMs);
  const earlier = (wall - Math.max(offsetBeforeMs, offsetAfterMs)) as EpochMs;
  if (wallClockAt(timeZone, earlier) === wall) return earlier;
  const later = (wall - Math.min(offsetBeforeMs, offsetAfterMs)) as EpochMs;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: in a gap (clocks forward) the offset before is the smaller one, so later is the fallback below
  if (later !== earlier && wallClockAt(timeZone, later) === wall) return later;
  return (wall - offsetBeforeMs) as EpochMs;
}

/** Reads the offset from Intl's "GMT-00:44:30" form, seconds included. */
function offsetFromIntlMs(timeZone: string, at: EpochMs): number {
  const formatted = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).format(at);
  // Stryker disable next-line Regex: equivalent: since 1970 the only sub-hour offset is Monrovia's −00:44:30 (to 1972), which has seconds
  const match = /GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?/.exec(formatted);
  // Stryker disable next-line ConditionalExpression,ArrowFunction,StringLiteral: invariant: only a sub-hour offset gets here, which Intl writes "GMT-00:44:30"; without a match the destructuring throws anyway
  assert(match !== null, () => `Intl gave no offset for ${JSON.stringify(timeZone)} in "${formatted}"`);
  // Stryker disable next-line StringLiteral: equivalent: Number("") is 0, and since 1970 the only sub-hour offset is Monrovia's −00:44:30 (to 1972), which has seconds
  const [, sign, hours, minutes, seconds = "0"] = match;
  const magnitudeMs =
    // Stryker disable next-line ArithmeticOperator: equivalent: since 1970 the only sub-hour offset is Monrovia's −00:44:30 (to 1972), so hours are 0
    Number(hours) * 60 * millisecondsInMinute +
    Number(minutes) * millisecondsInMinute +
    Number(seconds) * millisecondsInSecond;
  // Stryker disable next-line ConditionalExpression: equivalent: since 1970 the only sub-hour offset is Monrovia's −00:44:30 (to 1972), so the sign is "-"
  return sign === "-" ? -magnitudeMs : magnitudeMs;
}
