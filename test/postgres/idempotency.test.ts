/**
 * What each idempotency configuration guarantees (the README's table, line by line):
 * a retry right away, a retry older than the ledger's memory, an id reused with other
 * content, and a void of an old usage. The ledgers here remember 4 ids so "older than
 * the memory" takes five events, not 257.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LedgerEvent, LedgerState } from "../../src";
import { createLedgerStore, type Idempotency, type LedgerStore, withLedger } from "../../src/postgres";
import { must, pgliteDatabase, type TestDatabase, usageAt } from "./support";

const june4 = Date.UTC(2026, 5, 4, 10, 0);
const subscribe: LedgerEvent = { type: "subscribe", id: "sub", at: june4, tier: "max" };
const later = (state: LedgerState, ms = 1000) => (state.clockMs ?? june4) + ms;

let db: TestDatabase;
const stores = {} as Record<Idempotency, LedgerStore>;
beforeAll(async () => {
  db = await pgliteDatabase();
  for (const idempotency of ["ledger", "store"] as const) {
    stores[idempotency] = must(
      createLedgerStore(db.driver, { idempotency, ledgerOptions: { eventIdsRemembered: 4 } }),
    ).store;
  }
}, 60_000);
afterAll(() => db?.close());

const versionOf = async (accountId: string) =>
  Number(
    (await db.sql("select version from token_plan_ledgers where account_id = $1", [accountId]))[0]?.version,
  );

/** Records `event` on a fresh subscribed account, then `others` usages one by one; returns the first recording. */
async function recordThenMore(store: LedgerStore, accountId: string, event: LedgerEvent, others: number) {
  must(await withLedger(store, accountId, () => [subscribe]));
  const first = must(await withLedger(store, accountId, () => [event]));
  for (let i = 0; i < others; i++) {
    must(await withLedger(store, accountId, (s) => [usageAt(`${accountId}-other-${i}`, later(s))]));
  }
  return first.events[0];
}

describe.each(["ledger", "store"] as const)("idempotency: %s", (idempotency) => {
  const account = (label: string) => `${idempotency}: ${label}`;

  it("a retry right away is a duplicate: its first receipt, nothing written", async () => {
    const store = stores[idempotency];
    const u1 = usageAt("u1", june4 + 60_000);
    const first = await recordThenMore(store, account("retry now"), u1, 0);
    const before = await versionOf(account("retry now"));
    const retry = must(await withLedger(store, account("retry now"), () => [u1]));
    expect(retry.saved).toBe(false);
    expect(retry.events[0]).toMatchObject({ eventId: "u1", duplicate: true, entries: [] });
    expect(retry.events[0]?.outcome).toEqual(first?.outcome);
    expect(await versionOf(account("retry now"))).toBe(before);
  });

  it("the same id twice in one decision: the second is a duplicate, one journal row at most", async () => {
    const store = stores[idempotency];
    must(await withLedger(store, account("twice"), () => [subscribe]));
    const u1 = usageAt("u1", june4 + 60_000);
    const both = must(await withLedger(store, account("twice"), () => [u1, u1]));
    expect(both.events.map((e) => e.duplicate)).toEqual([false, true]);
    expect(both.events[1]?.outcome).toEqual(both.events[0]?.outcome);
    expect(both.version).toBe(2);
  });

  it("an id reused with other content within the memory is a conflict; nothing written", async () => {
    const store = stores[idempotency];
    const u1 = usageAt("u1", june4 + 60_000);
    await recordThenMore(store, account("conflict now"), u1, 0);
    const before = await versionOf(account("conflict now"));
    const other = { ...u1, measures: { outputTokens: 5 } };
    const refused = await withLedger(store, account("conflict now"), () => [other]);
    expect(refused.ok ? null : refused.error).toMatchObject({ code: "conflict", path: ["events", 0, "id"] });
    expect(await versionOf(account("conflict now"))).toBe(before);
  });

  it("a void of a usage within the memory gives its quota back; an older one is usage_not_found", async () => {
    const store = stores[idempotency];
    const recent = usageAt("recent", june4 + 60_000);
    await recordThenMore(store, account("void"), recent, 1);
    const voided = must(
      await withLedger(store, account("void"), (s) => [
        { type: "void-usage", id: "void-recent", at: later(s), usageId: "recent" },
      ]),
    );
    expect(voided.events[0]?.outcome.type).toBe("void");

    const old = usageAt("old", later(must(await store.load(account("void"))).state));
    must(await withLedger(store, account("void"), () => [old]));
    for (let i = 0; i < 5; i++)
      must(await withLedger(store, account("void"), (s) => [usageAt(`filler-${i}`, later(s))]));
    const before = await versionOf(account("void"));
    const tooOld = await withLedger(store, account("void"), (s) => [
      { type: "void-usage", id: "void-old", at: later(s), usageId: "old" },
    ]);
    expect(tooOld.ok ? null : tooOld.error).toMatchObject({
      code: "usage_not_found",
      path: ["events", 0, "usageId"],
    });
    expect(await versionOf(account("void"))).toBe(before);
  });
});

