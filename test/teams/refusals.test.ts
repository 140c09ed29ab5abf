/**
 * What a team refuses, with its code and path, and the edges of applying events: batches,
 * duplicates the team or only a seat remembers, time passing, and `settleTeam`. The team
 * is unchanged by every refusal. Prices as in stories.test.ts: M3 output $1.2 per million
 * tokens, 1,000 credits = $1; Plus $20, Max $50 a month; the usd-5 package is 5,000 credits.
 */
import { describe, expect, it } from "vitest";
import {
  applyTeamEvent,
  applyTeamEvents,
  createTeam,
  defaultCatalog,
  extendCatalog,
  settleTeam,
  type TeamEvent,
  type TeamState,
  teamEventFingerprint,
} from "../../src";
import { freshTeam, m3, receipt, run } from "./support";

const day = "2026-06-04";
const setup: TeamEvent[] = [
  { type: "buy-seat", id: "seat-1", at: "2026-06-01T08:00:00Z", seatId: "seat-1", tier: "plus" },
  { type: "assign-seat", id: "give-ana", at: "2026-06-01T08:00:00Z", seatId: "seat-1", memberId: "ana" },
  { type: "purchase-pool-credits", id: "pool-5", at: "2026-06-01T08:00:00Z", package: "usd-5" },
];

function refusal(r: { ok: boolean; error?: { code: string; path: readonly (string | number)[] } }) {
  if (r.ok || r.error === undefined) throw new Error("expected a refusal");
  return [r.error.code, r.error.path];
}

describe("createTeam refuses bad options", () => {
  it("names the option and its code", () => {
    expect(refusal(createTeam({ eventIdsRemembered: 0 }))).toEqual([
      "limit_exceeded",
      ["eventIdsRemembered"],
    ]);
    expect(refusal(createTeam({ eventIdsRemembered: 4097 }))).toEqual([
      "limit_exceeded",
      ["eventIdsRemembered"],
    ]);
    expect(refusal(createTeam({ capTimeZone: "Mars/Olympus" }))[1]).toEqual(["capTimeZone"]);
    expect(refusal(createTeam({ catalog: {} as never }))).toEqual(["invalid_catalog", ["catalog"]]);
    expect(refusal(createTeam(null as never))[0]).toBe("invalid_input");
  });
});

describe("a team made by the library, and nothing else", () => {
  const team = freshTeam();
  const bogus: readonly [string, unknown][] = [
    ["text", "{}"],
    ["a spread copy", { ...team }],
    ["null", null],
    ["a JSON copy", JSON.parse(JSON.stringify(team))],
  ];
  it.each(bogus)("refuses %s with invalid_state, in every entry point", (_, value) => {
    const state = value as TeamState;
    const usage = m3("u", `${day}T10:00:00Z`, "ana", 1);
    expect(refusal(applyTeamEvent(state, usage))[0]).toBe("invalid_state");
    expect(refusal(applyTeamEvents(state, [usage]))[0]).toBe("invalid_state");
    expect(refusal(settleTeam(state, `${day}T10:00:00Z`))[0]).toBe("invalid_state");
  });

  it("refuses a forged mark whose catalog was never validated, at catalog", () => {
    const forged = { ...team, catalog: { id: "fake" } };
    Object.defineProperty(forged, Symbol.for("token-plan.team-state"), { value: 1 });
    expect(refusal(applyTeamEvent(forged as TeamState, m3("u", `${day}T10:00:00Z`, "ana", 1)))).toEqual([
      "invalid_state",
      ["catalog"],
    ]);
  });
});

describe("events are validated at the boundary", () => {
  const { team } = run(freshTeam(), setup);
  it("a value that is not an event, or an unknown type", () => {
    const notObject = applyTeamEvent(team, 42 as never);
    expect(notObject.ok ? "" : notObject.error.message).toMatch(/team event object/);
    const unknown = applyTeamEvent(team, { type: "nope", id: "x", at: `${day}T10:00:00Z` } as never);
    expect(unknown.ok ? "" : unknown.error.message).toMatch(/one of buy-seat/);
    expect(
      refusal(applyTeamEvent(team, { ...m3("x", `${day}T10:00:00Z`, "ana", 1), extra: 1 } as never))[0],
    ).toBe("invalid_input");
  });

  it("the core's own checks keep the team event's paths", () => {
    const badMeasure = applyTeamEvent(team, {
      type: "usage",
      id: "u",
      at: `${day}T10:00:00Z`,
      memberId: "ana",
      resource: "MiniMax-M3",
      measures: { outputTokens: -1 },
    });
    expect(refusal(badMeasure)[1]).toEqual(["measures", "outputTokens"]);
    const batch = applyTeamEvents(team, [
      m3("ok", `${day}T10:00:00Z`, "ana", 1),
      { ...m3("bad", `${day}T10:00:00Z`, "ana", 1), resource: "nope" } as TeamEvent,
    ]);
    expect(refusal(batch)).toEqual(["unknown_resource", [1, "resource"]]);
    const badPackage = applyTeamEvent(team, {
      type: "purchase-pool-credits",
      id: "p",
      at: `${day}T10:00:00Z`,
      package: "usd-7",
    });
    expect(refusal(badPackage)[1]).toEqual(["package"]);
  });

  it("a purchase by credits, a usage with a service tier and metadata, are taken", () => {
    const { results } = run(team, [
      { type: "purchase-pool-credits", id: "c", at: `${day}T10:00:00Z`, credits: 5000 },
      {
        ...m3("u", `${day}T10:01:00Z`, "ana", 1_000_000),
        serviceTier: "standard",
        metadata: { request: "r-1" },
      } as TeamEvent,
    ]);
    const lot = results[0]?.outcome;
    expect(lot?.type === "pool-lot" && [lot.lot.credits, lot.lot.remaining]).toEqual(["5000", "5000"]);
    expect(receipt(results[1]).quota.units).toBe("1.2");
  });

  it("teamEventFingerprint: equal content prints equal, other content differently, bad events refused", () => {
    const a = teamEventFingerprint(m3("u", `${day}T10:00:00Z`, "ana", 1));
    const b = teamEventFingerprint(m3("u", `${day}T10:00:00Z`, "ana", 1));
    const c = teamEventFingerprint(m3("u", `${day}T10:00:00Z`, "ana", 2));
    expect(a.ok && b.ok && a.value === b.value).toBe(true);
    expect(a.ok && c.ok && a.value !== c.value).toBe(true);
    expect(refusal(teamEventFingerprint({ type: "cancel-seat" } as never))[0]).toBe("invalid_input");
  });
});

