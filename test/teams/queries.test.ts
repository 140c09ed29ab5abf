/**
 * The team queries at their edges: refusals with codes and paths, members the team has
 * never seen, what expires soon, and usage by member over a period from the entries.
 * Prices as in stories.test.ts: M3 output $1.2 per million tokens = 1,200 credits.
 */
import { describe, expect, it } from "vitest";
import {
  memberUsage,
  poolBalance,
  quoteTeamUsage,
  seatUsage,
  type TeamEntry,
  type TeamEvent,
  teamUsageByMember,
} from "../../src";
import { freshTeam, m3, run } from "./support";

const day = "2026-06-04";
const setup: TeamEvent[] = [
  { type: "buy-seat", id: "seat-1", at: "2026-06-01T08:00:00Z", seatId: "seat-1", tier: "plus" },
  { type: "assign-seat", id: "give-ana", at: "2026-06-01T08:00:00Z", seatId: "seat-1", memberId: "ana" },
  { type: "purchase-pool-credits", id: "pool-5", at: "2026-06-01T08:00:00Z", package: "usd-5" },
  { type: "purchase-pool-credits", id: "pool-25", at: "2026-06-02T08:00:00Z", package: "usd-25" },
  { type: "set-member-credits", id: "cy-on", at: "2026-06-02T08:00:00Z", memberId: "cy", access: true },
];
const { team, entries } = run(freshTeam(), [
  ...setup,
  m3("cy-1", `${day}T10:00:00Z`, "cy", 1_000_000), // 1,200 from pool-5 (expires first)
  m3("ana-1", `${day}T10:10:00Z`, "ana", 6_000_000), // 6.596 units of quota, 604 from the pool
  m3("cy-2", "2026-07-02T10:00:00Z", "cy", 500_000), // July: 600 from the pool
]);

/** A quote of 1 M3 output token for ana. */
const quote = (at: string) => ({
  memberId: "ana",
  at,
  resource: "MiniMax-M3",
  measures: { outputTokens: 1 },
});

function refusal(r: { ok: boolean; error?: { code: string; path: readonly (string | number)[] } }) {
  if (r.ok || r.error === undefined) throw new Error("expected a refusal");
  return [r.error.code, r.error.path];
}

describe("every query refuses what it cannot answer", () => {
  const spread = { ...team };
  const at = "2026-07-02T11:00:00Z";
  it("a copied team, a bad instant, an instant before the clock", () => {
    expect(refusal(seatUsage(spread, "seat-1", at))[0]).toBe("invalid_state");
    expect(refusal(memberUsage(spread, "ana", at))[0]).toBe("invalid_state");
    expect(refusal(poolBalance(spread, at))[0]).toBe("invalid_state");
    expect(refusal(quoteTeamUsage(spread, quote(at)))[0]).toBe("invalid_state");
    expect(refusal(seatUsage(team, "seat-1", "soon"))).toEqual(["invalid_instant", ["at"]]);
    expect(refusal(memberUsage(team, "ana", "2026-06-01T00:00:00Z"))).toEqual(["event_before_clock", ["at"]]);
  });

  it("an unknown seat, a member id that is not one", () => {
    expect(refusal(seatUsage(team, "seat-9", at))).toEqual(["invalid_input", ["seatId"]]);
    expect(refusal(seatUsage(team, 7 as never, at))).toEqual(["invalid_input", ["seatId"]]);
    expect(refusal(memberUsage(team, "", at))).toEqual(["invalid_input", ["memberId"]]);
  });

  it("poolBalance: bad options and a bad horizon", () => {
    expect(refusal(poolBalance(team, at, null as never))[0]).toBe("invalid_input");
    expect(refusal(poolBalance(team, at, { horizon: 30 } as never))[1]).toEqual(["horizon"]);
    expect(refusal(poolBalance(team, at, { horizon: "thirty days" }))[1]).toEqual(["horizon"]);
  });

  it("quoteTeamUsage: not an object, a bad usage, before the clock, an unknown resource", () => {
    expect(refusal(quoteTeamUsage(team, null as never))).toEqual(["invalid_input", []]);
    expect(refusal(quoteTeamUsage(team, [] as never))).toEqual(["invalid_input", []]);
    expect(refusal(quoteTeamUsage(team, { at, resource: "MiniMax-M3", measures: {} } as never))[1]).toEqual([
      "memberId",
    ]);
    expect(refusal(quoteTeamUsage(team, quote("2026-06-01T00:00:00Z")))).toEqual([
      "event_before_clock",
      ["at"],
    ]);
    expect(refusal(quoteTeamUsage(team, { ...quote(at), resource: "nope" }))).toEqual([
      "unknown_resource",
      ["resource"],
    ]);
  });
});

