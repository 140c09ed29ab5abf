/**
 * Catalog rules the default catalog cannot tell apart, each with a catalog that can: a
 * resource credits may not pay for, a purchase validity that differs from the grant
 * validity, a resource that draws on no bucket, and voids in a session window. Stories
 * with the arithmetic beside them.
 */
import { describe, expect, it } from "vitest";
import {
  type Catalog,
  creditBalance,
  defaultCatalog,
  extendCatalog,
  quotaStatus,
  type UsageReceipt,
} from "../../src";
import { slidingAndSessionCatalog } from "../support/catalogs";
import { Story } from "../support/ledger";

function catalogOf(patch: Parameters<typeof extendCatalog>[1]): Catalog {
  const r = extendCatalog(defaultCatalog, patch);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("creditsEligible: false — credits never pay for the resource", () => {
  const catalog = catalogOf({
    id: "no-credits-for-video",
    resources: { "video-premium": { creditsEligible: false } },
  });

  it("without a plan: the whole value is uncovered, and the credits are untouched", () => {
    const story = new Story(catalog);
    story.apply({ type: "purchase-credits", id: "p", at: "2026-06-01T00:00:00Z", package: "usd-5" });
    // 2 videos × $0.56 = $1.12 = 1,120 credits, none of them from the lot.
    const r = story.usage({
      id: "v",
      at: "2026-06-01T01:00:00Z",
      resource: "video-premium",
      measures: { videos: 2 },
    });
    expect([r.valueCredits, r.credits.debited, r.uncoveredCredits, r.paidBy]).toEqual([
      "1120",
      "0",
      "1120",
      ["uncovered"],
    ]);
    const b = creditBalance(story.state, "2026-06-01T01:00:00Z");
    expect(b.ok && [b.value.total, b.value.arrears]).toEqual(["5000", "1120"]);
  });

  it("with a plan: quota covers what fits, the rest is uncovered, not drawn from credits", () => {
    const story = new Story(catalog);
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "max" }); // 3 videos a day
    story.apply({ type: "purchase-credits", id: "p", at: "2026-06-01T00:00:00Z", package: "usd-5" });
    // 5 videos: 3 from the daily quota, 2 × 560 = 1,120 credits uncovered.
    const r = story.usage({
      id: "v",
      at: "2026-06-01T01:00:00Z",
      resource: "video-premium",
      measures: { videos: 5 },
    });
    expect([r.quota.units, r.credits.debited, r.uncoveredCredits, r.paidBy]).toEqual([
      "3",
      "0",
      "1120",
      ["quota", "uncovered"],
    ]);
  });

  it("an eligible resource still draws on credits in the same catalog", () => {
    const story = new Story(catalog);
    story.apply({ type: "purchase-credits", id: "p", at: "2026-06-01T00:00:00Z", package: "usd-5" });
    const r = story.usage({
      id: "v",
      at: "2026-06-01T01:00:00Z",
      resource: "video-standard",
      measures: { videos: 2 },
    });
    expect([r.credits.debited, r.paidBy]).toEqual(["380", ["credits"]]);
  });
});

describe("purchases use the catalog's validity, grants its grant validity", () => {
  const catalog = catalogOf({
    id: "short-grants",
    credits: {
      validity: { rule: "elapsed-days", days: 365 },
      grantValidity: { rule: "elapsed-days", days: 30 },
    },
  });

  it("a purchase lasts 365 days, a grant 30, and a grant's own validity wins over both", () => {
    const story = new Story(catalog);
    const bought = story.apply({
      type: "purchase-credits",
      id: "p",
      at: "2026-06-01T00:00:00Z",
      package: "usd-5",
    });
    const granted = story.apply({
      type: "grant-credits",
      id: "g",
      at: "2026-06-01T00:00:00Z",
      credits: "100",
    });
    const own = story.apply({
      type: "grant-credits",
      id: "g2",
      at: "2026-06-01T00:00:00Z",
      credits: "100",
      validity: { rule: "elapsed-days", days: 2 },
    });
    expect(bought.type === "credits" && bought.lot.expiresAt).toBe("2027-06-01T00:00:00.000Z");
    expect(granted.type === "credits" && granted.lot.expiresAt).toBe("2026-07-01T00:00:00.000Z");
    expect(own.type === "credits" && own.lot.expiresAt).toBe("2026-06-03T00:00:00.000Z");
  });
});

