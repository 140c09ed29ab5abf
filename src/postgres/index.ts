/**
 * token-plan/postgres: ledgers in Postgres (or PGlite, or any server that speaks its
 * protocol), one row per account, saved with compare-and-swap on the ledger's version,
 * with an append-only journal of applied events and their first receipts. The core
 * (`token-plan`) never imports this module, and this module never imports a database
 * client: the app passes its own, through a one-method driver.
 */
export {
  type PGliteLike,
  type PgQueryable,
  pgDriver,
  pgliteDriver,
  type SqlDriver,
  type SqlResult,
  type SqlRow,
} from "./driver";
export type { StoreRefusal } from "./failures";
export * as storeLimits from "./limits";
export type { JournalEvent } from "./rows";
export { ledgerStoreSchemaSql, type Migrated, migrate } from "./schema";
export {
  createLedgerStore,
  type Idempotency,
  type JournalOptions,
  type JournalRead,
  type JournalRecord,
  type LedgerStore,
  type LedgerStoreCreated,
  type LedgerStoreOptions,
  type LoadedLedger,
  type SavedLedger,
} from "./store";
export {
  readTeamJournal,
  type TeamJournalEvent,
  type TeamJournalOptions,
  type TeamJournalRead,
} from "./teamJournal";
export {
  migrateTeams,
  type TeamSaved,
  teamStoreSchemaSql,
  type WithTeamOptions,
  withTeam,
} from "./teams";
export {
  createTeamWriter,
  type TeamWriter,
  type TeamWriterCreated,
  type TeamWriterOptions,
} from "./teamWriter";
export {
  type DecideContext,
  type LedgerDecision,
  type LedgerRecorded,
  type RecordedEvent,
  type WithLedgerOptions,
  withLedger,
} from "./withLedger";
