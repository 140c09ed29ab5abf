/**
 * The store's primitives as stories: a missing account is a new ledger, a save creates
 * or compare-and-swaps the row, a lost race is a `version_conflict` and never an
 * overwrite, and the journal reads back in version order. Each story runs on PGlite and,
 * when `TOKEN_PLAN_PG_URL` is set, on a Postgres server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent, defaultCatalog, type LedgerState, tokenPlanChinaCatalog } from "../../src";
import { createLedgerStore, type LedgerStore, type SqlDriver, withLedger } from "../../src/postgres";
import {
  databaseKinds,
  must,
  noteServerSkip,
  openDatabase,
  type TestDatabase,
  textOf,
  usageAt,
} from "./support";

noteServerSkip("store.test.ts");

const june4 = Date.UTC(2026, 5, 4, 10, 0);
const subscribe = { type: "subscribe", id: "sub", at: june4, tier: "max" } as const;

function applied(state: LedgerState, ...events: Parameters<typeof applyEvent>[1][]): LedgerState {
  let next = state;
  for (const event of events) next = must(applyEvent(next, event)).state;
  return next;
}

describe.each(databaseKinds)("the store on $kind", ({ kind, skip }) => {
  describe.skipIf(skip)(kind, () => {
    let db: TestDatabase;
    let store: LedgerStore;
    beforeAll(async () => {
      db = await openDatabase(kind);
      store = must(createLedgerStore(db.driver)).store;
    }, 60_000);
    afterAll(() => db?.close());

    const row = async (accountId: string) =>
      (await db.sql("select version, state from token_plan_ledgers where account_id = $1", [accountId]))[0];

    it("a missing account loads as a new ledger at version 0, and loading writes nothing", async () => {
      const loaded = must(await store.load("new-account"));
      expect(loaded).toMatchObject({ accountId: "new-account", version: 0, exists: false });
      expect(loaded.state.version).toBe(0);
      expect(loaded.state.clockMs).toBeNull();
      // The store holds idempotency by default, so the row remembers only 16 ids.
      expect(loaded.state.eventIdsRemembered).toBe(16);
      expect(await row("new-account")).toBeUndefined();
    });

    it("save creates the row; load reads back the same state, stored as the exact text", async () => {
      const fresh = must(await store.load("created")).state;
      const state = applied(fresh, subscribe, usageAt("u1", june4 + 60_000));
      // subscribe (+1) and one usage (+1): version 2.
      expect(state.version).toBe(2);
      expect(must(await store.save("created", state, 0))).toEqual({
        ok: true,
        accountId: "created",
        version: 2,
        journaled: 0,
      });
      const stored = await row("created");
      expect(stored?.state).toBe(textOf(state));
      expect(Number(stored?.version)).toBe(2);
      const loaded = must(await store.load("created"));
      expect(loaded).toMatchObject({ version: 2, exists: true });
      expect(loaded.state).toEqual(state);
    });

    it("a save whose expected version moved is a version_conflict, never an overwrite", async () => {
      const start = applied(must(await store.load("raced")).state, subscribe);
      must(await store.save("raced", start, 0));
      // Two writers load version 1 and decide different usages.
      const a = applied(must(await store.load("raced")).state, usageAt("a", june4 + 1000));
      const b = applied(must(await store.load("raced")).state, usageAt("b", june4 + 2000));
      must(await store.save("raced", a, 1));
      const lost = await store.save("raced", b, 1);
      expect(lost.ok).toBe(false);
      if (lost.ok) return;
      expect(lost.error).toMatchObject({
        code: "version_conflict",
        path: ["expectedVersion"],
        params: { accountId: "raced", expectedVersion: 1 },
      });
      expect(lost.error.message).toMatch(/moved past version 1.*Load it again/);
      expect((await row("raced"))?.state).toBe(textOf(a));
    });

    it("two writers creating one account: the second is a version_conflict and the first row stays", async () => {
      const fresh = must(await store.load("born-twice")).state;
      const first = applied(fresh, subscribe);
      const second = applied(fresh, { ...subscribe, tier: "plus" });
      must(await store.save("born-twice", first, 0));
      const lost = await store.save("born-twice", second, 0);
      expect(lost.ok ? null : lost.error.code).toBe("version_conflict");
      expect((await row("born-twice"))?.state).toBe(textOf(first));
    });

    it("refuses to save a state that is not past the expected version", async () => {
      const fresh = must(await store.load("unmoved")).state;
      const refused = await store.save("unmoved", fresh, 0);
      expect(refused.ok ? null : refused.error).toMatchObject({
        code: "invalid_input",
        path: ["state", "version"],
      });
      expect(await row("unmoved")).toBeUndefined();
    });

    it("the journal reads back in version order, in pages", async () => {
      for (let i = 0; i < 5; i++) {
        must(
          await withLedger(store, "journaled", (state) =>
            state.subscription === null ? [subscribe] : [usageAt(`u${i}`, (state.clockMs ?? june4) + 1000)],
          ),
        );
      }
      const all = must(await store.journal("journaled"));
      expect(all.events.map((e) => [e.eventId, e.version])).toEqual([
        ["sub", 1],
        ["u1", 2],
        ["u2", 3],
        ["u3", 4],
        ["u4", 5],
      ]);
      const page = must(await store.journal("journaled", { afterVersion: 2, limit: 2 }));
      expect(page.events.map((e) => e.eventId)).toEqual(["u2", "u3"]);
      const found = must(await store.find("journaled", ["u3", "nope", "sub"]));
      expect(found.events.map((e) => e.eventId)).toEqual(["sub", "u3"]);
    });
  });
});

describe("inputs the store refuses before it touches the database", () => {
  const untouchable: SqlDriver = {
    query: () => {
      throw new Error("the store must not query for refused input");
    },
  };
  const store = must(createLedgerStore(untouchable)).store;

  it.each([
    ["an empty account id", ""],
    ["an account id over 256 characters", "x".repeat(257)],
    ["a number", 42 as unknown as string],
  ])("load refuses %s, naming accountId", async (_label, accountId) => {
    const loaded = await store.load(accountId);
    expect(loaded.ok ? null : loaded.error).toMatchObject({ code: "invalid_input", path: ["accountId"] });
  });

  it("save refuses a negative or fractional expected version", async () => {
    for (const expected of [-1, 1.5, Number.NaN]) {
      const saved = await store.save("a", {} as LedgerState, expected);
      expect(saved.ok ? null : saved.error).toMatchObject({
        code: "invalid_input",
        path: ["expectedVersion"],
      });
    }
  });

  it("save refuses a state that is not a ledger, naming the state", async () => {
    const saved = await store.save("a", { nope: true } as unknown as LedgerState, 0);
    expect(saved.ok ? null : saved.error.path[0]).toBe("state");
  });

  it("save refuses journal records that do not fit the save, naming the record", async () => {
    const empty = must(createLedgerStore({ query: async () => ({ rows: [] }) })).store;
    // Two applied events: the journal may hold versions 1 and 2.
    const state = applied(must(await empty.load("a")).state, subscribe, usageAt("u1", june4 + 1000));
    const record = (
      version: number,
      event: Parameters<typeof applyEvent>[1] = usageAt("u1", june4 + 1000),
    ) => ({
      event,
      version,
      outcome: { type: "duplicate", eventId: "x", eventType: "usage" } as const,
      entries: [],
    });
    const cases: [unknown, readonly (string | number)[]][] = [
      ["not a list", ["journal"]],
      [
        [record(1), record(1)],
        ["journal", 1, "version"],
      ],
      [[record(3)], ["journal", 0, "version"]],
      [[null], ["journal", 0, "version"]],
      [[record(1, { type: "usage", id: "u1" } as never)], ["journal", 0, "event", "at"]],
      [[{ ...record(1), outcome: undefined }], ["journal", 0, "outcome"]],
      [[{ ...record(1), entries: "none" }], ["journal", 0, "entries"]],
    ];
    for (const [journal, path] of cases) {
      const saved = await store.save("a", state, 0, journal as never);
      expect(saved.ok ? null : { code: saved.error.code, path: saved.error.path }).toEqual({
        code: "invalid_input",
        path,
      });
    }
  });

  it("save, find and journal refuse a bad account id as load does; find of no ids asks nothing", async () => {
    const state = must(
      await must(createLedgerStore({ query: async () => ({ rows: [] }) })).store.load("a"),
    ).state;
    for (const refused of [
      await store.save("", state, 0),
      await store.find("", ["u1"]),
      await store.journal(""),
    ])
      expect(refused.ok ? null : refused.error.path).toEqual(["accountId"]);
    expect(must(await store.find("a", [])).events).toEqual([]);
  });

  it("journal and find refuse bad pages and id lists", async () => {
    const page = await store.journal("a", { limit: 0 });
    expect(page.ok ? null : page.error.path).toEqual(["options", "limit"]);
    const after = await store.journal("a", { afterVersion: -1 });
    expect(after.ok ? null : after.error.path).toEqual(["options", "afterVersion"]);
    const found = await store.find("a", [1 as unknown as string]);
    expect(found.ok ? null : found.error.path).toEqual(["eventIds"]);
  });
});

describe("createLedgerStore's options", () => {
  const driver: SqlDriver = { query: async () => ({ rows: [] }) };

  it.each([
    ["a driver without query", [{} as SqlDriver, {}], "invalid_input", ["driver"]],
    ["an unknown idempotency", [driver, { idempotency: "both" }], "invalid_input", ["idempotency"]],
    ["an unknown option", [driver, { cache: true }], "invalid_input", ["cache"]],
    ["catalogs that are not a list", [driver, { catalogs: "default" }], "invalid_input", ["catalogs"]],
    [
      "a ledger option out of bounds",
      [driver, { ledgerOptions: { eventIdsRemembered: 0 } }],
      "limit_exceeded",
      ["ledgerOptions", "eventIdsRemembered"],
    ],
    [
      "catalogs without the new ledgers' catalog",
      [driver, { catalogs: [tokenPlanChinaCatalog], ledgerOptions: { catalog: defaultCatalog } }],
      "invalid_input",
      ["catalogs"],
    ],
  ] as const)("refuses %s", (_label, args, code, path) => {
    const created = createLedgerStore(...(args as unknown as Parameters<typeof createLedgerStore>));
    expect(created.ok ? null : { code: created.error.code, path: created.error.path }).toEqual({
      code,
      path,
    });
  });

  it("ledger idempotency keeps the core's default memory of 128 ids; store idempotency 16, unless set", async () => {
    const ledgerMode = must(createLedgerStore(driver, { idempotency: "ledger" })).store;
    expect(must(await ledgerMode.load("a")).state.eventIdsRemembered).toBe(128);
    const chosen = must(createLedgerStore(driver, { ledgerOptions: { eventIdsRemembered: 64 } })).store;
    expect(must(await chosen.load("a")).state.eventIdsRemembered).toBe(64);
  });
});
