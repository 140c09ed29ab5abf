/**
 * Replay equals step by step: applyEvents over a sequence ends in the same state (same
 * JSON) and the same entries as folding applyEvent; splitting the sequence into two
 * applyEvents calls at any point changes nothing; and a sequence with a refused event is
 * refused whole, with the error the fold met first. With `onRefusal: "skip"`, the raw
 * sequence (refused events included) gives what folding applyEvent gives, skipping the
 * refused ones: same state, same entries, and each refusal at its index with the fold's error.
 * A `collectEntries` list of types gives exactly the full entries filtered to those types.
 * Every replay takes the usage lane (`src/ledger/lane.ts`) for its ordinary usages, whatever
 * it collects; the last property also runs it with no entries and with lists that keep no
 * usage quota or record entries: it too ends where the fold ends, whole, split, and under "skip".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvents, type LedgerEvent, type LedgerState, ledgerEntryTypes } from "../../src";
import { eventIdsRememberedArb, eventSequenceArb } from "../support/arbitraries";
import { freshLedger, runEvents } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { textOf } from "../support/text";

function replay(state: LedgerState, events: readonly LedgerEvent[]) {
  const result = applyEvents(state, events, { collectEntries: true });
  if (!result.ok) throw new Error(`applyEvents refused ${result.error.code}: ${result.error.message}`);
  return result;
}

describe("replay equals step by step", () => {
  it(
    "applyEvents(events) = folding applyEvent, whole or split in two calls anywhere",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), fc.nat(), eventIdsRememberedArb, (events, cutSeed, remembered) => {
          const initial = freshLedger(remembered);
          const run = runEvents(events, initial);
          const whole = replay(initial, run.accepted);
          expect(textOf(whole.state)).toBe(textOf(run.final));
          expect(JSON.stringify(whole.entries)).toBe(JSON.stringify(run.entries));
          const duplicates = run.steps.filter((s) => s.result.ok && s.result.duplicate).length;
          expect(whole.duplicates).toBe(duplicates);
          expect(whole.applied).toBe(run.accepted.length - duplicates);

          const cut = cutSeed % (run.accepted.length + 1);
          const first = replay(initial, run.accepted.slice(0, cut));
          const second = replay(first.state, run.accepted.slice(cut));
          expect(textOf(second.state)).toBe(textOf(run.final));
          expect(JSON.stringify([...first.entries, ...second.entries])).toBe(JSON.stringify(run.entries));

          // The raw sequence: refused whole, with the first refusal the fold met, at its index.
          const refused = run.steps.find((s) => !s.result.ok);
          const raw = applyEvents(initial, events);
          if (refused === undefined || refused.result.ok) {
            expect(raw.ok).toBe(true);
            if (raw.ok) expect(textOf(raw.state)).toBe(textOf(run.final));
          } else {
            expect(raw.ok).toBe(false);
            if (!raw.ok) {
              expect(raw.error.code).toBe(refused.result.error.code);
              expect(raw.error.path).toEqual([refused.index, ...refused.result.error.path]);
            }
          }
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  it(
    'onRefusal "skip" = folding applyEvent, skipping the refused events',
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), eventIdsRememberedArb, (events, remembered) => {
          const initial = freshLedger(remembered);
          const run = runEvents(events, initial);
          const skipped = applyEvents(initial, events, { collectEntries: true, onRefusal: "skip" });
          expect(skipped.ok).toBe(true);
          if (!skipped.ok) return;
          expect(textOf(skipped.state)).toBe(textOf(run.final));
          expect(JSON.stringify(skipped.entries)).toBe(JSON.stringify(run.entries));
          const expected = run.steps.flatMap((s) =>
            s.result.ok
              ? []
              : [{ index: s.index, code: s.result.error.code, path: [s.index, ...s.result.error.path] }],
          );
          expect(
            skipped.refusals.map((r) => ({ index: r.index, code: r.error.code, path: r.error.path })),
          ).toEqual(expected);
          const duplicates = run.steps.filter((s) => s.result.ok && s.result.duplicate).length;
          expect([skipped.applied, skipped.duplicates]).toEqual([
            run.accepted.length - duplicates,
            duplicates,
          ]);
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  it(
    "collectEntries: [types] = every entry, filtered to those types (order kept)",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), fc.subarray([...ledgerEntryTypes]), (events, types) => {
          const initial = freshLedger();
          const run = runEvents(events, initial);
          const all = replay(initial, run.accepted);
          const some = applyEvents(initial, run.accepted, { collectEntries: types });
          expect(some.ok).toBe(true);
          if (!some.ok) return;
          expect(textOf(some.state)).toBe(textOf(all.state));
          expect(JSON.stringify(some.entries)).toBe(
            JSON.stringify(all.entries.filter((e) => (types as string[]).includes(e.type))),
          );
          // Under "skip" too, on the raw sequence.
          const skipped = applyEvents(initial, events, { collectEntries: types, onRefusal: "skip" });
          expect(skipped.ok && JSON.stringify(skipped.entries)).toBe(
            JSON.stringify(run.entries.filter((e) => (types as string[]).includes(e.type))),
          );
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  it(
    "the usage lane (no usage entries read) = folding applyEvent, whole, split and under skip",
    () => {
      const quietOptions = [
        {},
        { collectEntries: false },
        { collectEntries: ["subscription.charged", "credits.expired"] as const },
        { collectEntries: ["credits.debited", "usage.uncovered", "arrears.paid"] as const },
      ];
      fc.assert(
        fc.property(
          eventSequenceArb(),
          fc.nat(),
          eventIdsRememberedArb,
          fc.constantFrom(...quietOptions),
          (events, cutSeed, remembered, options) => {
            const initial = freshLedger(remembered);
            const run = runEvents(events, initial);
            const wanted = (e: { readonly type: string }) =>
              options.collectEntries === undefined || options.collectEntries === false
                ? false
                : (options.collectEntries as readonly string[]).includes(e.type);
            const whole = applyEvents(initial, run.accepted, options);
            expect(whole.ok).toBe(true);
            if (!whole.ok) return;
            expect(textOf(whole.state)).toBe(textOf(run.final));
            expect(JSON.stringify(whole.entries)).toBe(JSON.stringify(run.entries.filter(wanted)));
            const cut = cutSeed % (run.accepted.length + 1);
            const first = applyEvents(initial, run.accepted.slice(0, cut), options);
            expect(first.ok).toBe(true);
            if (!first.ok) return;
            const second = applyEvents(first.state, run.accepted.slice(cut), options);
            expect(second.ok && textOf(second.state)).toBe(textOf(run.final));
            const skipped = applyEvents(initial, events, { ...options, onRefusal: "skip" });
            expect(skipped.ok).toBe(true);
            if (!skipped.ok) return;
            expect(textOf(skipped.state)).toBe(textOf(run.final));
            expect(JSON.stringify(skipped.entries)).toBe(JSON.stringify(run.entries.filter(wanted)));
            expect(skipped.refusals.map((r) => [r.index, r.error.code])).toEqual(
              run.steps.flatMap((s) => (s.result.ok ? [] : [[s.index, s.result.error.code]])),
            );
          },
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
