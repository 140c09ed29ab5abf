/**
 * Cut lists: the local wall-clock times ("HH:mm") at which calendar blocks start.
 */
import { millisecondsInMinute } from "date-fns/constants";
import { assert } from "../assert";
import { type FieldPath, type LedgerError, ledgerError } from "../errors";
import { cutsCountMax } from "../limits";
import { err, ok, type Result } from "../result";
import { quoteValue } from "./quote";

const cutPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Validates a cut list: 1 to {@link cutsCountMax} local times "HH:mm" from "00:00" to
 * "23:59", strictly ascending. Refused with code `invalid_input`, the path pointing at
 * the offending entry.
 *
 * @example
 * parseCuts(["00:00", "05:00", "10:00", "15:00", "20:00"]).ok //=> true
 * parseCuts(["10:00", "05:00"], ["cuts"]) //=> { ok: false, error: { code: "invalid_input", path: ["cuts", 1], … } }
 */
export function parseCuts(input: unknown, path: FieldPath = []): Result<readonly string[], LedgerError> {
  if (!Array.isArray(input) || input.length === 0 || input.length > cutsCountMax) {
    const message = `Expected a list of 1 to ${cutsCountMax} local times "HH:mm", such as ["00:00", "05:00"]; got ${describeList(input)}`;
    return err(ledgerError("invalid_input", message, path, { received: describeList(input) }));
  }
  for (const [index, cut] of input.entries()) {
    const entryPath = [...path, index];
    if (typeof cut !== "string" || !cutPattern.test(cut)) {
      const message = `Expected a local time "HH:mm" from "00:00" to "23:59"; got ${quoteValue(cut)}`;
      return err(ledgerError("invalid_input", message, entryPath, { received: quoteValue(cut) }));
    }
    const previous: unknown = input[index - 1];
    // Stryker disable next-line ConditionalExpression: equivalent: only the first entry has no previous, and undefined >= a string is false
    if (typeof previous === "string" && previous >= cut) {
      const message = `Expected cut times in strictly ascending order; got ${quoteValue(cut)} after ${quoteValue(previous)}`;
      return err(ledgerError("invalid_input", message, entryPath, { received: quoteValue(cut) }));
    }
  }
  return ok([...(input as readonly string[])]);
}

/**
 * The time of day a validated cut names, in ms after local midnight.
 *
 * @example
 * cutTimeOfDayMs("05:30") //=> 19_800_000
 */
export function cutTimeOfDayMs(cut: string): number {
  const match = cutPattern.exec(cut);
  // Stryker disable next-line ConditionalExpression,ArrowFunction,StringLiteral: invariant: validated cuts always match; without the assert match[1] throws anyway
  assert(match !== null, () => `cut ${JSON.stringify(cut)} reached the core unvalidated`);
  return (Number(match[1]) * 60 + Number(match[2])) * millisecondsInMinute;
}

function describeList(input: unknown): string {
  return Array.isArray(input) ? `a list of ${input.length}` : quoteValue(input);
}
