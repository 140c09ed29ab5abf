/**
 * simulate, as stories with the arithmetic by hand. Plus has $6.596 of list price per
 * 5-hour block; MiniMax-M3 output is $1.20 per million tokens, so 5,000,000 tokens are
 * $6.00 and 1,000,000 are $1.20. 1,000 credits = $1.
 */
import { describe, expect, it } from "vitest";
import { type Simulation, simulate, type UsageEvent } from "../../src";
import { shortCreditsCatalog } from "./support";

const m3 = (id: string, at: string, outputTokens: number): UsageEvent => ({
  type: "usage",
  id,
  at,
  resource: "MiniMax-M3",
  measures: { outputTokens },
});

// One afternoon on Thursday 2026-06-04, blocks 10:00–15:00 and 15:00–20:00 UTC.
const afternoon = [
  m3("a", "2026-06-04T10:30:00Z", 5_000_000), // $6.00: fits (room 6.596 → 0.596)
  m3("b", "2026-06-04T11:00:00Z", 1_000_000), // $1.20: 0.596 quota, 604 credits over; the block is full
  m3("c", "2026-06-04T12:00:00Z", 5_000_000), // $6.00: all over, 6,000 credits
  m3("d", "2026-06-04T15:00:00Z", 1_000_000), // $1.20: a new block, fits
];

