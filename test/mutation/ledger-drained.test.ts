/**
 * The drained-lot tracker (`src/ledger/drained.ts`) against its rule, on random histories: after
 * every call, a lot with no credits left is in the state exactly while a remembered, unvoided
 * usage drew from it (named by id and expiry) and it has not expired. Histories of small grants
 * drained by songs (150 credits each, no plan: credits pay all), voids of earlier usages,
 * `pay-arrears`, lots that expire within a day, a short id memory, calls of one to many events
 * (a long call switches the tracker from scanning to counting references), and a store and
 * load between calls (drained lots that come with the state). Written to kill the mutants
 * Stryker left in drained.ts (see bench/README.md "Mutation scores").
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  createLedger,
  type LedgerEvent,
  type LedgerState,
  parseLedger,
  settle,
} from "../../src";
import { flattenRecent, recordOf } from "../../src/ledger/recent";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { forgetting, textOf } from "../support/text";

const t0 = Date.parse("2026-06-01T00:00:00Z");
const hour = 3_600_000;

type Step =
  | {
      readonly kind: "grant";
      readonly credits: "150" | "100" | "300";
      readonly days: 1 | 30;
      /** At the instant of the event before: lots of the same expiry, named apart by id only. */
      readonly same: boolean;
    }
  | { readonly kind: "songs"; readonly n: 1 | 2 }
  | { readonly kind: "void"; readonly back: number }
  | { readonly kind: "pay" }
  | { readonly kind: "wait"; readonly hours: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("grant" as const),
      credits: fc.constantFrom("150" as const, "100" as const, "300" as const),
      days: fc.constantFrom(1 as const, 30 as const),
      same: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant("songs" as const), n: fc.constantFrom(1 as const, 2 as const) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("void" as const), back: fc.nat(6) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("pay" as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("wait" as const), hours: fc.integer({ min: 1, max: 30 }) }),
  },
);

/** The events of a history, one instant after another (a void names a usage made before it). */
function eventsOf(steps: readonly Step[], remembered: number): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  /** Usages not voided yet, with their position among the events. */
  const usages: { readonly id: string; readonly position: number }[] = [];
  let at = t0;
  steps.forEach((step, i) => {
    at += step.kind === "wait" ? step.hours * hour : step.kind === "grant" && step.same ? 0 : 60_000;
    const id = `e${i}`;
    switch (step.kind) {
      case "grant":
        events.push({
          type: "grant-credits",
          id,
          at,
          credits: step.credits,
          validity: { rule: "elapsed-days", days: step.days },
        });
        return;
      case "songs":
        usages.push({ id, position: events.length });
        events.push({ type: "usage", id, at, resource: "music", measures: { songs: step.n } });
        return;
      case "void": {
        // Only a remembered usage can be voided: one of the last `remembered` events.
        const open = usages.filter((u) => u.position >= events.length - remembered);
        const chosen = open[open.length - 1 - (step.back % Math.max(open.length, 1))];
        if (chosen === undefined) return;
        usages.splice(usages.indexOf(chosen), 1);
        events.push({ type: "void-usage", id, at, usageId: chosen.id });
        return;
      }
      case "pay":
        events.push({ type: "pay-arrears", id, at });
        return;
      case "wait":
        usages.push({ id, position: events.length });
        events.push({ type: "usage", id, at, resource: "music", measures: { songs: 0 } });
        return;
    }
  });
  return events;
}

/** The rule, checked on a state the library returned. */
function expectOnlyRefillableDrainedLots(state: LedgerState): void {
  const clock = state.clockMs ?? -1;
  const drawn = new Set<string>();
  for (const json of flattenRecent(state.recentEvents)) {
    const record = recordOf(json);
    if (record === null || record.voided) continue;
    for (const d of record.draws) drawn.add(`${d.lotId}@${d.expiresAt}`);
  }
  const held = new Set(state.lots.map((lot) => `${lot.id}@${lot.expiresAtMs}`));
  // Every drained lot held is one a void can refill.
  for (const lot of state.lots) {
    if (lot.remaining === "0")
      expect(drawn, `drained lot ${lot.id} kept`).toContain(`${lot.id}@${lot.expiresAtMs}`);
  }
  // Every lot a remembered, unvoided usage drew from is held until it expires.
  for (const key of drawn) {
    const expiresAt = Number(key.slice(key.lastIndexOf("@") + 1));
    if (expiresAt > clock) expect(held, `lot ${key} dropped`).toContain(key);
  }
}

const historyArb = fc.record({
  remembered: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 9, max: 60 })),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 240, size: "max" }),
  // Long calls too: past 16 drained lots checked in one call, the tracker counts references.
  cuts: fc.array(fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 240 })), {
    minLength: 1,
    maxLength: 6,
  }),
  store: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
});

