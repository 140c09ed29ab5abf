/**
 * A caller's getter or Proxy that throws (issue 23, item 8). Inputs are meant to be plain
 * data; when reading one throws anyway, the public function answers with a typed
 * `invalid_input` refusal instead of letting the exception escape. An invariant broken
 * inside the library is a bug, not input: it still throws.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  type CatalogInput,
  type CatalogPatch,
  createLedger,
  creditBalance,
  defaultCatalog,
  defineCatalog,
  extendCatalog,
  type FieldPath,
  type LedgerEvent,
  type LedgerState,
  parseInstant,
  parseUsd,
  quotaStatus,
  quoteUsage,
  settle,
  timeUntilAvailable,
} from "../../src";
import { assert } from "../../src/assert";
import { guard } from "../../src/guard";
import { activeLedger, catalogDraft, expectRefusal, T_NEXT } from "./support";

/** An object whose `key` throws when read. */
function throwing<T extends object>(base: T, key: string): T {
  return Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get: () => {
      throw new Error(`boom at ${key}`);
    },
  });
}

/** Proxies (of an object, of an array) that throw on every trap. */
const traps: ProxyHandler<object> = {
  get: () => {
    throw new Error("proxy get");
  },
  has: () => {
    throw new Error("proxy has");
  },
  ownKeys: () => {
    throw new Error("proxy ownKeys");
  },
  getOwnPropertyDescriptor: () => {
    throw new Error("proxy descriptor");
  },
  getPrototypeOf: () => {
    throw new Error("proxy prototype");
  },
};
const hostile = new Proxy({}, traps);
const hostileArray = new Proxy([], traps);

const usage = { type: "usage", id: "u9", at: T_NEXT, resource: "MiniMax-M3", measures: { inputTokens: 1 } };
const expected = { code: "invalid_input" as const, path: [] as FieldPath, hint: /threw.*plain data/ };

describe("every public entry turns a throwing input into a typed refusal", () => {
  const state = activeLedger();
  // biome-ignore format: one row per call
  const calls: [string, () => unknown][] = [
    ["applyEvent: a throwing event field", () => applyEvent(state, throwing(usage, "resource") as LedgerEvent)],
    ["applyEvent: a throwing measure", () => applyEvent(state, { ...usage, measures: throwing({ inputTokens: 1 }, "inputTokens") } as LedgerEvent)],
    ["applyEvent: a Proxy event", () => applyEvent(state, hostile as LedgerEvent)],
    ["applyEvent: a Proxy state", () => applyEvent(hostile as LedgerState, usage as LedgerEvent)],
    ["applyEvents: a throwing event", () => applyEvents(state, [throwing(usage, "at") as LedgerEvent])],
    ["applyEvents: a Proxy list", () => applyEvents(state, hostileArray as LedgerEvent[])],
    ["applyEvents: throwing options", () => applyEvents(state, [], throwing({ collectEntries: true }, "collectEntries"))],
    ["settle: a Proxy state", () => settle(hostile as LedgerState, T_NEXT)],
    ["quotaStatus: a Proxy state", () => quotaStatus(hostile as LedgerState, T_NEXT)],
    ["creditBalance: throwing options", () => creditBalance(state, T_NEXT, throwing({ horizon: "P1D" }, "horizon"))],
    ["quoteUsage: a throwing usage", () => quoteUsage(state, throwing({ at: T_NEXT, resource: "music", measures: { songs: 1 } }, "measures"))],
    ["timeUntilAvailable: throwing options", () => timeUntilAvailable(state, 1, T_NEXT, throwing({ bucket: "general" }, "bucket"))],
    ["createLedger: throwing options", () => createLedger(throwing({ eventIdsRemembered: 5 }, "eventIdsRemembered"))],
    ["defineCatalog: a throwing field", () => defineCatalog(throwing(catalogDraft(), "tiers") as unknown as CatalogInput)],
    ["defineCatalog: a Proxy", () => defineCatalog(hostile as CatalogInput)],
    ["extendCatalog: a throwing patch field", () => extendCatalog(defaultCatalog, throwing({ id: "x" }, "tiers") as CatalogPatch)],
    ["parseUsd: a Proxy path", () => parseUsd("1", hostileArray as FieldPath)],
    ["parseInstant: a Proxy path", () => parseInstant(T_NEXT, hostileArray as FieldPath)],
  ];
  it.each(calls)("%s", (_label, call) => {
    const error = expectRefusal(call, expected);
    expect(error.params.thrown).toBe("Error");
  });
});

describe("the guard keeps bugs loud", () => {
  it("an invariant broken inside the library still throws", () => {
    expect(() => guard(() => assert(false, "a test invariant"))).toThrow(
      /invariant broken: a test invariant/,
    );
  });

  it("a value is returned as it is", () => {
    expect(guard(() => ({ ok: true, value: 1 }))).toEqual({ ok: true, value: 1 });
  });
});
