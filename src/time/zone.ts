/**
 * Time zones: IANA names (and "UTC") as the runtime's Intl data knows them.
 */
import { type FieldPath, type LedgerError, ledgerError } from "../errors";
import { timeZoneNameLengthMax } from "../limits";
import { err, ok, type Result } from "../result";
import { quoteValue } from "./quote";

/**
 * Whether the runtime knows `zone` as an IANA time zone name ("UTC", "Asia/Shanghai",
 * "Europe/Berlin"; Intl matches names case-insensitively). Fixed offsets such as "+08:00"
 * are refused: some runtimes accept them and some do not, and an offset is not a zone
 * (it has no DST rules).
 *
 * @example
 * isValidTimeZone("Asia/Shanghai") //=> true
 * isValidTimeZone("Mars/Olympus_Mons") //=> false
 */
export function isValidTimeZone(zone: string): boolean {
  if (zone === "" || zone.length > timeZoneNameLengthMax || zone.startsWith("+") || zone.startsWith("-"))
    return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a time zone name, refusing unknown ones with code `invalid_time_zone`. The name
 * is returned as given.
 *
 * @example
 * parseTimeZone("Europe/Berlin") //=> { ok: true, value: "Europe/Berlin" }
 * parseTimeZone("CET+1", ["timeZone"]).ok //=> false
 */
export function parseTimeZone(input: unknown, path: FieldPath = []): Result<string, LedgerError> {
  if (typeof input === "string" && input.length > timeZoneNameLengthMax) {
    const message = `A time zone name has at most ${timeZoneNameLengthMax} characters; got ${input.length} (${quoteValue(input)})`;
    return err(ledgerError("limit_exceeded", message, path, { timeZoneNameLengthMax, length: input.length }));
  }
  if (typeof input === "string" && isValidTimeZone(input)) return ok(input);
  const received = quoteValue(input);
  const message = `Expected an IANA time zone such as "UTC", "Asia/Shanghai" or "Europe/Berlin"; got ${received}`;
  return err(ledgerError("invalid_time_zone", message, path, { received }));
}
