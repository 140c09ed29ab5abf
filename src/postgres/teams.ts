/**
 * Teams in Postgres: one row per team, its state the exact text `serializeTeam` writes,
 * saved with compare-and-swap on the team's version, and a journal of applied team events
 * (first outcome and entries) keyed by (team, event id) in the same statement. The journal
 * holds idempotency at any age, so the row remembers only a few ids and keeps no history:
 * a 50-seat team's row is ~43 KB (was ~102 KB with 128 receipts in it).
 *
 * One row, not seat rows plus a pool row: every event moves the team's version and clock
 * (a usage also its member's cap and often the pool), so seat rows would still write the
 * team row on every request and contend on it exactly as much; what they would save is
 * parsing the other seats, measured by `bench/teams.ts` (see the README, "Teams").
 */
import {
  applyTeamEvent,
  type CreateTeamOptions,
  createTeam,
  type LedgerError,
  type ParseTeamOptions,
  parseTeam,
  serializeTeam,
  type TeamApplied,
  type TeamEvent,
  type TeamRecentEvent,
  type TeamState,
  teamEventFingerprint,
} from "token-plan";
import { assert } from "../assert";
import type { SqlDriver, SqlRow } from "./driver";
import {
  refuse,
  rowError,
  type StoreRefusal,
  storeError,
  storeUnavailable,
  violatedUniqueConstraint,
} from "./failures";
import { attemptsDefault, attemptsMax, eventsPerDecisionMax } from "./limits";
import { readVersion } from "./rows";
import { findTeamEvents, type TeamJournalEvent, teamIdProblem } from "./teamJournal";
import {
  loadTeamSql,
  saveTeamSql,
  teamJournalKeyConstraint,
  teamJournalVersionConstraint,
  teamSchemaStatements,
} from "./teamStatements";

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
export const teamStoreEventIdsRememberedDefault = 8;

/**
 * Options of {@link withTeam}.
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
  /**
   * One per decided event, in order. A retried id (`duplicate: true`) answers the outcome it
   * got when it was first applied, from the row or the journal, and changes nothing.
   */
  readonly results: readonly TeamApplied[];
  readonly saved: boolean;
  /** 1 when the first compare-and-swap won; each lost race adds one. */
  readonly attempts: number;
}

interface LoadedTeam {
  readonly ok: true;
  readonly team: TeamState;
  readonly version: number;
}

async function loadTeam(
  driver: SqlDriver,
  teamId: string,
  fresh: TeamState,
  parseOptions: ParseTeamOptions,
): Promise<LoadedTeam | StoreRefusal> {
  let rows: readonly SqlRow[];
  try {
    rows = (await driver.query(loadTeamSql, [teamId])).rows;
  } catch (thrown) {
    return refuse(storeUnavailable("load", teamId, thrown));
  }
  const row = rows[0];
  if (row === undefined) return { ok: true, team: fresh, version: 0 };
  const parsed = parseTeam(row.state, parseOptions);
  if (!parsed.ok) return refuse(rowError(parsed.error, "state", teamId));
  const version = readVersion(row.version);
  if (version !== parsed.value.version) {
    return refuse(
      rowError(
        storeError(
          "invalid_state",
          `the version column (${String(row.version)}) disagrees with the stored team's version (${parsed.value.version}); the row was edited by hand`,
          [],
        ),
        "version",
        teamId,
      ),
    );
  }
  return { ok: true, team: parsed.value, version };
}

/** One event to journal with the save. */
interface TeamJournalRecord {
  readonly eventId: string;
  readonly version: number;
  readonly fingerprint: string;
  readonly event: TeamEvent;
  readonly applied: TeamApplied;
}

interface Planned {
  readonly ok: true;
  readonly team: TeamState;
  readonly results: TeamApplied[];
  readonly journal: TeamJournalRecord[];
}

const idOf = (event: unknown): string | null => {
  const id = typeof event === "object" && event !== null ? (event as { id?: unknown }).id : null;
  return typeof id === "string" ? id : null;
};

const prefixed = (error: LedgerError, i: number): LedgerError => ({
  ...error,
  path: ["events", i, ...error.path],
});

