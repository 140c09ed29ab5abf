/**
 * Serialise → parse → continue equals continue: a ledger stored and loaded at any point
 * of a sequence goes on exactly as the one that was never stored (same states, entries,
 * outcomes and refusals), and storing it again gives the same text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLedger } from "../../src";
import { eventIdsRememberedArb, eventSequenceArb } from "../support/arbitraries";
import { freshLedger, runEvents, type Step } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { textOf } from "../support/text";

function observed(steps: readonly Step[]): string {
  return JSON.stringify(
    steps.map((s) =>
      s.result.ok
        ? { state: textOf(s.after), entries: s.result.entries, outcome: s.result.outcome }
        : { error: s.result.error },
    ),
  );
}

describe("serialise → parse → continue", () => {
  it(
    "equals continuing without storing, at a random cut point",
    () => {
      fc.assert(
        fc.property(
          eventSequenceArb(),
          fc.nat(),
          fc.boolean(),
          eventIdsRememberedArb,
          (events, cutSeed, asObject, remembered) => {
            const cut = cutSeed % (events.length + 1);
            const prefix = runEvents(events.slice(0, cut), freshLedger(remembered));
            const text = textOf(prefix.final);
            const parsed = parseLedger(asObject ? JSON.parse(text) : text);
            if (!parsed.ok)
              throw new Error(`parseLedger refused ${parsed.error.code}: ${parsed.error.message}`);
            expect(textOf(parsed.value)).toBe(text);

            const rest = events.slice(cut);
            const direct = runEvents(rest, prefix.final);
            const loaded = runEvents(rest, parsed.value);
            expect(textOf(loaded.final)).toBe(textOf(direct.final));
            expect(observed(loaded.steps)).toBe(observed(direct.steps));
          },
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
