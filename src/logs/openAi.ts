/**
 * OpenAI-compatible usage records, as proxies log them: one JSON object per line with
 * `created` (epoch seconds), `model` and `usage` (`prompt_tokens`, `completion_tokens`,
 * `prompt_tokens_details.cached_tokens`). Cached tokens are part of the prompt tokens.
 */
import { defaultCatalog } from "../catalog";
import { type LedgerError, ledgerError } from "../errors";
import { parseInstant } from "../time";
import { briefly } from "../validation";
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

const errorOf = (error: LedgerError): LogLineResult => ({ kind: "error", error });

/**
 * A reader of OpenAI-compatible usage records (chat completions as a proxy logs them).
 * `created` (epoch seconds) → `at`; `model` → the catalog resource (case-insensitive, a
 * `provider/` prefix ignored; unpriced models are `not-billed`); input = `prompt_tokens` −
 * `prompt_tokens_details.cached_tokens`, `cacheReadTokens` = the cached tokens, `outputTokens`
 * = `completion_tokens`. The record's `id` is the key that removes repeats (a proxy may log
 * a response twice). A record without `usage` is skipped as `no-usage`.
 *
 * @example
 * const read = openAiReader();
 * read('{"id":"chatcmpl-1","created":1780565400,"model":"MiniMax-M3","usage":{"prompt_tokens":1500,"completion_tokens":200,"prompt_tokens_details":{"cached_tokens":1000}}}').kind; //=> "usage"
 */
export function openAiReader(options: LogReaderOptions = {}): LogReader {
  const checker = usageChecker(options.catalog ?? defaultCatalog);
  if (!checker.ok) return refusingReader(checker.error);
  const { check, resourceOf, pricedMeasures } = checker.value;
  return (line: string): LogLineResult => {
    if (line.trim() === "") return { kind: "skip", reason: "blank" };
    const parsed = parseJsonLine(line);
    if (!parsed.ok) return errorOf(parsed.error);
    const record = parsed.value;
    if (!isRecord(record)) return { kind: "skip", reason: "not-usage" };
    const usage = field(record, "usage");
    if (!isRecord(usage)) return { kind: "skip", reason: "no-usage" };
    const model = requiredText(field(record, "model"), ["model"], "the model name");
    if (!model.ok) return errorOf(model.error);
    const created = field(record, "created");
    if (
      // Stryker disable next-line ConditionalExpression: equivalent: the typeof narrows the type; Number.isInteger refuses a non-number alike
      typeof created !== "number" ||
      !Number.isInteger(created) ||
      created < 0
    ) {
      return errorOf(
        ledgerError(
          "invalid_instant",
          `Expected created as whole epoch seconds, ${created === undefined ? "but it is missing" : `got ${briefly(created)}`}.`,
          ["created"],
        ),
      );
    }
    const at = parseInstant(created * 1000, ["created"]);
    if (!at.ok) return errorOf(at.error);
    const prompt = tokenCount(usage.prompt_tokens, ["usage", "prompt_tokens"]);
    if (!prompt.ok) return errorOf(prompt.error);
    const completion = tokenCount(usage.completion_tokens, ["usage", "completion_tokens"]);
    if (!completion.ok) return errorOf(completion.error);
    const cachedPath = ["usage", "prompt_tokens_details", "cached_tokens"];
    const cached = tokenCount(field(field(usage, "prompt_tokens_details"), "cached_tokens"), cachedPath);
    if (!cached.ok) return errorOf(cached.error);
    if (cached.value > prompt.value) {
      return errorOf(
        ledgerError(
          "invalid_input",
          `Cached tokens (${cached.value}) are part of the prompt tokens (${prompt.value}), so they cannot be more.`,
          cachedPath,
        ),
      );
    }
    const id = field(record, "id");
    const key = typeof id === "string" && id !== "" ? id : null;
    const tokens = prompt.value + completion.value;
    const resource = resourceOf(model.value);
    if (resource === null) return { kind: "not-billed", model: model.value, key, at: at.value, tokens };
    const measures: Record<string, number> = {};
    if (prompt.value > cached.value) measures.inputTokens = prompt.value - cached.value;
    if (cached.value > 0) measures.cacheReadTokens = cached.value;
    if (completion.value > 0) measures.outputTokens = completion.value;
    const event = check({
      type: "usage",
      id: eventIdOf(key ?? `openai-${at.value}`),
      at: at.value,
      resource,
      measures: fitMeasures(measures, pricedMeasures(resource)),
    });
    return event.ok ? { kind: "usage", event: event.value, key } : errorOf(event.error);
  };
}
