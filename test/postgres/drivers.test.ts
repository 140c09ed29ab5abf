/**
 * The drivers are thin: they pass the statement and a copy of its parameters to the
 * client and hand back its rows. The schema script creates both tables and can run again.
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ledgerStoreSchemaSql,
  migrate,
  type PgQueryable,
  pgDriver,
  pgliteDriver,
  type SqlDriver,
} from "../../src/postgres";
import { noteServerSkip, serverUrl } from "./support";

noteServerSkip("drivers.test.ts");

describe("pgDriver over any client with query(text, values)", () => {
  it("passes the statement and a mutable copy of the parameters, and returns the rows", async () => {
    const calls: { text: string; values: unknown[] | undefined }[] = [];
    const client: PgQueryable = {
      query: async (text, values) => {
        calls.push({ text, values });
        return { rows: [{ version: "7" }], rowCount: 1 } as { rows: unknown[] };
      },
    };
    const params = Object.freeze(["acct", 3]);
    const result = await pgDriver(client).query("select $1, $2", params);
    expect(result.rows).toEqual([{ version: "7" }]);
    expect(calls).toEqual([{ text: "select $1, $2", values: ["acct", 3] }]);
    expect(calls[0]?.values).not.toBe(params);
    expect(Object.isFrozen(calls[0]?.values)).toBe(false);
  });

  it("lets the client's error through for the store to type", async () => {
    const failure = Object.assign(new Error("terminating connection"), { code: "57P01" });
    const driver = pgDriver({ query: () => Promise.reject(failure) });
    await expect(driver.query("select 1", [])).rejects.toBe(failure);
  });
});

describe("pgliteDriver", () => {
  let db: PGlite;
  let driver: SqlDriver;
  beforeAll(async () => {
    db = await PGlite.create();
    driver = pgliteDriver(db);
  }, 60_000);
  afterAll(() => db.close());

  it("runs parameterised statements, arrays included", async () => {
    const result = await driver.query("select $1::text as id, cardinality($2::text[]) as n", [
      "a",
      ["x", "y"],
    ]);
    expect(result.rows).toEqual([{ id: "a", n: 2 }]);
  });

  it("migrate creates both tables and the version index, and can run again", async () => {
    expect(await migrate(driver)).toEqual({ ok: true, statements: 3 });
    expect(await migrate(driver)).toEqual({ ok: true, statements: 3 });
    const tables = await db.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_name like 'token_plan_%' order by 1",
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(["token_plan_events", "token_plan_ledgers"]);
    const columns = await db.query<{ column_name: string; data_type: string }>(
      "select column_name, data_type from information_schema.columns where table_name = 'token_plan_ledgers' order by ordinal_position",
    );
    // The state is TEXT: jsonb would reorder its keys (and the fast parse path needs them in order).
    expect(columns.rows).toEqual([
      { column_name: "account_id", data_type: "text" },
      { column_name: "version", data_type: "bigint" },
      { column_name: "state", data_type: "text" },
      { column_name: "updated_at", data_type: "timestamp with time zone" },
    ]);
  });

  it("the exported script is the same statements, runnable in one go", async () => {
    const other = await PGlite.create();
    await other.exec(ledgerStoreSchemaSql);
    const tables = await other.query(
      "select 1 from information_schema.tables where table_name like 'token_plan_%'",
    );
    expect(tables.rows).toHaveLength(2);
    await other.close();
  }, 60_000);

  it("migrate reports a driver that throws as store_unavailable", async () => {
    const broken: SqlDriver = { query: () => Promise.reject(new Error("disk full")) };
    const migrated = await migrate(broken);
    expect(migrated.ok).toBe(false);
    if (migrated.ok) return;
    expect(migrated.error.code).toBe("store_unavailable");
    expect(migrated.error.message).toContain("disk full");
    expect(migrated.error.params).toMatchObject({ operation: "migrate" });
  });
});

describe.skipIf(serverUrl === undefined)("pgDriver on a Postgres server", () => {
  it("a Pool and a Client both fit the driver, and bigint comes back as a string", async () => {
    const pool = new pg.Pool({ connectionString: serverUrl, max: 2 });
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      for (const driver of [pgDriver(pool), pgDriver(client)]) {
        const result = await driver.query("select $1::bigint as version, cardinality($2::text[]) as n", [
          42,
          ["x"],
        ]);
        expect(result.rows).toEqual([{ version: "42", n: 1 }]);
      }
    } finally {
      await client.end();
      await pool.end();
    }
  });
});
