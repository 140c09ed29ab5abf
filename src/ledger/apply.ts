/**
 * The Decider loop: check idempotency and time, bring the state up to the event's
 * instant, decide the facts, evolve the working copy, remember the event. One event or
 * many; nothing is half-applied on any error.
 */
import * as z from "zod/mini";
import { assert } from "../assert";
import { type Catalog, defaultCatalog, isDefinedCatalog } from "../catalog";
import type { LotDraw } from "../credits";
import { type LedgerError, ledgerError, quoteText } from "../errors";
import { guard } from "../guard";
import {
  eventIdsRememberedDefault,
  eventIdsRememberedMax,
  eventsPerCallMax,
  renewalsPerSettleMax,
} from "../limits";
import { calc, formatAmount } from "../money";
import { err, ok, type Result } from "../result";
import { renewalsDue, subscriptionAt } from "../subscription";
import { asEpochMs, formatInstant, type InstantInput, parseInstant } from "../time";
import { parseWith, withCode } from "../validation";
import {
  checkReferences,
  decideLot,
  decidePayArrears,
  decideSubscriptionEvent,
  decideVoid,
  decisionFromRecord,
  nextTimeFacts,
  priceUsageEvent,
  takeUsage,
  usageFacts,
} from "./decide";
import { DrainedLots, dropExpiredDrainedLots } from "./drained";
import { type LedgerEntryType, ledgerEntryTypes } from "./entries";
import { fastUsageEvent, fingerprint, type LedgerEvent, type NormalizedEvent, parseEvent } from "./events";
import { evolve } from "./evolve";
import { type Fact, type FactSink, type LedgerEntry, OutputFormatter, toEntry } from "./facts";
import { entrySink, laneUsage } from "./lane";
import { formatOutcome, type LedgerOutcome, type OutcomeInternal, usageReceipt } from "./outcomes";
import type { UsageRecord } from "./recent";
import { brandState, type LedgerState, schemaVersion, stateError, Work } from "./state";

/**
 * Options of {@link createLedger}.
 *
 * @example
 * const options: CreateLedgerOptions = { catalog: tokenPlanChinaCatalog, eventIdsRemembered: 1024 };
 */
export interface CreateLedgerOptions {
  /** The rules (default {@link defaultCatalog}). */
  readonly catalog?: Catalog;
  /** How many recent event ids to remember for idempotency and voids (default 128, at most 4,096). */
  readonly eventIdsRemembered?: number;
}

/**
 * A refusal: the typed error; the caller's state is unchanged.
 *
 * @example
 * const r = applyEvent(state, { type: "cancel", id: "c1", at: "2026-06-01T00:00:00Z" });
 * if (!r.ok) console.log(r.error.code); //=> "no_subscription"
 */
export interface Refusal {
  readonly ok: false;
  readonly error: LedgerError;
}

/**
 * A new, empty ledger for one account.
 *
 * @example
 * const created = createLedger({ catalog: defaultCatalog });
 * created.ok && created.state.clockMs; //=> null
 */
export function createLedger(
  options: CreateLedgerOptions = {},
): { readonly ok: true; readonly state: LedgerState } | Refusal {
  return guard(() => {
    const parsed = parseWith(createLedgerOptionsSchema, options, "invalid_input");
    if (!parsed.ok) return parsed;
    const catalog = parsed.value.catalog ?? defaultCatalog;
    const remembered = parsed.value.eventIdsRemembered ?? eventIdsRememberedDefault;
    return {
      ok: true,
      state: brandState({
        schemaVersion,
        version: 0,
        catalog,
        eventIdsRemembered: remembered,
        clockMs: null,
        subscription: null,
        windows: {},
        lots: [],
        recentEvents: [],
        arrearsCredits: formatAmount(calc.zero<"credits">()),
      }),
    };
  });
}

