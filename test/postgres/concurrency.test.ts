/**
 * Concurrent writers on one account: 8 writers × 500 usages, interleaved, each retrying
 * some of its own usages. On PGlite (one embedded database, writers interleaved by the
 * event loop), on a Postgres server over a pool of separate connections, and on the
 * server again with every writer its own process and connection.
 *
 * Every run must end with exactly the state of replaying the committed events in commit
 * order (the journal, ordered by version), each usage counted once, none lost, each
 * retry answered as a duplicate, and totals equal to one writer recording the same
 * usages one after another.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyEvents,
  createLedger,
  type LedgerEvent,
  type LedgerState,
  limits,
  type UsageReceipt,
} from "../../src";
import {
  createLedgerStore,
  type Idempotency,
  type JournalEvent,
  type LedgerStore,
  type SqlDriver,
  storeLimits,
  withLedger,
} from "../../src/postgres";
import { atoms } from "../support/ledger";
import {
  must,
  noteServerSkip,
  pgliteDatabase,
  serverDatabase,
  serverUrl,
  type TestDatabase,
  textOf,
  usageAt,
} from "./support";
import { runWriter, type WriterReport, writersStartMs } from "./writer";

noteServerSkip("concurrency.test.ts");

const writers = 8;
const usagesPerWriter = 500;
const retryEvery = 25;
const runTimeoutMs = 600_000;

// Max with a $25 lot: quota covers the first usages, credits the next, the rest is arrears.
const setup: LedgerEvent[] = [
  { type: "subscribe", id: "sub", at: writersStartMs, tier: "max" },
  { type: "purchase-credits", id: "lot", at: writersStartMs, package: "usd-25" },
];

async function journalOf(store: LedgerStore, accountId: string): Promise<JournalEvent[]> {
  const all: JournalEvent[] = [];
  for (;;) {
    const page = must(await store.journal(accountId, { afterVersion: all.at(-1)?.version ?? 0 }));
    if (page.events.length === 0) return all;
    all.push(...page.events);
  }
}

/** The state without its id memory: what the rules hold, whoever recorded the usages. */
function rulesPart(state: LedgerState) {
  const { recentEvents: _ids, ...rest } = JSON.parse(textOf(state)) as Record<string, unknown>;
  return rest;
}

async function expectExactRun(
  store: LedgerStore,
  db: TestDatabase,
  accountId: string,
  reports: readonly WriterReport[],
  idempotency: Idempotency,
) {
  const total = writers * usagesPerWriter;
  const attempts = reports.reduce((n, r) => n + r.attempts, 0);
  const most = Math.max(...reports.map((r) => r.attemptsMostForOne));
  console.log(
    `[concurrency] ${accountId}: ${total} usages, ${attempts} attempts, at most ${most} for one call`,
  );
  const stored = must(await store.load(accountId));
  expect(stored.version).toBe(setup.length + total);
  const fresh = must(
    createLedger({
      eventIdsRemembered:
        idempotency === "store"
          ? storeLimits.storeEventIdsRememberedDefault
          : limits.eventIdsRememberedDefault,
    }),
  ).state;

  // Commit order: every writer's own record of the version its usage committed at.
  const committed = reports.flatMap((r) => r.recorded).sort((a, b) => a.version - b.version);
  expect(committed).toHaveLength(total);
  expect(new Set(committed.map((c) => c.id)).size).toBe(total);
  expect(committed.map((c) => c.version)).toEqual(committed.map((_, i) => setup.length + 1 + i));
  // Each retry came back a duplicate (the writer checked its receipt), and added nothing.
  expect(reports.reduce((n, r) => n + r.duplicatesAnswered, 0)).toBe((total / retryEvery) | 0);

  // Replaying the committed usages in commit order gives exactly the stored ledger.
  const inCommitOrder = committed.map((c, i) => usageAt(c.id, writersStartMs + 1000 * (i + 1)));
  const replayed = must(applyEvents(fresh, [...setup, ...inCommitOrder])).state;
  expect(textOf(stored.state)).toBe(textOf(replayed));

  if (idempotency === "store") {
    // The journal is that same commit order, with the very events and receipts.
    const journal = await journalOf(store, accountId);
    expect(journal.map((e) => e.eventId)).toEqual([...setup.map((e) => e.id), ...committed.map((c) => c.id)]);
    expect(journal.map((e) => e.version)).toEqual(journal.map((_, i) => i + 1));
    const fromJournal = must(
      applyEvents(
        fresh,
        journal.map((e) => e.event),
      ),
    ).state;
    expect(textOf(fromJournal)).toBe(textOf(stored.state));
    // Every usage's list value was paid once: by quota, credits, or left as arrears.
    const receipts = journal.map((e) => e.outcome).filter((o): o is UsageReceipt => o.type === "usage");
    expect(receipts).toHaveLength(total);
    const paid = receipts.reduce(
      (sum, r) => sum + atoms(r.quota.credits) + atoms(r.credits.debited) + atoms(r.uncoveredCredits),
      0n,
    );
    expect(paid).toBe(receipts.reduce((sum, r) => sum + atoms(r.valueCredits), 0n));
    const rows = await db.sql("select count(*)::int as n from token_plan_events where account_id = $1", [
      accountId,
    ]);
    expect(rows[0]?.n).toBe(setup.length + total);
  }

  // One writer recording the same usages one after another (other ids) bills exactly the same.
  const sequential = must(
    applyEvents(fresh, [...setup, ...inCommitOrder.map((e, i) => ({ ...e, id: `seq-${i}` }))]),
  ).state;
  expect(rulesPart(stored.state)).toEqual(rulesPart(sequential));
}

