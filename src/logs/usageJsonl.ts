/**
 * The library's own usage log: JSONL, one `usage` event per line, exactly as `applyEvent`
 * takes it. Other event types (a `subscribe` in the same file) are passed over.
 */
import { defaultCatalog } from "../catalog";
import { isRecord, parseJsonLine, refusingReader, usageChecker } from "./check";
import type { LogLineResult, LogReader, LogReaderOptions } from "./types";

/** Event types a usage log may also hold; any other `type` is an error (a typo is not a skip). */
const otherEventTypes: ReadonlySet<string> = new Set([
  "subscribe",
  "cancel",
  "change-tier",
  "purchase-credits",
  "grant-credits",
  "void-usage",
  "pay-arrears",
]);

/**
 * A reader of the library's own JSONL usage log: each line a `usage` event as `applyEvent`
 * takes it (`at` as ISO-8601 or epoch ms). The event is checked by the ledger's own rules
 * against the catalog, so an unknown resource or a negative count is an error naming the
 * field; other event types are skipped as `not-usage`, blank lines as `blank`.
 *
 * @example
 * const read = usageJsonlReader();
 * read('{"type":"usage","id":"r1","at":"2026-06-04T09:30:00Z","resource":"MiniMax-M3","measures":{"outputTokens":900}}').kind; //=> "usage"
 */
export function usageJsonlReader(options: LogReaderOptions = {}): LogReader {
  const checker = usageChecker(options.catalog ?? defaultCatalog);
  if (!checker.ok) return refusingReader(checker.error);
  const { check } = checker.value;
  return (line: string): LogLineResult => {
    if (line.trim() === "") return { kind: "skip", reason: "blank" };
    const parsed = parseJsonLine(line);
    if (!parsed.ok) return { kind: "error", error: parsed.error };
    const value = parsed.value;
    if (
      isRecord(value) &&
      // Stryker disable next-line ConditionalExpression: equivalent: the typeof narrows the type; the set of names holds strings only
      typeof value.type === "string" &&
      otherEventTypes.has(value.type)
    )
      return { kind: "skip", reason: "not-usage" };
    const event = check(value);
    return event.ok
      ? { kind: "usage", event: event.value, key: null }
      : { kind: "error", error: event.error };
  };
}
