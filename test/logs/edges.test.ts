/** The readers' edges: every field missing or out of range, odd models, odd catalogs. */
import { describe, expect, it } from "vitest";
import {
  claudeCodeReader,
  createUsageDedupe,
  openAiReader,
  type UsageEvent,
  usageCsvReader,
  usageJsonlReader,
} from "../../src";
import { claudeCodeLine, openAiLine } from "./support";

const notACatalog = { catalog: { id: "fake" } as never };

describe("a reader given something that is not a catalog answers every line with the error", () => {
  it.each([
    ["usageJsonlReader", usageJsonlReader(notACatalog)],
    ["openAiReader", openAiReader(notACatalog)],
  ])("%s", (_, read) => {
    const r = read("{}");
    expect(r.kind === "error" && r.error.code).toBe("invalid_catalog");
  });
  it("usageCsvReader", () => {
    const reader = usageCsvReader(["at", "resource"], notACatalog);
    const r = reader.ok ? reader.value({ cells: ["x", "y"], fallbackId: "f" }) : null;
    expect(r?.kind === "error" && r.error.code).toBe("invalid_catalog");
  });
});

describe("Claude Code lines at their edges", () => {
  const read = claudeCodeReader();
  const raw = (fields: Record<string, unknown>) =>
    JSON.stringify({ type: "assistant", timestamp: "2026-06-04T09:30:00.000Z", ...fields });

  it("says a missing model is missing", () => {
    const r = read(raw({ message: { id: "m", usage: { input_tokens: 1, output_tokens: 1 } } }));
    expect(r.kind === "error" && r.error.message).toContain("but it is missing");
  });

  it("refuses a token count above the ledger's bound", () => {
    const r = read(claudeCodeLine({ messageId: "m", usage: { input_tokens: 2e12, output_tokens: 1 } }));
    expect(r.kind === "error" && [r.error.code, r.error.path]).toEqual([
      "limit_exceeded",
      ["message", "usage", "input_tokens"],
    ]);
  });

  it("cuts a key too long for an event id to 128 characters (the key itself is kept whole)", () => {
    const r = read(claudeCodeLine({ messageId: "m".repeat(200), requestId: "r" }));
    expect(r.kind === "usage" && [r.event.id.length, r.key?.length]).toEqual([128, 202]);
  });

  it("without a message id or a uuid, names the event by its instant", () => {
    const r = read(raw({ message: { model: "MiniMax-M2.7", usage: { input_tokens: 1, output_tokens: 2 } } }));
    expect(r.kind === "usage" && [r.key, r.event.id]).toEqual([
      null,
      `claude-code-${Date.parse("2026-06-04T09:30:00.000Z")}`,
    ]);
  });

  it("a model the catalog prices by something other than tokens is refused by the ledger's check", () => {
    const r = read(claudeCodeLine({ messageId: "m", model: "music" }));
    expect(r.kind === "error" && r.error.path).toEqual(["measures", "inputTokens"]);
  });

  it("a provider prefix on an unknown model is still not billed", () => {
    expect(read(claudeCodeLine({ messageId: "m", model: "openrouter/some-model" })).kind).toBe("not-billed");
  });

  it("M3 with output only stays output only", () => {
    const r = read(
      claudeCodeLine({ messageId: "m", model: "MiniMax-M3", usage: { input_tokens: 0, output_tokens: 7 } }),
    );
    expect(r.kind === "usage" && r.event.measures).toEqual({ outputTokens: 7 });
  });
});

describe("OpenAI-compatible records at their edges", () => {
  const read = openAiReader();

  it.each([
    [JSON.stringify({ model: "MiniMax-M3", usage: { prompt_tokens: 1 } }), ["created"], "but it is missing"],
    [openAiLine({ cached: -1 }), ["usage", "prompt_tokens_details", "cached_tokens"], "0 or more"],
    [openAiLine({ model: "music" }), ["measures", "inputTokens"], ""],
  ])("refuses %s at %j", (line, path, text) => {
    const r = read(line);
    expect(r.kind === "error" && r.error.path).toEqual(path);
    expect(r.kind === "error" && r.error.message).toContain(text);
  });

  it("a prompt that was all cache reads has no input", () => {
    const r = read(openAiLine({ prompt: 1000, cached: 1000, completion: 0 }));
    expect(r.kind === "usage" && r.event.measures).toEqual({ cacheReadTokens: 1000 });
  });

  it("an unpriced record without an id is counted once per line", () => {
    const dedupe = createUsageDedupe();
    const line = JSON.stringify({ created: 1_780_565_400, model: "gpt-4o", usage: { prompt_tokens: 5 } });
    dedupe.add(read(line));
    dedupe.add(read(line));
    expect(dedupe.finish().notBilled).toEqual({ "gpt-4o": 2 });
  });
});

describe("CSV records at their edges", () => {
  it("reads a serviceTier column; an empty id cell takes the fallback id; no cells is blank", () => {
    const reader = usageCsvReader(["id", "at", "resource", "outputTokens", "serviceTier"]);
    if (!reader.ok) throw new Error(reader.error.message);
    const r = reader.value({
      cells: ["", "2026-06-04T09:30:00Z", "MiniMax-M3", "10", "priority"],
      fallbackId: "f.csv:3",
    });
    expect(r.kind === "usage" && [r.event.id, r.event.serviceTier]).toEqual(["f.csv:3", "priority"]);
    const standard = reader.value({
      cells: ["x", "2026-06-04T09:30:00Z", "MiniMax-M3", "10", ""],
      fallbackId: "f",
    });
    expect(standard.kind === "usage" && standard.event.serviceTier).toBe(undefined);
    expect(reader.value({ cells: [], fallbackId: "f" })).toEqual({ kind: "skip", reason: "blank" });
  });
});

describe("the dedupe's order", () => {
  it("puts usages in time order, ties by id, whatever order they came in", () => {
    const usage = (id: string, at: number): UsageEvent => ({
      type: "usage",
      id,
      at,
      resource: "MiniMax-M3",
      measures: {},
    });
    const dedupe = createUsageDedupe();
    for (const event of [usage("b", 2), usage("c", 1), usage("a", 2)])
      dedupe.add({ kind: "usage", event, key: null });
    dedupe.add({ kind: "skip", reason: "blank" });
    expect(dedupe.finish().events.map((e) => e.id)).toEqual(["c", "a", "b"]);
  });
});
