/**
 * The four log readers at the edges their own tests left open: exact refusals (code,
 * message, path, params), empty ids and keys, blank records, trimmed cells and headers, and
 * the catalog a reader is given. Written to kill the mutants Stryker left in
 * `src/logs/claudeCode.ts`, `openAi.ts`, `usageCsv.ts` and `usageJsonl.ts` (see
 * bench/README.md "Mutation scores"); each test names the mutants it kills.
 */
import { describe, expect, it } from "vitest";
import {
  type Catalog,
  claudeCodeReader,
  defaultCatalog,
  extendCatalog,
  measureNames,
  openAiReader,
  usageCsvReader,
  usageJsonlReader,
} from "../../src";
import { claudeCodeLine, openAiLine } from "../logs/support";

const at = Date.parse("2026-06-04T09:30:00.000Z");

/** The default catalog with one more resource, "house-model", priced as MiniMax-M3. */
function withHouseModel(): Catalog {
  const extended = extendCatalog(defaultCatalog, {
    id: "with-house-model",
    resources: { "house-model": defaultCatalog.resources["MiniMax-M3"] },
  });
  if (!extended.ok) throw new Error(`fixture catalog: ${extended.error.message}`);
  return extended.value;
}

describe("claudeCodeReader", () => {
  const read = claudeCodeReader();

  // Kills: "the model name" → "" in the model check.
  it("says which field a missing model is, in words", () => {
    const r = read(
      JSON.stringify({ type: "assistant", timestamp: "2026-06-04T09:30:00.000Z", message: { usage: {} } }),
    );
    expect(r).toEqual({
      kind: "error",
      error: {
        code: "invalid_input",
        message: "Expected the model name at message.model, but it is missing.",
        path: ["message", "model"],
        params: {},
      },
    });
  });

  // Kills: `messageId !== ""` → true and its "" → "Stryker was here!" (an empty message id is no key).
  it("takes an empty message id as no id: no key, and the entry's uuid as the event id", () => {
    const r = read(claudeCodeLine({ messageId: "", requestId: "req_1", uuid: "entry-9" }));
    expect(r.kind === "usage" && [r.key, r.event.id]).toEqual([null, "entry-9"]);
  });

  // Kills: `requestId !== ""` → true and its "" → "Stryker was here!" (the key is the message id alone).
  it("keys a message with an empty request id by its message id alone", () => {
    const r = read(claudeCodeLine({ messageId: "msg_1", requestId: "" }));
    expect(r.kind === "usage" && [r.key, r.event.id]).toEqual(["msg_1", "msg_1"]);
  });

  // Kills: `uuid !== ""` → true and its "" → "Stryker was here!" (an empty uuid is no id either).
  it("with neither a message id nor a uuid, names the event after its instant", () => {
    const r = read(claudeCodeLine({ uuid: "" }));
    expect(r.kind === "usage" && [r.key, r.event.id]).toEqual([null, `claude-code-${at}`]);
  });
});

