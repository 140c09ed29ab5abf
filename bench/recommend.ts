/**
 * `recommend` on 1,000,000 usages against one `applyEvents` replay of them (issue 18): it
 * reads the lines (the library's own JSONL reader and the dedupe, as the CLI does) and
 * replays four plans (Plus, Max, Ultra, credits only), each buying credits as needed.
 * The replay it is compared with is the suite's own: the seeded trace's events (the Max
 * subscription, its credit purchases and the same usages) through one `applyEvents` call.
 * Target: at most 5×. Rounds are interleaved (replay, then recommend) after a full GC;
 * medians of wall time, and of CPU time (steadier on a shared machine). Run alone with
 * `npx tsx bench/recommend.ts [usages]`, or as part of `npm run bench`.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  applyEvents,
  createLedger,
  createUsageDedupe,
  type Recommendation,
  recommendPlan,
  usageJsonlReader,
} from "../src";
import { generateTrace, type TraceEvent } from "./trace";

/** What one run measured. */
export interface RecommendBench {
  readonly usages: number;
  readonly rounds: number;
  readonly replayMedianMs: number;
  readonly recommendMedianMs: number;
  /** Of the recommendation: reading the lines and the four replays. */
  readonly readMedianMs: number;
  readonly ratio: number;
  /** The same ratio in CPU time (user + system), steadier on a shared machine. */
  readonly cpuRatio: number;
  readonly target: number;
  readonly met: boolean;
  readonly replayMs: readonly number[];
  readonly recommendMs: readonly number[];
  readonly replayCpuMs: readonly number[];
  readonly recommendCpuMs: readonly number[];
  readonly cheapest: string;
  readonly plans: readonly { readonly plan: string; readonly totalUsd: string; readonly purchases: string }[];
}

const targetRatio = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Reads the lines as the CLI does, then recommends: the timed unit. */
function recommendFromLines(lines: readonly string[]): { recommendation: Recommendation; readMs: number } {
  const started = performance.now();
  const read = usageJsonlReader();
  const dedupe = createUsageDedupe();
  for (const line of lines) dedupe.add(read(line));
  const { events } = dedupe.finish();
  const readMs = performance.now() - started;
  const r = recommendPlan(events);
  if (!r.ok) throw new Error(`recommendPlan refused: ${r.error.code} ${r.error.message}`);
  return { recommendation: r.value, readMs };
}

/** Options of {@link benchRecommend}. */
export interface RecommendBenchOptions {
  /** Usages of the seeded trace (default 1,000,000), unless `usages` are given. */
  readonly usageCount?: number;
  /** The trace, when the caller already generated it (the suite passes its own). */
  readonly trace?: readonly TraceEvent[];
  readonly rounds?: number;
}

/** Runs the comparison on the usages of the seeded trace. */
export function benchRecommend(options: RecommendBenchOptions = {}): RecommendBench {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const rounds = options.rounds ?? 3;
  const trace = options.trace ?? generateTrace({ usageEvents: options.usageCount ?? 1_000_000 }).events;
  const usages = trace.filter((e) => e.type === "usage");
  const lines = usages.map((u) => JSON.stringify(u));
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  const replayMs: number[] = [];
  const recommendMs: number[] = [];
  const replayCpuMs: number[] = [];
  const recommendCpuMs: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  const readMs: number[] = [];
  let last: Recommendation | null = null;
  for (let round = 0; round < rounds; round++) {
    gc();
    let c0 = process.cpuUsage();
    let t0 = performance.now();
    const r = applyEvents(created.state, trace);
    replayMs.push(performance.now() - t0);
    replayCpuMs.push(cpuMs(c0));
    if (!r.ok) throw new Error(`replay refused: ${r.error.message}`);
    gc();
    c0 = process.cpuUsage();
    t0 = performance.now();
    const { recommendation, readMs: read } = recommendFromLines(lines);
    recommendMs.push(performance.now() - t0);
    recommendCpuMs.push(cpuMs(c0));
    readMs.push(read);
    last = recommendation;
  }
  if (last === null) throw new Error("no round ran");
  const replayMedianMs = median(replayMs);
  const recommendMedianMs = median(recommendMs);
  const ratio = recommendMedianMs / replayMedianMs;
  return {
    usages: usages.length,
    rounds,
    replayMedianMs,
    recommendMedianMs,
    readMedianMs: median(readMs),
    ratio,
    cpuRatio: median(recommendCpuMs) / median(replayCpuMs),
    target: targetRatio,
    met: ratio <= targetRatio,
    replayMs,
    recommendMs,
    replayCpuMs,
    recommendCpuMs,
    cheapest: last.cheapest,
    plans: last.plans.map((p) => ({ plan: p.plan, totalUsd: p.totalUsd, purchases: p.creditsPurchased })),
  };
}

/** One line for the suite's log. */
export function describeRecommendBench(b: RecommendBench): string {
  return (
    `recommend: ${b.usages.toLocaleString("en-US")} usages read and replayed on 4 plans in ${Math.round(b.recommendMedianMs)} ms ` +
    `(reading ${Math.round(b.readMedianMs)} ms) vs one applyEvents replay ${Math.round(b.replayMedianMs)} ms: ` +
    `${Math.round(b.ratio * 100) / 100}× (target ≤ ${b.target}×, ${b.met ? "met" : "MISSED"}; in CPU time ${Math.round(b.cpuRatio * 100) / 100}×); ` +
    `cheapest ${b.cheapest}`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = benchRecommend({ usageCount: Number(process.argv[2] ?? 1_000_000) });
  process.stdout.write(`${describeRecommendBench(result)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