describe("seats, assignments and members refuse what does not fit", () => {
  const { team } = run(freshTeam(), setup);
  const at = `${day}T10:00:00Z`;
  it("an unknown seat, for each event naming one", () => {
    for (const event of [
      { type: "assign-seat", id: "x", at, seatId: "nope", memberId: "ben" },
      { type: "unassign-seat", id: "x", at, seatId: "nope" },
      { type: "change-seat-tier", id: "x", at, seatId: "nope", tier: "max" },
    ] as TeamEvent[]) {
      expect(refusal(applyTeamEvent(team, event))).toEqual(["invalid_input", ["seatId"]]);
    }
  });

  it("assigning the seat a member already holds, and unassigning a free seat", () => {
    const again = applyTeamEvent(team, {
      type: "assign-seat",
      id: "x",
      at,
      seatId: "seat-1",
      memberId: "ana",
    });
    expect(again.ok ? "" : again.error.message).toMatch(/already holds seat "seat-1"\./);
    const freed = run(team, [{ type: "unassign-seat", id: "free", at, seatId: "seat-1" }]).team;
    expect(refusal(applyTeamEvent(freed, { type: "unassign-seat", id: "y", at, seatId: "seat-1" }))).toEqual([
      "invalid_input",
      ["seatId"],
    ]);
  });

  it("a member's cap must be a canonical amount of credits", () => {
    const capped = applyTeamEvent(team, {
      type: "set-member-credits",
      id: "cap",
      at,
      memberId: "ben",
      access: true,
      monthlyCapCredits: "-5",
    });
    expect(refusal(capped)[1]).toEqual(["monthlyCapCredits"]);
    const access = applyTeamEvent(team, {
      type: "set-member-credits",
      id: "a",
      at,
      memberId: "ben",
      access: "yes",
    } as never);
    expect(refusal(access)[1]).toEqual(["access"]);
  });
});

describe("idempotency: the team's memory, and a seat's", () => {
  it("a retried non-usage event is a duplicate that names its type", () => {
    const { team } = run(freshTeam(), setup);
    const again = applyTeamEvent(team, setup[1] as TeamEvent);
    expect(again.ok && [again.duplicate, again.outcome]).toEqual([
      true,
      { type: "duplicate", eventId: "give-ana", eventType: "assign-seat" },
    ]);
  });

  it("the team remembers eventIdsRemembered ids, oldest forgotten first", () => {
    const small = createTeam({ eventIdsRemembered: 2 });
    if (!small.ok) throw new Error(small.error.message);
    const { team } = run(small.team, setup);
    expect(team.recentEvents.map((e) => e.id)).toEqual(["give-ana", "pool-5"]);
  });

  it("an id the team forgot but its seat's ledger remembers is a conflict, for a usage and a seat event", () => {
    const small = createTeam({ eventIdsRemembered: 1 });
    if (!small.ok) throw new Error(small.error.message);
    const usage = m3("u1", `${day}T10:00:00Z`, "ana", 1_000);
    const { team } = run(small.team, [
      ...setup,
      usage,
      { type: "set-member-credits", id: "later", at: `${day}T10:00:00Z`, memberId: "ben", access: true },
    ]);
    // The same usage again: the team forgot it, the seat (which remembers its last event) did not.
    expect(refusal(applyTeamEvent(team, usage))).toEqual(["conflict", ["id"]]);
    const cancel: TeamEvent = { type: "cancel-seat", id: "stop", at: `${day}T11:00:00Z`, seatId: "seat-1" };
    const { team: after } = run(team, [
      cancel,
      { type: "set-member-credits", id: "later-2", at: `${day}T11:00:00Z`, memberId: "ben", access: false },
    ]);
    expect(refusal(applyTeamEvent(after, cancel))).toEqual(["conflict", ["id"]]);
  });

  it("a pool purchase whose id the team forgot is refused while its lot is live", () => {
    const small = createTeam({ eventIdsRemembered: 1 });
    if (!small.ok) throw new Error(small.error.message);
    const { team } = run(small.team, setup);
    const later = run(team, [
      { type: "set-member-credits", id: "x", at: `${day}T10:00:00Z`, memberId: "b", access: true },
    ]);
    const again = applyTeamEvent(later.team, { ...(setup[2] as TeamEvent), at: `${day}T10:00:00Z` });
    expect(refusal(again)).toEqual(["conflict", ["id"]]);
  });
});