describe("openAiReader", () => {
  // Kills: `options.catalog ?? defaultCatalog` → `&&` (the given catalog would be replaced by the default).
  it("maps a model to the catalog it is given", () => {
    const read = openAiReader({ catalog: withHouseModel() });
    const r = read(openAiLine({ model: "house-model", prompt: 100, completion: 10, cached: 0 }));
    expect(r.kind === "usage" && r.event.resource).toBe("house-model");
    expect(openAiReader()(openAiLine({ model: "house-model" })).kind).toBe("not-billed");
  });

  // Kills: `if (!checker.ok)` → false (the reader is made inside the test, where the mutant is live).
  it("answers every line with the catalog's refusal when its catalog is not a catalog", () => {
    const read = openAiReader({ catalog: { id: "fake" } as never });
    for (const line of [openAiLine({}), "", "not json"]) {
      const r = read(line);
      expect(r.kind === "error" && r.error.code).toBe("invalid_catalog");
    }
  });

  // Kills: `line.trim()` → `line` (a line of spaces is blank, not bad JSON).
  it("skips a line of spaces as blank", () => {
    expect(openAiReader()("   ")).toEqual({ kind: "skip", reason: "blank" });
  });

  // Kills: `if (!parsed.ok)` → false (text that is not JSON is an error, not a skip).
  it("refuses a line that is not JSON, quoting it", () => {
    expect(openAiReader()("chatcmpl oops")).toEqual({
      kind: "error",
      error: {
        code: "invalid_input",
        message: 'Expected a JSON value on the line, got "chatcmpl oops".',
        path: [],
        params: {},
      },
    });
  });

  // Kills: "the model name" → "".
  it("says a missing model is missing, in words", () => {
    const r = openAiReader()(openAiLine({ model: undefined }));
    expect(r.kind === "error" && r.error.message).toBe(
      "Expected the model name at model, but it is missing.",
    );
  });

  // Kills: `created < 0` → false and → `created <= 0`; "invalid_instant" → "";
  // `created === undefined ? … : …` → true and the `got …` template → ``.
  it("takes created = 0 (the epoch) and refuses a negative, fractional or text created with what it got", () => {
    const zero = openAiReader()(openAiLine({ created: 0, prompt: 5, completion: 0, cached: 0 }));
    expect(zero.kind === "usage" && [zero.event.at, zero.event.id]).toEqual([0, "chatcmpl-1"]);
    for (const [created, got] of [
      [-1, "got -1"],
      [1.5, "got 1.5"],
      ["1780565400", 'got "1780565400"'],
    ] as const) {
      expect(openAiReader()(openAiLine({ created }))).toEqual({
        kind: "error",
        error: {
          code: "invalid_instant",
          message: `Expected created as whole epoch seconds, ${got}.`,
          path: ["created"],
          params: {},
        },
      });
    }
  });

  // Kills: "invalid_input" → "" and the message template → `` of the cached-tokens check.
  it("refuses more cached tokens than prompt tokens, with both counts", () => {
    expect(openAiReader()(openAiLine({ prompt: 100, cached: 101 }))).toEqual({
      kind: "error",
      error: {
        code: "invalid_input",
        message: "Cached tokens (101) are part of the prompt tokens (100), so they cannot be more.",
        path: ["usage", "prompt_tokens_details", "cached_tokens"],
        params: {},
      },
    });
  });

  // Kills: `id !== ""` → true and its "" → "Stryker was here!" (an empty id is no key).
  it("takes an empty record id as no key, naming the event after its instant", () => {
    const r = openAiReader()(openAiLine({ id: "" }));
    expect(r.kind === "usage" && [r.key, r.event.id]).toEqual([null, `openai-${1_780_565_400_000}`]);
  });

  // Kills: `prompt.value + completion.value` → `-` in a not-billed record's tokens.
  it("counts an unpriced model's tokens as prompt + completion (1500 + 200 = 1700)", () => {
    expect(openAiReader()(openAiLine({ model: "gpt-4o" }))).toEqual({
      kind: "not-billed",
      model: "gpt-4o",
      key: "chatcmpl-1",
      at: 1_780_565_400_000,
      tokens: 1700,
    });
  });
});

describe("usageJsonlReader", () => {
  const line = (resource: string) =>
    JSON.stringify({ type: "usage", id: "r1", at: at, resource, measures: { outputTokens: 9 } });

  // Kills: `options.catalog ?? defaultCatalog` → `&&`.
  it("checks a usage against the catalog it is given", () => {
    const r = usageJsonlReader({ catalog: withHouseModel() })(line("house-model"));
    expect(r.kind === "usage" && r.event.resource).toBe("house-model");
    const refused = usageJsonlReader()(line("house-model"));
    expect(refused.kind === "error" && refused.error.code).toBe("unknown_resource");
  });

  // Kills: `if (!checker.ok)` → false.
  it("answers every line with the catalog's refusal when its catalog is not a catalog", () => {
    const r = usageJsonlReader({ catalog: { id: "fake" } as never })(line("MiniMax-M3"));
    expect(r.kind === "error" && r.error.code).toBe("invalid_catalog");
  });

  // Kills: `line.trim()` → `line`.
  it("skips a line of spaces as blank", () => {
    expect(usageJsonlReader()(" \t ")).toEqual({ kind: "skip", reason: "blank" });
  });

  // Kills: `isRecord(value)` → true and `isRecord(value) && …` → `||` (both would read `null.type` and throw).
  it("refuses JSON null and other non-objects as events, without throwing", () => {
    for (const text of ["null", "5", '"subscribe"']) {
      const r = usageJsonlReader()(text);
      expect(r.kind === "error" && r.error.path).toEqual([]);
    }
  });
});