const createLedgerOptionsSchema = z.strictObject(
  {
    catalog: z.optional(
      z.custom<Catalog>(isDefinedCatalog, {
        error: "Expected a catalog made by defineCatalog or extendCatalog",
        ...withCode("invalid_catalog"),
      }),
    ),
    eventIdsRemembered: z.optional(
      z.int({ error: "Expected a whole number of event ids" }).check(
        z.refine((n) => n >= 1 && n <= eventIdsRememberedMax, {
          message: `eventIdsRemembered must be from 1 to ${eventIdsRememberedMax}`,
          ...withCode("limit_exceeded"),
        }),
      ),
    ),
  },
  { error: "Expected options as an object such as { catalog, eventIdsRemembered }" },
);

/**
 * Brings the working state up to `at`: expiries, renewals and lapses in time order, each a
 * fact. Refused (before any work) when that would pass more than `renewalsPerSettleMax`
 * period ends: each renewal is charged, so a jump of centuries is settled in steps.
 * `at` is never before the clock (every caller refuses that first).
 */
function settleWork(work: Work, at: number, sink: FactSink | null): LedgerError | null {
  // Most events come before the next lot expiry and period end: then only the clock moves.
  const lotDue = work.nextLotExpiry();
  // Stryker disable next-line ConditionalExpression,LogicalOperator,BlockStatement: equivalent: the general path below finds no fact due and moves the clock alike (only slower)
  if ((lotDue === null || lotDue > at) && (work.subscription === null || work.subscription.periodEnd > at)) {
    work.clock = at;
    return null;
  }
  const due = renewalsDue(work.compiled, work.subscription, at);
  if (due > renewalsPerSettleMax) {
    return ledgerError(
      "limit_exceeded",
      `Settling to ${formatInstant(asEpochMs(at))} would pass ${due} subscription period ends; one call passes at most ${renewalsPerSettleMax} (100 years): settle in steps.`,
      ["at"],
      { renewalsPerSettleMax, renewalsDue: due },
    );
  }
  dropExpiredDrainedLots(work, at);
  for (let facts = nextTimeFacts(work, at); facts !== null; facts = nextTimeFacts(work, at)) {
    for (const fact of facts) {
      evolve(work, fact);
      sink?.push(fact);
    }
  }
  work.clock = at;
  return null;
}

/**
 * Brings a query's working copy up to `at` with no entries to write: lots due by then are
 * gone and the subscription is computed in closed form, so a query at any instant costs
 * the same (the state is the one `settleWork` would reach). `at` is never before the clock.
 */
function settleForQuery(work: Work, at: number): void {
  const lots = work.lots.filter((lot) => lot.expiresAt > at);
  if (lots.length !== work.lots.length) work.lots = lots;
  const subscription = work.subscription;
  if (subscription !== null) {
    const next = subscriptionAt(work.compiled, subscription, at);
    if (next !== subscription) work.setSubscription(next);
  }
  work.clock = at;
}

type StepResult =
  | { readonly ok: true; readonly duplicate: boolean; readonly outcome: OutcomeInternal | null }
  | Refusal;

/** An error's path in a batch: the event's index first. Built only for an error, never per event. */
function within(index: number | null, path: readonly (string | number)[]): readonly (string | number)[] {
  return index === null ? path : [index, ...path];
}

/** A shared empty list (never changed): an event that drew no credits. */
const noDraws: readonly LotDraw[] = Object.freeze([]);

/** What a replay's step returns when it wants no outcome (shared: nothing to allocate per event). */
const appliedQuietly: StepResult = Object.freeze({ ok: true, duplicate: false, outcome: null });
const duplicateQuietly: StepResult = Object.freeze({ ok: true, duplicate: true, outcome: null });

function beforeClock(work: Work, at: number, path: readonly (string | number)[]): LedgerError {
  return ledgerError(
    "event_before_clock",
    `The event at ${formatInstant(asEpochMs(at))} is earlier than the ledger's clock ${formatInstant(asEpochMs(work.clock ?? 0))}; events must not go back in time.`,
    path,
    { at: formatInstant(asEpochMs(at)), clock: formatInstant(asEpochMs(work.clock ?? 0)) },
  );
}

