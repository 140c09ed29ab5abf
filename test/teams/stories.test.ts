/**
 * Team stories, with the arithmetic by hand. Default catalog: Plus has a 5-hour window of
 * 6.596 quota units (list-price USD) in blocks cut at 00:00, 05:00, 10:00, 15:00, 20:00 UTC+8
 * (02:00, 07:00, 12:00 … UTC is not a cut: the block holding 10:10 UTC starts at 10:00 UTC);
 * MiniMax-M3 output is $1.2 per million tokens, 1,000 credits = $1.
 */
import { describe, expect, it } from "vitest";
import { applyTeamEvent, memberUsage, poolBalance, quoteTeamUsage, seatUsage } from "../../src";
import { freshTeam, m3, receipt, run } from "./support";

const day = "2026-06-04";
const setup = [
  { type: "buy-seat", id: "seat-1", at: "2026-06-01T08:00:00Z", seatId: "seat-1", tier: "plus" },
  { type: "assign-seat", id: "give-ana", at: "2026-06-01T08:00:00Z", seatId: "seat-1", memberId: "ana" },
  { type: "purchase-pool-credits", id: "pool-5", at: "2026-06-01T08:00:00Z", package: "usd-5" },
] as const;

describe("a seat reassigned mid-block keeps its usage", () => {
  it("the new holder inherits the seat's window use; the old holder keeps no seat", () => {
    const { team, results } = run(freshTeam(), [
      ...setup,
      m3("ana-1", `${day}T10:10:00Z`, "ana", 3_000_000), // 3.6 units of 6.596
      { type: "assign-seat", id: "give-ben", at: `${day}T10:30:00Z`, seatId: "seat-1", memberId: "ben" },
      m3("ben-1", `${day}T11:00:00Z`, "ben", 3_000_000), // room 2.996: quota 2,996 credits, pool 604
      m3("ana-2", `${day}T11:05:00Z`, "ana", 1_000_000), // no seat, no access: 1,200 arrears
    ]);
    const ben = receipt(results[5]);
    expect(ben.seatId).toBe("seat-1");
    expect(ben.quota.units).toBe("2.996");
    expect(ben.pool.debited).toBe("604");
    expect(ben.paidBy).toEqual(["quota", "pool"]);
    expect(ben.limit?.window).toBe("5h");
    const ana = receipt(results[6]);
    expect([ana.seatId, ana.pool.access, ana.pool.stoppedBy, ana.arrearsCredits]).toEqual([
      null,
      false,
      "no-access",
      "1200",
    ]);

    const seat = seatUsage(team, "seat-1", `${day}T11:10:00Z`);
    expect(seat.ok && seat.value.memberId).toBe("ben");
    expect(seat.ok && seat.value.quota.buckets[0]?.windows.find((w) => w.window === "5h")?.used).toBe(
      "6.596",
    );
    const anaBars = memberUsage(team, "ana", `${day}T11:10:00Z`);
    expect(anaBars.ok && [anaBars.value.seatId, anaBars.value.quota, anaBars.value.arrearsCredits]).toEqual([
      null,
      null,
      "1200",
    ]);
    expect(team.arrearsCredits).toBe("1200");
  });

  it("unassigning and assigning again does not reset the windows either", () => {
    const { team } = run(freshTeam(), [
      ...setup,
      m3("ana-1", `${day}T10:10:00Z`, "ana", 2_000_000), // 2.4 units
      { type: "unassign-seat", id: "free", at: `${day}T10:20:00Z`, seatId: "seat-1" },
      { type: "assign-seat", id: "give-cy", at: `${day}T10:25:00Z`, seatId: "seat-1", memberId: "cy" },
    ]);
    const bars = memberUsage(team, "cy", `${day}T10:30:00Z`);
    expect(bars.ok && bars.value.quota?.buckets[0]?.windows.find((w) => w.window === "5h")?.remaining).toBe(
      "4.196",
    );
  });

  it("a member holds at most one seat per team", () => {
    const { team } = run(freshTeam(), [
      ...setup,
      { type: "buy-seat", id: "seat-2", at: "2026-06-01T08:00:00Z", seatId: "seat-2", tier: "max" },
    ]);
    const twice = applyTeamEvent(team, {
      type: "assign-seat",
      id: "x",
      at: "2026-06-02T00:00:00Z",
      seatId: "seat-2",
      memberId: "ana",
    });
    expect(!twice.ok && [twice.error.code, twice.error.path]).toEqual(["invalid_input", ["memberId"]]);
  });
});

