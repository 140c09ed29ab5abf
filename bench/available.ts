/**
 * `timeUntilAvailable` on a sliding window (issue 23, item 13): a window holding 1k / 4k /
 * 10k / 19.5k records, asked for its full limit, so the answer is the instant the last
 * record leaves. The cost must grow linearly with the records (one pass in time order),
 * not with their square. Reports the median ms per call and µs per 1,000 records.
 * Run alone: npx tsx bench/available.ts
 */
import { fileURLToPath } from "node:url";
import {
  applyEvents,
  type Catalog,
  createLedger,
  defaultCatalog,
  extendCatalog,
  type LedgerEvent,
  type LedgerState,
  timeUntilAvailable,
} from "../src";

/** The default catalog with a sliding 5 h 25 min window at 1 s resolution (up to 19,501 records). */
function slidingCatalog(): Catalog {
  const extended = extendCatalog(defaultCatalog, {
    id: "bench-sliding",
    buckets: {
      general: {
        windows: { "5h": { label: "5-hour", kind: "sliding", duration: "PT5H25M", resolution: "PT1S" } },
      },
    },
    tiers: { max: { limits: { general: { "5h": "1000000", weekly: "1000000" } } } },
  });
  if (!extended.ok) throw new Error(extended.error.message);
  return extended.value;
}

const start = Date.parse("2026-06-01T00:00:00Z");

/** A Max ledger with one usage per second for `records` seconds: one sliding record each. */
export function ledgerWithRecords(catalog: Catalog, records: number): LedgerState {
  const created = createLedger({ catalog, eventIdsRemembered: 1 });
  if (!created.ok) throw new Error(created.error.message);
  const events: LedgerEvent[] = [{ type: "subscribe", id: "s", at: start, tier: "max" }];
  for (let i = 0; i < records; i++) {
    events.push({
      type: "usage",
      id: `u${i}`,
      at: start + i * 1000,
      resource: "music",
      measures: { songs: 1 },
    });
  }
  const applied = applyEvents(created.state, events);
  if (!applied.ok) throw new Error(applied.error.message);
  return applied.state;
}

export interface AvailableRow {
  readonly records: number;
  readonly medianMs: number;
  readonly usPer1000Records: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

export function benchAvailable(rounds = 7): readonly AvailableRow[] {
  const catalog = slidingCatalog();
  const rows: AvailableRow[] = [];
  for (const records of [1_000, 4_000, 10_000, 19_500]) {
    const state = ledgerWithRecords(catalog, records);
    const at = start + records * 1000;
    // The 5-hour window's limit is 1,000,000; ask for all of it: every record must leave first.
    const units = "1000000";
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const answer = timeUntilAvailable(state, units, at);
      times.push(performance.now() - t0);
      if (!answer.ok || answer.value.at === null) throw new Error("no answer");
    }
    const ms = median(times);
    rows.push({
      records,
      medianMs: Math.round(ms * 100) / 100,
      usPer1000Records: Math.round((ms / records) * 1e6) / 1000,
    });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(benchAvailable());
}
