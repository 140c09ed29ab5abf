/**
 * The teams' SQL. A team is one row (its state, compare-and-swap on its version) and a
 * journal of applied team events keyed by (team, event id): the event, its content
 * fingerprint, its first outcome and its entries. A save is one statement: the row's
 * compare-and-swap and the journal insert in one data-modifying `WITH`, all or nothing
 * (a second row for an id already journaled undoes the row's update too).
 */

/** The journal's primary key: a second row for a (team, event id) violates it. */
export const teamJournalKeyConstraint = "token_plan_team_events_pkey";
/** The journal's unique (team, version) index: a second row at one version violates it. */
export const teamJournalVersionConstraint = "token_plan_team_events_by_version";

export const teamSchemaStatements = [
  `create table if not exists token_plan_teams (
  team_id text primary key,
  version bigint not null check (version >= 1),
  state text not null,
  updated_at timestamptz not null default now()
)`,
  `create table if not exists token_plan_team_events (
  team_id text not null,
  event_id text not null,
  version bigint not null check (version >= 1),
  fingerprint text not null,
  event text not null,
  outcome text not null,
  entries text not null,
  recorded_at timestamptz not null default now(),
  primary key (team_id, event_id)
)`,
  `create unique index if not exists token_plan_team_events_by_version
  on token_plan_team_events (team_id, version)`,
] as const;

export const loadTeamSql = "select version, state from token_plan_teams where team_id = $1";

const insertCte = `with saved as (
  insert into token_plan_teams (team_id, version, state)
  select $1::text, $3::bigint, $4::text where $2::bigint = 0
  on conflict (team_id) do nothing
  returning team_id
)`;

const updateCte = `with saved as (
  update token_plan_teams set version = $3, state = $4, updated_at = now()
  where team_id = $1 and version = $2
  returning team_id
)`;

/** Journal rows as parallel arrays ($5 … $10), inserted only when the team row was written. */
const journalCte = `,
journaled as (
  insert into token_plan_team_events (team_id, event_id, version, fingerprint, event, outcome, entries)
  select saved.team_id, e.event_id, e.version, e.fingerprint, e.event, e.outcome, e.entries
  from saved cross join unnest($5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[])
    as e (event_id, version, fingerprint, event, outcome, entries)
  returning 1
)
select (select count(*) from saved)::int as saved, (select count(*) from journaled)::int as journaled`;

/** The save statement for a new team (expected version 0) or an existing one. */
export function saveTeamSql(isNew: boolean): string {
  return (isNew ? insertCte : updateCte) + journalCte;
}

export const findTeamEventsSql = `select event_id, version, fingerprint, event, outcome, entries
from token_plan_team_events where team_id = $1 and event_id = any($2::text[])
order by version`;

export const teamJournalSql = `select event_id, version, fingerprint, event, outcome, entries
from token_plan_team_events where team_id = $1 and version > $2
order by version limit $3`;
