/**
 * Bad arguments to settle and the queries (instants, durations, units, buckets), to
 * createLedger (options), and a bad `state` argument to every function that takes one.
 */
import { describe, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  type CreateLedgerOptions,
  createLedger,
  creditBalance,
  defaultCatalog,
  type LedgerEvent,
  type LedgerState,
  quotaStatus,
  quoteUsage,
  settle,
  timeUntilAvailable,
  type UsageInput,
} from "../../src";
import { textOf } from "../support/text";
import {
  activeLedger,
  clone,
  deepFreeze,
  expectRefusal,
  expectRefusalKeepsState,
  type Row,
  T_EARLY,
  T_NEXT,
  usage,
  without,
} from "./support";

type AtCall = (state: LedgerState, at: string | number) => unknown;

/** Every entry point that takes an instant as its own argument. */
const atEntryPoints: [name: string, call: AtCall][] = [
  ["settle", (state, at) => settle(state, at)],
  ["quotaStatus", (state, at) => quotaStatus(state, at)],
  ["creditBalance", (state, at) => creditBalance(state, at)],
  ["timeUntilAvailable", (state, at) => timeUntilAvailable(state, "1", at)],
];

// biome-ignore format: one table row per line
const atRows: Row[] = [
  ['"2026-02-30T00:00:00Z"', "2026-02-30T00:00:00Z", "invalid_instant", ["at"], /calendar/],
  ['"2026-06-01" (no time or offset)', "2026-06-01", "invalid_instant", ["at"], /date alone/],
  ['"2026-06-04T12:00:00" (no offset)', "2026-06-04T12:00:00", "invalid_instant", ["at"], /offset/],
  ['"yesterday"', "yesterday", "invalid_instant", ["at"], /ISO-8601/],
  ["1.5 ms", 1.5, "invalid_instant", ["at"], /integer/],
  ["-1 ms", -1, "invalid_instant", ["at"], /1970/],
  ["year 10000", "10000-01-01T00:00:00Z", "invalid_instant", ["at"], /ISO-8601/],
  ["NaN", Number.NaN, "invalid_instant", ["at"], /integer|NaN/],
  ["null", null, "invalid_instant", ["at"], /ISO-8601/],
  ["an invalid Date", new Date(Number.NaN), "invalid_instant", ["at"], /an invalid Date/],
  ["an instant before the ledger clock", T_EARLY, "event_before_clock", ["at"], /earlier than the ledger's clock/],
];

describe.each(atEntryPoints)("%s with a bad instant", (_name, call) => {
  it.each(atRows)("refuses %s", (_label, at, code, path, hint) => {
    const state = activeLedger();
    expectRefusalKeepsState(state, () => call(state, at as string), { code, path, hint });
  });
});

describe("quoteUsage with an instant before the ledger clock", () => {
  it("refuses it with event_before_clock", () => {
    const state = activeLedger();
    const input = without(usage({ at: T_EARLY }), "type", "id") as unknown as UsageInput;
    expectRefusalKeepsState(
      state,
      () => quoteUsage(state, input),
      { code: "event_before_clock", path: ["at"], hint: /earlier/ },
      input,
    );
  });
});

describe("creditBalance with a bad horizon", () => {
  // biome-ignore format: one table row per line
  const rows: Row[] = [
    ['"P1M" (months have no fixed length)', "P1M", "invalid_duration", ["horizon"], /months/],
    ['"P1Y"', "P1Y", "invalid_duration", ["horizon"], /years/],
    ['"PT0S" (zero)', "PT0S", "invalid_duration", ["horizon"], /longer than zero/],
    ['"5h" (not ISO-8601)', "5h", "invalid_duration", ["horizon"], /ISO-8601/],
    ['"PT1.5H" (fraction on hours)', "PT1.5H", "invalid_duration", ["horizon"], /only seconds/],
    // A wrong JSON type is a schema error (invalid_input), as everywhere else.
    ["5 (a number)", 5, "invalid_input", ["horizon"], /ISO-8601/],
    ["null", null, "invalid_input", ["horizon"], /ISO-8601/],
  ];
  it.each(rows)("refuses %s", (_label, horizon, code, path, hint) => {
    const state = activeLedger();
    const options = { horizon: horizon as string };
    expectRefusalKeepsState(
      state,
      () => creditBalance(state, T_NEXT, options),
      { code, path, hint },
      options,
    );
  });
});

describe("timeUntilAvailable with bad units or bucket", () => {
  // biome-ignore format: one table row per line
  const unitRows: Row[] = [
    ["units: negative", "-1", "invalid_amount", ["units"], /non-negative/],
    ["units: NaN", Number.NaN, "invalid_amount", ["units"], /finite/],
    ["units: Infinity", Number.POSITIVE_INFINITY, "invalid_amount", ["units"], /finite/],
    ['units: "1e400"', "1e400", "invalid_amount", ["units"], /plain decimal/],
    ['units: "1e-7"', "1e-7", "invalid_amount", ["units"], /plain decimal/],
    ['units: "12.3.4"', "12.3.4", "invalid_amount", ["units"], /plain decimal/],
    ["units: 13 decimal places", "0.0000000000001", "amount_scale_exceeded", ["units"], /12/],
    ["units: 10^18", "1000000000000000000", "invalid_amount", ["units"], /10\^18/],
    ["units: null", null, "invalid_amount", ["units"], /decimal string/],
    ["units: boolean", true, "invalid_amount", ["units"], /decimal string/],
  ];
  it.each(unitRows)("refuses %s", (_label, units, code, path, hint) => {
    const state = activeLedger();
    expectRefusalKeepsState(state, () => timeUntilAvailable(state, units as string, T_NEXT), {
      code,
      path,
      hint,
    });
  });

  // biome-ignore format: one table row per line
  const bucketRows: Row[] = [
    ["an unknown bucket", "audio", "unknown_bucket", ["bucket"], /"audio"/],
    ["a bucket given as a number", 5, "invalid_input", ["bucket"], /bucket/],
  ];
  it.each(bucketRows)("refuses %s", (_label, bucket, code, path, hint) => {
    const state = activeLedger();
    const options = { bucket: bucket as string };
    expectRefusalKeepsState(state, () => timeUntilAvailable(state, "1", T_NEXT, options), {
      code,
      path,
      hint,
    });
  });
});

describe("createLedger with bad options", () => {
  // biome-ignore format: one table row per line
  const rows: Row[] = [
    ["eventIdsRemembered: 0", { eventIdsRemembered: 0 }, "limit_exceeded", ["eventIdsRemembered"], /1 to 4096/],
    ["eventIdsRemembered: 5000", { eventIdsRemembered: 5000 }, "limit_exceeded", ["eventIdsRemembered"], /1 to 4096/],
    ["eventIdsRemembered: -1", { eventIdsRemembered: -1 }, "limit_exceeded", ["eventIdsRemembered"], /1 to 4096/],
    ['eventIdsRemembered: "10" (string)', { eventIdsRemembered: "10" }, "invalid_input", ["eventIdsRemembered"], /whole number/],
    ["eventIdsRemembered: null", { eventIdsRemembered: null }, "invalid_input", ["eventIdsRemembered"], /whole number/],
    ["catalog: a plain copy, not defined", { catalog: clone(defaultCatalog) }, "invalid_catalog", ["catalog"], /defineCatalog/],
    ["catalog: a catalog id string", { catalog: "minimax-token-plan-v2" }, "invalid_catalog", ["catalog"], /defineCatalog/],
    ["catalog: null", { catalog: null }, "invalid_catalog", ["catalog"], /defineCatalog/],
    ["an unknown option (typo)", { eventIdRemembered: 10 }, "invalid_input", ["eventIdRemembered"], /eventIdRemembered/],
    ["options: null", null, "invalid_input", [], /options/],
    ["options: a string", "default", "invalid_input", [], /options/],
  ];
  it.each(rows)("refuses %s", (_label, options, code, path, hint) => {
    deepFreeze(options);
    expectRefusal(() => createLedger(options as CreateLedgerOptions), { code, path, hint });
  });
});

type StateCall = [name: string, call: (state: LedgerState) => unknown];

const stateEntryPoints: StateCall[] = [
  ["applyEvent", (state) => applyEvent(state, usage() as unknown as LedgerEvent)],
  ["applyEvents", (state) => applyEvents(state, [usage()] as unknown as LedgerEvent[])],
  ["settle", (state) => settle(state, T_NEXT)],
  ["quotaStatus", (state) => quotaStatus(state, T_NEXT)],
  ["creditBalance", (state) => creditBalance(state, T_NEXT)],
  ["quoteUsage", (state) => quoteUsage(state, without(usage(), "type") as unknown as UsageInput)],
  ["timeUntilAvailable", (state) => timeUntilAvailable(state, "1", T_NEXT)],
];

const badStates: [label: string, make: () => unknown][] = [
  ["null", () => null],
  ["an empty object", () => ({})],
  ["the serialised text instead of the parsed state", () => textOf(activeLedger())],
];

describe.each(stateEntryPoints)("%s with a bad state argument", (_name, call) => {
  it.each(badStates)("refuses %s with invalid_state", (_label, make) => {
    const state = make() as LedgerState;
    expectRefusalKeepsState(state, () => call(state), {
      code: "invalid_state",
      path: [],
      hint: /createLedger|parseLedger/,
    });
  });
});
