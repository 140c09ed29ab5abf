/**
 * detectLogFormat, field by field: each telling field alone decides the format, and a line
 * that has none of them (or half of a pair) is no known format. Written to kill the
 * mutants Stryker left in `src/logs/detect.ts` (see bench/README.md "Mutation scores").
 */
import { describe, expect, it } from "vitest";
import { detectLogFormat } from "../../src";

describe("detectLogFormat tells a format by its telling fields only", () => {
  it.each([
    ["a blank line", "   ", null],
    ["an empty line", "", null],
    ["text that is not JSON", "hello", null],
    ["JSON that is not an object", "[1,2]", null],
    ["a JSON string", '"usage"', null],
    ["an object with no telling field", '{"id":"x"}', null],
    ["a usage event", '{"type":"usage","id":"u","at":0,"resource":"music","measures":{}}', "usage"],
    ["a sessionId alone", '{"sessionId":"s-1"}', "claude-code"],
    ["a sessionId that is not a string", '{"sessionId":7}', null],
    ["a Claude Code assistant entry", '{"type":"assistant"}', "claude-code"],
    ["a Claude Code file-history snapshot", '{"type":"file-history-snapshot"}', "claude-code"],
    ["a type Claude Code does not write", '{"type":"tool"}', null],
    ["a type that is not a string", '{"type":5}', null],
    ["an OpenAI chat completion", '{"object":"chat.completion"}', "openai"],
    ["an OpenAI chat completion chunk", '{"object":"chat.completion.chunk"}', "openai"],
    ["an object kind that only ends like one", '{"object":"x.chat.completion"}', null],
    ["an object kind that is not a string", '{"object":1}', null],
    ["created and usage", '{"created":1,"usage":{}}', "openai"],
    ["created without usage", '{"created":1}', null],
    ["usage without created", '{"usage":{}}', null],
  ])("%s", (_label, line, format) => {
    expect(detectLogFormat(line)).toBe(format);
  });
});
