/**
 * The store's two tables. A ledger is one row per account, its state stored as TEXT:
 * the exact canonical JSON `serializeLedger` wrote, so `parseLedger` takes its fast path
 * and a person can read it in a console (jsonb would reorder its keys). The journal is
 * append-only: one row per applied event with its content fingerprint, its first
 * receipt and its entries, keyed by (account, event id) so an id is recorded once, at
 * any age. Both tables partition by `account_id`.
 */
import type { LedgerError } from "token-plan";
import type { SqlDriver } from "./driver";
import { storeUnavailable } from "./failures";

const statements = [
  `create table if not exists token_plan_ledgers (
  account_id text primary key,
  version bigint not null check (version >= 1),
  state text not null,
  updated_at timestamptz not null default now()
)`,
  `create table if not exists token_plan_events (
  account_id text not null,
  event_id text not null,
  version bigint not null check (version >= 1),
  fingerprint text not null,
  event text not null,
  receipt text not null,
  entries text not null,
  recorded_at timestamptz not null default now(),
  primary key (account_id, event_id)
)`,
  `create unique index if not exists token_plan_events_by_version
  on token_plan_events (account_id, version)`,
] as const;

/**
 * The SQL that creates the store's tables, as one script (every statement is
 * `if not exists`, so it can run again). Hand it to a migration tool, or call
 * {@link migrate}.
 *
 * @example
 * ledgerStoreSchemaSql.includes("create table if not exists token_plan_ledgers"); //=> true
 */
export const ledgerStoreSchemaSql: string = `${statements.join(";\n\n")};\n`;

/**
 * What {@link migrate} returns when the tables exist.
 *
 * @example
 * const migrated: Migrated = { ok: true, statements: 3 };
 */
export interface Migrated {
  readonly ok: true;
  /** Statements run. */
  readonly statements: number;
}

/**
 * Creates the store's tables if they are missing (one statement at a time, since some
 * drivers take one statement per call). Run it once when the app deploys, not from
 * every instance at once: Postgres may refuse two concurrent `create table if not exists`.
 *
 * @example
 * const migrated = await migrate(pgliteDriver(new PGlite()));
 * migrated.ok; //=> true
 */
export async function migrate(
  driver: SqlDriver,
): Promise<Migrated | { readonly ok: false; readonly error: LedgerError }> {
  for (const sql of statements) {
    try {
      await driver.query(sql, []);
    } catch (thrown) {
      return { ok: false, error: storeUnavailable("migrate", null, thrown) };
    }
  }
  return { ok: true, statements: statements.length };
}
