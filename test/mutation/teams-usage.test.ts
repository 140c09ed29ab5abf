/**
 * Who pays a member's usage (`src/teams/usage.ts`): the seat's quota, the pool, or arrears,
 * what stops a pool draw, and which entries the team writes. Written to kill the mutants Stryker
 * left there; every team is built inside its test.
 *
 * M3 output is $1.2 per million tokens: 1M tokens = 1.2 quota units = 1,200 credits. Plus's
 * 5-hour limit is 6.596 units; the usd-5 pool lot holds 5,000 credits.
 */
import { describe, expect, it } from "vitest";
import {
  applyTeamEvent,
  parseTeam,
  serializeTeam,
  type TeamApplied,
  type TeamState,
  teamLimits,
} from "../../src";
import { freshTeam, m3, run } from "../teams/support";

const at = "2026-06-01T08:00:00Z";
const nine = "2026-06-01T09:00:00Z";
/** ana on a Plus seat without pool access, bo without a seat but with access, and a 5,000-credit pool. */
function team(): TeamState {
  return run(freshTeam(), [
    { type: "buy-seat", id: "seat-1", at, seatId: "seat-1", tier: "plus" },
    { type: "assign-seat", id: "give-ana", at, seatId: "seat-1", memberId: "ana" },
    { type: "purchase-pool-credits", id: "pool-5", at, package: "usd-5" },
    { type: "set-member-credits", id: "bo-on", at, memberId: "bo", access: true },
    { type: "set-member-credits", id: "ana-off", at, memberId: "ana", access: false },
  ]).team;
}
function applied(t: TeamState, memberId: string, tokens: number): TeamApplied {
  const r = applyTeamEvent(t, m3("u", nine, memberId, tokens));
  if (!r.ok) throw new Error(r.error.message);
  return r;
}
const entryTypes = (r: TeamApplied) =>
  r.entries.map((e) => (e.type === "seat" ? `seat:${e.entry.type}` : e.type));
const paid = (r: TeamApplied) =>
  r.outcome.type === "member-usage"
    ? [r.outcome.paidBy, r.outcome.pool.stoppedBy, r.outcome.arrearsCredits]
    : null;

describe("who pays", () => {
  it("within the seat's quota: the quota, nothing stopped (access does not matter), and no seat usage records", () => {
    // Kills: `if (calc.isPositive(overflow))` → true ("no-access" with nothing to draw), and the
    // skip of the seat's usage.recorded entries (→ false, `&&`, "" ).
    const r = applied(team(), "ana", 1_000_000);
    expect(paid(r)).toEqual([["quota"], null, "0"]);
    expect(entryTypes(r)).toEqual(["seat:quota.consumed", "seat:quota.consumed", "member.usage"]);
  });

  it("past the seat's quota without access: quota then arrears, and no seat usage.uncovered record", () => {
    // Kills: the skip of the seat's usage.uncovered entries (→ false, ""). 10M = 12 units: 6.596 from
    // the 5-hour window, 5.404 (5,404 credits) owed.
    const r = applied(team(), "ana", 10_000_000);
    expect(paid(r)).toEqual([["quota", "arrears"], "no-access", "5404"]);
    expect(entryTypes(r)).toEqual(["seat:quota.consumed", "seat:quota.consumed", "member.usage"]);
  });

  it("a member without a seat, with access and no cap: the pool alone, nothing stopped", () => {
    // Kills: `wanted < overflow` → true and `<=` ("cap" without a cap), and the quota check of paidBy → true.
    const r = applied(team(), "bo", 1_000_000);
    expect(paid(r)).toEqual([["pool"], null, "0"]);
    expect(r.outcome.type === "member-usage" && r.outcome.pool.debited).toBe("1200");
  });

  it(`a known member's usage on a team of ${teamLimits.membersPerTeamMax} records is taken`, () => {
    // Kills: `known === undefined && …` → true (only a new member needs a record).
    const text = serializeTeam(team());
    if (!text.ok) throw new Error(text.error.message);
    const s = JSON.parse(text.value);
    for (let i = Object.keys(s.members).length; i < teamLimits.membersPerTeamMax; i++) {
      s.members[`m${i}`] = { ...s.members.bo, seatId: null };
    }
    const full = parseTeam(s);
    if (!full.ok) throw new Error(full.error.message);
    expect(paid(applied(full.value, "bo", 1_000_000))).toEqual([["pool"], null, "0"]);
  });
});
