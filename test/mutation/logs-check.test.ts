/**
 * The small checks every log reader shares (`src/logs/check.ts`), at their bounds and with
 * their exact messages: written to kill the mutants Stryker left there.
 */
import { describe, expect, it } from "vitest";
import { idLengthMax, measureMax } from "../../src/limits";
import { eventIdOf, field, isRecord, parseJsonLine, requiredText, tokenCount } from "../../src/logs/check";

describe("parseJsonLine", () => {
  it("reads a JSON value, and refuses other text quoting at most 40 characters of it", () => {
    expect(parseJsonLine('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    const exact = "x".repeat(40);
    expect(parseJsonLine(exact)).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: `Expected a JSON value on the line, got "${exact}".`,
        path: [],
        params: {},
      },
    });
    const long = `${"y".repeat(40)}z`;
    const refused = parseJsonLine(long);
    expect(!refused.ok && refused.error.message).toBe(
      `Expected a JSON value on the line, got "${"y".repeat(40)}…".`,
    );
  });
});

describe("tokenCount", () => {
  it("reads missing and null as 0, whole numbers from 0 to measureMax as themselves", () => {
    expect(tokenCount(undefined, ["usage", "input_tokens"])).toEqual({ ok: true, value: 0 });
    expect(tokenCount(null, ["usage", "input_tokens"])).toEqual({ ok: true, value: 0 });
    expect(tokenCount(0, ["t"])).toEqual({ ok: true, value: 0 });
    expect(tokenCount(measureMax, ["t"])).toEqual({ ok: true, value: measureMax });
  });

  it.each([
    ["a negative count", -1, "got -1"],
    ["a fraction", 1.5, "got 1.5"],
    ["a string", "5", 'got "5"'],
  ])("refuses %s as invalid_input at its path", (_label, value, got) => {
    expect(tokenCount(value, ["usage", "input_tokens"])).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: `Expected a whole number of tokens (0 or more) at usage.input_tokens, ${got}.`,
        path: ["usage", "input_tokens"],
        params: {},
      },
    });
  });

  it("refuses a count above measureMax as limit_exceeded, naming the bound", () => {
    expect(tokenCount(measureMax + 1, ["usage", "output_tokens"])).toEqual({
      ok: false,
      error: {
        code: "limit_exceeded",
        message: `A token count is at most ${measureMax} (at usage.output_tokens).`,
        path: ["usage", "output_tokens"],
        params: { measureMax },
      },
    });
  });
});

describe("requiredText", () => {
  it("returns a non-empty string, and says whether a refused one is missing or what it is", () => {
    expect(requiredText("MiniMax-M3", ["model"], "a model name")).toEqual({ ok: true, value: "MiniMax-M3" });
    expect(requiredText(undefined, ["message", "model"], "a model name")).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected a model name at message.model, but it is missing.",
        path: ["message", "model"],
        params: {},
      },
    });
    const empty = requiredText("", ["model"], "a model name");
    expect(!empty.ok && empty.error.message).toBe('Expected a model name at model, got "".');
    const number = requiredText(5, ["model"], "a model name");
    expect(!number.ok && number.error.message).toBe("Expected a model name at model, got 5.");
  });
});

describe("eventIdOf, field and isRecord", () => {
  it("keeps a key of up to idLengthMax characters and cuts a longer one there", () => {
    const atBound = "k".repeat(idLengthMax);
    expect(eventIdOf(atBound)).toBe(atBound);
    expect(eventIdOf(`${atBound}more`)).toBe(atBound);
  });

  it("reads own fields of plain objects only", () => {
    expect(field({ a: 1 }, "a")).toBe(1);
    expect(field({ a: 1 }, "toString")).toBeUndefined();
    expect(field([1], "0")).toBeUndefined();
    expect(field(null, "a")).toBeUndefined();
    expect(field("text", "length")).toBeUndefined();
    expect([isRecord({}), isRecord([]), isRecord(null), isRecord("x")]).toEqual([true, false, false, false]);
  });
});
