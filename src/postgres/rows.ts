/**
 * Reading what a driver hands back. Drivers differ (`pg` returns a bigint column as a
 * string, PGlite as a number) and a row may have been edited by hand, so every value is
 * checked before it is trusted; a bad one is a typed error naming its column.
 */
import type { LedgerEntry, LedgerError, LedgerEvent, LedgerOutcome } from "token-plan";
import type { SqlRow } from "./driver";
import { storeError } from "./failures";

/** A version column as a safe integer ≥ 0, or null when it is not one. */
export function readVersion(value: unknown): number | null {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "bigint" || (typeof value === "string" && /^\d{1,16}$/.test(value))
        ? Number(value)
        : Number.NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * One journal row, read back: the event as it was given, the version it moved the
 * ledger to, its content fingerprint, its first receipt and the entries it caused.
 *
 * @example
 * const found = await store.find("acct-1", ["req-7"]);
 * found.ok && found.events[0]?.outcome.type; //=> "usage"
 */
export interface JournalEvent {
  readonly eventId: string;
  /** The ledger's version right after this event. */
  readonly version: number;
  readonly fingerprint: string;
  readonly event: LedgerEvent;
  /** The receipt the event got when it was applied (what a duplicate answers). */
  readonly outcome: LedgerOutcome;
  /** The audit entries it caused (time passing up to its instant included). */
  readonly entries: readonly LedgerEntry[];
}

function journalProblem(accountId: string, eventId: unknown, column: string, what: string): LedgerError {
  const id = typeof eventId === "string" ? eventId : null;
  return storeError(
    "invalid_state",
    `Account "${accountId}", journal row ${id === null ? "(no event id)" : `"${id}"`}: column ${column} ${what}; the journal is written only by the store, so this row was edited by hand.`,
    ["journal", id ?? "", column],
    { accountId, eventId: id },
  );
}

function parsedJson(text: unknown): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a failure's value is undefined, which every check after it refuses too
  if (typeof text !== "string") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a failure's value is undefined, which every check after it refuses too
    return { ok: false };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Decodes a journal row, or names the column that is not what the store wrote. */
export function decodeJournalRow(
  row: SqlRow,
  accountId: string,
): { readonly ok: true; readonly value: JournalEvent } | { readonly ok: false; readonly error: LedgerError } {
  const eventId = row.event_id;
  const fail = (column: string, what: string) => ({
    ok: false as const,
    error: journalProblem(accountId, eventId, column, what),
  });
  if (typeof eventId !== "string" || eventId.length === 0) return fail("event_id", "is not an id");
  const version = readVersion(row.version);
  if (version === null || version < 1) return fail("version", "is not a version ≥ 1");
  if (typeof row.fingerprint !== "string" || row.fingerprint.length === 0)
    return fail("fingerprint", "is empty");
  const event = parsedJson(row.event);
  if (!event.ok || !isObject(event.value) || event.value.id !== eventId)
    return fail("event", "is not the JSON of an event with this id");
  const outcome = parsedJson(row.receipt);
  if (!outcome.ok || !isObject(outcome.value) || typeof outcome.value.type !== "string")
    return fail("receipt", "is not the JSON of an outcome");
  const entries = parsedJson(row.entries);
  if (!entries.ok || !Array.isArray(entries.value)) return fail("entries", "is not a JSON array of entries");
  return {
    ok: true,
    value: {
      eventId,
      version,
      fingerprint: row.fingerprint,
      event: event.value as unknown as LedgerEvent,
      outcome: outcome.value as unknown as LedgerOutcome,
      entries: entries.value as readonly LedgerEntry[],
    },
  };
}
