/**
 * `evolve` (src/ledger/evolve.ts) folds each kind of fact into the state: every subscription
 * transition leaves the subscription it should, and a void gives its quota back to the
 * windows. Written to kill the mutants Stryker left in evolve.ts (see bench/README.md
 * "Mutation scores").
 */
import { describe, expect, it } from "vitest";
import { applyEvents, createLedger, type LedgerEvent, type LedgerState, settle } from "../../src";

const t = (hhmm: string) => `2026-06-04T${hhmm}:00Z`;

function run(events: readonly LedgerEvent[]): LedgerState {
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  const r = applyEvents(created.state, events);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.state;
}

const anchor = Date.parse(t("10:00"));
const periodEnd = Date.parse("2026-07-04T10:00:00Z");
const subscription = (over: Record<string, unknown>) => ({
  tier: "plus",
  status: "active",
  anchorAtMs: anchor,
  period: 0,
  periodStartMs: anchor,
  periodEndMs: periodEnd,
  pendingTier: null,
  ...over,
});

describe("evolve: the subscription after each transition", () => {
  it("an upgrade changes the tier at once (subscription.tier-changed)", () => {
    const state = run([
      { type: "subscribe", id: "s", at: t("10:00"), tier: "plus" },
      { type: "change-tier", id: "c", at: t("11:00"), tier: "max" },
    ]);
    expect(state.subscription).toEqual(subscription({ tier: "max" }));
  });

  it("a downgrade is scheduled, and withdrawn by changing to the tier in force (subscription.change-withdrawn)", () => {
    const scheduled = run([
      { type: "subscribe", id: "s", at: t("10:00"), tier: "max" },
      { type: "change-tier", id: "c", at: t("11:00"), tier: "plus" },
    ]);
    expect(scheduled.subscription).toEqual(subscription({ tier: "max", pendingTier: "plus" }));
    const withdrawn = run([
      { type: "subscribe", id: "s", at: t("10:00"), tier: "max" },
      { type: "change-tier", id: "c", at: t("11:00"), tier: "plus" },
      { type: "change-tier", id: "w", at: t("12:00"), tier: "max" },
    ]);
    expect(withdrawn.subscription).toEqual(subscription({ tier: "max", pendingTier: null }));
  });

  it("a cancelled plan resumes when subscribed again to its tier (subscription.resumed)", () => {
    const cancelled = run([
      { type: "subscribe", id: "s", at: t("10:00"), tier: "plus" },
      { type: "cancel", id: "c", at: t("11:00") },
    ]);
    expect(cancelled.subscription).toEqual(subscription({ status: "canceled" }));
    const resumed = run([
      { type: "subscribe", id: "s", at: t("10:00"), tier: "plus" },
      { type: "cancel", id: "c", at: t("11:00") },
      { type: "subscribe", id: "r", at: t("12:00"), tier: "plus" },
    ]);
    expect(resumed.subscription).toEqual(subscription({ status: "active" }));
  });

  it("a cancelled plan lapses at its period's end (subscription.lapsed)", () => {
    const cancelled = run([
      { type: "subscribe", id: "s", at: t("10:00"), tier: "plus" },
      { type: "cancel", id: "c", at: t("11:00") },
    ]);
    const lapsed = settle(cancelled, "2026-07-05T00:00:00Z");
    expect(lapsed.ok && lapsed.state.subscription).toBe(null);
    expect(lapsed.ok && lapsed.entries.map((e) => e.type)).toEqual(["subscription.lapsed"]);
  });

  it("a renewal charges and moves to the next period (subscription.renewed, .charged)", () => {
    const state = run([{ type: "subscribe", id: "s", at: t("10:00"), tier: "plus" }]);
    const renewed = settle(state, "2026-07-05T00:00:00Z");
    expect(renewed.ok && renewed.state.subscription).toEqual(
      subscription({ period: 1, periodStartMs: periodEnd, periodEndMs: Date.parse("2026-08-04T10:00:00Z") }),
    );
  });
});

describe("evolve: a void gives the usage's quota back (quota.returned)", () => {
  it("every window of the bucket holds what it held before the usage", () => {
    const before = run([{ type: "subscribe", id: "s", at: t("10:00"), tier: "plus" }]);
    const used = run([
      { type: "subscribe", id: "s", at: t("10:00"), tier: "plus" },
      { type: "usage", id: "u", at: t("11:00"), resource: "MiniMax-M3", measures: { outputTokens: 10_000 } },
    ]);
    const voided = run([
      { type: "subscribe", id: "s", at: t("10:00"), tier: "plus" },
      { type: "usage", id: "u", at: t("11:00"), resource: "MiniMax-M3", measures: { outputTokens: 10_000 } },
      { type: "void-usage", id: "v", at: t("11:30"), usageId: "u" },
    ]);
    const usedOf = (s: LedgerState) =>
      Object.fromEntries(Object.entries(s.windows).map(([k, w]) => [k, "used" in w ? w.used : null]));
    expect(usedOf(used)).toEqual({ "general/5h": "0.012", "general/weekly": "0.012" });
    expect(usedOf(voided)).toEqual({ "general/5h": "0", "general/weekly": "0" });
    expect(Object.keys(before.windows)).toEqual([]);
  });
});