/** Applies one validated event to the working copy. */
function step(
  work: Work,
  drained: DrainedLots,
  event: NormalizedEvent,
  sink: FactSink | null,
  wantOutcome: boolean,
  /** The event's index in a batch (its errors' paths start with it), or null for one event. */
  index: number | null,
  batchPreviousAt = Number.NEGATIVE_INFINITY,
): StepResult {
  // A usage is priced as its references are checked (the price needs no state).
  const priced = event.type === "usage" ? priceUsageEvent(work, event) : null;
  // Stryker disable next-line ConditionalExpression: equivalent: checkReferences prices a usage the same way (only slower)
  const referenceError = priced === null ? checkReferences(work, event) : priced.ok ? null : priced.error;
  if (referenceError !== null)
    return { ok: false, error: { ...referenceError, path: within(index, referenceError.path) } };
  const known = work.recent.fingerprintOf(event.id);
  if (known !== null) {
    if (known === fingerprint(event))
      return wantOutcome
        ? { ok: true, duplicate: true, outcome: firstOutcome(work, event) }
        : duplicateQuietly;
    return {
      ok: false,
      error: ledgerError(
        "conflict",
        `Event id "${event.id}" was already applied with different content; use a new id for a new event.`,
        within(index, ["id"]),
        { id: event.id },
      ),
    };
  }
  if (event.at < batchPreviousAt) {
    return {
      ok: false,
      error: ledgerError(
        "events_out_of_order",
        `Event ${index ?? 0} ("${event.id}") at ${formatInstant(asEpochMs(event.at))} comes before the event it follows; sort events by time.`,
        within(index, ["at"]),
        { index: index ?? 0, id: event.id },
      ),
    };
  }
  if (event.at < (work.clock ?? Number.NEGATIVE_INFINITY))
    return { ok: false, error: beforeClock(work, event.at, within(index, ["at"])) };
  const tooFar = settleWork(work, event.at, sink);
  if (tooFar !== null) return { ok: false, error: { ...tooFar, path: within(index, ["at"]) } };

  let facts: readonly Fact[];
  let outcome: OutcomeInternal | null = null;
  let record: UsageRecord | null = null;
  let drawn: readonly LotDraw[] = noDraws;
  let voided: string | null = null;
  switch (event.type) {
    case "usage": {
      assert(priced?.ok === true, "a usage was not priced");
      // (A replay's ordinary usage took the lane instead: lane.ts.)
      record = takeUsage(work, event, priced);
      drawn = record.draws;
      facts = usageFacts(work, event, priced, record);
      if (wantOutcome)
        outcome = usageReceipt(event.id, event.at, decisionFromRecord(work, event, record, priced, facts));
      break;
    }
    case "void-usage": {
      const decided = decideVoid(work, event);
      if (!decided.ok)
        return { ok: false, error: { ...decided.error, path: within(index, decided.error.path) } };
      const d = decided.value;
      facts = d.facts;
      voided = d.usageId;
      outcome = {
        type: "void",
        eventId: event.id,
        usageId: d.usageId,
        bucket: d.bucket,
        quotaReturned: d.quotaReturned,
        creditsReturned: d.creditsReturned,
        creditsExpired: d.creditsExpired,
        uncoveredCredits: d.uncoveredCredits,
        refund: d.refund,
      };
      break;
    }
    case "pay-arrears": {
      const d = decidePayArrears(work, event);
      facts = d.facts;
      drawn = d.draws;
      outcome = { type: "arrears", eventId: event.id, paid: d.paid, lots: d.draws, remaining: d.remaining };
      break;
    }
    case "purchase-credits":
    case "grant-credits": {
      const decided = decideLot(work, event);
      if (!decided.ok)
        return { ok: false, error: { ...decided.error, path: within(index, decided.error.path) } };
      facts = [{ type: "credits.purchased", eventId: event.id, at: event.at, lot: decided.value }];
      outcome = { type: "credits", eventId: event.id, lot: decided.value };
      break;
    }
    default: {
      const decided = decideSubscriptionEvent(work, event);
      if (!decided.ok)
        return { ok: false, error: { ...decided.error, path: within(index, decided.error.path) } };
      facts = decided.value;
      break;
    }
  }
  // Indexed: for...of over the shared frozen empty list makes an iterator result per event.
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i] as Fact;
    evolve(work, fact);
    sink?.push(fact);
  }
  work.recent.push(event, record);
  work.version++;
  drained.afterEvent(event.id, record, drawn, voided);
  // Only a subscription event has no outcome yet (a usage, a void, a payment and a lot made theirs).
  if (outcome === null && wantOutcome) {
    let charged = calc.zero<"usd">();
    for (const fact of facts) if (fact.type === "subscription.charged") charged = calc.add(charged, fact.usd);
    outcome = {
      type: "subscription",
      eventId: event.id,
      subscription: work.subscription,
      chargedUsd: charged,
      changed: facts.length > 0,
    };
  }
  // Stryker disable next-line ConditionalExpression: equivalent: a new result with the same fields (the shared one only saves an allocation)
  return outcome === null ? appliedQuietly : { ok: true, duplicate: false, outcome };
}

