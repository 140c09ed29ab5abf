/**
 * A TeamWriter: a process's requests on one team fly together (one load, each request
 * decided on the team the ones before it left, one compare-and-swap save). One request's
 * refusal leaves the rest of its flight alone; a duplicate inside a flight is answered
 * once; writers in separate "processes" still race safely through the row's version.
 * Prices: M3 output $1.2 per million tokens = 1,200 credits; the usd-5 package is 5,000.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamEvent, TeamUsageReceipt } from "../../src";
import {
  createTeamWriter,
  migrateTeams,
  readTeamJournal,
  type SqlDriver,
  withTeam,
} from "../../src/postgres";
import { sumAtoms, toAtoms } from "../support/amounts";
import { databaseKinds, must, noteServerSkip, openDatabase, type TestDatabase } from "./support";

noteServerSkip("teams-writer.test.ts");

const june1 = "2026-06-01T08:00:00Z";
const at = "2026-06-04T10:00:00Z";
const members = Array.from({ length: 10 }, (_, i) => `m${i}`);
const setup: TeamEvent[] = [
  { type: "purchase-pool-credits", id: "pool-5", at: june1, package: "usd-5" },
  ...members.map(
    (m): TeamEvent => ({ type: "set-member-credits", id: `on-${m}`, at: june1, memberId: m, access: true }),
  ),
];
const usage = (id: string, memberId: string, outputTokens = 1_000_000): TeamEvent => ({
  type: "usage",
  id,
  at,
  memberId,
  resource: "MiniMax-M3",
  measures: { outputTokens },
});

function refusal(r: { ok: boolean; error?: { code: string; path: readonly (string | number)[] } }) {
  if (r.ok || r.error === undefined) throw new Error("expected a refusal");
  return [r.error.code, r.error.path];
}
const receiptOf = (r: Awaited<ReturnType<typeof withTeam>>): TeamUsageReceipt => {
  const outcome = must(r).results[0]?.outcome;
  if (outcome?.type !== "member-usage") throw new Error("no receipt");
  return outcome;
};

describe("createTeamWriter refuses bad arguments", () => {
  const driver: SqlDriver = { query: async () => ({ rows: [] }) };
  it("a driver that is not one, bad options, a bad flight size", () => {
    expect(refusal(createTeamWriter(null as never))).toEqual(["invalid_input", ["driver"]]);
    expect(refusal(createTeamWriter({} as never))).toEqual(["invalid_input", ["driver"]]);
    expect(refusal(createTeamWriter(driver, { attemptsMax: 0 }))).toEqual([
      "invalid_input",
      ["options", "attemptsMax"],
    ]);
    for (const requestsPerFlightMax of [0, 1001, 2.5]) {
      expect(refusal(createTeamWriter(driver, { requestsPerFlightMax }))).toEqual([
        "invalid_input",
        ["options", "requestsPerFlightMax"],
      ]);
    }
  });

  it("a bad team id or decide, per request", async () => {
    const { writer } = must(createTeamWriter(driver));
    expect(refusal(await writer.withTeam("", () => []))).toEqual(["invalid_input", ["teamId"]]);
    expect(refusal(await writer.withTeam("t", null as never))).toEqual(["invalid_input", ["decide"]]);
  });
});

describe.each(databaseKinds)("a team writer on $kind", ({ kind, skip }) => {
  describe.skipIf(skip)(kind, () => {
    let db: TestDatabase;
    let n = 0;
    const nextTeam = () => `writer-team-${++n}`;
    beforeAll(async () => {
      db = await openDatabase(kind);
      must(await migrateTeams(db.driver));
    }, 60_000);
    afterAll(() => db?.close());

    it("requests sent at once fly together: fewer saves than requests, each decided after the one before", async () => {
      const teamId = nextTeam();
      const { writer } = must(createTeamWriter(db.driver));
      must(await writer.withTeam(teamId, () => setup));
      // 10 members × 1 usage of 1,200 credits, 12,000 wanted of a 5,000 pool: 4 are paid in full,
      // the 5th gets 200, the rest nothing: decided one after another, as if in series.
      const sent = await Promise.all(members.map((m) => writer.withTeam(teamId, () => [usage(`${m}-1`, m)])));
      const receipts = sent.map(receiptOf);
      expect(receipts.map((r) => r.pool.debited)).toEqual([
        "1200",
        "1200",
        "1200",
        "1200",
        "200",
        "0",
        "0",
        "0",
        "0",
        "0",
      ]);
      expect(sent.every((r) => must(r).attempts === 1 && must(r).saved)).toBe(true);
      const versions = new Set(sent.map((r) => must(r).version));
      expect(versions.size).toBeLessThan(members.length);
      const last = must(await withTeam(db.driver, teamId, () => []));
      expect(last.version).toBe(setup.length + members.length);
      const journal = must(await readTeamJournal(db.driver, teamId));
      expect(journal.events.map((e) => e.version)).toEqual(
        Array.from({ length: last.version }, (_, i) => i + 1),
      );
      expect(sumAtoms(receipts.map((r) => r.pool.debited))).toBe(toAtoms("5000"));
    });

    it("one refused request, one whose decide throws: the others of the flight are saved", async () => {
      const teamId = nextTeam();
      const { writer } = must(createTeamWriter(db.driver));
      must(await writer.withTeam(teamId, () => setup));
      const [good, bad, thrown, second] = await Promise.allSettled([
        writer.withTeam(teamId, () => [usage("a", "m0")]),
        writer.withTeam(teamId, () => [{ ...usage("b", "m1"), resource: "nope" } as TeamEvent]),
        writer.withTeam(teamId, () => {
          throw new Error("decide failed");
        }),
        writer.withTeam(teamId, () => [usage("c", "m2")]),
      ]);
      expect(good.status === "fulfilled" && must(good.value).saved).toBe(true);
      expect(bad.status === "fulfilled" && refusal(bad.value)).toEqual([
        "unknown_resource",
        ["events", 0, "resource"],
      ]);
      expect(thrown.status === "rejected" && (thrown.reason as Error).message).toBe("decide failed");
      expect(second.status === "fulfilled" && must(second.value).version).toBe(setup.length + 2);
    });

    it("the same event twice in one flight is applied once; a retry answers its first receipt", async () => {
      const teamId = nextTeam();
      const { writer } = must(createTeamWriter(db.driver));
      must(await writer.withTeam(teamId, () => setup));
      const event = usage("once", "m0");
      // The first request flies alone; the three sent meanwhile fly together after it.
      const [a, b, twice, nothing] = await Promise.all([
        writer.withTeam(teamId, () => [usage("first", "m1")]),
        writer.withTeam(teamId, () => [event]),
        writer.withTeam(teamId, () => [event]),
        writer.withTeam(teamId, () => []),
      ]);
      expect([must(a).saved, must(b).saved, must(twice).saved, must(nothing).saved]).toEqual([
        true,
        true,
        false,
        false,
      ]);
      expect([must(b).version, must(twice).version, must(nothing).version]).toEqual([13, 13, 13]);
      expect(must(twice).results[0]?.duplicate).toBe(true);
      expect(receiptOf(twice)).toEqual(receiptOf(b));
      const later = await writer.withTeam(teamId, () => [event]);
      expect([must(later).saved, must(later).results[0]?.duplicate, receiptOf(later)]).toEqual([
        false,
        true,
        receiptOf(b),
      ]);
      expect(must(await withTeam(db.driver, teamId, () => [])).version).toBe(setup.length + 2);
    });

    it("a flight of one request at a time still saves every request", async () => {
      const teamId = nextTeam();
      const { writer } = must(createTeamWriter(db.driver, { requestsPerFlightMax: 1 }));
      must(await writer.withTeam(teamId, () => setup));
      const sent = await Promise.all(
        members.map((m) => writer.withTeam(teamId, () => [usage(`${m}-1`, m, 1_000)])),
      );
      expect(new Set(sent.map((r) => must(r).version)).size).toBe(members.length);
    });

    it("five writers (five processes) race for the row: nothing is lost or counted twice", async () => {
      const teamId = nextTeam();
      const writers = Array.from(
        { length: 5 },
        () => must(createTeamWriter(db.driver, { attemptsMax: 200 })).writer,
      );
      must(await withTeam(db.driver, teamId, () => setup));
      const sent = await Promise.all(
        members.flatMap((m, i) =>
          [1, 2, 3].map((k) =>
            (writers[i % 5] as (typeof writers)[number]).withTeam(teamId, () => [usage(`${m}-${k}`, m)]),
          ),
        ),
      );
      const receipts = sent.map(receiptOf);
      expect(sumAtoms(receipts.map((r) => r.pool.debited))).toBe(toAtoms("5000"));
      expect(sumAtoms(receipts.map((r) => r.arrearsCredits))).toBe(toAtoms("31000")); // 36,000 − 5,000
      const team = must(await withTeam(db.driver, teamId, () => [])).team;
      expect([team.version, team.arrearsCredits, team.pool]).toEqual([setup.length + 30, "31000", []]);
    });

    it("a database that fails fails every request of the flight; the next flight is served", async () => {
      const teamId = nextTeam();
      let failing = true;
      const driver: SqlDriver = {
        query: (sql, params) =>
          failing && sql.startsWith("with saved")
            ? Promise.reject(Object.assign(new Error("connection refused"), { code: "08006" }))
            : db.driver.query(sql, params),
      };
      const { writer } = must(createTeamWriter(driver));
      const sent = await Promise.all([
        writer.withTeam(teamId, () => setup),
        writer.withTeam(teamId, () => [usage("a", "m0")]),
      ]);
      expect(sent.map((r) => refusal(r)[0])).toEqual(["store_unavailable", "store_unavailable"]);
      failing = false;
      expect(must(await writer.withTeam(teamId, () => setup)).version).toBe(setup.length);
    });

    it("a driver that breaks its contract rejects the requests of its flight, and the writer goes on", async () => {
      const teamId = nextTeam();
      let broken = true;
      const driver: SqlDriver = {
        query: (sql, params) => (broken ? Promise.resolve({} as never) : db.driver.query(sql, params)),
      };
      const { writer } = must(createTeamWriter(driver));
      const sent = await Promise.allSettled([writer.withTeam(teamId, () => setup)]);
      expect(sent[0]?.status).toBe("rejected");
      broken = false;
      expect(must(await writer.withTeam(teamId, () => setup)).saved).toBe(true);
    });
  });
});
