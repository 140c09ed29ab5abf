/**
 * The usage lane (src/ledger/lane.ts) at each of its edges, as Stryker's survivors there
 * showed untested: a usage at the very instant the subscription's period ends, at the instant
 * a lot expires, before the state's clock, one the catalog cannot price, a retry and a
 * conflict in the call, one out of order. Each replay (the lane takes its usages whatever
 * entries it collects: none, some types, with or without the usage facts, or all) must
 * answer as folding `applyEvent` (which never takes the lane): the same state, the same
 * entries of the types asked for, the same counts, the same refusal at the same index,
 * whole and under "skip".
 *
 * Every state is built inside its test: Stryker switches a mutant on before the tests run,
 * not while a file is collected.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  type LedgerEntry,
  type LedgerEntryType,
  type LedgerEvent,
  type LedgerState,
} from "../../src";
import { freshLedger } from "../support/run";
import { textOf } from "../support/text";

const t0 = Date.UTC(2026, 5, 1);
const day = 86_400_000;
/** A subscription started at t0 ends its first monthly period here. */
const periodEnd = Date.UTC(2026, 6, 1);

function usage(id: string, at: number, outputTokens = 10_000, resource = "MiniMax-M2.7"): LedgerEvent {
  return { type: "usage", id, at, resource, measures: { inputTokens: 1_000_000, outputTokens } };
}

/** The entries a replay collects: none, types without the usage facts, types with them, all. */
const replayOptions: readonly {
  readonly name: string;
  readonly collect: boolean | readonly LedgerEntryType[];
}[] = [
  { name: "every entry", collect: true },
  { name: "quota and records", collect: ["quota.consumed", "usage.recorded", "subscription.renewed"] },
  { name: "no entries", collect: false },
  {
    name: "charges and expiries",
    collect: ["subscription.charged", "credits.expired", "subscription.renewed"],
  },
  { name: "debits and arrears", collect: ["credits.debited", "usage.uncovered", "arrears.paid"] },
  // Debits and expiries together: their order says whether a lot expired before a usage.
  { name: "credit entries", collect: ["credits.debited", "credits.expired", "usage.uncovered"] },
  // Each of a usage's entry types alone, and the record with its debits: the lane writes only those.
  { name: "records only", collect: ["usage.recorded"] },
  { name: "quota only", collect: ["quota.consumed"] },
  { name: "debits only", collect: ["credits.debited"] },
  { name: "uncovered only", collect: ["usage.uncovered"] },
  { name: "records and debits", collect: ["usage.recorded", "credits.debited"] },
];

interface Folded {
  readonly text: string;
  readonly entries: readonly LedgerEntry[];
  readonly applied: number;
  readonly duplicates: number;
  /** Index and code of each refused event (the fold goes on past it, as "skip" does). */
  readonly refusals: readonly (readonly [number, string])[];
}

/** Folding applyEvent, skipping what it refuses. */
function fold(state: LedgerState, events: readonly LedgerEvent[]): Folded {
  let s = state;
  const entries: LedgerEntry[] = [];
  const refusals: [number, string][] = [];
  let applied = 0;
  let duplicates = 0;
  events.forEach((event, i) => {
    const r = applyEvent(s, event);
    if (!r.ok) {
      refusals.push([i, r.error.code]);
      return;
    }
    s = r.state;
    entries.push(...r.entries);
    if (r.duplicate) duplicates++;
    else applied++;
  });
  return { text: textOf(s), entries, applied, duplicates, refusals };
}

/** Every replay, whole and under "skip", answers as the fold. Returns the fold. */
function expectReplaysFold(state: LedgerState, events: readonly LedgerEvent[]): Folded {
  const folded = fold(state, events);
  for (const { name, collect } of replayOptions) {
    const wanted = (e: LedgerEntry) => collect === true || (collect !== false && collect.includes(e.type));
    const whole = applyEvents(state, events, { collectEntries: collect });
    const first = folded.refusals[0];
    if (first === undefined) {
      expect(whole.ok, name).toBe(true);
      if (whole.ok) {
        expect(textOf(whole.state), name).toBe(folded.text);
        expect(whole.entries, name).toEqual(folded.entries.filter(wanted));
        // The same text too: the lane writes its entries' fields in the fold's order.
        expect(JSON.stringify(whole.entries), name).toBe(JSON.stringify(folded.entries.filter(wanted)));
        expect([whole.applied, whole.duplicates], name).toEqual([folded.applied, folded.duplicates]);
      }
    } else {
      // Refused whole at the fold's first refusal (an event the fold finds before the clock is
      // out of order when the batch's own earlier event is later: see the last test).
      expect(whole.ok, name).toBe(false);
      if (!whole.ok) expect(whole.error.path[0], name).toBe(first[0]);
    }
    const skipped = applyEvents(state, events, { collectEntries: collect, onRefusal: "skip" });
    expect(skipped.ok, name).toBe(true);
    if (skipped.ok) {
      expect(textOf(skipped.state), `${name}, skip`).toBe(folded.text);
      expect(skipped.entries, `${name}, skip`).toEqual(folded.entries.filter(wanted));
      expect(
        skipped.refusals.map((r) => [r.index, r.error.code]),
        `${name}, skip`,
      ).toEqual(folded.refusals);
      expect([skipped.applied, skipped.duplicates], `${name}, skip`).toEqual([
        folded.applied,
        folded.duplicates,
      ]);
    }
  }
  return folded;
}

