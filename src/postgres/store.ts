/**
 * A `LedgerStore`: one row per account, read with `load` and written with a
 * compare-and-swap `save` on the ledger's `version`, and an append-only journal of
 * applied events with their first receipts. The store holds no lock, connection or
 * cache: every call is one statement through the app's driver, so any number of
 * gateway instances can share one database.
 */
import {
  type Catalog,
  type CreateLedgerOptions,
  createLedger,
  eventFingerprint,
  type LedgerEntry,
  type LedgerError,
  type LedgerEvent,
  type LedgerOutcome,
  type LedgerState,
  parseLedger,
  serializeLedger,
} from "token-plan";
import * as z from "zod/mini";
import { assert } from "../assert";
import { parseWith } from "../validation";
import type { SqlDriver, SqlRow } from "./driver";
import {
  refuse,
  rowError,
  type StoreRefusal,
  storeError,
  storeUnavailable,
  violatedUniqueConstraint,
} from "./failures";
import {
  accountIdLengthMax,
  eventsPerDecisionMax,
  journalPageMax,
  storeEventIdsRememberedDefault,
} from "./limits";
import { decodeJournalRow, type JournalEvent, readVersion } from "./rows";
import {
  findSql,
  journalKeyConstraint,
  journalSql,
  journalVersionConstraint,
  loadSql,
  saveSql,
} from "./statements";

/**
 * Where idempotency lives. `"store"` (the default): the journal's primary key on
 * (account, event id) answers a retried id at any age with its first receipt, and the
 * ledger row remembers only a few ids (16 by default, for voids of recent usages).
 * `"ledger"`: the ledger row's own id memory (128 by default) is the only record, the
 * journal is not written, and a retry older than that memory is refused as earlier than
 * the ledger's clock, or applied again when it is not.
 *
 * @example
 * const idempotency: Idempotency = "store";
 */
export type Idempotency = "ledger" | "store";

/**
 * Options of {@link createLedgerStore}.
 *
 * @example
 * const options: LedgerStoreOptions = { catalogs: [defaultCatalog], idempotency: "store" };
 */
export interface LedgerStoreOptions {
  /**
   * The catalogs stored ledgers may be billed by (`parseLedger`'s `catalogs`). Default:
   * the new-ledger catalog alone. It must include the catalog new ledgers get.
   */
  readonly catalogs?: readonly Catalog[];
  /**
   * How a missing account's ledger is created (`createLedger`'s options). With
   * `idempotency: "store"`, `eventIdsRemembered` defaults to 16.
   */
  readonly ledgerOptions?: CreateLedgerOptions;
  /** Where idempotency lives (default `"store"`). */
  readonly idempotency?: Idempotency;
}

/**
 * A ledger as loaded: the state and its version. A missing account is a new ledger at
 * version 0 (`exists: false`); nothing is written until it is saved.
 *
 * @example
 * const loaded = await store.load("acct-1");
 * loaded.ok && loaded.version; //=> 0
 */
export interface LoadedLedger {
  readonly ok: true;
  readonly accountId: string;
  readonly state: LedgerState;
  /** The stored version (equal to `state.version`), 0 for a new account. */
  readonly version: number;
  readonly exists: boolean;
}

/**
 * A save that won its compare-and-swap.
 *
 * @example
 * const saved = await store.save("acct-1", next, loaded.version);
 * saved.ok && saved.version; //=> next.version
 */
export interface SavedLedger {
  readonly ok: true;
  readonly accountId: string;
  /** The version now stored. */
  readonly version: number;
  /** Journal rows written with it. */
  readonly journaled: number;
}

/**
 * One applied event to journal with a save: the event, the version it moved the ledger
 * to, and what `applyEvent` answered (its outcome and entries).
 *
 * @example
 * const record: JournalRecord = { event, version: r.state.version, outcome: r.outcome, entries: r.entries };
 */
export interface JournalRecord {
  readonly event: LedgerEvent;
  readonly version: number;
  readonly outcome: LedgerOutcome;
  readonly entries: readonly LedgerEntry[];
}

/**
 * Journal rows, in version order.
 *
 * @example
 * const read = await store.journal("acct-1");
 * read.ok && read.events.map((e) => e.eventId); //=> ["sub", "req-1", ...]
 */