/**
 * The outcome a retried event gets: the first receipt of a usage or a lot, rebuilt from
 * the event and what the ledger remembers of it; `duplicate` for the other events, whose
 * first outcome depended on a state that has moved on (a store keeps those).
 */
function firstOutcome(work: Work, event: NormalizedEvent): OutcomeInternal {
  if (event.type === "usage") {
    const record = work.recent.usageOf(event.id);
    // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: the memory keeps a record with every remembered usage
    assert(record !== null, "a remembered usage has no record");
    return usageReceipt(event.id, event.at, decisionFromRecord(work, event, record));
  }
  if (event.type === "purchase-credits" || event.type === "grant-credits") {
    const lot = decideLot(work, event, false);
    // Stryker disable next-line ConditionalExpression: equivalent: a remembered purchase or grant was accepted, and without the live-id check its lot depends only on the event and the catalog
    if (lot.ok) return { type: "credits", eventId: event.id, lot: lot.value };
  }
  return { type: "duplicate", eventId: event.id, eventType: event.type };
}

/**
 * What {@link applyEvent} returns when the event is applied (or was a duplicate).
 *
 * @example
 * const r = applyEvent(state, event);
 * if (r.ok) state = r.state; // keep the new state; store or forward r.entries
 */
export interface Applied {
  readonly ok: true;
  readonly state: LedgerState;
  /** The audit records this event caused, after those of time passing up to its instant. */
  readonly entries: readonly LedgerEntry[];
  /**
   * The receipt. For a retried event (`duplicate: true`) it is the first receipt of a usage
   * or a credit lot, and `{ type: "duplicate" }` for the other events.
   */
  readonly outcome: LedgerOutcome;
  /** True when the id was already applied with the same content: nothing changed. */
  readonly duplicate: boolean;
}

/**
 * Applies one event: first brings the ledger up to the event's instant (expiries,
 * renewals, lapses), then applies the event's rules. Returns the new state, the entries
 * and the outcome, or a typed error with the state unchanged. An id already applied with
 * the same content is a `duplicate` (nothing changes); with other content, a `conflict`.
 *
 * @example
 * const r = applyEvent(state, { type: "purchase-credits", id: "buy-1", at: "2026-06-01T08:00:00Z", package: "usd-25" });
 * r.ok && r.outcome.type; //=> "credits"
 */
export function applyEvent(state: LedgerState, event: LedgerEvent): Applied | Refusal {
  return guard(() => {
    const badState = stateError(state);
    if (badState !== null) return { ok: false, error: badState };
    const parsed = parseEvent(event);
    if (!parsed.ok) return parsed;
    const work = new Work(state);
    const sink: Fact[] = [];
    const result = step(
      work,
      new DrainedLots(work, state.recentEvents, state.lots),
      parsed.value,
      sink,
      true,
      null,
    );
    if (!result.ok) return result;
    const outcome = result.outcome as OutcomeInternal;
    if (result.duplicate)
      return { ok: true, state, entries: [], outcome: formatOutcome(outcome), duplicate: true };
    const formatter = new OutputFormatter();
    return {
      ok: true,
      state: work.snapshot(state),
      entries: sink.map((fact) => toEntry(fact, formatter)),
      outcome: formatter.format(outcome),
      duplicate: false,
    };
  });
}

