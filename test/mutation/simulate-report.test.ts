/**
 * What a simulation reports, at the edges its stories left open: two windows full at once,
 * and amounts for people (signs, fractions, zero). Written to kill the mutants Stryker left
 * in `src/simulate/full.ts` and `display.ts` (see bench/README.md "Mutation scores").
 *
 * Plus has $6.596 of list price per 5-hour block and $98.94 per week; 1,000,000 MiniMax-M3
 * output tokens are $1.20.
 */
import { describe, expect, it } from "vitest";
import { simulate, tokenPlanChinaCatalog, type UsageEvent } from "../../src";
import { displayCredits, displayUsd, groupThousands } from "../../src/simulate";
import { slidingAndSessionCatalog } from "../support/catalogs";

describe("full windows", () => {
  // Kills: the window key `${bucket}/${window}` → `` (two windows full at once are two periods).
  it("records the 5-hour and the weekly window full at once as two periods", () => {
    // Plus's week holds exactly 15 blocks' room: 15 × $6.596 = $98.94. One usage of $120
    // (100,000,000 tokens) in each of the first 15 blocks of the week of Monday 2026-06-01
    // takes $6.596 of quota each; the 15th (Wednesday 22:30) uses up the block and the week at once.
    const usages = Array.from({ length: 15 }, (_, k) => ({
      type: "usage" as const,
      id: `big-${k}`,
      at: Date.parse("2026-06-01T00:30:00Z") + k * 5 * 3_600_000,
      resource: "MiniMax-M3",
      measures: { outputTokens: 100_000_000 },
    }));
    const r = simulate(usages, { plan: "plus", credits: "none" });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.full.filter((f) => f.window === "5h")).toHaveLength(15);
    expect(r.value.full.filter((f) => f.window === "weekly")).toEqual([
      {
        bucket: "general",
        window: "weekly",
        label: "weekly",
        from: "2026-06-03T22:30:00.000Z",
        until: "2026-06-08T00:00:00.000Z",
      },
    ]);
    expect(r.value.full.at(-2)).toEqual({
      bucket: "general",
      window: "5h",
      label: "5-hour",
      from: "2026-06-03T22:30:00.000Z",
      until: "2026-06-04T00:00:00.000Z",
    });
  });
});

describe("amounts for people", () => {
  it.each([
    ["-123", "-123"],
    ["-123456.1234", "-123,456.1234"],
    ["1234.5678", "1,234.5678"],
    ["999", "999"],
    ["1000", "1,000"],
  ])("groupThousands(%s) = %s: the whole part only, a sign never followed by a comma", (text, grouped) => {
    expect(groupThousands(text)).toBe(grouped);
  });

  it.each([
    ["0", "$0"],
    ["0.0000001", "$0"],
    ["0.000004", "$0.000004"],
    ["1234.5", "$1,234.50"],
    ["7", "$7"],
  ])("displayUsd(%s) = %s", (amount, text) => {
    expect(displayUsd(amount)).toBe(text);
  });

  it("shows credits whole, half to even: 12,344.5 → 12,344 and 12,345.5 → 12,346", () => {
    expect([displayCredits("12344.5"), displayCredits("12345.5")]).toEqual(["12,344", "12,346"]);
  });
});

describe("days", () => {
  const m3 = (id: string, at: string, outputTokens: number): UsageEvent => ({
    type: "usage",
    id,
    at: Date.parse(at),
    resource: "MiniMax-M3",
    measures: { outputTokens },
  });

  // Kills: `at < this.dayEnd` → true and → `<=` (a usage at midnight starts the next day), and
  // `&&` → `||` (every usage would land on the first day).
  it("starts a new day at midnight exactly", () => {
    const r = simulate(
      [m3("a", "2026-06-04T23:59:59.999Z", 1_000_000), m3("b", "2026-06-05T00:00:00.000Z", 1_000_000)],
      { plan: "max", credits: "none" },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.days.map((d) => [d.date, d.usages, d.valueUsd])).toEqual([
      ["2026-06-04", 1, "1.2"],
      ["2026-06-05", 1, "1.2"],
    ]);
  });

  // Kills, in dayZoneOf: the loop body → {}, `window.kind === "calendar"` → false and its
  // "calendar" → "" (days would be cut in UTC), and the date format's options → {}.
  it("cuts days in the zone of the catalog's first calendar window (China: Asia/Shanghai)", () => {
    // 2026-06-04 20:00 UTC is 2026-06-05 04:00 in Shanghai.
    const r = simulate([m3("a", "2026-06-04T20:00:00Z", 1_000_000)], {
      plan: "max",
      credits: "none",
      catalog: tokenPlanChinaCatalog,
    });
    expect(r.ok && r.value.days.map((d) => d.date)).toEqual(["2026-06-05"]);
  });

  // Kills: the "UTC" fallback → "" (no coverage before: a catalog with no calendar window).
  it("cuts days in UTC when the catalog has no calendar window", () => {
    const r = simulate([m3("a", "2026-06-04T23:30:00Z", 1_000_000)], {
      plan: "plus",
      credits: "none",
      catalog: slidingAndSessionCatalog,
    });
    expect(r.ok && r.value.days.map((d) => d.date)).toEqual(["2026-06-04"]);
  });
});

