/**
 * A team of 50 members at one request a second each (50 requests a second on one team
 * row), for `seconds`, three ways: each request its own `withTeam` (load the row, apply
 * one usage, save with compare-and-swap and its journal row, retry on a lost race); one
 * `TeamWriter` (one gateway instance: requests that arrive during a flight fly together);
 * and five writers (five instances, ten members each, racing one another for the row).
 * Reports the median and p95 request cost, the compare-and-swap retry rate and the row's
 * size, on PGlite, and on a Postgres server when TOKEN_PLAN_PG_URL is set.
 * Run alone: `npx tsx bench/teams.ts` (TEAM_BENCH_SECONDS, default 10).
 */
import { loadavg } from "node:os";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { serializeTeam, type TeamEvent, type TeamState } from "../src";
import {
  createTeamWriter,
  migrateTeams,
  pgDriver,
  pgliteDriver,
  type SqlDriver,
  type TeamWriter,
  withTeam,
} from "../src/postgres";

export interface TeamBenchRow {
  readonly database: "pglite" | "server";
  /** "withTeam": a call per request; "writer ×n": n team writers (gateway instances). */
  readonly how: string;
  readonly requests: number;
  readonly medianRequestMs: number;
  readonly p95RequestMs: number;
  /** Lost compare-and-swap races per request (attempts − 1, averaged). */
  readonly retryRate: number;
  /** Requests that lost 100 races in a row (retries_exhausted). */
  readonly exhausted: number;
  readonly rowBytes: number;
}

const members = Array.from({ length: 50 }, (_, i) => `m${i}`);
const setup: TeamEvent[] = [
  { type: "purchase-pool-credits", id: "pool", at: "2026-06-01T00:00:00Z", package: "usd-100" },
  ...members.flatMap((m): TeamEvent[] => [
    { type: "buy-seat", id: `buy-${m}`, at: "2026-06-01T00:00:00Z", seatId: `seat-${m}`, tier: "max" },
    { type: "assign-seat", id: `give-${m}`, at: "2026-06-01T00:00:00Z", seatId: `seat-${m}`, memberId: m },
  ]),
];

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function run(
  database: TeamBenchRow["database"],
  driver: SqlDriver,
  seconds: number,
  writerCount: number,
): Promise<TeamBenchRow> {
  const migrated = await migrateTeams(driver);
  if (!migrated.ok) throw new Error(migrated.error.message);
  const teamId = `bench-${Date.now()}-${writerCount}`;
  const writers: TeamWriter[] = Array.from({ length: writerCount }, () => {
    const created = createTeamWriter(driver, { attemptsMax: 100 });
    if (!created.ok) throw new Error(created.error.message);
    return created.writer;
  });
  const created = await withTeam(driver, teamId, () => setup);
  if (!created.ok) throw new Error(created.error.message);
  const costs: number[] = [];
  let retries = 0;
  let exhausted = 0;
  const pending: Promise<void>[] = [];
  const total = members.length * seconds;
  const intervalMs = 1000 / members.length;
  const began = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = began + i * intervalMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const member = members[i % members.length] as string;
    // Instants advance with the request number, 20 ms apart, as the arrivals do.
    const at = Date.parse("2026-06-04T10:00:00Z") + i * intervalMs;
    const event: TeamEvent = {
      type: "usage",
      id: `r${i}`,
      at: Math.round(at),
      memberId: member,
      resource: "MiniMax-M3",
      measures: { outputTokens: 20_000 },
    };
    const t0 = performance.now();
    // A later request may have moved the clock past this one's instant: use the team's clock then.
    const decide = (team: TeamState) => {
      const clock = team.clockMs ?? 0;
      return [clock > (event.at as number) ? { ...event, at: clock } : event];
    };
    const writer = writers[(i % members.length) % Math.max(1, writerCount)];
    pending.push(
      (writer === undefined
        ? withTeam(driver, teamId, decide, { attemptsMax: 100 })
        : writer.withTeam(teamId, decide)
      ).then((r) => {
        costs.push(performance.now() - t0);
        if (!r.ok) {
          if (r.error.code !== "retries_exhausted") throw new Error(r.error.message);
          exhausted++;
          retries += 99;
          return;
        }
        retries += r.attempts - 1;
      }),
    );
  }
  await Promise.all(pending);
  const last = await withTeam(driver, teamId, () => []);
  if (!last.ok) throw new Error(last.error.message);
  const text = serializeTeam(last.team);
  costs.sort((a, b) => a - b);
  return {
    database,
    how: writerCount === 0 ? "withTeam" : `writer ×${writerCount}`,
    requests: costs.length,
    medianRequestMs: Number(quantile(costs, 0.5).toFixed(2)),
    p95RequestMs: Number(quantile(costs, 0.95).toFixed(2)),
    retryRate: Number((retries / costs.length).toFixed(3)),
    exhausted,
    rowBytes: text.ok ? text.value.length : 0,
  };
}

/** Prints a row as soon as it is measured (a saturated row can take minutes), with the load average. */
function logged(row: TeamBenchRow): TeamBenchRow {
  console.log(`[bench/teams] ${JSON.stringify(row)} load ${loadavg()[0]?.toFixed(2)}`);
  return row;
}

/** A call per request, one writer, five writers (TEAM_BENCH_WRITERS="0,1,5" picks). */
const writerCounts = (process.env.TEAM_BENCH_WRITERS ?? "0,1,5").split(",").map(Number);

/** Runs the team bench on PGlite, and on the server when TOKEN_PLAN_PG_URL is set. */
export async function benchTeams(seconds = 10): Promise<readonly TeamBenchRow[]> {
  const rows: TeamBenchRow[] = [];
  const db = await PGlite.create();
  for (const writerCount of writerCounts)
    rows.push(logged(await run("pglite", pgliteDriver(db), seconds, writerCount)));
  await db.close();
  const url = process.env.TOKEN_PLAN_PG_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 50 });
    for (const writerCount of writerCounts)
      rows.push(logged(await run("server", pgDriver(pool), seconds, writerCount)));
    await pool.end();
  } else {
    console.log("[bench/teams] TOKEN_PLAN_PG_URL is not set: the Postgres server half is skipped.");
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchTeams(Number(process.env.TEAM_BENCH_SECONDS ?? 10)).then((rows) => console.table(rows));
}
