/**
 * Rows edited by hand. The store never trusts a row: `load` (and so `withLedger`)
 * refuses it with a typed error naming the column and the field inside it, and leaves
 * the row exactly as it found it. Each case runs on PGlite and, when configured, a server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCatalog, type LedgerEvent } from "../../src";
import { createLedgerStore, type LedgerStore, withLedger } from "../../src/postgres";
import { asVersion2 } from "../support/text";
import { databaseKinds, must, noteServerSkip, openDatabase, type TestDatabase, usageAt } from "./support";

noteServerSkip("bad-rows.test.ts");

const june4 = Date.UTC(2026, 5, 4, 10, 0);
// Max, one $25 lot (25,000 credits), one usage covered by quota: versions 1, 2, 3.
const story: LedgerEvent[] = [
  { type: "subscribe", id: "sub", at: june4, tier: "max" },
  { type: "purchase-credits", id: "p1", at: june4, package: "usd-25" },
  usageAt("u1", june4 + 3_600_000),
];

type Draft = Record<string, unknown> & { lots: Record<string, unknown>[]; catalog: Record<string, unknown> };
type Edit = { readonly state?: (text: string) => string; readonly version?: (column: number) => number };

const json = (change: (draft: Draft) => void) => (text: string) => {
  const draft = JSON.parse(text) as Draft;
  change(draft);
  return JSON.stringify(draft);
};

/** The same ledger as a version-1 row (its whole catalog inside, events as objects), as rows from before v2 hold it. */
function asVersionOne(text: string): Record<string, unknown> {
  const {
    version: _version,
    recentEvents,
    ...rest
  } = asVersion2(JSON.parse(text) as Record<string, unknown>);
  return {
    ...rest,
    schemaVersion: 1,
    catalog: JSON.parse(JSON.stringify(defaultCatalog)),
    recentEvents: (recentEvents as unknown[][]).map((e) => ({
      id: e[0],
      fingerprint: e[1],
      usage:
        e.length === 2
          ? null
          : { atMs: e[2], bucket: e[3], quotaUnits: e[4], draws: [], uncoveredCredits: "0", voided: false },
    })),
  };
}

const cases: readonly [string, Edit, string, readonly (string | number)[]][] = [
  [
    "a lot's remaining above what it was bought with",
    { state: json((d) => ((d.lots[0] as { remaining: string }).remaining = "30000")) },
    "invalid_state",
    ["state", "lots", 0, "remaining"],
  ],
  [
    "a lot's price written as 25.00 (not canonical)",
    { state: json((d) => ((d.lots[0] as { priceUsd: string }).priceUsd = "25.00")) },
    "invalid_state",
    ["state", "lots", 0, "priceUsd"],
  ],
  [
    "the catalog's fingerprint changed (a row claiming other prices)",
    { state: json((d) => (d.catalog.fingerprint = "0000000000")) },
    "invalid_state",
    ["state", "catalog", "fingerprint"],
  ],
  [
    "a price edited in a version-1 row's catalog",
    {
      state: (text) => {
        const v1 = asVersionOne(text) as { catalog: { tiers: { max: { monthlyPriceUsd: string } } } };
        v1.catalog.tiers.max.monthlyPriceUsd = "5";
        return JSON.stringify(v1);
      },
    },
    "invalid_state",
    ["state", "catalog", "tiers", "max", "monthlyPriceUsd"],
  ],
  [
    "an extra key",
    { state: json((d) => (d.discountPercent = 50)) },
    "invalid_state",
    ["state", "discountPercent"],
  ],
  ["broken JSON (a truncated write)", { state: (text) => text.slice(0, -7) }, "invalid_state", ["state"]],
  [
    "a version column that disagrees with the state",
    { version: (column) => column + 1 },
    "invalid_state",
    ["version"],
  ],
  [
    "a state from a newer schema",
    { state: json((d) => (d.schemaVersion = 4)) },
    "unsupported_schema_version",
    ["state", "schemaVersion"],
  ],
];

