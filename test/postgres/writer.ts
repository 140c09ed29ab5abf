/**
 * One writer of the concurrency suite: records `usages` usages on one account through
 * `withLedger`, each at one second past the ledger's clock as it loaded it (so instants
 * follow commit order), and retries every `retryEvery`-th one with the very same event,
 * which must come back as a duplicate with its first receipt. Run in-process by the
 * suite, or as its own process with its own connection:
 *
 *   node --import tsx test/postgres/writer.ts <url> <accountId> <writer> <usages> <retryEvery> <idempotency>
 *
 * which prints the report as one JSON line.
 */
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import type { LedgerEvent } from "../../src";
import {
  createLedgerStore,
  type Idempotency,
  type LedgerStore,
  pgDriver,
  withLedger,
} from "../../src/postgres";
import { usageAt } from "./helpers";

/** The instant the concurrency suite's accounts start at (their subscription and credits). */
export const writersStartMs = Date.UTC(2026, 5, 4, 10, 0);

/** What one writer did. */
export interface WriterReport {
  readonly writer: number;
  /** Each usage it recorded, with the version its commit gave the ledger. */
  readonly recorded: readonly { readonly id: string; readonly version: number }[];
  /** Retries of its own usages, each answered as a duplicate with the first receipt. */
  readonly duplicatesAnswered: number;
  /** Attempts over all its withLedger calls (more than one per usage where it lost a race). */
  readonly attempts: number;
  /** The most attempts one of its calls needed. */
  readonly attemptsMostForOne: number;
}

export interface WriterPlan {
  readonly accountId: string;
  readonly writer: number;
  readonly usages: number;
  readonly retryEvery: number;
}

/** Runs one writer to the end, or throws naming what went wrong. */
export async function runWriter(store: LedgerStore, plan: WriterPlan): Promise<WriterReport> {
  const recorded: { id: string; version: number }[] = [];
  let duplicatesAnswered = 0;
  let attempts = 0;
  let attemptsMostForOne = 0;
  for (let i = 0; i < plan.usages; i++) {
    const id = `w${plan.writer}-u${i}`;
    let sent: LedgerEvent = usageAt(id, writersStartMs);
    const first = await withLedger(
      store,
      plan.accountId,
      (state) => {
        sent = usageAt(id, (state.clockMs ?? writersStartMs) + 1000);
        return [sent];
      },
      { attemptsMax: 1000 },
    );
    if (!first.ok) throw new Error(`${id}: ${first.error.code} ${first.error.message}`);
    const event = first.events[0];
    if (event === undefined || event.duplicate || event.version === null)
      throw new Error(`${id}: recorded as ${JSON.stringify(event)}`);
    recorded.push({ id, version: event.version });
    attempts += first.attempts;
    attemptsMostForOne = Math.max(attemptsMostForOne, first.attempts);
    if (i % plan.retryEvery !== plan.retryEvery - 1) continue;
    const again = await withLedger(store, plan.accountId, () => [sent], { attemptsMax: 1000 });
    if (!again.ok) throw new Error(`${id} retried: ${again.error.code} ${again.error.message}`);
    const retried = again.events[0];
    if (retried?.duplicate !== true || !isDeepStrictEqual(retried.outcome, event.outcome) || again.saved)
      throw new Error(`${id} retried: not a duplicate with the first receipt: ${JSON.stringify(retried)}`);
    duplicatesAnswered++;
    attempts += again.attempts;
    attemptsMostForOne = Math.max(attemptsMostForOne, again.attempts);
  }
  return { writer: plan.writer, recorded, duplicatesAnswered, attempts, attemptsMostForOne };
}

async function main(args: readonly string[]): Promise<void> {
  const [url, accountId, writer, usages, retryEvery, idempotency] = args;
  if (url === undefined || accountId === undefined || idempotency === undefined)
    throw new Error("usage: writer.ts <url> <accountId> <writer> <usages> <retryEvery> <idempotency>");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const created = createLedgerStore(pgDriver(client), { idempotency: idempotency as Idempotency });
    if (!created.ok) throw new Error(created.error.message);
    const report = await runWriter(created.store, {
      accountId,
      writer: Number(writer),
      usages: Number(usages),
      retryEvery: Number(retryEvery),
    });
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await client.end();
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
