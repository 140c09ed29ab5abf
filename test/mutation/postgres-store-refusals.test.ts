/**
 * The store's refusals and statements, word for word, over drivers that answer what the
 * test scripts (issue 23: Stryker's survivors in src/postgres/store.ts). Each refusal is
 * checked whole (code, message, path, params), each boundary on both sides, and what a
 * save, a find and a journal read hand the driver.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  createLedger,
  defaultCatalog,
  type LedgerEvent,
  type LedgerState,
  parseLedger,
  tokenPlanChinaCatalog,
} from "../../src";
import {
  createLedgerStore,
  type LedgerStore,
  type SqlDriver,
  type SqlRow,
  storeLimits,
} from "../../src/postgres";
import { saveSql } from "../../src/postgres/statements";
import { accountIdProblem } from "../../src/postgres/store";
import { must, replay, textOf, usageAt } from "../postgres/helpers";
import { asVersion2 } from "../support/text";

const june4 = Date.UTC(2026, 5, 4, 10, 0);
const subscribe: LedgerEvent = { type: "subscribe", id: "sub", at: june4, tier: "max" };

interface Call {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A driver that records each statement and answers with `answer`'s rows (or throws what it throws). */
function scripted(answer: (sql: string, params: readonly unknown[]) => readonly SqlRow[]): {
  readonly driver: SqlDriver;
  readonly calls: Call[];
} {
  const calls: Call[] = [];
  return {
    calls,
    driver: {
      query: async (sql, params) => {
        calls.push({ sql, params });
        return { rows: answer(sql, params) };
      },
    },
  };
}

const isSave = (sql: string) => sql.startsWith("with saved");
const storeOver = (driver: SqlDriver): LedgerStore => must(createLedgerStore(driver)).store;
const errorOf = (result: { readonly ok: boolean }) =>
  result.ok ? null : (result as unknown as { error: unknown }).error;

/** A state at `version`, through stored text (the counter is a plain field there). */
function atVersion(version: number): LedgerState {
  const stored = JSON.parse(textOf(replay([subscribe]))) as Record<string, unknown>;
  return must(parseLedger({ ...stored, version })).value;
}

/** A journal record for `event` at `version`, with a receipt shaped as applyEvent's. */
const record = (version: number, event: LedgerEvent = usageAt(`u${version}`, june4 + version)) => ({
  event,
  version,
  outcome: { type: "duplicate", eventId: event.id, eventType: event.type } as const,
  entries: [],
});

