/**
 * Team invariants over random event sequences: a few members and seats, pool purchases,
 * credits access and caps, usages of every size, sometimes a month apart.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyTeamEvent,
  applyTeamEvents,
  parseTeam,
  poolBalance,
  serializeTeam,
  type TeamEntry,
  type TeamEvent,
  type TeamState,
  type TeamUsageReceipt,
} from "../../src";
import { sumAtoms, toAtoms } from "../support/amounts";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { freshTeam } from "./support";

const memberIds = ["a", "b", "c", "d"];
const seatIds = ["s1", "s2"];
const start = Date.parse("2026-06-01T00:00:00Z");

type Step = (id: string, at: number) => TeamEvent;
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ seat: fc.constantFrom(...seatIds), tier: fc.constantFrom("plus", "max") }).map(
    ({ seat, tier }): Step =>
      (id, at) => ({ type: "buy-seat", id, at, seatId: seat, tier }),
  ),
  fc.record({ seat: fc.constantFrom(...seatIds), member: fc.constantFrom(...memberIds) }).map(
    ({ seat, member }): Step =>
      (id, at) => ({ type: "assign-seat", id, at, seatId: seat, memberId: member }),
  ),
  fc.constantFrom(...seatIds).map(
    (seat): Step =>
      (id, at) => ({ type: "unassign-seat", id, at, seatId: seat }),
  ),
  fc.constantFrom(...seatIds).map(
    (seat): Step =>
      (id, at) => ({ type: "cancel-seat", id, at, seatId: seat }),
  ),
  fc
    .record({
      member: fc.constantFrom(...memberIds),
      access: fc.boolean(),
      cap: fc.option(fc.constantFrom(0, 1, 600, 1200, 5000)),
    })
    .map(
      ({ member, access, cap }): Step =>
        (id, at) => ({
          type: "set-member-credits",
          id,
          at,
          memberId: member,
          access,
          monthlyCapCredits: cap,
        }),
    ),
  fc.constantFrom("usd-5", "usd-25").map(
    (pack): Step =>
      (id, at) => ({ type: "purchase-pool-credits", id, at, package: pack }),
  ),
  fc
    .record({
      member: fc.constantFrom(...memberIds),
      tokens: fc.constantFrom(0, 1, 500_000, 1_000_000, 3_000_000, 6_000_000),
    })
    .map(
      ({ member, tokens }): Step =>
        (id, at) => ({
          type: "usage",
          id,
          at,
          memberId: member,
          resource: "MiniMax-M3",
          measures: { outputTokens: tokens },
        }),
    ),
);
const gap = fc.constantFrom(0, 60_000, 3_600_000, 5 * 3_600_000, 20 * 86_400_000);
const events = fc.array(fc.tuple(step, gap), { minLength: 1, maxLength: 30 }).map((steps) => {
  let at = start;
  return steps.map(([make, dt], i) => {
    at += dt;
    return make(`e${i}`, at);
  });
});

/** Applies each event, keeping what was accepted (refusals leave the team as it was). */
function fold(list: readonly TeamEvent[]) {
  let team: TeamState = freshTeam();
  const accepted: TeamEvent[] = [];
  const entries: TeamEntry[] = [];
  const receipts: TeamUsageReceipt[] = [];
  for (const event of list) {
    const r = applyTeamEvent(team, event);
    if (!r.ok) continue;
    team = r.team;
    accepted.push(event);
    entries.push(...r.entries);
    if (r.outcome.type === "member-usage") receipts.push(r.outcome);
  }
  return { team, accepted, entries, receipts };
}

const parameters = propertyParameters(1000);

describe("team properties", () => {
  it("the pool's credits are conserved across members: bought = left + drawn + expired", {
    timeout: propertyTimeoutMs,
  }, () => {
    fc.assert(
      fc.property(events, (list) => {
        const { team, entries } = fold(list);
        const bought = sumAtoms(entries.flatMap((e) => (e.type === "pool.purchased" ? [e.lot.credits] : [])));
        const drawn = sumAtoms(entries.flatMap((e) => (e.type === "member.usage" ? [e.poolCredits] : [])));
        const expired = sumAtoms(entries.flatMap((e) => (e.type === "pool.expired" ? [e.credits] : [])));
        const left = sumAtoms(team.pool.map((lot) => lot.remaining));
        expect(bought).toBe(left + drawn + expired);
        const balance = poolBalance(team, team.clockMs ?? start);
        expect(balance.ok && toAtoms(balance.value.total)).toBe(left);
      }),
      parameters,
    );
  });

  it("quota first per seat: the pool pays only what the seat's windows could not", {
    timeout: propertyTimeoutMs,
  }, () => {
    fc.assert(
      fc.property(events, (list) => {
        for (const r of fold(list).receipts) {
          const value = toAtoms(r.valueCredits);
          expect(toAtoms(r.quota.credits) + toAtoms(r.pool.debited) + toAtoms(r.arrearsCredits)).toBe(value);
          if (toAtoms(r.pool.debited) > 0n || toAtoms(r.arrearsCredits) > 0n) {
            // Something overflowed: quota took less than the usage needed, and a seat says which window was full.
            expect(toAtoms(r.quota.units) < toAtoms(r.quota.required) || r.seatId === null).toBe(true);
            if (r.seatId !== null && toAtoms(r.quota.units) > 0n) expect(r.limit).not.toBeNull();
          }
        }
      }),
      parameters,
    );
  });

  it("no member draws past their cap", { timeout: propertyTimeoutMs }, () => {
    fc.assert(
      fc.property(events, (list) => {
        for (const r of fold(list).receipts) {
          if (r.pool.capLeftCredits !== null)
            expect(toAtoms(r.pool.debited) <= toAtoms(r.pool.capLeftCredits)).toBe(true);
          if (!r.pool.access) expect(r.pool.debited).toBe("0");
        }
      }),
      parameters,
    );
  });

  it("a team's state replays equal to step by step, and through serialise/parse", {
    timeout: propertyTimeoutMs,
  }, () => {
    fc.assert(
      fc.property(events, fc.nat(), (list, cut) => {
        const stepped = fold(list);
        const replayed = applyTeamEvents(freshTeam(), stepped.accepted);
        expect(replayed.ok).toBe(true);
        if (!replayed.ok) return;
        expect(serializeTeam(replayed.team)).toEqual(serializeTeam(stepped.team));
        expect(replayed.entries).toEqual(stepped.entries);
        // Stored and read back half way, the rest gives the same team.
        const k = cut % (stepped.accepted.length + 1);
        const first = applyTeamEvents(freshTeam(), stepped.accepted.slice(0, k));
        if (!first.ok) throw new Error(first.error.message);
        const text = serializeTeam(first.team);
        const back = parseTeam(text.ok ? text.value : "");
        if (!back.ok) throw new Error(back.error.message);
        const rest = applyTeamEvents(back.value, stepped.accepted.slice(k));
        expect(rest.ok && serializeTeam(rest.team)).toEqual(serializeTeam(stepped.team));
      }),
      parameters,
    );
  });
});
