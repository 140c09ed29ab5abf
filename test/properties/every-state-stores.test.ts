/**
 * Every state stores: whatever `applyEvent`, `applyEvents` or `settle` returns as ok,
 * `parseLedger(serializeLedger(state))` accepts, and it equals the state, after every
 * step (issue 23, item 3). The invariant that would have caught a void after paid
 * arrears (negative arrears) and drained lots piling up past the parser's bound.
 *
 * Three kinds of sequences: the reference model's scenarios (edges of blocks, weeks,
 * months and expiries; pay-arrears, voids, grants, re-sends), the shared event
 * arbitraries, and long runs that buy, grant and drain many lots.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  createLedger,
  type LedgerEvent,
  type LedgerState,
  parseLedger,
  serializeLedger,
  settle,
} from "../../src";
import { ReferenceModel } from "../model/model";
import { resolveStep, type Sent, scenarioArb } from "../model/steps";
import { eventIdsRememberedArb, eventSequenceArb } from "../support/arbitraries";
import { freshLedger, runEvents } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

/**
 * Stores a state and loads it back (the one place that knows how: the stored format's
 * functions may change their signatures, this test's claim does not).
 */
function storeAndLoad(state: LedgerState): LedgerState {
  const text = serializeLedger(state);
  if (!text.ok)
    throw new Error(`serializeLedger refused a state the library returned: ${text.error.message}`);
  const loaded = parseLedger(text.value);
  if (!loaded.ok) {
    const { code, path, message } = loaded.error;
    throw new Error(`a state the library returned does not load: ${code} at ${path.join(".")}: ${message}`);
  }
  return loaded.value;
}

/** The claim, for one state: it loads, and what loads is the same state. */
function expectStores(state: LedgerState, where: string): void {
  const loaded = storeAndLoad(state);
  expect(isDeepStrictEqual(loaded, state), `${where}: the loaded state differs`).toBe(true);
}