export interface JournalRead {
  readonly ok: true;
  readonly events: readonly JournalEvent[];
}

/**
 * Which journal rows {@link LedgerStore.journal} returns.
 *
 * @example
 * const page: JournalOptions = { afterVersion: 1000, limit: 500 };
 */
export interface JournalOptions {
  /** Only rows after this version (default 0: from the start). */
  readonly afterVersion?: number;
  /** At most this many rows (default and maximum 10,000). */
  readonly limit?: number;
}

/**
 * Ledgers in Postgres, one row per account. Make one with {@link createLedgerStore};
 * record events with {@link withLedger}, which loads, decides, applies and saves with
 * compare-and-swap, retrying a lost race.
 *
 * @example
 * const created = createLedgerStore(pgliteDriver(db), { idempotency: "store" });
 * if (created.ok) await withLedger(created.store, "acct-1", () => [usage]);
 */
export interface LedgerStore {
  readonly idempotency: Idempotency;
  /** The ledger of an account, or a new one when the account has no row. Never writes. */
  load(accountId: string): Promise<LoadedLedger | StoreRefusal>;
  /**
   * Stores `state` if the account is still at `expectedVersion` (0: it has no row yet),
   * with `journal` rows in the same statement; otherwise `version_conflict` and nothing
   * is written. `state.version` must be past `expectedVersion`.
   */
  save(
    accountId: string,
    state: LedgerState,
    expectedVersion: number,
    journal?: readonly JournalRecord[],
  ): Promise<SavedLedger | StoreRefusal>;
  /** The journal rows of these event ids (those it has), in version order. */
  find(accountId: string, eventIds: readonly string[]): Promise<JournalRead | StoreRefusal>;
  /** The account's journal in version order: the commit order, for statements and reconciliation. */
  journal(accountId: string, options?: JournalOptions): Promise<JournalRead | StoreRefusal>;
}

/**
 * What {@link createLedgerStore} returns when its options are valid.
 *
 * @example
 * const created = createLedgerStore(driver);
 * if (!created.ok) throw new Error(created.error.message);
 * const store: LedgerStore = created.store;
 */
export interface LedgerStoreCreated {
  readonly ok: true;
  readonly store: LedgerStore;
}

const optionsSchema = z.strictObject(
  {
    catalogs: z.optional(z.unknown()),
    ledgerOptions: z.optional(
      z.record(z.string(), z.unknown(), { error: "Expected ledgerOptions as an object such as { catalog }" }),
    ),
    idempotency: z.optional(
      z.enum(["ledger", "store"], { error: 'Expected idempotency "ledger" or "store"' }),
    ),
  },
  { error: "Expected options as an object such as { catalogs, ledgerOptions, idempotency }" },
);

function prefixed(error: LedgerError, prefix: readonly (string | number)[]): LedgerError {
  return { ...error, path: [...prefix, ...error.path] };
}

/** Why an account id is refused, or null. */
export function accountIdProblem(accountId: unknown): LedgerError | null {
  if (typeof accountId === "string" && accountId.length >= 1 && accountId.length <= accountIdLengthMax)
    return null;
  return storeError(
    "invalid_input",
    `Expected an account id: a string of 1 to ${accountIdLengthMax} characters.`,
    ["accountId"],
    { accountIdLengthMax },
  );
}

function versionProblem(value: unknown, path: readonly (string | number)[]): LedgerError | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
    ? null
    : storeError("invalid_input", "Expected a version: a whole number ≥ 0.", path);
}

/**
 * A ledger store over a driver. Validates its options once: the catalogs, the options
 * new ledgers are created with, and that those ledgers can be read back.
 *
 * @example
 * const db = new PGlite();
 * const driver = pgliteDriver(db);
 * await migrate(driver);
 * const created = createLedgerStore(driver, { idempotency: "store" });
 * created.ok; //=> true
 */
