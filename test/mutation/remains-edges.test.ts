/**
 * The remains payload's field checks (`src/remains/schema.ts`), the snapshot check the other
 * functions rely on (`snapshot.ts`), the bars (`render.ts`) and the usage-limit message
 * (`usageLimit.ts`), at their bounds and with their exact sentences: written to kill the
 * mutants Stryker left there. Every result is computed inside its test.
 */
import { describe, expect, it } from "vitest";
import {
  limits,
  parseRemains,
  parseUsageLimitError,
  type RemainsSnapshot,
  reconcile,
  remainsReport,
} from "../../src";
import { emptyLedger, ms, must, onePayload, oneRow, V2_AT } from "../remains/support";

/** The error of a one-row payload, which must be refused. */
function refusal(row: Record<string, unknown>) {
  const r = parseRemains(onePayload(row));
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
}

describe("the payload's whole numbers", () => {
  it("a status code with spaces around its digits is read", () => {
    // Kills: `^\s*` → `^\S*` and `\s*$` → `\S*$`.
    expect(oneRow({ current_interval_status: " 1" }).buckets[0]?.interval.statusCode).toBe(1);
    expect(oneRow({ current_interval_status: "1 " }).buckets[0]?.interval.statusCode).toBe(1);
  });

  it.each([
    ["hex digits", "0x10", '"0x10"'],
    ["an exponent", "1e3", '"1e3"'],
    ["a negative code", -1, "-1"],
  ])("%s is refused as invalid_input, naming what came", (_label, value, got) => {
    // Kills: the regex without `^` ("0x10" ends in digits) or without `$` ("1e3" starts with one),
    // `value < min` → false, the code → "" and the message → "", and "a status code" → "".
    expect(refusal({ current_interval_status: value })).toEqual({
      code: "invalid_input",
      message: `Expected a status code (a whole number from 0 to 1000000), got ${got} at model_remains.0.current_interval_status.`,
      path: ["model_remains", 0, "current_interval_status"],
      params: { zodCode: "custom" },
    });
  });

  it("a status that is neither a string nor a number is refused before it is read as one", () => {
    // Kills: `typeof v === "string" || …` → true (an object would reach the whole-number check).
    expect(refusal({ current_interval_status: {} }).message).toBe(
      "Expected a status code such as 1, 2 or 3 at model_remains.0.current_interval_status.",
    );
  });

  it("each field names its own kind of number", () => {
    // Kills: "epoch milliseconds", "milliseconds", "a boost in per mille" and "base_resp.status_code" → "".
    expect(refusal({ start_time: "x" })).toMatchObject({
      code: "invalid_instant",
      message:
        'Expected epoch milliseconds (a whole number from 0 to 253402300799999), got "x" at model_remains.0.start_time.',
    });
    expect(refusal({ remains_time: "x" }).message).toBe(
      'Expected milliseconds (a whole number from 0 to 253402300799999), got "x" at model_remains.0.remains_time.',
    );
    expect(refusal({ interval_boost_permille: 0 }).message).toBe(
      "Expected a boost in per mille (a whole number from 1 to 1000000), got 0 at model_remains.0.interval_boost_permille.",
    );
    const provider = parseRemains({ model_remains: [], base_resp: { status_code: 1e10 } });
    expect(!provider.ok && provider.error.message).toBe(
      "Expected base_resp.status_code (a whole number from -1000000000 to 1000000000), got 10000000000 at base_resp.status_code.",
    );
  });

  it("a payload carries up to remainsRowsMax rows, and not one more", () => {
    // Kills: `rows.length <= remainsRowsMax` → `<`.
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ model_name: `row-${i}` }));
    expect(must(parseRemains({ model_remains: rows(limits.remainsRowsMax) })).buckets).toHaveLength(256);
    const over = parseRemains({ model_remains: rows(limits.remainsRowsMax + 1) });
    expect(!over.ok && over.error.code).toBe("limit_exceeded");
  });
});

