/**
 * A gateway request through `withLedger` on PGlite (embedded Postgres, in memory): load
 * the account's row, parse it, quote the usage, apply it, serialize, and save with
 * compare-and-swap (plus its journal row when the store holds idempotency). One
 * week-old account (one request a second, 36-character request ids), in the two
 * configurations: the ledger remembers its ids (`idempotency: "ledger"`), and the store's
 * journal holds them (`idempotency: "store"`, 16 ids left in the row). Medians from one
 * run, side by side.
 * Run alone: npx tsx bench/store.ts (npm run bench runs it too).
 */
import { PGlite } from "@electric-sql/pglite";
import { Bench } from "tinybench";
import { applyEvent, parseLedger, quoteUsage, serializeLedger } from "../src";
import {
  createLedgerStore,
  type Idempotency,
  type LedgerStore,
  migrate,
  pgliteDriver,
  withLedger,
} from "../src/postgres";
import { uuidOf, weekOld } from "./gateway";

/** What `benchStore` measured. */
export interface StoreBenchResults {
  /** Median milliseconds of one request through withLedger, by configuration. */
  readonly requestMedianMs: Readonly<Record<Idempotency, number>>;
  /**
   * The same request written by hand, side by side: select the row, parseLedger,
   * quoteUsage, applyEvent, serializeLedger, a plain UPDATE (no compare-and-swap, no journal,
   * no checks): what the store's guarantees cost on top.
   */
  readonly handWrittenMedianMs: number;
  /** Samples behind each median. */
  readonly samples: Readonly<Record<Idempotency, number>>;
  /** Bytes of the account's stored row (the state column) after the run. */
  readonly rowBytes: Readonly<Record<Idempotency, number>>;
  /** Mean bytes of one journal row (event + receipt + entries); none without the journal. */
  readonly journalRowBytes: number;
  /** Lost compare-and-swap races (none expected: one writer). */
  readonly retries: number;
}

/** Runs the store bench on a fresh in-memory PGlite; `timeMs` per configuration. */
export async function benchStore(timeMs = 2000): Promise<StoreBenchResults> {
  const db = await PGlite.create();
  const driver = pgliteDriver(db);
  const migrated = await migrate(driver);
  if (!migrated.ok) throw new Error(migrated.error.message);
  const stores = {} as Record<Idempotency, LedgerStore>;
  for (const idempotency of ["ledger", "store"] as const) {
    const created = createLedgerStore(driver, { idempotency });
    if (!created.ok) throw new Error(created.error.message);
    stores[idempotency] = created.store;
    // Seed the account with its week (the store remembers 16 ids in the row).
    const saved = await created.store.save(idempotency, weekOld(idempotency === "store" ? 16 : undefined), 0);
    if (!saved.ok) throw new Error(saved.error.message);
  }

  let n = 0;
  let retries = 0;
  const request = async (idempotency: Idempotency) => {
    const id = uuidOf(20_000_000 + n++);
    const recorded = await withLedger(stores[idempotency], idempotency, (state) => {
      // One millisecond after the last request: the same windows, the row never grows.
      const at = (state.clockMs ?? 0) + 1;
      const measures = { inputTokens: 15_000, outputTokens: 1_200, cacheReadTokens: 60_000 };
      const quote = quoteUsage(state, { at, resource: "MiniMax-M3", measures });
      if (!quote.ok) throw new Error(quote.error.message);
      return [{ type: "usage", id, at, resource: "MiniMax-M3", measures }];
    });
    if (!recorded.ok) throw new Error(recorded.error.message);
    retries += recorded.attempts - 1;
  };

  // The hand-written gateway of issue #17, on its own account (a copy of the ledger-idempotency row).
  await db.query(
    "insert into token_plan_ledgers select 'hand', version, state from token_plan_ledgers where account_id = 'ledger'",
  );
  const byHand = async () => {
    const row = await db.query<{ state: string }>(
      "select state from token_plan_ledgers where account_id = $1",
      ["hand"],
    );
    const loaded = parseLedger(row.rows[0]?.state ?? "");
    if (!loaded.ok) throw new Error(loaded.error.message);
    const at = (loaded.value.clockMs ?? 0) + 1;
    const measures = { inputTokens: 15_000, outputTokens: 1_200, cacheReadTokens: 60_000 };
    const quote = quoteUsage(loaded.value, { at, resource: "MiniMax-M3", measures });
    if (!quote.ok) throw new Error(quote.error.message);
    const applied = applyEvent(loaded.value, {
      type: "usage",
      id: uuidOf(20_000_000 + n++),
      at,
      resource: "MiniMax-M3",
      measures,
    });
    if (!applied.ok) throw new Error(applied.error.message);
    const text = serializeLedger(applied.state);
    if (!text.ok) throw new Error(text.error.message);
    await db.query("update token_plan_ledgers set state = $2 where account_id = $1", ["hand", text.value]);
  };

  const bench = new Bench({ time: timeMs, warmupTime: 300, throws: true });
  bench.add("hand-written", byHand);
  bench.add("withLedger ledger", () => request("ledger"));
  bench.add("withLedger store", () => request("store"));
  await bench.run();

  const medianOf = (name: string) => {
    const result = bench.tasks.find((t) => t.name === name)?.result;
    if (result === undefined || !("latency" in result)) throw new Error(`no result for ${name}`);
    return { ms: result.latency.p50, samples: result.latency.samplesCount };
  };
  const hand = medianOf("hand-written");
  const ledger = medianOf("withLedger ledger");
  const store = medianOf("withLedger store");
  const sizes = await db.query<{ account_id: Idempotency; bytes: number }>(
    "select account_id, octet_length(state) as bytes from token_plan_ledgers where account_id <> 'hand'",
  );
  const journal = await db.query<{ bytes: number | null }>(
    "select avg(octet_length(event) + octet_length(receipt) + octet_length(entries))::float8 as bytes from token_plan_events",
  );
  await db.close();
  const bytesOf = (id: Idempotency) => sizes.rows.find((r) => r.account_id === id)?.bytes ?? 0;
  return {
    requestMedianMs: { ledger: ledger.ms, store: store.ms },
    handWrittenMedianMs: hand.ms,
    samples: { ledger: ledger.samples, store: store.samples },
    rowBytes: { ledger: bytesOf("ledger"), store: bytesOf("store") },
    journalRowBytes: Math.round(journal.rows[0]?.bytes ?? 0),
    retries,
  };
}

/** One line for the bench's log. */
export function describeStoreBench(r: StoreBenchResults): string {
  const ms = (x: number) => x.toFixed(3);
  return (
    `[store] a request through withLedger on PGlite (median): ${ms(r.requestMedianMs.ledger)} ms with ledger ` +
    `idempotency (${r.rowBytes.ledger} B row), ${ms(r.requestMedianMs.store)} ms with store idempotency ` +
    `(${r.rowBytes.store} B row + ${r.journalRowBytes} B journal row); hand-written (no CAS, no journal) ` +
    `${ms(r.handWrittenMedianMs)} ms; ${r.samples.ledger}/${r.samples.store} samples`
  );
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  console.log(describeStoreBench(await benchStore()));
}
