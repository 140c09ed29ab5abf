/**
 * createUsageDedupe at its ties: which of two copies of a message with as many tokens is
 * kept, the order of events that share an instant (or an instant and an id), and the order
 * of the unbilled models. Written to kill the mutants Stryker left in `src/logs/dedupe.ts`
 * (see bench/README.md "Mutation scores"); each test names the mutants it kills.
 */
import { describe, expect, it } from "vitest";
import { claudeCodeReader, createUsageDedupe, type LogLineResult, usageJsonlReader } from "../../src";
import { claudeCodeLine } from "../logs/support";

const read = claudeCodeReader();
const readJsonl = usageJsonlReader();

/** A copy of message msg_1 at `timestamp` with these input and output counts. */
const copy = (timestamp: string, input: number, output: number): LogLineResult =>
  read(
    claudeCodeLine({
      messageId: "msg_1",
      requestId: "req_1",
      timestamp,
      usage: { input_tokens: input, output_tokens: output },
    }),
  );

/** A keyless usage (the library's own JSONL) with this id, instant and output count. */
const keyless = (id: string, atIso: string, output: number): LogLineResult =>
  readJsonl(
    JSON.stringify({
      type: "usage",
      id,
      at: Date.parse(atIso),
      resource: "MiniMax-M3",
      measures: { outputTokens: output },
    }),
  );

const kept = (results: readonly LogLineResult[]) => {
  const dedupe = createUsageDedupe();
  for (const r of results) dedupe.add(r);
  return dedupe.finish();
};

describe("of two copies with as many tokens, the earlier is kept", () => {
  // 100 + 20 = 120 tokens in each copy; only the instant (or the order added) tells them apart.
  const early = copy("2026-06-04T09:30:00.000Z", 100, 20);
  const late = copy("2026-06-04T09:30:05.000Z", 90, 30);
  const sameInstant = copy("2026-06-04T09:30:00.000Z", 60, 60);

  // Kills: `candidate.tokens > kept.tokens` → `>=`; `candidate.at < kept.at` → true and → `>=`.
  it("a later copy added second does not replace the earlier one", () => {
    const d = kept([early, late]);
    expect(d.events.map((e) => [e.at, e.measures])).toEqual([
      [Date.parse("2026-06-04T09:30:00.000Z"), { inputTokens: 100, outputTokens: 20 }],
    ]);
    expect(d.duplicates).toBe(1);
  });

  // Kills: `candidate.tokens === kept.tokens` → false (the earlier copy must replace the later).
  it("an earlier copy added second replaces the later one", () => {
    const d = kept([late, early]);
    expect(d.events.map((e) => e.measures)).toEqual([{ inputTokens: 100, outputTokens: 20 }]);
    expect(d.duplicates).toBe(1);
  });

  // Kills: `candidate.at < kept.at` → `<=` (at the same instant the first copy added stays).
  it("at the same instant, the copy added first stays", () => {
    expect(kept([early, sameInstant]).events.map((e) => e.measures)).toEqual([
      { inputTokens: 100, outputTokens: 20 },
    ]);
    expect(kept([sameInstant, early]).events.map((e) => e.measures)).toEqual([
      { inputTokens: 60, outputTokens: 60 },
    ]);
  });
});

describe("events come out in time order, ties by id, in the order added past that", () => {
  // Kills: `byTimeThenId(…) > 0` → `<= 0` in inTimeOrder (two events out of order must be sorted).
  it("sorts two usages given out of order", () => {
    const d = kept([keyless("b", "2026-06-04T10:00:00Z", 1), keyless("a", "2026-06-04T09:00:00Z", 2)]);
    expect(d.events.map((e) => e.id)).toEqual(["a", "b"]);
  });

  // Kills: `a.id < b.id ? -1 : …` → true; `a.id > b.id ? 1 : 0` → false and → `<=`.
  it("orders usages at one instant by id", () => {
    const d = kept([keyless("u-2", "2026-06-04T09:00:00Z", 1), keyless("u-1", "2026-06-04T09:00:00Z", 2)]);
    expect(d.events.map((e) => e.id)).toEqual(["u-1", "u-2"]);
  });

  // Kills: `a.id < b.id` → `<=` (two usages with one instant and one id would swap in the sort).
  it("keeps usages with the same instant and id in the order they were added", () => {
    const d = kept([
      keyless("x", "2026-06-04T10:00:00Z", 1),
      keyless("early", "2026-06-04T09:00:00Z", 5),
      keyless("x", "2026-06-04T10:00:00Z", 2),
      keyless("x", "2026-06-04T10:00:00Z", 3),
    ]);
    expect(d.events.map((e) => [e.id, e.measures.outputTokens])).toEqual([
      ["early", 5],
      ["x", 1],
      ["x", 2],
      ["x", 3],
    ]);
  });
});

// Kills: `[...notBilled.keys()].sort()` → no sort.
it("lists the unbilled models by name, whatever order they came in", () => {
  const d = kept([
    read(claudeCodeLine({ messageId: "m1", model: "claude-sonnet-4-5" })),
    read(claudeCodeLine({ messageId: "m2", model: "claude-haiku-4-5" })),
    read(claudeCodeLine({ messageId: "m3", model: "claude-sonnet-4-5" })),
  ]);
  expect(Object.entries(d.notBilled)).toEqual([
    ["claude-haiku-4-5", 1],
    ["claude-sonnet-4-5", 2],
  ]);
});
