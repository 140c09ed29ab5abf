/**
 * No negative lot and no negative balance, ever: after every step every live lot holds
 * between 0 and what it started with, the total and the arrears are never below zero, and
 * no entry or receipt carries a negative amount. Still true a year later, once lots expired.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditBalance, type LedgerState } from "../../src";
import { toAtoms } from "../support/amounts";
import { eventSequenceArb, lotValidityMs } from "../support/arbitraries";
import { clockOf, entriesOf, runEvents, unwrap } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

/** Every string under the keys that hold amounts, in any nested object. */
function amountsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) amountsIn(item, out);
  else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === "string" && /credits|Credits|units|usd|Usd|remaining|total|arrears/.test(key))
        out.push(inner);
      else amountsIn(inner, out);
    }
  }
  return out;
}

function expectNonNegativeAt(state: LedgerState, at: number, where: string): void {
  const balance = unwrap(creditBalance(state, at));
  let sum = 0n;
  for (const lot of balance.lots) {
    const remaining = toAtoms(lot.remaining); // throws on a negative amount
    expect(remaining <= toAtoms(lot.credits), `${where}: lot ${lot.id} holds more than it started with`).toBe(
      true,
    );
    sum += remaining;
  }
  expect(toAtoms(balance.total), `${where}: total = Σ live lots`).toBe(sum);
  expect(toAtoms(balance.arrears) >= 0n).toBe(true);
}

describe("no negative lot and no negative balance", () => {
  it(
    "holds after every step, in the state, the queries, the entries and the receipts",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), (events) => {
          const run = runEvents(events);
          for (const step of run.steps) {
            const at = clockOf(step.after, step.at);
            expectNonNegativeAt(step.after, at, `after step ${step.index}`);
            for (const lot of step.after.lots) {
              expect(toAtoms(lot.remaining) <= toAtoms(lot.credits)).toBe(true);
            }
            toAtoms(step.after.arrearsCredits);
            // toAtoms refuses a minus sign: every amount an entry or outcome carries is ≥ 0.
            for (const text of amountsIn(entriesOf(step))) toAtoms(text);
            if (step.result.ok) for (const text of amountsIn(step.result.outcome)) toAtoms(text);
          }
          const end = clockOf(run.final, 0);
          expectNonNegativeAt(run.final, end + lotValidityMs + 1, "a year after the last event");
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
