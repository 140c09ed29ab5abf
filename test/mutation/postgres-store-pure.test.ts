/**
 * The store's pure helpers, which Stryker's survivors showed under-tested (issue 23):
 * reading a version column, decoding a journal row, the errors the store builds, the
 * retry options' check and the backoff's exact waits. No database: these take values.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  refuse,
  rowError,
  sqlStateOf,
  storeError,
  storeUnavailable,
  violatedUniqueConstraint,
} from "../../src/postgres/failures";
import { attemptsMax, retryDelayBaseMs, retryDelayCapMs } from "../../src/postgres/limits";
import { backoffMs, retryOptionsProblem } from "../../src/postgres/retry";
import { decodeJournalRow, readVersion } from "../../src/postgres/rows";

describe("readVersion: a safe integer ≥ 0 from a number, a bigint or a string of digits", () => {
  it.each([
    [0, 0],
    [7, 7],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    [5n, 5],
    [0n, 0],
    ["0", 0],
    ["42", 42],
    // 16 digits is the longest string read; this one is still a safe integer.
    ["1234567890123456", 1_234_567_890_123_456],
  ] as const)("%s reads as %s", (value, expected) => {
    expect(readVersion(value)).toBe(expected);
  });

  it.each([
    ["a negative number", -1],
    ["a fraction", 1.5],
    ["NaN", Number.NaN],
    ["a number past 2^53", 2 ** 53],
    ["a negative bigint", -1n],
    ["a bigint past 2^53", 2n ** 60n],
    ["an empty string", ""],
    ["digits then a letter", "12a"],
    ["a letter then digits", "a12"],
    ["a sign", "-3"],
    ["a space", " 3"],
    // 17 characters, though its value (1) is small: a string longer than 16 digits is not a version.
    ["17 digits with leading zeros", "00000000000000001"],
    ["null", null],
    ["a boolean", true],
    // String([5]) is "5": only a string is read as digits.
    ["a list of one number", [5]],
  ] as const)("%s is not a version", (_label, value) => {
    expect(readVersion(value)).toBeNull();
  });
});

describe("decodeJournalRow names the column a row got wrong", () => {
  const good = {
    event_id: "u1",
    version: 1,
    fingerprint: "abc",
    event: JSON.stringify({ type: "usage", id: "u1" }),
    receipt: JSON.stringify({ type: "usage" }),
    entries: "[]",
  };

  it("a row at version 1 (the lowest) reads back, every column as stored", () => {
    expect(decodeJournalRow(good, "acct")).toEqual({
      ok: true,
      value: {
        eventId: "u1",
        version: 1,
        fingerprint: "abc",
        event: { type: "usage", id: "u1" },
        outcome: { type: "usage" },
        entries: [],
      },
    });
  });

  it("the error names the account, the row's id, the column and what is wrong, as a message a person can act on", () => {
    expect(decodeJournalRow({ ...good, receipt: "{" }, "acct-9")).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message:
          'Account "acct-9", journal row "u1": column receipt is not the JSON of an outcome; the journal is written only by the store, so this row was edited by hand.',
        path: ["journal", "u1", "receipt"],
        params: { accountId: "acct-9", eventId: "u1" },
      },
    });
  });

  it("a row without an id says so, with an empty path segment and a null id", () => {
    expect(decodeJournalRow({ ...good, event_id: 7 }, "acct")).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message:
          'Account "acct", journal row (no event id): column event_id is not an id; the journal is written only by the store, so this row was edited by hand.',
        path: ["journal", "", "event_id"],
        params: { accountId: "acct", eventId: null },
      },
    });
  });

  const messageOf = (row: Record<string, unknown>) => {
    const decoded = decodeJournalRow(row, "a");
    return decoded.ok ? null : decoded.error.message.split(": column ")[1]?.split(";")[0];
  };

  it.each([
    ["an empty id", { event_id: "" }, "event_id is not an id"],
    ["version 0", { version: 0 }, "version is not a version ≥ 1"],
    ["a version that is not a number", { version: "v1" }, "version is not a version ≥ 1"],
    ["an empty fingerprint", { fingerprint: "" }, "fingerprint is empty"],
    ["a numeric fingerprint", { fingerprint: 12 }, "fingerprint is empty"],
    ["an event that is not JSON", { event: "{" }, "event is not the JSON of an event with this id"],
    ["an event that is JSON null", { event: "null" }, "event is not the JSON of an event with this id"],
    ["an event of another id", { event: '{"id":"u2"}' }, "event is not the JSON of an event with this id"],
    ["a receipt that is JSON null", { receipt: "null" }, "receipt is not the JSON of an outcome"],
    ["a receipt with a numeric type", { receipt: '{"type":1}' }, "receipt is not the JSON of an outcome"],
    ["entries that are not JSON", { entries: "[" }, "entries is not a JSON array of entries"],
    ["entries that are an object", { entries: "{}" }, "entries is not a JSON array of entries"],
    ["entries already parsed (a jsonb column)", { entries: [] }, "entries is not a JSON array of entries"],
    // String(["[]"]) is "[]": only a string is parsed as JSON.
    ["entries as a list holding their text", { entries: ["[]"] }, "entries is not a JSON array of entries"],
  ] as const)("%s: column %s", (_label, change, what) => {
    expect(messageOf({ ...good, ...change })).toBe(what);
  });
});

describe("the store's errors", () => {
  it("storeError: the path and the params default to empty", () => {
    expect(storeError("conflict", "m")).toEqual({ code: "conflict", message: "m", path: [], params: {} });
    expect(refuse(storeError("conflict", "m", ["a"], { n: 1 }))).toEqual({
      ok: false,
      error: { code: "conflict", message: "m", path: ["a"], params: { n: 1 } },
    });
  });

  it("sqlStateOf reads five digits or capitals from an object's code, nothing else", () => {
    expect(sqlStateOf({ code: "23505" })).toBe("23505");
    expect(sqlStateOf(Object.assign(new Error("x"), { code: "P0001" }))).toBe("P0001");
    for (const thrown of [
      { code: "2350" },
      { code: "235055" },
      { code: "x23505" },
      { code: "p0001" },
      { code: 23505 },
      {},
      null,
      "23505",
      // A function is not an error object, even with a code.
      Object.assign(() => undefined, { code: "23505" }),
    ])
      expect(sqlStateOf(thrown)).toBeNull();
  });

  it("violatedUniqueConstraint: the constraint of a 23505 only", () => {
    expect(violatedUniqueConstraint({ code: "23505", constraint: "k" })).toBe("k");
    expect(violatedUniqueConstraint({ code: "23503", constraint: "k" })).toBeNull();
    expect(violatedUniqueConstraint({ code: "23505", constraint: 5 })).toBeNull();
    expect(violatedUniqueConstraint({ code: "23505" })).toBeNull();
  });

  it("storeUnavailable: the operation, the account, what was thrown and its SQLSTATE", () => {
    expect(storeUnavailable("load", "a", Object.assign(new Error("boom"), { code: "08006" }))).toEqual({
      code: "store_unavailable",
      message:
        'The database failed during load for account "a": boom (SQLSTATE 08006). Nothing was half-written (each change is one statement); check the connection and retry.',
      path: [],
      params: { operation: "load", accountId: "a", sqlState: "08006" },
    });
    expect(storeUnavailable("migrate", null, "socket hang up")).toEqual({
      code: "store_unavailable",
      message:
        "The database failed during migrate: socket hang up. Nothing was half-written (each change is one statement); check the connection and retry.",
      path: [],
      params: { operation: "migrate", accountId: null, sqlState: null },
    });
    expect(storeUnavailable("find", "b", { code: 1 }).message).toBe(
      'The database failed during find for account "b": an unknown failure. Nothing was half-written (each change is one statement); check the connection and retry.',
    );
  });

  it("rowError prefixes the path with the column and names the account", () => {
    expect(rowError(storeError("invalid_state", "bad lot", ["lots", 0], { n: 1 }), "state", "acct")).toEqual({
      code: "invalid_state",
      message: 'Account "acct", column state: bad lot',
      path: ["state", "lots", 0],
      params: { n: 1, accountId: "acct" },
    });
  });
});

describe("retryOptionsProblem", () => {
  it("takes no options, 1 and the most attempts, and a delay function", () => {
    for (const options of [{}, { attemptsMax: 1 }, { attemptsMax: attemptsMax }, { retryDelayMs: () => 0 }])
      expect(retryOptionsProblem(options)).toBeNull();
  });

  it("refuses options that are not an object", () => {
    for (const options of [null, "fast", 3])
      expect(retryOptionsProblem(options as never)).toEqual({
        code: "invalid_input",
        message: "Expected options as an object such as { attemptsMax }.",
        path: ["options"],
        params: {},
      });
  });

  it("refuses attempts below 1, past the most, or not whole", () => {
    for (const attempts of [0, attemptsMax + 1, 1.5, Number.NaN])
      expect(retryOptionsProblem({ attemptsMax: attempts })).toEqual({
        code: "invalid_input",
        message: "Expected attemptsMax from 1 to 1000.",
        path: ["options", "attemptsMax"],
        params: { attemptsMax: 1000 },
      });
  });

  it("refuses a delay that is not a function", () => {
    expect(retryOptionsProblem({ retryDelayMs: 5 as never })).toEqual({
      code: "invalid_input",
      message: "Expected retryDelayMs as a function of the attempt.",
      path: ["options", "retryDelayMs"],
      params: {},
    });
  });
});

describe("backoffMs: full jitter from a hash of the key, the attempt and the ids", () => {
  it("gives the same wait for the same request (the values pin the hash)", () => {
    expect(backoffMs(1, "acct", ["u1"])).toBe(0.4143627234734595);
    expect(backoffMs(3, "acct", ["u1", "u2"])).toBe(6.248570462688804);
    expect(backoffMs(6, "acct-2", [])).toBe(1.3936961889266968);
    expect(backoffMs(7, "acct", ["a", "b", "c"])).toBe(31.865732953883708);
    expect(backoffMs(12, "x", ["r"])).toBe(87.07468146458268);
  });

  it("the key, the attempt and each id move the wait; ids are kept apart", () => {
    const base = backoffMs(4, "acct", ["u1", "u2"]);
    expect(backoffMs(4, "acct2", ["u1", "u2"])).not.toBe(base);
    expect(backoffMs(4, "acct", ["u1", "u3"])).not.toBe(base);
    expect(backoffMs(4, "acct", ["u1u2"])).not.toBe(base);
    expect(backoffMs(4, "acct", ["u2", "u1"])).not.toBe(base);
  });

  it("stays in [0, min(cap, base × 2^(attempt-1)))", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.string(),
        fc.array(fc.string(), { maxLength: 5 }),
        (attempt, key, ids) => {
          const wait = backoffMs(attempt, key, ids);
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThan(Math.min(retryDelayCapMs, retryDelayBaseMs * 2 ** (attempt - 1)));
        },
      ),
    );
  });
});
