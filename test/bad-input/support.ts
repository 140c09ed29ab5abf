/**
 * Shared helpers of the bad-input catalogue: fixtures, a recursive freeze, and
 * `expectRefusal`, which runs a call and checks the typed refusal it must return.
 *
 * Conventions the tables follow (stated once here, so each row stays one line):
 * - A wrong JSON type in a field of an event, a catalog or a stored state is
 *   `invalid_input` / `invalid_catalog` / `invalid_state`; a value of the right type that
 *   is not a valid amount, instant, duration or time zone gets the precise code
 *   (`invalid_amount`, `invalid_instant`, ...). NaN and ±Infinity are numbers, so they
 *   are invalid values, not wrong types.
 * - The scalar entry points (`parseUsd`, `parseInstant`, `settle(state, at)`, ...) have
 *   one job, so everything they refuse gets their own code.
 * - A bound from `src/limits.ts` that is exceeded is `limit_exceeded` (its header says so).
 * - `path` is the exact path of the offending field; for an unknown key, the key itself.
 */
import { expect } from "vitest";
import {
  applyEvents,
  createLedger,
  defaultCatalog,
  type FieldPath,
  type LedgerError,
  type LedgerErrorCode,
  type LedgerEvent,
  type LedgerState,
  ledgerErrorCodes,
  serializeLedger,
} from "../../src";

/** Instants around the fixture ledger's clock (11:00). */
export const T_SUBSCRIBED = "2026-06-04T10:00:00Z";
export const T_CLOCK = "2026-06-04T11:00:00Z";
export const T_NEXT = "2026-06-04T12:00:00Z";
export const T_LATER = "2026-06-04T13:00:00Z";
export const T_EARLY = "2026-06-04T09:00:00Z";

/** Freezes a value and every enumerable property reachable from it (cycle-safe). */
export function deepFreeze<T>(value: T, seen: WeakSet<object> = new WeakSet()): T {
  if (typeof value !== "object" || value === null || seen.has(value)) return value;
  seen.add(value);
  for (const child of Object.values(value)) deepFreeze(child, seen);
  return Object.freeze(value);
}

/** A deep copy of plain JSON data, unfrozen. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A new, empty ledger on the default catalog. */
export function emptyLedger(): LedgerState {
  const created = createLedger();
  if (!created.ok) throw new Error(`fixture: ${created.error.message}`);
  return created.state;
}

/** Applies events to a state or fails the test with the refusal. */
export function withEvents(state: LedgerState, events: readonly unknown[]): LedgerState {
  const applied = applyEvents(state, events as LedgerEvent[]);
  if (!applied.ok) throw new Error(`fixture: ${applied.error.code} ${applied.error.message}`);
  return applied.state;
}

/**
 * The fixture ledger: Plus since 10:00, two credit packages, usage "u1" at 11:00
 * (clock 11:00). Ids in use: s1, p1, p2, u1.
 */
export function activeLedger(): LedgerState {
  return withEvents(emptyLedger(), [
    { type: "subscribe", id: "s1", at: T_SUBSCRIBED, tier: "plus" },
    { type: "purchase-credits", id: "p1", at: T_SUBSCRIBED, package: "usd-5" },
    { type: "purchase-credits", id: "p2", at: T_SUBSCRIBED, package: "usd-25" },
    { type: "usage", id: "u1", at: T_CLOCK, resource: "MiniMax-M3", measures: { outputTokens: 10_000 } },
  ]);
}

