/**
 * withLedger, the gateway's loop: load → decide → apply → compare-and-swap save, again
 * after a lost race, up to a bound. Stories on PGlite (the loop is the same SQL on a
 * server; the concurrency suite runs it there).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LedgerEvent, quoteUsage } from "../../src";
import { createLedgerStore, type LedgerStore, withLedger } from "../../src/postgres";
import { must, pgliteDatabase, type TestDatabase, textOf, usageAt } from "./support";

const june4 = Date.UTC(2026, 5, 4, 10, 0);
const subscribe: LedgerEvent = { type: "subscribe", id: "sub", at: june4, tier: "plus" };

let db: TestDatabase;
let store: LedgerStore;
beforeAll(async () => {
  db = await pgliteDatabase();
  store = must(createLedgerStore(db.driver)).store;
}, 60_000);
afterAll(() => db?.close());

const storedVersion = async (accountId: string) => {
  const rows = await db.sql("select version from token_plan_ledgers where account_id = $1", [accountId]);
  return rows[0] === undefined ? null : Number(rows[0].version);
};

describe("withLedger records a decision", () => {
  it("applies the decided events, saves them with their journal rows, and returns each receipt", async () => {
    const recorded = must(await withLedger(store, "acct", () => [subscribe, usageAt("u1", june4 + 60_000)]));
    expect(recorded).toMatchObject({ accountId: "acct", version: 2, saved: true, attempts: 1 });
    expect(recorded.events.map((e) => [e.eventId, e.duplicate, e.version, e.outcome.type])).toEqual([
      ["sub", false, 1, "subscription"],
      ["u1", false, 2, "usage"],
    ]);
    expect(await storedVersion("acct")).toBe(2);
    const journal = must(await store.journal("acct"));
    expect(journal.events.map((e) => e.outcome)).toEqual(recorded.events.map((e) => e.outcome));
    expect(journal.events.map((e) => e.entries)).toEqual(recorded.events.map((e) => e.entries));
  });

  it("hands decide's value back; a decision with no events writes nothing", async () => {
    const before = await storedVersion("acct");
    const refused = must(
      await withLedger(store, "acct", (state) => {
        // Admission: 60M output tokens do not fit a Plus 5-hour window and there are no credits.
        const quote = must(
          quoteUsage(state, {
            at: june4 + 120_000,
            resource: "MiniMax-M3",
            measures: { outputTokens: 60_000_000 },
          }),
        );
        return quote.value.allowed ? { events: [], value: "run" } : { events: [], value: "refuse" };
      }),
    );
    expect(refused).toMatchObject({ value: "refuse", saved: false, version: before, events: [] });
    expect(await storedVersion("acct")).toBe(before);
  });

  it("a refused event refuses the whole decision, with its path under events; nothing is written", async () => {
    const before = await storedVersion("acct");
    const refused = await withLedger(store, "acct", (state) => [
      usageAt("u-fine", (state.clockMs ?? june4) + 1000),
      { type: "usage", id: "u-bad", at: (state.clockMs ?? june4) + 2000, resource: "nope", measures: {} },
    ]);
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: "unknown_resource",
      path: ["events", 1, "resource"],
    });
    expect(await storedVersion("acct")).toBe(before);
    expect(must(await store.find("acct", ["u-fine"])).events).toEqual([]);
  });

  it("refuses a decision that is not a list of events, and options out of bounds", async () => {
    const notList = await withLedger(store, "acct", () => ({ events: "u1" }) as never);
    expect(notList.ok ? null : notList.error.path).toEqual(["events"]);
    const tooMany = await withLedger(store, "acct", () => [], { attemptsMax: 0 });
    expect(tooMany.ok ? null : tooMany.error.path).toEqual(["options", "attemptsMax"]);
    const badDelay = await withLedger(store, "acct", () => [], { retryDelayMs: 5 as never });
    expect(badDelay.ok ? null : badDelay.error.path).toEqual(["options", "retryDelayMs"]);
    const notEvent = await withLedger(store, "acct", () => [null as never]);
    expect(notEvent.ok ? null : notEvent.error).toMatchObject({ code: "invalid_input", path: ["events", 0] });
    const notOptions = await withLedger(store, "acct", () => [], null as never);
    expect(notOptions.ok ? null : notOptions.error.path).toEqual(["options"]);
    const badDecide = await withLedger(store, "acct", "decide" as never);
    expect(badDecide.ok ? null : badDecide.error.path).toEqual(["decide"]);
  });
});

describe("withLedger after a lost race", () => {
  /** Another writer records `id` while this one is deciding (on the attempts listed). */
  const rival = (accountId: string, attempts: readonly number[]) => {
    let n = 0;
    return async (attempt: number) => {
      if (!attempts.includes(attempt)) return;
      n++;
      must(await withLedger(store, accountId, (s) => [usageAt(`rival-${n}`, (s.clockMs ?? june4) + 1000)]));
    };
  };

  it("reloads and decides again on the winner's state; both usages count once", async () => {
    must(await withLedger(store, "race", () => [subscribe]));
    const interfere = rival("race", [1]);
    const seen: number[] = [];
    const recorded = must(
      await withLedger(store, "race", async (state, context) => {
        seen.push(context.version);
        await interfere(context.attempt);
        return [usageAt("mine", (state.clockMs ?? june4) + 1000)];
      }),
    );
    // Attempt 1 decided on version 1, lost to the rival (version 2), attempt 2 decided on version 2.
    expect(seen).toEqual([1, 2]);
    expect(recorded).toMatchObject({ attempts: 2, version: 3 });
    const journal = must(await store.journal("race"));
    expect(journal.events.map((e) => e.eventId)).toEqual(["sub", "rival-1", "mine"]);
  });

  it("gives up after attemptsMax lost races with retries_exhausted, having written nothing of its own", async () => {
    must(await withLedger(store, "hot", () => [subscribe]));
    const interfere = rival("hot", [1, 2, 3]);
    const delays: number[] = [];
    const gaveUp = await withLedger(
      store,
      "hot",
      async (state, context) => {
        await interfere(context.attempt);
        return [usageAt("never", (state.clockMs ?? june4) + 1000)];
      },
      {
        attemptsMax: 3,
        retryDelayMs: (attempt) => {
          delays.push(attempt);
          return 1;
        },
      },
    );
    expect(gaveUp.ok ? null : gaveUp.error).toMatchObject({
      code: "retries_exhausted",
      params: { accountId: "hot", attempts: 3 },
    });
    // A pause after the first and second lost race; none after the last.
    expect(delays).toEqual([1, 2]);
    expect(must(await store.find("hot", ["never"])).events).toEqual([]);
    expect(await storedVersion("hot")).toBe(4);
  });

  it("an error thrown by decide propagates, and nothing is written", async () => {
    const before = textOf(must(await store.load("race")).state);
    await expect(
      withLedger(store, "race", () => {
        throw new Error("upstream down");
      }),
    ).rejects.toThrow("upstream down");
    expect(textOf(must(await store.load("race")).state)).toBe(before);
  });
});
