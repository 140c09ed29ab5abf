/**
 * Voiding a usage whose arrears were already paid (issue 23, item 1). The rule: a void
 * cancels what is still owed first; the part of the usage's uncovered amount that a
 * `pay-arrears` already paid comes back as credits, in a refund lot of its own (kind
 * "grant", price 0, id = the void's id, valid by the catalog's grant validity). No credit
 * is created or lost, and arrears never go below zero.
 */
import { describe, expect, it } from "vitest";
import { applyEvent, creditBalance, parseLedger } from "../../src";
import { Story } from "../support/ledger";
import { forgetting, textOf } from "../support/text";

function balanceOf(story: Story, at: string) {
  const b = creditBalance(story.state, at);
  if (!b.ok) throw new Error(b.error.message);
  return b.value;
}

describe("a void of a usage whose arrears were paid", () => {
  it("gives the paid credits back as a refund lot; arrears stay at zero", () => {
    const story = new Story();
    // No plan, no credits: one song is $0.15 = 150 credits of arrears.
    story.usage({ id: "u1", at: "2026-06-01T09:00:00Z", resource: "music", measures: { songs: 1 } });
    story.apply({ type: "purchase-credits", id: "p1", at: "2026-06-01T10:00:00Z", package: "usd-5" });
    story.apply({ type: "pay-arrears", id: "pay", at: "2026-06-01T11:00:00Z" }); // p1: 5,000 − 150 = 4,850
    const v = story.apply({ type: "void-usage", id: "v1", at: "2026-06-01T12:00:00Z", usageId: "u1" });
    // Nothing is owed any more (cancelled 0); the 150 that paid for it come back.
    expect(v).toMatchObject({
      type: "void",
      uncoveredCredits: "0",
      refund: { id: "v1", kind: "grant", credits: "150", remaining: "150", priceUsd: "0" },
    });
    expect(v.type === "void" && v.refund?.expiresAt).toBe("2027-06-01T12:00:00.000Z"); // 365 × 24 h
    const b = balanceOf(story, "2026-06-01T12:00:00Z");
    // 4,850 + 150 = 5,000: what was bought, since the usage no longer counts.
    expect([b.total, b.arrears]).toEqual(["5000", "0"]);
    expect(b.lots.map((l) => [l.id, l.remaining])).toEqual([
      ["p1", "4850"],
      ["v1", "150"],
    ]);
    expect(story.entries.filter((e) => e.eventId === "v1")).toMatchObject([
      { type: "credits.purchased", lot: { id: "v1", kind: "grant", credits: "150" } },
      { type: "usage.voided", usageId: "u1", uncoveredCredits: "0", refundedCredits: "150" },
    ]);
    expect(story.state.arrearsCredits).toBe("0");
    const back = parseLedger(textOf(story.state));
    expect(back.ok && back.value).toEqual(story.state);
  });

  it("partly paid: the void cancels what is still owed first, and refunds the rest", () => {
    const story = new Story();
    story.usage({ id: "u1", at: "2026-06-01T09:00:00Z", resource: "music", measures: { songs: 1 } }); // 150
    story.usage({ id: "u2", at: "2026-06-01T09:30:00Z", resource: "music", measures: { songs: 2 } }); // 300
    story.apply({ type: "purchase-credits", id: "p1", at: "2026-06-01T10:00:00Z", package: "usd-5" });
    // Arrears 450; pay 200 of them: 250 still owed, p1 holds 4,800.
    story.apply({ type: "pay-arrears", id: "pay", at: "2026-06-01T11:00:00Z", credits: "200" });
    const v = story.apply({ type: "void-usage", id: "v2", at: "2026-06-01T12:00:00Z", usageId: "u2" });
    // u2 left 300 uncovered: 250 are still owed (cancelled), 50 had been paid (refunded).
    expect(v).toMatchObject({ uncoveredCredits: "250", refund: { id: "v2", credits: "50" } });
    const b = balanceOf(story, "2026-06-01T12:00:00Z");
    // Credits 4,800 + 50 = 4,850 = 5,000 − the 150 of u1, which is paid and still stands.
    expect([b.total, b.arrears]).toEqual(["4850", "0"]);
  });

  it("a refund lot obeys the lot rules: a live lot with the void's id makes the void a conflict", () => {
    const story = new Story();
    story.usage({ id: "u1", at: "2026-06-01T09:00:00Z", resource: "music", measures: { songs: 1 } });
    story.apply({ type: "purchase-credits", id: "p1", at: "2026-06-01T10:00:00Z", package: "usd-5" });
    story.apply({ type: "pay-arrears", id: "pay", at: "2026-06-01T11:00:00Z" });
    // With an id of its own, the void is accepted (its refund lot takes that id).
    const r = applyEvent(story.state, {
      type: "void-usage",
      id: "v1",
      at: "2026-06-01T12:00:00Z",
      usageId: "u1",
    });
    expect(r.ok).toBe(true);
    // A void whose id names the live lot "p1" (forgotten as an event id) would make a second "p1": refused.
    const clash = applyEvent(forgetting(story.state, ["p1"]), {
      type: "void-usage",
      id: "p1",
      at: "2026-06-01T12:00:00Z",
      usageId: "u1",
    });
    expect(clash.ok === false && [clash.error.code, clash.error.path]).toEqual(["conflict", ["id"]]);
  });

  it("unpaid: the void cancels its arrears and refunds nothing", () => {
    const story = new Story();
    story.usage({ id: "u1", at: "2026-06-01T09:00:00Z", resource: "music", measures: { songs: 1 } });
    story.usage({ id: "u2", at: "2026-06-01T09:30:00Z", resource: "music", measures: { songs: 2 } });
    story.apply({ type: "purchase-credits", id: "p1", at: "2026-06-01T10:00:00Z", package: "usd-5" });
    story.apply({ type: "pay-arrears", id: "pay", at: "2026-06-01T11:00:00Z", credits: "200" }); // 250 owed
    const v = story.apply({ type: "void-usage", id: "v1", at: "2026-06-01T12:00:00Z", usageId: "u1" });
    // u1's 150 are within the 250 still owed: all cancelled, nothing refunded.
    expect(v).toMatchObject({ uncoveredCredits: "150", refund: null });
    const b = balanceOf(story, "2026-06-01T12:00:00Z");
    expect([b.total, b.arrears]).toEqual(["4800", "100"]);
    expect(story.entries.filter((e) => e.eventId === "v1").map((e) => e.type)).toEqual(["usage.voided"]);
  });
});
