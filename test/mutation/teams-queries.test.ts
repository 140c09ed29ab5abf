/**
 * The team queries (`src/teams/queries.ts`): what they refuse, with their sentences, and the
 * look-ups of a seat by id: written to kill the mutants Stryker left there. Every team is
 * built inside its test.
 */
import { describe, expect, it } from "vitest";
import { memberUsage, quoteTeamUsage, seatUsage, type TeamState } from "../../src";
import { freshTeam, run } from "../teams/support";

const at = "2026-06-01T08:00:00Z";
const seats = (...ids: string[]): TeamState =>
  run(
    freshTeam(),
    ids.map((seatId) => ({ type: "buy-seat" as const, id: `buy-${seatId}`, at, seatId, tier: "plus" })),
  ).team;
const quote = { memberId: "ana", resource: "MiniMax-M3", measures: { outputTokens: 1_000_000 }, at };

describe("the instant of a query", () => {
  it("may not be before the team's clock, and the sentence names both", () => {
    // Kills: the message → "".
    expect(seatUsage(seats("seat-1"), "seat-1", "2026-05-01T00:00:00Z")).toEqual({
      ok: false,
      error: {
        code: "event_before_clock",
        message:
          "The instant 2026-05-01T00:00:00.000Z is earlier than the team's clock 2026-06-01T08:00:00.000Z.",
        path: ["at"],
        params: {},
      },
    });
  });

  it("a quote before the clock is refused too", () => {
    // Kills: quoteTeamUsage's `if (!instant.ok) return instant` → false.
    const r = quoteTeamUsage(seats("seat-1"), { ...quote, at: "2026-05-01T00:00:00Z" });
    expect(!r.ok && [r.error.code, r.error.path]).toEqual(["event_before_clock", ["at"]]);
  });
});

describe("seats by id", () => {
  it("a seat id that is not text names no seat, even where a seat has those digits as its id", () => {
    // Kills: `typeof seatId === "string"` → true (the number 5 would find seat "5").
    expect(seatUsage(seats("5"), 5 as never, at)).toEqual({
      ok: false,
      error: { code: "invalid_input", message: 'No seat "5" in this team.', path: ["seatId"], params: {} },
    });
  });

  it('a member with no seat has no quota, even where a seat is named "null"', () => {
    // Kills: `member.seatId === null ? undefined : …` → false (null would find seat "null").
    const r = memberUsage(seats("null"), "ana", at);
    expect(r.ok && [r.value.seatId, r.value.quota]).toEqual([null, null]);
  });
});

describe("what the queries refuse", () => {
  it.each([
    ["a number", 5],
    ["an empty id", ""],
  ])("memberUsage refuses %s as a member id", (_label, memberId) => {
    // Kills: the member-id check → false, and its message → "".
    expect(memberUsage(seats("seat-1"), memberId as never, at)).toEqual({
      ok: false,
      error: { code: "invalid_input", message: "Expected a member id.", path: ["memberId"], params: {} },
    });
  });

  it("quoteTeamUsage refuses a team it did not make", () => {
    // Kills: `if (bad !== null) return err(bad)` → false.
    const r = quoteTeamUsage({ ...seats("seat-1") }, quote);
    expect(!r.ok && r.error.code).toBe("invalid_state");
  });

  it.each([
    ["null", null],
    ["a list", []],
    ["text", "usage"],
  ])("quoteTeamUsage refuses %s as the usage, with its sentence", (_label, usage) => {
    // Kills: the usage check → false, and its message → "".
    expect(quoteTeamUsage(seats("seat-1"), usage as never)).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected a usage object such as { memberId, at, resource, measures }.",
        path: [],
        params: {},
      },
    });
  });
});
