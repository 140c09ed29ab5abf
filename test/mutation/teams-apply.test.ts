/**
 * What `applyTeamEvent` and `applyTeamEvents` (`src/teams/apply.ts`) refuse, with the exact
 * code, sentence, path and params, and what an unassignment writes: written to kill the
 * mutants Stryker left there. Every team is built inside its test (big teams as stored JSON,
 * the way a row holds them).
 */
import { describe, expect, it } from "vitest";
import {
  applyTeamEvent,
  applyTeamEvents,
  createTeam,
  parseTeam,
  serializeTeam,
  settleTeam,
  type TeamEvent,
  type TeamState,
  teamLimits,
} from "../../src";
import { freshTeam, m3, run } from "../teams/support";

const at = "2026-06-01T08:00:00Z";
const buy = (seatId: string, id = seatId): TeamEvent => ({ type: "buy-seat", id, at, seatId, tier: "plus" });
const assign = (id: string, seatId: string, memberId: string): TeamEvent => ({
  type: "assign-seat",
  id,
  at,
  seatId,
  memberId,
});

/** Two Plus seats bought at 08:00, seat-1 held by ana. */
const twoSeats = (): TeamState =>
  run(freshTeam(), [buy("seat-1"), buy("seat-2"), assign("give-ana", "seat-1", "ana")]).team;

/** The stored JSON of a team, to grow past what events can build quickly. */
function storedOf(team: TeamState): {
  seats: Record<string, unknown>;
  members: Record<string, unknown>;
} & Record<string, unknown> {
  const text = serializeTeam(team);
  if (!text.ok) throw new Error(text.error.message);
  return JSON.parse(text.value);
}
function parsed(value: unknown): TeamState {
  const r = parseTeam(value);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Two seats and as many member records as a team may hold (ana, and seatless members after her). */
function teamOfMembersMax(): TeamState {
  const s = storedOf(twoSeats());
  for (let i = Object.keys(s.members).length; i < teamLimits.membersPerTeamMax; i++) {
    s.members[`m${i}`] = { ...(s.members.ana as object), seatId: null };
  }
  return parsed(s);
}

/** The refusal of a new member on a team holding {@link teamOfMembersMax}. */
const membersFull = {
  code: "limit_exceeded",
  message: "A team holds at most 5000 member records.",
  path: ["memberId"],
  params: { membersPerTeamMax: 5000 },
};

describe("createTeam", () => {
  it("remembers up to teamEventIdsRememberedMax event ids", () => {
    // Kills: `n <= teamEventIdsRememberedMax` → `<`.
    const r = createTeam({ eventIdsRemembered: teamLimits.teamEventIdsRememberedMax });
    expect(r.ok && r.team.eventIdsRemembered).toBe(4096);
  });
});

describe("seats and members that are not there, or already taken", () => {
  it("a seat that was never bought", () => {
    // Kills: the message → "" and the params → {}.
    expect(applyTeamEvent(twoSeats(), assign("x", "seat-9", "bo"))).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: 'No seat "seat-9" in this team; buy it first with a buy-seat event.',
        path: ["seatId"],
        params: { seatId: "seat-9", seats: 2 },
      },
    });
  });

  it("a member given the seat they hold, and a member given a second seat: two sentences", () => {
    // Kills: `member.seatId === event.seatId` → true, the second sentence → "", and the params → {}.
    const team = twoSeats();
    expect(applyTeamEvent(team, assign("x", "seat-1", "ana"))).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: 'Member "ana" already holds seat "seat-1".',
        path: ["memberId"],
        params: { memberId: "ana", seatId: "seat-1" },
      },
    });
    expect(applyTeamEvent(team, assign("x", "seat-2", "ana"))).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message:
          'Member "ana" already holds seat "seat-1": a member holds at most one seat per team; unassign it first.',
        path: ["memberId"],
        params: { memberId: "ana", seatId: "seat-1" },
      },
    });
  });

  it("unassigning a seat nobody holds", () => {
    // Kills: the message → "" and the params → {}.
    expect(applyTeamEvent(twoSeats(), { type: "unassign-seat", id: "x", at, seatId: "seat-2" })).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: 'Seat "seat-2" is not assigned to anyone.',
        path: ["seatId"],
        params: { seatId: "seat-2" },
      },
    });
  });
});

