/**
 * Credits without a plan, arrears, voids and the video bucket that Plus does not include.
 */
import { describe, expect, it } from "vitest";
import { creditBalance, quoteUsage } from "../../src";
import { Story } from "../support/ledger";

describe("credits pay with or without a subscription; what they cannot cover is arrears", () => {
  const story = new Story();
  it("no plan, no credits: a usage is recorded as uncovered, never dropped", () => {
    const r = story.usage({
      id: "u1",
      at: "2026-06-01T09:00:00Z",
      resource: "music",
      measures: { songs: 2 },
    });
    expect([r.valueCredits, r.uncoveredCredits, r.paidBy]).toEqual(["300", "300", ["uncovered"]]);
  });

  it("a later purchase does not pay old arrears; credits pay the next usage", () => {
    story.apply({ type: "purchase-credits", id: "p1", at: "2026-06-01T10:00:00Z", credits: "10000" });
    const r = story.usage({
      id: "u2",
      at: "2026-06-01T11:00:00Z",
      resource: "image-01",
      measures: { images: 10 },
    });
    expect([r.valueCredits, r.credits.debited, r.paidBy]).toEqual(["35", "35", ["credits"]]);
    const b = creditBalance(story.state, "2026-06-01T11:00:00Z");
    expect(b.ok && [b.value.total, b.value.arrears]).toEqual(["9965", "300"]);
  });

  it("voiding a usage returns its credits and cancels its arrears", () => {
    const v1 = story.apply({ type: "void-usage", id: "v1", at: "2026-06-01T12:00:00Z", usageId: "u1" });
    expect(v1).toMatchObject({ type: "void", uncoveredCredits: "300", creditsReturned: [] });
    const v2 = story.apply({ type: "void-usage", id: "v2", at: "2026-06-01T12:00:00Z", usageId: "u2" });
    expect(v2).toMatchObject({ type: "void", creditsReturned: [{ lotId: "p1", credits: "35" }] });
    const b = creditBalance(story.state, "2026-06-01T12:00:00Z");
    expect(b.ok && [b.value.total, b.value.arrears]).toEqual(["10000", "0"]);
  });
});

describe("voids give quota back only to windows that still hold it", () => {
  it("same block: quota returns; after the block ended: nothing returns (listed as 0)", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
    story.usage({ id: "a", at: "2026-06-01T10:00:00Z", resource: "music", measures: { songs: 10 } }); // $1.50
    story.usage({ id: "b", at: "2026-06-01T11:00:00Z", resource: "music", measures: { songs: 10 } });
    const same = story.apply({ type: "void-usage", id: "va", at: "2026-06-01T14:59:59.999Z", usageId: "a" });
    expect(same).toMatchObject({
      quotaReturned: [
        { bucket: "general", window: "5h", units: "1.5" },
        { bucket: "general", window: "weekly", units: "1.5" },
      ],
    });
    const later = story.apply({ type: "void-usage", id: "vb", at: "2026-06-01T15:00:00Z", usageId: "b" });
    // The 5h block of 10:00–15:00 has ended: it gets "0" back, and says so.
    expect(later).toMatchObject({
      bucket: "general",
      quotaReturned: [
        { bucket: "general", window: "5h", units: "0" },
        { bucket: "general", window: "weekly", units: "1.5" },
      ],
    });
    // Only what came back is an entry.
    expect(story.entriesOf("quota.returned").filter((e) => e.eventId === "vb").length).toBe(1);
  });

  it("a usage quota did not cover at all: every window of its bucket is listed with 0", () => {
    const story = new Story(); // no subscription: the song ($0.15 = 150 credits) is owed
    story.usage({ id: "u", at: "2026-06-01T10:00:00Z", resource: "music", measures: { songs: 1 } });
    const v = story.apply({ type: "void-usage", id: "v", at: "2026-06-01T10:01:00Z", usageId: "u" });
    expect(v).toMatchObject({
      bucket: "general",
      quotaReturned: [
        { bucket: "general", window: "5h", units: "0" },
        { bucket: "general", window: "weekly", units: "0" },
      ],
      uncoveredCredits: "150",
    });
  });

  it("credits returned to a lot that has since expired are reported as expired", () => {
    const story = new Story();
    story.apply({
      type: "grant-credits",
      id: "g",
      at: "2026-06-01T00:00:00Z",
      credits: "100",
      validity: { rule: "elapsed-days", days: 1 },
    });
    story.usage({ id: "u", at: "2026-06-01T12:00:00Z", resource: "music", measures: { songs: 1 } }); // 150 credits: 100 + 50 uncovered
    const v = story.apply({ type: "void-usage", id: "v", at: "2026-06-02T00:00:00Z", usageId: "u" });
    expect(v).toMatchObject({
      creditsReturned: [],
      creditsExpired: [{ lotId: "g", credits: "100" }],
      uncoveredCredits: "50",
    });
    expect(story.entries.filter((e) => e.eventId === "v").map((e) => e.type)).toEqual([
      "credits.returned",
      "credits.expired",
      "usage.voided",
    ]);
  });

  it("refuses an unknown or already voided usage", () => {
    const story = new Story();
    story.usage({ id: "u", at: "2026-06-01T12:00:00Z", resource: "music", measures: { songs: 1 } });
    story.apply({ type: "void-usage", id: "v", at: "2026-06-01T12:00:00Z", usageId: "u" });
    expect(() =>
      story.apply({ type: "void-usage", id: "v2", at: "2026-06-01T12:00:00Z", usageId: "u" }),
    ).toThrow("usage_already_voided");
    expect(() =>
      story.apply({ type: "void-usage", id: "v3", at: "2026-06-01T12:00:00Z", usageId: "nope" }),
    ).toThrow("usage_not_found");
  });
});

