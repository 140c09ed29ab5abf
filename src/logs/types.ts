/**
 * What a log reader returns for one line (or one record): a usage event, a usage of a
 * model the catalog does not price, a skip with its reason, or an error naming the field.
 */
import type { Catalog } from "../catalog";
import type { LedgerError } from "../errors";
// A reader's usage event is the ledger's own (`UsageEvent`); readers write `at` as epoch milliseconds.
import type { LedgerEvent, UsageEvent } from "../ledger";

export type { UsageEvent };

/**
 * Why a reader passed over a line: it is blank, it is not a usage (a user message, a
 * summary, a subscribe event), it carries no usage, or its model is Claude Code's
 * `<synthetic>` placeholder.
 *
 * @example
 * const reason: LogSkipReason = "not-usage";
 */
export type LogSkipReason = "blank" | "not-usage" | "no-usage" | "synthetic";

/**
 * One line read: `usage` (an event the catalog prices, with the key that identifies the
 * message across copies, or null when the format has none), `not-billed` (a usage of a
 * model the catalog does not price: counted, never silently dropped), `skip` or `error`
 * (the field's path in the line, e.g. `["message", "usage", "output_tokens"]`).
 *
 * @example
 * const read = claudeCodeReader()(line);
 * if (read.kind === "error") console.log(read.error.path.join(".")); //=> "timestamp"
 */
export type LogLineResult =
  | { readonly kind: "usage"; readonly event: UsageEvent; readonly key: string | null }
  | {
      readonly kind: "not-billed";
      readonly model: string;
      readonly key: string | null;
      readonly at: number;
      /** Tokens of every kind: what picks the largest copy of a streamed message. */
      readonly tokens: number;
    }
  | { readonly kind: "skip"; readonly reason: LogSkipReason }
  | { readonly kind: "error"; readonly error: LedgerError };

/**
 * A reader of one log format: one line (or CSV record) in, one {@link LogLineResult} out.
 * It never throws, whatever the line holds.
 *
 * @example
 * const read: LogReader = usageJsonlReader();
 * read("").kind; //=> "skip"
 */
export type LogReader<Input = string> = (line: Input) => LogLineResult;

/**
 * Options every reader takes.
 *
 * @example
 * const options: LogReaderOptions = { catalog: tokenPlanChinaCatalog };
 */
export interface LogReaderOptions {
  /** The catalog whose resources the log's models map to (default `defaultCatalog`). */
  readonly catalog?: Catalog;
}