/**
 * PGlite answers within the same turn of the event loop, so writers in one process would
 * mostly take turns. Yielding before each statement stands for the network: every writer
 * gets to load before the first one saves, as on a server.
 */
function interleaved(driver: SqlDriver): SqlDriver {
  return {
    query: async (sql, params) => {
      await new Promise((resolve) => setImmediate(resolve));
      return driver.query(sql, params);
    },
  };
}

/** The writers did race: at least one call in ten lost its compare-and-swap at least once. */
function expectRaces(reports: readonly WriterReport[]) {
  const calls = writers * usagesPerWriter + reports.reduce((n, r) => n + r.duplicatesAnswered, 0);
  const lostRaces = reports.reduce((n, r) => n + r.attempts, 0) - calls;
  expect(lostRaces).toBeGreaterThan(calls / 10);
}

async function runInProcess(db: TestDatabase, idempotency: Idempotency, accountId: string) {
  const driver = db.name === "pglite" ? interleaved(db.driver) : db.driver;
  const store = must(createLedgerStore(driver, { idempotency })).store;
  must(await withLedger(store, accountId, () => setup));
  const reports = await Promise.all(
    Array.from({ length: writers }, (_, writer) =>
      runWriter(store, { accountId, writer, usages: usagesPerWriter, retryEvery }),
    ),
  );
  expectRaces(reports);
  await expectExactRun(store, db, accountId, reports, idempotency);
}

describe("8 writers × 500 usages on one account, on PGlite", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await pgliteDatabase();
  }, 60_000);
  afterAll(() => db?.close());

  it.each(["store", "ledger"] as const)(
    "%s idempotency: the stored ledger is the replay of its commits",
    (idempotency) => runInProcess(db, idempotency, `pglite-${idempotency}`),
    runTimeoutMs,
  );
});

describe.skipIf(serverUrl === undefined)(
  "8 writers × 500 usages on one account, on a Postgres server",
  () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await serverDatabase(writers + 2);
    }, 60_000);
    afterAll(() => db?.close());

    // (Ledger idempotency runs on PGlite above: its loop is the same SQL, minus the journal.)
    it(
      "store idempotency, a pool of separate connections: the stored ledger is the replay of its commits",
      () => runInProcess(db, "store", "pool"),
      runTimeoutMs,
    );

    it(
      "store idempotency, every writer its own process and connection: the same",
      async () => {
        const accountId = "processes";
        const store = must(createLedgerStore(db.driver)).store;
        must(await withLedger(store, accountId, () => setup));
        const reports = await Promise.all(
          Array.from({ length: writers }, (_, writer) =>
            writerProcess([
              db.url ?? "",
              accountId,
              String(writer),
              String(usagesPerWriter),
              String(retryEvery),
              "store",
            ]),
          ),
        );
        expectRaces(reports);
        await expectExactRun(store, db, accountId, reports, "store");
      },
      runTimeoutMs,
    );
  },
);

/** Runs test/postgres/writer.ts as a child process and reads its one-line JSON report. */
function writerProcess(args: readonly string[]): Promise<WriterReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/postgres/writer.ts", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`writer ${args[2]} exited with ${code}: ${err}`));
      else resolve(JSON.parse(out.trim()) as WriterReport);
    });
  });
}
