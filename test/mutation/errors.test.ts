/**
 * The error helpers that Stryker's survivors showed untested (issue 23): where a quoted
 * value is cut, how a thrown value is named, a path prefix, and the messages `parseWith`
 * writes for issues whose schema names none.
 */
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { cutText, fieldPathError, ledgerError, thrownInputError, withPathPrefix } from "../../src/errors";
import { boundedRecord, durationField, idField } from "../../src/fields";
import { catalogEntriesMax, idLengthMax } from "../../src/limits";
import { briefly, parseWith, protoKeyError } from "../../src/validation";

describe("cutText: at most 60 characters, then …", () => {
  it("60 characters stay whole; 61 keep 60 and end with …", () => {
    expect(cutText("x".repeat(60))).toBe("x".repeat(60));
    expect(cutText("x".repeat(61))).toBe(`${"x".repeat(60)}…`);
  });
});

describe("thrownInputError names what a getter or Proxy threw", () => {
  it("an Error by its name and message", () => {
    expect(thrownInputError(new RangeError("too deep"))).toEqual({
      code: "invalid_input",
      message:
        "Reading the input threw RangeError (too deep); pass plain data, without getters or Proxies that throw.",
      path: [],
      params: { thrown: "RangeError" },
    });
  });

  it("anything else by its type and its text", () => {
    expect(thrownInputError("boom")).toEqual({
      code: "invalid_input",
      message:
        "Reading the input threw string (boom); pass plain data, without getters or Proxies that throw.",
      path: [],
      params: { thrown: "string" },
    });
  });

  it("a value whose text cannot be read is 'unreadable', and never throws", () => {
    const hostile = {
      toString() {
        throw new Error("no");
      },
    };
    expect(thrownInputError(hostile).message).toBe(
      "Reading the input threw object (unreadable); pass plain data, without getters or Proxies that throw.",
    );
  });
});

describe("building errors", () => {
  it("ledgerError: the path and params default to empty", () => {
    expect(ledgerError("unknown_tier", 'No tier "mega"')).toEqual({
      code: "unknown_tier",
      message: 'No tier "mega"',
      path: [],
      params: {},
    });
  });

  it("withPathPrefix puts the prefix before the error's own path and keeps the rest", () => {
    const inner = ledgerError("invalid_instant", "Bad instant", ["at"], { received: '"June"' });
    expect(withPathPrefix(inner, ["events", 3])).toEqual({
      code: "invalid_instant",
      message: "Bad instant",
      path: ["events", 3, "at"],
      params: { received: '"June"' },
    });
  });
});

describe("parseWith: messages for issues whose schema names none", () => {
  const refused = (schema: z.ZodMiniType, input: unknown) => {
    const r = parseWith(schema, input, "invalid_input");
    return r.ok ? "ok" : [r.error.message, r.error.path];
  };

  it("a string too short, counted in characters (one or several)", () => {
    expect(refused(z.object({ name: z.string().check(z.minLength(1)) }), { name: "" })).toEqual([
      "Expected at least 1 character, got 0 at name.",
      ["name"],
    ]);
    expect(refused(z.string().check(z.minLength(3)), "ab")).toEqual([
      "Expected at least 3 characters, got 2.",
      [],
    ]);
  });

  it("a schema's own message ends with one full stop, whatever it ended with", () => {
    expect(refused(z.string({ error: "Expected a name. . " }), 5)).toEqual(["Expected a name.", []]);
  });

  it("a value not among the allowed ones: the one, or one of the list", () => {
    expect(refused(z.literal("day"), "week")).toEqual(['Expected "day", got "week".', []]);
    expect(refused(z.enum(["day", "week"]), "month")).toEqual([
      'Expected one of "day", "week", got "month".',
      [],
    ]);
  });

  it("a number out of range, and an array too short", () => {
    expect(refused(z.number().check(z.minimum(1)), 0)).toEqual(["Expected a number at least 1, got 0.", []]);
    expect(refused(z.array(z.number()).check(z.maxLength(1)), [1, 2])).toEqual([
      "Expected at most 1 item, got 2.",
      [],
    ]);
  });

  it("a format the value does not match, with no message of its own", () => {
    expect(refused(z.string().check(z.regex(/^a/)), "b")).toEqual(["Invalid value.", []]);
  });

  it("a value of none of a union's forms", () => {
    expect(refused(z.union([z.string(), z.number()]), true)).toEqual([
      "Expected one of the allowed forms.",
      [],
    ]);
  });

  it("a record key its key schema refuses: the key's own issue, at the key", () => {
    expect(refused(z.record(z.string().check(z.maxLength(2)), z.number()), { long: 1 })).toEqual([
      "Expected at most 2 characters, got 4 at long.",
      ["long"],
    ]);
  });
});