describe("the bars", () => {
  it("a member the team has never seen: no seat, no access, nothing drawn", () => {
    const bars = memberUsage(team, "zed", "2026-07-02T11:00:00Z");
    expect(
      bars.ok && [bars.value.seatId, bars.value.quota, bars.value.pool.access, bars.value.pool.drawnCredits],
    ).toEqual([null, null, false, "0"]);
    expect(bars.ok && [bars.value.pool.monthStart, bars.value.pool.monthEnd]).toEqual([
      "2026-07-01T00:00:00.000Z",
      "2026-08-01T00:00:00.000Z",
    ]);
  });

  it("a member's pool draws count in the month they were drawn", () => {
    // cy drew 1,200 in June and 600 in July.
    const july = memberUsage(team, "cy", "2026-07-02T11:00:00Z");
    expect(july.ok && [july.value.pool.drawnCredits, july.value.pool.capLeftCredits]).toEqual(["600", null]);
    const august = memberUsage(team, "cy", "2026-08-01T00:00:00Z");
    expect(august.ok && august.value.pool.drawnCredits).toBe("0");
  });
});

describe("the pool by lot, with what expires soon", () => {
  // pool-5: 5,000 − 1,200 − 604 = 3,196, then − 600 = 2,596, expires 2027-06-01T08:00Z;
  // pool-25: 25,000, expires 2027-06-02T08:00Z.
  it("groups what expires within the horizon by expiry, soonest first", () => {
    const all = poolBalance(team, "2027-05-20T00:00:00Z", { horizon: "P30D" });
    expect(all.ok && all.value.expiring).toEqual([
      { expiresAt: "2027-06-01T08:00:00.000Z", credits: "2596" },
      { expiresAt: "2027-06-02T08:00:00.000Z", credits: "25000" },
    ]);
    expect(all.ok && all.value.total).toBe("27596");
    const soon = poolBalance(team, "2027-05-20T00:00:00Z", { horizon: "P13D" });
    expect(soon.ok && soon.value.expiring.map((e) => e.credits)).toEqual(["2596"]);
    // The default horizon is 30 days: nothing expires within it in July 2026.
    const july = poolBalance(team, "2026-07-02T11:00:00Z");
    expect(july.ok && [july.value.expiring, july.value.lots.length]).toEqual([[], 2]);
  });

  it("lots past their expiry are gone from the balance", () => {
    const later = poolBalance(team, "2027-06-01T12:00:00Z");
    expect(later.ok && [later.value.total, later.value.lots.map((l) => l.id)]).toEqual([
      "25000",
      ["pool-25"],
    ]);
  });
});

describe("usage by member over a period", () => {
  it("sums the member.usage entries in [from, to), per member and in total", () => {
    const june = teamUsageByMember(entries, { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" });
    expect(june.ok && june.value.members).toEqual([
      {
        memberId: "ana",
        usages: 1,
        valueCredits: "7200",
        quotaUnits: "6.596",
        quotaCredits: "6596",
        poolCredits: "604",
        arrearsCredits: "0",
      },
      {
        memberId: "cy",
        usages: 1,
        valueCredits: "1200",
        quotaUnits: "0",
        quotaCredits: "0",
        poolCredits: "1200",
        arrearsCredits: "0",
      },
    ]);
    expect(june.ok && [june.value.total.usages, june.value.total.poolCredits]).toEqual([2, "1804"]);
    // `to` is exclusive: a period ending at cy-2's instant leaves it out.
    const upTo = teamUsageByMember(entries, { from: "2026-06-01T00:00:00Z", to: "2026-07-02T10:00:00Z" });
    expect(upTo.ok && upTo.value.total.usages).toBe(2);
    const empty = teamUsageByMember(entries, { from: "2026-06-01T00:00:00Z", to: "2026-06-01T00:00:00Z" });
    expect(empty.ok && [empty.value.members, empty.value.total.valueCredits]).toEqual([[], "0"]);
  });

  it("refuses what it cannot sum, naming the field", () => {
    const period = { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" };
    expect(refusal(teamUsageByMember({} as never, period))).toEqual(["invalid_input", ["entries"]]);
    expect(refusal(teamUsageByMember(entries, null as never))).toEqual(["invalid_input", []]);
    expect(refusal(teamUsageByMember(entries, { from: "x", to: period.to }))[1]).toEqual(["from"]);
    expect(refusal(teamUsageByMember(entries, { from: period.from, to: "x" }))[1]).toEqual(["to"]);
    expect(refusal(teamUsageByMember(entries, { from: period.to, to: period.from }))).toEqual([
      "invalid_input",
      ["to"],
    ]);
    const usage = entries.find((e) => e.type === "member.usage") as TeamEntry & { type: "member.usage" };
    const i = entries.indexOf(usage);
    const badAt = entries.map((e, k) => (k === i ? { ...usage, at: "June" } : e)) as TeamEntry[];
    expect(refusal(teamUsageByMember(badAt, period))[1]).toEqual(["entries", i, "at"]);
    const badAmount = entries.map((e, k) => (k === i ? { ...usage, poolCredits: "-1" } : e)) as TeamEntry[];
    expect(refusal(teamUsageByMember(badAmount, period))[1]).toEqual(["entries", i, "poolCredits"]);
    // Entries of other types, and values that are not entries, are not usage: skipped.
    const mixed = [null, ...entries] as unknown as TeamEntry[];
    const r = teamUsageByMember(mixed, period);
    expect(r.ok && r.value.total.usages).toBe(2);
  });
});