describe("createLedgerStore's refusals, whole", () => {
  const driver: SqlDriver = { query: async () => ({ rows: [] }) };

  it.each([
    [
      "options that are not an object",
      5,
      {
        code: "invalid_input",
        message: "Expected options as an object such as { catalogs, ledgerOptions, idempotency }.",
        path: [],
        params: { zodCode: "invalid_type" },
      },
    ],
    [
      "ledgerOptions that are not an object",
      { ledgerOptions: 5 },
      {
        code: "invalid_input",
        message: "Expected ledgerOptions as an object such as { catalog } at ledgerOptions.",
        path: ["ledgerOptions"],
        params: { zodCode: "invalid_type" },
      },
    ],
    [
      "an unknown idempotency",
      { idempotency: "both" },
      {
        code: "invalid_input",
        message: 'Expected idempotency "ledger" or "store" at idempotency.',
        path: ["idempotency"],
        params: { zodCode: "invalid_value" },
      },
    ],
    [
      "catalogs without the new ledgers' catalog",
      { catalogs: [tokenPlanChinaCatalog], ledgerOptions: { catalog: defaultCatalog } },
      {
        code: "invalid_input",
        message:
          'New ledgers are billed by catalog "minimax-token-plan-v2", which is not among options.catalogs: the store could not read back the ledgers it creates. Add it to catalogs.',
        path: ["catalogs"],
        params: { catalogId: "minimax-token-plan-v2" },
      },
    ],
    [
      "an empty list of catalogs (parseLedger's own refusal, passed on)",
      { catalogs: [] },
      {
        code: "invalid_input",
        message: "Expected at least one catalog at catalogs.",
        path: ["catalogs"],
        params: { zodCode: "too_small" },
      },
    ],
  ] as const)("refuses %s", (_label, options, error) => {
    expect(errorOf(createLedgerStore(driver, options as never))).toEqual(error);
  });

  it("refuses a driver that is null, or a function (a driver is an object with query)", () => {
    const refusal = {
      code: "invalid_input",
      message: "Expected a driver: an object with query(sql, params).",
      path: ["driver"],
      params: {},
    };
    expect(errorOf(createLedgerStore(null as never))).toEqual(refusal);
    expect(errorOf(createLedgerStore({} as never))).toEqual(refusal);
    const callable = Object.assign(() => undefined, { query: driver.query });
    expect(errorOf(createLedgerStore(callable as never))).toEqual(refusal);
  });

  it("a ledger option createLedger refuses is its refusal, under ledgerOptions", () => {
    expect(errorOf(createLedgerStore(driver, { ledgerOptions: { eventIdsRemembered: 0 } }))).toEqual({
      code: "limit_exceeded",
      message: "eventIdsRemembered must be from 1 to 4096 at eventIdsRemembered.",
      path: ["ledgerOptions", "eventIdsRemembered"],
      params: { zodCode: "custom" },
    });
  });

  it("new ledgers remember 16 ids when the store holds idempotency, else the core's 128, unless set", async () => {
    const remembered = async (options: Parameters<typeof createLedgerStore>[1]) =>
      must(await must(createLedgerStore(driver, options)).store.load("a")).state.eventIdsRemembered;
    expect(await remembered({})).toBe(16);
    expect(await remembered({ idempotency: "ledger" })).toBe(128);
    expect(await remembered({ ledgerOptions: { eventIdsRemembered: 64 } })).toBe(64);
    expect(await remembered({ idempotency: "ledger", ledgerOptions: { eventIdsRemembered: 32 } })).toBe(32);
  });

  it("takes each known option; the store holds idempotency unless told otherwise", () => {
    expect(must(createLedgerStore(driver)).store.idempotency).toBe("store");
    expect(must(createLedgerStore(driver, { idempotency: "store" })).store.idempotency).toBe("store");
    expect(must(createLedgerStore(driver, { idempotency: "ledger" })).store.idempotency).toBe("ledger");
    expect(must(createLedgerStore(driver, { catalogs: [defaultCatalog] })).ok).toBe(true);
    expect(must(createLedgerStore(driver, { ledgerOptions: {} })).ok).toBe(true);
  });

  it("without catalogs, the store reads the catalog its new ledgers get (China here), not the default", async () => {
    const china = must(createLedger({ catalog: tokenPlanChinaCatalog })).state;
    const chinaSub = { ...subscribe, tier: Object.keys(tokenPlanChinaCatalog.tiers)[0] } as LedgerEvent;
    const state = must(applyEvent(china, chinaSub)).state;
    const store = must(
      createLedgerStore(
        { query: async () => ({ rows: [{ version: 1, state: textOf(state) }] }) },
        { ledgerOptions: { catalog: tokenPlanChinaCatalog } },
      ),
    ).store;
    const loaded = must(await store.load("cn"));
    expect(loaded.state.catalog.id).toBe(tokenPlanChinaCatalog.id);
    expect(loaded.version).toBe(1);
  });
});

describe("account ids: 1 to 256 characters", () => {
  it("takes 1 and 256 characters, refuses 0 and 257 with the limit in params", () => {
    expect(accountIdProblem("a")).toBeNull();
    expect(accountIdProblem("x".repeat(storeLimits.accountIdLengthMax))).toBeNull();
    // A list of one id has a length of 1, but is not a string.
    for (const id of ["", "x".repeat(257), 7, ["a"]])
      expect(accountIdProblem(id)).toEqual({
        code: "invalid_input",
        message: "Expected an account id: a string of 1 to 256 characters.",
        path: ["accountId"],
        params: { accountIdLengthMax: 256 },
      });
  });
});