describe("briefly: a value as a message shows it", () => {
  it.each([
    ["nothing", undefined, "nothing"],
    ["null", null, "null"],
    ["a number", 5, "5"],
    ["a boolean", false, "false"],
    ["a string of 40 characters, quoted", "x".repeat(40), JSON.stringify("x".repeat(40))],
    ["a longer string, by its kind", "x".repeat(41), "a long string"],
    ["an array", [1], "an array"],
    ["an object", { a: 1 }, "an object"],
    ["a bigint", 1n, "a bigint"],
  ])("%s", (_name, value, shown) => {
    expect(briefly(value)).toBe(shown);
  });

  it("in a refusal: what came instead, or that it is missing", () => {
    const r = parseWith(z.object({ n: z.string() }), { n: 5 }, "invalid_input");
    expect(!r.ok && r.error.message).toBe("Expected a string, got 5 at n.");
    const missing = parseWith(z.object({ n: z.string() }), {}, "invalid_input");
    expect(!missing.ok && missing.error.message).toBe("Expected a string, but it is missing at n.");
  });
});

describe("a caller's path argument: at most 64 keys, each a string of at most 256 characters or a whole index", () => {
  it.each([
    ["64 keys", Array.from({ length: 64 }, () => "k"), true],
    ["65 keys", Array.from({ length: 65 }, () => "k"), false],
    ["a key of 256 characters", ["x".repeat(256)], true],
    ["a key of 257 characters", ["x".repeat(257)], false],
    ["an index", ["events", 3], true],
    ["a negative index", [-1], false],
    ["a fraction", [1.5], false],
    ["a key that is a list", [["a"]], false],
  ])("%s: accepted %s", (_name, path, accepted) => {
    expect(fieldPathError(path) === null).toBe(accepted);
  });
});

describe("fields", () => {
  it(`an id of ${idLengthMax} characters is read; one more is refused`, () => {
    expect(parseWith(idField, "x".repeat(idLengthMax), "invalid_input").ok).toBe(true);
    expect(parseWith(idField, "x".repeat(idLengthMax + 1), "invalid_input").ok).toBe(false);
  });

  it(`a record of ${catalogEntriesMax} entries is read; one more is limit_exceeded`, () => {
    const record = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
    const schema = boundedRecord(z.string(), z.number());
    expect(parseWith(schema, record(catalogEntriesMax), "invalid_input").ok).toBe(true);
    const over = parseWith(schema, record(catalogEntriesMax + 1), "invalid_input");
    expect(!over.ok && [over.error.code, over.error.message]).toEqual([
      "limit_exceeded",
      `At most ${catalogEntriesMax} entries.`,
    ]);
  });

  it("a field read by a token-plan parser keeps the parser's code, as a custom zod issue", () => {
    const r = parseWith(durationField, "P1M", "invalid_catalog");
    expect(!r.ok && [r.error.code, r.error.params]).toEqual(["invalid_duration", { zodCode: "custom" }]);
  });

  it('a "__proto__" key is refused at its path, named in the message', () => {
    expect(protoKeyError("invalid_catalog", ["tiers", "__proto__"])).toEqual({
      code: "invalid_catalog",
      message: 'A key "__proto__" is not an id (ids start with a letter or a digit) at tiers.__proto__.',
      path: ["tiers", "__proto__"],
      params: {},
    });
  });
});
