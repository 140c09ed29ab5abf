/**
 * Well-formed events the rules refuse: time going backwards, idempotency conflicts,
 * credit amounts, voids, the subscription lifecycle and the live-lot bound; and the
 * duplicates that are not refusals at all.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  createLedger,
  defaultCatalog,
  extendCatalog,
  type FieldPath,
  type LedgerErrorCode,
  type LedgerEvent,
  type LedgerState,
  limits,
} from "../../src";
import { textOf } from "../support/text";
import {
  activeLedger,
  cancel,
  changeTier,
  deepFreeze,
  emptyLedger,
  expectRefusalKeepsState,
  grant,
  purchase,
  subscribe,
  T_CLOCK,
  T_EARLY,
  T_LATER,
  T_NEXT,
  T_SUBSCRIBED,
  usage,
  voidUsage,
  withEvents,
} from "./support";

function ledgerWith(options: { eventIdsRemembered?: number; packagesOnly?: boolean }): LedgerState {
  let catalog = defaultCatalog;
  if (options.packagesOnly === true) {
    const extended = extendCatalog(defaultCatalog, { id: "packages-only", credits: { customAmount: null } });
    if (!extended.ok) throw new Error(extended.error.message);
    catalog = extended.value;
  }
  const created = createLedger({ catalog, eventIdsRemembered: options.eventIdsRemembered ?? 256 });
  if (!created.ok) throw new Error(created.error.message);
  return created.state;
}

const cancelled = () => withEvents(activeLedger(), [cancel({ id: "c1", at: T_CLOCK })]);
const voided = () => withEvents(activeLedger(), [voidUsage({ id: "v1", at: T_CLOCK })]);
/** Remembers 2 ids: u1 is forgotten after two more events. */
const forgetful = () =>
  withEvents(ledgerWith({ eventIdsRemembered: 2 }), [
    grant({ id: "g1", at: T_SUBSCRIBED }),
    usage({ id: "u1", at: T_CLOCK }),
    usage({ id: "u2", at: T_CLOCK }),
    usage({ id: "u3", at: T_CLOCK }),
  ]);
const packagesOnly = () => ledgerWith({ packagesOnly: true });
const fullOfLots = () =>
  withEvents(
    emptyLedger(),
    Array.from({ length: limits.lotsCountMax }, (_, i) => grant({ id: `g${i}`, at: T_SUBSCRIBED })),
  );

type RuleRow = [
  label: string,
  setup: () => LedgerState,
  event: Record<string, unknown>,
  code: LedgerErrorCode,
  path: FieldPath,
  hint: RegExp,
];

