/**
 * A Max subscriber exhausts the 5-hour window at 14:10, overflows 1,234.5 credits, the
 * oldest lot expires mid-week, and the weekly window caps the next session.
 * Max: 19.834 list-price dollars per 5-hour block, 297.51 per week (= 15 full blocks).
 */
import { describe, expect, it } from "vitest";
import { creditBalance, type LedgerEntry, quotaStatus, quoteUsage } from "../../src";
import { atoms, Story, sumEntries } from "../support/ledger";

describe("a Max subscriber's week", () => {
  const story = new Story();
  // A $5 lot bought a year ago (expires Wed 2026-06-03 12:00) and a $25 lot bought last month.
  story.apply({ type: "purchase-credits", id: "old-lot", at: "2025-06-03T12:00:00Z", package: "usd-5" });
  story.apply({ type: "purchase-credits", id: "new-lot", at: "2026-05-20T09:00:00Z", package: "usd-25" });
  story.apply({ type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier: "max" });

  it("Monday 10:30 and 11:00: $18 of M3 output and two images ($0.007) fit in the 10:00–15:00 block", () => {
    // 15,000,000 output tokens × $1.20 / 1M = $18.00
    const m3 = story.usage({
      id: "m3",
      at: "2026-06-01T10:30:00Z",
      resource: "MiniMax-M3",
      measures: { outputTokens: 15_000_000 },
    });
    expect([m3.valueUsd, m3.quota.units, m3.paidBy]).toEqual(["18", "18", ["quota"]]);
    const img = story.usage({
      id: "img",
      at: "2026-06-01T11:00:00Z",
      resource: "image-01",
      measures: { images: 2 },
    });
    expect([img.valueUsd, img.quota.units]).toEqual(["0.007", "0.007"]);
  });

  it("14:10: speech exhausts the block and overflows exactly 1,234.5 credits from the soonest-expiring lot", () => {
    // 51,025 characters × $60 / 1M = $3.0615; room left 19.834 − 18.007 = 1.827;
    // overflow 3.0615 − 1.827 = $1.2345 = 1,234.5 credits, from old-lot (expires first).
    const r = story.usage({
      id: "speech",
      at: "2026-06-01T14:10:00Z",
      resource: "speech-turbo",
      measures: { characters: 51_025 },
    });
    expect(r.valueUsd).toBe("3.0615");
    expect(r.quota).toEqual({
      required: "3.0615",
      units: "1.827",
      credits: "1827",
      windows: ["5h", "weekly"],
    });
    expect(r.credits).toEqual({
      debited: "1234.5",
      lots: [{ lotId: "old-lot", credits: "1234.5", expiresAt: "2026-06-03T12:00:00.000Z" }],
    });
    expect(r.uncoveredCredits).toBe("0");
    expect(r.paidBy).toEqual(["quota", "credits"]);
    expect(r.limit?.message).toBe(
      "5-hour usage limit reached for Token Plan Max (19.834/19.834 used), resets at 2026-06-01T15:00:00.000Z",
    );
  });

  it("the old lot expires Wednesday 12:00 with its 3,765.5 credits, while 14 more blocks fill the week", () => {
    // Each block takes 198,340 HD characters × $100 / 1M = $19.834.
    const blocks = [
      "2026-06-01T15:00:00Z",
      "2026-06-01T20:00:00Z",
      "2026-06-02T00:00:00Z",
      "2026-06-02T05:00:00Z",
      "2026-06-02T10:00:00Z",
      "2026-06-02T15:00:00Z",
      "2026-06-02T20:00:00Z",
      "2026-06-03T00:00:00Z",
      "2026-06-03T05:00:00Z",
      "2026-06-03T10:00:00Z",
      "2026-06-03T15:00:00Z",
      "2026-06-03T20:00:00Z",
      "2026-06-04T00:00:00Z",
      "2026-06-04T05:00:00Z",
    ];
    blocks.forEach((at, i) => {
      const r = story.usage({
        id: `fill-${i}`,
        at,
        resource: "speech-hd",
        measures: { characters: 198_340 },
      });
      expect([r.quota.units, r.paidBy]).toEqual(["19.834", ["quota"]]);
    });
    const expired = story.entriesOf("credits.expired");
    expect(expired).toEqual([
      {
        type: "credits.expired",
        eventId: null,
        at: "2026-06-03T12:00:00.000Z",
        lotId: "old-lot",
        expiresAt: "2026-06-03T12:00:00.000Z",
        credits: "3765.5",
      },
    ]);
    const weekly = quotaStatus(story.state, "2026-06-04T09:59:59.999Z");
    expect(weekly.ok && weekly.value.buckets[0]?.windows[1]).toMatchObject({
      label: "weekly",
      used: "297.51",
      remaining: "0",
      usedPercent: 100,
    });
  });

  it("Thursday 10:30: the 5-hour block is fresh but the weekly window caps the session", () => {
    const quote = quoteUsage(story.state, {
      at: "2026-06-04T10:30:00Z",
      resource: "MiniMax-M3",
      measures: { outputTokens: 1_000_000 },
    });
    expect(quote.ok).toBe(true);
    if (!quote.ok) return;
    expect(quote.value.allowed).toBe(true); // credits pay
    expect(quote.value.creditsNeeded).toBe("1200");
    expect(quote.value.limit?.message).toBe(
      "weekly usage limit reached for Token Plan Max (297.51/297.51 used), resets at 2026-06-08T00:00:00.000Z",
    );
    const r = story.usage({
      id: "thu",
      at: "2026-06-04T10:30:00Z",
      resource: "MiniMax-M3",
      measures: { outputTokens: 1_000_000 },
    });
    expect(r.credits).toEqual({
      debited: "1200",
      lots: [{ lotId: "new-lot", credits: "1200", expiresAt: "2027-05-20T09:00:00.000Z" }],
    });
    const balance = creditBalance(story.state, "2026-06-04T10:30:00Z");
    expect(balance.ok && balance.value.total).toBe("23800"); // 25,000 − 1,200
  });

  it("summed, the entries reproduce the balances", () => {
    const credits = (e: LedgerEntry) => ("credits" in e ? e.credits : "0");
    const purchased = sumEntries(story.entries, "credits.purchased", (e) =>
      e.type === "credits.purchased" ? e.lot.credits : "0",
    );
    const debited = sumEntries(story.entries, "credits.debited", credits);
    const expired = sumEntries(story.entries, "credits.expired", credits);
    expect(purchased - debited - expired).toBe(atoms("23800"));
    // 30,000 bought = 1,234.5 + 1,200 debited + 3,765.5 expired + 23,800 left
    expect([purchased, debited, expired]).toEqual([atoms("30000"), atoms("2434.5"), atoms("3765.5")]);
  });
});
