/**
 * Regressions found in review, one story each, so they stay fixed.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  defaultCatalog,
  extendCatalog,
  type LedgerEvent,
  parseLedger,
} from "../../src";
import { lotsCountMax } from "../../src/limits";
import { newLedger, Story } from "../support/ledger";
import { textOf, withRemembered } from "../support/text";

describe("a lot id reused after its lot expired", () => {
  it("a void never refills the newer lot: the old credits are reported as expired", () => {
    const story = new Story();
    story.apply({ type: "purchase-credits", id: "A", at: "2026-01-01T00:00:00Z", package: "usd-5" });
    story.usage({ id: "u", at: "2026-12-31T00:00:00Z", resource: "music", measures: { songs: 10 } }); // 1,500 credits from A
    // A expires 2027-01-01; a new purchase takes the id "A" (the old event is still remembered,
    // so give the new one through a ledger that forgot it).
    const forgetful = withRemembered(story.state, 2);
    const later = applyEvents(forgetful, [
      { type: "usage", id: "x", at: "2027-01-01T00:00:00Z", resource: "music", measures: { songs: 0 } },
      { type: "purchase-credits", id: "A", at: "2027-01-01T00:00:01Z", package: "usd-5" },
    ]);
    if (!later.ok) throw new Error(later.error.message);
    const voided = applyEvent(later.state, {
      type: "void-usage",
      id: "v",
      at: "2027-01-02T00:00:00Z",
      usageId: "u",
    });
    // "u" itself was forgotten by the smaller memory: the void is refused, nothing moves.
    expect(voided.ok === false && voided.error.code).toBe("usage_not_found");
  });

  it("with the usage still remembered, the void reports the credits as expired and leaves the new lot alone", () => {
    const story = new Story();
    story.apply({ type: "purchase-credits", id: "A", at: "2026-01-01T00:00:00Z", package: "usd-5" });
    story.usage({ id: "u", at: "2026-12-31T00:00:00Z", resource: "music", measures: { songs: 10 } });
    // Forget only the purchase: rebuild the state with the purchase dropped from memory.
    const stored = JSON.parse(textOf(story.state)) as { recentEvents: [string][] };
    stored.recentEvents = stored.recentEvents.filter((e) => e[0] !== "A");
    const read = parseLedger(stored);
    if (!read.ok) throw new Error(read.error.message);
    const state = read.value;
    const bought = applyEvent(state, {
      type: "purchase-credits",
      id: "A",
      at: "2027-01-01T00:00:01Z",
      package: "usd-5",
    });
    if (!bought.ok) throw new Error(bought.error.message);
    const voided = applyEvent(bought.state, {
      type: "void-usage",
      id: "v",
      at: "2027-01-02T00:00:00Z",
      usageId: "u",
    });
    expect(voided.ok && voided.outcome).toMatchObject({
      creditsReturned: [],
      creditsExpired: [{ lotId: "A", credits: "1500" }],
    });
    expect(voided.ok && voided.state.lots.map((l) => [l.id, l.remaining])).toEqual([["A", "5000"]]);
    expect(voided.ok && parseLedger(textOf(voided.state)).ok).toBe(true);
  });
});

describe("emptied lots do not block a paid purchase", () => {
  it(`${lotsCountMax} emptied grants, then a $100 package is accepted`, () => {
    const events: LedgerEvent[] = Array.from({ length: lotsCountMax }, (_, i) => ({
      type: "grant-credits",
      id: `g${i}`,
      at: "2026-06-01T00:00:00Z",
      credits: "0.15",
    }));
    events.push({
      type: "usage",
      id: "spend",
      at: "2026-06-01T01:00:00Z",
      resource: "music",
      measures: { songs: 1024 },
    });
    const spent = applyEvents(withRemembered(newLedger(), 4096), events);
    if (!spent.ok) throw new Error(spent.error.message);
    expect(spent.state.lots.every((l) => l.remaining === "0")).toBe(true);
    const paid = applyEvent(spent.state, {
      type: "purchase-credits",
      id: "paid",
      at: "2026-06-01T02:00:00Z",
      package: "usd-100",
    });
    expect(paid.ok).toBe(true);
  });
});

describe("what counts as the same event", () => {
  const first: LedgerEvent = {
    type: "usage",
    id: "u",
    at: "2026-06-01T00:00:00Z",
    resource: "MiniMax-M3",
    measures: { inputTokens: 10 },
    metadata: { a: 1, b: "x" },
  };
  const applied = applyEvent(newLedger(), first);
  if (!applied.ok) throw new Error(applied.error.message);

  it.each([
    ["a zero measure instead of none", { ...first, measures: { inputTokens: 10, outputTokens: 0 } }],
    ["metadata keys in another order", { ...first, metadata: { b: "x", a: 1 } }],
    ["the instant in epoch ms", { ...first, at: Date.parse("2026-06-01T00:00:00Z") }],
  ] as const)("%s is a duplicate, not a conflict", (_name, again) => {
    const r = applyEvent(applied.state, again);
    expect(r.ok && r.duplicate).toBe(true);
  });

  it("a zero for a measure the resource does not price is accepted", () => {
    const r = applyEvent(newLedger(), {
      ...first,
      id: "z",
      measures: { inputTokens: 10, cacheWriteTokens: 0 },
    });
    expect(r.ok).toBe(true);
  });
});

describe("everything the library stores, it can load", () => {
  it("a sliding window finer than its record bound is refused by the catalog", () => {
    const r = extendCatalog(defaultCatalog, {
      buckets: {
        general: {
          windows: { "5h": { label: "5-hour", kind: "sliding", duration: "PT5H", resolution: "PT0.001S" } },
        },
      },
    });
    expect(r.ok === false && [r.error.code, r.error.path.at(-1)]).toEqual(["limit_exceeded", "resolution"]);
  });

  it("a boost that would need rounding is refused by the catalog", () => {
    const r = extendCatalog(defaultCatalog, {
      tiers: {
        plus: {
          limits: {
            general: {
              "5h": {
                units: "0.000000000001",
                boosts: [{ from: "2026-01-01T00:00:00Z", until: "2026-02-01T00:00:00Z", permille: 1500 }],
              },
            },
          },
        },
      },
    });
    expect(r.ok === false && r.error.path.at(-1)).toBe("permille");
  });

  it("no subscription or credit lot may end after the year 9999", () => {
    const state = newLedger();
    const sub = applyEvent(state, { type: "subscribe", id: "s", at: "9999-12-15T00:00:00Z", tier: "plus" });
    expect(sub.ok === false && sub.error.code).toBe("invalid_instant");
    const buy = applyEvent(state, {
      type: "purchase-credits",
      id: "p",
      at: "9999-06-01T00:00:00Z",
      package: "usd-5",
    });
    expect(buy.ok === false && buy.error.code).toBe("invalid_instant");
  });
});
