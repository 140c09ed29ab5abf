/**
 * Teams in Postgres: one row per team, its state the exact text `serializeTeam` writes,
 * saved with compare-and-swap on the team's version. A team is one row, not seat rows
 * plus a pool row, because a usage that overflows its seat touches the seat, the pool and
 * the member's cap together: one row keeps every write a single-row statement (what the
 * store relies on everywhere, and what distributed SQL engines do best). Measured by
 * `bench/teams.ts`: a 50-seat team's row is ~100 KB and costs ~15 ms of CPU to read and
 * write, so at 50 requests a second one row saturates (see the README, "Teams").
 */
import {
  applyTeamEvent,
  type CreateTeamOptions,
  createTeam,
  type ParseTeamOptions,
  parseTeam,
  serializeTeam,
  type TeamApplied,
  type TeamEvent,
  type TeamState,
} from "token-plan";
import type { SqlDriver } from "./driver";
import { refuse, rowError, type StoreRefusal, storeError, storeUnavailable } from "./failures";
import { accountIdLengthMax, attemptsDefault, attemptsMax, eventsPerDecisionMax } from "./limits";
import { readVersion } from "./rows";

const statements = [
  `create table if not exists token_plan_teams (
  team_id text primary key,
  version bigint not null check (version >= 1),
  state text not null,
  updated_at timestamptz not null default now()
)`,
] as const;

/**
 * The SQL that creates the teams table (`if not exists`, so it can run again).
 *
 * @example
 * teamStoreSchemaSql.includes("create table if not exists token_plan_teams"); //=> true
 */
export const teamStoreSchemaSql: string = `${statements.join(";\n\n")};\n`;

/**
 * Creates the teams table if it is missing. Run it once when the app deploys.
 *
 * @example
 * const migrated = await migrateTeams(pgliteDriver(new PGlite()));
 * migrated.ok; //=> true
 */
export async function migrateTeams(driver: SqlDriver): Promise<{ readonly ok: true } | StoreRefusal> {
  for (const sql of statements) {
    try {
      await driver.query(sql, []);
    } catch (thrown) {
      return refuse(storeUnavailable("migrateTeams", null, thrown));
    }
  }
  return { ok: true };
}

const loadSql = "select version, state from token_plan_teams where team_id = $1";
const insertSql = `insert into token_plan_teams (team_id, version, state) values ($1, $2, $3)
on conflict (team_id) do nothing returning team_id`;
const updateSql = `update token_plan_teams set version = $3, state = $4, updated_at = now()
where team_id = $1 and version = $2 returning team_id`;

/**
 * Options of {@link withTeam}.
 *
 * @example
 * const options: WithTeamOptions = { teamOptions: { capTimeZone: "UTC" }, attemptsMax: 20 };
 */
export interface WithTeamOptions {
  /** How a missing team is created (`createTeam`'s options). */
  readonly teamOptions?: CreateTeamOptions;
  /** The catalogs stored teams may be billed by (default: the new team's catalog). */
  readonly parseOptions?: ParseTeamOptions;
  /** Attempts before `retries_exhausted` (default 10, at most 1,000). */
  readonly attemptsMax?: number;
  /** Milliseconds to wait after losing race number `attempt` (default: none). */
  readonly retryDelayMs?: (attempt: number) => number;
}

/**
 * What {@link withTeam} returns when the decided events were saved (or changed nothing).
 *
 * @example
 * const saved = await withTeam(driver, "team-1", () => [usage]);
 * saved.ok && saved.results[0]?.outcome.type; //=> "member-usage"
 */
export interface TeamSaved {
  readonly ok: true;
  readonly teamId: string;
  readonly team: TeamState;
  readonly version: number;
  /** One per decided event, in order. */
  readonly results: readonly TeamApplied[];
  readonly saved: boolean;
  /** 1 when the first compare-and-swap won; each lost race adds one. */
  readonly attempts: number;
}

