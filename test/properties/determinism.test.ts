/**
 * Determinism: the same inputs give byte-identical outputs. Two independent runs of the
 * same events (from two fresh ledgers, one by one and in one call) give the same
 * serialised states, the same entry JSON, the same outcomes and refusals, and the same
 * query answers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvents, creditBalance, type LedgerEvent, quotaStatus } from "../../src";
import { eventIdsRememberedArb, eventSequenceArb } from "../support/arbitraries";
import { freshLedger, runEvents } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { textOf } from "../support/text";

function transcript(events: readonly LedgerEvent[], remembered: number): string {
  const run = runEvents(structuredClone([...events]), freshLedger(remembered));
  const lines = run.steps.map((s) => {
    const at = s.after.clockMs ?? s.at;
    return JSON.stringify({
      state: textOf(s.after),
      result: s.result.ok ? { entries: s.result.entries, outcome: s.result.outcome } : s.result.error,
      quota: quotaStatus(s.after, at),
      credits: creditBalance(s.after, at),
    });
  });
  const many = applyEvents(freshLedger(remembered), structuredClone([...run.accepted]), {
    collectEntries: true,
  });
  lines.push(many.ok ? `${textOf(many.state)}\n${JSON.stringify(many.entries)}` : "refused");
  return lines.join("\n");
}

describe("determinism", () => {
  it(
    "the same events give byte-identical states, entries, outcomes and answers",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), eventIdsRememberedArb, (events, remembered) => {
          expect(transcript(events, remembered)).toBe(transcript(events, remembered));
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