describe("load reads the row it is handed", () => {
  const text = textOf(replay([subscribe]));

  it("a missing row is the new ledger at version 0, asked for by account id", async () => {
    const { driver, calls } = scripted(() => []);
    const loaded = must(await storeOver(driver).load("acct"));
    expect(loaded).toEqual({
      ok: true,
      accountId: "acct",
      state: must(createLedger({ eventIdsRemembered: 16 })).state,
      version: 0,
      exists: false,
    });
    expect(calls).toEqual([
      { sql: "select version, state from token_plan_ledgers where account_id = $1", params: ["acct"] },
    ]);
  });

  it("a row reads as that ledger, existing, at its version", async () => {
    const { driver } = scripted(() => [{ version: "1", state: text }]);
    const loaded = must(await storeOver(driver).load("acct"));
    expect(loaded).toEqual({
      ok: true,
      accountId: "acct",
      state: replay([subscribe]),
      version: 1,
      exists: true,
    });
  });

  it("a version column that disagrees with the state is refused, quoting both", async () => {
    for (const version of ["2", 2]) {
      const { driver } = scripted(() => [{ version, state: text }]);
      expect(errorOf(await storeOver(driver).load("acct"))).toEqual({
        code: "invalid_state",
        message:
          'Account "acct": the version column (2) disagrees with the stored ledger\'s version (1); the row was edited by hand. Restore both from the journal or a backup.',
        path: ["version"],
        params: { accountId: "acct", column: "2" },
      });
    }
  });

  it("a state that does not parse is refused under column state, naming the account", async () => {
    const { driver } = scripted(() => [{ version: 1, state: "{" }]);
    const error = errorOf(await storeOver(driver).load("acct")) as { message: string; path: unknown[] };
    expect(error.message.startsWith('Account "acct", column state: ')).toBe(true);
    expect(error.path[0]).toBe("state");
  });

  /** The ledger as a version-1 row holds it (no counter, its catalog inside, events as objects). */
  function versionOne(state: LedgerState): Record<string, unknown> {
    const {
      version: _version,
      recentEvents,
      ...rest
    } = asVersion2(JSON.parse(textOf(state)) as Record<string, unknown>);
    return {
      ...rest,
      schemaVersion: 1,
      catalog: JSON.parse(JSON.stringify(defaultCatalog)),
      recentEvents: (recentEvents as unknown[][]).map((e) => ({ id: e[0], fingerprint: e[1], usage: null })),
    };
  }

  it("a current text at version 0 in a row whose column says 5 disagrees (only version-1 text takes the column's version)", async () => {
    const fresh = must(createLedger({ eventIdsRemembered: 16 })).state;
    const { driver } = scripted(() => [{ version: 5, state: textOf(fresh) }]);
    expect(errorOf(await storeOver(driver).load("acct"))).toMatchObject({
      code: "invalid_state",
      path: ["version"],
      params: { accountId: "acct", column: "5" },
    });
  });

  it("a version-1 text with a version column that is not a number is refused, naming the column", async () => {
    const { driver } = scripted(() => [
      { version: "many", state: JSON.stringify(versionOne(replay([subscribe]))) },
    ]);
    expect(errorOf(await storeOver(driver).load("acct"))).toMatchObject({
      code: "invalid_state",
      path: ["version"],
      params: { accountId: "acct", column: "many" },
    });
  });

  it("a version-1 row billed by another catalog reads back with the store's catalogs", async () => {
    const china = must(createLedger({ catalog: tokenPlanChinaCatalog, eventIdsRemembered: 16 })).state;
    const chinaSub = { ...subscribe, tier: Object.keys(tokenPlanChinaCatalog.tiers)[0] } as LedgerEvent;
    const state = must(applyEvent(china, chinaSub)).state;
    const text = { ...versionOne(state), catalog: JSON.parse(JSON.stringify(tokenPlanChinaCatalog)) };
    const store = must(
      createLedgerStore(
        { query: async () => ({ rows: [{ version: "1", state: JSON.stringify(text) }] }) },
        { ledgerOptions: { catalog: tokenPlanChinaCatalog } },
      ),
    ).store;
    const loaded = must(await store.load("cn"));
    expect(loaded.version).toBe(1);
    expect(loaded.state.catalog.id).toBe(tokenPlanChinaCatalog.id);
  });

  it("a version-1 state handed back already parsed (a jsonb column) loads at its column's version", async () => {
    const state = replay([subscribe]);
    const { driver } = scripted(() => [{ version: "1", state: versionOne(state) }]);
    const loaded = must(await storeOver(driver).load("acct"));
    expect(loaded.version).toBe(1);
    expect(loaded.state.version).toBe(1);
    expect(loaded.exists).toBe(true);
  });

  it("a version-1 text at version 0 is not stamped: it disagrees with nothing and reads as 0", async () => {
    const state = replay([subscribe]);
    const { driver } = scripted(() => [{ version: 0, state: JSON.stringify(versionOne(state)) }]);
    const loaded = must(await storeOver(driver).load("acct"));
    expect(loaded).toMatchObject({ version: 0, exists: true });
    expect(loaded.state.version).toBe(0);
  });
});

