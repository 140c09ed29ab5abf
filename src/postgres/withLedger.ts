/**
 * The request loop of a gateway: load one account's ledger, let the caller decide the
 * events from it, apply them, and save with compare-and-swap (journal rows in the same
 * statement). A lost race reloads and decides again, a bounded number of times.
 */
import {
  applyEvent,
  eventFingerprint,
  type LedgerEntry,
  type LedgerEvent,
  type LedgerOutcome,
  type LedgerState,
} from "token-plan";
import { refuse, type StoreRefusal, storeError } from "./failures";
import { attemptsDefault, eventsPerDecisionMax } from "./limits";
import { backoffMs, retryOptionsProblem } from "./retry";
import type { JournalEvent } from "./rows";
import type { JournalRecord, LedgerStore } from "./store";

/**
 * What `decide` is told besides the state.
 *
 * @example
 * const decide = (state: LedgerState, context: DecideContext) => (context.attempt > 1 ? [] : [usage]);
 */
export interface DecideContext {
  readonly accountId: string;
  /** The loaded version (0 for a new account). */
  readonly version: number;
  /** 1 on the first attempt, 2 after one lost race, … */
  readonly attempt: number;
}

/**
 * What `decide` returns: the events to apply, or the events and a value of the caller's
 * own (an admission answer, a refusal to show) handed back in the result.
 *
 * @example
 * const decision: LedgerDecision<string> = { events: [], value: "refused: 5-hour window full" };
 */
export type LedgerDecision<T> =
  | readonly LedgerEvent[]
  | { readonly events: readonly LedgerEvent[]; readonly value: T };

/**
 * Options of {@link withLedger}.
 *
 * @example
 * const options: WithLedgerOptions = { attemptsMax: 20, retryDelayMs: (attempt) => attempt * 2 };
 */
export interface WithLedgerOptions {
  /** Attempts before `retries_exhausted` (default 10, at most 1,000). */
  readonly attemptsMax?: number;
  /**
   * Milliseconds to wait after losing race number `attempt`. Default: exponential
   * backoff from 2 ms, doubling to at most 100 ms, with "full jitter" (a fraction drawn
   * from the decision's own event ids, so two writers racing for one account wait
   * different times and the same request always waits the same). `() => 0` retries at once.
   */
  readonly retryDelayMs?: (attempt: number) => number;
}

/**
 * One decided event, as recorded: applied (with its entries and the version it moved the
 * ledger to) or a duplicate (with its first receipt).
 *
 * @example
 * const [first] = recorded.events;
 * first?.duplicate; //=> false
 */
export interface RecordedEvent {
  readonly eventId: string;
  readonly duplicate: boolean;
  /**
   * The receipt. For a duplicate: the first receipt, from the journal when the store
   * holds idempotency, else what the ledger can rebuild (see `applyEvent`).
   */
  readonly outcome: LedgerOutcome;
  /** The entries it caused now (none for a duplicate). */
  readonly entries: readonly LedgerEntry[];
  /** The version it moved the ledger to; for a duplicate, that of its first application when the journal knows it, else null. */
  readonly version: number | null;
}

/**
 * What {@link withLedger} returns when the decision was recorded (or changed nothing).
 *
 * @example
 * const recorded = await withLedger(store, "acct-1", () => [usage]);
 * recorded.ok && recorded.events[0]?.outcome.type; //=> "usage"
 */
export interface LedgerRecorded<T> {
  readonly ok: true;
  readonly accountId: string;
  /** The ledger after the decision: as saved, or as loaded when nothing was applied. */
  readonly state: LedgerState;
  readonly version: number;
  /** One per decided event, in order. */
  readonly events: readonly RecordedEvent[];
  /** The value `decide` returned beside its events (undefined when it returned a list). */
  readonly value: T | undefined;
  /** Whether a row was written (false when every event was a duplicate, or there were none). */
  readonly saved: boolean;
  readonly attempts: number;
}