describe("every state the library returns stores and loads back unchanged", () => {
  it(
    "over the reference model's scenarios: after every applyEvent and settle, and after applyEvents of them all",
    () => {
      fc.assert(
        fc.property(scenarioArb(24), (scenario) => {
          const created = createLedger({ eventIdsRemembered: scenario.eventIdsRemembered });
          if (!created.ok) throw new Error(created.error.message);
          const model = new ReferenceModel({
            eventIdsRemembered: scenario.eventIdsRemembered,
            tolerate: ["upgrade-clears-scheduled-change", "live-lot-id-is-conflict"],
          });
          const sent: Sent = { events: [], usageIds: [] };
          const applied: LedgerEvent[] = [];
          let state = created.state;
          scenario.steps.forEach((spec, k) => {
            for (let r = 0; r < spec.repeat; r++) {
              // The model resolves the step's edges ("the room left + 1 token", "a lot's expiry").
              const step = resolveStep(model, scenario, k, r, sent);
              if (step.kind === "settle") {
                model.settle(step.at);
                const settled = settle(state, step.at);
                if (!settled.ok) continue;
                state = settled.state;
                expectStores(state, `step ${k}-${r} settle`);
                continue;
              }
              const event = step.event;
              sent.events.push(event);
              if (event.type === "usage" && !sent.usageIds.includes(event.id)) sent.usageIds.push(event.id);
              model.apply(event);
              const result = applyEvent(state, event);
              if (!result.ok) continue;
              state = result.state;
              if (result.outcome.type !== "duplicate") applied.push(event);
              expectStores(state, `step ${k}-${r} ${event.type} ${event.id}`);
            }
          });
          const many = applyEvents(created.state, applied);
          if (!many.ok) throw new Error(`applyEvents refused: ${many.error.message}`);
          expectStores(many.state, "applyEvents of every applied event");
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  it(
    "over the shared event sequences (pay-arrears included), with any memory size",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), eventIdsRememberedArb, (events, remembered) => {
          const run = runEvents(events, freshLedger(remembered));
          for (const step of run.steps)
            if (step.result.ok) expectStores(step.after, `after ${step.event.type} ${step.event.id}`);
          const many = applyEvents(run.initial, run.accepted);
          if (!many.ok) throw new Error(`applyEvents refused: ${many.error.message}`);
          expectStores(many.state, "applyEvents of every accepted event");
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  /** Runs of the long-run property: one per 50 of the suite's runs. */
  const longRuns = Math.max(1, Math.round((propertyParameters().numRuns ?? 1000) / 50));

  /** One step of a long run over many lots. */
  type LotStep =
    | { readonly kind: "buy"; readonly credits: number }
    | { readonly kind: "grant"; readonly atoms: number }
    | { readonly kind: "spend"; readonly songs: number }
    | { readonly kind: "void"; readonly back: number }
    | { readonly kind: "pay"; readonly all: boolean }
    | { readonly kind: "later"; readonly days: number };

  const lotStepArb: fc.Arbitrary<LotStep> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.integer({ min: 1, max: 3 }).map((k): LotStep => ({ kind: "buy", credits: k * 5000 })),
    },
    {
      weight: 6,
      arbitrary: fc.integer({ min: 1, max: 200_000 }).map((atoms): LotStep => ({ kind: "grant", atoms })),
    },
    {
      weight: 6,
      arbitrary: fc.integer({ min: 0, max: 60 }).map((songs): LotStep => ({ kind: "spend", songs })),
    },
    { weight: 2, arbitrary: fc.nat(6).map((back): LotStep => ({ kind: "void", back })) },
    { weight: 1, arbitrary: fc.boolean().map((all): LotStep => ({ kind: "pay", all })) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 400 }).map((days): LotStep => ({ kind: "later", days })),
    },
  );

  /** Turns a run's steps into events, one minute apart (plus the `later` jumps). */
  function lotEvents(steps: readonly LotStep[]): LedgerEvent[] {
    const events: LedgerEvent[] = [];
    const usages: string[] = [];
    let t = Date.parse("2026-06-01T00:00:00Z");
    steps.forEach((s, i) => {
      t += s.kind === "later" ? s.days * 86_400_000 : 60_000;
      const at = t;
      switch (s.kind) {
        case "buy":
          events.push({ type: "purchase-credits", id: `b${i}`, at, credits: String(s.credits) });
          break;
        case "grant":
          // Tiny grants, many of them: a song (150 credits) drains hundreds at once.
          events.push({
            type: "grant-credits",
            id: `g${i}`,
            at,
            credits: `0.${String(s.atoms).padStart(7, "0")}`,
          });
          break;
        case "spend":
          usages.push(`u${i}`);
          events.push({ type: "usage", id: `u${i}`, at, resource: "music", measures: { songs: s.songs } });
          break;
        case "void":
          events.push({
            type: "void-usage",
            id: `v${i}`,
            at,
            usageId: usages[usages.length - 1 - s.back] ?? "none",
          });
          break;
        case "pay":
          events.push(
            s.all
              ? { type: "pay-arrears", id: `a${i}`, at }
              : { type: "pay-arrears", id: `a${i}`, at, credits: "100" },
          );
          break;
        case "later":
          break;
      }
    });
    return events;
  }

  it(
    "over long runs that buy, grant, drain and refill many lots (up to 800 events each)",
    () => {
      fc.assert(
        fc.property(
          fc.array(lotStepArb, { minLength: 1, maxLength: 800, size: "max" }),
          fc.constantFrom(1, 3, 8, 32),
          (steps, remembered) => {
            const initial = freshLedger(remembered);
            let state = initial;
            const accepted: LedgerEvent[] = [];
            for (const event of lotEvents(steps)) {
              const result = applyEvent(state, event);
              if (!result.ok) continue;
              state = result.state;
              accepted.push(event);
              expectStores(state, `after ${event.id}`);
            }
            const many = applyEvents(initial, accepted);
            if (!many.ok) throw new Error(`applyEvents refused: ${many.error.message}`);
            expectStores(many.state, "applyEvents of every accepted event");
            expect(serializeLedger(many.state)).toEqual(serializeLedger(state));
          },
        ),
        // A run is up to 800 events, each one stored and loaded (with up to hundreds of lots):
        // one run per 50 of the suite's (20 at the default 1,000), about 8,000 states.
        { ...propertyParameters(), numRuns: longRuns },
      );
    },
    propertyTimeoutMs,
  );

  it(
    "a long account at the default memory: 1,200 lots bought and drained, stored as it goes",
    () => {
      const initial = freshLedger();
      let state = initial;
      const events: LedgerEvent[] = [];
      for (let i = 0; i < 1200; i++) {
        const at = Date.parse("2026-06-01T00:00:00Z") + i * 60_000;
        events.push({ type: "purchase-credits", id: `p${i}`, at, package: "usd-5" });
        // 50,000 speech-hd characters cost exactly $5: each usage drains its lot.
        events.push({
          type: "usage",
          id: `u${i}`,
          at,
          resource: "speech-hd",
          measures: { characters: 50_000 },
        });
        if (i % 7 === 0) events.push({ type: "void-usage", id: `v${i}`, at, usageId: `u${i}` });
      }
      events.forEach((event, i) => {
        const result = applyEvent(state, event);
        if (!result.ok) throw new Error(`${event.id}: ${result.error.message}`);
        state = result.state;
        // Every 10th state and every void: a state of 128 lots takes milliseconds to store and load.
        if (i % 10 === 0 || event.type === "void-usage") expectStores(state, `after ${event.id}`);
      });
      expectStores(state, "at the end");
      const many = applyEvents(initial, events);
      if (!many.ok) throw new Error(many.error.message);
      expect(serializeLedger(many.state)).toEqual(serializeLedger(state));
    },
    propertyTimeoutMs,
  );
});