describe("save: its checks and its statement", () => {
  const state = replay([subscribe, usageAt("u1", june4 + 1000)]);

  it("refuses an expected version that is not a whole number ≥ 0", async () => {
    const store = storeOver(scripted(() => []).driver);
    for (const expected of [-1, 0.5, "1"]) {
      expect(errorOf(await store.save("a", state, expected as never))).toEqual({
        code: "invalid_input",
        message: "Expected a version: a whole number ≥ 0.",
        path: ["expectedVersion"],
        params: {},
      });
    }
  });

  it("refuses a state not past the expected version, quoting both", async () => {
    const store = storeOver(scripted(() => []).driver);
    expect(errorOf(await store.save("a", state, 2))).toEqual({
      code: "invalid_input",
      message:
        "The state to save is at version 2, not past the expected version 2: save only a state that applied something since it was loaded.",
      path: ["state", "version"],
      params: { version: 2, expectedVersion: 2 },
    });
  });

  it("a save without journal rows sends the four values, and reports none journaled", async () => {
    const { driver, calls } = scripted((sql) => (isSave(sql) ? [{ saved: 1, journaled: 0 }] : []));
    const saved = must(await storeOver(driver).save("a", state, 1));
    expect(saved).toEqual({ ok: true, accountId: "a", version: 2, journaled: 0 });
    expect(calls).toEqual([{ sql: saveSql(false, false), params: ["a", 1, 2, textOf(state)] }]);
  });

  it("a save with journal rows sends them as six parallel lists, and reports how many", async () => {
    const { driver, calls } = scripted((sql) => (isSave(sql) ? [{ saved: "1", journaled: 2 }] : []));
    const events = [subscribe, usageAt("u1", june4 + 1000)];
    const records = events.map((event, i) => ({
      event,
      version: i + 1,
      outcome: { type: "duplicate", eventId: event.id, eventType: event.type } as const,
      entries: [],
    }));
    const saved = must(await storeOver(driver).save("a", state, 0, records));
    expect(saved).toEqual({ ok: true, accountId: "a", version: 2, journaled: 2 });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.sql).toBe(saveSql(true, true));
    const params = calls[0]?.params ?? [];
    expect(params.slice(0, 4)).toEqual(["a", 0, 2, textOf(state)]);
    expect(params[4]).toEqual(["sub", "u1"]);
    expect(params[5]).toEqual([1, 2]);
    expect((params[6] as string[]).map((f) => typeof f === "string" && f.length > 0)).toEqual([true, true]);
    expect(params[7]).toEqual(events.map((e) => JSON.stringify(e)));
    expect(params[8]).toEqual(records.map((r) => JSON.stringify(r.outcome)));
    expect(params[9]).toEqual(["[]", "[]"]);
    expect(params).toHaveLength(10);
  });

  it("no answer row, or a saved count other than 1, is a version_conflict (the create and the update worded apart)", async () => {
    for (const rows of [[], [{ saved: 0 }], [{ saved: "0" }], [{ saved: 2 }]]) {
      const store = storeOver(scripted(() => rows).driver);
      expect(errorOf(await store.save("a", state, 0))).toEqual({
        code: "version_conflict",
        message:
          'Account "a" was created by another writer since it was loaded; nothing was written. Load it again and retry.',
        path: ["expectedVersion"],
        params: { accountId: "a", expectedVersion: 0 },
      });
      expect(errorOf(await store.save("a", state, 1))).toEqual({
        code: "version_conflict",
        message:
          'Account "a" moved past version 1 (another writer saved first); nothing was written. Load it again and retry.',
        path: ["expectedVersion"],
        params: { accountId: "a", expectedVersion: 1 },
      });
    }
  });

  it("a journal version violation is a ledger row behind its journal", async () => {
    const violation = Object.assign(new Error("duplicate key"), {
      code: "23505",
      constraint: "token_plan_events_by_version",
    });
    const store = storeOver({
      query: async () => {
        throw violation;
      },
    });
    expect(errorOf(await store.save("a", state, 1, [record(2)]))).toEqual({
      code: "invalid_state",
      message:
        'Account "a": the journal already holds a row past version 1, so the ledger row is behind its own journal (restored from an older backup, or edited by hand). Nothing was written.',
      path: ["version"],
      params: { accountId: "a", expectedVersion: 1 },
    });
  });

  it("another unique violation is reported as the failure it is", async () => {
    const violation = Object.assign(new Error("duplicate key"), { code: "23505", constraint: "other" });
    const store = storeOver({
      query: async () => {
        throw violation;
      },
    });
    expect(errorOf(await store.save("a", state, 1, [record(2)]))).toMatchObject({
      code: "store_unavailable",
      params: { operation: "save", accountId: "a", sqlState: "23505" },
    });
  });

  describe("a journal key violation", () => {
    const violation = Object.assign(new Error("duplicate key"), {
      code: "23505",
      constraint: "token_plan_events_pkey",
    });
    const held = {
      event_id: "u2",
      version: 7,
      fingerprint: "f",
      event: JSON.stringify(usageAt("u2", june4 + 2)),
      receipt: '{"type":"usage"}',
      entries: "[]",
    };

    it("names the id the journal holds and its place in this save's records", async () => {
      const { driver, calls } = scripted((sql) => {
        if (isSave(sql)) throw violation;
        return [held];
      });
      const refused = await storeOver(driver).save("a", state, 0, [record(1), record(2)]);
      expect(errorOf(refused)).toEqual({
        code: "conflict",
        message:
          'Account "a": the journal already holds event "u2" (recorded at version 7), so this save would record it twice. Nothing was written; look it up with find() and leave it out.',
        path: ["journal", 1, "event", "id"],
        params: { accountId: "a", eventId: "u2", journaled: true },
      });
      expect(calls[1]?.params).toEqual(["a", ["u1", "u2"]]);
    });

    it("a lookup that fails after it is that failure", async () => {
      const store = storeOver({
        query: async (sql) => {
          if (isSave(sql)) throw violation;
          throw new Error("gone");
        },
      });
      expect(errorOf(await store.save("a", state, 0, [record(1)]))).toMatchObject({
        code: "store_unavailable",
        params: { operation: "find", accountId: "a" },
      });
    });
  });
});

