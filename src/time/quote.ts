/**
 * How an error message shows the value it refused: strings in JSON quotes (cut after 60
 * characters, with "…"), numbers as written, anything else by its kind.
 *
 * @example
 * quoteValue("2026-06-04") //=> "\"2026-06-04\""
 * quoteValue(null) //=> "null"
 */
import { quoteText } from "../errors";
import { dateTimeOf } from "./date";

export function quoteValue(input: unknown): string {
  if (typeof input === "string") return quoteText(input);
  if (typeof input === "number") return String(input);
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  const ms = dateTimeOf(input);
  if (ms !== null) {
    return Number.isNaN(ms) ? "an invalid Date" : `a Date (${new Date(ms).toISOString()})`;
  }
  return `a value of type ${typeof input}`;
}
