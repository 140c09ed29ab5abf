/**
 * The library's own usage log as CSV: a header naming `at`, `resource` and measure names
 * (`inputTokens`, `outputTokens`, …), optionally `id` and `serviceTier`, then one usage
 * per record. Splitting the text into records (quotes, newlines inside quotes) is the
 * caller's job (the CLI uses csv-parse); this module maps a header and a record.
 */
import { defaultCatalog, type MeasureName, measureNames } from "../catalog";
import { type LedgerError, ledgerError } from "../errors";
import { err, ok, type Result } from "../result";
import { refusingReader, usageChecker } from "./check";
import type { LogLineResult, LogReaderOptions } from "./types";

/**
 * A CSV record with the id to use when the file has no `id` column (e.g. "file.csv:12").
 *
 * @example
 * const record: CsvRecord = { cells: ["2026-06-04T09:30:00Z", "MiniMax-M3", "900"], fallbackId: "log.csv:2" };
 */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly fallbackId: string;
}

/**
 * Reads one CSV record of a usage log (see {@link usageCsvReader}).
 *
 * @example
 * const read: CsvUsageReader = ok.value;
 * read({ cells: ["2026-06-04T09:30:00Z", "MiniMax-M3", "900"], fallbackId: "log.csv:2" }).kind; //=> "usage"
 */
export type CsvUsageReader = (record: CsvRecord) => LogLineResult;

type Column =
  | { readonly kind: "measure"; readonly name: MeasureName }
  | { readonly kind: "id" | "at" | "resource" | "serviceTier" };

const byLowerCase = new Map<string, Column>([
  ["id", { kind: "id" }],
  ["at", { kind: "at" }],
  ["resource", { kind: "resource" }],
  ["servicetier", { kind: "serviceTier" }],
  ...measureNames.map((name) => [name.toLowerCase(), { kind: "measure", name }] as [string, Column]),
]);

const digits = /^\d+$/;

/**
 * A reader of the library's own CSV usage log, for one header. The header names `at`,
 * `resource` and measure names (case-insensitive), optionally `id` and `serviceTier`;
 * an unknown column is refused (a misspelt measure would otherwise count as zero). Each
 * record then maps to a usage event checked by the ledger's rules: `at` is ISO-8601 or
 * epoch ms, an empty measure cell is 0. Without an `id` column the record's `fallbackId`
 * is the event id.
 *
 * @example
 * const ok = usageCsvReader(["at", "resource", "outputTokens"]);
 * ok.ok && ok.value({ cells: ["2026-06-04T09:30:00Z", "MiniMax-M3", "900"], fallbackId: "log.csv:2" }).kind; //=> "usage"
 */
export function usageCsvReader(
  header: readonly string[],
  options: LogReaderOptions = {},
): Result<CsvUsageReader, LedgerError> {
  const columns: Column[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of header.entries()) {
    const name = raw.trim();
    const column = byLowerCase.get(name.toLowerCase());
    if (column === undefined) {
      return err(
        ledgerError(
          "invalid_input",
          `Unknown CSV column "${name}"; expected at, resource, id, serviceTier or a measure (${measureNames.join(", ")}).`,
          ["header", index],
          { column: name },
        ),
      );
    }
    const key = column.kind === "measure" ? column.name : column.kind;
    if (seen.has(key))
      return err(ledgerError("invalid_input", `The CSV column "${name}" appears twice.`, ["header", index]));
    seen.add(key);
    columns.push(column);
  }
  for (const required of ["at", "resource"] as const) {
    if (!seen.has(required))
      return err(ledgerError("invalid_input", `A usage CSV needs a column "${required}".`, ["header"]));
  }
  const checker = usageChecker(options.catalog ?? defaultCatalog);
  if (!checker.ok) return ok(refusingReader(checker.error));
  const { check } = checker.value;
  return ok((record: CsvRecord): LogLineResult => {
    const { cells } = record;
    if (cells.length === 0 || (cells.length === 1 && (cells[0] ?? "").trim() === ""))
      return { kind: "skip", reason: "blank" };
    if (cells.length !== columns.length) {
      return {
        kind: "error",
        error: ledgerError(
          "invalid_input",
          `Expected ${columns.length} cells as the header has, got ${cells.length}.`,
          [],
        ),
      };
    }
    const event: Record<string, unknown> = { type: "usage", id: record.fallbackId };
    const measures: Record<string, unknown> = {};
    for (const [index, column] of columns.entries()) {
      const cell = (cells[index] ?? "").trim();
      switch (column.kind) {
        case "measure":
          if (cell === "") break;
          measures[column.name] = digits.test(cell) ? Number(cell) : cell;
          break;
        case "at":
          event.at = digits.test(cell) ? Number(cell) : cell;
          break;
        case "serviceTier":
          if (cell !== "") event.serviceTier = cell;
          break;
        case "id":
          if (cell !== "") event.id = cell;
          break;
        default:
          event[column.kind] = cell;
      }
    }
    event.measures = measures;
    const checked = check(event);
    if (checked.ok) return { kind: "usage", event: checked.value, key: null };
    // A measure's path (always `measures` and the measure's name) names its column, as the file does.
    const { path } = checked.error;
    return {
      kind: "error",
      error: path[0] === "measures" ? { ...checked.error, path: path.slice(1) } : checked.error,
    };
  });
}