function decisionEvents<T>(
  decision: LedgerDecision<T>,
):
  | { readonly ok: true; readonly events: readonly LedgerEvent[]; readonly value: T | undefined }
  | StoreRefusal {
  const events = Array.isArray(decision)
    ? (decision as readonly LedgerEvent[])
    : (decision as { events?: unknown } | null)?.events;
  if (!Array.isArray(events) || events.length > eventsPerDecisionMax) {
    return refuse(
      storeError(
        "invalid_input",
        `decide must return a list of at most ${eventsPerDecisionMax} events, or { events, value }.`,
        ["events"],
        { eventsPerDecisionMax },
      ),
    );
  }
  const value = Array.isArray(decision) ? undefined : (decision as { value: T }).value;
  return { ok: true, events, value };
}

const idOf = (event: unknown): string | null => {
  const id = typeof event === "object" && event !== null ? (event as { id?: unknown }).id : null;
  return typeof id === "string" ? id : null;
};

interface Planned {
  readonly ok: true;
  readonly state: LedgerState;
  readonly events: RecordedEvent[];
  readonly journal: JournalRecord[];
}

/**
 * Applies the decided events to the loaded state. Ids in `known` (journal rows) are
 * duplicates with their stored receipt, or a `conflict` when the content differs.
 */
function plan(
  loaded: LedgerState,
  events: readonly LedgerEvent[],
  known: ReadonlyMap<string, JournalEvent>,
): Planned | StoreRefusal {
  let state = loaded;
  const recorded: RecordedEvent[] = [];
  const journal: JournalRecord[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as LedgerEvent;
    const id = idOf(event);
    const first = id === null ? undefined : known.get(id);
    // A known id is the key of its journal row: first.eventId is this event's id.
    if (first !== undefined) {
      const fingerprint = eventFingerprint(event);
      if (!fingerprint.ok)
        return refuse({ ...fingerprint.error, path: ["events", i, ...fingerprint.error.path] });
      if (fingerprint.value !== first.fingerprint) {
        return refuse(
          storeError(
            "conflict",
            `Event id "${id}" was already recorded (version ${first.version}) with different content; use a new id for a new event.`,
            ["events", i, "id"],
            { id, version: first.version },
          ),
        );
      }
      recorded.push({
        eventId: first.eventId,
        duplicate: true,
        outcome: first.outcome,
        entries: [],
        version: first.version,
      });
      continue;
    }
    const applied = applyEvent(state, event);
    if (!applied.ok) return refuse({ ...applied.error, path: ["events", i, ...applied.error.path] });
    // applyEvent took it, so it is an event with an id.
    const eventId = event.id;
    if (applied.duplicate) {
      recorded.push({ eventId, duplicate: true, outcome: applied.outcome, entries: [], version: null });
      continue;
    }
    state = applied.state;
    journal.push({ event, version: state.version, outcome: applied.outcome, entries: applied.entries });
    recorded.push({
      eventId,
      duplicate: false,
      outcome: applied.outcome,
      entries: applied.entries,
      version: state.version,
    });
  }
  return { ok: true, state, events: recorded, journal };
}

/** Replaces the ledger's answer to a duplicate with the journal's first receipt, where it has one. */
async function withFirstReceipts(
  store: LedgerStore,
  accountId: string,
  planned: Planned,
): Promise<Planned | StoreRefusal> {
  const ids = planned.events.filter((e) => e.duplicate && e.version === null).map((e) => e.eventId);
  if (ids.length === 0) return planned;
  const found = await store.find(accountId, ids);
  if (!found.ok) return found;
  const byId = new Map(found.events.map((e) => [e.eventId, e]));
  const events = planned.events.map((e) => {
    const first = e.duplicate && e.version === null ? byId.get(e.eventId) : undefined;
    return first === undefined ? e : { ...e, outcome: first.outcome, version: first.version };
  });
  return { ...planned, events };
}

const none = { ok: true as const, byId: new Map<string, JournalEvent>() };

