/**
 * The hand-written usage check is only a shortcut: whatever it accepts, zod accepts with
 * the same normalised event; whatever zod refuses, it refuses too, with the same error.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fingerprint, parseEvent } from "../../src/ledger/events";
import { propertyParameters } from "../support/settings";

/** A valid usage event, then zero to two faults: a key removed, a value replaced, a key added. */
const validUsage = fc.record({
  type: fc.constant("usage"),
  id: fc.string({ minLength: 1, maxLength: 8 }),
  at: fc.oneof(
    fc.constantFrom("2026-06-04T14:10:00Z", "2026-06-04T14:10:00.123+08:00"),
    fc.integer({ min: 0, max: 2 ** 44 }),
  ),
  resource: fc.constantFrom("MiniMax-M3", "music", "speech-hd"),
  measures: fc.dictionary(
    fc.constantFrom("inputTokens", "outputTokens", "cacheReadTokens", "characters", "songs"),
    fc.nat(1_000_000),
    { maxKeys: 3 },
  ),
});
const badValue = fc.constantFrom<unknown>(
  undefined,
  null,
  "",
  -1,
  1.5,
  Number.NaN,
  2 ** 53,
  "x".repeat(129),
  [],
  {},
  true,
  "2026-02-30T00:00:00Z",
);
const fault = fc.oneof(
  fc.record({
    kind: fc.constant("remove" as const),
    key: fc.constantFrom("id", "at", "resource", "measures"),
  }),
  fc.record({
    kind: fc.constant("replace" as const),
    key: fc.constantFrom("id", "at", "resource", "measures", "serviceTier"),
    value: badValue,
  }),
  fc.record({
    kind: fc.constant("measure" as const),
    key: fc.constantFrom("inputTokens", "bogus"),
    value: badValue,
  }),
  fc.record({
    kind: fc.constant("add" as const),
    key: fc.constantFrom("metadata", "extra", "serviceTier"),
    value: fc.constantFrom<unknown>({ a: 1 }, 1, "priority"),
  }),
);
const usage = fc.tuple(validUsage, fc.array(fault, { maxLength: 2 })).map(([base, faults]) => {
  const event: Record<string, unknown> = { ...base, measures: { ...base.measures } };
  for (const f of faults) {
    if (f.kind === "remove") delete event[f.key];
    else if (f.kind === "measure") {
      const measures = event.measures;
      if (typeof measures === "object" && measures !== null)
        (measures as Record<string, unknown>)[f.key] = f.value;
    } else event[f.key] = f.value;
  }
  return event;
});

describe("the usage fast path agrees with the schema", () => {
  it("same verdict, same normalised event (by fingerprint), same error", () => {
    let accepted = 0;
    fc.assert(
      fc.property(usage, (input) => {
        const fast = parseEvent(input);
        const strict = parseEvent(input, [], false);
        expect(fast.ok).toBe(strict.ok);
        if (fast.ok && strict.ok) {
          accepted++;
          expect(fingerprint(fast.value)).toBe(fingerprint(strict.value));
        }
        if (!fast.ok && !strict.ok) expect(fast.error).toEqual(strict.error);
      }),
      propertyParameters(),
    );
    expect(accepted).toBeGreaterThan(0); // the property saw both verdicts
  });
});