export function createLedgerStore(
  driver: SqlDriver,
  options: LedgerStoreOptions = {},
): LedgerStoreCreated | StoreRefusal {
  if (typeof driver !== "object" || driver === null || typeof driver.query !== "function") {
    return refuse(
      storeError("invalid_input", "Expected a driver: an object with query(sql, params).", ["driver"]),
    );
  }
  const parsed = parseWith(optionsSchema, options, "invalid_input");
  if (!parsed.ok) return parsed;
  const idempotency: Idempotency = parsed.value.idempotency ?? "store";
  const ledgerOptions = (options.ledgerOptions ?? {}) as CreateLedgerOptions;
  const created = createLedger(
    idempotency === "store" && ledgerOptions.eventIdsRemembered === undefined
      ? { ...ledgerOptions, eventIdsRemembered: storeEventIdsRememberedDefault }
      : ledgerOptions,
  );
  if (!created.ok) return refuse(prefixed(created.error, ["ledgerOptions"]));
  const fresh = created.state;
  const catalogs = options.catalogs ?? [fresh.catalog];
  const text = serializeLedger(fresh);
  // Stryker disable next-line StringLiteral: an invariant's message (serializeLedger takes every state createLedger makes)
  assert(text.ok, "serializeLedger refused a state createLedger made");
  const readBack = parseLedger(text.value, { catalogs });
  if (!readBack.ok) {
    const error = readBack.error;
    if (error.code !== "invalid_state") return refuse(error);
    return refuse(
      storeError(
        "invalid_input",
        `New ledgers are billed by catalog "${fresh.catalog.id}", which is not among options.catalogs: the store could not read back the ledgers it creates. Add it to catalogs.`,
        ["catalogs"],
        { catalogId: fresh.catalog.id },
      ),
    );
  }
  return { ok: true, store: storeOver(driver, { catalogs, fresh, idempotency }) };
}

interface StoreSettings {
  readonly catalogs: readonly Catalog[];
  readonly fresh: LedgerState;
  readonly idempotency: Idempotency;
}

/** Reads a ledger row, or names the column that is not what the store wrote. */
function decodeLedgerRow(
  row: SqlRow,
  accountId: string,
  catalogs: readonly Catalog[],
): LoadedLedger | StoreRefusal {
  const parsed = parseLedger(row.state, { catalogs });
  if (!parsed.ok) return refuse(rowError(parsed.error, "state", accountId));
  const version = readVersion(row.version);
  if (version !== null && version > 0 && parsed.value.version === 0 && isVersionOne(row.state)) {
    return {
      ok: true,
      accountId,
      state: withVersion(parsed.value, version, catalogs),
      version,
      exists: true,
    };
  }
  if (version !== parsed.value.version) {
    return refuse(
      storeError(
        "invalid_state",
        `Account "${accountId}": the version column (${String(row.version)}) disagrees with the stored ledger's version (${parsed.value.version}); the row was edited by hand. Restore both from the journal or a backup.`,
        ["version"],
        { accountId, column: String(row.version) },
      ),
    );
  }
  return { ok: true, accountId, state: parsed.value, version, exists: true };
}

/** Whether a stored text is a version-1 ledger (written before the state counted its events). */
function isVersionOne(text: unknown): boolean {
  // parseLedger has just read it, so it is an object: the JSON text of one, or the object it parsed.
  const value = (typeof text === "string" ? JSON.parse(text) : text) as { schemaVersion?: unknown };
  return value.schemaVersion === 1;
}

/**
 * A version-1 row's ledger at its column's version. Version-1 text has no counter (it
 * reads as 0), so the column is the only record of where the row is; the next save
 * writes current-version text that carries it.
 */
function withVersion(state: LedgerState, version: number, catalogs: readonly Catalog[]): LedgerState {
  const text = serializeLedger(state);
  // Stryker disable next-line StringLiteral: an invariant's message (serializeLedger takes every state parseLedger makes)
  assert(text.ok, "serializeLedger refused a state parseLedger made");
  const stamped = parseLedger({ ...(JSON.parse(text.value) as object), version }, { catalogs });
  // Stryker disable next-line StringLiteral,ArrowFunction: an invariant's message (a parsed state stamped with a version ≥ 1 reads back)
  assert(stamped.ok, () => `a version-1 ledger did not read back at version ${version}`);
  return stamped.value;
}

interface EncodedJournal {
  readonly ids: string[];
  readonly versions: number[];
  readonly fingerprints: string[];
  readonly events: string[];
  readonly receipts: string[];
  readonly entries: string[];
}

