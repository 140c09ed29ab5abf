/**
 * Window benchmark (issue 4): consume + room on one window that already holds 1 hour,
 * 1 day and 1 full week of one-per-second usage. The cost must not grow with history:
 * a calendar window holds one block, a session one session, and a sliding window at
 * most duration / resolution + 1 records however long the history is.
 * Run alone: npx tsx bench/windows.ts
 */
import { fileURLToPath } from "node:url";
import { Bench } from "tinybench";
import type { CompiledWindow, WindowShape } from "../src/catalog";
import type { Scaled } from "../src/money";
import { consume, emptyWindow, roomAt, type WindowValue } from "../src/windows";

const H = 3_600_000;
const unit = 1_000_000_000n as Scaled<"quota">; // $0.001 of list price per request
const start = Date.UTC(2026, 5, 1, 0, 30); // histories end mid-block, as a live account does

const shapes: readonly (readonly [string, WindowShape])[] = [
  [
    "calendar 5-hour (UTC)",
    {
      kind: "calendar",
      calendar: {
        every: "day",
        cuts: ["00:00", "05:00", "10:00", "15:00", "20:00"],
        weekStartsOn: 1,
        timeZone: "UTC",
      },
    },
  ],
  [
    "calendar week (UTC)",
    { kind: "calendar", calendar: { every: "week", cuts: ["00:00"], weekStartsOn: 1, timeZone: "UTC" } },
  ],
  ["sliding 5 h / 1 min", { kind: "sliding", durationMs: 5 * H, resolutionMs: 60_000 }],
  ["sliding 7 d / 33.6 min", { kind: "sliding", durationMs: 168 * H, resolutionMs: (168 * H) / 300 }],
  ["session 5 h", { kind: "session", durationMs: 5 * H }],
];

const histories: readonly (readonly [string, number])[] = [
  ["1 hour", 3_600],
  ["1 day", 86_400],
  ["1 week", 604_800],
];

function fill(window: CompiledWindow, seconds: number): WindowValue {
  let value = emptyWindow(window.shape);
  for (let i = 0; i < seconds; i++) {
    const r = consume(window, value, start + i * 1000, unit);
    if (!r.ok) throw new Error(r.error.message);
    value = r.value;
  }
  return value;
}

/** One row per window kind: ns per consume + room at each history length, and the records held. */
export interface WindowBenchRow {
  readonly window: string;
  readonly nsPerCall: Readonly<Record<string, number>>;
  readonly records: number;
  readonly weekOverHour: number;
}

export async function benchWindows(): Promise<readonly WindowBenchRow[]> {
  const rows: WindowBenchRow[] = [];
  for (const [name, shape] of shapes) {
    const window: CompiledWindow = {
      id: "w",
      label: name,
      shape,
      limit: (10n ** 30n) as Scaled<"quota">,
      boosts: [],
    };
    const nsPerCall: Record<string, number> = {};
    let records = 0;
    for (const [label, seconds] of histories) {
      const value = fill(window, seconds);
      records = value.kind === "sliding" ? value.records.length : 1;
      const end = start + seconds * 1000;
      let i = 0;
      const bench = new Bench({ time: 150, warmup: true });
      bench.add(label, () => {
        // Always the next second after the history, so every call sees the same window.
        const at = end + (i++ % 1000);
        const next = consume(window, value, at, unit);
        if (next.ok) roomAt(window, next.value, at);
      });
      await bench.run();
      const result = bench.tasks[0]?.result as { latency?: { p50?: number } } | undefined;
      nsPerCall[label] = Math.round((result?.latency?.p50 ?? Number.NaN) * 1e6);
    }
    rows.push({
      window: name,
      nsPerCall,
      records,
      weekOverHour: Math.round(((nsPerCall["1 week"] ?? 0) / (nsPerCall["1 hour"] ?? 1)) * 100) / 100,
    });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await benchWindows();
  console.table(
    rows.map((r) => ({
      window: r.window,
      ...r.nsPerCall,
      "records held": r.records,
      "week ÷ hour": r.weekOverHour,
    })),
  );
}
