/**
 * No mutation: the library never writes to its inputs. Deep-frozen states, events and
 * event arrays are accepted without a throw (a write to a frozen object throws in strict
 * mode) and are unchanged afterwards; the outputs, frozen in turn, carry the run on; and
 * the results equal those of the unfrozen run.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  createLedger,
  creditBalance,
  type LedgerEvent,
  type LedgerState,
  parseLedger,
  quotaStatus,
  quoteUsage,
  settle,
  timeUntilAvailable,
} from "../../src";
import { dayMs, eventSequenceArb } from "../support/arbitraries";
import { deepFreeze } from "../support/freeze";
import { runEvents, usageInputOf } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { textOf } from "../support/text";

function frozenLedger(): LedgerState {
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  return deepFreeze(created.state);
}

/** Every read-only entry point, on a frozen state; none may throw or write. */
function queryAll(state: LedgerState, event: LedgerEvent, at: number): void {
  quotaStatus(state, at);
  creditBalance(state, at, { horizon: "P400D" });
  timeUntilAvailable(state, "1.5", at);
  timeUntilAvailable(state, "1", at, { bucket: "video" });
  if (event.type === "usage") quoteUsage(state, deepFreeze(usageInputOf(structuredClone(event))));
}

/** What a result says, without the state (compared apart, serialised). */
function said(result: ReturnType<typeof applyEvent>): string {
  return JSON.stringify(result.ok ? { entries: result.entries, outcome: result.outcome } : result.error);
}

/** The heavier entry points (a year of renewals and expiries; a full parse), once per run. */
function storeAndSettle(state: LedgerState): void {
  const before = textOf(state);
  const settled = settle(state, (state.clockMs ?? 0) + 400 * dayMs);
  expect(settled.ok).toBe(true);
  const parsed = parseLedger(deepFreeze(JSON.parse(before)));
  expect(parsed.ok).toBe(true);
  if (parsed.ok) {
    const text = textOf(deepFreeze(parsed.value));
    expect(text).toBe(before);
  }
  expect(textOf(state)).toBe(before);
}

describe("no mutation", () => {
  it(
    "frozen states, events and arrays are accepted and left unchanged",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), (events) => {
          const reference = runEvents(events);
          let state = frozenLedger();
          for (const step of reference.steps) {
            const event = deepFreeze(structuredClone(step.event));
            const stateText = textOf(state);
            const eventText = JSON.stringify(event);
            // Queries first, then the event, all on the same frozen state; then nothing changed.
            queryAll(state, event, Math.max(step.at, state.clockMs ?? step.at));
            const result = applyEvent(state, event);
            expect(textOf(state)).toBe(stateText);
            expect(JSON.stringify(event)).toBe(eventText);
            expect(said(result)).toBe(said(step.result));
            if (result.ok) {
              state = deepFreeze(result.state);
              if (result.state !== step.after) expect(textOf(result.state)).toBe(textOf(step.after));
            }
          }
          expect(textOf(state)).toBe(textOf(reference.final));
          storeAndSettle(state);

          const initial = frozenLedger();
          const accepted = deepFreeze(structuredClone([...reference.accepted]));
          const acceptedText = JSON.stringify(accepted);
          const many = applyEvents(initial, accepted, { collectEntries: true });
          expect(JSON.stringify(accepted)).toBe(acceptedText);
          expect(many.ok).toBe(true);
          if (many.ok) expect(textOf(many.state)).toBe(textOf(reference.final));
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
