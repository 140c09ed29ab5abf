/**
 * withLedger's loop over an in-memory store (issue 23: Stryker's survivors in
 * src/postgres/withLedger.ts): what decide may return, how many attempts it gets, how
 * long it waits between them, when it consults the journal, and which receipt a
 * duplicate answers with. The store here keeps the LedgerStore contract in a Map, so
 * each case can script a lost race or a journal the ledger has forgotten.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLedger, eventFingerprint, type LedgerEvent, type LedgerState } from "../../src";
import {
  type Idempotency,
  type JournalEvent,
  type LedgerStore,
  type StoreRefusal,
  withLedger,
} from "../../src/postgres";
import { backoffMs } from "../../src/postgres/retry";
import { must, usageAt } from "../postgres/helpers";

const june4 = Date.UTC(2026, 5, 4, 10, 0);
const subscribe: LedgerEvent = { type: "subscribe", id: "sub", at: june4, tier: "max" };

const refusal = (
  code: string,
  params: Record<string, string | number | boolean | null> = {},
): StoreRefusal => ({
  ok: false,
  error: { code: code as never, message: code, path: [], params },
});

interface Memory {
  readonly store: LedgerStore;
  /** What the loop asked: "load", "save <n journal rows>", "find <ids>". */
  readonly calls: string[];
  readonly journal: JournalEvent[];
  /** Answers the next saves get instead of being written (a lost race, a failure). */
  readonly saveAnswers: StoreRefusal[];
  /** Answers the next finds get. */
  readonly findAnswers: StoreRefusal[];
}

/** A LedgerStore in memory: compare-and-swap on a version, a journal keyed by event id. */
function memoryStore(idempotency: Idempotency = "store"): Memory {
  const fresh = must(createLedger({ eventIdsRemembered: idempotency === "store" ? 16 : 128 })).state;
  let row: { state: LedgerState; version: number } | null = null;
  const calls: string[] = [];
  const journal: JournalEvent[] = [];
  const saveAnswers: StoreRefusal[] = [];
  const findAnswers: StoreRefusal[] = [];
  const store: LedgerStore = {
    idempotency,
    async load(accountId) {
      calls.push("load");
      return row === null
        ? { ok: true, accountId, state: fresh, version: 0, exists: false }
        : { ok: true, accountId, state: row.state, version: row.version, exists: true };
    },
    async save(accountId, state, expectedVersion, records = []) {
      calls.push(`save ${records.length}`);
      const scripted = saveAnswers.shift();
      if (scripted !== undefined) return scripted;
      if ((row?.version ?? 0) !== expectedVersion) return refusal("version_conflict");
      const held = records.find((r) => journal.some((j) => j.eventId === r.event.id));
      if (held !== undefined) return refusal("conflict", { journaled: true, eventId: held.event.id });
      for (const r of records) {
        journal.push({
          eventId: r.event.id,
          version: r.version,
          fingerprint: must(eventFingerprint(r.event)).value,
          event: r.event,
          outcome: r.outcome,
          entries: r.entries,
        });
      }
      row = { state, version: state.version };
      return { ok: true, accountId, version: state.version, journaled: records.length };
    },
    async find(_accountId, ids) {
      calls.push(`find ${ids.join(",")}`);
      const scripted = findAnswers.shift();
      if (scripted !== undefined) return scripted;
      return { ok: true, events: journal.filter((e) => ids.includes(e.eventId)) };
    },
    async journal() {
      return { ok: true, events: [...journal] };
    },
  };
  return { store, calls, journal, saveAnswers, findAnswers };
}