describe("a retry older than the ledger's memory (five events later, 4 remembered)", () => {
  it("store: a duplicate with its first receipt and version, from the journal; nothing written", async () => {
    const store = stores.store;
    const u1 = usageAt("u1", june4 + 60_000);
    const first = await recordThenMore(store, "store: old retry", u1, 5);
    const before = await versionOf("store: old retry");
    const retry = must(await withLedger(store, "store: old retry", () => [u1]));
    expect(retry.events[0]).toMatchObject({ eventId: "u1", duplicate: true, version: 2 });
    expect(retry.events[0]?.outcome).toEqual(first?.outcome);
    expect(retry.saved).toBe(false);
    expect(await versionOf("store: old retry")).toBe(before);
  });

  it("store: an old id reused with other content is a conflict, from the journal", async () => {
    const store = stores.store;
    await recordThenMore(store, "store: old conflict", usageAt("u1", june4 + 60_000), 5);
    const refused = await withLedger(store, "store: old conflict", (s) => [usageAt("u1", later(s))]);
    expect(refused.ok ? null : refused.error).toMatchObject({ code: "conflict", path: ["events", 0, "id"] });
  });

  it("store: an old retry whose instant is still the clock's (not refused as late) is caught at save", async () => {
    // Every event at one instant: the forgotten id is applied as new, and the journal's
    // key refuses the save; withLedger then consults the journal and answers the first receipt.
    const store = stores.store;
    const at = june4 + 60_000;
    must(await withLedger(store, "store: same instant", () => [subscribe]));
    const first = must(await withLedger(store, "store: same instant", () => [usageAt("u1", at)]));
    for (let i = 0; i < 5; i++)
      must(await withLedger(store, "store: same instant", () => [usageAt(`o${i}`, at)]));
    // The save the journal turns back does not count against attemptsMax: one attempt is enough.
    const retry = must(
      await withLedger(store, "store: same instant", () => [usageAt("u1", at)], { attemptsMax: 1 }),
    );
    expect(retry).toMatchObject({ saved: false, attempts: 2 });
    expect(retry.events[0]?.outcome).toEqual(first.events[0]?.outcome);
    expect(must(await store.journal("store: same instant")).events).toHaveLength(7);
  });

  it("store: a malformed event under an old id is refused as malformed, not as a retry", async () => {
    const store = stores.store;
    await recordThenMore(store, "store: old malformed", usageAt("u1", june4 + 60_000), 5);
    const malformed = { ...usageAt("u1", june4 + 60_000), measures: { tokens: 1 } } as unknown as LedgerEvent;
    const refused = await withLedger(store, "store: old malformed", () => [malformed]);
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: "invalid_measure",
      path: ["events", 0, "measures", "tokens"],
    });
  });

  it("ledger: the forgotten retry is refused as earlier than the clock", async () => {
    const store = stores.ledger;
    const u1 = usageAt("u1", june4 + 60_000);
    await recordThenMore(store, "ledger: old retry", u1, 5);
    const refused = await withLedger(store, "ledger: old retry", () => [u1]);
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: "event_before_clock",
      path: ["events", 0, "at"],
    });
  });

  it("ledger: the forgotten retry at the clock's instant is counted again (the memory is the only record)", async () => {
    const store = stores.ledger;
    const at = june4 + 60_000;
    must(await withLedger(store, "ledger: same instant", () => [subscribe]));
    must(await withLedger(store, "ledger: same instant", () => [usageAt("u1", at)]));
    for (let i = 0; i < 5; i++)
      must(await withLedger(store, "ledger: same instant", () => [usageAt(`o${i}`, at)]));
    const retry = must(await withLedger(store, "ledger: same instant", () => [usageAt("u1", at)]));
    expect(retry.events[0]?.duplicate).toBe(false);
    expect(retry.version).toBe(8);
    // The ledger journals nothing in this configuration.
    expect(must(await store.journal("ledger: same instant")).events).toEqual([]);
  });
});

describe("the first receipt of every event type", () => {
  const story = (s: LedgerState): LedgerEvent[] => [
    { type: "purchase-credits", id: "buy", at: later(s), package: "usd-5" },
    { type: "grant-credits", id: "gift", at: later(s), credits: "1000", reason: "welcome" },
    usageAt("use", later(s, 2000)),
    { type: "void-usage", id: "undo", at: later(s, 3000), usageId: "use" },
    { type: "change-tier", id: "up", at: later(s, 4000), tier: "ultra" },
    { type: "pay-arrears", id: "settle-up", at: later(s, 5000) },
    { type: "cancel", id: "stop", at: later(s, 6000) },
  ];

  it("store: every retried event answers exactly what it got the first time", async () => {
    const store = stores.store;
    must(await withLedger(store, "store: receipts", () => [subscribe]));
    let sent: LedgerEvent[] = [];
    const first = must(
      await withLedger(store, "store: receipts", (s) => {
        sent = [subscribe, ...story(s)];
        return sent;
      }),
    );
    const retried = must(await withLedger(store, "store: receipts", () => sent));
    expect(retried.saved).toBe(false);
    expect(retried.events.map((e) => e.duplicate)).toEqual(sent.map(() => true));
    expect(retried.events.map((e) => e.outcome)).toEqual([
      must(await store.find("store: receipts", ["sub"])).events[0]?.outcome,
      ...first.events.slice(1).map((e) => e.outcome),
    ]);
  });

  it("ledger: usages and credit lots get their first receipt; the other types say duplicate", async () => {
    const store = stores.ledger;
    must(await withLedger(store, "ledger: receipts", () => [subscribe]));
    let sent: LedgerEvent[] = [];
    const first = must(
      await withLedger(store, "ledger: receipts", (s) => {
        sent = story(s).slice(0, 4);
        return sent;
      }),
    );
    const retried = must(await withLedger(store, "ledger: receipts", () => sent));
    expect(retried.events.map((e) => e.outcome.type)).toEqual(["credits", "credits", "usage", "duplicate"]);
    expect(retried.events.slice(0, 3).map((e) => e.outcome)).toEqual(
      first.events.slice(0, 3).map((e) => e.outcome),
    );
    expect(retried.events[3]?.outcome).toMatchObject({
      type: "duplicate",
      eventId: "undo",
      eventType: "void-usage",
    });
  });
});