describe.each(databaseKinds)("rows edited by hand, on $kind", ({ kind, skip }) => {
  describe.skipIf(skip)(kind, () => {
    let db: TestDatabase;
    let store: LedgerStore;
    beforeAll(async () => {
      db = await openDatabase(kind);
      store = must(createLedgerStore(db.driver)).store;
    }, 60_000);
    afterAll(() => db?.close());

    const rowOf = async (accountId: string) => {
      const rows = await db.sql(
        "select version::text as version, state from token_plan_ledgers where account_id = $1",
        [accountId],
      );
      return rows[0] as { version: string; state: string };
    };

    it.each(cases)(
      "%s: a typed error naming the field, the row untouched",
      async (label, edit, code, path) => {
        const accountId = `edited: ${label}`;
        must(await withLedger(store, accountId, () => story));
        const stored = await rowOf(accountId);
        const state = edit.state?.(stored.state) ?? stored.state;
        const version = edit.version?.(Number(stored.version)) ?? Number(stored.version);
        await db.sql("update token_plan_ledgers set state = $2, version = $3 where account_id = $1", [
          accountId,
          state,
          version,
        ]);
        const edited = await rowOf(accountId);

        const loaded = await store.load(accountId);
        expect(loaded.ok ? null : { code: loaded.error.code, path: loaded.error.path }).toEqual({
          code,
          path,
        });
        if (loaded.ok) return;
        expect(loaded.error.params.accountId).toBe(accountId);
        expect(loaded.error.message).toContain(accountId);
        // The gateway's loop meets the same refusal, and writes nothing.
        const recorded = await withLedger(store, accountId, (s) => [
          usageAt("u2", (s.clockMs ?? june4) + 1000),
        ]);
        expect(recorded.ok ? null : recorded.error.code).toBe(code);
        expect(await rowOf(accountId)).toEqual(edited);
        expect(must(await store.find(accountId, ["u2"])).events).toEqual([]);
      },
    );

    it("a version-1 row (imported from before the counter) loads at its column's version and saves as version 3", async () => {
      const accountId = "imported-v1";
      must(await withLedger(store, accountId, () => story));
      const stored = await rowOf(accountId);
      await db.sql("update token_plan_ledgers set state = $2 where account_id = $1", [
        accountId,
        JSON.stringify(asVersionOne(stored.state)),
      ]);
      const loaded = must(await store.load(accountId));
      expect(loaded.version).toBe(3);
      expect(loaded.state.version).toBe(3);
      const recorded = must(
        await withLedger(store, accountId, (s) => [usageAt("u2", (s.clockMs ?? june4) + 1000)]),
      );
      expect(recorded.version).toBe(4);
      expect(JSON.parse((await rowOf(accountId)).state)).toMatchObject({ schemaVersion: 3, version: 4 });
    });

    it("a ledger row restored from an older backup, behind its journal: invalid_state, nothing written", async () => {
      const accountId = "restored";
      must(await withLedger(store, accountId, () => story.slice(0, 2)));
      const backup = await rowOf(accountId);
      must(await withLedger(store, accountId, () => story.slice(2)));
      await db.sql("update token_plan_ledgers set state = $2, version = $3 where account_id = $1", [
        accountId,
        backup.state,
        Number(backup.version),
      ]);
      // The next event would be version 3 again, which the journal already holds (u1).
      const refused = await withLedger(store, accountId, (s) => [usageAt("u2", (s.clockMs ?? june4) + 1000)]);
      expect(refused.ok ? null : { code: refused.error.code, path: refused.error.path }).toEqual({
        code: "invalid_state",
        path: ["version"],
      });
      expect(await rowOf(accountId)).toEqual(backup);
      expect(must(await store.find(accountId, ["u2"])).events).toEqual([]);
    });

    it("a journal row edited by hand: find and journal name its column", async () => {
      const accountId = "journal-edited";
      must(await withLedger(store, accountId, () => story));
      await db.sql(
        "update token_plan_events set receipt = '{\"type\":' where account_id = $1 and event_id = 'u1'",
        [accountId],
      );
      for (const read of [await store.find(accountId, ["u1"]), await store.journal(accountId)]) {
        expect(read.ok ? null : { code: read.error.code, path: read.error.path }).toEqual({
          code: "invalid_state",
          path: ["journal", "u1", "receipt"],
        });
      }
    });
  });
});

describe("journal rows that are not what the store wrote", () => {
  const good = {
    event_id: "u1",
    version: "3",
    fingerprint: "abc",
    event: JSON.stringify(usageAt("u1", june4)),
    receipt: JSON.stringify({ type: "usage" }),
    entries: "[]",
  };
  it.each([
    ["no event id", { event_id: "" }, "event_id"],
    ["a version below 1", { version: "0" }, "version"],
    ["an empty fingerprint", { fingerprint: "" }, "fingerprint"],
    ["an event of another id", { event: JSON.stringify(usageAt("u2", june4)) }, "event"],
    ["a receipt without a type", { receipt: "{}" }, "receipt"],
    ["entries that are not a list", { entries: "{}" }, "entries"],
    ["an event already parsed (a jsonb column)", { event: usageAt("u1", june4) }, "event"],
    ["a numeric event id", { event_id: 7 }, "event_id"],
  ] as const)("%s: invalid_state naming the column", async (_label, change, column) => {
    const row = { ...good, ...change };
    const store = must(createLedgerStore({ query: async () => ({ rows: [row] }) })).store;
    const found = await store.find("a", ["u1"]);
    expect(found.ok ? null : { code: found.error.code, path: found.error.path }).toEqual({
      code: "invalid_state",
      path: ["journal", typeof row.event_id === "string" ? row.event_id : "", column],
    });
  });

  it("reads the good row", async () => {
    const store = must(createLedgerStore({ query: async () => ({ rows: [good] }) })).store;
    const found = must(await store.find("a", ["u1"]));
    expect(found.events).toEqual([
      {
        eventId: "u1",
        version: 3,
        fingerprint: "abc",
        event: usageAt("u1", june4),
        outcome: { type: "usage" },
        entries: [],
      },
    ]);
  });
});
