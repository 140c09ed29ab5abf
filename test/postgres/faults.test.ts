/**
 * A database that fails. Each change is one statement, so the server applies all of it
 * or none: a driver that throws before the statement, a statement that fails half-way
 * (after the ledger's update, inside the journal insert), and a reply lost after the
 * commit. The first two write nothing; the third wrote everything, and the retry that
 * follows is a duplicate, counted once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src";
import { createLedgerStore, type Idempotency, type SqlDriver, withLedger } from "../../src/postgres";
import {
  databaseKinds,
  must,
  noteServerSkip,
  openDatabase,
  replay,
  type TestDatabase,
  textOf,
  usageAt,
} from "./support";

noteServerSkip("faults.test.ts");

const june4 = Date.UTC(2026, 5, 4, 10, 0);
const subscribe: LedgerEvent = { type: "subscribe", id: "sub", at: june4, tier: "max" };

/** A driver that fails the statements `failing` picks: before they reach the server, or after they ran. */
function faulty(inner: SqlDriver, failing: (sql: string) => "before" | "after" | null): SqlDriver {
  return {
    query: async (sql, params) => {
      const when = failing(sql);
      if (when === "before") throw Object.assign(new Error("connection refused"), { code: "08006" });
      const result = await inner.query(sql, params);
      if (when === "after") throw new Error("connection reset by peer");
      return result;
    },
  };
}
const isSave = (sql: string) => sql.startsWith("with saved");

describe.each(databaseKinds)("faults on $kind", ({ kind, skip }) => {
  describe.skipIf(skip)(kind, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await openDatabase(kind);
    }, 60_000);
    afterAll(() => db?.close());

    const snapshot = async (accountId: string) => ({
      ledger: await db.sql(
        "select version::text as version, state from token_plan_ledgers where account_id = $1",
        [accountId],
      ),
      journal: await db.sql("select event_id from token_plan_events where account_id = $1 order by version", [
        accountId,
      ]),
    });

    it("a driver that throws before the save: store_unavailable, nothing written", async () => {
      const good = must(createLedgerStore(db.driver)).store;
      must(await withLedger(good, "refused", () => [subscribe]));
      const before = await snapshot("refused");
      const broken = must(
        createLedgerStore(faulty(db.driver, (sql) => (isSave(sql) ? "before" : null))),
      ).store;
      const failed = await withLedger(broken, "refused", (s) => [usageAt("u1", (s.clockMs ?? june4) + 1000)]);
      expect(failed.ok ? null : failed.error).toMatchObject({
        code: "store_unavailable",
        params: { operation: "save", accountId: "refused", sqlState: "08006" },
      });
      expect(failed.ok ? "" : failed.error.message).toContain("connection refused");
      expect(await snapshot("refused")).toEqual(before);
    });

    it("a statement that fails half-way (after the ledger's update, in the journal insert) writes nothing", async () => {
      await db.sql(`create or replace function token_plan_test_boom() returns trigger language plpgsql as $$
        begin
          if new.event_id = 'boom' then raise exception 'disk quota exceeded'; end if;
          return new;
        end $$`);
      await db.sql(`create trigger token_plan_test_boom before insert on token_plan_events
        for each row execute function token_plan_test_boom()`);
      try {
        const store = must(createLedgerStore(db.driver)).store;
        must(await withLedger(store, "half-way", () => [subscribe]));
        const before = await snapshot("half-way");
        // Two events: "fine" is inserted into the journal first, then "boom" fails the statement.
        const failed = await withLedger(store, "half-way", (s) => [
          usageAt("fine", (s.clockMs ?? june4) + 1000),
          usageAt("boom", (s.clockMs ?? june4) + 2000),
        ]);
        expect(failed.ok ? null : failed.error).toMatchObject({
          code: "store_unavailable",
          params: { operation: "save", sqlState: "P0001" },
        });
        expect(failed.ok ? "" : failed.error.message).toContain("disk quota exceeded");
        expect(await snapshot("half-way")).toEqual(before);
      } finally {
        await db.sql("drop trigger token_plan_test_boom on token_plan_events");
      }
    });

    it.each(["ledger", "store"] as const)(
      "%s idempotency: a reply lost after the commit; the retry is a duplicate, counted once",
      async (idempotency: Idempotency) => {
        const accountId = `lost reply, ${idempotency}`;
        const good = must(createLedgerStore(db.driver, { idempotency })).store;
        must(await withLedger(good, accountId, () => [subscribe]));
        let lose = true;
        const flaky = must(
          createLedgerStore(
            faulty(db.driver, (sql) => {
              if (!isSave(sql) || !lose) return null;
              lose = false;
              return "after";
            }),
            { idempotency },
          ),
        ).store;
        let sent: LedgerEvent | null = null;
        const decide = (s: { clockMs: number | null }) => {
          sent ??= usageAt("u1", (s.clockMs ?? june4) + 1000);
          return [sent];
        };
        const lost = await withLedger(flaky, accountId, decide);
        expect(lost.ok ? null : lost.error.code).toBe("store_unavailable");
        // The server did commit: the row moved to version 2.
        expect((await snapshot(accountId)).ledger[0]?.version).toBe("2");
        // The gateway retries the same request.
        const retry = must(await withLedger(flaky, accountId, decide));
        expect(retry.events[0]).toMatchObject({ eventId: "u1", duplicate: true });
        expect(retry.events[0]?.outcome.type).toBe("usage");
        expect(retry).toMatchObject({ saved: false, version: 2 });
        if (idempotency === "store") expect(retry.events[0]?.version).toBe(2);
      },
    );

    it("a journal lookup that fails is store_unavailable, and nothing is written", async () => {
      const good = must(createLedgerStore(db.driver)).store;
      must(await withLedger(good, "lookups", () => [subscribe]));
      const u1 = usageAt("u1", june4 + 1000);
      must(await withLedger(good, "lookups", () => [u1]));
      const before = await snapshot("lookups");
      const noLookups = must(
        createLedgerStore(faulty(db.driver, (sql) => (sql.startsWith("select event_id") ? "before" : null))),
      ).store;
      const decisions: [string, () => LedgerEvent[]][] = [
        ["a retry (its first receipt is looked up)", () => [u1]],
        ["a refused event (it might be an old retry)", () => [{ ...u1, id: "u2", resource: "nope" }]],
      ];
      for (const [_label, decide] of decisions) {
        const failed = await withLedger(noLookups, "lookups", decide);
        expect(failed.ok ? null : failed.error.params).toMatchObject({ operation: "find" });
      }
      expect(await snapshot("lookups")).toEqual(before);
    });

    it("a load that throws is store_unavailable naming the operation", async () => {
      const broken = must(createLedgerStore(faulty(db.driver, () => "before"))).store;
      const loaded = await broken.load("anyone");
      expect(loaded.ok ? null : loaded.error.params).toMatchObject({
        operation: "load",
        accountId: "anyone",
      });
      const found = await broken.find("anyone", ["u1"]);
      expect(found.ok ? null : found.error.params).toMatchObject({ operation: "find" });
      const journal = await broken.journal("anyone");
      expect(journal.ok ? null : journal.error.params).toMatchObject({ operation: "journal" });
    });
  });
});

