/**
 * Drained lots (issue 23, item 2): an account that buys $5 of credits and spends them at
 * once, again and again. Each lot is drained by one usage; once no remembered usage can
 * refill a drained lot, it leaves the state, so the cost of an event must not grow with
 * the number of lots ever bought. Reports `applyEvents` of 2k / 4k / 8k / 16k such events
 * (medians), ms per 1,000 events (flat = linear), and the size of the stored state.
 * Run alone: npx tsx bench/lots.ts
 */
import { fileURLToPath } from "node:url";
import { applyEvents, createLedger, type LedgerEvent, serializeLedger } from "../src";

/** `pairs` purchase + usage pairs, one minute apart: each usage costs exactly the $5 lot. */
export function drainedLotEvents(pairs: number): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  const start = Date.parse("2026-06-01T00:00:00Z");
  for (let i = 0; i < pairs; i++) {
    const at = start + i * 60_000;
    events.push({ type: "purchase-credits", id: `p${i}`, at, package: "usd-5" });
    // speech-hd: $100 per 1M characters; 50,000 characters = $5 = 5,000 credits.
    events.push({ type: "usage", id: `u${i}`, at, resource: "speech-hd", measures: { characters: 50_000 } });
  }
  return events;
}

/** One row per history length. */
export interface DrainedLotsRow {
  readonly events: number;
  readonly medianMs: number;
  readonly msPer1000Events: number;
  readonly lotsHeld: number;
  readonly stateBytes: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

export function benchDrainedLots(rounds = 5): readonly DrainedLotsRow[] {
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  const rows: DrainedLotsRow[] = [];
  for (let i = 0; i < 3; i++) applyEvents(created.state, drainedLotEvents(4_000)); // warm-up
  for (const events of [2_000, 4_000, 8_000, 16_000]) {
    const list = drainedLotEvents(events / 2);
    const times: number[] = [];
    let last = created.state;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const applied = applyEvents(created.state, list);
      times.push(performance.now() - t0);
      if (!applied.ok) throw new Error(`${applied.error.code}: ${applied.error.message}`);
      last = applied.state;
    }
    const ms = median(times);
    rows.push({
      events,
      medianMs: Math.round(ms * 10) / 10,
      msPer1000Events: Math.round((ms / events) * 1000 * 100) / 100,
      lotsHeld: last.lots.length,
      stateBytes: (() => {
        const t = serializeLedger(last);
        return t.ok ? t.value.length : -1;
      })(),
    });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(benchDrainedLots());
}