/**
 * Options of {@link applyEvents}.
 *
 * @example
 * applyEvents(state, events, { collectEntries: true, onRefusal: "skip" }); // every entry; refused events listed
 */
export interface ApplyEventsOptions {
  /**
   * Also return the entries: `true` for every entry, or a list of the entry types wanted
   * (a finance job wants `["subscription.charged", "credits.expired"]`, not every usage's
   * quota entry); the others are never formatted. Collecting costs time and memory on long
   * replays (default false).
   */
  readonly collectEntries?: boolean | readonly LedgerEntryType[];
  /**
   * What a refused event does: `"abort"` (default) refuses the whole call and applies
   * nothing; `"skip"` leaves that event out (it changes nothing, and the events after it
   * are applied as if it had not been sent) and lists it in `refusals`.
   */
  readonly onRefusal?: "abort" | "skip";
}

/** Entry types a `collectEntries` list may hold (there are 19; repeats are allowed). */
const entryTypesListMax = 64;
const knownEntryTypes: ReadonlySet<string> = new Set(ledgerEntryTypes);

/** The entry types a `collectEntries` option selects (null: all), or the refusal of an unknown one. */
function entrySelection(
  collect: boolean | readonly unknown[],
): Result<ReadonlySet<LedgerEntryType> | null, LedgerError> {
  if (typeof collect === "boolean") return ok(null);
  for (let i = 0; i < collect.length; i++) {
    const type = collect[i];
    // The set holds strings only: a non-string is not in it (the message tells the two apart).
    if (!knownEntryTypes.has(type as string)) {
      return err(
        ledgerError(
          "invalid_input",
          `collectEntries[${i}] is ${typeof type === "string" ? `the unknown entry type ${quoteText(type)}` : `not a string`}; expected entry types such as "subscription.charged" (see ledgerEntryTypes).`,
          ["collectEntries", i],
          { index: i },
        ),
      );
    }
  }
  return ok(new Set(collect as readonly LedgerEntryType[]));
}

const applyEventsOptionsSchema = z.strictObject(
  {
    collectEntries: z.optional(
      z.union(
        [
          z.boolean(),
          z
            .array(z.unknown())
            .check(
              z.maxLength(entryTypesListMax, `At most ${entryTypesListMax} entry types in collectEntries`),
            ),
        ],
        {
          error: `Expected collectEntries as a boolean or a list of at most ${entryTypesListMax} entry types`,
        },
      ),
    ),
    onRefusal: z.optional(z.enum(["abort", "skip"], { error: 'Expected onRefusal as "abort" or "skip"' })),
  },
  { error: "Expected options as an object such as { collectEntries: true }" },
);

/**
 * An event {@link applyEvents} left out under `onRefusal: "skip"`: its index in the
 * events, and the error `applyEvent` would have given it at that point (its `path`
 * starts with the index, as in a whole-call refusal).
 *
 * @example
 * r.ok && r.refusals[0]; //=> { index: 3, error: { code: "usage_not_found", path: [3, "usageId"], ... } }
 */
export interface EventRefusal {
  readonly index: number;
  readonly error: LedgerError;
}

/**
 * What {@link applyEvents} returns.
 *
 * @example
 * const r = applyEvents(state, [usage, usage]);
 * r.ok && [r.applied, r.duplicates]; //=> [1, 1]
 */
export interface AppliedMany {
  readonly ok: true;
  readonly state: LedgerState;
  /** Events applied (duplicates excluded). */
  readonly applied: number;
  /** Events skipped as duplicates of ones already applied. */
  readonly duplicates: number;
  /** The entries asked for by `collectEntries` (all, or the types listed), in order; otherwise empty. */
  readonly entries: readonly LedgerEntry[];
  /** The events left out under `onRefusal: "skip"`, in order (always empty otherwise). */
  readonly refusals: readonly EventRefusal[];
}

