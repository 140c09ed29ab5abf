/**
 * Options and arguments that were not checked (issue 23, item 6): `applyEvents`'s options,
 * and the `path` argument of the scalar parsers, which they echo in their errors. A wrong
 * one is a typed `invalid_input`, never a throw and never echoed back unchecked.
 */
import { describe, expect, it } from "vitest";
import {
  type ApplyEventsOptions,
  applyEvents,
  type FieldPath,
  parseCredits,
  parseInstant,
  parseQuotaUnits,
  parseUsd,
} from "../../src";
import { activeLedger, expectRefusal, type Row } from "./support";

describe("applyEvents checks its options", () => {
  // biome-ignore format: one table row per line
  const rows: Row[] = [
    ["null", null, "invalid_input", [], /options as an object/],
    ["a number", 5, "invalid_input", [], /options as an object/],
    ["an array", [], "invalid_input", [], /options as an object/],
    ["an unknown key", { collect: true }, "invalid_input", ["collect"], /Unknown field "collect"/],
    ["collectEntries as a string", { collectEntries: "yes" }, "invalid_input", ["collectEntries"], /boolean/],
  ];
  it.each(rows)("refuses %s", (_label, options, code, path, hint) => {
    expectRefusal(() => applyEvents(activeLedger(), [], options as ApplyEventsOptions), { code, path, hint });
  });

  it("accepts no options, an empty object and collectEntries", () => {
    expect(applyEvents(activeLedger(), []).ok).toBe(true);
    expect(applyEvents(activeLedger(), [], {}).ok).toBe(true);
    expect(applyEvents(activeLedger(), [], { collectEntries: true }).ok).toBe(true);
  });
});

describe("the scalar parsers check the path they are given", () => {
  const parsers: [string, (input: unknown, path: FieldPath) => { ok: boolean }][] = [
    ["parseUsd", parseUsd],
    ["parseCredits", parseCredits],
    ["parseQuotaUnits", parseQuotaUnits],
    ["parseInstant", parseInstant],
  ];
  // biome-ignore format: one table row per line
  const paths: [string, unknown][] = [
    ["a string", "not-an-array"],
    ["null", null],
    ["an array holding an object", [{}]],
    ["an array holding a negative index", [-1]],
    ["an array holding a fraction", [1.5]],
    ["a path of 65 keys", Array.from({ length: 65 }, () => "k")],
    ["a key of 10,000 characters", ["k".repeat(10_000)]],
  ];
  for (const [name, parse] of parsers) {
    it.each(paths)(`${name} refuses a path that is %s`, (_label, path) => {
      const error = expectRefusal(() => parse("x", path as FieldPath), {
        code: "invalid_input",
        path: [],
        hint: /path/,
      });
      expect(error.message.length).toBeLessThan(300);
    });
    it(`${name} still echoes a good path`, () => {
      const r = parse("not a value", ["events", 3, "at"]);
      expect(!r.ok && (r as unknown as { error: { path: FieldPath } }).error.path).toEqual([
        "events",
        3,
        "at",
      ]);
    });
  }
});
