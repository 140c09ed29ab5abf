/**
 * The store's SQL, one statement per operation. A save is one statement even when it
 * writes journal rows: a data-modifying `WITH` runs the compare-and-swap and the journal
 * insert together, and Postgres applies all of it or none (a unique violation in the
 * journal undoes the ledger's update too). Only single-row writes, a primary key and a
 * unique index: nothing a distributed SQL engine that speaks the protocol lacks.
 */

/** The primary key of the journal: a second row for an (account, event id) violates it. */
export const journalKeyConstraint = "token_plan_events_pkey";
/** The journal's unique (account, version) index: a second row at one version violates it. */
export const journalVersionConstraint = "token_plan_events_by_version";

export const loadSql = "select version, state from token_plan_ledgers where account_id = $1";

/** The journal rows to insert, as parallel arrays ($5 … $10) unnested into rows, only when the ledger row was written. */
const journalCte = `,
journaled as (
  insert into token_plan_events (account_id, event_id, version, fingerprint, event, receipt, entries)
  select saved.account_id, e.event_id, e.version, e.fingerprint, e.event, e.receipt, e.entries
  from saved cross join unnest($5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[])
    as e (event_id, version, fingerprint, event, receipt, entries)
  returning 1
)
select (select count(*) from saved)::int as saved, (select count(*) from journaled)::int as journaled`;

const savedOnly = "\nselect (select count(*) from saved)::int as saved, 0 as journaled";

/** A new account: insert its first row unless another writer did first ($2 is the expected version, 0). */
const insertCte = `with saved as (
  insert into token_plan_ledgers (account_id, version, state)
  select $1::text, $3::bigint, $4::text where $2::bigint = 0
  on conflict (account_id) do nothing
  returning account_id
)`;

/** An existing account: compare-and-swap on its version. */
const updateCte = `with saved as (
  update token_plan_ledgers set version = $3, state = $4, updated_at = now()
  where account_id = $1 and version = $2
  returning account_id
)`;

/** The save statement for a new or an existing account, with or without journal rows. */
export function saveSql(isNew: boolean, withJournal: boolean): string {
  return (isNew ? insertCte : updateCte) + (withJournal ? journalCte : savedOnly);
}

export const findSql = `select event_id, version, fingerprint, event, receipt, entries
from token_plan_events where account_id = $1 and event_id = any($2::text[])
order by version`;

export const journalSql = `select event_id, version, fingerprint, event, receipt, entries
from token_plan_events where account_id = $1 and version > $2
order by version limit $3`;