/** Applies the decided events; ids in `known` (journal rows) are duplicates with their first outcome, or a `conflict`. */
function plan(
  loaded: TeamState,
  events: readonly TeamEvent[],
  known: ReadonlyMap<string, TeamJournalEvent>,
): Planned | StoreRefusal {
  let team = loaded;
  const results: TeamApplied[] = [];
  const journal: TeamJournalRecord[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as TeamEvent;
    const id = idOf(event);
    const first = id === null ? undefined : known.get(id);
    if (first !== undefined) {
      const printed = teamEventFingerprint(event);
      if (!printed.ok) return refuse(prefixed(printed.error, i));
      if (printed.value !== first.fingerprint) {
        return refuse(
          storeError(
            "conflict",
            `Event id "${first.eventId}" was already recorded (team version ${first.version}) with different content; use a new id for a new event.`,
            ["events", i, "id"],
            { id: first.eventId, version: first.version },
          ),
        );
      }
      results.push({ ok: true, team, entries: [], outcome: first.outcome, duplicate: true });
      continue;
    }
    const applied = applyTeamEvent(team, event);
    if (!applied.ok) return refuse(prefixed(applied.error, i));
    results.push(applied);
    if (applied.duplicate) continue;
    team = applied.team;
    // The event just applied is the newest one the team remembers, with its fingerprint.
    const remembered = team.recentEvents[team.recentEvents.length - 1] as TeamRecentEvent;
    assert(remembered.id === event.id, "an applied team event is not the newest one the team remembers");
    journal.push({
      eventId: event.id,
      version: team.version,
      fingerprint: remembered.fingerprint,
      event,
      applied,
    });
  }
  return { ok: true, team, results, journal };
}

/** The journal rows of the decided events' ids, by id. */
async function journaled(
  driver: SqlDriver,
  teamId: string,
  ids: readonly string[],
): Promise<{ readonly ok: true; readonly byId: ReadonlyMap<string, TeamJournalEvent> } | StoreRefusal> {
  if (ids.length === 0) return { ok: true, byId: new Map() };
  const found = await findTeamEvents(driver, teamId, ids);
  if (!found.ok) return found;
  return { ok: true, byId: new Map(found.events.map((e) => [e.eventId, e])) };
}

/** A duplicate the row answered without its first outcome (only usages keep theirs in the row) gets it from the journal. */
async function withFirstOutcomes(
  driver: SqlDriver,
  teamId: string,
  events: readonly TeamEvent[],
  planned: Planned,
): Promise<Planned | StoreRefusal> {
  const ids = planned.results.flatMap((r, i) =>
    r.duplicate && r.outcome.type === "duplicate" ? [(events[i] as TeamEvent).id] : [],
  );
  const found = await journaled(driver, teamId, ids);
  if (!found.ok) return found;
  if (found.byId.size === 0) return planned;
  const results = planned.results.map((r, i) => {
    const first = r.duplicate ? found.byId.get((events[i] as TeamEvent).id) : undefined;
    return first === undefined ? r : { ...r, outcome: first.outcome };
  });
  return { ...planned, results };
}

function encodeJournal(journal: readonly TeamJournalRecord[]): unknown[][] {
  return [
    journal.map((r) => r.eventId),
    journal.map((r) => r.version),
    journal.map((r) => r.fingerprint),
    journal.map((r) => JSON.stringify(r.event)),
    journal.map((r) => JSON.stringify(r.applied.outcome)),
    journal.map((r) => JSON.stringify(r.applied.entries)),
  ];
}

type SaveAnswer = "won" | "lost" | "journaled" | StoreRefusal;

async function save(
  driver: SqlDriver,
  teamId: string,
  loaded: LoadedTeam,
  planned: Planned,
): Promise<SaveAnswer> {
  const text = serializeTeam(planned.team);
  if (!text.ok) return refuse(text.error);
  const params = [
    teamId,
    loaded.version,
    planned.team.version,
    text.value,
    ...encodeJournal(planned.journal),
  ];
  try {
    const rows = (await driver.query(saveTeamSql(loaded.version === 0), params)).rows;
    return readVersion(rows[0]?.saved) === 1 ? "won" : "lost";
  } catch (thrown) {
    const violated = violatedUniqueConstraint(thrown);
    if (violated === teamJournalKeyConstraint) return "journaled";
    if (violated === teamJournalVersionConstraint) {
      return refuse(
        storeError(
          "invalid_state",
          `Team "${teamId}": the journal already holds a row past version ${loaded.version}, so the team row is behind its own journal (restored from an older backup, or edited by hand). Nothing was written.`,
          ["version"],
          { teamId, expectedVersion: loaded.version },
        ),
      );
    }
    return refuse(storeUnavailable("save", teamId, thrown));
  }
}