describe("save's journal records, checked against the save", () => {
  const state = replay([subscribe, usageAt("u1", june4 + 1000)]);
  const store = storeOver(scripted((sql) => (isSave(sql) ? [{ saved: 1 }] : [])).driver);
  const refusedWith = async (journal: unknown) => errorOf(await store.save("a", state, 0, journal as never));

  it("a list of 1,000 records is taken, 1,001 refused", async () => {
    const big = atVersion(1000);
    const event = usageAt("same", june4);
    const thousand = Array.from({ length: 1000 }, (_, i) => record(i + 1, event));
    const saved = must(await store.save("a", big, 0, thousand));
    expect(saved.journaled).toBe(1000);
    expect(errorOf(await store.save("a", big, 0, [...thousand, record(1000, event)]))).toEqual({
      code: "invalid_input",
      message: "Expected journal records as a list of at most 1000.",
      path: ["journal"],
      params: {},
    });
  });

  it("a record at the saved state's own version is taken", async () => {
    expect(must(await store.save("a", state, 1, [record(2)])).journaled).toBe(1);
  });

  it("a version out of order, past the state or not whole is refused, saying where it must be", async () => {
    expect(await refusedWith([record(1), record(1)])).toEqual({
      code: "invalid_input",
      message: "Journal record 1 must move the ledger past version 1 and not beyond the saved state's 2.",
      path: ["journal", 1, "version"],
      params: {},
    });
    expect(await refusedWith([{ ...record(1), version: "1" }])).toMatchObject({
      path: ["journal", 0, "version"],
    });
    expect(await refusedWith([{ ...record(1), version: 1.5 }])).toMatchObject({
      path: ["journal", 0, "version"],
    });
  });

  it("a record that is null, past the saved state, or with an event that is not one is refused, naming it", async () => {
    expect(await refusedWith([null])).toMatchObject({ path: ["journal", 0, "version"] });
    expect(await refusedWith([record(3)])).toEqual({
      code: "invalid_input",
      message: "Journal record 0 must move the ledger past version 0 and not beyond the saved state's 2.",
      path: ["journal", 0, "version"],
      params: {},
    });
    expect(await refusedWith([record(1, { type: "usage", id: "u1" } as never)])).toMatchObject({
      path: ["journal", 0, "event", "at"],
    });
  });

  it("a record that is a function is not a record (its fields are not read)", async () => {
    expect(await refusedWith([Object.assign(() => undefined, record(1))])).toMatchObject({
      path: ["journal", 0, "version"],
    });
  });

  it("a record without the outcome or the entries applyEvent returned is refused, naming which", async () => {
    expect(await refusedWith([{ ...record(1), outcome: null }])).toEqual({
      code: "invalid_input",
      message: "Journal record 0 needs the outcome applyEvent returned for its event.",
      path: ["journal", 0, "outcome"],
      params: {},
    });
    expect(await refusedWith([{ ...record(1), outcome: { type: 5 } }])).toMatchObject({
      path: ["journal", 0, "outcome"],
    });
    expect(
      await refusedWith([{ ...record(1), outcome: Object.assign(() => 0, { type: "usage" }) }]),
    ).toMatchObject({ path: ["journal", 0, "outcome"] });
    expect(await refusedWith([{ ...record(1), entries: undefined }])).toEqual({
      code: "invalid_input",
      message: "Journal record 0 needs the entries applyEvent returned for its event.",
      path: ["journal", 0, "entries"],
      params: {},
    });
  });
});