/**
 * Applies events in order, exactly as applying them one by one would, on a private
 * working copy (fast: the state is materialised once, at the end). Events must be in
 * time order: the first one out of order is refused with `events_out_of_order` and its
 * index in the error's path; on any error nothing is applied. With `onRefusal: "skip"`,
 * a refused event is left out and listed in `refusals` instead, and the result is the
 * one folding {@link applyEvent} over the events gives (an event earlier than one applied
 * before it is then `event_before_clock`, as it is for `applyEvent`).
 *
 * @example
 * const r = applyEvents(state, [subscribe, usage1, usage2]);
 * r.ok && r.applied; //=> 3
 */
export function applyEvents(
  state: LedgerState,
  events: readonly LedgerEvent[],
  options: ApplyEventsOptions = {},
): AppliedMany | Refusal {
  return guard(() => {
    const badState = stateError(state);
    if (badState !== null) return { ok: false, error: badState };
    const settings = parseWith(applyEventsOptionsSchema, options, "invalid_input");
    if (!settings.ok) return settings;
    if (!Array.isArray(events)) {
      return { ok: false, error: ledgerError("invalid_input", "Expected an array of events.", []) };
    }
    if (events.length > eventsPerCallMax) {
      return {
        ok: false,
        error: ledgerError("limit_exceeded", `At most ${eventsPerCallMax} events per call.`, [], {
          eventsPerCallMax,
        }),
      };
    }
    const skip = settings.value.onRefusal === "skip";
    const collect = settings.value.collectEntries ?? false;
    const selection = entrySelection(collect);
    if (!selection.ok) return selection;
    // Each fact asked for is formatted as it comes: the entries are what the call returns, and
    // facts that die young keep V8 from allocating every later replay's facts in the old
    // generation (allocation-site pretenuring; see bench/README.md).
    const kept: LedgerEntry[] | null = collect === false ? null : [];
    const formatter = new OutputFormatter();
    const sink = kept === null ? null : entrySink(kept, selection.value, formatter);
    // Under "skip", `base` and the events accepted since it let a refusal that came after
    // time had passed be undone: the working copy is rebuilt from `base` (rare: most
    // refusals come before time passes, and change nothing).
    let base = state;
    let since: { readonly event: NormalizedEvent; readonly index: number }[] = [];
    let work = new Work(state);
    let drained = new DrainedLots(work, state.recentEvents, state.lots);
    const refusals: EventRefusal[] = [];
    let applied = 0;
    let duplicates = 0;
    let previousAt = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < events.length; i++) {
      // The common usage is checked by hand first (no result object, no path per event).
      let event = fastUsageEvent(events[i]);
      if (event === null) {
        // Not the hand check again: a getter could answer it otherwise the second time.
        const parsed = parseEvent(events[i], [i], false);
        if (!parsed.ok) {
          if (!skip) return parsed;
          refusals.push({ index: i, error: parsed.error });
          continue;
        }
        event = parsed.value;
      }
      // Under "skip" the fold's own clock check answers an event out of order.
      const batchPreviousAt = skip ? Number.NEGATIVE_INFINITY : previousAt;
      // An ordinary usage takes the lane (see lane.ts).
      if (event.type === "usage" && laneUsage(work, drained, event, sink, batchPreviousAt)) {
        // Stryker disable next-line ConditionalExpression: equivalent: `since` is read only under "skip"
        if (skip) since.push({ event, index: i });
        previousAt = Math.max(previousAt, event.at);
        applied++;
        continue;
      }
      const clockBefore = work.clock;
      const sinkMark = kept?.length ?? 0;
      // Stryker disable next-line BooleanLiteral: equivalent: outcomes asked for are made and dropped (only slower)
      const result = step(work, drained, event, sink, false, i, batchPreviousAt);
      if (!result.ok) {
        if (!skip) return result;
        refusals.push({ index: i, error: result.error });
        // Stryker disable next-line ConditionalExpression: equivalent: a refusal before time passed changed nothing (no fact is made at the clock's own instant); replaying from `base` rebuilds the same copy (only slower)
        if (work.clock !== clockBefore) {
          // Time had passed before the rules refused: undo it by replaying from `base`.
          work = new Work(base);
          drained = new DrainedLots(work, base.recentEvents, base.lots);
          for (const kept of since) {
            // Stryker disable next-line BooleanLiteral: equivalent: the replay's outcomes are dropped (asking for them only makes them)
            const again = step(work, drained, kept.event, null, false, kept.index);
            // Stryker disable next-line StringLiteral: invariant message: the replay applies events accepted on the same copy
            assert(again.ok, "an accepted event is refused on replay");
          }
          if (kept !== null) kept.length = sinkMark;
          base = work.snapshot(base);
          work = new Work(base);
          drained = new DrainedLots(work, base.recentEvents, base.lots);
          since = [];
        }
        continue;
      }
      // Stryker disable next-line ConditionalExpression: equivalent: `since` is read only under "skip"
      if (skip) since.push({ event, index: i });
      // A duplicate is answered before the order check: it may be earlier than the events before it.
      previousAt = Math.max(previousAt, event.at);
      if (result.duplicate) duplicates++;
      else applied++;
    }
    return {
      ok: true,
      state: work.snapshot(base),
      applied,
      duplicates,
      entries: kept ?? [],
      refusals,
    };
  });
}