function optionsProblem(teamId: unknown, options: WithTeamOptions): LedgerError | null {
  const badTeam = teamIdProblem(teamId);
  if (badTeam !== null) return badTeam;
  if (typeof options !== "object" || options === null)
    return storeError("invalid_input", "Expected options as an object such as { attemptsMax }.", ["options"]);
  const attempts = options.attemptsMax ?? attemptsDefault;
  if (!Number.isSafeInteger(attempts) || attempts < 1 || attempts > attemptsMax)
    return storeError(
      "invalid_input",
      `Expected attemptsMax from 1 to ${attemptsMax}.`,
      ["options", "attemptsMax"],
      { attemptsMax },
    );
  if (options.retryDelayMs !== undefined && typeof options.retryDelayMs !== "function")
    return storeError("invalid_input", "Expected retryDelayMs as a function of the attempt.", [
      "options",
      "retryDelayMs",
    ]);
  return null;
}

/** The team a missing row starts as, and how stored rows are read. */
function freshTeam(options: WithTeamOptions): { readonly ok: true; readonly team: TeamState } | StoreRefusal {
  const teamOptions = options.teamOptions ?? {};
  const created = createTeam(
    typeof teamOptions === "object" && teamOptions !== null && teamOptions.eventIdsRemembered === undefined
      ? { ...teamOptions, eventIdsRemembered: teamStoreEventIdsRememberedDefault }
      : teamOptions,
  );
  if (!created.ok)
    return refuse({ ...created.error, path: ["options", "teamOptions", ...created.error.path] });
  return created;
}

/**
 * One team's request loop: load its row (a new team when there is none), let `decide`
 * choose the events from the team, apply them, and save with compare-and-swap on the
 * version, the journal rows in the same statement. A lost race reloads and decides again,
 * a bounded number of times, so `decide` must have no side effects.
 *
 * Every event is idempotent at any age: an id the row still remembers, or one the journal
 * holds, answers the outcome it first got (`duplicate: true`) and writes nothing; the same
 * id with other content is a `conflict`. A refused event refuses the whole decision with
 * its path under `events`, and nothing is written.
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
  const bad = optionsProblem(teamId, options);
  if (bad !== null) return refuse(bad);
  const fresh = freshTeam(options);
  if (!fresh.ok) return fresh;
  const parseOptions = options.parseOptions ?? { catalogs: [fresh.team.catalog] };
  const attempts = options.attemptsMax ?? attemptsDefault;
  let consultJournal = false;
  // Lost races count against attemptsMax; the one save the journal turns back does not.
  let budget = attempts;
  for (let attempt = 1; attempt <= budget; attempt++) {
    const loaded = await loadTeam(driver, teamId, fresh.team, parseOptions);
    if (!loaded.ok) return loaded;
    const events = decide(loaded.team, attempt);
    if (!Array.isArray(events) || events.length > eventsPerDecisionMax)
      return refuse(
        storeError("invalid_input", `decide must return at most ${eventsPerDecisionMax} team events.`, [
          "events",
        ]),
      );
    const ids = events.map(idOf).filter((id): id is string => id !== null);
    let known = consultJournal
      ? await journaled(driver, teamId, ids)
      : { ok: true as const, byId: new Map() };
    if (!known.ok) return known;
    let planned = plan(loaded.team, events, known.byId);
    if (!planned.ok && !consultJournal) {
      // A retry the row no longer remembers may be refused as new (behind the clock, say): the journal knows it.
      consultJournal = true;
      known = await journaled(driver, teamId, ids);
      if (!known.ok) return known;
      planned = plan(loaded.team, events, known.byId);
    }
    if (!planned.ok) return planned;
    const answered = await withFirstOutcomes(driver, teamId, events, planned);
    if (!answered.ok) return answered;
    const result = { ok: true as const, teamId, results: answered.results, attempts: attempt };
    if (answered.journal.length === 0)
      return { ...result, team: loaded.team, version: loaded.version, saved: false };
    const answer = await save(driver, teamId, loaded, answered);
    if (answer === "won")
      return { ...result, team: answered.team, version: answered.team.version, saved: true };
    if (typeof answer === "object") return answer;
    if (answer === "journaled" && !consultJournal) {
      // An id the row forgot but the journal holds: decide again, consulting the journal.
      consultJournal = true;
      budget++;
      continue;
    }
    const delay = attempt < budget ? (options.retryDelayMs?.(attempt) ?? 0) : 0;
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
