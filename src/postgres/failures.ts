/**
 * The store's refusals, as `LedgerError` values: a database that failed, a save that
 * lost its race, a retry loop that gave up, and the prefixing of a stored row's errors
 * with the column they were found in.
 */
import type { FieldPath, LedgerError, LedgerErrorCode } from "token-plan";

/** Builds a store error (the core's `ledgerError`, which the public API does not export). */
export function storeError(
  code: LedgerErrorCode,
  message: string,
  path: FieldPath = [],
  params: LedgerError["params"] = {},
): LedgerError {
  return { code, message, path, params };
}

/**
 * A refusal of the store: the typed error; nothing was written.
 *
 * @example
 * const loaded = await store.load("");
 * if (!loaded.ok) console.log(loaded.error.code, loaded.error.path); //=> "invalid_input" ["accountId"]
 */
export interface StoreRefusal {
  readonly ok: false;
  readonly error: LedgerError;
}

/** Wraps an error as a refusal. */
export function refuse(error: LedgerError): StoreRefusal {
  return { ok: false, error };
}

/** The SQLSTATE of a driver's error (`pg` and PGlite both put it in `code`), or null. */
export function sqlStateOf(thrown: unknown): string | null {
  const code = typeof thrown === "object" && thrown !== null ? (thrown as { code?: unknown }).code : null;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** The unique constraint a driver's error says was violated (SQLSTATE 23505), or null for any other error. */
export function violatedUniqueConstraint(thrown: unknown): string | null {
  if (sqlStateOf(thrown) !== "23505") return null;
  const name = (thrown as { constraint?: unknown }).constraint;
  return typeof name === "string" ? name : null;
}

function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  return typeof thrown === "string" ? thrown : "an unknown failure";
}

/** The driver threw: the database is down, the connection dropped, or the server refused the SQL. */
export function storeUnavailable(operation: string, accountId: string | null, thrown: unknown): LedgerError {
  const sqlState = sqlStateOf(thrown);
  const account = accountId === null ? "" : ` for account "${accountId}"`;
  return storeError(
    "store_unavailable",
    `The database failed during ${operation}${account}: ${describeThrown(thrown)}${sqlState === null ? "" : ` (SQLSTATE ${sqlState})`}. Nothing was half-written (each change is one statement); check the connection and retry.`,
    [],
    { operation, accountId, sqlState },
  );
}

/** A stored row's error, prefixed with the column it was found in and naming the account. */
export function rowError(error: LedgerError, column: string, accountId: string): LedgerError {
  return {
    code: error.code,
    message: `Account "${accountId}", column ${column}: ${error.message}`,
    path: [column, ...error.path],
    params: { ...error.params, accountId },
  };
}
