/**
 * The ledger under other rule sets: the China site's zone, v1 request counting, the
 * Coding Plan, and catalogs with sliding and session windows and a boost.
 */
import { describe, expect, it } from "vitest";
import {
  codingPlanCatalog,
  defaultCatalog,
  extendCatalog,
  quoteUsage,
  timeUntilAvailable,
  tokenPlanChinaCatalog,
  tokenPlanV1Catalog,
} from "../../src";
import { slidingAndSessionCatalog } from "../support/catalogs";
import { Story } from "../support/ledger";

describe("China site: blocks cut in Asia/Shanghai", () => {
  it("names the reset as the provider does (15:00 +08:00 = 07:00Z)", () => {
    const story = new Story(tokenPlanChinaCatalog);
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "max" });
    // 198,340 HD characters = $19.834: the whole Max block.
    story.usage({
      id: "u",
      at: "2026-06-04T14:00:00+08:00",
      resource: "speech-hd",
      measures: { characters: 198_340 },
    });
    const q = quoteUsage(story.state, {
      at: "2026-06-04T14:59:59.999+08:00",
      resource: "music",
      measures: { songs: 1 },
    });
    expect(q.ok && q.value.limit?.message).toBe(
      "5-hour usage limit reached for Token Plan Max (19.834/19.834 used), resets at 2026-06-04T07:00:00.000Z",
    );
  });
});

describe("older rule sets count requests", () => {
  it("v1: every text request is 1 request whatever its size", () => {
    const story = new Story(tokenPlanV1Catalog);
    story.apply({ type: "subscribe", id: "s", at: "2026-04-01T00:00:00Z", tier: "plus" });
    const r = story.usage({
      id: "u",
      at: "2026-04-01T01:00:00Z",
      resource: "MiniMax-M2.7",
      measures: { inputTokens: 400_000 },
    });
    expect([r.quota.required, r.quota.units, r.valueUsd]).toEqual(["1", "1", "0.12"]);
  });

  it("Coding Plan: model calls on a 5-hour window only; media is credits-only", () => {
    const story = new Story(codingPlanCatalog);
    story.apply({ type: "subscribe", id: "s", at: "2026-01-01T00:00:00Z", tier: "starter" });
    const r = story.usage({
      id: "u",
      at: "2026-01-01T01:00:00Z",
      resource: "MiniMax-M2.7",
      measures: { outputTokens: 10 },
    });
    expect(r.quota.windows).toEqual(["5h"]);
  });

  it("a count-based usage split at the limit prices the overflow proportionally", () => {
    const tight = extendCatalog(tokenPlanV1Catalog, {
      id: "v1-tight-images",
      tiers: { plus: { limits: { image: { daily: "1" } } } },
    });
    if (!tight.ok) throw new Error(tight.error.message);
    const story = new Story(tight.value);
    story.apply({ type: "subscribe", id: "s", at: "2026-04-01T00:00:00Z", tier: "plus" });
    story.apply({ type: "purchase-credits", id: "p", at: "2026-04-01T00:00:00Z", package: "usd-5" });
    // 3 images = $0.0105 = 10.5 credits; 1 of 3 images in quota: 3.5 credits; 7 from credits.
    const r = story.usage({
      id: "u",
      at: "2026-04-01T01:00:00Z",
      resource: "image-01",
      measures: { images: 3 },
    });
    expect([r.quota.units, r.quota.credits, r.credits.debited]).toEqual(["1", "3.5", "7"]);
  });
});

describe("sliding and session windows in a ledger", () => {
  it("a sliding 5-hour window frees capacity 5 hours after each use", () => {
    const story = new Story(slidingAndSessionCatalog);
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
    story.usage({
      id: "a",
      at: "2026-06-01T10:00:00Z",
      resource: "speech-hd",
      measures: { characters: 30_000 },
    }); // $3
    story.usage({
      id: "b",
      at: "2026-06-01T12:00:00Z",
      resource: "speech-hd",
      measures: { characters: 35_960 },
    }); // $3.596: full
    const when = timeUntilAvailable(story.state, "3", "2026-06-01T12:30:00Z");
    expect(when.ok && when.value).toEqual({
      at: "2026-06-01T15:00:00.000Z",
      waitMs: 2.5 * 3_600_000,
      reason: null,
    });
    const r = story.usage({
      id: "c",
      at: "2026-06-01T15:00:00Z",
      resource: "speech-hd",
      measures: { characters: 30_000 },
    });
    expect(r.paidBy).toEqual(["quota"]);
  });

  it("a boost raises the limit while it lasts", () => {
    const boosted = extendCatalog(defaultCatalog, {
      id: "v2-boosted",
      tiers: {
        plus: {
          limits: {
            general: {
              "5h": {
                units: "6.596",
                boosts: [{ from: "2026-06-01T00:00:00Z", until: "2026-06-02T00:00:00Z", permille: 2000 }],
              },
            },
          },
        },
      },
    });
    if (!boosted.ok) throw new Error(boosted.error.message);
    const story = new Story(boosted.value);
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
    const r = story.usage({
      id: "u",
      at: "2026-06-01T10:00:00Z",
      resource: "speech-hd",
      measures: { characters: 100_000 },
    }); // $10
    expect(r.quota.units).toBe("10");
    const after = story.usage({
      id: "v",
      at: "2026-06-02T10:00:00Z",
      resource: "speech-hd",
      measures: { characters: 100_000 },
    });
    expect(after.quota.units).toBe("6.596");
  });

  it("no subscription: time until available is never", () => {
    const story = new Story();
    const when = timeUntilAvailable(story.state, "1", "2026-06-01T00:00:00Z");
    expect(when.ok && when.value).toEqual({ at: null, waitMs: null, reason: "no-subscription" });
  });
});
