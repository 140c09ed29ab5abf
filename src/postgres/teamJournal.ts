/**
 * A team's journal: one row per applied team event, in version order, with its first
 * outcome and its entries. It answers a retried id at any age, and it is the team's
 * audit trail (`teamUsageByMember` over its entries gives usage by member for any period).
 */
import type { LedgerError, TeamEntry, TeamEvent, TeamOutcome } from "token-plan";
import type { SqlDriver, SqlRow } from "./driver";
import { refuse, type StoreRefusal, storeError, storeUnavailable } from "./failures";
import { accountIdLengthMax, journalPageMax } from "./limits";
import { readVersion } from "./rows";
import { findTeamEventsSql, teamJournalSql } from "./teamStatements";

/**
 * One journaled team event: the event as given, the team version right after it, its
 * content fingerprint, the outcome it got when applied (what a retry answers) and its entries.
 *
 * @example
 * const read = await readTeamJournal(driver, "team-1");
 * read.ok && read.events[0]?.outcome.type; //=> "seat"
 */
export interface TeamJournalEvent {
  readonly eventId: string;
  readonly version: number;
  readonly fingerprint: string;
  readonly event: TeamEvent;
  readonly outcome: TeamOutcome;
  readonly entries: readonly TeamEntry[];
}

/**
 * What {@link readTeamJournal} returns: journal rows in version order.
 *
 * @example
 * const read: TeamJournalRead = { ok: true, events: [] };
 */
export interface TeamJournalRead {
  readonly ok: true;
  readonly events: readonly TeamJournalEvent[];
}

/**
 * Which rows {@link readTeamJournal} returns.
 *
 * @example
 * const page: TeamJournalOptions = { afterVersion: 500, limit: 500 };
 */
export interface TeamJournalOptions {
  /** Only rows after this version (default 0: from the start). */
  readonly afterVersion?: number;
  /** At most this many rows (default and maximum 10,000). */
  readonly limit?: number;
}

/** Why a team id is refused, or null. */
export function teamIdProblem(teamId: unknown): LedgerError | null {
  if (typeof teamId === "string" && teamId.length >= 1 && teamId.length <= accountIdLengthMax) return null;
  return storeError(
    "invalid_input",
    `Expected a team id: a string of 1 to ${accountIdLengthMax} characters.`,
    ["teamId"],
    { teamIdLengthMax: accountIdLengthMax },
  );
}

function parsedJson(text: unknown): unknown {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A text that is not JSON reads as nothing, which every check below refuses.
  }
  return undefined;
}

/**
 * A field of a parsed JSON value, or undefined. Primitives and arrays have no `id` or
 * `type`, so the checks below need no test of the value's kind besides null.
 */
const fieldOf = (value: unknown, name: "id" | "type"): unknown =>
  value === null || value === undefined ? undefined : (value as Record<string, unknown>)[name];

/** Decodes a team journal row, or names the column that is not what the store wrote. */
export function decodeTeamJournalRow(
  row: SqlRow,
  teamId: string,
): { readonly ok: true; readonly value: TeamJournalEvent } | StoreRefusal {
  const eventId = row.event_id;
  const fail = (column: string, what: string): StoreRefusal => {
    const id = typeof eventId === "string" ? eventId : null;
    return refuse(
      storeError(
        "invalid_state",
        `Team "${teamId}", journal row ${id === null ? "(no event id)" : `"${id}"`}: column ${column} ${what}; the journal is written only by the store, so this row was edited by hand.`,
        ["journal", id ?? "", column],
        { teamId, eventId: id },
      ),
    );
  };
  if (typeof eventId !== "string" || eventId.length === 0) return fail("event_id", "is not an id");
  const version = readVersion(row.version) ?? 0;
  if (version < 1) return fail("version", "is not a version ≥ 1");
  if (typeof row.fingerprint !== "string" || row.fingerprint.length === 0)
    return fail("fingerprint", "is empty");
  const event = parsedJson(row.event);
  if (fieldOf(event, "id") !== eventId) return fail("event", "is not the JSON of a team event with this id");
  const outcome = parsedJson(row.outcome);
  if (typeof fieldOf(outcome, "type") !== "string") return fail("outcome", "is not the JSON of an outcome");
  const entries = parsedJson(row.entries);
  if (!Array.isArray(entries)) return fail("entries", "is not a JSON array of entries");
  return {
    ok: true,
    value: {
      eventId,
      version,
      fingerprint: row.fingerprint,
      event: event as unknown as TeamEvent,
      outcome: outcome as unknown as TeamOutcome,
      entries: entries as readonly TeamEntry[],
    },
  };
}

async function readRows(
  driver: SqlDriver,
  operation: string,
  teamId: string,
  sql: string,
  params: readonly unknown[],
): Promise<TeamJournalRead | StoreRefusal> {
  let rows: readonly SqlRow[];
  try {
    rows = (await driver.query(sql, params)).rows;
  } catch (thrown) {
    return refuse(storeUnavailable(operation, teamId, thrown));
  }
  const events: TeamJournalEvent[] = [];
  for (const row of rows) {
    const decoded = decodeTeamJournalRow(row, teamId);
    if (!decoded.ok) return decoded;
    events.push(decoded.value);
  }
  return { ok: true, events };
}

/** The journal rows of these event ids (those it has), in version order. */
export function findTeamEvents(
  driver: SqlDriver,
  teamId: string,
  eventIds: readonly string[],
): Promise<TeamJournalRead | StoreRefusal> {
  return readRows(driver, "find", teamId, findTeamEventsSql, [teamId, [...eventIds]]);
}

/**
 * A team's journal in version order (the commit order), a page at a time: for statements,
 * audits and usage by member over any period (`teamUsageByMember` over the entries).
 *
 * @example
 * const read = await readTeamJournal(driver, "team-1", { afterVersion: 0, limit: 1000 });
 * if (read.ok) teamUsageByMember(read.events.flatMap((e) => e.entries), { from, to });
 */
export async function readTeamJournal(
  driver: SqlDriver,
  teamId: string,
  options: TeamJournalOptions = {},
): Promise<TeamJournalRead | StoreRefusal> {
  const badTeam = teamIdProblem(teamId);
  if (badTeam !== null) return refuse(badTeam);
  if (typeof options !== "object" || options === null)
    return refuse(
      storeError("invalid_input", "Expected options as an object such as { afterVersion, limit }.", [
        "options",
      ]),
    );
  const after = options.afterVersion ?? 0;
  if (!Number.isSafeInteger(after) || after < 0)
    return refuse(
      storeError("invalid_input", "Expected afterVersion as a whole number ≥ 0.", [
        "options",
        "afterVersion",
      ]),
    );
  const limit = options.limit ?? journalPageMax;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > journalPageMax)
    return refuse(
      storeError("invalid_input", `Expected a limit from 1 to ${journalPageMax}.`, ["options", "limit"], {
        journalPageMax,
      }),
    );
  return readRows(driver, "journal", teamId, teamJournalSql, [teamId, after, limit]);
}