describe("the periods of each window, and the span", () => {
  const m3 = (id: string, at: string): UsageEvent => ({
    type: "usage",
    id,
    at: Date.parse(at),
    resource: "MiniMax-M3",
    measures: { outputTokens: 1_000_000 },
  });

  // Kills: the periods' sort (the window order → [], no sort, comparator → undefined, its
  // terms → true / false / `&&` / `+`, the key → ``), and `from`'s `first === null` test
  // (→ true, false, `!==`).
  it("lists every block of the 5-hour window, then every week, each in time order", () => {
    // $1.20 on Monday 2026-06-01 at 10:30 and 15:30, and Monday 2026-06-08 at 10:30.
    const r = simulate(
      [m3("a", "2026-06-01T10:30:00Z"), m3("b", "2026-06-01T15:30:00Z"), m3("c", "2026-06-08T10:30:00Z")],
      {
        plan: "plus",
        credits: "none",
      },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect([r.value.from, r.value.until]).toEqual(["2026-06-01T10:30:00.000Z", "2026-06-08T10:30:00.000Z"]);
    expect(r.value.periods.map((p) => [p.window, p.start, p.usedUnits, p.limitUnits, p.usedPercent])).toEqual(
      [
        ["5h", "2026-06-01T10:00:00.000Z", "1.2", "6.596", 18.19],
        ["5h", "2026-06-01T15:00:00.000Z", "1.2", "6.596", 18.19],
        ["5h", "2026-06-08T10:00:00.000Z", "1.2", "6.596", 18.19],
        ["weekly", "2026-06-01T00:00:00.000Z", "2.4", "98.94", 2.43],
        ["weekly", "2026-06-08T00:00:00.000Z", "1.2", "98.94", 1.21],
      ],
    );
  });

  // Kills, in the look-up of a period's first refusal: the window test → true and `&&` → `||`
  // (the week would take the block's), `f.from >= p.start` → `>`, `f.from < p.end` → true
  // and → `<=` (the earlier block would take the later one's).
  it("gives each block the instant it filled, and only its own", () => {
    // Thursday 2026-06-04: 10:30 $1.20 (the 10:00 block holds); 15:00 sharp $7.20 fills the 15:00 block.
    const r = simulate(
      [
        m3("a", "2026-06-04T10:30:00Z"),
        { ...m3("b", "2026-06-04T15:00:00Z"), measures: { outputTokens: 6_000_000 } },
      ],
      { plan: "plus", credits: "none" },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.periods.map((p) => [p.window, p.start, p.fullAt])).toEqual([
      ["5h", "2026-06-04T10:00:00.000Z", null],
      ["5h", "2026-06-04T15:00:00.000Z", "2026-06-04T15:00:00.000Z"],
      ["weekly", "2026-06-01T00:00:00.000Z", null],
    ]);
  });
});

describe("the simulation's own fields", () => {
  // Kills: `plan.tier ?? "none"` → `&&` and "none" → "", and `from`/`until` of no usage
  // (`report.first === null ? null : …` → false).
  it('names credits only "none", and an empty log has no first or last usage', () => {
    const r = simulate([], { plan: "none", credits: "none" });
    expect(r.ok && [r.value.plan, r.value.usages, r.value.from, r.value.until, r.value.totalUsd]).toEqual([
      "none",
      0,
      null,
      null,
      "0",
    ]);
  });

  // Kills: a session's end `at + durationMs` → `at − durationMs` (periodBounds).
  it("gives a session window's period the session's length (7 days)", () => {
    const r = simulate(
      [
        {
          type: "usage",
          id: "a",
          at: Date.parse("2026-06-04T10:30:00Z"),
          resource: "MiniMax-M3",
          measures: { outputTokens: 1_000_000 },
        },
      ],
      { plan: "plus", credits: "none", catalog: slidingAndSessionCatalog },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.periods.map((p) => [p.window, p.start, p.end])).toEqual([
      ["weekly", "2026-06-04T10:30:00.000Z", "2026-06-11T10:30:00.000Z"],
    ]);
  });
});