const errorOf = (result: { readonly ok: boolean }) =>
  result.ok ? null : (result as unknown as { error: unknown }).error;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("what decide may return", () => {
  it("not a list, or more than 1,000 events, is refused whole", async () => {
    const { store, calls } = memoryStore();
    const refused = {
      code: "invalid_input",
      message: "decide must return a list of at most 1000 events, or { events, value }.",
      path: ["events"],
      params: { eventsPerDecisionMax: 1000 },
    };
    for (const decision of [null, { events: "u1" }, 5, Array.from({ length: 1001 }, () => subscribe)])
      expect(errorOf(await withLedger(store, "a", () => decision as never))).toEqual(refused);
    expect(calls.filter((c) => c !== "load")).toEqual([]);
  });

  it("1,000 events are taken (one new, the rest its duplicates)", async () => {
    const { store } = memoryStore();
    const recorded = must(await withLedger(store, "a", () => Array.from({ length: 1000 }, () => subscribe)));
    expect(recorded.events).toHaveLength(1000);
    expect(recorded.events.filter((e) => e.duplicate)).toHaveLength(999);
    expect(recorded.version).toBe(1);
  });

  it("a list hands back no value, even a list carrying a value property; { events, value } hands back value", async () => {
    const { store } = memoryStore();
    const list = Object.assign([subscribe], { value: "hidden" });
    expect(must(await withLedger(store, "a", () => list)).value).toBeUndefined();
    expect(must(await withLedger(store, "a", () => ({ events: [], value: "kept" }))).value).toBe("kept");
  });

  it("decide that is not a function is refused", async () => {
    const { store, calls } = memoryStore();
    expect(errorOf(await withLedger(store, "a", 5 as never))).toEqual({
      code: "invalid_input",
      message: "Expected decide as a function of the state.",
      path: ["decide"],
      params: {},
    });
    expect(calls).toEqual([]);
  });

  it("decide is told the account, the loaded version and the attempt", async () => {
    const memory = memoryStore();
    must(await withLedger(memory.store, "a", () => [subscribe]));
    memory.saveAnswers.push(refusal("version_conflict"));
    const seen: unknown[] = [];
    must(
      await withLedger(
        memory.store,
        "a",
        (state, context) => {
          seen.push(context);
          return [usageAt(`u${context.attempt}`, (state.clockMs ?? june4) + 1000)];
        },
        { retryDelayMs: () => 0 },
      ),
    );
    expect(seen).toEqual([
      { accountId: "a", version: 1, attempt: 1 },
      { accountId: "a", version: 1, attempt: 2 },
    ]);
  });
});

describe("what a recording answers", () => {
  it("a saved decision: the state saved, the version, each event, saved and the attempts", async () => {
    const { store, calls } = memoryStore();
    const recorded = must(await withLedger(store, "a", () => [subscribe]));
    expect(recorded).toMatchObject({ ok: true, accountId: "a", version: 1, saved: true, attempts: 1 });
    expect(recorded.state.version).toBe(1);
    expect(recorded.state.subscription).not.toBeNull();
    expect(recorded.events).toEqual([
      {
        eventId: "sub",
        duplicate: false,
        outcome: recorded.events[0]?.outcome,
        entries: recorded.events[0]?.entries,
        version: 1,
      },
    ]);
    expect(recorded.events[0]?.outcome.type).toBe("subscription");
    expect(calls).toEqual(["load", "save 1"]);
  });

  it("a decision of no events: the loaded state and version, nothing saved", async () => {
    const memory = memoryStore();
    must(await withLedger(memory.store, "a", () => [subscribe]));
    const loaded = must(await memory.store.load("a"));
    memory.calls.length = 0;
    const recorded = must(await withLedger(memory.store, "a", () => []));
    expect(recorded).toEqual({
      ok: true,
      accountId: "a",
      events: [],
      value: undefined,
      attempts: 1,
      state: loaded.state,
      version: 1,
      saved: false,
    });
    expect(memory.calls).toEqual(["load"]);
  });

  it("ledger idempotency asks the journal nothing and saves no journal rows", async () => {
    const { store, calls } = memoryStore("ledger");
    must(await withLedger(store, "a", () => [subscribe]));
    const retry = must(await withLedger(store, "a", () => [subscribe]));
    expect(retry.events[0]).toMatchObject({ duplicate: true, version: null, entries: [] });
    const refused = await withLedger(store, "a", () => [{ ...subscribe, id: "s2", tier: "nope" } as never]);
    expect(refused.ok).toBe(false);
    expect(calls).toEqual(["load", "save 0", "load", "load"]);
  });
});

