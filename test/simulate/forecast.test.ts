/**
 * forecast, as stories. A Plus subscriber with one $5 package (5,000 credits) at 10:00
 * on 2026-06-04, working at $1.20 of list price every 10 minutes (1,000,000 MiniMax-M3
 * output tokens); the 5-hour block runs 10:00–15:00 with $6.596 of room.
 */
import { describe, expect, it } from "vitest";
import { applyEvents, createLedger, forecast, type LedgerState, type UsageEvent } from "../../src";
import { shortCreditsCatalog } from "./support";

function ledger(catalog = undefined as Parameters<typeof createLedger>[0]): LedgerState {
  const created = createLedger(catalog);
  if (!created.ok) throw new Error(created.error.message);
  const r = applyEvents(created.state, [
    { type: "subscribe", id: "sub", at: "2026-06-04T10:00:00Z", tier: "plus" },
    { type: "purchase-credits", id: "pack", at: "2026-06-04T10:00:00Z", package: "usd-5" },
  ]);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

const request = { resource: "MiniMax-M3", measures: { outputTokens: 1_000_000 } } as const;

describe("forecast at a burn rate", () => {
  it("says when the 5-hour window and the credits run out, and that the week holds", () => {
    const r = forecast(ledger(), {
      at: "2026-06-04T10:00:00Z",
      until: "2026-06-04T14:00:00Z",
      burnRate: { usage: request, perHour: 6 },
    });
    if (!r.ok) throw new Error(r.error.message);
    // 10:10 … 10:50: five usages, $6.00 used; 11:00 takes the last $0.596 (full) and 604 credits.
    // 11:10, 11:20, 11:30: 1,200 each → 4,204 used, 796 left; 11:40 needs 1,200: the credits run out.
    expect(r.value.windows.map((w) => [w.label, w.remainingUnits, w.runsOutAt, w.resetsAt])).toEqual([
      ["5-hour", "6.596", "2026-06-04T11:00:00.000Z", "2026-06-04T15:00:00.000Z"],
      ["weekly", "98.94", null, "2026-06-08T00:00:00.000Z"],
    ]);
    expect(r.value.credits).toEqual({
      balance: "5000",
      runsOutAt: "2026-06-04T11:40:00.000Z",
      expiresUnused: [],
    });
    expect(r.value.projectedUsages).toBe(24); // 10:10 … 14:00
  });

  it("lists the credits that expire unused before they would run out (credits valid two days)", () => {
    const r = forecast(ledger({ catalog: shortCreditsCatalog }), {
      at: "2026-06-04T10:00:00Z",
      until: "2026-06-08T00:00:00Z",
      burnRate: { usage: { resource: "MiniMax-M3", measures: { outputTokens: 1_000 } }, perHour: 1 },
    });
    if (!r.ok) throw new Error(r.error.message);
    // $0.0012 an hour never fills a window: the package expires whole on 2026-06-06 at 10:00.
    expect(r.value.windows.every((w) => w.runsOutAt === null)).toBe(true);
    expect(r.value.credits).toEqual({
      balance: "5000",
      runsOutAt: null,
      expiresUnused: [{ lotId: "pack", expiresAt: "2026-06-06T10:00:00.000Z", credits: "5000" }],
    });
  });
});

describe("forecast from recent usages", () => {
  it("repeats the recent pattern with its own spacing", () => {
    const recent: UsageEvent[] = [
      { type: "usage", id: "r1", at: "2026-06-04T09:00:00Z", ...request },
      { type: "usage", id: "r2", at: "2026-06-04T09:30:00Z", ...request },
    ];
    // Two usages 30 minutes apart: the pattern repeats every hour (30 min × 2 / 1), so
    // copies fall at 10:00 (not after `at`), 10:30, 11:00, 11:30, … : $1.20 every 30 minutes.
    const r = forecast(ledger(), {
      at: "2026-06-04T10:00:00Z",
      until: "2026-06-04T13:00:00Z",
      usages: recent,
    });
    if (!r.ok) throw new Error(r.error.message);
    // 10:30 … 12:30: five usages = $6.00; 13:00 takes the last $0.596.
    expect(r.value.windows[0]?.runsOutAt).toBe("2026-06-04T13:00:00.000Z");
    expect(r.value.projectedUsages).toBe(6);
  });

  it.each([
    [{ usages: [] }, ["options", "usages"]],
    [{}, ["options"]],
    [{ burnRate: { usage: request, perHour: 0 } }, ["options", "burnRate", "perHour"]],
    [
      { burnRate: { usage: { resource: "nope", measures: {} }, perHour: 1 } },
      ["options", "burnRate", "usage", "resource"],
    ],
  ])("refuses %j with the field's path", (pace, path) => {
    const r = forecast(ledger(), { at: "2026-06-04T10:00:00Z", until: "2026-06-05T00:00:00Z", ...pace });
    expect(r.ok ? null : r.error.path).toEqual(path);
  });
});