describe("a resource that draws on no bucket", () => {
  const catalog = catalogOf({
    id: "with-translator",
    resources: {
      translator: {
        name: "Translator",
        kind: "text",
        bucket: null,
        prices: { characters: { usd: "20", per: 1_000_000 } },
      },
    },
  });

  it("needs no quota: its receipt names no bucket and no window; credits pay all of it", () => {
    const story = new Story(catalog);
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "max" });
    story.apply({ type: "purchase-credits", id: "p", at: "2026-06-01T00:00:00Z", package: "usd-5" });
    // 100,000 characters × $20 / 1M = $2 = 2,000 credits.
    const r: UsageReceipt = story.usage({
      id: "t",
      at: "2026-06-01T01:00:00Z",
      resource: "translator",
      measures: { characters: 100_000 },
    });
    expect(r).toMatchObject({
      bucket: null,
      valueUsd: "2",
      valueCredits: "2000",
      quota: { required: "0", units: "0", credits: "0", windows: [] },
      credits: { debited: "2000", lots: [{ lotId: "p", credits: "2000" }] },
      uncoveredCredits: "0",
      paidBy: ["credits"],
      limit: null,
    });
    expect(story.entriesOf("quota.consumed")).toEqual([]);
    const status = quotaStatus(story.state, "2026-06-01T01:00:00Z");
    expect(status.ok && status.value.buckets.flatMap((b) => b.windows.map((w) => w.used))).toEqual([
      "0",
      "0",
      "0",
    ]);
  });

  it("a void gives its credits back and no quota", () => {
    const story = new Story(catalog);
    story.apply({ type: "purchase-credits", id: "p", at: "2026-06-01T00:00:00Z", package: "usd-5" });
    story.usage({
      id: "t",
      at: "2026-06-01T01:00:00Z",
      resource: "translator",
      measures: { characters: 100_000 },
    });
    const v = story.apply({ type: "void-usage", id: "v", at: "2026-06-01T02:00:00Z", usageId: "t" });
    expect(v).toMatchObject({ quotaReturned: [], creditsReturned: [{ lotId: "p", credits: "2000" }] });
  });
});

describe("a void in a session window", () => {
  it("gives the units back to the open session (and to the sliding 5-hour window)", () => {
    const story = new Story(slidingAndSessionCatalog);
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
    story.usage({ id: "a", at: "2026-06-01T01:00:00Z", resource: "music", measures: { songs: 4 } }); // $0.60
    story.usage({ id: "b", at: "2026-06-01T02:00:00Z", resource: "music", measures: { songs: 2 } }); // $0.30
    const v = story.apply({ type: "void-usage", id: "v", at: "2026-06-01T03:00:00Z", usageId: "a" });
    expect(v).toMatchObject({
      quotaReturned: [
        { bucket: "general", window: "5h", units: "0.6" },
        { bucket: "general", window: "weekly", units: "0.6" },
      ],
    });
    const status = quotaStatus(story.state, "2026-06-01T03:00:00Z");
    // Only b's $0.30 still counts, in both windows; the session still ends 7 days after its first usage.
    const windows = status.ok ? (status.value.buckets[0]?.windows ?? []) : [];
    expect(windows.map((w) => [w.window, w.used, w.resetsAt])).toEqual([
      ["5h", "0.3", "2026-06-01T07:00:00.000Z"],
      ["weekly", "0.3", "2026-06-08T01:00:00.000Z"],
    ]);
  });

  it("after the session closed, a void gives the session nothing back", () => {
    const story = new Story(slidingAndSessionCatalog);
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
    story.usage({ id: "a", at: "2026-06-01T01:00:00Z", resource: "music", measures: { songs: 4 } });
    const v = story.apply({ type: "void-usage", id: "v", at: "2026-06-08T01:00:00Z", usageId: "a" });
    expect(v).toMatchObject({ quotaReturned: [] });
  });
});