describe("what counts as a snapshot made by parseRemains", () => {
  const valid = (): RemainsSnapshot =>
    oneRow({ current_interval_status: 1, current_interval_remaining_percent: 60, start_time: ms(V2_AT) });
  const refusedAsSnapshot = (value: unknown) => {
    const r = reconcile(emptyLedger(), value as RemainsSnapshot, V2_AT);
    return !r.ok && r.error.path.join(".") === "snapshot";
  };
  const withInterval = (patch: Record<string, unknown>) => {
    const s = valid();
    const bucket = s.buckets[0];
    if (bucket === undefined) throw new Error("one bucket");
    return { ...s, buckets: [{ ...bucket, interval: { ...bucket.interval, ...patch } }] };
  };
  /** A function carrying the fields (`name` included: a function's own `name` is replaced). */
  const callable = (fields: object) => {
    const f = () => undefined;
    for (const [key, value] of Object.entries(fields))
      Object.defineProperty(f, key, { value, enumerable: true });
    return f;
  };
  const withIntervalAs = (interval: unknown) => {
    const s = valid();
    return { ...s, buckets: [{ ...s.buckets[0], interval }] };
  };

  it("the snapshot itself is accepted (so each refusal below is the change's)", () => {
    expect(refusedAsSnapshot(valid())).toBe(false);
  });

  it.each([
    ["null", () => null],
    ["an empty object", () => ({})],
    ["buckets that are not a list", () => ({ ...valid(), buckets: "x" })],
    ["a function carrying a snapshot's fields", () => callable(valid())],
    ["a null bucket", () => ({ ...valid(), buckets: [null] })],
    ["a bucket named by a number", () => ({ ...valid(), buckets: [{ ...valid().buckets[0], name: 5 }] })],
    ["a function as a bucket", () => ({ ...valid(), buckets: [callable(valid().buckets[0] ?? {})] })],
    ["a weekly window in the interval's place", () => withInterval({ kind: "weekly" })],
    ["a function as a window", () => withIntervalAs(callable(valid().buckets[0]?.interval ?? {}))],
    ["an amount as a number", () => withInterval({ limit: 5 })],
    ["an instant as epoch ms", () => withInterval({ windowStart: ms(V2_AT) })],
  ])("refuses %s", (_label, make) => {
    // Kills: each `typeof … === "object"`, `!== null`, `Array.isArray`, the kind check, and the
    // `typeof value === "string"` of amounts and instants → true, and the `&&` → `||` of the chain.
    expect(refusedAsSnapshot(make())).toBe(true);
  });
});

describe("the bars", () => {
  it("an interval that ends no later than it starts is labelled interval, not 5-hour", () => {
    // Kills: `lengthMs > 0 && …` → true and `>= 0`.
    const at = ms(V2_AT);
    const label = (startMs: number, endMs: number) => {
      const snapshot = oneRow({ current_interval_status: 1, start_time: startMs, end_time: endMs });
      return must(remainsReport(snapshot, V2_AT)).rows[0]?.label;
    };
    expect(label(at, at)).toBe("interval");
    expect(label(at, at - 3_600_000)).toBe("interval");
    expect(label(at, at + 3_600_000)).toBe("5-hour");
  });

  it("3 cells: the first is used from 100/6 % on, rounded up to the atom (16.666666666667)", () => {
    // Kills: the "ceil" of the thresholds → "" (an unknown rounding mode gives no threshold).
    const cellsAt = (remainingPercent: string) =>
      must(
        remainsReport(
          oneRow({ current_interval_status: 1, current_interval_remaining_percent: remainingPercent }),
          V2_AT,
          { cells: 3 },
        ),
      ).rows[0];
    expect(cellsAt("83.333333333333")).toMatchObject({
      usedPercent: "16.666666666667",
      usedCells: 1,
      bar: "#--",
    });
    expect(cellsAt("83.333333333334")).toMatchObject({
      usedPercent: "16.666666666666",
      usedCells: 0,
      bar: "---",
    });
  });

  it("a total without a usage count shows no counts", () => {
    // Kills: `used !== null && limit !== null` → `||` and its first check → true ("null/100 used").
    const snapshot = oneRow({ current_interval_status: 1, current_interval_total_count: 100 });
    expect(must(remainsReport(snapshot, V2_AT)).rows[0]?.countsText).toBe("");
  });

  it("refuses bad options as invalid_input, and what is not a snapshot with its sentence", () => {
    // Kills: "invalid_input" → "" for the options, and the snapshot refusal's message → "".
    const snapshot = oneRow({ current_interval_status: 1 });
    const badCells = remainsReport(snapshot, V2_AT, { cells: 0 });
    expect(!badCells.ok && [badCells.error.code, badCells.error.path]).toEqual([
      "invalid_input",
      ["options", "cells"],
    ]);
    expect(remainsReport({} as RemainsSnapshot, V2_AT)).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected a snapshot made by parseRemains.",
        path: ["snapshot"],
        params: {},
      },
    });
  });
});

