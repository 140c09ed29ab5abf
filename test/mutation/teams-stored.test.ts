/**
 * What `parseTeam` (`src/teams/serialize.ts`) finds inconsistent in a stored team, with the
 * exact sentence and path of each refusal: written to kill the mutants Stryker left there
 * (test/teams/stored.test.ts checks the codes and paths). The stored JSON is made and changed
 * inside each test.
 */
import { describe, expect, it } from "vitest";
import {
  createTeam,
  defaultCatalog,
  extendCatalog,
  parseTeam,
  serializeTeam,
  type TeamState,
  teamLimits,
} from "../../src";
import { freshTeam, m3, run } from "../teams/support";

type Stored = Record<string, unknown> & {
  clockMs: number | null;
  eventIdsRemembered: number;
  seats: Record<string, Record<string, unknown>>;
  members: Record<string, Record<string, unknown>>;
  pool: Record<string, unknown>[];
  recentEvents: Record<string, unknown>[];
};

/** seat-1 (Plus) held by ana, seat-2 (Max) free; lots pool-5 (June 1st) and pool-25 (June 2nd); cy owes 1,200. */
function stored(): Stored {
  const { team } = run(freshTeam(), [
    { type: "buy-seat", id: "seat-1", at: "2026-06-01T08:00:00Z", seatId: "seat-1", tier: "plus" },
    { type: "buy-seat", id: "seat-2", at: "2026-06-01T08:00:00Z", seatId: "seat-2", tier: "max" },
    { type: "assign-seat", id: "give-ana", at: "2026-06-01T08:00:00Z", seatId: "seat-1", memberId: "ana" },
    { type: "purchase-pool-credits", id: "pool-5", at: "2026-06-01T08:00:00Z", package: "usd-5" },
    { type: "purchase-pool-credits", id: "pool-25", at: "2026-06-02T08:00:00Z", package: "usd-25" },
    { type: "set-member-credits", id: "cy-off", at: "2026-06-02T08:00:00Z", memberId: "cy", access: false },
    m3("cy-1", "2026-06-04T10:00:00Z", "cy", 1_000_000),
  ]);
  const text = serializeTeam(team);
  if (!text.ok) throw new Error(text.error.message);
  return JSON.parse(text.value);
}
const refusalOf = (s: Stored) => {
  const r = parseTeam(s);
  return r.ok ? null : r.error;
};
const inconsistent = (message: string, path: readonly (string | number)[]) => ({
  code: "invalid_state",
  message: `The stored team is inconsistent: ${message}.`,
  path,
  params: {},
});

describe("a stored team that contradicts itself", () => {
  it.each([
    [
      "a seat naming a holder who is no member",
      (s: Stored) => {
        s.seats["seat-2"] = { ...s.seats["seat-2"], memberId: "zed" };
      },
      inconsistent('seat "seat-2" names holder "zed", who does not hold it', ["seats", "seat-2", "memberId"]),
    ],
    [
      "a member holding a seat that does not exist",
      (s: Stored) => {
        s.members.cy = { ...s.members.cy, seatId: "seat-9" };
      },
      inconsistent('member "cy" holds seat "seat-9", which names another holder', [
        "members",
        "cy",
        "seatId",
      ]),
    ],
    [
      "a seat's clock ahead of the team's",
      (s: Stored) => {
        s.clockMs = Date.parse("2026-06-01T00:00:00Z");
      },
      inconsistent(`seat "seat-1"'s clock is ahead of the team's`, ["seats", "seat-1", "ledger", "clockMs"]),
    ],
    [
      "team arrears that are not the members' sum",
      (s: Stored) => {
        s.arrearsCredits = "1";
      },
      inconsistent("the team's arrears are not the sum of its members'", ["arrearsCredits"]),
    ],
    [
      "a lot with more left than it started with",
      (s: Stored) => {
        s.pool[0] = { ...s.pool[0], remaining: "9999" };
      },
      inconsistent('pool lot "pool-5" has more credits left than it started with', ["pool", 0, "remaining"]),
    ],
    [
      "a lot that expires the instant it is bought",
      (s: Stored) => {
        s.pool[0] = { ...s.pool[0], expiresAtMs: s.pool[0]?.purchasedAtMs };
      },
      inconsistent('pool lot "pool-5" expires before its purchase', ["pool", 0]),
    ],
    [
      "a lot bought after the team's clock",
      (s: Stored) => {
        s.pool[1] = {
          ...s.pool[1],
          purchasedAtMs: Date.parse("2026-12-01T00:00:00Z"),
          expiresAtMs: Date.parse("2027-12-01T00:00:00Z"),
        };
      },
      inconsistent('pool lot "pool-25" was bought after the team\'s clock', ["pool", 1, "purchasedAtMs"]),
    ],
    [
      "two lots with one id",
      (s: Stored) => {
        s.pool[1] = { ...s.pool[1], id: "pool-5" };
      },
      inconsistent("two pool lots share an id", ["pool", 1, "id"]),
    ],
    [
      "lots out of draw order",
      (s: Stored) => {
        s.pool.reverse();
      },
      inconsistent("the pool's lots are not in draw order", ["pool", 1]),
    ],
    [
      "more recent events than the team remembers",
      (s: Stored) => {
        s.eventIdsRemembered = s.recentEvents.length - 1;
      },
      inconsistent("more recent events than the team remembers", ["recentEvents"]),
    ],
  ])("%s", (_label, change, error) => {
    // Kills: the `tampered` sentence → "", each reason → "", the optional chaining of the holder and
    // seat look-ups (a missing one would throw), and `expiresAtMs <= purchasedAtMs` → `<`.
    const s = stored();
    change(s);
    expect(refusalOf(s)).toEqual(error);
  });

  it("as many recent events as it remembers is consistent", () => {
    // Kills: `recentEvents.length > eventIdsRemembered` → `>=`.
    const s = stored();
    s.eventIdsRemembered = s.recentEvents.length;
    const team: TeamState | null = (() => {
      const r = parseTeam(s);
      return r.ok ? r.value : null;
    })();
    expect(team?.eventIdsRemembered).toBe(7);
  });

  it(`more than ${teamLimits.seatsPerTeamMax} seats, or ${teamLimits.membersPerTeamMax} members, is tampered`, () => {
    // Kills: the two bound sentences → "".
    const seats = stored();
    for (let i = 3; i <= teamLimits.seatsPerTeamMax + 1; i++)
      seats.seats[`seat-${i}`] = seats.seats["seat-2"] ?? {};
    expect(refusalOf(seats)).toEqual(inconsistent("more than 1000 seats", ["seats"]));
    const members = stored();
    for (let i = Object.keys(members.members).length; i <= teamLimits.membersPerTeamMax; i++) {
      members.members[`m${i}`] = { ...members.members.ana, seatId: null };
    }
    expect(refusalOf(members)).toEqual(inconsistent("more than 5000 members", ["members"]));
  });
});

