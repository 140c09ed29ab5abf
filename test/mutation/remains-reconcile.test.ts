/**
 * `reconcile` (`src/remains/reconcile.ts`) at its edges, with its exact sentences: written
 * to kill the mutants Stryker left there. Every result is computed inside its test (Stryker
 * switches a mutant on before the tests, after the describe bodies have run).
 *
 * The ledger is on Max from Monday 2026-06-01 (5-hour limit 19.834, weekly 297.51, video 3 a
 * day); the snapshot was taken Thursday 12:10Z, in the 10:00–15:00 block.
 */
import { describe, expect, it } from "vitest";
import { applyEvents, type LedgerEvent, type LedgerState, type RemainsSnapshot, reconcile } from "../../src";
import { emptyLedger, must, oneRow, V2_AT } from "../remains/support";

function ledger(events: readonly LedgerEvent[]): LedgerState {
  const applied = applyEvents(emptyLedger(), events);
  if (!applied.ok) throw new Error(applied.error.message);
  return applied.state;
}

const subscribe = (tier: string): LedgerEvent => ({
  type: "subscribe",
  id: "sub",
  at: "2026-06-01T00:00:00Z",
  tier,
});
// 6,000,000 M3 output tokens × $1.20 / 1M = 7.2 units of the 10:00–15:00 block: 36.301300796612 % of 19.834.
const sevenTwenty: LedgerEvent = {
  type: "usage",
  id: "m3",
  at: "2026-06-04T10:30:00Z",
  resource: "MiniMax-M3",
  measures: { outputTokens: 6_000_000 },
};
const fifteenZ = Date.parse("2026-06-04T15:00:00Z");

describe("coverage: whether the window limits at all", () => {
  it("a limited ledger against a provider's unlimited week names the ledger's limit", () => {
    // Kills: `limits it to …` → "" (the message of a limited ledger).
    const snapshot = oneRow({
      current_interval_status: 1,
      current_interval_remaining_percent: 100,
      current_weekly_status: 3,
    });
    const result = must(reconcile(ledger([subscribe("max")]), snapshot, V2_AT));
    expect(result.differences).toEqual([
      {
        type: "coverage",
        bucket: "general",
        window: "weekly",
        kind: "weekly",
        row: "general",
        ledger: "limited",
        provider: "unlimited",
        message: "The provider reports general/weekly as unlimited; the ledger limits it to 297.51.",
      },
    ]);
  });

  it("a ledger without a subscription against an unlimited week is still a coverage difference", () => {
    // Kills: `|| remains.status === "unlimited"` → false, and "unlimited" → "" (neither side limits,
    // but the provider says unlimited, not "not in plan").
    const snapshot = oneRow({ current_weekly_status: 3, current_interval_status: 1 });
    const result = must(reconcile(emptyLedger(), snapshot, V2_AT));
    expect(result.differences.find((d) => d.window === "weekly")).toEqual({
      type: "coverage",
      bucket: "general",
      window: "weekly",
      kind: "weekly",
      row: "general",
      ledger: "notLimited",
      provider: "unlimited",
      message: "The provider reports general/weekly as unlimited; the ledger does not let quota pay here.",
    });
  });

  it("video not in plan on both sides: nothing else is compared, not even a wrong reset instant", () => {
    // Kills: `if (!limited) return null` → false. Plus has video at 0 a day (the ledger's day
    // resets at midnight UTC); the provider's not-in-plan window ends at 10:00, 14 h earlier.
    const snapshot = oneRow({
      model_name: "video",
      start_time: Date.parse("2026-06-03T10:00:00Z"),
      end_time: Date.parse("2026-06-04T10:00:00Z"),
      current_interval_total_count: 0,
      current_interval_usage_count: 0,
      current_interval_remaining_percent: 100,
      current_interval_status: 3,
    });
    expect(snapshot.buckets[0]?.interval.status).toBe("notInPlan");
    const result = must(reconcile(ledger([subscribe("plus")]), snapshot, V2_AT));
    expect(result.differences).toEqual([]);
    expect(result.compared).toContainEqual({ bucket: "video", window: "daily", row: "video" });
  });
});

describe("limit: the provider's total against the catalog's limit in force", () => {
  it("a total of 4500 against 19.834 is a limit difference with its sentence", () => {
    // Kills: the limit message → "".
    const snapshot = oneRow(
      {
        current_interval_total_count: 4500,
        current_interval_usage_count: 0,
        current_interval_remaining_percent: 100,
        current_interval_status: 1,
      },
      { endpoint: "current" },
    );
    const result = must(reconcile(ledger([subscribe("max")]), snapshot, V2_AT));
    expect(result.differences).toEqual([
      {
        type: "limit",
        bucket: "general",
        window: "5h",
        kind: "interval",
        row: "general",
        ledgerLimit: "19.834",
        providerLimit: "4500",
        message: "The provider's total for general/5h is 4500; the catalog's limit in force is 19.834.",
      },
    ]);
  });
});