describe("the provider's usage-limit message", () => {
  const sentence = "5-hour usage limit reached for Token Plan Max (1/2 used)";

  it("refuses bad options as invalid_input", () => {
    // Kills: "invalid_input" → "".
    const r = parseUsageLimitError(sentence, { bogus: 1 } as never);
    expect(!r.ok && r.error.code).toBe("invalid_input");
  });

  it("refuses what is not text, saying what came", () => {
    // Kills: `typeof message !== "string"` → false, its block → {}, and the message → "".
    expect(parseUsageLimitError(5 as never)).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected the provider's error message as text, got 5.",
        path: [],
        params: {},
      },
    });
  });

  it("reads up to 4,096 characters, and refuses one more naming the length", () => {
    // Kills: `message.length > messageLengthMax` → `>=`, the message → "" and the params → {}.
    const padded = (length: number) => sentence + " ".repeat(length - sentence.length);
    expect(parseUsageLimitError(padded(4096)).ok).toBe(true);
    expect(parseUsageLimitError(padded(4097))).toEqual({
      ok: false,
      error: {
        code: "limit_exceeded",
        message: "An error message is read up to 4096 characters; this one has 4097.",
        path: [],
        params: { length: 4097 },
      },
    });
  });

  it("refuses other text, quoting it", () => {
    // Kills: the message → "".
    expect(parseUsageLimitError("hello")).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message:
          'Not a usage-limit message: expected "<5-hour|weekly|daily> usage limit reached for Token Plan <tier> (<used>/<total> used), resets at <instant>", got "hello".',
        path: [],
        params: {},
      },
    });
  });

  it("drops only a sentence's final full stop from the reset instant, not the one before the ms", () => {
    // Kills: `/\.$/` → `/\./` and "" → "Stryker was here!", in resetsAt and in resetsAtText.
    const r = must(parseUsageLimitError(`${sentence}, resets at 2026-06-04T15:00:00.250+08:00.`));
    expect([r.resetsAt, r.resetsAtText]).toEqual([
      "2026-06-04T07:00:00.250Z",
      "2026-06-04T15:00:00.250+08:00",
    ]);
  });

  it.each([
    ["Token Plan Max", "Max"],
    ["Token  Plan Max", "Max"],
    ["Token Plan  Max", "Max"],
    ["Team Token Plan Max", "Team Token Plan Max"],
  ])("the tier of %j is %j (only a leading 'Token Plan' is dropped)", (plan, tier) => {
    // Kills: the tier regex without `^`, with `\s` for `\s+` after "token", and after "plan".
    expect(must(parseUsageLimitError(`5-hour usage limit reached for ${plan} (1/2 used)`)).tier).toBe(tier);
  });
});
