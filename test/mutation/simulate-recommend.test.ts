/**
 * recommendPlan's reasons, word for word, in three logs: credits only is cheapest; Plus is
 * cheapest and both its windows fill once; Max is cheapest while Plus fills nothing (its
 * video quota is 0, so videos are all overflow). Written to kill the mutants Stryker left in
 * `src/simulate/recommend.ts` (see bench/README.md "Mutation scores").
 *
 * Default catalog: Plus $20 (5-hour $6.596, weekly $98.94, no video), Max $50 (5-hour
 * $19.834, 3 videos a day), Ultra $120; $5 buys 5,000 credits (1,000 credits = $1);
 * 1,000,000 MiniMax-M3 output tokens = $1.20; a premium video = $0.56.
 */
import { describe, expect, it } from "vitest";
import { recommendPlan, type UsageEvent } from "../../src";

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const m3 = (id: string, at: number, outputTokens: number): UsageEvent => ({
  type: "usage",
  id,
  at,
  resource: "MiniMax-M3",
  measures: { outputTokens },
});

function reasons(usages: readonly UsageEvent[]) {
  const r = recommendPlan(usages);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.plans.map((p) => [p.plan, p.totalUsd, p.fills, p.reason]);
}

describe("the reasons recommendPlan gives", () => {
  // Kills: the credits-only cost text (`t.plan === "credits-only"` → false, "credits-only" → ""),
  // `t === first` → true (every option would read as the cheapest), and the credits-only
  // cheapest branch (`t.plan !== "credits-only"` → true would say "quota covers every usage").
  it("credits only cheapest: one $1.20 usage is one $5 package", () => {
    expect(reasons([m3("a", Date.parse("2026-06-04T10:00:00Z"), 1_000_000)])).toEqual([
      ["credits-only", "5", [], "Credits only: 5,000 credits ($5); the cheapest plan, Plus, costs $20"],
      ["plus", "20", [], "Plus: $20 + 0 credits; $15 more than Credits only"],
      ["max", "50", [], "Max: $50 + 0 credits; $45 more than Credits only"],
      ["ultra", "120", [], "Ultra: $120 + 0 credits; $115 more than Credits only"],
    ]);
  });

  // Kills: fillsOf's `f.window === period.window` → true and `&&` → `||` (two windows, one
  // fill each); mostFilled's `best === null || …` → true, `>` → `>=` and `<=` (on a tie the
  // first window filled stays); `own === null` → true (no coverage before: the "credits
  // cover the rest" sentence).
  it("Plus cheapest, its 5-hour and weekly windows each full once", () => {
    // Monday 2026-06-01 00:30 $6.00 and 00:40 $1.20: the 5-hour block fills (604 credits over).
    // Then 14 blocks, 5 h apart, of $6.48 (5,400,000 tokens): the week has used 6.596 + 90.72
    // = 97.316 of 98.94. Thursday 03:30, $2.40: the week fills (1.624 quota, 776 credits over).
    // Plus: $20 + one package (604 + 776 = 1,380 credits) = $25; Max covers everything: $50;
    // credits only: 100,320 credits = 21 packages = $105. The log spans 75 h: "in 4 days".
    const t0 = Date.parse("2026-06-01T00:30:00Z");
    const usages = [m3("b0", t0, 5_000_000), m3("b1", t0 + 600_000, 1_000_000)];
    for (let k = 1; k <= 14; k++) usages.push(m3(`b${k + 1}`, t0 + k * 5 * hourMs, 5_400_000));
    usages.push(m3("b16", t0 + 75 * hourMs, 2_000_000));
    const plus = [
      { bucket: "general", window: "5h", label: "5-hour", times: 1 },
      { bucket: "general", window: "weekly", label: "weekly", times: 1 },
    ];
    expect(reasons(usages)).toEqual([
      [
        "plus",
        "25",
        plus,
        "Plus: $20 + 5,000 credits; the 5-hour window fills once in 4 days and credits cover the rest",
      ],
      ["max", "50", [], "Max: $50 + 0 credits; $25 more than Plus"],
      ["credits-only", "105", [], "Credits only: 105,000 credits ($105); $80 more than Plus"],
      ["ultra", "120", [], "Ultra: $120 + 0 credits; $95 more than Plus"],
    ]);
  });

  // Kills: `lower !== undefined && lowerFill !== null` → `||` and `lowerFill !== null` → true
  // (a cheaper tier that filled nothing has no window to name: both would read `null.label`).
  it("Max cheapest while Plus, which fills nothing, pays every video in credits", () => {
    // 20 days from Monday 2026-06-01: three premium videos at 10:00 ($1.68) and $6.00 of
    // MiniMax-M3 at 12:00. Plus: $20 + 60 × $0.56 = $33.60 in credits → 7 packages = $55;
    // Max: $50 (3 videos a day, $6.00 a day of text); credits only: $33.60 + $120 → 31 packages = $155.
    const usages: UsageEvent[] = [];
    for (let d = 0; d < 20; d++) {
      const day = Date.parse("2026-06-01T10:00:00Z") + d * dayMs;
      for (let v = 0; v < 3; v++) {
        usages.push({
          type: "usage",
          id: `v${d}-${v}`,
          at: day + v * 60_000,
          resource: "video-premium",
          measures: { videos: 1 },
        });
      }
      usages.push(m3(`t${d}`, day + 2 * hourMs, 5_000_000));
    }
    // Max's daily window is used up every day: 20 times over 19 days 2 h, 7.3 times a week.
    expect(reasons(usages).map(([plan, total, , reason]) => [plan, total, reason])).toEqual([
      ["max", "50", "Max: $50 + 0 credits; the daily window fills 7.3× a week and credits cover the rest"],
      ["plus", "55", "Plus: $20 + 35,000 credits; $5 more than Max"],
      ["ultra", "120", "Ultra: $120 + 0 credits; $70 more than Max"],
      ["credits-only", "155", "Credits only: 155,000 credits ($155); $105 more than Max"],
    ]);
  });

  // Kills: the non-first reason's `own !== null` → false and its text → `` (a dearer option
  // that filled says so), and `from`/`until` forced to null.
  it("Max cheapest while Plus fills its 5-hour window every day", () => {
    // 20 days of $12.00 (10,000,000 tokens) at 12:00. Plus: 20 × (12 − 6.596) = 108.08 over,
    // 110,000 credits bought = $110, total $130; Max covers it ($50); credits only: 240 packages' worth, $240.
    const usages = Array.from({ length: 20 }, (_, d) =>
      m3(`t${d}`, Date.parse("2026-06-01T12:00:00Z") + d * dayMs, 10_000_000),
    );
    const r = recommendPlan(usages);
    if (!r.ok) throw new Error(r.error.message);
    expect([r.value.from, r.value.until, r.value.usages]).toEqual([
      "2026-06-01T12:00:00.000Z",
      "2026-06-20T12:00:00.000Z",
      20,
    ]);
    // 20 fills over 19 days: 7.4 a week.
    expect(r.value.plans.map((p) => [p.plan, p.totalUsd, p.reason])).toEqual([
      ["max", "50", "Max: $50 + 0 credits; on Plus the 5-hour window fills 7.4× a week"],
      ["ultra", "120", "Ultra: $120 + 0 credits; $70 more than Max"],
      ["plus", "130", "Plus: $20 + 110,000 credits; $80 more than Max; the 5-hour window fills 7.4× a week"],
      ["credits-only", "240", "Credits only: 240,000 credits ($240); $190 more than Max"],
    ]);
  });

  // Kills: the tie's text `as much as ${first.name}` → ``.
  it("a tie costs as much as the cheapest, which is the one with the lower monthly price", () => {
    // Three blocks of 4,444,445 tokens ($5.333334 each, within Plus's 5-hour room): $16.000002,
    // four packages on credits only = $20, as much as Plus.
    const usages = [0, 1, 2].map((k) =>
      m3(`x${k}`, Date.parse("2026-06-04T00:30:00Z") + k * 5 * hourMs, 4_444_445),
    );
    expect(reasons(usages).slice(0, 2)).toEqual([
      ["credits-only", "20", [], "Credits only: 20,000 credits ($20); the cheapest plan, Plus, costs $20"],
      ["plus", "20", [], "Plus: $20 + 0 credits; as much as Credits only"],
    ]);
  });
});

describe("what recommendPlan refuses", () => {
  // Kills: `if (!r.ok) return r` → false (a replay the ledger refuses is the answer, not a crash).
  it("returns the ledger's refusal when an option needs more lots than a ledger holds", () => {
    // 40,000 songs = $6,000: 1,200 packages of $5 on credits only, over the 1,024 lots a ledger holds.
    const r = recommendPlan([
      { type: "usage", id: "s", at: 1_780_560_000_000, resource: "music", measures: { songs: 40_000 } },
    ]);
    expect(r).toEqual({
      ok: false,
      error: {
        code: "limit_exceeded",
        message: "At most 1024 credit lots with credits left per ledger.",
        path: [],
        params: { lotsCountMax: 1024 },
      },
    });
  });

  // Kills: the options parse's code "invalid_input" → "".
  it("refuses a strategy that is not a string as invalid_input at its path", () => {
    const r = recommendPlan([], { credits: 5 } as never);
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(["invalid_input", ["options", "credits"]]);
  });
});
