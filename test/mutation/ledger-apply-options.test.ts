/**
 * applyEvents' options and bounds, exactly: an entry-type list that names an unknown type
 * or a non-string, the events-per-call bound, and a list of entry types that asks for a
 * usage's quota or record entries (they are then made). Written to kill the mutants Stryker
 * left in src/ledger/apply.ts (issue 23; see bench/README.md "Mutation scores").
 */
import { describe, expect, it } from "vitest";
import { applyEvents, type LedgerEntryType, type LedgerEvent, type LedgerState } from "../../src";
import { eventsPerCallMax } from "../../src/limits";
import { Story } from "../support/ledger";

function subscribed(): LedgerState {
  const story = new Story();
  story.apply({ type: "subscribe", id: "s", at: "2026-06-04T10:00:00Z", tier: "plus" });
  story.apply({ type: "purchase-credits", id: "p", at: "2026-06-04T10:01:00Z", package: "usd-5" });
  return story.state;
}

/** Usages that quota covers, then ones that overflow to credits (the plus tier's 5h window fills). */
function usages(): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (let i = 0; i < 12; i++) {
    events.push({
      type: "usage",
      id: `u${i}`,
      at: Date.parse("2026-06-04T10:02:00Z") + i * 60_000,
      resource: "MiniMax-M3",
      measures: { inputTokens: 2_000_000, outputTokens: 400_000 },
    });
  }
  events.push({
    type: "usage",
    id: "m",
    at: "2026-06-04T10:30:00Z",
    resource: "music",
    measures: { songs: 2 },
  });
  return events;
}

describe("collectEntries as a list", () => {
  it("refuses an unknown entry type, naming it and its index", () => {
    const r = applyEvents(subscribed(), [], {
      collectEntries: ["credits.expired", "bogus" as LedgerEntryType],
    });
    expect(r.ok ? null : r.error).toEqual({
      code: "invalid_input",
      message:
        'collectEntries[1] is the unknown entry type "bogus"; expected entry types such as "subscription.charged" (see ledgerEntryTypes).',
      path: ["collectEntries", 1],
      params: { index: 1 },
    });
  });

  it("refuses a non-string", () => {
    const r = applyEvents(subscribed(), [], { collectEntries: [7 as unknown as LedgerEntryType] });
    expect(r.ok ? null : r.error).toEqual({
      code: "invalid_input",
      message:
        'collectEntries[0] is not a string; expected entry types such as "subscription.charged" (see ledgerEntryTypes).',
      path: ["collectEntries", 0],
      params: { index: 0 },
    });
  });

  it("gives, for each list, exactly the entries of those types that collecting all gives", () => {
    const state = subscribed();
    const all = applyEvents(state, usages(), { collectEntries: true });
    if (!all.ok) throw new Error(all.error.message);
    const types = new Set(all.entries.map((e) => e.type));
    // The usages make quota, record, debit and uncovered entries.
    expect([...types].sort()).toEqual([
      "credits.debited",
      "quota.consumed",
      "usage.recorded",
      "usage.uncovered",
    ]);
    const lists: LedgerEntryType[][] = [
      ["quota.consumed"],
      ["usage.recorded"],
      ["credits.debited"],
      ["usage.uncovered", "quota.consumed"],
      ["credits.debited", "usage.recorded"],
      [],
    ];
    for (const list of lists) {
      const some = applyEvents(state, usages(), { collectEntries: list });
      if (!some.ok) throw new Error(some.error.message);
      expect(some.entries, list.join()).toEqual(all.entries.filter((e) => list.includes(e.type)));
      expect(some.state).toEqual(all.state);
    }
  });
});

describe("without collectEntries", () => {
  it("no entries are returned", () => {
    const state = subscribed();
    const r = applyEvents(state, usages());
    expect(r.ok && [r.applied, r.entries]).toEqual([13, []]);
    const off = applyEvents(state, usages(), { collectEntries: false });
    expect(off.ok && off.entries).toEqual([]);
    expect(off.ok && r.ok && off.state).toEqual(r.ok && r.state);
  });
});

describe("the events-per-call bound", () => {
  it(`refuses more than ${eventsPerCallMax} events before reading any`, () => {
    const r = applyEvents(subscribed(), new Array(eventsPerCallMax + 1));
    expect(r.ok ? null : r.error).toEqual({
      code: "limit_exceeded",
      message: "At most 10000000 events per call.",
      path: [],
      params: { eventsPerCallMax: 10_000_000 },
    });
  });

  it(`reads ${eventsPerCallMax} events (here the first is refused as not an event)`, () => {
    const r = applyEvents(subscribed(), new Array(eventsPerCallMax));
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(["invalid_input", [0]]);
  });
});
