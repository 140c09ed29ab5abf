/**
 * One flight of team writes: load the team's row once, let each request decide its events
 * from the team as the requests before it left it, apply them, and save everything with
 * one compare-and-swap, the journal rows in the same statement. A lost race reloads and
 * decides every request again. `withTeam` flies one request; a `TeamWriter` flies every
 * request that queued for the team while the previous flight was in the air.
 */
import {
  applyTeamEvent,
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
import { eventsPerDecisionMax } from "./limits";
import { backoffMs } from "./retry";
import { readVersion } from "./rows";
import { findTeamEvents, type TeamJournalEvent } from "./teamJournal";
import {
  loadTeamSql,
  saveTeamSql,
  teamJournalKeyConstraint,
  teamJournalVersionConstraint,
} from "./teamStatements";

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
  /** The team as saved (with a writer: after every request of the flight), or as loaded when nothing was applied. */
  readonly team: TeamState;
  readonly version: number;
  /**
   * One per decided event, in order. A retried id (`duplicate: true`) answers the outcome it
   * got when it was first applied, from the row or the journal, and changes nothing.
   */
  readonly results: readonly TeamApplied[];
  /** Whether a row was written (false when every event was a duplicate, or there were none). */
  readonly saved: boolean;
  /** 1 when the first compare-and-swap won; each lost race adds one. */
  readonly attempts: number;
}

/** How a request decides its events from the team. */
export type TeamDecide = (team: TeamState, attempt: number) => readonly TeamEvent[];

/** What a flight needs besides its requests. */
export interface FlightSettings {
  readonly fresh: TeamState;
  readonly parseOptions: ParseTeamOptions;
  readonly attempts: number;
  readonly retryDelayMs: ((attempt: number) => number) | undefined;
}

/** A request's answer: a result, or what its `decide` threw. */
export type FlightAnswer =
  | { readonly ok: true; readonly value: TeamSaved | StoreRefusal }
  | { readonly ok: false; readonly thrown: unknown };

interface LoadedTeam {
  readonly ok: true;
  readonly team: TeamState;
  readonly version: number;
}

async function loadTeam(
  driver: SqlDriver,
  teamId: string,
  settings: FlightSettings,
): Promise<LoadedTeam | StoreRefusal> {
  let rows: readonly SqlRow[];
  try {
    rows = (await driver.query(loadTeamSql, [teamId])).rows;
  } catch (thrown) {
    return refuse(storeUnavailable("load", teamId, thrown));
  }
  const row = rows[0];
  if (row === undefined) return { ok: true, team: settings.fresh, version: 0 };
  const parsed = parseTeam(row.state, settings.parseOptions);
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

const idOf = (event: unknown): string | null => {
  const id = typeof event === "object" && event !== null ? (event as { id?: unknown }).id : null;
  return typeof id === "string" ? id : null;
};

const prefixed = (error: LedgerError, i: number): LedgerError => ({
  ...error,
  path: ["events", i, ...error.path],
});

interface Planned {
  readonly ok: true;
  readonly team: TeamState;
  readonly results: TeamApplied[];
  /** The events applied now, as journal rows. */
  readonly journal: TeamJournalEvent[];
}

/**
 * Applies a request's events. An id in `known` (the journal's rows, and the rows this flight
 * will write) is a duplicate with its first outcome, or a `conflict` when the content differs.
 */
function plan(
  loaded: TeamState,
  events: readonly TeamEvent[],
  known: ReadonlyMap<string, TeamJournalEvent>,
): Planned | StoreRefusal {
  let team = loaded;
  const results: TeamApplied[] = [];
  const journal: TeamJournalEvent[] = [];
  const fresh = new Map<string, TeamJournalEvent>();
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as TeamEvent;
    const id = idOf(event);
    const first = id === null ? undefined : (known.get(id) ?? fresh.get(id));
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
    // Stryker disable next-line StringLiteral: invariant message: applyTeamEvent remembers each event it applies, last
    assert(remembered.id === event.id, "an applied team event is not the newest one the team remembers");
    const row: TeamJournalEvent = {
      eventId: event.id,
      version: team.version,
      fingerprint: remembered.fingerprint,
      event,
      outcome: applied.outcome,
      entries: applied.entries,
    };
    journal.push(row);
    fresh.set(event.id, row);
  }
  return { ok: true, team, results, journal };
}

/** The journal rows of these ids, by id. */
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
  const results = planned.results.map((r, i) => {
    // Only duplicates' ids were looked up.
    const first = found.byId.get((events[i] as TeamEvent).id);
    return first === undefined ? r : { ...r, outcome: first.outcome };
  });
  return { ...planned, results };
}

function encodeJournal(journal: readonly TeamJournalEvent[]): unknown[][] {
  return [
    journal.map((r) => r.eventId),
    journal.map((r) => r.version),
    journal.map((r) => r.fingerprint),
    journal.map((r) => JSON.stringify(r.event)),
    journal.map((r) => JSON.stringify(r.outcome)),
    journal.map((r) => JSON.stringify(r.entries)),
  ];
}

type SaveAnswer = "won" | "lost" | "journaled" | StoreRefusal;

