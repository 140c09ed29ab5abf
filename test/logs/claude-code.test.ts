/**
 * Claude Code's session logs: which lines are usage, how their fields map, and what is
 * refused with the field's path.
 */
import { describe, expect, it } from "vitest";
import { claudeCodeReader, createUsageDedupe, tokenPlanChinaCatalog } from "../../src";
import { claudeCodeLine } from "./support";

const read = claudeCodeReader();

describe("claudeCodeReader", () => {
  it("maps an assistant entry's usage to a usage event keyed by message id and request id", () => {
    const result = read(
      claudeCodeLine({
        messageId: "msg_01",
        requestId: "req_01",
        usage: {
          input_tokens: 1200,
          output_tokens: 300,
          cache_read_input_tokens: 40_000,
          cache_creation_input_tokens: 2_000,
          service_tier: "standard",
        },
      }),
    );
    expect(result).toEqual({
      kind: "usage",
      key: "msg_01:req_01",
      event: {
        type: "usage",
        id: "msg_01:req_01",
        at: Date.parse("2026-06-04T09:30:00.000Z"),
        resource: "MiniMax-M2.7",
        measures: { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 40_000, cacheWriteTokens: 2_000 },
      },
    });
  });

  it("maps model names case-insensitively, with or without a provider prefix", () => {
    for (const model of ["minimax-m2.7", "MINIMAX-M2.7", "minimax/MiniMax-M2.7"]) {
      const r = read(claudeCodeLine({ messageId: "m", model }));
      expect(r.kind === "usage" && r.event.resource).toBe("MiniMax-M2.7");
    }
  });

  it("bills a cache write on a model without a cache-write price as input (MiniMax-M3)", () => {
    const r = read(
      claudeCodeLine({
        messageId: "m",
        model: "MiniMax-M3",
        usage: { input_tokens: 100, output_tokens: 10, cache_creation_input_tokens: 900 },
      }),
    );
    expect(r.kind === "usage" && r.event.measures).toEqual({ inputTokens: 1000, outputTokens: 10 });
  });

  it("counts models the catalog does not price as not billed", () => {
    expect(read(claudeCodeLine({ messageId: "m", requestId: "r", model: "claude-sonnet-4-5" }))).toEqual({
      kind: "not-billed",
      model: "claude-sonnet-4-5",
      key: "m:r",
      at: Date.parse("2026-06-04T09:30:00.000Z"),
      tokens: 1500,
    });
  });

  it.each([
    ["", "blank"],
    ["   ", "blank"],
    [JSON.stringify({ type: "user", message: { role: "user", content: "fix it" } }), "not-usage"],
    [JSON.stringify({ type: "summary", summary: "Fix the build", leafUuid: "u" }), "not-usage"],
    [JSON.stringify({ type: "assistant", message: { model: "MiniMax-M2.7", content: [] } }), "no-usage"],
    [claudeCodeLine({ model: "<synthetic>", usage: { input_tokens: 0, output_tokens: 0 } }), "synthetic"],
  ])("skips %s as %s", (line, reason) => {
    expect(read(line)).toEqual({ kind: "skip", reason });
  });

  it.each([
    [
      claudeCodeLine({ usage: { input_tokens: 10, output_tokens: -5 } }),
      ["message", "usage", "output_tokens"],
    ],
    [
      claudeCodeLine({ usage: { input_tokens: 1.5, output_tokens: 5 } }),
      ["message", "usage", "input_tokens"],
    ],
    [
      claudeCodeLine({ usage: { input_tokens: "10", output_tokens: 5 } }),
      ["message", "usage", "input_tokens"],
    ],
    [claudeCodeLine({ timestamp: "yesterday" }), ["timestamp"]],
    [claudeCodeLine({ timestamp: "2026-06-04T09:30:00" }), ["timestamp"]],
    [claudeCodeLine({ model: "" }), ["message", "model"]],
    [claudeCodeLine({ model: 7 }), ["message", "model"]],
    ['{"type":"assistant", oops}', []],
  ])("refuses a malformed usage line with the field's path %#", (line, path) => {
    const r = read(line);
    expect(r.kind === "error" && r.error.path).toEqual(path);
  });

  it("has no key without a message id, and falls back to the entry's uuid for the event id", () => {
    const r = read(claudeCodeLine({ uuid: "entry-7" }));
    expect(r.kind === "usage" && [r.key, r.event.id]).toEqual([null, "entry-7"]);
  });

  it("maps to the catalog it is given", () => {
    const china = claudeCodeReader({ catalog: tokenPlanChinaCatalog });
    expect(china(claudeCodeLine({ messageId: "m" })).kind).toBe("usage");
  });

  it("answers every line with the error when its catalog is not a catalog", () => {
    const broken = claudeCodeReader({ catalog: { id: "fake" } as never });
    const r = broken(claudeCodeLine({ messageId: "m" }));
    expect(r.kind === "error" && r.error.code).toBe("invalid_catalog");
  });
});

describe("one message streamed, resumed and copied into a subagent file is counted once", () => {
  it("keeps the copy with the largest usage, whatever the order of files and lines", () => {
    const partial = claudeCodeLine({
      messageId: "msg_1",
      requestId: "req_1",
      timestamp: "2026-06-04T09:30:00.000Z",
      usage: { input_tokens: 1200, output_tokens: 1 },
    });
    const final = claudeCodeLine({
      messageId: "msg_1",
      requestId: "req_1",
      timestamp: "2026-06-04T09:30:04.000Z",
      usage: { input_tokens: 1200, output_tokens: 812 },
    });
    const other = claudeCodeLine({
      messageId: "msg_2",
      requestId: "req_2",
      timestamp: "2026-06-04T09:31:00.000Z",
    });
    const unbilled = claudeCodeLine({ messageId: "msg_3", model: "claude-opus-4-1" });
    for (const order of [
      [partial, final, other, final, unbilled, unbilled],
      [final, other, partial, unbilled, partial],
    ]) {
      const dedupe = createUsageDedupe();
      for (const line of order) dedupe.add(read(line));
      const { events, notBilled } = dedupe.finish();
      expect(events.map((e) => [e.id, e.measures.outputTokens, e.at])).toEqual([
        ["msg_1:req_1", 812, Date.parse("2026-06-04T09:30:04.000Z")],
        ["msg_2:req_2", 300, Date.parse("2026-06-04T09:31:00.000Z")],
      ]);
      expect(notBilled).toEqual({ "claude-opus-4-1": 1 });
    }
  });
});
