/** OpenAI-compatible usage records: cached tokens are part of the prompt tokens. */
import { describe, expect, it } from "vitest";
import { openAiReader } from "../../src";
import { openAiLine } from "./support";

const read = openAiReader();

describe("openAiReader", () => {
  it("takes input as prompt − cached, the cached tokens as cache reads, created in epoch seconds", () => {
    expect(read(openAiLine({ prompt: 1500, cached: 1000, completion: 200 }))).toEqual({
      kind: "usage",
      key: "chatcmpl-1",
      event: {
        type: "usage",
        id: "chatcmpl-1",
        at: 1_780_565_400_000,
        resource: "MiniMax-M3",
        measures: { inputTokens: 500, cacheReadTokens: 1000, outputTokens: 200 },
      },
    });
  });

  it("reads a record without prompt details as all input", () => {
    const line = JSON.stringify({
      created: 1_780_565_400,
      model: "MiniMax-M3",
      usage: { prompt_tokens: 10, completion_tokens: 2 },
    });
    const r = read(line);
    expect(r.kind === "usage" && [r.key, r.event.measures]).toEqual([
      null,
      { inputTokens: 10, outputTokens: 2 },
    ]);
  });

  it("counts an unpriced model as not billed", () => {
    expect(read(openAiLine({ model: "gpt-4o" })).kind).toBe("not-billed");
  });

  it.each([
    [openAiLine({ cached: 2000, prompt: 1500 }), ["usage", "prompt_tokens_details", "cached_tokens"]],
    [openAiLine({ completion: -1 }), ["usage", "completion_tokens"]],
    [openAiLine({ prompt: "many" }), ["usage", "prompt_tokens"]],
    [openAiLine({ created: "2026-06-04" }), ["created"]],
    [openAiLine({ created: 1.5 }), ["created"]],
    [openAiLine({ created: 1e15 }), ["created"]],
    [openAiLine({ model: null }), ["model"]],
  ])("refuses a malformed record with the field's path %#", (line, path) => {
    const r = read(line);
    expect(r.kind === "error" && r.error.path).toEqual(path);
  });

  it.each([
    ["", "blank"],
    ["[1,2]", "not-usage"],
    [JSON.stringify({ id: "x", created: 1 }), "no-usage"],
  ])("skips %s as %s", (line, reason) => {
    expect(read(line)).toEqual({ kind: "skip", reason });
  });
});
