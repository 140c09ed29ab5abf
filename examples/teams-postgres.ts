/**
 * A team's ledger in Postgres (here PGlite, embedded): one row per team plus a journal of
 * its events. A gateway instance sends a busy team's requests through one writer, which flies
 * the requests that arrive together as one load and one compare-and-swap save; a retried
 * request id answers its first outcome from the journal. Run: npx tsx examples/teams-postgres.ts
 */
import { PGlite } from "@electric-sql/pglite";
import { poolBalance, type TeamEvent } from "token-plan";
import { createTeamWriter, migrateTeams, pgliteDriver } from "token-plan/postgres";

const db = await PGlite.create();
const driver = pgliteDriver(db);
const migrated = await migrateTeams(driver);
if (!migrated.ok) throw new Error(migrated.error.message);
const created = createTeamWriter(driver);
if (!created.ok) throw new Error(created.error.message);
const writer = created.writer;

// The owner buys a $25 pool and lets three members without seats draw it.
const members = ["ana", "ben", "cy"];
const setup: TeamEvent[] = [
  { type: "purchase-pool-credits", id: "pool-25", at: "2026-06-01T08:00:00Z", package: "usd-25" },
  ...members.map(
    (memberId): TeamEvent => ({
      type: "set-member-credits",
      id: `access-${memberId}`,
      at: "2026-06-01T08:00:00Z",
      memberId,
      access: true,
    }),
  ),
];
const opened = await writer.withTeam("acme", () => setup);
if (!opened.ok) throw new Error(opened.error.message);

// Three requests at once (1M output tokens = $1.20 = 1,200 credits each): one flight, one save.
const usage = (memberId: string): TeamEvent => ({
  type: "usage",
  id: `req-${memberId}`,
  at: "2026-06-01T09:00:00Z",
  memberId,
  resource: "MiniMax-M3",
  measures: { outputTokens: 1_000_000 },
});
const answers = await Promise.all(members.map((m) => writer.withTeam("acme", () => [usage(m)])));
for (const answer of answers) if (!answer.ok) throw new Error(answer.error.message);
const last = answers.at(-1);
const pool = last?.ok ? poolBalance(last.team, "2026-06-01T09:00:00Z") : null;
console.log("pool left:", pool?.ok && pool.value.total); // 25000 − 3 × 1200 = 21400

// A retry of ana's request: its first outcome, from the journal; nothing is written again.
const retry = await writer.withTeam("acme", () => [usage("ana")]);
console.log("retry:", retry.ok && [retry.results[0]?.duplicate, retry.saved]); // true, false
await db.close();
