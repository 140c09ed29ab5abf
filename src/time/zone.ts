/**
 * Time zones: IANA names (and "UTC") as the runtime's Intl data knows them, and fixed UTC
 * offsets ("+08:00", "UTC+8", "GMT-5:30"), which the library reads itself: runtimes
 * disagree on whether Intl takes them, and an offset needs no zone data.
 */
import { type FieldPath, type LedgerError, ledgerError } from "../errors";
import { timeZoneNameLengthMax } from "../limits";
import { err, ok, type Result } from "../result";
import { quoteValue } from "./quote";

/** "+08", "+0800", "+08:00" (ISO 8601), or with a UTC/GMT prefix also one-digit hours: "UTC+8", "GMT-5:30". */
const isoOffset = /^([+-])(\d{2})(?::?(\d{2}))?$/;
const prefixedOffset = /^(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** The widest offsets in use: −12:00 (Baker Island) to +14:00 (Line Islands). */
const offsetMaxMinutes = 14 * 60;

/**
 * The offset east of UTC, in minutes, of a fixed-offset zone, or null when `zone` is not
 * one. The sign is the offset's own: "UTC+8" and "+08:00" are 8 hours *ahead* of UTC
 * (IANA's "Etc/GMT-8" is the same offset, with POSIX's reversed sign, and is an IANA name).
 *
 * @example
 * fixedOffsetMinutes("UTC+8") //=> 480
 * fixedOffsetMinutes("-05:30") //=> -330
 * fixedOffsetMinutes("Asia/Shanghai") //=> null
 */
export function fixedOffsetMinutes(zone: string): number | null {
  const first = zone.charCodeAt(0) | 0x20; // lower case; "+" and "-" stay apart from letters
  // Stryker disable next-line ConditionalExpression: equivalent: a shortcut, both patterns refuse a name whose first letter is none of these
  if (first !== 0x2b && first !== 0x2d && first !== 0x75 && first !== 0x67) return null; // + - u g
  const match = isoOffset.exec(zone) ?? prefixedOffset.exec(zone);
  if (match === null) return null;
  // Stryker disable next-line StringLiteral: equivalent: Number("") is 0, the same as Number("00")
  const [, sign, hours, minutes = "00"] = match; // both patterns always capture the hours
  if (Number(minutes) > 59) return null;
  const magnitude = Number(hours) * 60 + Number(minutes);
  if (magnitude > offsetMaxMinutes) return null;
  return sign === "-" && magnitude !== 0 ? -magnitude : magnitude;
}

/** A fixed offset's canonical name, "±HH:MM" ("+00:00" for zero). */
function canonicalOffset(minutes: number): string {
  const magnitude = Math.abs(minutes);
  const hh = String(Math.floor(magnitude / 60)).padStart(2, "0");
  const mm = String(magnitude % 60).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${hh}:${mm}`;
}

/**
 * Whether `zone` is a time zone the library can use: an IANA name the runtime knows
 * ("UTC", "Asia/Shanghai", "Europe/Berlin"; Intl matches names case-insensitively), or a
 * fixed UTC offset from −12:00 to +14:00 ("+08:00", "-05:30", "UTC+8", "GMT+8").
 *
 * @example
 * isValidTimeZone("Asia/Shanghai") //=> true
 * isValidTimeZone("UTC+8") //=> true
 * isValidTimeZone("Mars/Olympus_Mons") //=> false
 */
export function isValidTimeZone(zone: string): boolean {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a bound on Intl's work; Intl refuses such names too, and no zone name has exactly 64 characters
  if (zone.length > timeZoneNameLengthMax) return false;
  if (fixedOffsetMinutes(zone) !== null) return true;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral,MethodExpression: equivalent on Node 20, whose Intl refuses "", "+15:00" and "-99" alike; not every runtime does
  if (zone === "" || zone.startsWith("+") || zone.startsWith("-")) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a time zone, refusing unknown ones with code `invalid_time_zone`. An IANA name is
 * returned as given; a fixed offset in its canonical form "±HH:MM" ("UTC+8" → "+08:00").
 *
 * @example
 * parseTimeZone("Europe/Berlin") //=> { ok: true, value: "Europe/Berlin" }
 * parseTimeZone("UTC+8") //=> { ok: true, value: "+08:00" }
 * parseTimeZone("CET+1", ["timeZone"]).ok //=> false
 */
export function parseTimeZone(input: unknown, path: FieldPath = []): Result<string, LedgerError> {
  if (typeof input === "string" && input.length > timeZoneNameLengthMax) {
    const message = `A time zone name has at most ${timeZoneNameLengthMax} characters; got ${input.length} (${quoteValue(input)})`;
    return err(ledgerError("limit_exceeded", message, path, { timeZoneNameLengthMax, length: input.length }));
  }
  if (typeof input === "string") {
    const offset = fixedOffsetMinutes(input);
    if (offset !== null) return ok(canonicalOffset(offset));
    if (isValidTimeZone(input)) return ok(input);
  }
  const received = quoteValue(input);
  const message = `Expected an IANA time zone such as "UTC", "Asia/Shanghai" or "Europe/Berlin", or a UTC offset such as "+08:00" or "UTC+8"; got ${received}`;
  return err(ledgerError("invalid_time_zone", message, path, { received }));
}