function run(usages: readonly UsageEvent[], options: Parameters<typeof simulate>[1]): Simulation {
  const r = simulate(usages, options);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe("simulate: Plus over one afternoon", () => {
  it("as-needed buys a $5 package just before each usage the balance cannot cover", () => {
    const s = run(afternoon, { plan: "plus", credits: "as-needed" });
    // b: 604 over, balance 0 → one $5 package (5,000) at 11:00; 4,396 left.
    // c: 6,000 over, 4,396 left, short 1,604 → one more package at 12:00; 3,396 left.
    expect(s.purchases.map((p) => [p.at, p.package, p.beforeUsage])).toEqual([
      ["2026-06-04T11:00:00.000Z", "usd-5", 1],
      ["2026-06-04T12:00:00.000Z", "usd-5", 2],
    ]);
    expect(s).toMatchObject({
      usages: 4,
      valueUsd: "14.4", // 6 + 1.2 + 6 + 1.2
      subscriptionUsd: "20",
      subscriptionCharges: 1,
      creditsPurchased: "10000",
      creditsPurchasedUsd: "10",
      creditsUsed: "6604", // 604 + 6,000
      creditsLeft: "3396",
      overflowCredits: "6604",
      uncoveredCredits: "0",
      totalUsd: "30", // $20 + 2 × $5
    });
    // The 5-hour window: 6 + 0.596 + 1.2 = 7.796 used; full from b (11:00) until 15:00.
    expect(s.windows.map((w) => [w.label, w.usedUnits, w.fullTimes, w.fullMs])).toEqual([
      ["5-hour", "7.796", 1, 4 * 3_600_000],
      ["weekly", "7.796", 0, 0],
    ]);
    expect(s.full).toEqual([
      {
        bucket: "general",
        window: "5h",
        label: "5-hour",
        from: "2026-06-04T11:00:00.000Z",
        until: "2026-06-04T15:00:00.000Z",
      },
    ]);
    expect(
      s.periods.filter((p) => p.window === "5h").map((p) => [p.start, p.usedUnits, p.usedPercent, p.fullAt]),
    ).toEqual([
      ["2026-06-04T10:00:00.000Z", "6.596", 100, "2026-06-04T11:00:00.000Z"],
      ["2026-06-04T15:00:00.000Z", "1.2", 18.19, null], // 1.2 / 6.596 = 18.19 %
    ]);
    expect(s.days).toEqual([
      {
        date: "2026-06-04",
        usages: 4,
        valueUsd: "14.4",
        quotaCredits: "7796",
        creditsUsed: "6604",
        uncoveredCredits: "0",
        creditsPurchased: "10000",
      },
    ]);
  });

  it("a fixed $25 package is bought at the first usage and lasts", () => {
    const s = run(afternoon, { plan: "plus", credits: "usd-25" });
    expect(s.purchases.map((p) => [p.at, p.package])).toEqual([["2026-06-04T10:30:00.000Z", "usd-25"]]);
    // 25,000 − 6,604 = 18,396 left; $20 + $25.
    expect([s.creditsUsed, s.creditsLeft, s.totalUsd]).toEqual(["6604", "18396", "45"]);
  });

  it("without credits the overflow is left uncovered", () => {
    const s = run(afternoon, { plan: "plus", credits: "none" });
    expect([s.creditsPurchased, s.uncoveredCredits, s.overflowCredits, s.totalUsd]).toEqual([
      "0",
      "6604",
      "6604",
      "20",
    ]);
  });

  it("credits only: every usage is paid by credits, three packages for 14,400 credits", () => {
    const s = run(afternoon, { plan: "none" });
    // a: 6,000 → 2 packages (10,000), 4,000 left; b: 1,200 → 2,800; c: 6,000 short 3,200 → 1 package, 1,800; d: 1,200 → 600.
    expect(s.purchases.map((p) => p.beforeUsage)).toEqual([0, 0, 2]);
    expect([s.subscriptionUsd, s.creditsPurchased, s.creditsUsed, s.creditsLeft, s.totalUsd]).toEqual([
      "0",
      "15000",
      "14400",
      "600",
      "15",
    ]);
    expect(s.windows).toEqual([]);
  });

  it("usages in any order give the same simulation", () => {
    const shuffled = [afternoon[2], afternoon[0], afternoon[3], afternoon[1]] as UsageEvent[];
    expect(run(shuffled, { plan: "plus" })).toEqual(run(afternoon, { plan: "plus" }));
  });
});

describe("simulate: the subscription's cost", () => {
  it("counts the charges at instants up to the last usage, the renewal instant included", () => {
    const start = m3("s", "2026-06-01T08:00:00Z", 1_000);
    const charges = (lastAt: string) =>
      run([start, m3("e", lastAt, 1_000)], { plan: "max", credits: "none" }).subscriptionUsd;
    expect(charges("2026-07-01T07:59:59.999Z")).toBe("50"); // 1 ms before the renewal
    expect(charges("2026-07-01T08:00:00Z")).toBe("100"); // at the renewal: charged
    expect(charges("2026-08-15T00:00:00Z")).toBe("150"); // June, July, August
  });
});

describe("simulate: lots that expire", () => {
  it("expired credits are counted and the next usage buys again (credits valid two days)", () => {
    const s = run([m3("a", "2026-06-10T00:00:00Z", 1_000_000), m3("b", "2026-06-13T00:00:00Z", 1_000_000)], {
      catalog: shortCreditsCatalog,
      plan: "none",
    });
    // a: 1,200 from a new lot (3,800 left), which expires 2026-06-12; b buys again.
    expect([s.creditsPurchased, s.creditsUsed, s.creditsExpired, s.creditsLeft]).toEqual([
      "10000",
      "2400",
      "3800",
      "3800",
    ]);
  });
});

describe("simulate refuses bad input with the field's path", () => {
  it.each([
    [{ plan: "mega" }, [], "unknown_tier", ["options", "plan"]],
    [{ plan: "max", credits: "usd-7" }, [], "unknown_package", ["options", "credits"]],
    [{ plan: "max", extra: 1 }, [], "invalid_input", ["options", "extra"]],
    [
      { plan: "max" },
      [afternoon[0], { ...afternoon[1], measures: { outputTokens: -1 } }],
      "invalid_input",
      ["usages", 1, "measures", "outputTokens"],
    ],
    [
      { plan: "max" },
      [{ ...afternoon[0], resource: "gpt-9" }],
      "unknown_resource",
      ["usages", 0, "resource"],
    ],
    [
      { plan: "max" },
      [{ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "max" }],
      "invalid_input",
      ["usages", 0, "type"],
    ],
  ])("%j", (options, usages, code, path) => {
    const r = simulate(usages as UsageEvent[], options as Parameters<typeof simulate>[1]);
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual([code, path]);
  });
});
