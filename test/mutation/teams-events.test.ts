/**
 * What the team's event check (`src/teams/events.ts`) and the pool (`pool.ts`) refuse, with
 * their sentences, paths and params: written to kill the mutants Stryker left there. Every
 * team is built inside its test.
 */
import { describe, expect, it } from "vitest";
import {
  applyTeamEvent,
  createTeam,
  defaultCatalog,
  extendCatalog,
  parseTeam,
  serializeTeam,
  type TeamState,
} from "../../src";
import { freshTeam, run } from "../teams/support";

const at = "2026-06-01T08:00:00Z";
const generic = "Expected a team event object with a type, an id and an instant `at`.";

describe("a value that is not a team event", () => {
  it.each([
    ["null", null],
    ["a list", []],
    ["a number", 42],
  ])("%s is refused as no event object at all", (_label, value) => {
    // Kills the checks of the union's message (an object whose type matches nothing gets the other).
    expect(applyTeamEvent(freshTeam(), value as never)).toEqual({
      ok: false,
      error: { code: "invalid_input", message: generic, path: [], params: { zodCode: "invalid_type" } },
    });
  });

  it("an object of an unknown type is told every type, comma-separated, at type", () => {
    // Kills: the `", "` of the list → "", and the message check → false.
    expect(applyTeamEvent(freshTeam(), { type: "nope", id: "x", at } as never)).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message:
          "Expected type to be one of buy-seat, change-seat-tier, cancel-seat, assign-seat, unassign-seat, set-member-credits, purchase-pool-credits, usage at type.",
        path: ["type"],
        params: { zodCode: "invalid_union" },
      },
    });
  });
});

describe("the pool's refusals", () => {
  /** A team that remembers one event id, with pool lots "p1" and "p2" bought at 08:00. */
  function twoLots(): TeamState {
    const created = createTeam({ eventIdsRemembered: 1 });
    if (!created.ok) throw new Error(created.error.message);
    return run(created.team, [
      { type: "purchase-pool-credits", id: "p1", at, package: "usd-5" },
      { type: "purchase-pool-credits", id: "p2", at, package: "usd-5" },
    ]).team;
  }

  it("a purchase whose id names a live lot the team has forgotten is a conflict", () => {
    // Kills: the message → "" and the params → {}.
    expect(
      applyTeamEvent(twoLots(), { type: "purchase-pool-credits", id: "p1", at, package: "usd-5" }),
    ).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message: 'The pool already holds a live lot "p1"; use a new event id.',
        path: ["id"],
        params: { id: "p1" },
      },
    });
  });

  it("a pool of 1,024 live lots refuses the next purchase, naming the bound", () => {
    // Kills: the message → "", the path → ["Stryker was here"], and the params → {}.
    const text = serializeTeam(twoLots());
    if (!text.ok) throw new Error(text.error.message);
    const s = JSON.parse(text.value);
    const lot = s.pool[0];
    s.pool = Array.from({ length: 1024 }, (_, i) => ({ ...lot, id: `lot-${String(i).padStart(4, "0")}` }));
    const full = parseTeam(s);
    if (!full.ok) throw new Error(full.error.message);
    expect(
      applyTeamEvent(full.value, { type: "purchase-pool-credits", id: "one-more", at, package: "usd-5" }),
    ).toEqual({
      ok: false,
      error: {
        code: "limit_exceeded",
        message: "The pool holds at most 1024 live lots.",
        path: [],
        params: { lotsCountMax: 1024 },
      },
    });
  });
});