describe("a driver that throws: store_unavailable naming the operation", () => {
  const down = Object.assign(new Error("terminating connection"), { code: "57P01" });
  const store = storeOver({
    query: async () => {
      throw down;
    },
  });

  it("load, find and journal each name themselves and the account", async () => {
    for (const [operation, read] of [
      ["load", () => store.load("acct")],
      ["find", () => store.find("acct", ["u1"])],
      ["journal", () => store.journal("acct")],
    ] as const) {
      expect(errorOf(await read())).toEqual({
        code: "store_unavailable",
        message: `The database failed during ${operation} for account "acct": terminating connection (SQLSTATE 57P01). Nothing was half-written (each change is one statement); check the connection and retry.`,
        path: [],
        params: { operation, accountId: "acct", sqlState: "57P01" },
      });
    }
  });

  it("a journal key violation whose row the journal no longer shows is the save's failure as it came", async () => {
    const violation = Object.assign(new Error("duplicate key"), {
      code: "23505",
      constraint: "token_plan_events_pkey",
    });
    const { driver } = scripted((sql) => {
      if (isSave(sql)) throw violation;
      return [];
    });
    const state = replay([subscribe]);
    expect(errorOf(await storeOver(driver).save("acct", state, 0, [record(1, subscribe)]))).toMatchObject({
      code: "store_unavailable",
      params: { operation: "save", accountId: "acct", sqlState: "23505" },
    });
  });

  it("save refuses a state that is not a ledger, under state", async () => {
    const refused = errorOf(await store.save("acct", { nope: true } as never, 0)) as { path: unknown[] };
    expect(refused.path[0]).toBe("state");
  });
});

