/**
 * A team of 50 members sending usages concurrently, each request its own load → decide →
 * compare-and-swap save (and, again, through five team writers, as five gateway processes
 * would): on PGlite always (interleaved requests on one embedded database), and on a
 * Postgres server from separate pooled connections when TOKEN_PLAN_PG_URL is set.
 * Nothing is lost or counted twice, the pool never goes below zero, and every retry is
 * answered from the journal with its first receipt (the row remembers only 8 ids).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberUsage, poolBalance, seatUsage, type TeamEvent, type TeamUsageReceipt } from "../../src";
import {
  createTeamWriter,
  migrateTeams,
  readTeamJournal,
  type TeamSaved,
  withTeam,
} from "../../src/postgres";
import { sumAtoms, toAtoms } from "../support/amounts";
import {
  databaseKinds,
  must,
  noteServerSkip,
  openDatabase,
  serverDatabase,
  type TestDatabase,
} from "./support";

noteServerSkip("teams.test.ts");

const members = Array.from({ length: 50 }, (_, i) => `m${String(i).padStart(2, "0")}`);
const seated = members.slice(0, 10);
const at = "2026-06-04T10:10:00Z";
const setup: TeamEvent[] = [
  { type: "purchase-pool-credits", id: "pool", at: "2026-06-01T00:00:00Z", credits: "25000" },
  ...seated.flatMap((m): TeamEvent[] => [
    { type: "buy-seat", id: `buy-${m}`, at: "2026-06-01T00:00:00Z", seatId: `seat-${m}`, tier: "plus" },
    { type: "assign-seat", id: `give-${m}`, at: "2026-06-01T00:00:00Z", seatId: `seat-${m}`, memberId: m },
  ]),
  ...members.slice(10).map(
    (m): TeamEvent => ({
      type: "set-member-credits",
      id: `on-${m}`,
      at: "2026-06-01T00:00:00Z",
      memberId: m,
      access: true,
    }),
  ),
];
/** Three usages per member, each 2M M3 output tokens = 2.4 units = 2,400 credits: 360,000 demanded, 25,000 in the pool. */
const usages: TeamEvent[] = members.flatMap((m) =>
  [1, 2, 3].map(
    (n): TeamEvent => ({
      type: "usage",
      id: `${m}-${n}`,
      at,
      memberId: m,
      resource: "MiniMax-M3",
      measures: { outputTokens: 2_000_000 },
    }),
  ),
);

describe.each(databaseKinds)("a team of 50 members writing at once ($kind)", ({ kind, skip }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    if (skip) return;
    db = kind === "pglite" ? await openDatabase("pglite") : await serverDatabase(50);
    must(await migrateTeams(db.driver));
    must(await withTeam(db.driver, "team-1", () => setup));
    must(await withTeam(db.driver, "team-2", () => setup));
  }, 60_000);
  afterAll(async () => {
    if (!skip) await db.close();
  });

  /** Checks one team after its 150 usages: what the receipts say is what the team holds. */
  async function checkTeam(teamId: string, sent: readonly Awaited<ReturnType<typeof withTeam>>[]) {
    const receipts: TeamUsageReceipt[] = sent.map((r) => {
      const saved = must(r);
      const outcome = saved.results[0]?.outcome;
      if (outcome?.type !== "member-usage") throw new Error("no receipt");
      return outcome;
    });
    // Every request retried until its save won once: the version counts each usage exactly once.
    const again = must(await withTeam(db.driver, teamId, () => []));
    expect(again.version).toBe(setup.length + usages.length);
    const journal = must(await readTeamJournal(db.driver, teamId));
    expect(journal.events.map((e) => e.version)).toEqual(
      Array.from({ length: again.version }, (_, i) => i + 1),
    );
    const team = again.team;

    // The pool: 25,000 bought = what is left + what receipts say was drawn; never below zero.
    const drawn = sumAtoms(receipts.map((r) => r.pool.debited));
    const pool = must(poolBalance(team, at)).value;
    expect(toAtoms(pool.total) + drawn).toBe(toAtoms("25000"));
    // far more demanded than the pool holds: the pool is drawn to exactly zero, not below.
    expect(pool.total).toBe("0");
    // Each credit of value went to exactly one payer: quota, pool or arrears.
    for (const r of receipts) {
      expect(toAtoms(r.quota.credits) + toAtoms(r.pool.debited) + toAtoms(r.arrearsCredits)).toBe(
        toAtoms(r.valueCredits),
      );
    }
    expect(toAtoms(team.arrearsCredits)).toBe(sumAtoms(receipts.map((r) => r.arrearsCredits)));
    for (const m of members) {
      const bars = must(memberUsage(team, m, at)).value;
      const mine = receipts.filter((r) => r.memberId === m);
      expect(mine.length).toBe(3);
      expect(toAtoms(bars.arrearsCredits)).toBe(sumAtoms(mine.map((r) => r.arrearsCredits)));
    }
    // Each seat's 5-hour window holds what its holder's receipts took from quota, no more.
    for (const m of seated) {
      const seat = must(seatUsage(team, `seat-${m}`, at)).value;
      const used = seat.quota.buckets[0]?.windows.find((w) => w.window === "5h")?.used;
      const taken = sumAtoms(receipts.filter((r) => r.memberId === m).map((r) => r.quota.units));
      // 3 × 2.4 = 7.2 units wanted, 6.596 fit: the window is full, and the receipts say the same.
      expect(used).toBe("6.596");
      expect(taken).toBe(toAtoms("6.596"));
    }

    // Retried, every usage is a duplicate with its first receipt (from the journal: the row
    // remembers only the last 8 ids), and nothing is saved.
    const retried = await Promise.all(usages.map((event) => withTeam(db.driver, teamId, () => [event])));
    for (let i = 0; i < retried.length; i++) {
      const r = must(retried[i] as TeamSaved);
      expect([r.saved, r.results[0]?.duplicate]).toEqual([false, true]);
      expect(r.results[0]?.outcome).toEqual(receipts[i]);
    }
    const after = must(await withTeam(db.driver, teamId, () => []));
    expect(after.version).toBe(again.version);
  }

  it.skipIf(skip)(
    "each request its own withTeam: nothing is lost or counted twice, and the pool never goes below zero",
    { timeout: 400_000 },
    async () => {
      const sent = await Promise.all(
        usages.map((event) => withTeam(db.driver, "team-1", () => [event], { attemptsMax: 1000 })),
      );
      await checkTeam("team-1", sent);
    },
  );

  it.skipIf(skip)(
    "through five team writers (five processes, ten members each): the same, with fewer saves",
    { timeout: 400_000 },
    async () => {
      const writers = Array.from(
        { length: 5 },
        () => must(createTeamWriter(db.driver, { attemptsMax: 1000 })).writer,
      );
      const sent = await Promise.all(
        usages.map((event, i) =>
          (writers[Math.floor(i / 3) % 5] as (typeof writers)[number]).withTeam("team-2", () => [event]),
        ),
      );
      await checkTeam("team-2", sent);
    },
  );
});
