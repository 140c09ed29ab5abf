/**
 * When several checks fail, the first in `ledgerErrorCodes` wins (src/errors.ts). Each
 * row breaks two or more things at once, names the code that must win and the codes
 * that must lose, and checks both the library's answer and that the list agrees with it.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  type CatalogInput,
  type CreateLedgerOptions,
  createLedger,
  creditBalance,
  defaultCatalog,
  defineCatalog,
  type FieldPath,
  type LedgerErrorCode,
  type LedgerEvent,
  type LedgerState,
  ledgerErrorCodes,
  parseLedger,
  parseUsd,
  quoteUsage,
  timeUntilAvailable,
  type UsageInput,
} from "../../src";
import { textOf } from "../support/text";
import {
  activeLedger,
  cancel,
  catalogDraft,
  changeTier,
  clone,
  emptyLedger,
  expectRefusalKeepsState,
  grant,
  purchase,
  set,
  subscribe,
  T_EARLY,
  T_LATER,
  T_NEXT,
  usage,
  voidUsage,
  withEvents,
  without,
} from "./support";

const apply = (event: Record<string, unknown>) => (state: LedgerState) =>
  applyEvent(state, event as unknown as LedgerEvent);
const applyMany = (events: Record<string, unknown>[]) => (state: LedgerState) =>
  applyEvents(state, events as unknown as LedgerEvent[]);
const quote = (event: Record<string, unknown>) => (state: LedgerState) =>
  quoteUsage(state, without(event, "type", "id") as unknown as UsageInput);
const define =
  (...mutations: ((draft: unknown) => void)[]) =>
  () => {
    const draft = catalogDraft();
    for (const mutate of mutations) mutate(draft);
    return defineCatalog(draft as unknown as CatalogInput);
  };
const parseStored =
  (...mutations: ((draft: unknown) => void)[]) =>
  () => {
    const draft = JSON.parse(textOf(activeLedger())) as unknown;
    for (const mutate of mutations) mutate(draft);
    return parseLedger(JSON.stringify(draft));
  };
const mars = { rule: "calendar-days", days: 3, timeZone: "Mars/Olympus" };
const fiveHour = ["buckets", "general", "windows", "5h"];

type PrecedenceRow = [
  label: string,
  setup: () => LedgerState,
  call: (state: LedgerState) => unknown,
  wins: LedgerErrorCode,
  loses: LedgerErrorCode[],
  path: FieldPath,
];

/** The order `step` in src/ledger/apply.ts checks: references → conflict → clock → rules. */
// biome-ignore format: one table row per line
const stepOrder: PrecedenceRow[] = [
  ["unknown resource and a conflicting id", activeLedger, apply(usage({ id: "u1", resource: "nope" })), "unknown_resource", ["conflict"], ["resource"]],
  ["unknown tier and before the clock", activeLedger, apply(changeTier({ tier: "mega", at: T_EARLY })), "unknown_tier", ["event_before_clock"], ["tier"]],
  ["unknown package and before the clock", activeLedger, apply(purchase({ credits: undefined, package: "usd-7", at: T_EARLY })), "unknown_package", ["event_before_clock"], ["package"]],
  ["unknown tier and subscribing twice", activeLedger, apply(subscribe({ tier: "mega" })), "unknown_tier", ["subscription_exists"], ["tier"]],
  ["unknown tier and no subscription", emptyLedger, apply(changeTier({ tier: "mega" })), "unknown_tier", ["no_subscription"], ["tier"]],
  ["unpriced measure and a conflicting id", activeLedger, apply(usage({ id: "u1", measures: { images: 1 } })), "unpriced_measure", ["conflict"], ["measures", "images"]],
  ["unknown serviceTier and before the clock", activeLedger, apply(usage({ serviceTier: "flex", at: T_EARLY })), "unknown_service_tier", ["event_before_clock"], ["serviceTier"]],
  ["conflicting id and before the clock", activeLedger, apply(usage({ id: "u1", at: T_EARLY })), "conflict", ["event_before_clock"], ["id"]],
  ["conflicting id and subscribing twice", activeLedger, apply(subscribe({ id: "u1" })), "conflict", ["subscription_exists"], ["id"]],
  ["conflicting id and a void of an unknown usage", activeLedger, apply(voidUsage({ id: "u1", usageId: "nope" })), "conflict", ["usage_not_found"], ["id"]],
  ["conflicting id and a custom amount off the step", activeLedger, apply(purchase({ id: "u1", credits: "7500" })), "conflict", ["invalid_purchase_amount"], ["id"]],
  ["before the clock and subscribing twice", activeLedger, apply(subscribe({ at: T_EARLY })), "event_before_clock", ["subscription_exists"], ["at"]],
  ["before the clock and no subscription to change", () => withEvents(activeLedger(), [cancel({ id: "c1" })]), apply(changeTier({ tier: "max", at: T_EARLY })), "event_before_clock", ["no_subscription"], ["at"]],
  ["before the clock and a void of an unknown usage", activeLedger, apply(voidUsage({ usageId: "nope", at: T_EARLY })), "event_before_clock", ["usage_not_found"], ["at"]],
  ["before the clock and a custom amount below the minimum", activeLedger, apply(purchase({ credits: "4999", at: T_EARLY })), "event_before_clock", ["invalid_purchase_amount"], ["at"]],
];

