/**
 * The teams store's setup and options (`src/postgres/teams.ts`): the schema script as one
 * text, migrateTeams failing, the team a missing row starts as (8 ids remembered unless
 * told, the other team options kept), the catalogs stored rows are read with, the default
 * attempts, and `withTeam`'s refusals with their sentences. Written to kill the mutants
 * Stryker left there.
 */
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, type TeamEvent, tokenPlanChinaCatalog } from "../../src";
import { migrateTeams, pgliteDriver, type SqlDriver, teamStoreSchemaSql, withTeam } from "../../src/postgres";
import { teamSchemaStatements } from "../../src/postgres/teamStatements";
import { must } from "../postgres/helpers";

const june1 = "2026-06-01T08:00:00Z";
const member = (id: string): TeamEvent => ({
  type: "set-member-credits",
  id,
  at: june1,
  memberId: id,
  access: true,
});

describe("the schema", () => {
  let pg: PGlite;
  beforeAll(async () => {
    pg = await PGlite.create();
  }, 60_000);
  afterAll(() => pg?.close());

  it("teamStoreSchemaSql is the three statements, each ended by a semicolon, and runs as one script", async () => {
    expect(teamStoreSchemaSql).toBe(
      `${teamSchemaStatements[0]};\n\n${teamSchemaStatements[1]};\n\n${teamSchemaStatements[2]};\n`,
    );
    expect(teamSchemaStatements.length).toBe(3);
    await pg.exec(teamStoreSchemaSql);
    const driver = pgliteDriver(pg);
    const saved = must(await withTeam(driver, "team-1", () => [member("a")]));
    expect([saved.version, saved.saved]).toEqual([1, true]);
    // The unique version index is there: a second row at one version is refused.
    await expect(
      pg.query(
        `insert into token_plan_team_events (team_id, event_id, version, fingerprint, event, outcome, entries)
         values ('team-1', 'other', 1, 'f', '{}', '{}', '[]')`,
      ),
    ).rejects.toThrow(/token_plan_team_events_by_version/);
    // And migrating again on top of the script changes nothing.
    must(await migrateTeams(driver));
  });

  it("a stored row is read with the new team's catalog unless parseOptions say otherwise", async () => {
    const driver = pgliteDriver(pg);
    must(await migrateTeams(driver));
    const china = { teamOptions: { catalog: tokenPlanChinaCatalog } };
    must(await withTeam(driver, "cn", () => [member("a")], china));
    const again = must(await withTeam(driver, "cn", () => [member("b")], china));
    expect([again.version, again.team.catalog.id]).toEqual([2, tokenPlanChinaCatalog.id]);
    // Created with the default catalog, reading a China team's row: refused, unless parseOptions name it.
    const plain = await withTeam(driver, "cn", () => []);
    expect(!plain.ok && [plain.error.code, plain.error.path[0]]).toEqual(["invalid_state", "state"]);
    const read = must(
      await withTeam(driver, "cn", () => [], { parseOptions: { catalogs: [tokenPlanChinaCatalog] } }),
    );
    expect([read.version, read.team.catalog.id]).toEqual([2, tokenPlanChinaCatalog.id]);
  });

  it("migrateTeams on a database that fails: store_unavailable, naming no team", async () => {
    const sent: string[] = [];
    const driver: SqlDriver = {
      query: async (sql) => {
        sent.push(sql);
        throw Object.assign(new Error("connection refused"), { code: "08006" });
      },
    };
    expect(await migrateTeams(driver)).toEqual({
      ok: false,
      error: {
        code: "store_unavailable",
        message:
          "The database failed during migrateTeams: connection refused (SQLSTATE 08006). Nothing was half-written (each change is one statement); check the connection and retry.",
        path: [],
        params: { operation: "migrateTeams", accountId: null, sqlState: "08006" },
      },
    });
    expect(sent).toEqual([teamSchemaStatements[0]]);
    const all: string[] = [];
    expect(
      await migrateTeams({
        query: async (sql) => {
          all.push(sql);
          return { rows: [] };
        },
      }),
    ).toEqual({ ok: true });
    expect(all).toEqual([...teamSchemaStatements]);
  });
});