describe("applyTeamEvents", () => {
  const { team } = run(freshTeam(), setup);
  it("counts applied events and duplicates, with every entry in order", () => {
    const usage = m3("u", `${day}T10:00:00Z`, "ana", 1_000_000);
    const r = applyTeamEvents(team, [usage, usage, setup[0] as TeamEvent]);
    expect(r.ok && [r.applied, r.duplicates, r.team.version]).toEqual([1, 2, 4]);
    // The entries are those of the usage applied once: its seat's window records and its member.usage.
    const once = applyTeamEvent(team, usage);
    expect(r.ok && r.entries).toEqual(once.ok && once.entries);
    expect(r.ok && r.entries.filter((e) => e.type === "member.usage").length).toBe(1);
  });

  it("refuses a value that is not a list, and more events than a call takes, before any is read", () => {
    expect(refusal(applyTeamEvents(team, {} as never))).toEqual(["invalid_input", []]);
    expect(refusal(applyTeamEvents(team, new Array(10_000_001)))[0]).toBe("limit_exceeded");
  });
});

describe("time passes: pool lots expire, seats renew and lapse", () => {
  it("an event after a lot's expiry first records the expiry", () => {
    // A grant-free purchase lives one year: bought 2026-06-01T08:00Z, gone at 2027-06-01T08:00Z.
    const { team } = run(freshTeam(), setup);
    const r = applyTeamEvent(team, {
      type: "set-member-credits",
      id: "late",
      at: "2027-06-02T00:00:00Z",
      memberId: "ben",
      access: true,
    });
    expect(r.ok && r.entries.filter((e) => e.type === "pool.expired")).toEqual([
      {
        type: "pool.expired",
        eventId: null,
        at: "2027-06-01T08:00:00.000Z",
        lotId: "pool-5",
        credits: "5000",
      },
    ]);
    expect(r.ok && r.team.pool).toEqual([]);
  });

  it("settleTeam renews each seat at its tier's price and moves the clock, not the version", () => {
    const { team } = run(freshTeam(), setup);
    const settled = settleTeam(team, "2026-07-01T09:00:00Z");
    if (!settled.ok) throw new Error(settled.error.message);
    expect(settled.team.version).toBe(team.version);
    expect(settled.team.clockMs).toBe(Date.parse("2026-07-01T09:00:00Z"));
    const renewals = settled.entries.filter(
      (e) => e.type === "seat" && e.entry.type === "subscription.renewed",
    );
    expect(renewals.length).toBe(1);
    // Nothing due: the seat is kept as it was (the same object).
    const again = settleTeam(settled.team, "2026-07-01T09:00:00Z");
    expect(again.ok && again.team.seats["seat-1"] === settled.team.seats["seat-1"]).toBe(true);
    expect(again.ok && again.entries).toEqual([]);
  });

  it("settleTeam expires pool lots, and refuses a bad instant or one before the clock", () => {
    const { team } = run(freshTeam(), setup);
    const settled = settleTeam(team, "2027-06-01T08:00:00Z");
    expect(settled.ok && settled.team.pool).toEqual([]);
    expect(settled.ok && settled.entries[0]?.type).toBe("pool.expired");
    expect(refusal(settleTeam(team, "yesterday"))).toEqual(["invalid_instant", ["at"]]);
    expect(refusal(settleTeam(team, "2026-05-01T00:00:00Z"))).toEqual(["event_before_clock", ["at"]]);
  });
});

describe("a resource credits cannot pay", () => {
  it("stops at the seat's quota: the rest is arrears, not-eligible", () => {
    const catalog = extendCatalog(defaultCatalog, {
      id: "no-credit-m3",
      resources: { "MiniMax-M3": { creditsEligible: false } },
    });
    if (!catalog.ok) throw new Error(catalog.error.message);
    const created = createTeam({ catalog: catalog.value });
    if (!created.ok) throw new Error(created.error.message);
    // 6M tokens = 7.2 units; the Plus window holds 6.596; 0.604 units = 604 credits over, unpaid by the pool.
    const { results } = run(created.team, [...setup, m3("u", `${day}T10:10:00Z`, "ana", 6_000_000)]);
    const r = receipt(results[3]);
    expect([r.pool.stoppedBy, r.pool.debited, r.arrearsCredits, r.paidBy]).toEqual([
      "not-eligible",
      "0",
      "604",
      ["quota", "arrears"],
    ]);
  });
});