describe("an unassignment", () => {
  it("writes one seat.unassigned entry, frees the member and answers with the previous holder", () => {
    // Kills: the entry → {} and its type → "", the freed member → {}, the outcome → {} and its type → "".
    const r = applyTeamEvent(twoSeats(), {
      type: "unassign-seat",
      id: "free-1",
      at: "2026-06-02T00:00:00Z",
      seatId: "seat-1",
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.entries).toEqual([
      {
        type: "seat.unassigned",
        eventId: "free-1",
        at: "2026-06-02T00:00:00.000Z",
        seatId: "seat-1",
        memberId: "ana",
      },
    ]);
    expect(r.outcome).toEqual({
      type: "assignment",
      eventId: "free-1",
      seatId: "seat-1",
      memberId: null,
      previousMemberId: "ana",
    });
    expect(r.team.members.ana).toEqual({
      seatId: null,
      creditsAccess: null,
      monthlyCapCredits: null,
      capMonthStartMs: null,
      poolDrawnCredits: "0",
      arrearsCredits: "0",
    });
    expect(r.team.seats["seat-1"]?.memberId).toBeNull();
  });
});

describe("ids and instants", () => {
  it("an event before the team's clock names both instants", () => {
    // Kills: the message → "", the params → {}, and the path → [] or [""].
    expect(
      applyTeamEvent(twoSeats(), {
        type: "unassign-seat",
        id: "x",
        at: "2026-05-01T00:00:00Z",
        seatId: "seat-1",
      }),
    ).toEqual({
      ok: false,
      error: {
        code: "event_before_clock",
        message:
          "The event at 2026-05-01T00:00:00.000Z is earlier than the team's clock 2026-06-01T08:00:00.000Z; events must not go back in time.",
        path: ["at"],
        params: { at: "2026-05-01T00:00:00.000Z", clock: "2026-06-01T08:00:00.000Z" },
      },
    });
  });

  it("an id applied before with other content is a conflict at [index, id] in a batch", () => {
    // Kills: the message → "", the path → [] or [""], and the params → {}.
    const r = applyTeamEvents(twoSeats(), [
      { type: "unassign-seat", id: "y", at, seatId: "seat-1" },
      { type: "unassign-seat", id: "give-ana", at, seatId: "seat-1" },
    ]);
    expect(r).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message:
          'Event id "give-ana" was already applied with different content; use a new id for a new event.',
        path: [1, "id"],
        params: { id: "give-ana" },
      },
    });
  });

  it("an id only the seat still remembers, sent again, is a conflict naming the seat", () => {
    // Kills: the message → "" and the params → {}. The team remembers 1 id, so "a" is forgotten
    // after "b"; the seat's ledger still holds "a".
    const created = createTeam({ eventIdsRemembered: 1 });
    if (!created.ok) throw new Error(created.error.message);
    const { team } = run(created.team, [buy("seat-1", "a"), assign("b", "seat-1", "ana")]);
    expect(applyTeamEvent(team, buy("seat-1", "a"))).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message:
          'Seat "seat-1" already applied event "a", which the team no longer remembers; use a new id for a new event.',
        path: ["id"],
        params: { id: "a", seatId: "seat-1" },
      },
    });
  });
});

describe("a team at its bounds", () => {
  it(`holds ${teamLimits.seatsPerTeamMax} seats: the next one is refused, naming the bound`, () => {
    // Kills: the message → "" and the params → {}.
    const s = storedOf(twoSeats());
    for (let i = 3; i <= teamLimits.seatsPerTeamMax; i++) s.seats[`seat-${i}`] = s.seats["seat-2"];
    expect(applyTeamEvent(parsed(s), buy("seat-x", "one-more"))).toEqual({
      ok: false,
      error: {
        code: "limit_exceeded",
        message: "A team holds at most 1000 seats.",
        path: ["seatId"],
        params: { seatsPerTeamMax: 1000 },
      },
    });
  });

  it(`holds ${teamLimits.membersPerTeamMax} member records: a new one is refused, naming the bound`, () => {
    // Kills: the message → "" and the params → {}.
    const full = teamOfMembersMax();
    expect(applyTeamEvent(full, assign("x", "seat-2", "new"))).toEqual({
      ok: false,
      error: membersFull,
    });
  });
});

