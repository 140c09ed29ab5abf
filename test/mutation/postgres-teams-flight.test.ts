/**
 * A flight of team writes (`src/postgres/teamFlight.ts`): the exact refusals of a load, a
 * plan and a save, the statements a flight sends (when it consults the journal, which ids
 * it looks up), the answers of requests that write nothing, and the retry loop (its budget,
 * its waits). Written to kill the mutants Stryker left there. Scripted drivers where the
 * logic is the flight's own; PGlite (one per file) where the journal's constraints answer.
 */
import { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  applyTeamEvent,
  createTeam,
  defaultCatalog,
  parseTeam,
  serializeTeam,
  type TeamEvent,
  type TeamState,
  teamEventFingerprint,
} from "../../src";
import {
  migrateTeams,
  pgliteDriver,
  readTeamJournal,
  type SqlDriver,
  type SqlRow,
  withTeam,
} from "../../src/postgres";
import { backoffMs } from "../../src/postgres/retry";
import { type FlightSettings, fly } from "../../src/postgres/teamFlight";
import { must } from "../postgres/helpers";

/** A PGlite with the teams' tables (test/postgres/support's helpers are left to the baseline tests). */
async function teamsDatabase() {
  const pg = await PGlite.create();
  const driver = pgliteDriver(pg);
  must(await migrateTeams(driver));
  return {
    driver,
    sql: async (text: string, params: unknown[] = []) => (await pg.query(text, params)).rows,
    close: () => pg.close(),
  };
}

const june1 = "2026-06-01T08:00:00Z";
const at = "2026-06-04T10:00:00Z";
const member = (id: string, memberId = id, access = true, when = june1): TeamEvent => ({
  type: "set-member-credits",
  id,
  at: when,
  memberId,
  access,
});
const usage = (id: string, memberId = "ana"): TeamEvent => ({
  type: "usage",
  id,
  at,
  memberId,
  resource: "MiniMax-M3",
  measures: { outputTokens: 1_000 },
});

type Kind = "load" | "insert" | "update" | "find" | "journal" | "other";
const kindOf = (sql: string): Kind =>
  sql.startsWith("select version, state")
    ? "load"
    : sql.startsWith("with saved as (\n  insert")
      ? "insert"
      : sql.startsWith("with saved as (\n  update")
        ? "update"
        : sql.includes("event_id = any")
          ? "find"
          : sql.includes("version > $2")
            ? "journal"
            : "other";

/** Wraps a driver, recording each statement's kind and parameters. */
function recorded(inner: SqlDriver) {
  const calls: { kind: Kind; params: unknown[] }[] = [];
  const driver: SqlDriver = {
    query: (sql, params) => {
      calls.push({ kind: kindOf(sql), params: [...params] });
      return inner.query(sql, params);
    },
  };
  return { driver, calls, kinds: () => calls.map((c) => c.kind) };
}

/** A database scripted per statement kind (a thrown value is thrown). */
function scripted(answers: Partial<Record<Kind, (params: readonly unknown[]) => readonly SqlRow[]>>) {
  return recorded({
    query: async (sql, params) => {
      const answer = answers[kindOf(sql)];
      if (answer === undefined) throw new Error(`unscripted statement: ${sql.slice(0, 40)}`);
      return { rows: answer(params) };
    },
  });
}

const down = () => {
  throw Object.assign(new Error("connection refused"), { code: "08006" });
};
const unavailable = (operation: string, teamId: string) => ({
  ok: false,
  error: {
    code: "store_unavailable",
    message: `The database failed during ${operation} for account "${teamId}": connection refused (SQLSTATE 08006). Nothing was half-written (each change is one statement); check the connection and retry.`,
    path: [],
    params: { operation, accountId: teamId, sqlState: "08006" },
  },
});
const exhausted = (teamId: string, attempts: number) => ({
  ok: false,
  error: {
    code: "retries_exhausted",
    message: `Team "${teamId}" changed under every one of ${attempts} attempts; retry later or raise attemptsMax.`,
    path: [],
    params: { teamId, attempts },
  },
});