describe("duplicates answer with their first receipt", () => {
  it("a retry the ledger remembers: the journal's receipt and version replace the ledger's", async () => {
    const memory = memoryStore();
    must(await withLedger(memory.store, "a", () => [subscribe]));
    // Mark the journal's receipt, so the answer shows where it came from.
    const marked = { ...(memory.journal[0] as JournalEvent), outcome: { type: "from-journal" } as never };
    memory.journal[0] = marked;
    memory.calls.length = 0;
    const u1 = usageAt("u1", june4 + 1000);
    const retry = must(await withLedger(memory.store, "a", () => [subscribe, u1]));
    expect(retry.events[0]).toEqual({
      eventId: "sub",
      duplicate: true,
      outcome: { type: "from-journal" },
      entries: [],
      version: 1,
    });
    // The new event keeps applyEvent's own receipt.
    expect(retry.events[1]).toMatchObject({ eventId: "u1", duplicate: false, version: 2 });
    expect(retry.events[1]?.outcome.type).toBe("usage");
    expect(memory.calls).toEqual(["load", "find sub", "save 1"]);
  });

  it("a duplicate the journal does not hold keeps the ledger's answer and no version", async () => {
    const memory = memoryStore();
    must(await withLedger(memory.store, "a", () => [subscribe]));
    memory.journal.length = 0;
    const retry = must(await withLedger(memory.store, "a", () => [subscribe]));
    // A subscribe's receipt is not rebuilt by the ledger: it says duplicate.
    expect(retry.events[0]).toEqual({
      eventId: "sub",
      duplicate: true,
      outcome: { type: "duplicate", eventId: "sub", eventType: "subscribe" },
      entries: [],
      version: null,
    });
  });

  it("a lookup of first receipts that fails is that failure", async () => {
    const memory = memoryStore();
    must(await withLedger(memory.store, "a", () => [subscribe]));
    memory.findAnswers.push(refusal("store_unavailable"));
    expect(errorOf(await withLedger(memory.store, "a", () => [subscribe]))).toMatchObject({
      code: "store_unavailable",
    });
  });
});

