/**
 * Far-future instants (issue 23, item 14): a Plus plan started in 1970, asked about the
 * year 9999 (96,359 period ends later). Queries compute the idle months in closed form;
 * `settle` charges each renewal, so one call passes at most `renewalsPerSettleMax` (1,200)
 * and is refused past it before any work. Reports medians in ms.
 * Run alone: npx tsx bench/far-future.ts
 */
import { fileURLToPath } from "node:url";
import { applyEvent, createLedger, type LedgerState, quotaStatus, quoteUsage, settle } from "../src";

function since1970(): LedgerState {
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  const r = applyEvent(created.state, {
    type: "subscribe",
    id: "s",
    at: "1970-01-01T00:00:00Z",
    tier: "plus",
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

function medianMs(run: () => unknown, rounds: number): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[times.length >> 1] as number) * 1000) / 1000;
}

export interface FarFutureRow {
  readonly call: string;
  readonly medianMs: number;
  readonly answer: string;
}

export function benchFarFuture(rounds = 5): readonly FarFutureRow[] {
  const state = since1970();
  const far = "9999-06-01T00:00:00Z";
  const usage = { at: far, resource: "music", measures: { songs: 1 } };
  const answer = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? "ok" : (r.error?.code ?? "?"));
  const rows: FarFutureRow[] = [];
  const add = (call: string, run: () => { ok: boolean; error?: { code: string } }) => {
    const last = run();
    rows.push({ call, medianMs: medianMs(run, rounds), answer: answer(last) });
  };
  add("quoteUsage at 9999 (1970 plan)", () => quoteUsage(state, usage));
  add("quotaStatus at 9999 (1970 plan)", () => quotaStatus(state, far));
  add("settle 1970 → 9999", () => settle(state, far));
  add("settle 1970 → 2069 (1,199 renewals)", () => settle(state, "2069-12-31T00:00:00Z"));
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(benchFarFuture());
}
