/**
 * Drained lots (issue 23, item 2; issue 20, item 7). A lot with no credits left stays in
 * the state only while a void can still refill it, that is while a remembered usage that
 * drew from it has not been voided. Then it leaves, without an entry (it loses nothing).
 * Every lot the ledger may hold, the parser accepts: at most `lotsStoredMax`.
 */
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
import { eventIdsRememberedMax, lotsCountMax, lotsStoredMax } from "../../src/limits";
import { Story } from "../support/ledger";
import { textOf } from "../support/text";

const song = (id: string, at: string): LedgerEvent => ({
  type: "usage",
  id,
  at,
  resource: "music",
  measures: { songs: 1 },
}); // $0.15 = 150 credits: no plan, so credits pay all of it

const grant150 = (id: string, at: string, days?: number): LedgerEvent => ({
  type: "grant-credits",
  id,
  at,
  credits: "150",
  ...(days === undefined ? {} : { validity: { rule: "elapsed-days" as const, days } }),
});

function storesAndLoads(state: LedgerState): void {
  const back = parseLedger(textOf(state));
  if (!back.ok) throw new Error(`${back.error.code} at ${back.error.path.join(".")}: ${back.error.message}`);
  expect(back.value).toEqual(state);
}

describe("a drained lot stays while a void can refill it", () => {
  it("drained by a remembered usage: kept (0 left), and the void refills it", () => {
    const story = new Story();
    story.apply(grant150("g1", "2026-06-01T00:00:00Z"));
    story.apply(song("u1", "2026-06-01T01:00:00Z"));
    expect(story.state.lots.map((l) => [l.id, l.remaining])).toEqual([["g1", "0"]]);
    story.apply({ type: "void-usage", id: "v", at: "2026-06-01T02:00:00Z", usageId: "u1" });
    expect(story.state.lots.map((l) => [l.id, l.remaining])).toEqual([["g1", "150"]]);
  });

  it("once the usage that drained it is forgotten, the lot leaves the state", () => {
    const created = createLedger({ eventIdsRemembered: 2 });
    if (!created.ok) throw new Error(created.error.message);
    const r = applyEvents(created.state, [
      grant150("g1", "2026-06-01T00:00:00Z"),
      song("u1", "2026-06-01T01:00:00Z"),
    ]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.state.lots.map((l) => l.id)).toEqual(["g1"]);
    // Two more events: "u1" is no longer remembered, so nothing can refill g1.
    const later = applyEvents(r.state, [
      { type: "subscribe", id: "s", at: "2026-06-01T02:00:00Z", tier: "plus" },
      { type: "cancel", id: "c", at: "2026-06-01T03:00:00Z" },
    ]);
    if (!later.ok) throw new Error(later.error.message);
    expect(later.state.lots).toEqual([]);
    // One at a time gives the same state.
    let one = r.state;
    for (const event of [
      { type: "subscribe", id: "s", at: "2026-06-01T02:00:00Z", tier: "plus" },
      { type: "cancel", id: "c", at: "2026-06-01T03:00:00Z" },
    ] as const) {
      const step = applyEvent(one, event);
      if (!step.ok) throw new Error(step.error.message);
      one = step.state;
    }
    expect(one).toEqual(later.state);
  });

  it("emptied by pay-arrears and drawn by no remembered usage: it leaves at once", () => {
    const story = new Story();
    story.apply(song("u1", "2026-06-01T00:00:00Z")); // 150 of arrears
    story.apply(grant150("g1", "2026-06-01T01:00:00Z"));
    story.apply({ type: "pay-arrears", id: "pay", at: "2026-06-01T02:00:00Z" });
    expect(story.state.lots).toEqual([]);
    expect(story.state.arrearsCredits).toBe("0");
  });
});