describe("the usage lane answers as applyEvent", () => {
  it("a usage at the instant the period ends comes after the renewal (its charge first, its quota in the new period)", () => {
    const subscribe: LedgerEvent = { type: "subscribe", id: "sub", at: t0, tier: "plus" };
    // 1,000,000 input tokens and 200,000 output of MiniMax-M2.7 take quota of the new period.
    const events = [subscribe, usage("before", periodEnd - 1), usage("at-end", periodEnd, 200_000)];
    const folded = expectReplaysFold(freshLedger(), events);
    expect(folded.refusals).toEqual([]);
    // The renewal is charged first (at the period's end, no event's), then the usage takes its quota.
    const renewal = folded.entries.findIndex(
      (e) => e.type === "subscription.charged" && e.reason === "renewal",
    );
    const atEnd = folded.entries.findIndex((e) => "eventId" in e && e.eventId === "at-end");
    expect(renewal).toBeGreaterThan(-1);
    expect(atEnd).toBeGreaterThan(renewal);
    // The same events in two calls: the usage at the period's end opens the second.
    const first = applyEvents(freshLedger(), events.slice(0, 2));
    if (!first.ok) throw new Error(first.error.message);
    const second = applyEvents(first.state, events.slice(2));
    if (!second.ok) throw new Error(second.error.message);
    expect(textOf(second.state)).toBe(folded.text);
    const stored = JSON.parse(folded.text) as { subscription: { period: number; periodStartMs: number } };
    expect([stored.subscription.period, stored.subscription.periodStartMs]).toEqual([1, periodEnd]);
  });

  it("a usage at the instant a lot expires draws from the newer lot only", () => {
    const bought = t0 + 60_000;
    const expires = bought + 365 * day;
    const events: LedgerEvent[] = [
      { type: "purchase-credits", id: "old", at: bought, package: "usd-5" },
      { type: "purchase-credits", id: "new", at: bought + day, package: "usd-5" },
      usage("at-expiry", expires),
      usage("after", expires + 1),
    ];
    // Ending at the expiry instant: the state holds the newer lot only.
    const atExpiry = expectReplaysFold(freshLedger(), events.slice(0, 3));
    const stored = JSON.parse(atExpiry.text) as { lots: { id: string }[] };
    expect(stored.lots.map((lot) => lot.id)).toEqual(["new"]);
    const folded = expectReplaysFold(freshLedger(), events);
    const lines = folded.entries.map((e) => `${e.type} ${"lotId" in e ? e.lotId : e.eventId}`);
    expect(lines.indexOf("credits.expired old")).toBeLessThan(lines.indexOf("credits.debited new"));
    expect(lines.filter((l) => l === "credits.debited old")).toEqual([]);
  });

  it("a usage before the state's clock is refused, first in its call or after another", () => {
    const first = applyEvents(freshLedger(), [usage("a", t0 + 10)]);
    if (!first.ok) throw new Error(first.error.message);
    const alone = expectReplaysFold(first.state, [usage("b", t0 + 9)]);
    expect(alone.refusals).toEqual([[0, "event_before_clock"]]);
    // Later than the clock but before the call's own earlier usage: before the clock it moved.
    const later = expectReplaysFold(first.state, [usage("c", t0 + 20), usage("d", t0 + 15)]);
    expect(later.refusals).toEqual([[1, "event_before_clock"]]);
    const refused = applyEvents(first.state, [usage("e", t0 + 9)]);
    expect(refused.ok ? "applied" : refused.error.code).toBe("event_before_clock");
  });

  it("a usage the catalog cannot price is refused, and the usages around it applied", () => {
    const events = [usage("a", t0), usage("b", t0 + 1, 10, "no-such-model"), usage("c", t0 + 2)];
    const folded = expectReplaysFold(freshLedger(), events);
    expect(folded.refusals).toEqual([[1, "unknown_resource"]]);
    expect(folded.applied).toBe(2);
  });

  it("a retry in the call is a duplicate and a changed one a conflict", () => {
    const events = [
      usage("a", t0),
      usage("b", t0 + 1),
      usage("a", t0),
      { ...usage("b", t0 + 1), at: t0 + 2 },
    ];
    const folded = expectReplaysFold(freshLedger(), events);
    expect([folded.applied, folded.duplicates]).toEqual([2, 1]);
    expect(folded.refusals).toEqual([[3, "conflict"]]);
  });

  it("a usage out of order in the call is refused as out of order", () => {
    const events = [usage("a", t0 + 10), usage("b", t0 + 9), usage("c", t0 + 11)];
    const whole = applyEvents(freshLedger(), events);
    expect(whole.ok ? "applied" : [whole.error.code, whole.error.path[0]]).toEqual([
      "events_out_of_order",
      1,
    ]);
    // Under "skip" the fold's own clock check answers it (the fold knows no order).
    expect(expectReplaysFold(freshLedger(), events).refusals).toEqual([[1, "event_before_clock"]]);
  });
});