/** Checks journal records against the save they come with and encodes them as the statement's arrays. */
function encodeJournal(
  journal: unknown,
  expectedVersion: number,
  stateVersion: number,
): { readonly ok: true; readonly value: EncodedJournal } | StoreRefusal {
  if (!Array.isArray(journal) || journal.length > eventsPerDecisionMax) {
    return refuse(
      storeError("invalid_input", `Expected journal records as a list of at most ${eventsPerDecisionMax}.`, [
        "journal",
      ]),
    );
  }
  const encoded: EncodedJournal = {
    ids: [],
    versions: [],
    fingerprints: [],
    events: [],
    receipts: [],
    entries: [],
  };
  let previous = expectedVersion;
  for (let i = 0; i < journal.length; i++) {
    const record: Partial<JournalRecord> =
      typeof journal[i] === "object" && journal[i] !== null ? journal[i] : {};
    const version = record.version;
    if (
      typeof version !== "number" ||
      !Number.isSafeInteger(version) ||
      version <= previous ||
      version > stateVersion
    ) {
      return refuse(
        storeError(
          "invalid_input",
          `Journal record ${i} must move the ledger past version ${previous} and not beyond the saved state's ${stateVersion}.`,
          ["journal", i, "version"],
        ),
      );
    }
    previous = version;
    const outcome: unknown = record.outcome;
    const missing =
      typeof outcome !== "object" ||
      outcome === null ||
      typeof (outcome as { type?: unknown }).type !== "string"
        ? "outcome"
        : Array.isArray(record.entries)
          ? null
          : "entries";
    if (missing !== null) {
      return refuse(
        storeError(
          "invalid_input",
          `Journal record ${i} needs the ${missing} applyEvent returned for its event.`,
          ["journal", i, missing],
        ),
      );
    }
    const event = record.event as LedgerEvent;
    const fingerprint = eventFingerprint(event);
    if (!fingerprint.ok) return refuse(prefixed(fingerprint.error, ["journal", i, "event"]));
    encoded.ids.push(event.id);
    encoded.versions.push(version);
    encoded.fingerprints.push(fingerprint.value);
    encoded.events.push(JSON.stringify(event));
    encoded.receipts.push(JSON.stringify(record.outcome));
    encoded.entries.push(JSON.stringify(record.entries));
  }
  return { ok: true, value: encoded };
}

