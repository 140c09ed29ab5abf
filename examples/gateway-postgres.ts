/**
 * An API gateway's ledgers in Postgres (here PGlite, embedded: no server needed), one row
 * per account. Before a request runs, load the account and ask quoteUsage (admission);
 * after it ran, record what it really used with withLedger (load → decide → apply →
 * compare-and-swap save, retried if another instance saved first). A retried request gets
 * its first receipt back, and the journal answers a statement query in plain SQL.
 * Run: npx tsx examples/gateway-postgres.ts
 */
import { PGlite } from "@electric-sql/pglite";
import { type LedgerEvent, quoteUsage } from "token-plan";
import { createLedgerStore, migrate, pgliteDriver, withLedger } from "token-plan/postgres";

const db = await PGlite.create(); // in memory; new PGlite("./ledgers") keeps a folder
const driver = pgliteDriver(db); // pgDriver(new pg.Pool(...)) on a Postgres server
const migrated = await migrate(driver);
if (!migrated.ok) throw new Error(migrated.error.message);
const created = createLedgerStore(driver, { idempotency: "store" });
if (!created.ok) throw new Error(created.error.message);
const store = created.store;

// Two customers: Ada on Plus, Bo with credits only.
const opened = [
  {
    account: "ada",
    events: [{ type: "subscribe", id: "ada-sub", at: "2026-06-04T09:00:00Z", tier: "plus" }],
  },
  {
    account: "bo",
    events: [{ type: "purchase-credits", id: "bo-pack", at: "2026-06-04T09:00:00Z", package: "usd-5" }],
  },
] as const satisfies readonly { account: string; events: readonly LedgerEvent[] }[];
for (const { account, events } of opened) {
  const recorded = await withLedger(store, account, () => events);
  if (!recorded.ok) throw new Error(recorded.error.message);
}

/** One request through the gateway: admit on the estimate, run, record the real usage. */
async function handle(
  account: string,
  requestId: string,
  at: string,
  estimatedTokens: number,
  usedTokens: number,
) {
  const loaded = await store.load(account);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const quote = quoteUsage(loaded.state, {
    at,
    resource: "MiniMax-M3",
    measures: { outputTokens: estimatedTokens },
  });
  if (!quote.ok) throw new Error(quote.error.message);
  if (!quote.value.allowed)
    return `${account} ${requestId}: refused, ${quote.value.limit?.message ?? "no quota, no credits"}`;

  // … the model runs here and reports usedTokens …
  const recorded = await withLedger(store, account, (state) => [
    {
      type: "usage",
      id: requestId,
      // Never before the ledger's clock: another instance may have recorded a later request.
      at: Math.max(Date.parse(at), state.clockMs ?? 0),
      resource: "MiniMax-M3",
      measures: { outputTokens: usedTokens },
    },
  ]);
  if (!recorded.ok) return `${account} ${requestId}: not recorded, ${recorded.error.code}`;
  const [event] = recorded.events;
  if (event === undefined || event.outcome.type !== "usage") throw new Error("expected a usage receipt");
  const receipt = event.outcome;
  const how = receipt.paidBy.join(" + ");
  return `${account} ${requestId}: ${event.duplicate ? "retry, first receipt:" : "ran,"} ${receipt.valueCredits} credits by ${how} (version ${recorded.version})`;
}

console.log(await handle("ada", "req-1", "2026-06-04T10:00:00Z", 1_500_000, 1_200_000));
console.log(await handle("bo", "req-2", "2026-06-04T10:01:00Z", 200_000, 180_000));
console.log(await handle("ada", "req-3", "2026-06-04T10:02:00Z", 2_000_000, 2_000_000));
console.log(await handle("ada", "req-4", "2026-06-04T10:03:00Z", 2_000_000, 2_000_000));
// The client timed out and sent req-2 again: the same receipt, counted once.
console.log(await handle("bo", "req-2", "2026-06-04T10:01:00Z", 200_000, 180_000));
console.log(await handle("ada", "req-5", "2026-06-04T10:04:00Z", 1_000_000, 1_000_000));
console.log(await handle("bo", "req-6", "2026-06-04T10:05:00Z", 9_000_000, 9_000_000));

// A statement straight from the journal: what each account's usages were worth.
const statement = await db.query<{ account_id: string; usages: number; credits: string }>(
  `select account_id, count(*)::int as usages, sum((receipt::jsonb ->> 'valueCredits')::numeric)::text as credits
   from token_plan_events where event::jsonb ->> 'type' = 'usage' group by account_id order by account_id`,
);
for (const row of statement.rows)
  console.log(`statement ${row.account_id}: ${row.usages} usages, ${row.credits} credits`);
const sizes = await db.query<{ account_id: string; bytes: number }>(
  "select account_id, length(state) as bytes from token_plan_ledgers order by account_id",
);
console.log(`stored rows: ${sizes.rows.map((r) => `${r.account_id} ${r.bytes} B`).join(", ")}`);
await db.close();