/**
 * What {@link settle} returns.
 *
 * @example
 * const r = settle(state, "2027-01-01T00:00:00Z");
 * if (r.ok) state = r.state;
 */
export interface Settled {
  readonly ok: true;
  readonly state: LedgerState;
  /** Expiries, renewals, charges and lapses up to the instant, in time order. */
  readonly entries: readonly LedgerEntry[];
}

/**
 * Brings the ledger up to `at` without an event: credit lots expire, subscriptions renew
 * (and are charged) or lapse, in time order. Moves the clock to `at`.
 *
 * @example
 * const r = settle(state, "2027-06-01T00:00:00Z");
 * r.ok && r.entries.map((e) => e.type); //=> ["credits.expired", ...]
 */
export function settle(state: LedgerState, at: InstantInput): Settled | Refusal {
  return guard(() => {
    const badState = stateError(state);
    if (badState !== null) return { ok: false, error: badState };
    const instant = parseInstant(at, ["at"]);
    if (!instant.ok) return instant;
    const work = new Work(state);
    if (instant.value < (work.clock ?? Number.NEGATIVE_INFINITY))
      return { ok: false, error: beforeClock(work, instant.value, ["at"]) };
    const sink: Fact[] = [];
    const tooFar = settleWork(work, instant.value, sink);
    if (tooFar !== null) return { ok: false, error: tooFar };
    if (sink.length === 0 && work.clock === state.clockMs) return { ok: true, state, entries: [] };
    const formatter = new OutputFormatter();
    return { ok: true, state: work.snapshot(state), entries: sink.map((fact) => toEntry(fact, formatter)) };
  });
}

/**
 * Brings a private working copy up to `at` (for queries); refuses instants before the
 * clock. `precheck` runs first (a quote checks references before time, as applyEvent does).
 */
export function workAt(
  state: LedgerState,
  at: unknown,
  precheck?: (work: Work) => LedgerError | null,
): { readonly ok: true; readonly work: Work; readonly at: number } | Refusal {
  const badState = stateError(state);
  if (badState !== null) return { ok: false, error: badState };
  const instant = parseInstant(at, ["at"]);
  if (!instant.ok) return instant;
  const work = new Work(state);
  const early = precheck?.(work) ?? null;
  if (early !== null) return { ok: false, error: early };
  if (instant.value < (work.clock ?? Number.NEGATIVE_INFINITY))
    return { ok: false, error: beforeClock(work, instant.value, ["at"]) };
  settleForQuery(work, instant.value);
  return { ok: true, work, at: instant.value };
}