describe("the journal, when the ledger has forgotten an id", () => {
  /** A store whose journal holds `event` at version 7 with this fingerprint, which the (fresh) ledger does not know. */
  function forgotten(event: LedgerEvent, fingerprint = must(eventFingerprint(event)).value) {
    const memory = memoryStore();
    memory.journal.push({
      eventId: event.id,
      version: 7,
      fingerprint,
      event,
      outcome: { type: "first-receipt" } as never,
      entries: [],
    });
    return memory;
  }

  it("the save the journal turns back is decided again with the journal: a duplicate, not counted as an attempt", async () => {
    const memory = forgotten(subscribe);
    const retry = must(await withLedger(memory.store, "a", () => [subscribe], { attemptsMax: 1 }));
    expect(retry).toMatchObject({ saved: false, version: 0, attempts: 2 });
    expect(retry.events).toEqual([
      { eventId: "sub", duplicate: true, outcome: { type: "first-receipt" }, entries: [], version: 7 },
    ]);
    expect(memory.calls).toEqual(["load", "save 1", "load", "find sub"]);
  });

  it("the same id with other content is a conflict naming the first version", async () => {
    const memory = forgotten(subscribe, "another fingerprint");
    expect(errorOf(await withLedger(memory.store, "a", () => [subscribe]))).toEqual({
      code: "conflict",
      message:
        'Event id "sub" was already recorded (version 7) with different content; use a new id for a new event.',
      path: ["events", 0, "id"],
      params: { id: "sub", version: 7 },
    });
  });

  it("a refused decision asks the journal once (the event might be an old retry), then refuses", async () => {
    const { store, calls } = memoryStore();
    const noId = { type: "usage", at: june4, resource: "MiniMax-M3", measures: {} } as unknown as LedgerEvent;
    const refused = await withLedger(store, "a", () => [subscribe, noId]);
    expect(errorOf(refused)).toMatchObject({ code: "invalid_id", path: ["events", 1, "id"] });
    // Only the events with an id are looked up.
    expect(calls).toEqual(["load", "find sub"]);
  });

  it("an event that is null or a function has no id to look up; the decision is refused at it", async () => {
    const { store, calls } = memoryStore();
    const callable = Object.assign(() => undefined, { id: "f" });
    expect(errorOf(await withLedger(store, "a", () => [subscribe, null as never]))).toMatchObject({
      code: "invalid_input",
      path: ["events", 1],
    });
    expect(errorOf(await withLedger(store, "a", () => [callable as never]))).toMatchObject({
      path: ["events", 0],
    });
    expect(calls).toEqual(["load", "find sub", "load", "find "]);
  });

  it("a malformed event under an id the journal holds is refused as malformed, at its own path", async () => {
    const memory = forgotten(subscribe);
    const malformed = { ...subscribe, tier: 5 } as never;
    expect(errorOf(await withLedger(memory.store, "a", () => [malformed]))).toEqual({
      code: "invalid_id",
      message: "Expected an id string at tier.",
      path: ["events", 0, "tier"],
      params: { zodCode: "invalid_type" },
    });
  });

  it("a journal lookup that fails is that failure", async () => {
    const memory = memoryStore();
    memory.findAnswers.push(refusal("store_unavailable", { operation: "find" }));
    const bad = { ...subscribe, tier: "nope" } as never;
    expect(errorOf(await withLedger(memory.store, "a", () => [bad]))).toMatchObject({
      code: "store_unavailable",
    });
    const again = forgotten(subscribe);
    again.saveAnswers.push(refusal("conflict", { journaled: true }));
    again.findAnswers.push(refusal("store_unavailable"));
    expect(errorOf(await withLedger(again.store, "a", () => [subscribe]))).toMatchObject({
      code: "store_unavailable",
    });
  });

  it("a second journal hit is a lost race like any other (the budget grows once)", async () => {
    const memory = memoryStore();
    for (let i = 0; i < 3; i++) memory.saveAnswers.push(refusal("conflict", { journaled: true }));
    const gaveUp = await withLedger(memory.store, "a", () => [subscribe], {
      attemptsMax: 2,
      retryDelayMs: () => 0,
    });
    expect(errorOf(gaveUp)).toMatchObject({ code: "retries_exhausted", params: { attempts: 2 } });
    expect(memory.calls.filter((c) => c === "load")).toHaveLength(3);
  });

  it("a conflict that is not the journal's is returned as it came", async () => {
    const memory = memoryStore();
    const own = refusal("conflict", { journaled: false });
    memory.saveAnswers.push(own);
    expect(await withLedger(memory.store, "a", () => [subscribe])).toEqual(own);
    expect(memory.calls).toEqual(["load", "save 1"]);
  });
});

describe("refusals the loop passes on", () => {
  it("options out of bounds, before anything is loaded", async () => {
    const { store, calls } = memoryStore();
    expect(errorOf(await withLedger(store, "a", () => [], { attemptsMax: 0 }))).toMatchObject({
      path: ["options", "attemptsMax"],
    });
    expect(calls).toEqual([]);
  });

  it("a load that fails, before decide is asked", async () => {
    const down = refusal("store_unavailable");
    const memory = memoryStore();
    const store: LedgerStore = { ...memory.store, load: async () => down };
    let asked = false;
    expect(
      await withLedger(store, "a", () => {
        asked = true;
        return [];
      }),
    ).toEqual(down);
    expect(asked).toBe(false);
  });

  it("a save failure that carries journaled is still a failure, not a journal hit", async () => {
    const memory = memoryStore();
    const odd = refusal("store_unavailable", { journaled: true });
    memory.saveAnswers.push(odd);
    expect(await withLedger(memory.store, "a", () => [subscribe])).toEqual(odd);
    expect(memory.calls).toEqual(["load", "save 1"]);
  });

  it("once the journal answered a refused event, a journal hit at save is a lost race (no extra attempt)", async () => {
    const memory = memoryStore();
    must(await withLedger(memory.store, "a", () => [{ ...subscribe, at: june4 + 10_000 }]));
    // An old retry, behind the ledger's clock, that the journal holds.
    const old = usageAt("old", june4);
    memory.journal.push({
      eventId: "old",
      version: 1,
      fingerprint: must(eventFingerprint(old)).value,
      event: old,
      outcome: { type: "first-receipt" } as never,
      entries: [],
    });
    memory.saveAnswers.push(refusal("conflict", { journaled: true }));
    const gaveUp = await withLedger(memory.store, "a", () => [old, usageAt("new", june4 + 20_000)], {
      attemptsMax: 1,
    });
    expect(errorOf(gaveUp)).toMatchObject({ code: "retries_exhausted", params: { attempts: 1 } });
    expect(memory.calls).toEqual(["load", "save 1", "load", "find old,new", "save 1"]);
  });
});