describe("used: the share, in points, and in units where the totals are equal", () => {
  it("equal totals: the units are compared too, and the sentence carries the sign and the units", () => {
    // Kills: the `sameLimit && remains.used !== null` mutants (false, `===`), `providerUsed === null` → true,
    // and the message's "+" and units part. Provider: 1 of 19.834 used, 95 % remaining (5 % used).
    // Ledger: 7.2 used = 36.301300796612 %: +31.301300796612 points, 7.2 − 1 = 6.2 units.
    const snapshot = oneRow(
      {
        current_interval_total_count: "19.834",
        current_interval_usage_count: 1,
        current_interval_remaining_percent: 95,
        current_interval_status: 1,
      },
      { endpoint: "current" },
    );
    const result = must(reconcile(ledger([subscribe("max"), sevenTwenty]), snapshot, V2_AT));
    expect(result.differences).toEqual([
      {
        type: "used",
        bucket: "general",
        window: "5h",
        kind: "interval",
        row: "general",
        ledgerPercent: "36.301300796612",
        providerPercent: "5",
        byPercent: "31.301300796612",
        ledgerUsed: "7.2",
        providerUsed: "1",
        byUnits: "6.2",
        message:
          "general/5h: the ledger has 36.301300796612 % used, the provider 5 % (+31.301300796612 points, 6.2 units).",
      },
    ]);
  });

  it("a ledger below the provider: the points carry their own minus, no plus before it", () => {
    // Kills: `byPercent.startsWith("-")` → endsWith. Provider 50 % used, ledger 0: −50 points, 0 − 9.917 units.
    const snapshot = oneRow(
      {
        current_interval_total_count: "19.834",
        current_interval_usage_count: "9.917",
        current_interval_remaining_percent: 50,
        current_interval_status: 1,
      },
      { endpoint: "current" },
    );
    const result = must(reconcile(ledger([subscribe("max")]), snapshot, V2_AT));
    expect(result.differences.map((d) => d.message)).toEqual([
      "general/5h: the ledger has 0 % used, the provider 50 % (-50 points, -9.917 units).",
    ]);
  });

  it("other totals: the used amounts are not comparable, so only the points are given", () => {
    // Kills: `sameLimit || remains.used !== null`, and `sameLimit` → true. Provider: 1200 of 4500
    // used (26.67 %, 73 % remaining); ledger 0 of 19.834.
    const snapshot = oneRow(
      {
        current_interval_total_count: 4500,
        current_interval_usage_count: 1200,
        current_interval_remaining_percent: 73,
        current_interval_status: 1,
      },
      { endpoint: "current" },
    );
    const result = must(reconcile(ledger([subscribe("max")]), snapshot, V2_AT));
    expect(result.differences.map((d) => d.type)).toEqual(["limit", "used"]);
    expect(result.differences[1]).toMatchObject({
      providerPercent: "27",
      byPercent: "-27",
      providerUsed: null,
      byUnits: null,
      message: "general/5h: the ledger has 0 % used, the provider 27 % (-27 points).",
    });
  });

  it("a limited window the provider gives no percentage for is compared, with nothing to report", () => {
    // Kills: `remains.usedPercent !== null` → true (a status alone says nothing about the share).
    const snapshot = oneRow({ current_interval_status: 1 });
    expect(snapshot.buckets[0]?.interval.usedPercent).toBeNull();
    const result = must(reconcile(ledger([subscribe("max"), sevenTwenty]), snapshot, V2_AT));
    expect(result.differences).toEqual([]);
    expect(result.compared).toContainEqual({ bucket: "general", window: "5h", row: "general" });
  });
});

describe("reset: the tolerance is inclusive", () => {
  const endingAt = (endMs: number): RemainsSnapshot =>
    oneRow({ current_interval_remaining_percent: 100, current_interval_status: 1, end_time: endMs });

  it("an end exactly 1,000 ms from the ledger's 15:00 is within the default tolerance; 1,001 ms is not", () => {
    // Kills: `Math.abs(byMs) > resetToleranceMs` → `>=`.
    const state = ledger([subscribe("max")]);
    expect(must(reconcile(state, endingAt(fifteenZ - 1000), V2_AT)).differences).toEqual([]);
    expect(must(reconcile(state, endingAt(fifteenZ + 1000), V2_AT)).differences).toEqual([]);
    const late = must(reconcile(state, endingAt(fifteenZ - 1001), V2_AT)).differences;
    expect(late).toEqual([
      {
        type: "reset",
        bucket: "general",
        window: "5h",
        kind: "interval",
        row: "general",
        ledgerResetsAt: "2026-06-04T15:00:00.000Z",
        providerResetsAt: "2026-06-04T14:59:58.999Z",
        byMs: 1001,
        message:
          "general/5h resets at 2026-06-04T14:59:58.999Z by the provider, at 2026-06-04T15:00:00.000Z by the ledger: check the catalog's time zone and cuts.",
      },
    ]);
  });
});

describe("what reconcile refuses", () => {
  it("an object that is not a parsed snapshot, with its sentence and path", () => {
    // Kills: the refusal's message → "".
    expect(reconcile(emptyLedger(), { buckets: "x" } as unknown as RemainsSnapshot, V2_AT)).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected a snapshot made by parseRemains.",
        path: ["snapshot"],
        params: {},
      },
    });
  });
});
