/**
 * Claude Code's session logs (`~/.claude/projects/<project>/<session>.jsonl`, with
 * `subagents/` beside them): usage is in `type: "assistant"` entries carrying
 * `message.usage`. Streaming writes one message several times (earlier copies can carry a
 * partial `output_tokens`), so each line carries its message key for
 * {@link createUsageDedupe}: `message.id` + `requestId`, or `message.id` alone.
 */
import { defaultCatalog } from "../catalog";
import type { LedgerError } from "../errors";
import { parseInstant } from "../time";
import {
  eventIdOf,
  field,
  fitMeasures,
  isRecord,
  parseJsonLine,
  refusingReader,
  requiredText,
  tokenCount,
  usageChecker,
} from "./check";
import type { LogLineResult, LogReader, LogReaderOptions } from "./types";

const usageFields = [
  ["input_tokens", "inputTokens"],
  ["output_tokens", "outputTokens"],
  ["cache_read_input_tokens", "cacheReadTokens"],
  ["cache_creation_input_tokens", "cacheWriteTokens"],
] as const;

const errorOf = (error: LedgerError): LogLineResult => ({ kind: "error", error });

/**
 * A reader of Claude Code session-log lines. An `assistant` entry with `message.usage`
 * becomes a usage event: `timestamp` → `at`, `message.model` → the catalog resource of
 * that name (case-insensitive; a `provider/` prefix is ignored), `input_tokens`,
 * `output_tokens`, `cache_read_input_tokens`, `cache_creation_input_tokens` → `inputTokens`,
 * `outputTokens`, `cacheReadTokens`, `cacheWriteTokens` (a cache kind the resource does not
 * price is billed as input). A model the catalog does not price (`claude-*`) is
 * `not-billed`; `<synthetic>` is skipped, as are user messages, summaries and snapshots.
 * The result's `key` is `message.id:requestId` (or `message.id`).
 *
 * @example
 * const read = claudeCodeReader();
 * const line = '{"type":"assistant","timestamp":"2026-06-04T09:30:00.000Z","requestId":"req_1","message":{"id":"msg_1","model":"MiniMax-M2.7","usage":{"input_tokens":1200,"output_tokens":300}}}';
 * read(line).kind; //=> "usage"
 */
export function claudeCodeReader(options: LogReaderOptions = {}): LogReader {
  const checker = usageChecker(options.catalog ?? defaultCatalog);
  if (!checker.ok) return refusingReader(checker.error);
  const { check, resourceOf, pricedMeasures } = checker.value;
  return (line: string): LogLineResult => {
    if (line.trim() === "") return { kind: "skip", reason: "blank" };
    const parsed = parseJsonLine(line);
    if (!parsed.ok) return errorOf(parsed.error);
    const entry = parsed.value;
    if (!isRecord(entry) || entry.type !== "assistant") return { kind: "skip", reason: "not-usage" };
    const message = field(entry, "message");
    const usage = field(message, "usage");
    if (!isRecord(usage)) return { kind: "skip", reason: "no-usage" };
    const model = requiredText(field(message, "model"), ["message", "model"], "the model name");
    if (!model.ok) return errorOf(model.error);
    if (model.value === "<synthetic>") return { kind: "skip", reason: "synthetic" };
    const timestamp = field(entry, "timestamp");
    const at = parseInstant(timestamp, ["timestamp"]);
    if (!at.ok) return errorOf(at.error);
    const measures: Record<string, number> = {};
    let tokens = 0;
    for (const [from, to] of usageFields) {
      const count = tokenCount(usage[from], ["message", "usage", from]);
      if (!count.ok) return errorOf(count.error);
      if (count.value > 0) measures[to] = count.value;
      tokens += count.value;
    }
    const messageId = field(message, "id");
    const requestId = field(entry, "requestId");
    const key =
      typeof messageId === "string" && messageId !== ""
        ? typeof requestId === "string" && requestId !== ""
          ? `${messageId}:${requestId}`
          : messageId
        : null;
    const resource = resourceOf(model.value);
    if (resource === null) return { kind: "not-billed", model: model.value, key, at: at.value, tokens };
    const uuid = field(entry, "uuid");
    const id = key ?? (typeof uuid === "string" && uuid !== "" ? uuid : `claude-code-${at.value}`);
    const event = check({
      type: "usage",
      id: eventIdOf(id),
      at: at.value,
      resource,
      measures: fitMeasures(measures, pricedMeasures(resource)),
    });
    return event.ok ? { kind: "usage", event: event.value, key } : errorOf(event.error);
  };
}
