/** The library's own usage logs: JSONL events as applyEvent takes them, and CSV. */
import { describe, expect, it } from "vitest";
import { detectLogFormat, usageCsvReader, usageJsonlReader } from "../../src";
import { claudeCodeLine, openAiLine } from "./support";

describe("usageJsonlReader", () => {
  const read = usageJsonlReader();

  it("reads a usage event, ISO or epoch ms, and keeps serviceTier and metadata", () => {
    const r = read(
      JSON.stringify({
        type: "usage",
        id: "r1",
        at: "2026-06-04T09:30:00+08:00",
        resource: "MiniMax-M3",
        measures: { outputTokens: 900 },
        serviceTier: "priority",
        metadata: { project: "app" },
      }),
    );
    expect(r).toEqual({
      kind: "usage",
      key: null,
      event: {
        type: "usage",
        id: "r1",
        at: Date.parse("2026-06-04T01:30:00Z"),
        resource: "MiniMax-M3",
        measures: { outputTokens: 900 },
        serviceTier: "priority",
        metadata: { project: "app" },
      },
    });
  });

  it("skips other events and blank lines; refuses what applyEvent would refuse", () => {
    expect(read(JSON.stringify({ type: "subscribe", id: "s", at: 0, tier: "max" }))).toEqual({
      kind: "skip",
      reason: "not-usage",
    });
    expect(read("")).toEqual({ kind: "skip", reason: "blank" });
    const cases: [string, string, readonly (string | number)[]][] = [
      [
        '{"type":"usage","id":"r","at":"nope","resource":"MiniMax-M3","measures":{}}',
        "invalid_instant",
        ["at"],
      ],
      ['{"type":"usage","id":"r","at":0,"resource":"gpt","measures":{}}', "unknown_resource", ["resource"]],
      [
        '{"type":"usage","id":"r","at":0,"resource":"MiniMax-M3","measures":{"outputTokens":-1}}',
        "invalid_input",
        ["measures", "outputTokens"],
      ],
      [
        '{"type":"usage","id":"r","at":0,"resource":"MiniMax-M3","measures":{"songs":1}}',
        "invalid_input",
        ["measures", "songs"],
      ],
      ['{"type":"usgae","id":"r","at":0}', "invalid_input", ["type"]],
      ["not json", "invalid_input", []],
    ];
    for (const [line, code, path] of cases) {
      const r = read(line);
      expect(r.kind === "error" ? [r.error.code, r.error.path] : r).toEqual([code, path]);
    }
  });
});

describe("usageCsvReader", () => {
  it("maps a record by its header; an empty measure is 0; the fallback id stands in for a missing id", () => {
    const reader = usageCsvReader(["at", "resource", "InputTokens", "outputTokens"]);
    if (!reader.ok) throw new Error(reader.error.message);
    expect(
      reader.value({ cells: ["2026-06-04T09:30:00Z", "MiniMax-M3", "", "900"], fallbackId: "log.csv:2" }),
    ).toEqual({
      kind: "usage",
      key: null,
      event: {
        type: "usage",
        id: "log.csv:2",
        at: Date.parse("2026-06-04T09:30:00Z"),
        resource: "MiniMax-M3",
        measures: { outputTokens: 900 },
      },
    });
  });

  it("reads an id column and epoch-ms instants", () => {
    const reader = usageCsvReader(["id", "at", "resource", "songs"]);
    if (!reader.ok) throw new Error(reader.error.message);
    const r = reader.value({ cells: ["song-1", "1780565400000", "music", "2"], fallbackId: "x" });
    expect(r.kind === "usage" && [r.event.id, r.event.at]).toEqual(["song-1", 1_780_565_400_000]);
  });

  it.each([
    [
      ["at", "resource", "tokens"],
      ["header", 2],
    ],
    [["at", "outputTokens"], ["header"]],
    [
      ["at", "resource", "at"],
      ["header", 2],
    ],
  ])("refuses the header %j", (header, path) => {
    const r = usageCsvReader(header);
    expect(r.ok ? null : r.error.path).toEqual(path);
  });

  it.each([
    [["2026-06-04T09:30:00Z", "MiniMax-M3", "-5"], ["outputTokens"]],
    [["2026-06-04T09:30:00Z", "MiniMax-M3", "1.5"], ["outputTokens"]],
    [["yesterday", "MiniMax-M3", "5"], ["at"]],
    [["2026-06-04T09:30:00Z", "", "5"], ["resource"]],
    [["2026-06-04T09:30:00Z", "MiniMax-M3"], []],
  ])("refuses the record %j with the column's name", (cells, path) => {
    const reader = usageCsvReader(["at", "resource", "outputTokens"]);
    if (!reader.ok) throw new Error(reader.error.message);
    const r = reader.value({ cells, fallbackId: "f" });
    expect(r.kind === "error" && r.error.path).toEqual(path);
  });
});

describe("detectLogFormat", () => {
  it.each([
    ['{"type":"usage","id":"r","at":0,"resource":"MiniMax-M3","measures":{}}', "usage"],
    [claudeCodeLine({}), "claude-code"],
    ['{"type":"summary","summary":"x","leafUuid":"u"}', "claude-code"],
    [openAiLine({}), "openai"],
    ['{"created":1,"usage":{}}', "openai"],
    ['{"hello":1}', null],
    ["", null],
    ["[]", null],
    ["nope", null],
  ])("%s → %s", (line, format) => {
    expect(detectLogFormat(line)).toBe(format);
  });
});
