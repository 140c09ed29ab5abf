/**
 * Inputs that change while they are read (issue 23, item 4): a getter that answers one
 * value to the check and another to the rules. Each input is read once, into a plain copy,
 * and the copy is what is checked and used.
 */
import { describe, expect, it } from "vitest";
import { applyEvent, applyEvents, parseLedger, quoteUsage, serializeLedger } from "../../src";
import { textOf } from "../support/text";
import { activeLedger, emptyLedger, T_NEXT } from "./support";

/** A measures object whose `outputTokens` reads `first`, then `later` on every read after. */
function shiftingMeasures(first: number, later: number): { outputTokens: number } {
  let reads = 0;
  return Object.defineProperty({}, "outputTokens", {
    enumerable: true,
    get: () => (reads++ === 0 ? first : later),
  }) as { outputTokens: number };
}

const usageWith = (measures: unknown) => ({
  type: "usage" as const,
  id: "shifty",
  at: T_NEXT,
  resource: "MiniMax-M3",
  measures: measures as { outputTokens: number },
});

describe("a measure that changes between reads", () => {
  it("5 then −10^15: the usage is priced at 5 tokens, and the state still stores", () => {
    const r = applyEvent(activeLedger(), usageWith(shiftingMeasures(5, -1e15)));
    if (!r.ok) throw new Error(r.error.message);
    // 5 output tokens × $1.20 / 1M = $0.000006.
    expect(r.outcome.type === "usage" && r.outcome.valueUsd).toBe("0.000006");
    expect(serializeLedger(r.state).ok).toBe(true);
    expect(parseLedger(textOf(r.state)).ok).toBe(true);
  });

  it("5 then 1.5: no RangeError, the usage is priced at 5 tokens", () => {
    const r = applyEvent(activeLedger(), usageWith(shiftingMeasures(5, 1.5)));
    expect(r.ok && r.outcome.type === "usage" && r.outcome.valueUsd).toBe("0.000006");
  });

  it("the same holds for applyEvents and quoteUsage", () => {
    const many = applyEvents(activeLedger(), [usageWith(shiftingMeasures(5, -1e15))]);
    expect(many.ok && parseLedger(textOf(many.state)).ok).toBe(true);
    const { type: _type, ...usage } = usageWith(shiftingMeasures(5, -1e15));
    const quote = quoteUsage(activeLedger(), usage);
    expect(quote.ok && quote.value.valueUsd).toBe("0.000006");
  });

  it("the schema's path (an event with metadata skips the hand-written check) reads it once too", () => {
    const r = applyEvent(activeLedger(), { ...usageWith(shiftingMeasures(5, -1e15)), metadata: { a: 1 } });
    expect(r.ok && r.outcome.type === "usage" && r.outcome.valueUsd).toBe("0.000006");
  });

  it("a measure inherited from a prototype is not a measure", () => {
    const measures = Object.create({ outputTokens: 1_000_000 }) as { outputTokens: number };
    const r = applyEvent(emptyLedger(), usageWith(measures));
    // No own measure: a usage of nothing, worth $0.
    expect(r.ok && r.outcome.type === "usage" && r.outcome.valueUsd).toBe("0");
  });

  it("an id or instant that changes between reads is read once", () => {
    let reads = 0;
    const event = Object.defineProperty(usageWith({ outputTokens: 5 }), "at", {
      enumerable: true,
      get: () => (reads++ === 0 ? T_NEXT : "not an instant"),
    });
    const r = applyEvent(activeLedger(), event);
    expect(r.ok && r.outcome.type === "usage" && r.outcome.at).toBe("2026-06-04T12:00:00.000Z");
  });
});