/** A database with no team row that records the saved state, and loses every race when told to. */
function empty(lose = false) {
  const states: string[] = [];
  let loads = 0;
  const driver: SqlDriver = {
    query: async (sql, params) => {
      if (sql.startsWith("select version, state")) {
        loads++;
        return { rows: [] };
      }
      if (sql.startsWith("with saved")) {
        states.push(params[3] as string);
        return { rows: [{ saved: lose ? 0 : 1, journaled: 1 }] };
      }
      throw new Error(`unexpected statement ${sql.slice(0, 30)}`);
    },
  };
  return { driver, states, loads: () => loads };
}

describe("the team a missing row starts as", () => {
  it("remembers 8 event ids unless told, and keeps the other team options", async () => {
    const plain = must(await withTeam(empty().driver, "t", () => [member("a")]));
    expect([plain.team.eventIdsRemembered, plain.team.capTimeZone, plain.team.catalog.id]).toEqual([
      8,
      "UTC",
      "minimax-token-plan-v2",
    ]);
    const zoned = must(
      await withTeam(empty().driver, "t", () => [member("a")], {
        teamOptions: { capTimeZone: "Asia/Shanghai" },
      }),
    );
    expect([zoned.team.eventIdsRemembered, zoned.team.capTimeZone]).toEqual([8, "Asia/Shanghai"]);
    const told = must(
      await withTeam(empty().driver, "t", () => [member("a")], { teamOptions: { eventIdsRemembered: 3 } }),
    );
    expect(told.team.eventIdsRemembered).toBe(3);
    const saw: number[] = [];
    must(
      await withTeam(
        empty().driver,
        "t",
        (team) => {
          saw.push(team.eventIdsRemembered);
          return [];
        },
        {},
      ),
    );
    expect(saw).toEqual([8]);
  });

  it("team options that are not an object are refused as createTeam refuses them, under options.teamOptions", async () => {
    for (const teamOptions of [5, "x", true]) {
      const created = createTeam(teamOptions as never);
      if (created.ok) throw new Error("created");
      expect(await withTeam(empty().driver, "t", () => [], { teamOptions } as never)).toEqual({
        ok: false,
        error: { ...created.error, path: ["options", "teamOptions", ...created.error.path] },
      });
    }
  });

  it("attempts default to 10", async () => {
    const db = empty(true);
    const r = await withTeam(db.driver, "t", () => [member("a")], { retryDelayMs: () => 0 });
    expect(!r.ok && r.error.params).toEqual({ teamId: "t", attempts: 10 });
    expect(db.loads()).toBe(10);
  });
});

describe("withTeam and a decide that throws", () => {
  it("rejects with what decide threw, and writes nothing", async () => {
    const db = empty();
    const failure = new Error("decide failed");
    await expect(
      withTeam(db.driver, "t", () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(db.states).toEqual([]);
  });
});

describe("withTeam refuses, with the sentence", () => {
  const { driver } = empty();
  it("a bad team id, then bad options, then a decide that is no function", async () => {
    expect(await withTeam(driver, "", () => [])).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected a team id: a string of 1 to 256 characters.",
        path: ["teamId"],
        params: { teamIdLengthMax: 256 },
      },
    });
    expect(await withTeam(driver, "", "no" as never, null as never)).toEqual(
      await withTeam(driver, "", () => []),
    );
    expect(await withTeam(driver, "t", "no" as never, null as never)).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected options as an object such as { attemptsMax }.",
        path: ["options"],
        params: {},
      },
    });
    expect(await withTeam(driver, "t", "no" as never)).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected decide as a function of the team.",
        path: ["decide"],
        params: {},
      },
    });
  });
});