/** Validation of one value or one event: every check is in the list. */
// biome-ignore format: one table row per line
const validationOrder: PrecedenceRow[] = [
  ["wrong-typed id and a bad instant", activeLedger, apply(usage({ id: 5, at: "yesterday" })), "invalid_id", ["invalid_instant"], ["id"]],
  ["unknown field and a bad instant", activeLedger, apply(usage({ extra: 1, at: "yesterday" })), "invalid_input", ["invalid_instant"], ["extra"]],
  ["negative credits and a bad instant", activeLedger, apply(purchase({ credits: "-1", at: "yesterday" })), "invalid_amount", ["invalid_instant"], ["credits"]],
  ["13 decimal places and a bad instant", activeLedger, apply(grant({ credits: "0.0000000000001", at: "yesterday" })), "amount_scale_exceeded", ["invalid_instant"], ["credits"]],
  ["a bad instant and a bad time zone", activeLedger, apply(grant({ at: "yesterday", validity: mars })), "invalid_instant", ["invalid_time_zone"], ["at"]],
  ["negative credits and a bad time zone", activeLedger, apply(grant({ credits: "-1", validity: mars })), "invalid_amount", ["invalid_time_zone"], ["credits"]],
  ["a bad instant and an unknown resource", activeLedger, apply(usage({ at: "2026-02-30T00:00:00Z", resource: "nope" })), "invalid_instant", ["unknown_resource"], ["at"]],
  ["negative and 13 decimal places (parseUsd)", activeLedger, () => parseUsd("-0.0000000000001"), "invalid_amount", ["amount_scale_exceeded"], []],
  ["bad units and a bad instant (timeUntilAvailable)", activeLedger, (s) => timeUntilAvailable(s, "-1", "yesterday"), "invalid_amount", ["invalid_instant"], ["units"]],
  ["a bad instant and an unknown bucket (timeUntilAvailable)", activeLedger, (s) => timeUntilAvailable(s, "1", "yesterday", { bucket: "nope" }), "invalid_instant", ["unknown_bucket"], ["at"]],
  ["a bad instant and a bad horizon (creditBalance)", activeLedger, (s) => creditBalance(s, "yesterday", { horizon: "P1M" }), "invalid_instant", ["invalid_duration"], ["at"]],
  ["unknown resource and before the clock (quoteUsage, as applyEvent)", activeLedger, quote(usage({ resource: "nope", at: T_EARLY })), "unknown_resource", ["event_before_clock"], ["resource"]],
  ["raw catalog and eventIdsRemembered 0 (createLedger)", activeLedger, () => createLedger({ catalog: clone(defaultCatalog), eventIdsRemembered: 0 } as unknown as CreateLedgerOptions), "invalid_catalog", ["limit_exceeded"], ["catalog"]],
  ["catalog: a wrong-typed name and a bad time zone", activeLedger, define(set(["name"], 5), set([...fiveHour, "timeZone"], "Mars/Olympus")), "invalid_catalog", ["invalid_time_zone"], ["name"]],
  ["catalog: a bad time zone and a negative price", activeLedger, define(set([...fiveHour, "timeZone"], "Mars/Olympus"), set(["tiers", "plus", "monthlyPriceUsd"], "-1")), "invalid_amount", ["invalid_time_zone"], ["tiers", "plus", "monthlyPriceUsd"]],
  ["stored ledger: future schemaVersion and an unknown field", activeLedger, parseStored(set(["schemaVersion"], 4), set(["shards"], [])), "unsupported_schema_version", ["invalid_state"], ["schemaVersion"]],
];

/** applyEvents: the checks of one event keep their order even when it is also out of order. */
// biome-ignore format: one table row per line
const batchOrder: PrecedenceRow[] = [
  ["out of order and an unknown resource", activeLedger, applyMany([usage({ id: "a", at: T_LATER }), usage({ id: "b", resource: "nope" })]), "unknown_resource", ["events_out_of_order"], [1, "resource"]],
  ["out of order and a conflicting id", activeLedger, applyMany([usage({ id: "a", at: T_LATER }), usage({ id: "u1", measures: { inputTokens: 7 } })]), "conflict", ["events_out_of_order"], [1, "id"]],
  // An unsorted batch says so ("sort events by time"), even when the event is also before the clock.
  ["out of order and before the ledger clock", activeLedger, applyMany([usage({ id: "a", at: T_NEXT }), usage({ id: "b", at: T_EARLY })]), "events_out_of_order", ["event_before_clock"], [1, "at"]],
  ["out of order and subscribing twice", activeLedger, applyMany([usage({ id: "a", at: T_LATER }), subscribe()]), "events_out_of_order", ["subscription_exists"], [1, "at"]],
];

const index = (code: LedgerErrorCode) => ledgerErrorCodes.indexOf(code);

describe.each([
  ["the order of step (references, conflict, clock, rules)", stepOrder],
  ["validation order", validationOrder],
  ["applyEvents", batchOrder],
] as [string, PrecedenceRow[]][])("precedence: %s", (_name, rows) => {
  it.each(rows)("%s", (_label, setup, call, wins, _loses, path) => {
    const state = setup();
    expectRefusalKeepsState(state, () => call(state), { code: wins, path, hint: /\w/ });
  });

  it.each(rows)("ledgerErrorCodes lists the winner first: %s", (_label, _setup, _call, wins, loses) => {
    for (const loser of loses) {
      expect(index(wins), `${wins} must come before ${loser} in ledgerErrorCodes`).toBeLessThan(index(loser));
    }
  });
});
