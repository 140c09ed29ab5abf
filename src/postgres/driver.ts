/**
 * The one thing the store asks of a database client: run one SQL statement with
 * positional parameters (`$1`, `$2`, …) and hand back its rows. Every change the store
 * makes is a single statement (a data-modifying `WITH`), so atomicity never depends on
 * how a client does transactions: a pool, one connection, a pooler in transaction mode
 * or an HTTP driver all give the same guarantees. The store holds no connection of its
 * own; the app owns the client and its lifetime.
 */

/**
 * One row of a result: column name → value. Drivers differ in how they return a
 * `bigint` column (`pg` as a string, PGlite as a number); the store reads both.
 *
 * @example
 * const row: SqlRow = { version: "42", state: "{…}" };
 */
export type SqlRow = Readonly<Record<string, unknown>>;

/**
 * What a statement returns.
 *
 * @example
 * const result: SqlResult = { rows: [{ version: 1 }] };
 */
export interface SqlResult {
  readonly rows: readonly SqlRow[];
}

/**
 * A database client as the store sees it: one method. It may throw (a lost connection,
 * a server error): the store turns that into a typed `store_unavailable` error, and
 * since each change is one statement, the server has either applied all of it or none.
 *
 * @example
 * const driver: SqlDriver = { query: (sql, params) => myClient.run(sql, params) };
 */
export interface SqlDriver {
  query(sql: string, params: readonly unknown[]): Promise<SqlResult>;
}

/**
 * The part of a PGlite instance (`@electric-sql/pglite`) the driver uses: its `query`.
 * Typed structurally, so `token-plan/postgres` never imports PGlite.
 *
 * @example
 * const db: PGliteLike = new PGlite();
 */
export interface PGliteLike {
  query(sql: string, params?: unknown[]): Promise<{ readonly rows: readonly unknown[] }>;
}

/**
 * The part of a `pg` Pool or Client the driver uses: `query(text, values)`. A Pool runs
 * each statement on any free connection, which is all the store needs. Typed
 * structurally, so `token-plan/postgres` never imports `pg`.
 *
 * @example
 * const pool: PgQueryable = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ readonly rows: readonly unknown[] }>;
}

/**
 * A driver over PGlite, the embedded Postgres (in memory, a folder, or IndexedDB).
 *
 * @example
 * import { PGlite } from "@electric-sql/pglite";
 * const driver = pgliteDriver(new PGlite());
 * await migrate(driver);
 */
export function pgliteDriver(db: PGliteLike): SqlDriver {
  return {
    query: async (sql, params) => {
      const result = await db.query(sql, [...params]);
      return { rows: result.rows as readonly SqlRow[] };
    },
  };
}

/**
 * A driver over `pg` (node-postgres): a `Pool` (the usual choice: one per process, many
 * connections) or a connected `Client`. The app creates, connects and ends it.
 *
 * @example
 * import pg from "pg";
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const driver = pgDriver(pool);
 */
export function pgDriver(client: PgQueryable): SqlDriver {
  return {
    query: async (sql, params) => {
      const result = await client.query(sql, [...params]);
      return { rows: result.rows as readonly SqlRow[] };
    },
  };
}
