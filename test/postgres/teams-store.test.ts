/**
 * The teams store, one request at a time: the journal (idempotency at any age, the audit
 * trail), refusals with their codes and paths, rows edited by hand, a database that fails,
 * and races that are lost every time. On PGlite, and on the server when TOKEN_PLAN_PG_URL
 * is set. Prices: M3 output $1.2 per million tokens = 1,200 credits; Plus $20, Max $50.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TeamEvent, type TeamUsageReceipt, teamUsageByMember } from "../../src";
import {
  migrateTeams,
  readTeamJournal,
  type SqlDriver,
  teamStoreSchemaSql,
  withTeam,
} from "../../src/postgres";
import { databaseKinds, must, noteServerSkip, openDatabase, type TestDatabase } from "./support";

noteServerSkip("teams-store.test.ts");

const june1 = "2026-06-01T08:00:00Z";
const at = "2026-06-04T10:00:00Z";
const setup: TeamEvent[] = [
  { type: "buy-seat", id: "seat-1", at: june1, seatId: "seat-1", tier: "plus" },
  { type: "assign-seat", id: "give-ana", at: june1, seatId: "seat-1", memberId: "ana" },
  { type: "purchase-pool-credits", id: "pool-5", at: june1, package: "usd-5" },
];
const usage = (id: string, memberId: string, when = at, outputTokens = 1_000_000): TeamEvent => ({
  type: "usage",
  id,
  at: when,
  memberId,
  resource: "MiniMax-M3",
  measures: { outputTokens },
});
/** Twelve events: more than the 8 ids a store-made team remembers in its row. */
const twelve: TeamEvent[] = Array.from({ length: 12 }, (_, i) => usage(`u${i}`, "ana", at, 1_000));

function refusal(r: { ok: boolean; error?: { code: string; path: readonly (string | number)[] } }) {
  if (r.ok || r.error === undefined) throw new Error("expected a refusal");
  return [r.error.code, r.error.path];
}

/** A driver that throws on the statements `failing` picks, before they run or after. */
function faulty(inner: SqlDriver, failing: (sql: string) => "before" | "after" | null): SqlDriver {
  return {
    query: async (sql, params) => {
      const when = failing(sql);
      if (when === "before") throw Object.assign(new Error("connection refused"), { code: "08006" });
      const result = await inner.query(sql, params);
      if (when === "after") throw new Error("connection reset by peer");
      return result;
    },
  };
}
const isSave = (sql: string) => sql.startsWith("with saved");
const isLoad = (sql: string) => sql.startsWith("select version, state");
const isFind = (sql: string) => sql.includes("event_id = any");