function storeOver(driver: SqlDriver, settings: StoreSettings): LedgerStore {
  const { catalogs, fresh } = settings;

  async function find(accountId: string, eventIds: readonly string[]): Promise<JournalRead | StoreRefusal> {
    const badAccount = accountIdProblem(accountId);
    if (badAccount !== null) return refuse(badAccount);
    if (
      !Array.isArray(eventIds) ||
      eventIds.length > eventsPerDecisionMax ||
      !eventIds.every((id) => typeof id === "string")
    ) {
      return refuse(
        storeError("invalid_input", `Expected a list of at most ${eventsPerDecisionMax} event ids.`, [
          "eventIds",
        ]),
      );
    }
    if (eventIds.length === 0) return { ok: true, events: [] };
    return readJournal("find", accountId, findSql, [accountId, [...eventIds]]);
  }

  async function readJournal(
    operation: string,
    accountId: string,
    sql: string,
    params: readonly unknown[],
  ): Promise<JournalRead | StoreRefusal> {
    let rows: readonly SqlRow[];
    try {
      rows = (await driver.query(sql, params)).rows;
    } catch (thrown) {
      return refuse(storeUnavailable(operation, accountId, thrown));
    }
    const events: JournalEvent[] = [];
    for (const row of rows) {
      const decoded = decodeJournalRow(row, accountId);
      if (!decoded.ok) return decoded;
      events.push(decoded.value);
    }
    return { ok: true, events };
  }

  /** A save refused by the journal's key: name the id it already holds. */
  async function journalHit(
    accountId: string,
    ids: readonly string[],
    thrown: unknown,
  ): Promise<StoreRefusal> {
    const found = await find(accountId, ids);
    if (!found.ok) return found;
    const first = found.events[0];
    // The key refused a row the journal no longer shows (deleted by hand since): report the refusal as it came.
    if (first === undefined) return refuse(storeUnavailable("save", accountId, thrown));
    return refuse(
      storeError(
        "conflict",
        `Account "${accountId}": the journal already holds event "${first.eventId}" (recorded at version ${first.version}), so this save would record it twice. Nothing was written; look it up with find() and leave it out.`,
        ["journal", ids.indexOf(first.eventId), "event", "id"],
        { accountId, eventId: first.eventId, journaled: true },
      ),
    );
  }

  return {
    idempotency: settings.idempotency,

    async load(accountId) {
      const badAccount = accountIdProblem(accountId);
      if (badAccount !== null) return refuse(badAccount);
      let rows: readonly SqlRow[];
      try {
        rows = (await driver.query(loadSql, [accountId])).rows;
      } catch (thrown) {
        return refuse(storeUnavailable("load", accountId, thrown));
      }
      const row = rows[0];
      if (row === undefined) return { ok: true, accountId, state: fresh, version: 0, exists: false };
      return decodeLedgerRow(row, accountId, catalogs);
    },

    async save(accountId, state, expectedVersion, journal = []) {
      const badAccount = accountIdProblem(accountId);
      if (badAccount !== null) return refuse(badAccount);
      const badExpected = versionProblem(expectedVersion, ["expectedVersion"]);
      if (badExpected !== null) return refuse(badExpected);
      const text = serializeLedger(state);
      if (!text.ok) return refuse(prefixed(text.error, ["state"]));
      if (state.version <= expectedVersion) {
        return refuse(
          storeError(
            "invalid_input",
            `The state to save is at version ${state.version}, not past the expected version ${expectedVersion}: save only a state that applied something since it was loaded.`,
            ["state", "version"],
            { version: state.version, expectedVersion },
          ),
        );
      }
      const encoded = encodeJournal(journal, expectedVersion, state.version);
      if (!encoded.ok) return encoded;
      const rows = encoded.value;
      const withJournal = rows.ids.length > 0;
      const params: unknown[] = [accountId, expectedVersion, state.version, text.value];
      if (withJournal)
        params.push(rows.ids, rows.versions, rows.fingerprints, rows.events, rows.receipts, rows.entries);
      let result: readonly SqlRow[];
      try {
        result = (await driver.query(saveSql(expectedVersion === 0, withJournal), params)).rows;
      } catch (thrown) {
        const violated = violatedUniqueConstraint(thrown);
        if (violated === journalKeyConstraint) return journalHit(accountId, rows.ids, thrown);
        if (violated === journalVersionConstraint) {
          return refuse(
            storeError(
              "invalid_state",
              `Account "${accountId}": the journal already holds a row past version ${expectedVersion}, so the ledger row is behind its own journal (restored from an older backup, or edited by hand). Nothing was written.`,
              ["version"],
              { accountId, expectedVersion },
            ),
          );
        }
        return refuse(storeUnavailable("save", accountId, thrown));
      }
      if (readVersion(result[0]?.saved) !== 1) {
        return refuse(
          storeError(
            "version_conflict",
            expectedVersion === 0
              ? `Account "${accountId}" was created by another writer since it was loaded; nothing was written. Load it again and retry.`
              : `Account "${accountId}" moved past version ${expectedVersion} (another writer saved first); nothing was written. Load it again and retry.`,
            ["expectedVersion"],
            { accountId, expectedVersion },
          ),
        );
      }
      return { ok: true, accountId, version: state.version, journaled: rows.ids.length };
    },

    find,

    async journal(accountId, options = {}) {
      const badAccount = accountIdProblem(accountId);
      if (badAccount !== null) return refuse(badAccount);
      const after = options.afterVersion ?? 0;
      const badAfter = versionProblem(after, ["options", "afterVersion"]);
      if (badAfter !== null) return refuse(badAfter);
      const limit = options.limit ?? journalPageMax;
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > journalPageMax) {
        return refuse(
          storeError("invalid_input", `Expected a limit from 1 to ${journalPageMax}.`, ["options", "limit"], {
            journalPageMax,
          }),
        );
      }
      return readJournal("journal", accountId, journalSql, [accountId, after, limit]);
    },
  };
}