describe("what parseTeam refuses before reading the team", () => {
  const text = () => JSON.stringify(stored());

  it("options that are not an object, and catalogs that are not all defined", () => {
    // Kills: the options check → false, its message → "" and path → ["Stryker was here"];
    // `catalogs.every(isDefinedCatalog)` → some, and its message → "".
    expect(parseTeam(text(), "x" as never)).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected options as an object such as { catalogs }.",
        path: [],
        params: {},
      },
    });
    expect(parseTeam(text(), { catalogs: [defaultCatalog, {}] } as never)).toEqual({
      ok: false,
      error: {
        code: "invalid_catalog",
        message: "Expected catalogs made by defineCatalog or extendCatalog.",
        path: ["catalogs"],
        params: {},
      },
    });
  });

  it("text that is not JSON", () => {
    // Kills: the catch block → {}, and its message → "".
    expect(parseTeam("{")).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message: "The stored team is not valid JSON (truncated or corrupted?).",
        path: [],
        params: {},
      },
    });
  });

  it("a later schema version, named; a version that is not a number is a malformed field; undefined is no team", () => {
    // Kills: the message → "", the params → {}, `typeof version === "number"` → true, and
    // `typeof value === "object"` → true (undefined.schemaVersion would throw).
    expect(parseTeam({ ...stored(), schemaVersion: 2 })).toEqual({
      ok: false,
      error: {
        code: "unsupported_schema_version",
        message:
          "This team was written with schemaVersion 2; this version of token-plan reads 1. Upgrade token-plan.",
        path: ["schemaVersion"],
        params: { found: 2, supported: 1 },
      },
    });
    const text2 = parseTeam({ ...stored(), schemaVersion: "2" });
    expect(!text2.ok && [text2.error.code, text2.error.path]).toEqual(["invalid_state", ["schemaVersion"]]);
    const missing = parseTeam(undefined);
    expect(!missing.ok && missing.error.code).toBe("invalid_state");
  });

  it("a catalog not among those given, named with its fingerprint; the right one found among several", () => {
    // Kills: the message → "", the params → {}, and `c.id === stored.catalog.id` → true (the first
    // catalog given would be taken).
    const other = extendCatalog(defaultCatalog, { id: "other" });
    if (!other.ok) throw new Error(other.error.message);
    const s = stored();
    const fingerprint = (s.catalog as { fingerprint: string }).fingerprint;
    expect(parseTeam(s, { catalogs: [other.value] })).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message: `The stored team was billed with catalog "minimax-token-plan-v2" (fingerprint "${fingerprint}"), which is not among the catalogs given to parseTeam unchanged; pass that catalog in options.catalogs.`,
        path: ["catalog"],
        params: { catalogId: "minimax-token-plan-v2" },
      },
    });
    expect(parseTeam(s, { catalogs: [other.value, defaultCatalog] }).ok).toBe(true);
  });

  it("a seat's ledger is read with the team's catalog", () => {
    // Kills: parseLedger's `{ catalogs: [catalog] }` → {} (the default catalog would refuse the seat).
    const house = extendCatalog(defaultCatalog, { id: "house" });
    if (!house.ok) throw new Error(house.error.message);
    const created = createTeam({ catalog: house.value });
    if (!created.ok) throw new Error(created.error.message);
    const team = run(created.team, [
      { type: "buy-seat", id: "seat-1", at: "2026-06-01T08:00:00Z", seatId: "seat-1", tier: "plus" },
    ]).team;
    const text3 = serializeTeam(team);
    if (!text3.ok) throw new Error(text3.error.message);
    const back = parseTeam(text3.value, { catalogs: [house.value] });
    expect(back.ok && Object.keys(back.value.seats)).toEqual(["seat-1"]);
  });

  it("an event id remembered twice", () => {
    // Kills: the message → "".
    const s = stored();
    s.recentEvents[1] = { ...s.recentEvents[1], id: s.recentEvents[0]?.id };
    expect(refusalOf(s)).toEqual(
      inconsistent('event id "seat-1" is remembered twice', ["recentEvents", 1, "id"]),
    );
  });
});