describe("applyTeamEvents' own checks", () => {
  it("refuses what is not a list, with its sentence", () => {
    // Kills: the message → "".
    expect(applyTeamEvents(twoSeats(), "x" as never)).toEqual({
      ok: false,
      error: { code: "invalid_input", message: "Expected an array of team events.", path: [], params: {} },
    });
  });

  it("takes a list of exactly eventsPerCallMax (10,000,000) entries: the first is then checked", () => {
    // Kills: `events.length > eventsPerCallMax` → `>=`. A sparse list of that length costs nothing
    // to make; its first entry is a hole, refused as no event at [0].
    const r = applyTeamEvents(twoSeats(), new Array(10_000_000));
    expect(!r.ok && [r.error.code, r.error.path]).toEqual(["invalid_input", [0]]);
  });
});

describe("applyTeamEvents' bound", () => {
  it("refuses a list of eventsPerCallMax + 1 entries before looking at any, naming the bound", () => {
    // Kills: the message → "", the path → ["Stryker was here"], and the params → {}.
    expect(applyTeamEvents(twoSeats(), new Array(10_000_001))).toEqual({
      ok: false,
      error: {
        code: "limit_exceeded",
        message: "At most 10000000 events per call.",
        path: [],
        params: { eventsPerCallMax: 10_000_000 },
      },
    });
  });
});

describe("settleTeam", () => {
  it("refuses an instant it cannot read, and one before the team's clock", () => {
    // Kills: `if (!instant.ok)` → false, and the clock check → false (or `team.clockMs === null`).
    const team = twoSeats();
    const unread = settleTeam(team, "yesterday");
    expect(!unread.ok && [unread.error.code, unread.error.path]).toEqual(["invalid_instant", ["at"]]);
    expect(settleTeam(team, "2026-05-01T00:00:00Z")).toEqual({
      ok: false,
      error: {
        code: "event_before_clock",
        message:
          "The event at 2026-05-01T00:00:00.000Z is earlier than the team's clock 2026-06-01T08:00:00.000Z; events must not go back in time.",
        path: ["at"],
        params: { at: "2026-05-01T00:00:00.000Z", clock: "2026-06-01T08:00:00.000Z" },
      },
    });
  });

  it("settles a team at its clock, and a team with no clock at any instant", () => {
    // Kills: the clock check → true.
    const team = twoSeats();
    const same = settleTeam(team, at);
    expect(same.ok && same.team.clockMs).toBe(Date.parse(at));
    const fresh = settleTeam(freshTeam(), "2026-05-01T00:00:00Z");
    expect(fresh.ok && fresh.team.clockMs).toBe(Date.parse("2026-05-01T00:00:00Z"));
  });

  it("passes on a seat's refusal: settling to 9999 would pass more renewals than one call may", () => {
    // Kills: `if (!settled.ok) return settled` → false.
    const far = settleTeam(twoSeats(), "9999-12-31T00:00:00Z");
    expect(!far.ok && [far.error.code, far.error.params.renewalsPerSettleMax]).toEqual([
      "limit_exceeded",
      1200,
    ]);
  });
});

describe("what is not a team", () => {
  const usage = m3("u", at, "ana", 1);

  it("text, with its sentence at the root", () => {
    // Kills: the text check's block → {}, its message → "" and its path → ["Stryker was here"].
    expect(applyTeamEvent("{}" as never, usage)).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message: "Got text, not a team: read stored teams with parseTeam first.",
        path: [],
        params: {},
      },
    });
  });

  it("a spread copy, with its sentence at the root", () => {
    // Kills: the message → "" and the path → ["Stryker was here"].
    expect(applyTeamEvent({ ...twoSeats() }, usage)).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message:
          "Expected a team made by createTeam or read by parseTeam (a copy made by spreading, JSON or structuredClone is not trusted).",
        path: [],
        params: {},
      },
    });
  });

  it("a forged mark on a catalog that was never validated, at catalog", () => {
    // Kills: the message → "".
    const forged = { ...twoSeats(), catalog: { id: "fake" } };
    Object.defineProperty(forged, Symbol.for("token-plan.team-state"), { value: 1 });
    expect(applyTeamEvent(forged as never, usage)).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message: "The team's catalog was not validated: read stored teams with parseTeam.",
        path: ["catalog"],
        params: {},
      },
    });
  });
});