describe("a member without a seat draws the pool only when allowed", () => {
  it("refused by default, drawn once credits access is on", () => {
    const { results, team } = run(freshTeam(), [
      ...setup,
      m3("dan-1", `${day}T10:00:00Z`, "dan", 1_000_000), // 1,200 credits: no access, all arrears
      { type: "set-member-credits", id: "dan-on", at: `${day}T10:01:00Z`, memberId: "dan", access: true },
      m3("dan-2", `${day}T10:02:00Z`, "dan", 1_000_000), // 1,200 from the pool: 5,000 → 3,800
    ]);
    expect(receipt(results[3]).pool.stoppedBy).toBe("no-access");
    expect(receipt(results[3]).arrearsCredits).toBe("1200");
    const second = receipt(results[5]);
    expect([second.seatId, second.quota.units, second.pool.debited, second.arrearsCredits]).toEqual([
      null,
      "0",
      "1200",
      "0",
    ]);
    const pool = poolBalance(team, `${day}T10:03:00Z`);
    expect(pool.ok && pool.value.total).toBe("3800");
  });

  it("a seat holder whose access is switched off pays overflow as arrears", () => {
    const { results } = run(freshTeam(), [
      ...setup,
      { type: "set-member-credits", id: "ana-off", at: `${day}T09:00:00Z`, memberId: "ana", access: false },
      m3("ana-1", `${day}T10:10:00Z`, "ana", 6_000_000), // 7.2 units: quota 6.596, 604 credits over
    ]);
    const r = receipt(results[4]);
    expect([r.quota.units, r.pool.debited, r.arrearsCredits, r.pool.stoppedBy]).toEqual([
      "6.596",
      "0",
      "604",
      "no-access",
    ]);
  });
});

describe("a cap stops pool draws", () => {
  it("draws up to the monthly cap, then arrears; the next month draws again", () => {
    const { results, team } = run(freshTeam(), [
      ...setup,
      {
        type: "set-member-credits",
        id: "eve",
        at: `${day}T09:00:00Z`,
        memberId: "eve",
        access: true,
        monthlyCapCredits: 1000,
      },
      m3("eve-1", `${day}T10:00:00Z`, "eve", 1_000_000), // 1,200 wanted: 1,000 drawn, 200 arrears
      m3("eve-2", `${day}T10:05:00Z`, "eve", 500_000), // 600 wanted: cap used up, 600 arrears
    ]);
    const first = receipt(results[4]);
    expect([
      first.pool.debited,
      first.arrearsCredits,
      first.pool.stoppedBy,
      first.pool.capLeftCredits,
    ]).toEqual(["1000", "200", "cap", "1000"]);
    const second = receipt(results[5]);
    expect([second.pool.debited, second.arrearsCredits, second.pool.capLeftCredits]).toEqual([
      "0",
      "600",
      "0",
    ]);
    const quote = quoteTeamUsage(team, {
      memberId: "eve",
      at: `${day}T10:06:00Z`,
      resource: "MiniMax-M3",
      measures: { outputTokens: 1 },
    });
    expect(quote.ok && [quote.value.allowed, quote.value.pool.stoppedBy]).toEqual([false, "cap"]);
    // July: a new month, the cap allows 1,000 again.
    const july = run(team, [m3("eve-3", "2026-07-01T00:00:00Z", "eve", 500_000)]);
    expect(receipt(july.results[0]).pool.debited).toBe("600");
    const bars = memberUsage(july.team, "eve", "2026-07-01T00:00:00Z");
    expect(
      bars.ok && [bars.value.pool.drawnCredits, bars.value.pool.capLeftCredits, bars.value.arrearsCredits],
    ).toEqual(["600", "400", "800"]);
  });
});

