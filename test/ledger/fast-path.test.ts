/**
 * The hand-written usage check is only a shortcut: whatever it accepts, zod accepts with
 * the same normalised event; whatever zod refuses, it refuses too, with the same error.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  type CatalogInput,
  defineCatalog,
  type LedgerEvent,
  measureNames,
  quoteUsage,
} from "../../src";
import { tokenPlanV1Data } from "../../src/catalog/legacy";
import { fingerprint, parseEvent } from "../../src/ledger/events";
import { freshLedger } from "../support/run";
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
/** A class whose instances carry a measure as an own field (zod's record refuses them). */
class MeasuresClass {
  inputTokens = 5;
}
/** What an object can be besides a plain one: each is the measures, or the event itself. */
const shapes = {
  "a class instance": (from: Record<string, unknown>) => Object.assign(new MeasuresClass(), from),
  "a null-prototype object": (from: Record<string, unknown>) => Object.assign(Object.create(null), from),
  "an object with a symbol key": (from: Record<string, unknown>) => ({ ...from, [Symbol("extra")]: 1 }),
  "an array": (from: Record<string, unknown>) => Object.assign([], from),
  "a Date": (from: Record<string, unknown>) => Object.assign(new Date(0), from),
  "a Map": (from: Record<string, unknown>) => Object.assign(new Map(), from),
  "an object whose constructor is not Object": (from: Record<string, unknown>) =>
    Object.defineProperty({ ...from }, "constructor", { value: MeasuresClass, enumerable: false }),
};
type ShapeName = keyof typeof shapes;
const shapeFault = fc.record({
  kind: fc.constant("shape" as const),
  key: fc.constantFrom("measures", "event"),
  shape: fc.constantFrom(...(Object.keys(shapes) as ShapeName[])),
});

const usage = fc
  .tuple(validUsage, fc.array(fc.oneof(fault, shapeFault), { maxLength: 2 }))
  .map(([base, faults]) => {
    let event: Record<string, unknown> = { ...base, measures: { ...base.measures } };
    for (const f of faults) {
      if (f.kind === "shape") {
        const measures = event.measures;
        if (f.key === "event") event = shapes[f.shape](event);
        else if (typeof measures === "object" && measures !== null)
          event.measures = shapes[f.shape](measures as Record<string, unknown>);
      } else if (f.kind === "remove") delete event[f.key];
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
          // The same normalised event, field by field; its measures in the one shape the pricing reads.
          expect(fast.value).toStrictEqual(strict.value);
          if (fast.value.type === "usage")
            expect(Object.keys(fast.value.measures)).toEqual([...measureNames]);
        }
        if (!fast.ok && !strict.ok) expect(fast.error).toEqual(strict.error);
      }),
      propertyParameters(),
    );
    expect(accepted).toBeGreaterThan(0); // the property saw both verdicts
  });
});

const plainUsage = { type: "usage", id: "u-1", at: "2026-06-04T14:10:00Z", resource: "MiniMax-M3" };

describe("objects that are not plain records", () => {
  it.each(Object.keys(shapes) as ShapeName[])("measures as %s: the fast check and zod agree", (name) => {
    const input = { ...plainUsage, measures: shapes[name]({ inputTokens: 5 }) };
    const fast = parseEvent(input);
    const strict = parseEvent(input, [], false);
    expect(fast).toEqual(strict);
    // A null prototype is a plain record to zod, and a symbol key is not data (it is read
    // without it, as an event's own symbol keys are); the rest is a bad measures object.
    const plain = name === "a null-prototype object" || name === "an object with a symbol key";
    expect(fast.ok).toBe(plain);
    if (fast.ok) expect(fast.value).toMatchObject({ measures: { inputTokens: 5 } });
    if (!fast.ok) expect(fast.error.code).toBe("invalid_measure");
  });

  it("an unknown symbol key in a catalog is reported by its text, not thrown; the error is JSON-safe", () => {
    const data = tokenPlanV1Data() as { resources: Record<string, { prices: Record<PropertyKey, unknown> }> };
    const resource = Object.values(data.resources)[0];
    if (resource === undefined) throw new Error("the catalog has no resource");
    resource.prices[Symbol("odd")] = { usd: "1", per: 1 };
    const defined = defineCatalog(data as unknown as CatalogInput);
    expect(defined.ok).toBe(false);
    if (defined.ok) return;
    expect(defined.error.code).toBe("invalid_catalog");
    expect(defined.error.path.at(-1)).toBe("Symbol(odd)");
    expect(defined.error.message).toContain('Unknown field "Symbol(odd)"');
    expect(JSON.parse(JSON.stringify(defined.error))).toEqual(defined.error);
  });

  it("a measure whose getter answers -1, -1, then 5: applyEvents refuses it as applyEvent does", () => {
    const event = () => {
      let reads = 0;
      const measures = {};
      Object.defineProperty(measures, "inputTokens", {
        enumerable: true,
        get: () => {
          reads++;
          return reads <= 2 ? -1 : 5;
        },
      });
      return { ...plainUsage, measures } as unknown as LedgerEvent;
    };
    const one = applyEvent(freshLedger(), event());
    const batch = applyEvents(freshLedger(), [event()]);
    expect(one.ok).toBe(false);
    expect(batch.ok).toBe(false);
    if (!one.ok && !batch.ok) {
      expect(batch.error.code).toBe(one.error.code);
      expect(batch.error.code).toBe("invalid_measure");
    }
  });
});

describe("a usage with several measures its resource has no price for", () => {
  // MiniMax-M3 prices tokens: images, songs and seconds are all unpriced for it.
  const orders = [
    { seconds: 3, songs: 1, images: 2, outputTokens: 10 },
    { images: 2, songs: 1, seconds: 3, outputTokens: 10 },
    { outputTokens: 10, songs: 1, seconds: 3, images: 2 },
  ];
  it("is refused for the first of them in the order of measureNames, whatever the order of its keys", () => {
    for (const measures of orders) {
      for (const extra of [{}, { metadata: { team: "a" } }]) {
        // With metadata the event is read by zod, without it by the hand check: the same refusal.
        const event = { ...plainUsage, id: "u-2", ...extra, measures } as LedgerEvent;
        const r = applyEvent(freshLedger(), event);
        expect(r.ok).toBe(false);
        if (!r.ok) expect([r.error.code, r.error.path]).toEqual(["unpriced_measure", ["measures", "images"]]);
        const batch = applyEvents(freshLedger(), [event]);
        expect(batch.ok).toBe(false);
        if (!batch.ok) expect(batch.error.path).toEqual([0, "measures", "images"]);
      }
      const quote = quoteUsage(freshLedger(), { at: plainUsage.at, resource: "MiniMax-M3", measures });
      expect(quote.ok).toBe(false);
      if (!quote.ok) expect(quote.error.path).toEqual(["measures", "images"]);
    }
  });
  it("is priced as without them when they are 0", () => {
    const zeros = { ...plainUsage, measures: { images: 0, outputTokens: 10, songs: 0 } } as LedgerEvent;
    const plain = { ...plainUsage, measures: { outputTokens: 10 } } as LedgerEvent;
    const a = applyEvent(freshLedger(), zeros);
    const b = applyEvent(freshLedger(), plain);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.entries).toEqual(b.entries);
  });
});