async function save(
  driver: SqlDriver,
  teamId: string,
  loaded: LoadedTeam,
  team: TeamState,
  journal: readonly TeamJournalEvent[],
): Promise<SaveAnswer> {
  const text = serializeTeam(team);
  // Stryker disable next-line StringLiteral: invariant message: a team applyTeamEvent made serializes
  assert(text.ok, "serializeTeam refused a team applyTeamEvent made");
  const params = [teamId, loaded.version, team.version, text.value, ...encodeJournal(journal)];
  try {
    const rows = (await driver.query(saveTeamSql(loaded.version === 0), params)).rows;
    if (readVersion(rows[0]?.saved) === 1) return "won";
    // Stryker disable next-line StringLiteral: equivalent: the loop treats an answer it does not name as a lost race
    return "lost";
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

/** A request of the flight as it stands in one attempt. */
interface Decided {
  readonly planned: Planned;
  readonly index: number;
}

/** Decides one request on `team`: its events, the journal when asked, its plan. */
async function decideOne(
  driver: SqlDriver,
  teamId: string,
  decide: TeamDecide,
  team: TeamState,
  attempt: number,
  consultJournal: boolean,
  inFlight: ReadonlyMap<string, TeamJournalEvent>,
): Promise<Planned | StoreRefusal> {
  const events = decide(team, attempt);
  if (!Array.isArray(events) || events.length > eventsPerDecisionMax)
    return refuse(
      storeError(
        "invalid_input",
        `decide must return at most ${eventsPerDecisionMax} team events.`,
        ["events"],
        {
          eventsPerDecisionMax,
        },
      ),
    );
  const ids = events.map(idOf).filter((id): id is string => id !== null);
  const lookUp = async () => {
    const found = await journaled(driver, teamId, ids);
    return found.ok ? { ok: true as const, byId: new Map([...inFlight, ...found.byId]) } : found;
  };
  let known = consultJournal ? await lookUp() : { ok: true as const, byId: inFlight };
  if (!known.ok) return known;
  let planned = plan(team, events, known.byId);
  if (!planned.ok && !consultJournal) {
    // A retry the row no longer remembers may be refused as new (behind the clock, say): the journal knows it.
    known = await lookUp();
    if (!known.ok) return known;
    planned = plan(team, events, known.byId);
  }
  if (!planned.ok) return planned;
  return withFirstOutcomes(driver, teamId, events, planned);
}

/**
 * Flies `decides` (one per request) on one team: every request gets an answer, in order.
 * A request refused in an attempt keeps its refusal; the others are saved together.
 */
export async function fly(
  driver: SqlDriver,
  teamId: string,
  decides: readonly TeamDecide[],
  settings: FlightSettings,
): Promise<FlightAnswer[]> {
  const answers: (FlightAnswer | undefined)[] = decides.map(() => undefined);
  const answerAll = (value: TeamSaved | StoreRefusal | ((i: number) => TeamSaved | StoreRefusal)) => {
    for (let i = 0; i < answers.length; i++)
      if (answers[i] === undefined)
        answers[i] = { ok: true, value: typeof value === "function" ? value(i) : value };
  };
  let consultJournal = false;
  // Lost races count against attemptsMax; the one save the journal turns back does not.
  let budget = settings.attempts;
  for (let attempt = 1; attempt <= budget; attempt++) {
    const loaded = await loadTeam(driver, teamId, settings);
    if (!loaded.ok) {
      answerAll(loaded);
      break;
    }
    let team = loaded.team;
    const decided: Decided[] = [];
    const inFlight = new Map<string, TeamJournalEvent>();
    for (let i = 0; i < decides.length; i++) {
      if (answers[i] !== undefined) continue;
      let planned: Planned | StoreRefusal;
      try {
        planned = await decideOne(
          driver,
          teamId,
          decides[i] as TeamDecide,
          team,
          attempt,
          consultJournal,
          inFlight,
        );
      } catch (thrown) {
        answers[i] = { ok: false, thrown };
        continue;
      }
      if (!planned.ok) {
        answers[i] = { ok: true, value: planned };
        continue;
      }
      team = planned.team;
      for (const row of planned.journal) inFlight.set(row.eventId, row);
      decided.push({ planned, index: i });
    }
    const base = { ok: true as const, teamId, attempts: attempt };
    // Every request not answered yet was decided in this attempt: it has a plan.
    const planOf = (i: number) => (decided.find((d) => d.index === i) as Decided).planned;
    if (inFlight.size === 0) {
      answerAll((i) => ({
        ...base,
        team,
        version: loaded.version,
        results: planOf(i).results,
        saved: false,
      }));
      break;
    }
    const answer = await save(driver, teamId, loaded, team, [...inFlight.values()]);
    if (answer === "won") {
      answerAll((i) => {
        const planned = planOf(i);
        const saved = planned.journal.length > 0;
        return { ...base, team, version: team.version, results: planned.results, saved };
      });
      break;
    }
    if (typeof answer === "object") {
      answerAll(answer);
      break;
    }
    if (answer === "journaled" && !consultJournal) {
      // An id the row forgot but the journal holds: decide again, consulting the journal.
      consultJournal = true;
      budget++;
      continue;
    }
    const ids = decided.flatMap((d) => d.planned.journal.map((r) => r.eventId));
    const delay =
      attempt < budget ? (settings.retryDelayMs?.(attempt) ?? backoffMs(attempt, teamId, ids)) : 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }
  answerAll(
    refuse(
      storeError(
        "retries_exhausted",
        `Team "${teamId}" changed under every one of ${settings.attempts} attempts; retry later or raise attemptsMax.`,
        [],
        { teamId, attempts: settings.attempts },
      ),
    ),
  );
  return answers as FlightAnswer[];
}
