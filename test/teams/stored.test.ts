/**
 * A stored team read back: `parseTeam` refuses malformed, future or tampered text with
 * `invalid_state` (or its own code) and the path of what is wrong, and a team at its
 * bounds (1,000 seats, 5,000 members, 1,024 pool lots) refuses what would pass them.
 * Big teams are made as stored JSON, the way a row would hold them.
 */
import { describe, expect, it } from "vitest";
import {
  applyTeamEvent,
  defaultCatalog,
  extendCatalog,
  parseTeam,
  serializeTeam,
  type TeamEvent,
  type TeamState,
  teamLimits,
} from "../../src";
import { freshTeam, m3, run } from "./support";

const day = "2026-06-04";
const { team } = run(freshTeam(), [
  { type: "buy-seat", id: "seat-1", at: "2026-06-01T08:00:00Z", seatId: "seat-1", tier: "plus" },
  { type: "buy-seat", id: "seat-2", at: "2026-06-01T08:00:00Z", seatId: "seat-2", tier: "max" },
  { type: "assign-seat", id: "give-ana", at: "2026-06-01T08:00:00Z", seatId: "seat-1", memberId: "ana" },
  { type: "purchase-pool-credits", id: "pool-5", at: "2026-06-01T08:00:00Z", package: "usd-5" },
  { type: "purchase-pool-credits", id: "pool-25", at: "2026-06-02T08:00:00Z", package: "usd-25" },
  { type: "set-member-credits", id: "cy-on", at: "2026-06-02T08:00:00Z", memberId: "cy", access: false },
  m3("cy-1", `${day}T10:00:00Z`, "cy", 1_000_000), // no access: 1,200 arrears
]);
type Stored = Record<string, unknown> & {
  seats: Record<string, { memberId: string | null; ledger: Record<string, unknown> }>;
  members: Record<string, Record<string, unknown>>;
  pool: Record<string, unknown>[];
  recentEvents: Record<string, unknown>[];
};
const text = serializeTeam(team);
if (!text.ok) throw new Error(text.error.message);
const stored = (): Stored => JSON.parse(text.value);