describe("drained lots, on random histories", () => {
  it(
    "after every call, a drained lot is held exactly while a remembered, unvoided usage drew from it; one event at a time gives the same states",
    () => {
      fc.assert(
        fc.property(historyArb, ({ remembered, steps, cuts, store }) => {
          const created = createLedger({ eventIdsRemembered: remembered });
          if (!created.ok) throw new Error(created.error.message);
          const events = eventsOf(steps, remembered);
          let state = created.state;
          let one = created.state;
          let start = 0;
          for (let c = 0; start < events.length; c++) {
            const size = cuts[c % cuts.length] as number;
            const batch = events.slice(start, start + size);
            start += size;
            const r = applyEvents(state, batch);
            if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
            state = r.state;
            for (const event of batch) {
              const s = applyEvent(one, event);
              if (!s.ok) throw new Error(`${s.error.code}: ${s.error.message}`);
              one = s.state;
            }
            expectOnlyRefillableDrainedLots(state);
            expect(one.lots).toEqual(state.lots);
            if (store[c % store.length]) {
              const back = parseLedger(textOf(state));
              if (!back.ok) throw new Error(back.error.message);
              state = back.value;
              const backOne = parseLedger(textOf(one));
              if (!backOne.ok) throw new Error(backOne.error.message);
              one = backOne.value;
            }
          }
        }),
        propertyParameters(300),
      );
    },
    propertyTimeoutMs,
  );
});

/** `songs` songs at `at` (150 credits each; no plan, so credits pay all of it). */
const songs = (id: string, at: number, n = 1): LedgerEvent => ({
  type: "usage",
  id,
  at,
  resource: "music",
  measures: { songs: n },
});
const grant = (id: string, at: number, credits: string, days: number): LedgerEvent => ({
  type: "grant-credits",
  id,
  at,
  credits,
  validity: { rule: "elapsed-days", days },
});
const day = 24 * hour;

function applied(state: LedgerState, events: readonly LedgerEvent[]): LedgerState {
  const r = applyEvents(state, events);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.state;
}

function fresh(): LedgerState {
  const created = createLedger({ eventIdsRemembered: 16 });
  if (!created.ok) throw new Error(created.error.message);
  return created.state;
}

describe("a lot id used again: a draw from the expired lot of that id does not hold the new one", () => {
  // Lot "x" (300 credits, one day) gives 150 to usage u1, then expires with 150 left; the
  // grant event "x" is no longer remembered, so a new grant may be called "x" too. The new
  // "x" is emptied by pay-arrears: only u1 drew from an "x", and from the other one.
  it("u1 remembered from the stored state", () => {
    let state = applied(fresh(), [grant("x", t0, "300", 1), songs("u1", t0 + 60_000)]);
    state = forgetting(state, ["x"]);
    state = applied(state, [
      songs("u0", t0 + 2 * day), // 150 of arrears: "x" has expired
      grant("x", t0 + 2 * day + 60_000, "150", 30),
      { type: "pay-arrears", id: "pay", at: t0 + 2 * day + 120_000 },
    ]);
    expect(state.arrearsCredits).toBe("0");
    expect(state.lots).toEqual([]);
  });

  it("u1 applied in the same call, while another drained lot is held", () => {
    // Lot "y" is emptied by uy and held (a void of uy refills it): the call follows the memory
    // from its first event, so u1 is one of the usages it applied.
    let state = applied(fresh(), [
      grant("y", t0, "150", 30),
      songs("uy", t0 + 60_000),
      grant("x", t0 + 120_000, "300", 1),
    ]);
    state = forgetting(state, ["x"]);
    expect(state.lots.map((l) => [l.id, l.remaining])).toEqual([
      ["x", "300"],
      ["y", "0"],
    ]);
    state = applied(state, [
      songs("f", t0 + 180_000, 0),
      songs("u1", t0 + 240_000),
      songs("u0", t0 + 2 * day),
      grant("x", t0 + 2 * day + 60_000, "150", 30),
      { type: "pay-arrears", id: "pay", at: t0 + 2 * day + 120_000 },
    ]);
    expect(state.arrearsCredits).toBe("0");
    expect(state.lots.map((l) => [l.id, l.remaining])).toEqual([["y", "0"]]);
  });
});

describe("a drained lot that expires at the instant time is settled to", () => {
  it("leaves without an entry, as it does after its expiry", () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const state = applied(created.state, [grant("g1", t0, "150", 1), songs("u1", t0 + hour)]);
    expect(state.lots.map((l) => [l.id, l.remaining])).toEqual([["g1", "0"]]);
    const settled = settle(state, t0 + day);
    expect(settled.ok && [settled.entries, settled.state.lots]).toEqual([[], []]);
  });
});