describe("usageCsvReader", () => {
  const reader = (header: readonly string[]) => {
    const made = usageCsvReader(header);
    if (!made.ok) throw new Error(made.error.message);
    return made.value;
  };

  // Kills: `raw.trim()` → `raw` (header names are trimmed), and `(cells[index] ?? "").trim()` → no trim.
  it("trims the header's names and every cell", () => {
    const read = reader([" at ", "resource ", " outputTokens"]);
    expect(
      read({ cells: [" 2026-06-04T09:30:00.000Z", " MiniMax-M3 ", " 900 "], fallbackId: "log.csv:2" }),
    ).toEqual({
      kind: "usage",
      key: null,
      event: { type: "usage", id: "log.csv:2", at, resource: "MiniMax-M3", measures: { outputTokens: 900 } },
    });
  });

  // Kills: "invalid_input" → "", the message → "" and `{ column: name }` → {} of an unknown column.
  it("refuses an unknown column naming it, its index and every name it could be", () => {
    expect(usageCsvReader(["at", "resource", "outputTokenz"])).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: `Unknown CSV column "outputTokenz"; expected at, resource, id, serviceTier or a measure (${measureNames.join(", ")}).`,
        path: ["header", 2],
        params: { column: "outputTokenz" },
      },
    });
  });

  // Kills: "invalid_input" → "" and the message → `` of a repeated column (names compared case-insensitively).
  it("refuses a column that appears twice", () => {
    expect(usageCsvReader(["at", "resource", "AT"])).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: 'The CSV column "AT" appears twice.',
        path: ["header", 2],
        params: {},
      },
    });
  });

  // Kills: "invalid_input" → "" and the message → `` of a missing required column.
  it("refuses a header without at or resource, naming the missing column", () => {
    expect(usageCsvReader(["resource", "outputTokens"])).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: 'A usage CSV needs a column "at".',
        path: ["header"],
        params: {},
      },
    });
    expect(usageCsvReader(["at", "outputTokens"])).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: 'A usage CSV needs a column "resource".',
        path: ["header"],
        params: {},
      },
    });
  });

  // Kills, in the blank-record check `cells.length === 1 && (cells[0] ?? "").trim() === ""`:
  // → false, → true, `!==`, no trim, `cells[0] && ""`, "" → "Stryker was here!" (both sides).
  it("skips a record of one empty or blank cell (or one hole) as blank, and counts one filled cell as too few", () => {
    const read = reader(["at", "resource"]);
    for (const cells of [[], [""], ["  "], new Array<string>(1)]) {
      expect(read({ cells, fallbackId: "f" })).toEqual({ kind: "skip", reason: "blank" });
    }
    expect(read({ cells: ["MiniMax-M3"], fallbackId: "f" })).toEqual({
      kind: "error",
      error: {
        code: "invalid_input",
        message: "Expected 2 cells as the header has, got 1.",
        path: [],
        params: {},
      },
    });
  });

  // Kills: `cells[index] ?? ""` → "Stryker was here!" (a hole in a record is an empty cell: measure 0).
  it("reads a hole in a record as an empty cell", () => {
    const cells = ["2026-06-04T09:30:00.000Z", "MiniMax-M3", "7"];
    const read = reader(["at", "resource", "outputTokens", "inputTokens"]);
    const r = read({ cells: [...cells.slice(0, 2), "", "7"], fallbackId: "f" });
    expect(r.kind === "usage" && r.event.measures).toEqual({ inputTokens: 7 });
    const sparse = new Array<string>(4);
    sparse[0] = cells[0] as string;
    sparse[1] = "MiniMax-M3";
    sparse[3] = "7";
    const h = read({ cells: sparse, fallbackId: "f" });
    expect(h.kind === "usage" && h.event.measures).toEqual({ inputTokens: 7 });
  });

  // Kills the path rewrite forced on (`? slice : …` → always): a refusal outside the measures keeps its path.
  it("names a measure's column by its name, and keeps every other refusal's path", () => {
    const read = reader(["at", "resource", "outputTokens"]);
    const measure = read({ cells: ["2026-06-04T09:30:00.000Z", "MiniMax-M3", "-5"], fallbackId: "f" });
    expect(measure.kind === "error" && [measure.error.code, measure.error.path]).toEqual([
      "invalid_measure",
      ["outputTokens"],
    ]);
    const resource = read({ cells: ["2026-06-04T09:30:00.000Z", "nope", "5"], fallbackId: "f" });
    expect(resource.kind === "error" && [resource.error.code, resource.error.path]).toEqual([
      "unknown_resource",
      ["resource"],
    ]);
    const instant = read({ cells: ["yesterday", "MiniMax-M3", "5"], fallbackId: "f" });
    expect(instant.kind === "error" && [instant.error.code, instant.error.path]).toEqual([
      "invalid_instant",
      ["at"],
    ]);
  });
});