describe("a resource in the plan family but not in the tier: video on Plus", () => {
  it("credits pay, and the quote names the daily window as 0/0", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "2026-06-04T00:00:00Z", tier: "plus" });
    story.apply({ type: "purchase-credits", id: "p", at: "2026-06-04T00:00:00Z", package: "usd-5" });
    const q = quoteUsage(story.state, {
      at: "2026-06-04T07:00:00Z",
      resource: "video-premium",
      measures: { videos: 1 },
    });
    expect(q.ok && q.value.limit?.message).toBe(
      "daily usage limit reached for Token Plan Plus (0/0 used), resets at 2026-06-05T00:00:00.000Z",
    );
    const r = story.usage({
      id: "v",
      at: "2026-06-04T07:00:00Z",
      resource: "video-premium",
      measures: { videos: 1 },
    });
    expect([r.quota.units, r.credits.debited]).toEqual(["0", "560"]);
  });

  it("on Max, 3 videos a day come from quota and the 4th from credits", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "2026-06-04T00:00:00Z", tier: "max" });
    story.apply({ type: "purchase-credits", id: "p", at: "2026-06-04T00:00:00Z", package: "usd-5" });
    const r = story.usage({
      id: "v",
      at: "2026-06-04T07:00:00Z",
      resource: "video-standard",
      measures: { videos: 4 },
    });
    // 4 × $0.19 = $0.76 = 760 credits; quota covers 3 of 4 videos: 570; credits 190.
    expect([r.quota.units, r.quota.credits, r.credits.debited]).toEqual(["3", "570", "190"]);
  });
});

describe("paying arrears from credits", () => {
  it("pays what it can, soonest-expiring lot first, and reports what is still owed", () => {
    const story = new Story();
    story.usage({ id: "u1", at: "2026-06-01T09:00:00Z", resource: "music", measures: { songs: 10 } }); // 1,500 owed
    story.apply({
      type: "grant-credits",
      id: "g",
      at: "2026-06-02T00:00:00Z",
      credits: "200",
      validity: { rule: "elapsed-days", days: 30 },
    });
    story.apply({ type: "purchase-credits", id: "p", at: "2026-06-02T00:00:00Z", package: "usd-5" });
    // Ask for 1,000: the grant (expires first) pays 200, the purchase 800; 500 stay owed.
    const partial = story.apply({
      type: "pay-arrears",
      id: "pay1",
      at: "2026-06-03T00:00:00Z",
      credits: "1000",
    });
    expect(partial).toMatchObject({
      type: "arrears",
      paid: "1000",
      remaining: "500",
      lots: [
        { lotId: "g", credits: "200" },
        { lotId: "p", credits: "800" },
      ],
    });
    const rest = story.apply({ type: "pay-arrears", id: "pay2", at: "2026-06-03T00:00:00Z" });
    expect(rest).toMatchObject({ paid: "500", remaining: "0" });
    const b = creditBalance(story.state, "2026-06-03T00:00:00Z");
    expect(b.ok && [b.value.total, b.value.arrears]).toEqual(["3700", "0"]);
    const nothing = story.apply({ type: "pay-arrears", id: "pay3", at: "2026-06-03T00:00:00Z" });
    expect(nothing).toMatchObject({ paid: "0", remaining: "0", lots: [] });
  });
});