describe("a usage by a member the team has no room to record", () => {
  it(`at ${teamLimits.membersPerTeamMax} records, a new member's usage that owes credits is refused`, () => {
    // Kills (usage.ts): the message → "" and the params → {}. A new member has no seat and no
    // access: 1M M3 tokens owe 1,200 credits, which needs a record.
    const full = teamOfMembersMax();
    expect(applyTeamEvent(full, m3("x", at, "new", 1_000_000))).toEqual({
      ok: false,
      error: membersFull,
    });
  });
});

describe("a member's credit settings", () => {
  it("write one member.credits entry and answer with the member's settings", () => {
    // Kills: the entry → {} and its type → "", the outcome → {} and its type → "".
    const r = applyTeamEvent(twoSeats(), {
      type: "set-member-credits",
      id: "cap-ana",
      at,
      memberId: "ana",
      access: true,
      monthlyCapCredits: 600,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.entries).toEqual([
      {
        type: "member.credits",
        eventId: "cap-ana",
        at: "2026-06-01T08:00:00.000Z",
        memberId: "ana",
        creditsAccess: true,
        monthlyCapCredits: "600",
      },
    ]);
    expect(r.outcome).toEqual({
      type: "member",
      eventId: "cap-ana",
      memberId: "ana",
      creditsAccess: true,
      monthlyCapCredits: "600",
    });
  });
});

describe("second-round survivors", () => {
  it("an assignment of a free seat writes one seat.assigned entry and answers with no previous holder", () => {
    // Kills: the entry → {} and its type → "", the outcome → {} and its type → "", and
    // `previous !== null` → true (a member record named "null").
    const r = applyTeamEvent(twoSeats(), assign("give-bo", "seat-2", "bo"));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.entries).toEqual([
      {
        type: "seat.assigned",
        eventId: "give-bo",
        at: "2026-06-01T08:00:00.000Z",
        seatId: "seat-2",
        memberId: "bo",
        previousMemberId: null,
      },
    ]);
    expect(r.outcome).toEqual({
      type: "assignment",
      eventId: "give-bo",
      seatId: "seat-2",
      memberId: "bo",
      previousMemberId: null,
    });
    expect(Object.keys(r.team.members)).toEqual(["ana", "bo"]);
  });

  it("a bought seat's ledger entries are team entries of type seat, naming the seat", () => {
    // Kills: the seat entry → {} and its type → "".
    const r = applyTeamEvent(freshTeam(), buy("seat-1"));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.entries.length).toBeGreaterThan(0);
    for (const entry of r.entries) expect(entry).toMatchObject({ type: "seat", seatId: "seat-1" });
  });

  it("the clock moves to each event's instant", () => {
    // Kills the clock update (it would stay at the first event's instant).
    const r = applyTeamEvent(twoSeats(), assign("later", "seat-2", "bo"));
    const later = applyTeamEvent(twoSeats(), {
      ...assign("later", "seat-2", "bo"),
      at: "2026-06-02T00:00:00Z",
    });
    expect(r.ok && r.team.clockMs).toBe(Date.parse(at));
    expect(later.ok && later.team.clockMs).toBe(Date.parse("2026-06-02T00:00:00Z"));
  });

  it("settling a team without seats refuses an instant it cannot read", () => {
    // Kills: settleTeam's `if (!instant.ok) return instant` → false (no seat would refuse it later).
    const r = settleTeam(freshTeam(), "yesterday");
    expect(!r.ok && [r.error.code, r.error.path]).toEqual(["invalid_instant", ["at"]]);
  });

  it(`a known member's settings on a team of ${teamLimits.membersPerTeamMax} records are taken`, () => {
    // Kills: `memberRecordOf(team, memberId) === undefined` → true (only a new member needs a record).
    const full = teamOfMembersMax();
    const r = applyTeamEvent(full, {
      type: "set-member-credits",
      id: "x",
      at,
      memberId: "ana",
      access: true,
    });
    expect(r.ok).toBe(true);
  });
});