/** A store-made team (8 ids remembered) with these events applied, and its row. */
function teamRow(events: readonly TeamEvent[]): { team: TeamState; row: SqlRow } {
  let team = must(createTeam({ eventIdsRemembered: 8 })).team;
  for (const event of events) {
    const applied = applyTeamEvent(team, event);
    if (!applied.ok) throw new Error(applied.error.message);
    team = applied.team;
  }
  return { team, row: { version: team.version, state: must(serializeTeam(team)).value } };
}

const settingsOf = (attempts = 3): FlightSettings => ({
  fresh: must(createTeam({ eventIdsRemembered: 8 })).team,
  parseOptions: { catalogs: [defaultCatalog] },
  attempts,
  retryDelayMs: () => 0,
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("loading the team", () => {
  it("a load that fails: store_unavailable for the load, and nothing else sent", async () => {
    const db = scripted({ load: down });
    expect(await withTeam(db.driver, "team-a", () => [member("u")])).toEqual(unavailable("load", "team-a"));
    expect(db.kinds()).toEqual(["load"]);
  });

  it("a state that does not parse: the row's error, at the state column, naming the team", async () => {
    const db = scripted({ load: () => [{ version: 1, state: "{" }] });
    const parsed = parseTeam("{", { catalogs: [defaultCatalog] });
    if (parsed.ok) throw new Error("parsed");
    expect(await withTeam(db.driver, "team-b", () => [])).toEqual({
      ok: false,
      error: {
        code: parsed.error.code,
        message: `Account "team-b", column state: ${parsed.error.message}`,
        path: ["state", ...parsed.error.path],
        params: { ...parsed.error.params, accountId: "team-b" },
      },
    });
  });

  it("a version column that disagrees with the state: refused at the version column", async () => {
    const { row } = teamRow([member("a"), member("b"), member("c")]);
    const db = scripted({ load: () => [{ ...row, version: "7" }] });
    expect(await withTeam(db.driver, "team-c", () => [])).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message:
          'Account "team-c", column version: the version column (7) disagrees with the stored team\'s version (3); the row was edited by hand',
        path: ["version"],
        params: { accountId: "team-c" },
      },
    });
  });

  it("a row read back (version as pg's string): decide sees the stored team, at attempt 1", async () => {
    const { team, row } = teamRow([member("a"), member("b"), member("c")]);
    const db = scripted({ load: () => [{ ...row, version: "3" }] });
    const seen: [TeamState, number][] = [];
    const saved = must(
      await withTeam(db.driver, "team-d", (t, attempt) => {
        seen.push([t, attempt]);
        return [];
      }),
    );
    expect(seen).toEqual([[team, 1]]);
    expect(saved).toEqual({
      ok: true,
      teamId: "team-d",
      team,
      version: 3,
      results: [],
      saved: false,
      attempts: 1,
    });
  });
});

describe("planning a request", () => {
  it("an event with no id (not an object, an id that is not a string) looks nothing up in the journal", async () => {
    const fresh = settingsOf().fresh;
    const fn = Object.assign(() => 0, { id: "f" });
    for (const event of [null, 5, fn, { ...usage("x"), id: 5 }] as unknown as TeamEvent[]) {
      const db = scripted({ load: () => [] });
      const applied = applyTeamEvent(fresh, event);
      if (applied.ok) throw new Error("applied");
      expect(await withTeam(db.driver, "team-e", () => [event])).toEqual({
        ok: false,
        error: { ...applied.error, path: ["events", 0, ...applied.error.path] },
      });
      expect(db.kinds()).toEqual(["load"]);
    }
  });

  it("a decision of 1,000 events is taken; 1,001 is refused with the bound", async () => {
    const db = scripted({ load: () => [], insert: () => [{ saved: 1, journaled: 1 }] });
    const event = member("same");
    const saved = must(await withTeam(db.driver, "team-f", () => new Array(1000).fill(event)));
    expect([saved.version, saved.saved, saved.results.length, saved.results[999]?.duplicate]).toEqual([
      1,
      true,
      1000,
      true,
    ]);
    expect(await withTeam(db.driver, "team-f", () => new Array(1001).fill(event))).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "decide must return at most 1000 team events.",
        path: ["events"],
        params: { eventsPerDecisionMax: 1000 },
      },
    });
    expect(db.kinds()).toEqual(["load", "insert", "load"]);
  });

  it("a save whose reply has no row lost its race", async () => {
    const db = scripted({ load: () => [], insert: () => [] });
    expect(await withTeam(db.driver, "team-g", () => [member("u")], { retryDelayMs: () => 0 })).toEqual(
      exhausted("team-g", 10),
    );
    expect(db.kinds()).toEqual(Array.from({ length: 10 }, () => ["load", "insert"]).flat());
  });

  it("a save the driver fails: store_unavailable for the save", async () => {
    const db = scripted({ load: () => [], insert: down });
    expect(await withTeam(db.driver, "team-h", () => [member("u")])).toEqual(unavailable("save", "team-h"));
  });
});

