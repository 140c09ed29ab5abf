/**
 * A usage receipt's limit notice (src/ledger/outcomes.ts), exactly: a bucket the tier does
 * not cover is reported as 0/0 with no reset instant and a message without one. Written to
 * kill the mutants Stryker left there (issue 23; see bench/README.md "Mutation scores").
 */
import { describe, expect, it } from "vitest";
import { type Catalog, defaultCatalog, extendCatalog } from "../../src";
import { Story } from "../support/ledger";

/** The default catalog with a tier "lite" whose limits leave out the video bucket. */
function liteCatalog(): Catalog {
  const extended = extendCatalog(defaultCatalog, {
    id: "lite",
    tiers: {
      lite: {
        name: "Lite",
        monthlyPriceUsd: "5",
        bestFor: "Trying it out",
        agents: { min: 1, max: 1 },
        limits: { general: { "5h": { units: "1", boosts: [] }, weekly: { units: "2", boosts: [] } } },
      },
    },
  } as never);
  if (!extended.ok) throw new Error(extended.error.message);
  return extended.value;
}

describe("a usage in a bucket the tier does not cover", () => {
  it("is paid by credits, and its notice has no reset instant", () => {
    const story = new Story(liteCatalog());
    story.apply({ type: "purchase-credits", id: "p", at: "2026-06-04T10:00:00Z", package: "usd-5" });
    story.apply({ type: "subscribe", id: "s", at: "2026-06-04T10:00:00Z", tier: "lite" });
    const receipt = story.usage({
      id: "v",
      at: "2026-06-04T10:05:00Z",
      resource: "video-standard",
      measures: { videos: 1 },
    });
    expect(receipt).toEqual({
      type: "usage",
      eventId: "v",
      at: "2026-06-04T10:05:00.000Z",
      resource: "video-standard",
      bucket: "video",
      valueUsd: "0.19",
      valueCredits: "190",
      quota: { required: "1", units: "0", credits: "0", windows: [] },
      credits: {
        debited: "190",
        lots: [{ lotId: "p", credits: "190", expiresAt: "2027-06-04T10:00:00.000Z" }],
      },
      uncoveredCredits: "0",
      paidBy: ["credits"],
      limit: {
        bucket: "video",
        window: "daily",
        label: "daily",
        tier: "Lite",
        used: "0",
        limit: "0",
        resetsAt: null,
        message: "daily usage limit reached for Token Plan Lite (0/0 used)",
      },
    });
  });
});
