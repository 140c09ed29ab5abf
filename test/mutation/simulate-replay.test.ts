/**
 * The replay's segments at the edges a segment must not cross. Written to kill the mutants
 * Stryker left in `src/simulate/replay.ts` (see bench/README.md "Mutation scores"). A
 * mutant that only cuts segments shorter is equivalent (a usage alone is decided by the
 * ledger itself); these tests catch segments that run too far.
 *
 * shortCreditsCatalog: Plus's 5-hour limit ($6.596) is boosted 1.5× ($9.894) on Tuesday
 * 2026-06-02 from 06:00 to 18:00; 1,000,000 MiniMax-M3 output tokens are $1.20.
 */
import { describe, expect, it } from "vitest";
import { simulate, type UsageEvent } from "../../src";
import { shortCreditsCatalog } from "../simulate/support";

const m3 = (id: string, at: string, outputTokens: number): UsageEvent => ({
  type: "usage",
  id,
  at: Date.parse(at),
  resource: "MiniMax-M3",
  measures: { outputTokens },
});

describe("a segment ends at a boost edge", () => {
  // Kills, in boostEdges: the loop bodies → {}, the tier filter forced to skip every tier
  // (`… && id !== tier` → true, `||`, `id !== tier` → true, `id === tier`), and `[]` for the
  // sorted edges: without the 18:00 edge, both usages would run in one segment that "fits"
  // the boosted room, and nothing would be bought for the second.
  it("buys for a usage after the boost ends, though it fitted the boosted room", () => {
    // 15:30 $9.00 fits the boosted block 15:00–20:00 (9.894 → 0.894 left). At 18:00 the limit
    // is back to 6.596: the block has nothing left, so 18:30's $0.60 is all overflow, 600
    // credits: one $5 package is bought at 18:30.
    const r = simulate(
      [m3("a", "2026-06-02T15:30:00Z", 7_500_000), m3("b", "2026-06-02T18:30:00Z", 500_000)],
      {
        plan: "plus",
        credits: "as-needed",
        catalog: shortCreditsCatalog,
      },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.purchases).toEqual([
      { at: "2026-06-02T18:30:00.000Z", package: "usd-5", credits: "5000", priceUsd: "5", beforeUsage: 1 },
    ]);
    expect([r.value.creditsUsed, r.value.uncoveredCredits]).toEqual(["600", "0"]);
    // Full from 18:30 (the replay looks at the block there) until the block ends at 20:00.
    expect(r.value.full.filter((f) => f.window === "5h")).toEqual([
      {
        bucket: "general",
        window: "5h",
        label: "5-hour",
        from: "2026-06-02T18:30:00.000Z",
        until: "2026-06-02T20:00:00.000Z",
      },
    ]);
  });
});

describe("a segment ends at the reset of a full window", () => {
  // Kills: the full window's reset left out of the boundary (`isZero(remaining) && …` → false,
  // `resetsAt === null`, `Math.min` → `Math.max`): the segment that starts while the block is
  // full would run on into the next block, where its second usage fills the window unseen.
  it("sees the 5-hour window full again in the next block", () => {
    // Plus, no credits, Thursday 2026-06-04. 10:30 $7.20 fills the 10:00 block; 11:00 $1.20 is
    // all overflow; 15:30 $7.20 fills the 15:00 block.
    const r = simulate(
      [
        m3("a", "2026-06-04T10:30:00Z", 6_000_000),
        m3("b", "2026-06-04T11:00:00Z", 1_000_000),
        m3("c", "2026-06-04T15:30:00Z", 6_000_000),
      ],
      { plan: "plus", credits: "none" },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.full.map((f) => [f.window, f.from, f.until])).toEqual([
      ["5h", "2026-06-04T10:30:00.000Z", "2026-06-04T15:00:00.000Z"],
      ["5h", "2026-06-04T15:30:00.000Z", "2026-06-04T20:00:00.000Z"],
    ]);
  });
});

describe("a usage that uses up the room exactly", () => {
  // Kills: `fit < 0` → `fit <= 0` (a usage that leaves exactly nothing must end its segment,
  // where the replay sees the window full; else it is seen only at the next usage, 11:00).
  it("sees the window full from that usage", () => {
    // 10:30 one image ($0.0035) and 10:40 5,493,750 tokens ($6.5925): $6.596, Plus's whole block.
    // 11:00 $1.20 is all overflow (1,200 credits uncovered).
    const r = simulate(
      [
        {
          type: "usage",
          id: "i",
          at: Date.parse("2026-06-04T10:30:00Z"),
          resource: "image-01",
          measures: { images: 1 },
        },
        m3("m", "2026-06-04T10:40:00Z", 5_493_750),
        m3("n", "2026-06-04T11:00:00Z", 1_000_000),
      ],
      { plan: "plus", credits: "none" },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.full).toEqual([
      {
        bucket: "general",
        window: "5h",
        label: "5-hour",
        from: "2026-06-04T10:40:00.000Z",
        until: "2026-06-04T15:00:00.000Z",
      },
    ]);
    expect([r.value.windows[0]?.usedUnits, r.value.uncoveredCredits]).toEqual(["6.596", "1200"]);
  });
});

describe("full periods", () => {
  // Kills, in full.ts: `at < last.until` → `<=` (a window full again at the instant it reset
  // is a new period, not the old one stretched).
  it("starts a new period when the window fills again at the instant it reset", () => {
    // Plus, no credits: 10:30 $7.20 fills the 10:00 block; 15:00 sharp $7.20 fills the next one.
    const r = simulate(
      [m3("a", "2026-06-04T10:30:00Z", 6_000_000), m3("b", "2026-06-04T15:00:00Z", 6_000_000)],
      {
        plan: "plus",
        credits: "none",
      },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.full.map((f) => [f.window, f.from, f.until])).toEqual([
      ["5h", "2026-06-04T10:30:00.000Z", "2026-06-04T15:00:00.000Z"],
      ["5h", "2026-06-04T15:00:00.000Z", "2026-06-04T20:00:00.000Z"],
    ]);
  });
});