describe("a driver that answers with what the store did not write", () => {
  const text = textOf(replay([subscribe]));
  const answering = (rows: Record<string, unknown>[]): SqlDriver => ({ query: async () => ({ rows }) });

  it("a version column that is not a number is refused, naming it", async () => {
    const store = must(createLedgerStore(answering([{ version: "many", state: text }]))).store;
    const loaded = await store.load("odd");
    expect(loaded.ok ? null : { code: loaded.error.code, path: loaded.error.path }).toEqual({
      code: "invalid_state",
      path: ["version"],
    });
  });

  it("reads a bigint version as pg (a string) and PGlite (a number) return it", async () => {
    for (const version of ["1", 1, 1n]) {
      const store = must(createLedgerStore(answering([{ version, state: text }]))).store;
      expect(must(await store.load("a")).version).toBe(1);
    }
  });

  it("a driver that throws something other than an Error still gets a message a person can act on", async () => {
    for (const [thrown, shown] of [
      ["socket hang up", "socket hang up"],
      [42, "an unknown failure"],
    ] as const) {
      const store = must(createLedgerStore({ query: () => Promise.reject(thrown) })).store;
      const loaded = await store.load("a");
      expect(loaded.ok ? null : loaded.error.code).toBe("store_unavailable");
      expect(loaded.ok ? "" : loaded.error.message).toContain(shown);
    }
  });

  it("a state column handed back already parsed (as a jsonb column would be) is read too", async () => {
    const store = must(createLedgerStore(answering([{ version: 1, state: JSON.parse(text) }]))).store;
    expect(must(await store.load("a")).state.version).toBe(1);
  });

  it("a journal key violation names the id the journal holds, or reports the failure as it came", async () => {
    const violation = Object.assign(new Error("duplicate key"), {
      code: "23505",
      constraint: "token_plan_events_pkey",
    });
    const state = replay([subscribe, usageAt("u1", june4 + 1000)]);
    const records = [
      { event: usageAt("u1", june4 + 1000), version: 2, outcome: { type: "usage" } as never, entries: [] },
    ];
    const journalRow = {
      event_id: "u1",
      version: 2,
      fingerprint: "f",
      event: JSON.stringify(usageAt("u1", june4 + 1000)),
      receipt: '{"type":"usage"}',
      entries: "[]",
    };
    for (const [findRows, thrown, expected] of [
      [[journalRow], violation, { code: "conflict", path: ["journal", 0, "event", "id"] }],
      [[], violation, { code: "store_unavailable", path: [] }],
      [[journalRow], { ...violation, constraint: undefined }, { code: "store_unavailable", path: [] }],
    ] as const) {
      const driver: SqlDriver = {
        query: async (sql) => {
          if (sql.startsWith("with saved")) throw thrown;
          return { rows: findRows };
        },
      };
      const saved = await must(createLedgerStore(driver)).store.save("a", state, 1, records);
      expect(saved.ok ? null : { code: saved.error.code, path: saved.error.path }).toEqual(expected);
    }
  });

  it("a save the database reports as no row written is a version_conflict", async () => {
    const store = must(createLedgerStore(answering([{ saved: 0, journaled: 0 }]))).store;
    const saved = await store.save("someone", replay([subscribe]), 0);
    expect(saved.ok ? null : saved.error.code).toBe("version_conflict");
    expect(saved.ok ? "" : saved.error.message).toMatch(/created by another writer/);
  });
});