describe("two members drawing one lot at once", () => {
  it("the first applied takes what it needs, the second what is left; the lot never goes below zero", () => {
    const access = (memberId: string) =>
      ({
        type: "set-member-credits",
        id: `on-${memberId}`,
        at: `${day}T09:00:00Z`,
        memberId,
        access: true,
      }) as const;
    const { results, team } = run(freshTeam(), [
      ...setup,
      access("fay"),
      access("gus"),
      m3("fay-1", `${day}T10:00:00Z`, "fay", 3_000_000), // 3,600 of 5,000
      m3("gus-1", `${day}T10:00:00Z`, "gus", 3_000_000), // 1,400 left: 2,200 arrears
    ]);
    expect(receipt(results[5]).pool.lots).toEqual([
      { lotId: "pool-5", credits: "3600", expiresAt: "2027-06-01T08:00:00.000Z" },
    ]);
    const gus = receipt(results[6]);
    expect([gus.pool.debited, gus.arrearsCredits, gus.pool.stoppedBy]).toEqual([
      "1400",
      "2200",
      "pool-empty",
    ]);
    const pool = poolBalance(team, `${day}T10:00:00Z`);
    expect(pool.ok && [pool.value.total, pool.value.lots.length]).toEqual(["0", 0]);
  });

  it("draws the soonest-expiring lot first", () => {
    const { results } = run(freshTeam(), [
      { type: "purchase-pool-credits", id: "big", at: "2026-06-01T00:00:00Z", package: "usd-25" },
      { type: "purchase-pool-credits", id: "small", at: "2026-06-02T00:00:00Z", package: "usd-5" },
      { type: "set-member-credits", id: "on", at: "2026-06-03T00:00:00Z", memberId: "hal", access: true },
      m3("hal-1", `${day}T10:00:00Z`, "hal", 25_000_000), // 30,000: all of "big" (expires first), 5,000 of "small"
    ]);
    expect(receipt(results[3]).pool.lots.map((d) => [d.lotId, d.credits])).toEqual([
      ["big", "25000"],
      ["small", "5000"],
    ]);
  });
});

describe("seat lifecycle", () => {
  it("a seat is charged its tier's price, renews monthly, and lapses after a cancel", () => {
    const { team, results } = run(freshTeam(), [
      ...setup,
      { type: "change-seat-tier", id: "up", at: "2026-06-10T00:00:00Z", seatId: "seat-1", tier: "max" },
      { type: "cancel-seat", id: "stop", at: "2026-06-20T00:00:00Z", seatId: "seat-1" },
    ]);
    const bought = results[0]?.outcome;
    expect(bought?.type === "seat" && bought.chargedUsd).toBe("20");
    const upgraded = results[3]?.outcome;
    expect(upgraded?.type === "seat" && [upgraded.chargedUsd, upgraded.subscription?.tier]).toEqual([
      "30",
      "max",
    ]);
    // The period ends 2026-07-01T08:00Z; cancelled, the seat lapses then: its holder keeps the seat but no quota.
    const july = run(team, [m3("ana-j", "2026-07-02T00:00:00Z", "ana", 1_000_000)]);
    const r = receipt(july.results[0]);
    expect([r.seatId, r.quota.units, r.pool.debited]).toEqual(["seat-1", "0", "1200"]);
    expect(july.entries.some((e) => e.type === "seat" && e.entry.type === "subscription.lapsed")).toBe(true);
  });

  it("refuses an unknown seat, an unknown tier, a retried id with other content", () => {
    const { team } = run(freshTeam(), [...setup]);
    const noSeat = applyTeamEvent(team, {
      type: "cancel-seat",
      id: "c",
      at: "2026-06-02T00:00:00Z",
      seatId: "nope",
    });
    expect(!noSeat.ok && [noSeat.error.code, noSeat.error.path]).toEqual(["invalid_input", ["seatId"]]);
    const badTier = applyTeamEvent(team, {
      type: "buy-seat",
      id: "b",
      at: "2026-06-02T00:00:00Z",
      seatId: "s2",
      tier: "mega",
    });
    expect(!badTier.ok && badTier.error.code).toBe("unknown_tier");
    const conflict = applyTeamEvent(team, {
      type: "buy-seat",
      id: "seat-1",
      at: "2026-06-01T08:00:00Z",
      seatId: "seat-1",
      tier: "max",
    });
    expect(!conflict.ok && conflict.error.code).toBe("conflict");
    const early = applyTeamEvent(team, m3("old", "2026-05-01T00:00:00Z", "ana", 1));
    expect(!early.ok && early.error.code).toBe("event_before_clock");
  });

  it("a retried usage returns its first receipt and changes nothing", () => {
    const { team, results } = run(freshTeam(), [...setup, m3("u", `${day}T10:10:00Z`, "ana", 6_000_000)]);
    const again = applyTeamEvent(team, m3("u", `${day}T10:10:00Z`, "ana", 6_000_000));
    expect(again.ok && [again.duplicate, again.team === team]).toEqual([true, true]);
    expect(again.ok && again.outcome).toEqual(results[3]?.outcome);
  });
});
