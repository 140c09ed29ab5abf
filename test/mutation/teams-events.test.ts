/**
 * What the team's event check (`src/teams/events.ts`) and the pool (`pool.ts`) refuse, with
 * their sentences, paths and params: written to kill the mutants Stryker left there. Every
 * team is built inside its test.
 */
import { describe, expect, it } from "vitest";
import { applyTeamEvent, createTeam, parseTeam, serializeTeam, type TeamState } from "../../src";
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