async function loadTeam(
  driver: SqlDriver,
  teamId: string,
  options: WithTeamOptions,
): Promise<{ readonly ok: true; readonly team: TeamState; readonly version: number } | StoreRefusal> {
  let rows: readonly Record<string, unknown>[];
  try {
    rows = (await driver.query(loadSql, [teamId])).rows;
  } catch (thrown) {
    return refuse(storeUnavailable("load", teamId, thrown));
  }
  const row = rows[0];
  if (row === undefined) {
    const created = createTeam(options.teamOptions ?? {});
    return created.ok ? { ok: true, team: created.team, version: 0 } : created;
  }
  const version = readVersion(row.version);
  const catalogs =
    options.parseOptions?.catalogs ??
    (options.teamOptions?.catalog === undefined ? undefined : [options.teamOptions.catalog]);
  const parsed = parseTeam(row.state, catalogs === undefined ? {} : { catalogs });
  if (!parsed.ok) return refuse(rowError(parsed.error, "state", teamId));
  if (version === null || parsed.value.version !== version) {
    return refuse(
      rowError(
        storeError("invalid_state", "the version column disagrees with the stored team's version", []),
        "version",
        teamId,
      ),
    );
  }
  return { ok: true, team: parsed.value, version };
}

/**
 * One team's request loop: load its row (a new team when there is none), let `decide`
 * choose the events from the team, apply them, and save with compare-and-swap on the
 * version. A lost race reloads and decides again, a bounded number of times. Every write
 * is one single-row statement; nothing is half-written.
 *
 * @example
 * const saved = await withTeam(driver, "team-1", (team) => [{ type: "usage", id: "req-1", at, memberId: "ana", resource: "MiniMax-M3", measures: { outputTokens: 900 } }]);
 * saved.ok && saved.version; //=> 1
 */
export async function withTeam(
  driver: SqlDriver,
  teamId: string,
  decide: (team: TeamState, attempt: number) => readonly TeamEvent[],
  options: WithTeamOptions = {},
): Promise<TeamSaved | StoreRefusal> {
  if (typeof teamId !== "string" || teamId.length === 0 || teamId.length > accountIdLengthMax)
    return refuse(
      storeError("invalid_input", `Expected a team id of 1 to ${accountIdLengthMax} characters.`, ["teamId"]),
    );
  const attempts = options.attemptsMax ?? attemptsDefault;
  if (!Number.isSafeInteger(attempts) || attempts < 1 || attempts > attemptsMax)
    return refuse(
      storeError("invalid_input", `Expected attemptsMax from 1 to ${attemptsMax}.`, [
        "options",
        "attemptsMax",
      ]),
    );
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const loaded = await loadTeam(driver, teamId, options);
    if (!loaded.ok) return loaded;
    const events = decide(loaded.team, attempt);
    if (!Array.isArray(events) || events.length > eventsPerDecisionMax)
      return refuse(
        storeError("invalid_input", `decide must return at most ${eventsPerDecisionMax} team events.`, [
          "events",
        ]),
      );
    let team = loaded.team;
    const results: TeamApplied[] = [];
    for (let i = 0; i < events.length; i++) {
      const applied = applyTeamEvent(team, events[i] as TeamEvent);
      if (!applied.ok) return refuse({ ...applied.error, path: ["events", i, ...applied.error.path] });
      team = applied.team;
      results.push(applied);
    }
    if (team.version === loaded.version) {
      return { ok: true, teamId, team, version: loaded.version, results, saved: false, attempts: attempt };
    }
    const text = serializeTeam(team);
    if (!text.ok) return refuse(text.error);
    let won: boolean;
    try {
      const rows =
        loaded.version === 0
          ? (await driver.query(insertSql, [teamId, team.version, text.value])).rows
          : (await driver.query(updateSql, [teamId, loaded.version, team.version, text.value])).rows;
      won = rows.length === 1;
    } catch (thrown) {
      return refuse(storeUnavailable("save", teamId, thrown));
    }
    if (won)
      return { ok: true, teamId, team, version: team.version, results, saved: true, attempts: attempt };
    const delay = attempt < attempts ? (options.retryDelayMs?.(attempt) ?? 0) : 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }
  return refuse(
    storeError(
      "retries_exhausted",
      `Team "${teamId}" changed under every one of ${attempts} attempts; retry later or raise attemptsMax.`,
      [],
      { teamId, attempts },
    ),
  );
}
