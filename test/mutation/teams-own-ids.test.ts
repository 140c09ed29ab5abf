/**
 * Seat and member ids that are also `Object.prototype` members ("toString", "constructor",
 * "valueOf") are ids like any other: a team looks its seats and members up as own keys only.
 * Before the fix, `seatUsage(team, "toString", at)` threw an invariant error, `memberUsage`
 * and a usage by member "toString" threw a TypeError, assigning the never-bought seat
 * "toString" was accepted (a seat without a ledger), and buying seat "constructor" was refused
 * as invalid_state. Found by the mutation helper (the `typeof seatId` survivor of queries.ts).
 */
import { describe, expect, it } from "vitest";
import {
  applyTeamEvent,
  memberUsage,
  parseTeam,
  quoteTeamUsage,
  seatUsage,
  serializeTeam,
  type TeamEvent,
} from "../../src";
import { freshTeam, m3, run } from "../teams/support";

const at = "2026-06-01T08:00:00Z";
const oneSeat = () =>
  run(freshTeam(), [{ type: "buy-seat", id: "seat-1", at, seatId: "seat-1", tier: "plus" }]).team;
const noSeat = (seatId: string) => ({
  ok: false,
  error: {
    code: "invalid_input",
    message: `No seat "${seatId}" in this team; buy it first with a buy-seat event.`,
    path: ["seatId"],
    params: { seatId, seats: 1 },
  },
});

describe.each(["toString", "constructor", "valueOf", "hasOwnProperty"])("the id %j", (id) => {
  it("names no seat before it is bought: queries and seat events say so", () => {
    const team = oneSeat();
    expect(seatUsage(team, id, at)).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: `No seat "${id}" in this team.`,
        path: ["seatId"],
        params: {},
      },
    });
    const events: TeamEvent[] = [
      { type: "assign-seat", id: "x", at, seatId: id, memberId: "ana" },
      { type: "unassign-seat", id: "x", at, seatId: id },
      { type: "change-seat-tier", id: "x", at, seatId: id, tier: "max" },
      { type: "cancel-seat", id: "x", at, seatId: id },
    ];
    for (const event of events) expect(applyTeamEvent(team, event)).toEqual(noSeat(id));
  });

  it("is a seat like any other once bought, and a member like any other", () => {
    const { team } = run(oneSeat(), [
      { type: "buy-seat", id: "buy", at, seatId: id, tier: "plus" },
      { type: "assign-seat", id: "give", at, seatId: id, memberId: id },
      m3("use", "2026-06-01T09:00:00Z", id, 1_000_000), // 1.2 of the seat's 5-hour quota
    ]);
    const seat = seatUsage(team, id, "2026-06-01T09:00:00Z");
    expect(seat.ok && [seat.value.memberId, seat.value.quota.buckets[0]?.windows[0]?.used]).toEqual([
      id,
      "1.2",
    ]);
    const member = memberUsage(team, id, "2026-06-01T09:00:00Z");
    expect(member.ok && [member.value.seatId, member.value.pool.access]).toEqual([id, true]); // seat holders may draw the pool
  });

  it("is a member never seen: no seat, no access, and a usage owes its value", () => {
    const team = oneSeat();
    const member = memberUsage(team, id, at);
    expect(member.ok && [member.value.seatId, member.value.quota, member.value.arrearsCredits]).toEqual([
      null,
      null,
      "0",
    ]);
    const used = applyTeamEvent(team, m3("use", at, id, 1_000_000));
    expect(used.ok && used.team.members[id]?.arrearsCredits).toBe("1200");
    const quote = quoteTeamUsage(team, {
      memberId: id,
      resource: "MiniMax-M3",
      measures: { outputTokens: 1_000_000 },
      at,
    });
    expect(quote.ok).toBe(true);
    const credits = applyTeamEvent(team, {
      type: "set-member-credits",
      id: "c",
      at,
      memberId: id,
      access: true,
    });
    expect(credits.ok && credits.team.members[id]).toEqual({
      seatId: null,
      creditsAccess: true,
      monthlyCapCredits: null,
      capMonthStartMs: null,
      poolDrawnCredits: "0",
      arrearsCredits: "0",
    });
  });
});

describe('the id "__proto__"', () => {
  // Before: a seat and member "__proto__" were accepted, serialized, and then dropped by parseTeam
  // (zod's records skip that key): the team read back without them.
  it("is refused as a seat or member id at the boundary", () => {
    const message = 'A seat or member id cannot be "__proto__" (the stored team could not hold it)';
    const seat = applyTeamEvent(oneSeat(), {
      type: "buy-seat",
      id: "b",
      at,
      seatId: "__proto__",
      tier: "plus",
    });
    expect(!seat.ok && [seat.error.code, seat.error.path, seat.error.message]).toEqual([
      "invalid_input",
      ["seatId"],
      `${message} at seatId.`,
    ]);
    const member = applyTeamEvent(oneSeat(), {
      type: "assign-seat",
      id: "a",
      at,
      seatId: "seat-1",
      memberId: "__proto__",
    });
    expect(!member.ok && [member.error.code, member.error.path]).toEqual(["invalid_input", ["memberId"]]);
  });

  it("in a stored team is refused as invalid_state at its path, not dropped", () => {
    const text = serializeTeam(oneSeat());
    if (!text.ok) throw new Error(text.error.message);
    const stored = JSON.parse(text.value);
    const withProto = JSON.parse(
      text.value.replace('"seats":{', `"seats":{"__proto__":${JSON.stringify(stored.seats["seat-1"])},`),
    );
    expect(Object.hasOwn(withProto.seats, "__proto__")).toBe(true);
    const r = parseTeam(withProto);
    expect(!r.ok && [r.error.code, r.error.path]).toEqual(["invalid_state", ["seats", "__proto__"]]);
  });
});