function refusal(r: { ok: boolean; error?: { code: string; path: readonly (string | number)[] } }) {
  if (r.ok || r.error === undefined) throw new Error("expected a refusal");
  return [r.error.code, r.error.path];
}
const parsed = (value: unknown): TeamState => {
  const r = parseTeam(value);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe("a stored team reads back equal", () => {
  it("from its text and from the parsed object, byte for byte again", () => {
    expect(serializeTeam(parsed(text.value))).toEqual(text);
    expect(serializeTeam(parsed(stored()))).toEqual(text);
  });

  it("serializeTeam refuses what is not a team", () => {
    expect(refusal(serializeTeam({ ...team }))[0]).toBe("invalid_state");
    expect(refusal(serializeTeam("{}" as never))[0]).toBe("invalid_state");
  });
});

describe("parseTeam refuses", () => {
  it("bad options, text that is not JSON, a future schema version, unknown fields", () => {
    expect(refusal(parseTeam(text.value, null as never))[0]).toBe("invalid_input");
    expect(refusal(parseTeam(text.value, { catalogs: [{}] as never }))).toEqual([
      "invalid_catalog",
      ["catalogs"],
    ]);
    expect(refusal(parseTeam(text.value.slice(0, -10)))).toEqual(["invalid_state", []]);
    expect(refusal(parseTeam({ ...stored(), schemaVersion: 2 }))).toEqual([
      "unsupported_schema_version",
      ["schemaVersion"],
    ]);
    expect(refusal(parseTeam({ ...stored(), extra: 1 }))[0]).toBe("invalid_state");
    expect(refusal(parseTeam(null))[0]).toBe("invalid_state");
  });

  it("a catalog it was not given, unchanged", () => {
    const other = extendCatalog(defaultCatalog, { id: "other" });
    if (!other.ok) throw new Error(other.error.message);
    expect(refusal(parseTeam(text.value, { catalogs: [other.value] }))).toEqual([
      "invalid_state",
      ["catalog"],
    ]);
  });

  it("a seat ledger that does not read, at its path", () => {
    const s = stored();
    (s.seats["seat-1"] as { ledger: Record<string, unknown> }).ledger.version = -1;
    expect(refusal(parseTeam(s))[1]).toEqual(["seats", "seat-1", "ledger", "version"]);
  });

  const tampered: readonly [string, (s: Stored) => void, readonly (string | number)[]][] = [
    [
      "a seat naming a holder who does not hold it",
      (s) => (s.seats["seat-2"] = { ...(s.seats["seat-2"] as Stored["seats"][string]), memberId: "cy" }),
      ["seats", "seat-2", "memberId"],
    ],
    [
      "a member holding a seat that names another",
      (s) => (s.members.cy = { ...s.members.cy, seatId: "seat-1" }),
      ["members", "cy", "seatId"],
    ],
    [
      "a seat's clock ahead of the team's",
      (s) => (s.clockMs = Date.parse("2026-06-01T00:00:00Z")),
      ["seats", "seat-1", "ledger", "clockMs"],
    ],
    ["team arrears that are not the members' sum", (s) => (s.arrearsCredits = "1"), ["arrearsCredits"]],
    [
      "a lot with more left than it started with",
      (s) => (s.pool[0] = { ...s.pool[0], remaining: "9999" }),
      ["pool", 0, "remaining"],
    ],
    [
      "a lot expiring before its purchase",
      (s) => (s.pool[0] = { ...s.pool[0], expiresAtMs: 1 }),
      ["pool", 0],
    ],
    [
      "a lot bought after the team's clock",
      (s) =>
        (s.pool[1] = {
          ...s.pool[1],
          purchasedAtMs: Date.parse("2026-12-01T00:00:00Z"),
          expiresAtMs: Date.parse("2027-12-01T00:00:00Z"),
        }),
      ["pool", 1, "purchasedAtMs"],
    ],
    ["two lots with one id", (s) => (s.pool[1] = { ...s.pool[1], id: "pool-5" }), ["pool", 1, "id"]],
    ["lots out of draw order", (s) => s.pool.reverse(), ["pool", 1]],
    ["more recent events than the team remembers", (s) => (s.eventIdsRemembered = 2), ["recentEvents"]],
    [
      "an id remembered twice",
      (s) => (s.recentEvents[1] = { ...s.recentEvents[1], id: s.recentEvents[0]?.id }),
      ["recentEvents", 1, "id"],
    ],
  ];
  it.each(tampered)("%s, at its path", (_, change, path) => {
    const s = stored();
    change(s);
    expect(refusal(parseTeam(s))).toEqual(["invalid_state", path]);
  });

  it("a team with no clock under a seat or a lot that has one", () => {
    const s = stored();
    s.clockMs = null;
    expect(refusal(parseTeam(s))[1]).toEqual(["seats", "seat-1", "ledger", "clockMs"]);
    const poolOnly = run(freshTeam(), [
      { type: "purchase-pool-credits", id: "p", at: "2026-06-01T08:00:00Z", package: "usd-5" },
    ]).team;
    const p = JSON.parse((serializeTeam(poolOnly) as { value: string }).value);
    p.clockMs = null;
    expect(refusal(parseTeam(p))[1]).toEqual(["pool", 0, "purchasedAtMs"]);
  });
});

describe("a team at its bounds", () => {
  const seatJson = () => stored().seats["seat-2"] as Stored["seats"][string];
  const member = (seatId: string | null) => ({
    seatId,
    creditsAccess: null,
    monthlyCapCredits: null,
    capMonthStartMs: null,
    poolDrawnCredits: "0",
    arrearsCredits: "0",
  });
  const at = `${day}T11:00:00Z`;

  it(`holds ${teamLimits.seatsPerTeamMax} seats: the next buy-seat is refused, and a row with more is tampered`, () => {
    const s = stored();
    for (let i = 3; i <= teamLimits.seatsPerTeamMax; i++) s.seats[`seat-${i}`] = seatJson();
    const full = parsed(s);
    const next = applyTeamEvent(full, {
      type: "buy-seat",
      id: "one-more",
      at,
      seatId: "seat-x",
      tier: "plus",
    });
    expect(refusal(next)).toEqual(["limit_exceeded", ["seatId"]]);
    s.seats["seat-x"] = seatJson();
    expect(refusal(parseTeam(s))).toEqual(["invalid_state", ["seats"]]);
  });

  it(`holds ${teamLimits.membersPerTeamMax} member records: a new member is refused where it would need one`, () => {
    const s = stored();
    for (let i = Object.keys(s.members).length; i < teamLimits.membersPerTeamMax; i++)
      s.members[`m${i}`] = member(null);
    const full = parsed(s);
    const events: TeamEvent[] = [
      { type: "set-member-credits", id: "x1", at, memberId: "new", access: true },
      { type: "assign-seat", id: "x2", at, seatId: "seat-2", memberId: "new" },
      m3("x3", at, "new", 1_000_000), // no seat, no access: 1,200 arrears to record on a new member
    ];
    for (const event of events)
      expect(refusal(applyTeamEvent(full, event))).toEqual(["limit_exceeded", ["memberId"]]);
    // A usage that needs no record (nothing drawn, nothing owed) is taken.
    const free = applyTeamEvent(full, { ...m3("x4", at, "new", 0) });
    expect(free.ok && Object.keys(free.team.members).length).toBe(teamLimits.membersPerTeamMax);
    s.members.more = member(null);
    expect(refusal(parseTeam(s))).toEqual(["invalid_state", ["members"]]);
  });

  it("holds 1,024 live pool lots: the next purchase is refused", () => {
    const s = stored();
    const lot = s.pool[0] as Record<string, unknown>;
    s.pool = Array.from({ length: 1024 }, (_, i) => ({ ...lot, id: `lot-${String(i).padStart(4, "0")}` }));
    const full = parsed(s);
    const next = applyTeamEvent(full, {
      type: "purchase-pool-credits",
      id: "one-more",
      at,
      package: "usd-5",
    });
    expect(refusal(next)[0]).toBe("limit_exceeded");
  });
});
