/**
 * The databases the store suite runs on: PGlite always (embedded, in memory), and a real
 * Postgres server when `TOKEN_PLAN_PG_URL` names one (CI starts one; see .ci/run). Each
 * server database is a fresh throwaway one, so test files never share tables.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { migrate, pgDriver, pgliteDriver, type SqlDriver } from "../../src/postgres";

/** The server's connection string, or undefined when no server is configured. */
export const serverUrl: string | undefined = process.env.TOKEN_PLAN_PG_URL || undefined;

/** Says once per file, visibly, that the server half is skipped. */
export function noteServerSkip(file: string): void {
  if (serverUrl === undefined) {
    console.log(
      `[token-plan/postgres] ${file}: TOKEN_PLAN_PG_URL is not set; the Postgres server half is skipped.`,
    );
  }
}

/** A migrated database and the means to look at it directly, around one driver. */
export interface TestDatabase {
  readonly name: "pglite" | "server";
  readonly driver: SqlDriver;
  /** Raw SQL, bypassing the store (to edit rows by hand, count them, add a trigger). */
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** A connection string for other processes (server only). */
  readonly url: string | null;
  close(): Promise<void>;
}

/**
 * In the Postgres mutation runs only (`TOKEN_PLAN_REUSE_PGLITE=1`, set by
 * test/mutation/vitest.config.mjs, which also runs every file in one worker), a closed
 * PGlite is kept for the next test file instead of being shut: starting one takes 1 to 10 s
 * on a loaded machine, and Stryker runs the test files again for every mutant. The next file
 * gets it with its schema dropped and made again: the same empty, migrated database.
 */
const reuse = process.env.TOKEN_PLAN_REUSE_PGLITE === "1";
/** PGlite's version, from the package.json above the entry Node resolves (its exports hide the file). */
const pgliteVersion: string = JSON.parse(
  readFileSync(
    path.join(createRequire(import.meta.url).resolve("@electric-sql/pglite"), "../../package.json"),
    "utf8",
  ),
).version;
const shared = globalThis as { tokenPlanSparePglites?: PGlite[] };
shared.tokenPlanSparePglites ??= [];
const spares: PGlite[] = shared.tokenPlanSparePglites;

async function freshPglite(): Promise<PGlite> {
  if (!reuse) return PGlite.create();
  const spare = spares.pop();
  if (spare === undefined) return pgliteFromDump();
  // A test stopped half-way (a mutant) may have left a transaction open.
  await spare.exec("rollback; drop schema public cascade; create schema public;");
  return spare;
}

/**
 * A new, empty PGlite read from a dump (mutation runs only). Stryker runs each mutant in a
 * new worker, so the spares above last one run; a dump on disk of a just-started PGlite,
 * made by the first worker, skips `initdb`, most of PGlite's start. It holds no tables, so
 * the store's own `migrate` (and any mutant in it) still runs on every database.
 */
async function pgliteFromDump(): Promise<PGlite> {
  const file = path.join(tmpdir(), `token-plan-mutation-pglite-${pgliteVersion}.tar.gz`);
  if (existsSync(file)) return PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
  const db = await PGlite.create();
  const dump = Buffer.from(await (await db.dumpDataDir("gzip")).arrayBuffer());
  const partial = `${file}.${process.pid}.${threadId}`;
  writeFileSync(partial, dump);
  renameSync(partial, file);
  return db;
}

/** A fresh in-memory PGlite with the store's tables. */
export async function pgliteDatabase(): Promise<TestDatabase> {
  const db = await freshPglite();
  const driver = pgliteDriver(db);
  const migrated = await migrate(driver);
  if (!migrated.ok) throw new Error(migrated.error.message);
  return {
    name: "pglite",
    driver,
    sql: async (text, params = []) => (await db.query<Record<string, unknown>>(text, params)).rows,
    url: null,
    close: async () => {
      if (reuse) spares.push(db);
      else await db.close();
    },
  };
}

/** A fresh throwaway database on the server with the store's tables, and a pool of `connections`. */
export async function serverDatabase(connections = 10): Promise<TestDatabase> {
  if (serverUrl === undefined) throw new Error("no TOKEN_PLAN_PG_URL");
  const name = `tp_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: connections });
  // pool.end() resolves before its idle clients' sockets close; dropping the database then
  // kills them (FATAL 57P01) and the pool re-emits that as an 'error' event, which, unheard,
  // fails the run. Only idle clients' errors come this way; a query's error still reaches its caller.
  pool.on("error", () => undefined);
  const driver = pgDriver(pool);
  const migrated = await migrate(driver);
  if (!migrated.ok) throw new Error(migrated.error.message);
  return {
    name: "server",
    driver,
    sql: async (text, params = []) => (await pool.query(text, params)).rows as Record<string, unknown>[],
    url: url.toString(),
    close: async () => {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      // pool.end() resolves before the server has seen every connection close; a forced drop
      // would then kill a closing client, whose FATAL reaches no listener (an unhandled error).
      for (let i = 0; i < 100; i++) {
        const open = await cleanup.query(
          "select count(*)::int as n from pg_stat_activity where datname = $1",
          [name],
        );
        if ((open.rows[0] as { n: number }).n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** The databases available here, as `describe.each` rows: PGlite, then the server when configured. */
export const databaseKinds: readonly { readonly kind: "pglite" | "server"; readonly skip: boolean }[] = [
  { kind: "pglite", skip: false },
  { kind: "server", skip: serverUrl === undefined },
];

export function openDatabase(kind: "pglite" | "server"): Promise<TestDatabase> {
  return kind === "pglite" ? pgliteDatabase() : serverDatabase();
}

export { must, replay, textOf, usageAt } from "./helpers";
