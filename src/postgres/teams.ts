/**
 * Teams in Postgres: one row per team, its state the exact text `serializeTeam` writes,
 * saved with compare-and-swap on the team's version, and a journal of applied team events
 * (first outcome and entries) keyed by (team, event id), written in the same statement.
 * The journal holds idempotency at any age, so the row remembers only a few ids and keeps
 * no history: a 50-seat team's row is ~47 KB (it was ~102 KB with 128 receipts in it).
 *
 * One row, not seat rows plus a pool row: every event moves the team's version and clock
 * (a usage also its member's cap and often the pool), so seat rows would still write the
 * team row on every request and contend on it as much; what they would save is parsing
 * the other seats, measured by `bench/teams.ts` (see the README, "Teams").
 */
import { type CreateTeamOptions, createTeam, type ParseTeamOptions } from "token-plan";
import { assert } from "../assert";
import type { SqlDriver } from "./driver";
import { refuse, type StoreRefusal, storeError, storeUnavailable } from "./failures";
import { attemptsDefault } from "./limits";
import { retryOptionsProblem } from "./retry";
import { type FlightSettings, fly, type TeamDecide, type TeamSaved } from "./teamFlight";
import { teamIdProblem } from "./teamJournal";
import { teamSchemaStatements } from "./teamStatements";

export type { TeamSaved } from "./teamFlight";

/**
 * The SQL that creates the teams table and the team journal (`if not exists`, so it can run again).
 *
 * @example
 * teamStoreSchemaSql.includes("create table if not exists token_plan_team_events"); //=> true
 */
export const teamStoreSchemaSql: string = `${teamSchemaStatements.join(";\n\n")};\n`;

/**
 * Creates the teams table and the team journal if they are missing. Run it once when the app deploys.
 *
 * @example
 * const migrated = await migrateTeams(pgliteDriver(new PGlite()));
 * migrated.ok; //=> true
 */
export async function migrateTeams(driver: SqlDriver): Promise<{ readonly ok: true } | StoreRefusal> {
  for (const sql of teamSchemaStatements) {
    try {
      await driver.query(sql, []);
    } catch (thrown) {
      return refuse(storeUnavailable("migrateTeams", null, thrown));
    }
  }
  return { ok: true };
}

/** Event ids a team created by the store remembers in its row: the journal answers the rest. */
const teamStoreEventIdsRememberedDefault = 8;

/**
 * Options of {@link withTeam} and {@link createTeamWriter}.
 *
 * @example
 * const options: WithTeamOptions = { teamOptions: { capTimeZone: "UTC" }, attemptsMax: 20 };
 */
export interface WithTeamOptions {
  /**
   * How a missing team is created (`createTeam`'s options). `eventIdsRemembered` defaults
   * to 8 here: the journal answers a retried id at any age, the row only the latest.
   */
  readonly teamOptions?: CreateTeamOptions;
  /** The catalogs stored teams may be billed by (default: the new team's catalog). */
  readonly parseOptions?: ParseTeamOptions;
  /** Attempts before `retries_exhausted` (default 10, at most 1,000). */
  readonly attemptsMax?: number;
  /**
   * Milliseconds to wait after losing race number `attempt`. Default: exponential backoff
   * from 2 ms, doubling to at most 100 ms, with full jitter (as `withLedger`). `() => 0` retries at once.
   */
  readonly retryDelayMs?: (attempt: number) => number;
}

/** Checks the options once: the team a missing row starts as, how stored rows are read, the retry policy. */
export function flightSettings(
  options: WithTeamOptions,
): { readonly ok: true; readonly value: FlightSettings } | StoreRefusal {
  const bad = retryOptionsProblem(options);
  if (bad !== null) return refuse(bad);
  const teamOptions = options.teamOptions ?? {};
  const created = createTeam(
    typeof teamOptions === "object" && teamOptions.eventIdsRemembered === undefined
      ? { ...teamOptions, eventIdsRemembered: teamStoreEventIdsRememberedDefault }
      : teamOptions,
  );
  if (!created.ok)
    return refuse({ ...created.error, path: ["options", "teamOptions", ...created.error.path] });
  return {
    ok: true,
    value: {
      fresh: created.team,
      parseOptions: options.parseOptions ?? { catalogs: [created.team.catalog] },
      attempts: options.attemptsMax ?? attemptsDefault,
      retryDelayMs: options.retryDelayMs,
    },
  };
}

/**
 * One team's request loop: load its row (a new team when there is none), let `decide`
 * choose the events from the team, apply them, and save with compare-and-swap on the
 * version, the journal rows in the same statement. A lost race reloads and decides again,
 * a bounded number of times, so `decide` must have no side effects. An error thrown by
 * `decide` propagates unchanged.
 *
 * Every event is idempotent at any age: an id the row still remembers, or one the journal
 * holds, answers the outcome it first got (`duplicate: true`) and writes nothing; the same
 * id with other content is a `conflict`. A refused event refuses the whole decision with
 * its path under `events`, and nothing is written. Many requests on one busy team from one
 * process are better sent through a {@link TeamWriter}, which saves them together.
 *
 * @example
 * const saved = await withTeam(driver, "team-1", (team) => [{ type: "usage", id: "req-1", at, memberId: "ana", resource: "MiniMax-M3", measures: { outputTokens: 900 } }]);
 * saved.ok && saved.version; //=> 1
 */
export async function withTeam(
  driver: SqlDriver,
  teamId: string,
  decide: TeamDecide,
  options: WithTeamOptions = {},
): Promise<TeamSaved | StoreRefusal> {
  const badTeam = teamIdProblem(teamId);
  if (badTeam !== null) return refuse(badTeam);
  const settings = flightSettings(options);
  if (!settings.ok) return settings;
  if (typeof decide !== "function")
    return refuse(storeError("invalid_input", "Expected decide as a function of the team.", ["decide"]));
  const [answer] = await fly(driver, teamId, [decide], settings.value);
  // Stryker disable next-line StringLiteral: invariant message: fly answers every request it is given
  assert(answer !== undefined, "a flight of one request gave no answer");
  if (!answer.ok) throw answer.thrown;
  return answer.value;
}