/** The journal rows of the decided events' ids. */
async function journaled(
  store: LedgerStore,
  accountId: string,
  events: readonly LedgerEvent[],
): Promise<{ readonly ok: true; readonly byId: ReadonlyMap<string, JournalEvent> } | StoreRefusal> {
  const ids = events.map(idOf).filter((id): id is string => id !== null);
  const found = await store.find(accountId, ids);
  if (!found.ok) return found;
  return { ok: true, byId: new Map(found.events.map((e) => [e.eventId, e])) };
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Loads an account's ledger, asks `decide` for the events to record, applies them and
 * saves with compare-and-swap, journal rows in the same statement. When another writer
 * saved first, it loads again and decides again (so `decide` must have no side effects
 * and may run more than once), up to `attemptsMax` times, then `retries_exhausted`.
 *
 * A refused event (bad input, a conflict, time going back) refuses the whole decision
 * with its path under `events` and writes nothing. Duplicates change nothing and answer
 * with their first receipt; a decision that applies nothing writes nothing. An error
 * thrown by `decide` propagates unchanged.
 *
 * @example
 * const recorded = await withLedger(store, "acct-1", (state) => {
 *   const at = Math.max(Date.now(), state.clockMs ?? 0); // never before the ledger's clock
 *   return [{ type: "usage", id: "req-7", at, resource: "MiniMax-M3", measures: { outputTokens: 900 } }];
 * });
 * recorded.ok && recorded.events[0]?.outcome.type; //=> "usage"
 */
export async function withLedger<T = undefined>(
  store: LedgerStore,
  accountId: string,
  decide: (state: LedgerState, context: DecideContext) => LedgerDecision<T> | Promise<LedgerDecision<T>>,
  options: WithLedgerOptions = {},
): Promise<LedgerRecorded<T> | StoreRefusal> {
  const badOptions = retryOptionsProblem(options);
  if (badOptions !== null) return refuse(badOptions);
  if (typeof decide !== "function")
    return refuse(storeError("invalid_input", "Expected decide as a function of the state.", ["decide"]));
  const attempts = options.attemptsMax ?? attemptsDefault;
  const journaling = store.idempotency === "store";
  let consultJournal = false;
  // Lost races count against attemptsMax; the one save the journal turns back (below) does not.
  let budget = attempts;
  for (let attempt = 1; attempt <= budget; attempt++) {
    const loaded = await store.load(accountId);
    if (!loaded.ok) return loaded;
    const decision = decisionEvents(
      await decide(loaded.state, { accountId, version: loaded.version, attempt }),
    );
    if (!decision.ok) return decision;
    const known = journaling && consultJournal ? await journaled(store, accountId, decision.events) : none;
    if (!known.ok) return known;
    let planned = plan(loaded.state, decision.events, known.byId);
    if (!planned.ok && journaling && !consultJournal) {
      // A retry older than the ledger's memory is refused as new (its instant is behind the
      // clock, say): the journal knows it, and its first receipt is the answer.
      consultJournal = true;
      const again = await journaled(store, accountId, decision.events);
      if (!again.ok) return again;
      planned = plan(loaded.state, decision.events, again.byId);
    }
    if (!planned.ok) return planned;
    const answered = journaling ? await withFirstReceipts(store, accountId, planned) : planned;
    if (!answered.ok) return answered;
    const result = {
      ok: true as const,
      accountId,
      events: answered.events,
      value: decision.value,
      attempts: attempt,
    };
    if (answered.journal.length === 0)
      return { ...result, state: loaded.state, version: loaded.version, saved: false };
    const saved = await store.save(
      accountId,
      answered.state,
      loaded.version,
      journaling ? answered.journal : [],
    );
    if (saved.ok) return { ...result, state: answered.state, version: saved.version, saved: true };
    const journalHit = saved.error.code === "conflict" && saved.error.params.journaled === true;
    if (journalHit && !consultJournal) {
      // An id the ledger forgot but the journal holds: decide again, consulting the journal.
      consultJournal = true;
      budget++;
      continue;
    }
    if (!journalHit && saved.error.code !== "version_conflict") return saved;
    const delayMs =
      attempt >= budget
        ? 0
        : (options.retryDelayMs?.(attempt) ??
          backoffMs(
            attempt,
            accountId,
            answered.events.map((e) => e.eventId),
          ));
    if (delayMs > 0) await pause(delayMs);
  }
  return refuse(
    storeError(
      "retries_exhausted",
      `Account "${accountId}": gave up after ${attempts} attempts, each losing its compare-and-swap to another writer. Nothing of this decision was written; retry later, or raise attemptsMax if this account is this busy.`,
      [],
      { accountId, attempts },
    ),
  );
}