describe("find and journal: their bounds and what they ask", () => {
  it("find asks for the ids given; 1,000 ids are taken, 1,001 refused", async () => {
    const { driver, calls } = scripted(() => []);
    const store = storeOver(driver);
    const ids = Array.from({ length: 1000 }, (_, i) => `e${i}`);
    expect(must(await store.find("a", ids)).events).toEqual([]);
    expect(calls[0]?.params).toEqual(["a", ids]);
    expect(calls[0]?.sql).toContain("event_id = any($2::text[])");
    for (const bad of [[...ids, "one more"], "e1", null])
      expect(errorOf(await store.find("a", bad as never))).toEqual({
        code: "invalid_input",
        message: "Expected a list of at most 1000 event ids.",
        path: ["eventIds"],
        params: {},
      });
    expect(calls).toHaveLength(1);
  });

  it("find of no ids asks nothing; ids that are not all strings are refused", async () => {
    const { driver, calls } = scripted(() => []);
    const store = storeOver(driver);
    expect(must(await store.find("a", [])).events).toEqual([]);
    expect(errorOf(await store.find("a", ["e1", 2] as never))).toMatchObject({ path: ["eventIds"] });
    expect(calls).toEqual([]);
  });

  it("load, save, find and journal refuse a bad account id before they ask anything", async () => {
    const { driver, calls } = scripted(() => []);
    const store = storeOver(driver);
    const state = replay([subscribe]);
    for (const refused of [
      await store.load(""),
      await store.save("", state, 0),
      await store.find("", ["u1"]),
      await store.journal(""),
    ])
      expect(errorOf(refused)).toMatchObject({ code: "invalid_input", path: ["accountId"] });
    expect(calls).toEqual([]);
  });

  it("a journal row that does not decode refuses the whole read", async () => {
    const row = { event_id: "u1", version: 1, fingerprint: "f", event: "{", receipt: "{}", entries: "[]" };
    const store = storeOver(scripted(() => [row]).driver);
    expect(errorOf(await store.find("a", ["u1"]))).toMatchObject({ path: ["journal", "u1", "event"] });
    expect(errorOf(await store.journal("a"))).toMatchObject({ path: ["journal", "u1", "event"] });
  });

  it("journal pages from version 0 and up to 10,000 rows by default", async () => {
    const { driver, calls } = scripted(() => []);
    const store = storeOver(driver);
    must(await store.journal("a"));
    must(await store.journal("a", { afterVersion: 3, limit: 1 }));
    must(await store.journal("a", { limit: 10_000 }));
    expect(calls.map((c) => c.params)).toEqual([
      ["a", 0, 10_000],
      ["a", 3, 1],
      ["a", 0, 10_000],
    ]);
  });

  it("journal refuses a limit below 1, past 10,000 or not whole, and an afterVersion below 0", async () => {
    const store = storeOver(scripted(() => []).driver);
    for (const limit of [0, 10_001, 2.5])
      expect(errorOf(await store.journal("a", { limit }))).toEqual({
        code: "invalid_input",
        message: "Expected a limit from 1 to 10000.",
        path: ["options", "limit"],
        params: { journalPageMax: 10_000 },
      });
    expect(errorOf(await store.journal("a", { afterVersion: -1 }))).toEqual({
      code: "invalid_input",
      message: "Expected a version: a whole number ≥ 0.",
      path: ["options", "afterVersion"],
      params: {},
    });
  });

  it("journal rows read back in the order the database gives them, each decoded", async () => {
    const row = (id: string, version: number) => ({
      event_id: id,
      version,
      fingerprint: "f",
      event: JSON.stringify({ id }),
      receipt: '{"type":"usage"}',
      entries: "[]",
    });
    const store = storeOver(scripted(() => [row("a1", 1), row("a2", 2)]).driver);
    expect(must(await store.journal("a")).events.map((e) => [e.eventId, e.version])).toEqual([
      ["a1", 1],
      ["a2", 2],
    ]);
  });
});