describe("a drained lot that expires", () => {
  it("leaves without a credits.expired entry (it loses nothing), and a later void reports its credits as expired", () => {
    const story = new Story();
    story.apply(grant150("g1", "2026-06-01T00:00:00Z", 1));
    story.apply(song("u1", "2026-06-01T01:00:00Z"));
    const settled = settle(story.state, "2026-06-03T00:00:00Z");
    if (!settled.ok) throw new Error(settled.error.message);
    expect(settled.entries).toEqual([]);
    expect(settled.state.lots).toEqual([]);
    story.state = settled.state;
    const v = story.apply({ type: "void-usage", id: "v", at: "2026-06-03T00:00:00Z", usageId: "u1" });
    // Per lot the entries still add up: 150 purchased − 150 debited + 150 returned − 150 expired = 0.
    expect(v).toMatchObject({ creditsReturned: [], creditsExpired: [{ lotId: "g1", credits: "150" }] });
  });

  it("a lot that expires with credits left still has its entry", () => {
    const story = new Story();
    story.apply(grant150("g1", "2026-06-01T00:00:00Z", 1));
    const settled = settle(story.state, "2026-06-03T00:00:00Z");
    expect(settled.ok && settled.entries.map((e) => [e.type, "credits" in e ? e.credits : ""])).toEqual([
      ["credits.expired", "150"],
    ]);
  });
});

describe("many drained lots: the ledger stays storable and small", () => {
  it("1,100 purchases, each drained by a usage: every state stores; only the lots a void can refill stay", () => {
    // $5 buys 5,000 credits; 50,000 speech-hd characters cost $100/1M × 50,000 = $5: each usage drains its lot.
    const events: LedgerEvent[] = [];
    for (let i = 0; i < 1100; i++) {
      const at = Date.parse("2026-06-01T00:00:00Z") + i * 60_000;
      events.push({ type: "purchase-credits", id: `p${i}`, at, package: "usd-5" });
      events.push({
        type: "usage",
        id: `u${i}`,
        at,
        resource: "speech-hd",
        measures: { characters: 50_000 },
      });
    }
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    let state = created.state;
    for (let i = 0; i < events.length; i += 100) {
      const r = applyEvents(state, events.slice(i, i + 100));
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      state = r.state;
      storesAndLoads(state);
    }
    // 128 remembered events (the default) = the last 64 purchase/usage pairs: their 64 drained lots may be refilled.
    expect(state.lots.length).toBe(64);
    expect(state.lots.every((l) => l.remaining === "0")).toBe(true);
    expect(textOf(state).length).toBeLessThan(200_000);
  });
});

describe("the lot bounds and the parser agree", () => {
  it(`a ledger holding ${lotsStoredMax} lots is stored and loaded; one more lot is limit_exceeded`, () => {
    expect(lotsStoredMax).toBe(lotsCountMax + eventIdsRememberedMax);
    // A hand-made stored ledger: lotsStoredMax − 1 drained lots, all drawn by one remembered usage.
    const t0 = Date.parse("2026-06-01T00:00:00Z");
    const expiresAtMs = t0 + 365 * 86_400_000;
    const ids = Array.from({ length: lotsStoredMax - 1 }, (_, i) => `g${String(i).padStart(5, "0")}`);
    const created = createLedger({ eventIdsRemembered: 4096 });
    if (!created.ok) throw new Error(created.error.message);
    const stored = {
      ...JSON.parse(textOf(created.state)),
      clockMs: t0,
      lots: ids.map((id) => ({
        id,
        kind: "grant",
        purchasedAtMs: t0,
        expiresAtMs,
        credits: "1",
        remaining: "0",
        priceUsd: "0",
      })),
      // [id, "fingerprint atMs bucket units tier uncovered voided", draws]
      recentEvents: [["u", `x ${t0} general 0 - 0 0`, ids.map((id) => [id, "1", expiresAtMs])]],
    };
    const parsed = parseLedger(stored);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const oneMore = applyEvent(parsed.value, grant150("last", "2026-06-01T01:00:00Z"));
    if (!oneMore.ok) throw new Error(oneMore.error.message);
    expect(oneMore.state.lots.length).toBe(lotsStoredMax);
    storesAndLoads(oneMore.state);
    const refused = applyEvent(oneMore.state, grant150("too-many", "2026-06-01T02:00:00Z"));
    expect(refused.ok === false && [refused.error.code, refused.error.params]).toEqual([
      "limit_exceeded",
      { lotsStoredMax },
    ]);
  });
});