describe("the core event a team event becomes", () => {
  const withSeat = () =>
    run(freshTeam(), [
      { type: "buy-seat", id: "seat-1", at, seatId: "seat-1", tier: "max" },
      { type: "assign-seat", id: "give-ana", at, seatId: "seat-1", memberId: "ana" },
    ]).team;
  const usage = (extra: Record<string, unknown>) => ({
    type: "usage" as const,
    id: "u",
    at: "2026-06-01T09:00:00Z",
    memberId: "ana",
    resource: "MiniMax-M3",
    measures: { outputTokens: 1_000_000 },
    ...extra,
  });

  it("carries the service tier: priority costs 1.5 times the standard value", () => {
    // Kills: `if (event.serviceTier !== undefined)` → false and `===`. 1M M3 output = $1.2; priority ×1.5 = $1.8.
    const r = applyTeamEvent(withSeat(), usage({ serviceTier: "priority" }));
    expect(r.ok && r.outcome.type === "member-usage" && r.outcome.quota.units).toBe("1.8");
  });

  it("carries the metadata: the same id with other metadata is a conflict", () => {
    // Kills: `if (event.metadata !== undefined)` → false and `===` (the fingerprint would not see it).
    const first = applyTeamEvent(withSeat(), usage({ metadata: { request: "a" } }));
    if (!first.ok) throw new Error(first.error.message);
    const again = applyTeamEvent(first.team, usage({ metadata: { request: "b" } }));
    expect(!again.ok && again.error.code).toBe("conflict");
  });

  it("a pool purchase is decided by the team's own catalog", () => {
    // Kills (pool.ts): the scratch ledger's options → {} (the default catalog has no usd-7 package).
    const catalog = extendCatalog(defaultCatalog, {
      id: "with-usd-7",
      credits: { packages: { "usd-7": { priceUsd: "7", credits: "7000" } } },
    } as never);
    if (!catalog.ok) throw new Error(catalog.error.message);
    const created = createTeam({ catalog: catalog.value });
    if (!created.ok) throw new Error(created.error.message);
    const r = applyTeamEvent(created.team, { type: "purchase-pool-credits", id: "p7", at, package: "usd-7" });
    expect(r.ok && r.outcome.type === "pool-lot" && r.outcome.lot.credits).toBe("7000");
  });
});

describe("the team mark", () => {
  it("is not copied by a spread, and a marked object of another schema version is refused", () => {
    // Kills (state.ts): the mark's `enumerable: false` → true, and the schemaVersion check → false.
    const team = freshTeam();
    const event = { type: "purchase-pool-credits" as const, id: "p", at, package: "usd-5" };
    expect(applyTeamEvent({ ...team }, event).ok).toBe(false);
    const other = { ...team, schemaVersion: 2 };
    Object.defineProperty(other, Symbol.for("token-plan.team-state"), { value: 1 });
    const r = applyTeamEvent(other as never, event);
    expect(!r.ok && [r.error.code, r.error.path]).toEqual(["invalid_state", []]);
  });

  it("undefined is no team, refused and not thrown on", () => {
    // Kills (state.ts): `typeof candidate !== "object"` → false (undefined.schemaVersion would throw).
    const r = applyTeamEvent(undefined as never, {
      type: "purchase-pool-credits",
      id: "p",
      at,
      package: "usd-5",
    });
    expect(!r.ok && r.error.code).toBe("invalid_state");
  });
});

describe("a usage by a member without a seat", () => {
  it("is priced by the team's own catalog, and writes only the member's usage entry", () => {
    // Kills (usage.ts): the scratch ledger's options → {} (the default catalog has no "house-model"),
    // and `seat === null ? [] : applied.entries` → false or ["Stryker was here"] (the scratch ledger's
    // own entries are not the team's). 1M output tokens at $2 per million: 2,000 credits owed.
    const catalog = extendCatalog(defaultCatalog, {
      id: "with-house-model",
      resources: {
        "house-model": {
          name: "House model",
          kind: "text",
          bucket: "general",
          quotaRate: "list-price",
          prices: { outputTokens: { usd: "2", per: 1_000_000 } },
          creditsEligible: true,
        },
      },
    } as never);
    if (!catalog.ok) throw new Error(catalog.error.message);
    const created = createTeam({ catalog: catalog.value });
    if (!created.ok) throw new Error(created.error.message);
    const r = applyTeamEvent(created.team, {
      type: "usage",
      id: "u",
      at,
      memberId: "bo",
      resource: "house-model",
      measures: { outputTokens: 1_000_000 },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.entries.map((e) => e.type)).toEqual(["member.usage"]);
    expect(r.team.members.bo?.arrearsCredits).toBe("2000");
  });
});