describe("the retry loop", () => {
  const keyViolation = () => {
    throw Object.assign(new Error("duplicate key"), {
      code: "23505",
      constraint: "token_plan_team_events_pkey",
    });
  };

  it("the journal's key turns a save back once: decided again consulting the journal, not counted", async () => {
    const delays: number[] = [];
    const db = scripted({ load: () => [], insert: keyViolation, find: () => [] });
    const r = await withTeam(db.driver, "team-i", () => [member("k")], {
      attemptsMax: 1,
      retryDelayMs: (a) => {
        delays.push(a);
        return 0;
      },
    });
    expect(r).toEqual(exhausted("team-i", 1));
    expect(db.kinds()).toEqual(["load", "insert", "load", "find", "insert"]);
    expect(db.calls[3]?.params).toEqual(["team-i", ["k"]]);
    expect(delays).toEqual([]);
  });

  it("consulting the journal after its key turned a save back, a failed lookup is store_unavailable", async () => {
    const db = scripted({ load: () => [], insert: keyViolation, find: down });
    expect(await withTeam(db.driver, "team-m", () => [member("k")])).toEqual(unavailable("find", "team-m"));
    expect(db.kinds()).toEqual(["load", "insert", "load", "find"]);
  });

  it("a request refused in one attempt keeps its refusal: it is not decided again after a lost race", async () => {
    let saves = 0;
    const db = scripted({
      load: () => [],
      insert: () => [{ saved: ++saves === 1 ? 0 : 1, journaled: 1 }],
    });
    const attempts: number[] = [];
    const bad = { ...member("bad"), at: "x" } as TeamEvent;
    const answers = await fly(
      db.driver,
      "team-n",
      [
        () => [member("a")],
        (_team, attempt) => {
          attempts.push(attempt);
          return attempt === 1 ? [bad] : [member("b")];
        },
      ],
      settingsOf(),
    );
    expect(attempts).toEqual([1]);
    expect(answers.map((a) => a.ok && a.value.ok)).toEqual([true, false]);
    expect(db.calls.filter((c) => c.kind === "insert").map((c) => c.params[4])).toEqual([["a"], ["a"]]);
  });

  it("waits what retryDelayMs says after each lost race but the last, and nothing when it says 0", async () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const losing = () => scripted({ load: () => [], insert: () => [{ saved: 0, journaled: 0 }] });
    expect(
      await withTeam(losing().driver, "team-j", () => [member("u")], {
        attemptsMax: 3,
        retryDelayMs: (a) => 15 * a,
      }),
    ).toEqual(exhausted("team-j", 3));
    expect(spy.mock.calls.map((c) => c[1])).toEqual([15, 30]);
    spy.mockClear();
    await withTeam(losing().driver, "team-j", () => [member("u")], { attemptsMax: 3, retryDelayMs: () => 0 });
    expect(spy.mock.calls).toEqual([]);
  });

  it("by default backs off by the hash of the team, the attempt and the decided ids", async () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const db = scripted({ load: () => [], insert: () => [{ saved: 0, journaled: 0 }] });
    const r = await withTeam(db.driver, "team-k", () => [member("u1"), member("u2")], { attemptsMax: 3 });
    expect(r).toEqual(exhausted("team-k", 3));
    const expected = [1, 2].map((a) => backoffMs(a, "team-k", ["u1", "u2"])).filter((d) => d > 0);
    expect(spy.mock.calls.map((c) => c[1])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it("fly answers each request once, in order, and no more", async () => {
    const { team, row } = teamRow([member("a"), member("b"), member("c")]);
    const db = scripted({ load: () => [row] });
    const answers = await fly(db.driver, "team-l", [() => [], () => []], settingsOf());
    const value = { ok: true, teamId: "team-l", team, version: 3, results: [], saved: false, attempts: 1 };
    expect(answers).toEqual([
      { ok: true, value },
      { ok: true, value },
    ]);
    const refused = scripted({ load: down });
    expect(await fly(refused.driver, "team-l", [() => [], () => []], settingsOf())).toEqual([
      { ok: true, value: unavailable("load", "team-l") },
      { ok: true, value: unavailable("load", "team-l") },
    ]);
    const losing = scripted({ load: () => [], insert: () => [{ saved: 0, journaled: 0 }] });
    expect(await fly(losing.driver, "team-l", [() => [member("u")], () => []], settingsOf(2))).toEqual([
      { ok: true, value: exhausted("team-l", 2) },
      { ok: true, value: exhausted("team-l", 2) },
    ]);
  });
});

describe("on PGlite", () => {
  let db: Awaited<ReturnType<typeof teamsDatabase>>;
  let n = 0;
  const nextTeam = () => `flight-${++n}`;
  beforeAll(async () => {
    db = await teamsDatabase();
  }, 60_000);
  afterAll(() => db?.close());

  it("a new event sends a load and an insert, then an update: no journal lookup", async () => {
    const teamId = nextTeam();
    const rec = recorded(db.driver);
    must(await withTeam(rec.driver, teamId, () => [member("a")]));
    must(await withTeam(rec.driver, teamId, () => [member("b")]));
    expect(rec.kinds()).toEqual(["load", "insert", "load", "update"]);
    expect(rec.calls[1]?.params.slice(0, 3)).toEqual([teamId, 0, 1]);
    expect(rec.calls[3]?.params.slice(0, 3)).toEqual([teamId, 1, 2]);
    const journal = must(await readTeamJournal(db.driver, teamId));
    expect(journal.events.map((e) => [e.eventId, e.version, e.fingerprint])).toEqual([
      ["a", 1, must(teamEventFingerprint(member("a"))).value],
      ["b", 2, must(teamEventFingerprint(member("b"))).value],
    ]);
  });

  it("an id the row forgot: its first outcome from the journal, the team as loaded, no entries", async () => {
    const teamId = nextTeam();
    const setup = Array.from({ length: 10 }, (_, i) => member(`s${i}`));
    const first = must(await withTeam(db.driver, teamId, () => setup));
    const rec = recorded(db.driver);
    let seen: TeamState | undefined;
    // s0 is past the row's 8 ids but not behind its clock (one instant): the row would apply it
    // again, the journal's key turns the save back, and the journal answers.
    const again = must(
      await withTeam(rec.driver, teamId, (team) => {
        seen = team;
        return [setup[0] as TeamEvent];
      }),
    );
    expect(again.results).toEqual([
      { ok: true, team: seen, entries: [], outcome: first.results[0]?.outcome, duplicate: true },
    ]);
    expect(rec.kinds()).toEqual(["load", "update", "load", "find"]);
    expect(rec.calls[3]?.params).toEqual([teamId, ["s0"]]);
    expect([again.saved, again.version, again.attempts]).toEqual([false, 10, 2]);
  });

  it("consulting the journal, a refused plan is not looked up again", async () => {
    const teamId = nextTeam();
    const setup = Array.from({ length: 10 }, (_, i) => member(`s${i}`));
    must(await withTeam(db.driver, teamId, () => setup));
    const rec = recorded(db.driver);
    const bad = { ...usage("bad"), resource: "nope" } as TeamEvent;
    const r = await withTeam(rec.driver, teamId, (_team, attempt) =>
      attempt === 1 ? [setup[0] as TeamEvent] : [setup[0] as TeamEvent, bad],
    );
    expect(!r.ok && [r.error.code, r.error.path]).toEqual(["unknown_resource", ["events", 1, "resource"]]);
    expect(rec.kinds()).toEqual(["load", "update", "load", "find"]);
    expect(rec.calls[3]?.params).toEqual([teamId, ["s0", "bad"]]);
  });

  it("the same id with other content: a conflict naming the id and the version it was recorded at", async () => {
    const teamId = nextTeam();
    must(await withTeam(db.driver, teamId, () => [member("a"), member("e1", "ana")]));
    const rec = recorded(db.driver);
    expect(await withTeam(rec.driver, teamId, () => [member("x"), member("e1", "ana", false)])).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message:
          'Event id "e1" was already recorded (team version 2) with different content; use a new id for a new event.',
        path: ["events", 1, "id"],
        params: { id: "e1", version: 2 },
      },
    });
    expect(rec.kinds()).toEqual(["load", "find"]);
    expect(rec.calls[1]?.params).toEqual([teamId, ["x", "e1"]]);
    // A journaled id retried as an event that is no event: refused at its index as the event's own error.
    const broken = { id: "e1", type: "nope" } as unknown as TeamEvent;
    const printed = teamEventFingerprint(broken);
    if (printed.ok) throw new Error("printed");
    expect(await withTeam(db.driver, teamId, () => [member("y"), broken])).toEqual({
      ok: false,
      error: { ...printed.error, path: ["events", 1, ...printed.error.path] },
    });
  });

  it("a duplicate the row answers: its usage receipt from the row, no lookup; a non-usage's outcome from the journal", async () => {
    const teamId = nextTeam();
    const first = must(
      await withTeam(db.driver, teamId, () => [
        member("ana", "ana", true, at),
        usage("u1"),
        member("cy-on", "cy", true, at),
      ]),
    );
    const rec = recorded(db.driver);
    const retried = must(await withTeam(rec.driver, teamId, () => [usage("u1")]));
    expect(retried.results[0]?.outcome).toEqual(first.results[1]?.outcome);
    expect(rec.kinds()).toEqual(["load"]);
    rec.calls.length = 0;
    const mixed = must(
      await withTeam(rec.driver, teamId, () => [
        usage("u1"),
        member("cy-on", "cy", true, at),
        member("new", "new", true, at),
      ]),
    );
    expect(mixed.results.map((r) => [r.duplicate, r.outcome.type])).toEqual([
      [true, "member-usage"],
      [true, "member"],
      [false, "member"],
    ]);
    expect(mixed.results[1]?.outcome).toEqual(first.results[2]?.outcome);
    expect(rec.kinds()).toEqual(["load", "find", "update"]);
    expect(rec.calls[1]?.params).toEqual([teamId, ["cy-on"]]);
    expect(mixed.saved).toBe(true);
  });

  it("a team row behind its own journal: refused, naming the version it expected", async () => {
    const teamId = nextTeam();
    must(await withTeam(db.driver, teamId, () => [member("a")]));
    await db.sql(
      `insert into token_plan_team_events (team_id, event_id, version, fingerprint, event, outcome, entries)
       values ($1, 'from-the-future', 2, 'f', '{"id":"from-the-future"}', '{"type":"member"}', '[]')`,
      [teamId],
    );
    expect(await withTeam(db.driver, teamId, () => [member("b")])).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message: `Team "${teamId}": the journal already holds a row past version 1, so the team row is behind its own journal (restored from an older backup, or edited by hand). Nothing was written.`,
        path: ["version"],
        params: { teamId, expectedVersion: 1 },
      },
    });
  });

  it("a duplicate the row answers without its outcome, when the journal lookup fails: store_unavailable", async () => {
    const teamId = nextTeam();
    must(await withTeam(db.driver, teamId, () => [member("a")]));
    const failing: SqlDriver = {
      query: (sql, params) =>
        kindOf(sql) === "find"
          ? Promise.reject(new Error("connection refused"))
          : db.driver.query(sql, params),
    };
    const r = await withTeam(failing, teamId, () => [member("a")]);
    expect(!r.ok && [r.error.code, r.error.params]).toEqual([
      "store_unavailable",
      { operation: "find", accountId: teamId, sqlState: null },
    ]);
  });

  it("a journal lookup that fails: store_unavailable for the find", async () => {
    const teamId = nextTeam();
    must(await withTeam(db.driver, teamId, () => [member("a")]));
    const failing: SqlDriver = {
      query: (sql, params) =>
        kindOf(sql) === "find" ? Promise.resolve(down()) : db.driver.query(sql, params),
    };
    expect(await withTeam(failing, teamId, () => [member("a", "a", false)])).toEqual(
      unavailable("find", teamId),
    );
  });
});