describe("lost races: attempts and waits", () => {
  it("gives up after 10 attempts by default, each a lost race", async () => {
    const memory = memoryStore();
    for (let i = 0; i < 20; i++) memory.saveAnswers.push(refusal("version_conflict"));
    const gaveUp = await withLedger(memory.store, "a", () => [subscribe], { retryDelayMs: () => 0 });
    expect(errorOf(gaveUp)).toEqual({
      code: "retries_exhausted",
      message:
        'Account "a": gave up after 10 attempts, each losing its compare-and-swap to another writer. Nothing of this decision was written; retry later, or raise attemptsMax if this account is this busy.',
      path: [],
      params: { accountId: "a", attempts: 10 },
    });
    expect(memory.calls.filter((c) => c === "load")).toHaveLength(10);
  });

  it("another refusal of the save is returned at once", async () => {
    const memory = memoryStore();
    const down = refusal("store_unavailable");
    memory.saveAnswers.push(down);
    expect(await withLedger(memory.store, "a", () => [subscribe])).toEqual(down);
    expect(memory.calls).toEqual(["load", "save 1"]);
  });

  it("by default waits the jittered backoff of the decision's ids after each lost race but the last", async () => {
    const memory = memoryStore();
    for (let i = 0; i < 3; i++) memory.saveAnswers.push(refusal("version_conflict"));
    const timer = vi.spyOn(globalThis, "setTimeout");
    const events = [subscribe, usageAt("u1", june4 + 1000)];
    const gaveUp = await withLedger(memory.store, "acct", () => events, { attemptsMax: 3 });
    expect(errorOf(gaveUp)).toMatchObject({ code: "retries_exhausted" });
    const waits = timer.mock.calls.map((call) => call[1]);
    expect(waits).toEqual([backoffMs(1, "acct", ["sub", "u1"]), backoffMs(2, "acct", ["sub", "u1"])]);
  });

  it("retryDelayMs chooses the wait; 0 waits not at all, and the last lost race waits nothing", async () => {
    const memory = memoryStore();
    for (let i = 0; i < 6; i++) memory.saveAnswers.push(refusal("version_conflict"));
    const timer = vi.spyOn(globalThis, "setTimeout");
    const asked: number[] = [];
    await withLedger(memory.store, "a", () => [subscribe], {
      attemptsMax: 3,
      retryDelayMs: (attempt) => {
        asked.push(attempt);
        return attempt === 1 ? 0 : 3;
      },
    });
    expect(asked).toEqual([1, 2]);
    expect(timer.mock.calls.map((call) => call[1])).toEqual([3]);
  });

  it("a race lost then won: the second attempt's save", async () => {
    const memory = memoryStore();
    memory.saveAnswers.push(refusal("version_conflict"));
    const recorded = must(await withLedger(memory.store, "a", () => [subscribe], { retryDelayMs: () => 0 }));
    expect(recorded).toMatchObject({ saved: true, attempts: 2, version: 1 });
    expect(memory.calls).toEqual(["load", "save 1", "load", "save 1"]);
  });
});
