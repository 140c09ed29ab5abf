/**
 * The readers never throw, whatever a line holds: arbitrary text, arbitrary JSON, and
 * real lines with one field replaced by anything. What they call usage, applyEvent takes;
 * what they refuse carries a known code and the path of a field.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  claudeCodeReader,
  createLedger,
  type LogLineResult,
  ledgerErrorCodes,
  openAiReader,
  usageCsvReader,
  usageJsonlReader,
} from "../../src";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { claudeCodeLine, openAiLine } from "./support";

const csv = usageCsvReader(["id", "at", "resource", "inputTokens", "outputTokens", "cacheReadTokens"]);
if (!csv.ok) throw new Error(csv.error.message);
const csvReader = csv.value;
const readers: Record<string, (line: string) => LogLineResult> = {
  jsonl: usageJsonlReader(),
  claudeCode: claudeCodeReader(),
  openAi: openAiReader(),
  csv: (line) => csvReader({ cells: line.split(","), fallbackId: "file.csv:1" }),
};

const created = createLedger();
if (!created.ok) throw new Error(created.error.message);
const empty = created.state;

/** A JSON value with one field, at a path drawn from the value's own fields, replaced. */
function mutated(line: string): fc.Arbitrary<string> {
  const value = JSON.parse(line) as Record<string, unknown>;
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    paths.push(path);
    if (typeof v === "object" && v !== null && !Array.isArray(v))
      for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
  };
  walk(value, []);
  return fc
    .record({ path: fc.constantFrom(...paths.filter((p) => p.length > 0)), replacement: fc.jsonValue() })
    .map(({ path, replacement }) => {
      const copy = JSON.parse(line) as Record<string, unknown>;
      let target: Record<string, unknown> = copy;
      for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
      target[path[path.length - 1] as string] = replacement;
      return JSON.stringify(copy);
    });
}

const usageLine = JSON.stringify({
  type: "usage",
  id: "r1",
  at: "2026-06-04T09:30:00Z",
  resource: "MiniMax-M2.7",
  measures: { inputTokens: 10, outputTokens: 5 },
});
const lines = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  mutated(
    claudeCodeLine({
      messageId: "m",
      requestId: "r",
      usage: { input_tokens: 5, output_tokens: 7, cache_read_input_tokens: 9 },
    }),
  ),
  mutated(openAiLine({})),
  mutated(usageLine),
  fc
    .array(fc.oneof(fc.string(), fc.nat().map(String), fc.constant("2026-06-04T09:30:00Z")), { maxLength: 7 })
    .map((cells) => cells.join(",")),
);

function checkResult(result: LogLineResult): void {
  switch (result.kind) {
    case "usage": {
      const applied = applyEvent(empty, result.event);
      expect(applied.ok ? "applied" : applied.error).toBe("applied");
      break;
    }
    case "not-billed":
      expect(result.model.length).toBeGreaterThan(0);
      expect(Number.isSafeInteger(result.tokens) && Number.isSafeInteger(result.at)).toBe(true);
      break;
    case "skip":
      expect(["blank", "not-usage", "no-usage", "synthetic"]).toContain(result.reason);
      break;
    case "error":
      expect(ledgerErrorCodes).toContain(result.error.code);
      expect(Array.isArray(result.error.path)).toBe(true);
      expect(result.error.message.length).toBeGreaterThan(0);
      break;
  }
}

describe("the readers never throw on arbitrary lines", () => {
  it(
    "every reader answers every line with a usage applyEvent takes, a skip, or an error naming a field",
    () => {
      fc.assert(
        fc.property(lines, (line) => {
          for (const read of Object.values(readers)) checkResult(read(line));
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