/** Builders of well-formed events at T_NEXT; `over` replaces or adds fields. */
type Fields = Record<string, unknown>;
export const usage = (over: Fields = {}): Fields => ({
  type: "usage",
  id: "u9",
  at: T_NEXT,
  resource: "MiniMax-M3",
  measures: { inputTokens: 100 },
  ...over,
});
export const subscribe = (over: Fields = {}): Fields => ({
  type: "subscribe",
  id: "s9",
  at: T_NEXT,
  tier: "max",
  ...over,
});
export const cancel = (over: Fields = {}): Fields => ({ type: "cancel", id: "c9", at: T_NEXT, ...over });
export const changeTier = (over: Fields = {}): Fields => ({
  type: "change-tier",
  id: "t9",
  at: T_NEXT,
  tier: "max",
  ...over,
});
export const purchase = (over: Fields = {}): Fields => ({
  type: "purchase-credits",
  id: "p9",
  at: T_NEXT,
  credits: "5000",
  ...over,
});
export const grant = (over: Fields = {}): Fields => ({
  type: "grant-credits",
  id: "g9",
  at: T_NEXT,
  credits: "100",
  ...over,
});
export const voidUsage = (over: Fields = {}): Fields => ({
  type: "void-usage",
  id: "v9",
  at: T_NEXT,
  usageId: "u1",
  ...over,
});

/** The object without the named keys (a "missing field" row). */
export function without(value: Fields, ...keys: string[]): Fields {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

/** `count` metadata entries. */
export function metadataOf(count: number): Fields {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
}

/** The value at a path inside plain JSON data (objects and arrays). */
export function dig(root: unknown, path: FieldPath): Record<string | number, unknown> {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node as Record<string | number, unknown>;
}

/** A mutation of a JSON draft: set the value at the path. */
export function set(path: FieldPath, value: unknown): (draft: unknown) => void {
  return (draft) => {
    const parent = dig(draft, path.slice(0, -1));
    parent[path[path.length - 1] as string | number] = value;
  };
}

/** A mutation of a JSON draft: delete the value at the path. */
export function del(path: FieldPath): (draft: unknown) => void {
  return (draft) => {
    const parent = dig(draft, path.slice(0, -1));
    delete parent[path[path.length - 1] as string | number];
  };
}

/** A JSON copy of the default catalog, as a user would write it. */
export function catalogDraft(): Fields {
  return clone(defaultCatalog) as unknown as Fields;
}

/** What a refusal must look like. */
export interface Expected {
  readonly code: LedgerErrorCode;
  readonly path: FieldPath;
  /** Something the message must say: the field, the expected form or the rule. */
  readonly hint: RegExp;
}

function describe(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
}

/**
 * Runs `call` and checks it returned `{ ok: false, error }` with the expected code and
 * path and an actionable message. A throw fails the test: bad input must never throw.
 */
export function expectRefusal(call: () => unknown, expected: Expected): LedgerError {
  let result: unknown;
  try {
    result = call();
  } catch (thrown) {
    expect.fail(`threw ${describe(thrown)} instead of returning a typed "${expected.code}" refusal`);
  }
  const refusal = result as { ok?: unknown; error?: LedgerError };
  expect(refusal.ok, `expected { ok: false }, got ${JSON.stringify(result)?.slice(0, 300)}`).toBe(false);
  const error = refusal.error as LedgerError;
  expect(ledgerErrorCodes).toContain(error.code);
  expect({ code: error.code, path: error.path }).toEqual({ code: expected.code, path: expected.path });
  expect(typeof error.message).toBe("string");
  expect(error.message.trim().length).toBeGreaterThan(10);
  expect(error.message).not.toMatch(/\[object Object\]/);
  expect(error.message).toMatch(expected.hint);
  return error;
}

/**
 * Deep-freezes the state (and any other inputs), runs `call`, expects a refusal and
 * checks the state serialises the same before and after.
 */
export function expectRefusalKeepsState(
  state: LedgerState,
  call: () => unknown,
  expected: Expected,
  ...inputs: unknown[]
): LedgerError {
  deepFreeze(state);
  for (const input of inputs) deepFreeze(input);
  const before = snapshotOf(state);
  const error = expectRefusal(call, expected);
  expect(snapshotOf(state)).toBe(before);
  return error;
}

/** Stored text of a library state, or plain JSON of anything else (a bad state argument). */
function snapshotOf(state: unknown): string {
  const text = serializeLedger(state as LedgerState);
  return text.ok ? text.value : JSON.stringify(state);
}

/** One table row: label, input, expected code, expected path, message hint. */
export type Row<I = unknown> = [
  label: string,
  input: I,
  code: LedgerErrorCode,
  path: FieldPath,
  hint: RegExp,
];