describe.each(databaseKinds)("the teams store on $kind", ({ kind, skip }) => {
  describe.skipIf(skip)(kind, () => {
    let db: TestDatabase;
    let n = 0;
    const nextTeam = () => `team-${++n}`;
    beforeAll(async () => {
      db = await openDatabase(kind);
      must(await migrateTeams(db.driver));
    }, 60_000);
    afterAll(() => db?.close());

    it("migrates again without harm; the script names both tables", async () => {
      must(await migrateTeams(db.driver));
      expect(teamStoreSchemaSql).toContain("token_plan_teams");
      expect(teamStoreSchemaSql).toContain("primary key (team_id, event_id)");
      const failing = faulty(db.driver, () => "before");
      expect(refusal(await migrateTeams(failing))[0]).toBe("store_unavailable");
    });

    it("journals every applied event with its outcome and entries, in version order", async () => {
      const teamId = nextTeam();
      const saved = must(await withTeam(db.driver, teamId, () => [...setup, usage("r1", "ana")]));
      expect([saved.version, saved.saved, saved.attempts]).toEqual([4, true, 1]);
      const read = must(await readTeamJournal(db.driver, teamId));
      expect(read.events.map((e) => [e.eventId, e.version])).toEqual([
        ["seat-1", 1],
        ["give-ana", 2],
        ["pool-5", 3],
        ["r1", 4],
      ]);
      expect(read.events[3]?.outcome).toEqual(saved.results[3]?.outcome);
      expect(read.events[3]?.event).toEqual(usage("r1", "ana"));
      // Usage by member from the journal equals usage by member from what was applied.
      const period = { from: june1, to: "2026-07-01T00:00:00Z" };
      expect(
        teamUsageByMember(
          read.events.flatMap((e) => e.entries),
          period,
        ),
      ).toEqual(
        teamUsageByMember(
          saved.results.flatMap((r) => r.entries),
          period,
        ),
      );
      // Pages: after a version, at most `limit` rows.
      const page = must(await readTeamJournal(db.driver, teamId, { afterVersion: 1, limit: 2 }));
      expect(page.events.map((e) => e.eventId)).toEqual(["give-ana", "pool-5"]);
      // The row keeps no receipts beyond the last 8 ids.
      const [row] = await db.sql("select length(state) as bytes from token_plan_teams where team_id = $1", [
        teamId,
      ]);
      expect(Number(row?.bytes)).toBeLessThan(8_000);
    });

    it("a retried id, at any age, answers its first outcome and writes nothing", async () => {
      const teamId = nextTeam();
      const first = must(await withTeam(db.driver, teamId, () => [...setup, ...twelve]));
      const receipts = first.results.map((r) => r.outcome);
      // Old ids (the row forgot them): refused as new would be; the journal answers.
      for (const [i, event] of [...setup, twelve[0] as TeamEvent].entries()) {
        const again = must(await withTeam(db.driver, teamId, () => [event]));
        expect([again.saved, again.version, again.results[0]?.duplicate]).toEqual([false, 15, true]);
        expect(again.results[0]?.outcome).toEqual(receipts[i]);
      }
      // A recent non-usage id: the row knows it without its outcome; the journal fills it in.
      const recent = must(
        await withTeam(db.driver, teamId, () => [
          { type: "set-member-credits", id: "cy-on", at, memberId: "cy", access: true },
        ]),
      );
      const retried = must(
        await withTeam(db.driver, teamId, () => [
          { type: "set-member-credits", id: "cy-on", at, memberId: "cy", access: true },
        ]),
      );
      expect(retried.results[0]?.outcome).toEqual(recent.results[0]?.outcome);
      expect(retried.results[0]?.outcome.type).toBe("member");
    });

    it("an old id retried at the team's instant is turned back by the journal's key, then answered", async () => {
      const teamId = nextTeam();
      // All at one instant: an old id is not behind the clock, so the row would apply it again.
      const same: TeamEvent[] = Array.from({ length: 10 }, (_, i) => ({
        type: "set-member-credits",
        id: `c${i}`,
        at: june1,
        memberId: `m${i}`,
        access: true,
      }));
      must(await withTeam(db.driver, teamId, () => same));
      const again = must(await withTeam(db.driver, teamId, () => [same[0] as TeamEvent], { attemptsMax: 1 }));
      expect([again.saved, again.version, again.results[0]?.duplicate, again.attempts]).toEqual([
        false,
        10,
        true,
        2,
      ]);
      expect(again.results[0]?.outcome.type).toBe("member");
      // The same id with other content is a conflict, named at its index.
      const changed = await withTeam(db.driver, teamId, () => [
        usage("new", "m1"),
        { ...(same[0] as TeamEvent), access: false } as TeamEvent,
      ]);
      expect(refusal(changed)).toEqual(["conflict", ["events", 1, "id"]]);
      // One id twice in one decision, ten events apart: the second is a duplicate, journaled once.
      const twice = must(
        await withTeam(db.driver, teamId, () => [
          { type: "set-member-credits", id: "d", at: june1, memberId: "d", access: true },
          ...same.map((e) => ({ ...e, id: `again-${e.id}` })),
          { type: "set-member-credits", id: "d", at: june1, memberId: "d", access: true },
        ]),
      );
      expect([twice.version, twice.results[11]?.duplicate]).toEqual([21, true]);
      const conflicting = await withTeam(db.driver, teamId, () => [
        { type: "set-member-credits", id: "e", at: june1, memberId: "e", access: true },
        ...same.map((e) => ({ ...e, id: `more-${e.id}` })),
        { type: "set-member-credits", id: "e", at: june1, memberId: "e", access: false },
      ]);
      expect(refusal(conflicting)).toEqual(["conflict", ["events", 11, "id"]]);
      const bad = await withTeam(db.driver, teamId, () => [
        same[0] as TeamEvent,
        { ...(same[0] as TeamEvent), at: "x" },
      ]);
      expect(refusal(bad)).toEqual(["invalid_instant", ["events", 1, "at"]]);
    });

    it("refuses bad input, naming it, and writes nothing", async () => {
      const teamId = nextTeam();
      const decide = () => [usage("r", "ana")];
      expect(refusal(await withTeam(db.driver, "", decide))).toEqual(["invalid_input", ["teamId"]]);
      expect(refusal(await withTeam(db.driver, "x".repeat(257), decide))).toEqual([
        "invalid_input",
        ["teamId"],
      ]);
      expect(refusal(await withTeam(db.driver, teamId, decide, null as never))).toEqual([
        "invalid_input",
        ["options"],
      ]);
      expect(refusal(await withTeam(db.driver, teamId, decide, { attemptsMax: 0 }))).toEqual([
        "invalid_input",
        ["options", "attemptsMax"],
      ]);
      expect(refusal(await withTeam(db.driver, teamId, decide, { retryDelayMs: 5 as never }))).toEqual([
        "invalid_input",
        ["options", "retryDelayMs"],
      ]);
      expect(
        refusal(await withTeam(db.driver, teamId, decide, { teamOptions: { eventIdsRemembered: 0 } })),
      ).toEqual(["limit_exceeded", ["options", "teamOptions", "eventIdsRemembered"]]);
      expect(refusal(await withTeam(db.driver, teamId, "no" as never))).toEqual([
        "invalid_input",
        ["decide"],
      ]);
      expect(refusal(await withTeam(db.driver, teamId, () => "no" as never))).toEqual([
        "invalid_input",
        ["events"],
      ]);
      expect(
        refusal(await withTeam(db.driver, teamId, () => new Array(1001).fill(usage("r", "ana")))),
      ).toEqual(["invalid_input", ["events"]]);
      expect(
        refusal(
          await withTeam(db.driver, teamId, () => [...setup, { ...usage("r", "ana"), resource: "nope" }]),
        ),
      ).toEqual(["unknown_resource", ["events", 3, "resource"]]);
      await expect(
        withTeam(db.driver, teamId, () => {
          throw new Error("decide failed");
        }),
      ).rejects.toThrow("decide failed");
      expect(await db.sql("select 1 from token_plan_teams where team_id = $1", [teamId])).toEqual([]);
      const empty = must(await withTeam(db.driver, teamId, () => []));
      expect([empty.saved, empty.version, empty.results]).toEqual([false, 0, []]);
    });

    it("readTeamJournal refuses bad arguments", async () => {
      expect(refusal(await readTeamJournal(db.driver, ""))).toEqual(["invalid_input", ["teamId"]]);
      expect(refusal(await readTeamJournal(db.driver, "t", null as never))).toEqual([
        "invalid_input",
        ["options"],
      ]);
      for (const afterVersion of [-1, 1.5, "1"]) {
        expect(refusal(await readTeamJournal(db.driver, "t", { afterVersion } as never))).toEqual([
          "invalid_input",
          ["options", "afterVersion"],
        ]);
      }
      for (const limit of [0, 10_001, "5"]) {
        expect(refusal(await readTeamJournal(db.driver, "t", { limit } as never))).toEqual([
          "invalid_input",
          ["options", "limit"],
        ]);
      }
      expect(
        refusal(
          await readTeamJournal(
            faulty(db.driver, () => "before"),
            "t",
          ),
        )[0],
      ).toBe("store_unavailable");
    });

    it("a row edited by hand is refused at its column", async () => {
      const teamId = nextTeam();
      must(await withTeam(db.driver, teamId, () => setup));
      await db.sql("update token_plan_teams set version = 7 where team_id = $1", [teamId]);
      const version = await withTeam(db.driver, teamId, () => []);
      expect(refusal(version)).toEqual(["invalid_state", ["version"]]);
      await db.sql("update token_plan_teams set version = 3, state = '{' where team_id = $1", [teamId]);
      expect(refusal(await withTeam(db.driver, teamId, () => []))).toEqual(["invalid_state", ["state"]]);
    });

    it("a journal row edited by hand is refused at its column", async () => {
      const edits: readonly [string, string, string][] = [
        ["event_id", "event_id = ''", ""],
        ["fingerprint", "fingerprint = ''", "seat-1"],
        ["event", `event = '{"id":"other"}'`, "seat-1"],
        ["outcome", "outcome = '[]'", "seat-1"],
        ["entries", "entries = 'not json'", "seat-1"],
      ];
      for (const [column, set, id] of edits) {
        const teamId = nextTeam();
        must(await withTeam(db.driver, teamId, () => setup));
        await db.sql(`update token_plan_team_events set ${set} where team_id = $1 and event_id = 'seat-1'`, [
          teamId,
        ]);
        expect(refusal(await readTeamJournal(db.driver, teamId))).toEqual([
          "invalid_state",
          ["journal", id, column],
        ]);
      }
      // A broken row met while answering a retry refuses the retry.
      const teamId = nextTeam();
      must(await withTeam(db.driver, teamId, () => [...setup, ...twelve]));
      await db.sql(
        "update token_plan_team_events set outcome = 'x' where team_id = $1 and event_id = 'pool-5'",
        [teamId],
      );
      expect(refusal(await withTeam(db.driver, teamId, () => [setup[2] as TeamEvent]))).toEqual([
        "invalid_state",
        ["journal", "pool-5", "outcome"],
      ]);
      // A team row restored from an older backup is behind its own journal: the save is refused.
      await db.sql(
        `insert into token_plan_team_events (team_id, event_id, version, fingerprint, event, outcome, entries)
         values ($1, 'from-the-future', 16, 'f', '{"id":"from-the-future"}', '{"type":"member"}', '[]')`,
        [teamId],
      );
      expect(refusal(await withTeam(db.driver, teamId, () => [usage("r", "ana")]))).toEqual([
        "invalid_state",
        ["version"],
      ]);
    });

    it("a database that fails: store_unavailable, and nothing half-written", async () => {
      const teamId = nextTeam();
      must(await withTeam(db.driver, teamId, () => setup));
      const at = (pick: (sql: string) => boolean, when: "before" | "after") =>
        faulty(db.driver, (sql) => (pick(sql) ? when : null));
      for (const driver of [at(isLoad, "before"), at(isSave, "before")]) {
        const r = await withTeam(driver, teamId, () => [usage("r1", "ana")]);
        expect(refusal(r)[0]).toBe("store_unavailable");
      }
      expect(must(await readTeamJournal(db.driver, teamId)).events.length).toBe(3);
      // The journal lookup of an old retry fails: refused, nothing written.
      const lookup = await withTeam(at(isFind, "before"), teamId, () => [{ ...(setup[0] as TeamEvent) }]);
      expect(refusal(lookup)[0]).toBe("store_unavailable");
      // A reply lost after the commit: the save happened; the retry is a duplicate with the first receipt.
      const lost = await withTeam(at(isSave, "after"), teamId, () => [usage("r2", "ana")]);
      expect(refusal(lost)[0]).toBe("store_unavailable");
      const retried = must(await withTeam(db.driver, teamId, () => [usage("r2", "ana")]));
      expect([retried.saved, retried.version, retried.results[0]?.duplicate]).toEqual([false, 4, true]);
      expect((retried.results[0] as { outcome: TeamUsageReceipt }).outcome.quota.units).toBe("1.2");
    });

    it("a race lost every time gives up with retries_exhausted, after backing off", async () => {
      const teamId = nextTeam();
      must(await withTeam(db.driver, teamId, () => setup));
      // Every save loses: another writer always moved the row first (the statement finds no row at the version).
      const losing: SqlDriver = {
        query: (sql, params) =>
          isSave(sql)
            ? Promise.resolve({ rows: [{ saved: 0, journaled: 0 }] })
            : db.driver.query(sql, params),
      };
      const delays: number[] = [];
      const r = await withTeam(losing, teamId, () => [usage("r", "ana")], {
        attemptsMax: 3,
        retryDelayMs: (attempt) => {
          delays.push(attempt);
          return 0;
        },
      });
      expect(refusal(r)).toEqual(["retries_exhausted", []]);
      expect(!r.ok && r.error.params).toEqual({ teamId, attempts: 3 });
      expect(delays).toEqual([1, 2]);
      // The default backoff waits a little and still gives up.
      const backedOff = await withTeam(losing, teamId, () => [usage("r", "ana")], { attemptsMax: 3 });
      expect(refusal(backedOff)[0]).toBe("retries_exhausted");
    });

    it("two writers creating one team: one inserts, the other loses the race and retries", async () => {
      const teamId = nextTeam();
      const [a, b] = await Promise.all([
        withTeam(db.driver, teamId, () => [setup[0] as TeamEvent]),
        withTeam(db.driver, teamId, () => [setup[2] as TeamEvent]),
      ]);
      expect([must(a).ok, must(b).ok]).toEqual([true, true]);
      expect(must(await withTeam(db.driver, teamId, () => [])).version).toBe(2);
    });
  });
});
