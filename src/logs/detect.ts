/** Which of the known log formats a line is written in, judged from its first record. */
import { field, isRecord, parseJsonLine } from "./check";

/**
 * The JSON log formats the readers know: the library's own usage events, Claude Code
 * session logs and OpenAI-compatible usage records.
 *
 * @example
 * const format: LogFormat = "claude-code";
 */
export type LogFormat = "usage" | "claude-code" | "openai";

const claudeCodeTypes: ReadonlySet<string> = new Set([
  "assistant",
  "user",
  "summary",
  "system",
  "file-history-snapshot",
]);

/**
 * The format a JSON line is written in, or null when it is none of them (not JSON, not an
 * object, or no telling field): a `usage` event with `resource` and `measures`; a Claude
 * Code entry (a `sessionId`, or a `type` such as `assistant` / `user` / `summary`); an
 * OpenAI-compatible record (`created` and `usage`, or `object: "chat.completion"`).
 * Callers judge a file by its first line that gives an answer.
 *
 * @example
 * detectLogFormat('{"type":"summary","summary":"Fix the build","leafUuid":"u1"}'); //=> "claude-code"
 */
export function detectLogFormat(line: string): LogFormat | null {
  if (line.trim() === "") return null;
  const parsed = parseJsonLine(line);
  if (!parsed.ok || !isRecord(parsed.value)) return null;
  const value = parsed.value;
  const type = field(value, "type");
  if (type === "usage") return "usage";
  if (typeof field(value, "sessionId") === "string") return "claude-code";
  if (typeof type === "string" && claudeCodeTypes.has(type)) return "claude-code";
  const object = field(value, "object");
  if (
    (typeof object === "string" && object.startsWith("chat.completion")) ||
    (Object.hasOwn(value, "created") && Object.hasOwn(value, "usage"))
  )
    return "openai";
  return null;
}