// biome-ignore format: one table row per line
const ruleRows: RuleRow[] = [
  ["event before the ledger clock", activeLedger, usage({ at: T_EARLY }), "event_before_clock", ["at"], /earlier than the ledger's clock/],
  ["event 1 ms before the clock", activeLedger, usage({ at: Date.parse(T_CLOCK) - 1 }), "event_before_clock", ["at"], /must not go back in time/],
  ["subscription command before the clock", cancelled, changeTier({ at: T_EARLY }), "event_before_clock", ["at"], /earlier/],
  ["same id, different measures", activeLedger, usage({ id: "u1", at: T_CLOCK, measures: { outputTokens: 9 } }), "conflict", ["id"], /"u1".*different content/],
  ["same id, different type", activeLedger, grant({ id: "u1" }), "conflict", ["id"], /"u1"/],
  ["same id, later instant", activeLedger, usage({ id: "p1", at: T_NEXT }), "conflict", ["id"], /"p1"/],
  ["forgotten id that still names a live lot", forgetful, grant({ id: "g1", at: T_NEXT }), "conflict", ["id"], /"g1"/],
  ["custom credits below the minimum (4999)", activeLedger, purchase({ credits: "4999" }), "invalid_credit_amount", ["credits"], /at least 5000/],
  ["custom credits off the step (7500)", activeLedger, purchase({ credits: 7500 }), "invalid_credit_amount", ["credits"], /steps of 5000/],
  ["custom credits with a fraction (5000.5)", activeLedger, purchase({ credits: "5000.5" }), "invalid_credit_amount", ["credits"], /steps of 5000/],
  ["custom credits of 0", activeLedger, purchase({ credits: "0" }), "invalid_credit_amount", ["credits"], /at least 5000/],
  ["custom credits on a packages-only catalog", packagesOnly, purchase({ credits: "5000" }), "invalid_credit_amount", ["credits"], /packages only/],
  ["grant of 0 credits", activeLedger, grant({ credits: "0" }), "invalid_credit_amount", ["credits"], /more than 0/],
  ["void of an unknown usage", activeLedger, voidUsage({ usageId: "nope" }), "usage_not_found", ["usageId"], /"nope"/],
  ["void of a non-usage event (s1)", activeLedger, voidUsage({ usageId: "s1" }), "usage_not_found", ["usageId"], /"s1"/],
  ["void of a forgotten usage", forgetful, voidUsage({ usageId: "u1" }), "usage_not_found", ["usageId"], /last 2 events/],
  ["void of an already voided usage", voided, voidUsage({ id: "v2" }), "usage_already_voided", ["usageId"], /already voided/],
  ["subscribe twice", activeLedger, subscribe(), "subscription_exists", ["type"], /already active/],
  ["subscribe while a cancelled one still runs", cancelled, subscribe(), "subscription_exists", ["type"], /until its period ends/],
  ["cancel without a subscription", emptyLedger, cancel(), "no_subscription", ["type"], /no active subscription/],
  ["cancel twice", cancelled, cancel(), "no_subscription", ["type"], /no active subscription/],
  ["change tier without a subscription", emptyLedger, changeTier(), "no_subscription", ["type"], /no active subscription/],
  ["change tier after cancelling", cancelled, changeTier(), "no_subscription", ["type"], /no active subscription/],
  ["change to the same tier", activeLedger, changeTier({ tier: "plus" }), "same_tier", ["tier"], /already on plus/],
  ["a live lot beyond lotsCountMax", fullOfLots, grant({ id: "one-more" }), "limit_exceeded", [], /1024/],
];

describe("events the rules refuse", () => {
  it.each(ruleRows)("applyEvent refuses %s", (_label, setup, event, code, path, hint) => {
    const state = setup();
    expectRefusalKeepsState(
      state,
      () => applyEvent(state, event as unknown as LedgerEvent),
      { code, path, hint },
      event,
    );
  });

  it.each(ruleRows)("applyEvents refuses %s at index 0", (_label, setup, event, code, path, hint) => {
    const state = setup();
    const events = [event] as unknown as LedgerEvent[];
    expectRefusalKeepsState(
      state,
      () => applyEvents(state, events),
      { code, path: [0, ...path], hint },
      events,
    );
  });
});

type DuplicateRow = [label: string, event: Record<string, unknown>];

/** Events already applied to activeLedger(), spelled again. */
// biome-ignore format: one table row per line
const duplicateRows: DuplicateRow[] = [
  ["the same usage", usage({ id: "u1", at: T_CLOCK, measures: { outputTokens: 10_000 } })],
  ["the same usage, at as epoch ms", usage({ id: "u1", at: Date.parse(T_CLOCK), measures: { outputTokens: 10_000 } })],
  ["the same usage, at with an offset", usage({ id: "u1", at: "2026-06-04T19:00:00+08:00", measures: { outputTokens: 10_000 } })],
  ["the same usage, serviceTier spelled out", usage({ id: "u1", at: T_CLOCK, measures: { outputTokens: 10_000 }, serviceTier: "standard" })],
  ["the same package purchase", { type: "purchase-credits", id: "p1", at: T_SUBSCRIBED, package: "usd-5" }],
  ["the same subscribe (would be subscription_exists)", subscribe({ id: "s1", at: T_SUBSCRIBED, tier: "plus" })],
];

describe("duplicates: same id, same content", () => {
  it.each(duplicateRows)("applyEvent answers %s with a duplicate and no change", (_label, event) => {
    const state = deepFreeze(activeLedger());
    const before = textOf(state);
    const result = applyEvent(state, deepFreeze(event) as unknown as LedgerEvent);
    expect(result).toMatchObject({ ok: true, entries: [], duplicate: true, outcome: { eventId: event.id } });
    expect(textOf(state)).toBe(before);
    if (result.ok) expect(textOf(result.state)).toBe(before);
  });

  it.each(duplicateRows)("applyEvents counts %s as a duplicate", (_label, event) => {
    const state = deepFreeze(activeLedger());
    const before = textOf(state);
    const result = applyEvents(state, [deepFreeze(event)] as unknown as LedgerEvent[]);
    expect(result).toMatchObject({ ok: true, applied: 0, duplicates: 1 });
    expect(textOf(state)).toBe(before);
    if (result.ok) expect(textOf(result.state)).toBe(before);
  });
});

type OrderRow = [label: string, ats: (string | number)[], index: number];

// biome-ignore format: one table row per line
const orderRows: OrderRow[] = [
  ["second before first", [T_LATER, T_NEXT], 1],
  ["fourth goes back after ties", [T_NEXT, T_NEXT, T_LATER, T_NEXT], 3],
  ["epoch ms before an ISO instant", [T_LATER, Date.parse(T_NEXT)], 1],
  ["offset instant before a Z instant", [T_LATER, "2026-06-04T20:00:00+08:00"], 1],
];

describe("applyEvents with events out of time order", () => {
  it.each(orderRows)("refuses %s with events_out_of_order and applies nothing", (_label, ats, index) => {
    const state = activeLedger();
    const events = ats.map((at, i) => usage({ id: `o${i}`, at })) as unknown as LedgerEvent[];
    expectRefusalKeepsState(
      state,
      () => applyEvents(state, events),
      { code: "events_out_of_order", path: [index, "at"], hint: /sort events by time/ },
      events,
    );
  });

  type ShapeRow = [label: string, events: unknown, code: LedgerErrorCode, hint: RegExp];
  // biome-ignore format: one table row per line
  const shapeRows: ShapeRow[] = [
    ["events: null", null, "invalid_input", /array of events/],
    ["events: a string", "[]", "invalid_input", /array of events/],
    ["events: an object", { 0: usage() }, "invalid_input", /array of events/],
    ["events: a single event", usage(), "invalid_input", /array of events/],
    ["events: more than eventsPerCallMax", new Array(limits.eventsPerCallMax + 1), "limit_exceeded", /10000000/],
  ];
  it.each(shapeRows)("refuses %s", (_label, events, code, hint) => {
    const state = activeLedger();
    expectRefusalKeepsState(state, () => applyEvents(state, events as LedgerEvent[]), {
      code,
      path: [],
      hint,
    });
  });
});
