/**
 * The benchmark suite (`npm run bench`): replay throughput on a seeded 1,000,000-usage
 * trace, per-event cost on an empty and a week-old state, state size, a plain mutable
 * baseline for comparison (whose totals must equal the library's), and bundle size.
 * Prints a table and writes bench/results.json. See bench/README.md.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { Bench } from "tinybench";
import {
  applyEvent,
  applyEvents,
  type Catalog,
  createLedger,
  type LedgerEntryType,
  type LedgerEvent,
  type LedgerState,
  parseLedger,
  quoteUsage,
  serializeLedger,
} from "../src";
import { benchAvailable } from "./available";
import {
  type BaselineResult,
  type FullBaselineResult,
  parseAtoms,
  runBaseline,
  runBaselineFull,
  runBaselineSafe,
} from "./baseline";
import { benchFarFuture } from "./far-future";
import { benchGateway } from "./gateway";
import { benchHostile } from "./hostile";
import { benchDrainedLots } from "./lots";
import { benchRecommend, describeRecommendBench } from "./recommend";
import { edgeExternalGzipBytesMax, importSizes, sizeRows } from "./sizes";
import { benchStore, describeStoreBench } from "./store";
import { assertSame, baselineTotals, finalOf, fullFinalOf, libraryTotals, withCreditsLeft } from "./totals";
import { agentWeek, generateTrace, type TraceEvent } from "./trace";
import { generatePathsTrace, slidingCatalog } from "./trace-paths";
import { benchWindows } from "./windows";

const started = performance.now();
const loadAtStart = os.loadavg();
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const targets = {
  replayEventsPerSecond: 1_000_000,
  heavyOverEmptyMax: 2,
  stateBytesMax: 64 * 1024,
  /** Issue 22: library ÷ the exact mutable baseline, on the plain and the paths trace (it was 10). */
  baselineRatioMax: 3,
  entriesFinanceRatioMax: 1.1,
  entriesAllRatioMax: 2,
  bundleGzipBytesMax: 15_000,
} as const;

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function grouped(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function mustCreate(catalog?: Catalog): LedgerState {
  const created = createLedger(catalog === undefined ? {} : { catalog });
  if (!created.ok) throw new Error(`createLedger failed: ${created.error.message}`);
  return created.state;
}

function mustApplyAll(state: LedgerState, events: readonly LedgerEvent[]): LedgerState {
  const r = applyEvents(state, events);
  if (!r.ok)
    throw new Error(
      `applyEvents refused: ${r.error.code} ${r.error.message} at ${JSON.stringify(r.error.path)}`,
    );
  return r.state;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Which code was measured: the commit, whether src/ had uncommitted changes, and a hash of src/. */
function sourceVersion() {
  const srcDir = fileURLToPath(new URL("../src/", import.meta.url));
  const hash = createHash("sha256");
  const files = readdirSync(srcDir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .sort();
  for (const file of files) hash.update(file).update(readFileSync(`${srcDir}${file}`));
  const git = (...args: string[]): string | null => {
    try {
      return execFileSync("git", args, {
        cwd: srcDir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    } catch {
      return null;
    }
  };
  const status = git("status", "--porcelain", "--", ".");
  return {
    commit: git("rev-parse", "--short", "HEAD"),
    srcUncommittedChanges: status === null ? null : status !== "",
    srcSha256: hash.digest("hex").slice(0, 16),
    srcFiles: files.length,
  };
}
const source = sourceVersion();

// ---------------------------------------------------------------------------------------------
// 1. The trace
// ---------------------------------------------------------------------------------------------
log(
  `token-plan benchmarks — ${os.cpus()[0]?.model ?? "unknown CPU"} ×${os.cpus().length}, Node ${process.version}`,
);
log(
  `load average at start: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
log(
  `source: commit ${source.commit ?? "?"}${source.srcUncommittedChanges ? " + uncommitted src/ changes" : ""}, src/ sha256 ${source.srcSha256}`,
);
let t0 = performance.now();
const trace = generateTrace();
const traceEvents: readonly TraceEvent[] = trace.events;
const generationMs = performance.now() - t0;
log(
  `[1/7] trace: ${grouped(trace.usageEvents)} usages + ${trace.events.length - trace.usageEvents} other events, ` +
    `${iso(trace.startMs).slice(0, 10)} → ${iso(trace.endMs).slice(0, 10)} ` +
    `(${round((trace.endMs - trace.startMs) / 86_400_000, 1)} days), generated in ${Math.round(generationMs)} ms`,
);

// ---------------------------------------------------------------------------------------------
// Correctness (run in step 6, after the timings): the library's totals, summed from its entries, must
// equal the baseline's. Definitions here.
// ---------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------
// 2. Replay throughput, library against the baselines (interleaved rounds, medians). Before the
//    correctness run: a process whose first replay keeps its entries (collectEntries) replays
//    about 2× slower from then on (V8 pretenures the facts' allocation sites; see README).
// ---------------------------------------------------------------------------------------------
const rounds = 7;
/** CPU ms of this process since `c0` (GC threads included): steadier than wall time on a shared machine. */
const cpuMsSince = (c0: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(c0);
  return (used.user + used.system) / 1000;
};
let c0 = process.cpuUsage();
const libraryCpuMs: number[] = [];
const baselineCpuMs: number[] = [];
const libraryMs: number[] = [];
const baselineMs: number[] = [];
const baselineSafeMs: number[] = [];
/** The full baseline (a Map of ids, every event type) on the plain trace, timed in the same rounds. */
const fullPlainMs: number[] = [];
const fullPlainCpuMs: number[] = [];
const empty = mustCreate();
let replayed: LedgerState = empty;
let baseline: BaselineResult | null = null;
let baselineSafe: BaselineResult | null = null;
for (let round = 0; round < rounds; round++) {
  gc();
  c0 = process.cpuUsage();
  t0 = performance.now();
  const r = applyEvents(empty, traceEvents);
  libraryMs.push(performance.now() - t0);
  libraryCpuMs.push(cpuMsSince(c0));
  if (!r.ok) throw new Error(`replay refused: ${r.error.message}`);
  replayed = r.state;
  gc();
  c0 = process.cpuUsage();
  t0 = performance.now();
  const b = runBaseline(traceEvents);
  baselineMs.push(performance.now() - t0);
  baselineCpuMs.push(cpuMsSince(c0));
  gc();
  t0 = performance.now();
  const s = runBaselineSafe(traceEvents);
  baselineSafeMs.push(performance.now() - t0);
  gc();
  c0 = process.cpuUsage();
  t0 = performance.now();
  runBaselineFull(traceEvents, "calendar");
  fullPlainMs.push(performance.now() - t0);
  fullPlainCpuMs.push(cpuMsSince(c0));
  baseline = b;
  baselineSafe = s;
}
if (baseline === null || baselineSafe === null) throw new Error("no baseline run");
assertSame(
  "final state of the timed replay (bigint baseline)",
  withCreditsLeft(finalOf(replayed)),
  withCreditsLeft(baseline.final),
);
assertSame(
  "final state of the timed replay (safe-integer baseline)",
  withCreditsLeft(finalOf(replayed)),
  withCreditsLeft(baselineSafe.final),
);
const replayMedianMs = median(libraryMs);
const replayEventsPerSecond = (traceEvents.length / replayMedianMs) * 1000;
const baselineMedianMs = median(baselineMs);
const baselineSafeMedianMs = median(baselineSafeMs);
const fullPlainMedianMs = median(fullPlainMs);
const libraryOverFullPlain = replayMedianMs / fullPlainMedianMs;
const libraryOverFullPlainCpu = median(libraryCpuMs) / median(fullPlainCpuMs);
log(
  `[2/7] replay: library ${grouped(replayEventsPerSecond)} events/s (median of ${rounds}: ${Math.round(replayMedianMs)} ms, ` +
    `best ${Math.round(Math.min(...libraryMs))} ms), ` +
    `baseline ${Math.round(baselineMedianMs)} ms (bigint) / ${Math.round(baselineSafeMedianMs)} ms (safe integers); ` +
    `CPU time: library ${Math.round(median(libraryCpuMs))} ms, bigint baseline ${Math.round(median(baselineCpuMs))} ms ` +
    `(${round(median(libraryCpuMs) / median(baselineCpuMs), 2)}×); ` +
    `full baseline (a Map of ids) ${Math.round(fullPlainMedianMs)} ms: library ${round(libraryOverFullPlain, 2)}× (CPU ${round(libraryOverFullPlainCpu, 2)}×)`,
);

// 2b. The paths trace (every path an account walks, issue 22) on two catalogs, library against the
//     full baseline (interleaved rounds, medians).
t0 = performance.now();
const pathsTrace = generatePathsTrace();
const pathsGenerationMs = performance.now() - t0;
const pathsRuns = [
  { key: "calendar", label: "paths, default catalog", catalog: undefined, windows: "calendar" },
  {
    key: "sliding",
    label: "paths, sliding 5 h + session 7 d",
    catalog: slidingCatalog,
    windows: "sliding-session",
  },
] as const;
const pathsReplay = pathsRuns.map((run) => {
  const start = mustCreate(run.catalog);
  const libMs: number[] = [];
  const baseMs: number[] = [];
  const libCpu: number[] = [];
  const baseCpu: number[] = [];
  let state: LedgerState = start;
  let base: FullBaselineResult | null = null;
  for (let round = 0; round < rounds; round++) {
    gc();
    c0 = process.cpuUsage();
    t0 = performance.now();
    const r = applyEvents(start, pathsTrace.events as readonly LedgerEvent[]);
    libMs.push(performance.now() - t0);
    libCpu.push(cpuMsSince(c0));
    if (!r.ok) throw new Error(`paths replay refused: ${r.error.code} ${r.error.message}`);
    state = r.state;
    gc();
    c0 = process.cpuUsage();
    t0 = performance.now();
    base = runBaselineFull(pathsTrace.events, run.windows);
    baseMs.push(performance.now() - t0);
    baseCpu.push(cpuMsSince(c0));
  }
  if (base === null) throw new Error("no full baseline run");
  assertSame(`final state of the timed replay (${run.label})`, fullFinalOf(state), base.final);
  const medianMs = median(libMs);
  const baselineMedian = median(baseMs);
  return {
    ...run,
    state,
    baseline: base,
    medianMs,
    samplesMs: libMs,
    baselineMedianMs: baselineMedian,
    baselineSamplesMs: baseMs,
    eventsPerSecond: (pathsTrace.events.length / medianMs) * 1000,
    ratio: medianMs / baselineMedian,
    cpuMs: median(libCpu),
    baselineCpuMs: median(baseCpu),
    cpuRatio: median(libCpu) / median(baseCpu),
  };
});
log(
  `[2/7] paths trace (${grouped(pathsTrace.events.length)} events, generated in ${Math.round(pathsGenerationMs)} ms): ` +
    pathsReplay
      .map(
        (p) =>
          `${p.key} ${Math.round(p.medianMs)} ms vs baseline ${Math.round(p.baselineMedianMs)} ms (${round(p.ratio, 2)}×; CPU ${round(p.cpuRatio, 2)}×; ${grouped(p.eventsPerSecond)} events/s)`,
      )
      .join("; "),
);

// 2c. What entries cost: the plain trace in chunks of 50,000 events (as a finance job replays), without
//     entries, with the charge and expiry entries only, and with every entry (interleaved rounds).
const entryChunk = 50_000;
const financeTypes: readonly LedgerEntryType[] = ["subscription.charged", "credits.expired"];
function chunkedReplay(collect: boolean | readonly LedgerEntryType[]): number {
  let state = empty;
  let entries = 0;
  for (let i = 0; i < traceEvents.length; i += entryChunk) {
    const r = applyEvents(state, traceEvents.slice(i, i + entryChunk), { collectEntries: collect });
    if (!r.ok) throw new Error(`chunked replay refused: ${r.error.message}`);
    state = r.state;
    entries += r.entries.length;
  }
  return entries;
}
const entryModes = [
  { key: "none", collect: false },
  { key: "chargeAndExpiry", collect: financeTypes },
  { key: "all", collect: true },
] as const;
const entryMs: Record<(typeof entryModes)[number]["key"], number[]> = {
  none: [],
  chargeAndExpiry: [],
  all: [],
};
const entryCpuMs: Record<(typeof entryModes)[number]["key"], number[]> = {
  none: [],
  chargeAndExpiry: [],
  all: [],
};
const entryCounts: Record<string, number> = {};
for (let round = 0; round < 5; round++) {
  for (const mode of entryModes) {
    gc();
    c0 = process.cpuUsage();
    t0 = performance.now();
    entryCounts[mode.key] = chunkedReplay(mode.collect);
    entryMs[mode.key].push(performance.now() - t0);
    entryCpuMs[mode.key].push(cpuMsSince(c0));
  }
}
const entriesNoneMs = median(entryMs.none);
const entriesFinanceRatio = median(entryMs.chargeAndExpiry) / entriesNoneMs;
const entriesAllRatio = median(entryMs.all) / entriesNoneMs;
const entriesFinanceCpuRatio = median(entryCpuMs.chargeAndExpiry) / median(entryCpuMs.none);
const entriesAllCpuRatio = median(entryCpuMs.all) / median(entryCpuMs.none);
log(
  `[2/7] entries (chunks of ${grouped(entryChunk)}): none ${Math.round(entriesNoneMs)} ms, ` +
    `charge + expiry ${round(entriesFinanceRatio, 2)}× (${grouped(entryCounts.chargeAndExpiry ?? 0)} entries), ` +
    `all ${round(entriesAllRatio, 2)}× (${grouped(entryCounts.all ?? 0)} entries); ` +
    `CPU time ${round(entriesFinanceCpuRatio, 2)}× / ${round(entriesAllCpuRatio, 2)}×`,
);
// `BENCH_ONLY=replay npm run bench`: the replay figures alone (steps 1-2), for quick A/B work.
if (process.env.BENCH_ONLY === "replay") {
  log(
    `replay only: plain trace ${round(replayMedianMs / baselineMedianMs, 2)}× the bigint baseline, ` +
      `${round(libraryOverFullPlain, 2)}× the full baseline; ` +
      `load average now ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
  );
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// 3. Per-event cost: applyEvent and quoteUsage on an empty, a week-old and the trace's final state.
// ---------------------------------------------------------------------------------------------
const hour = 3_600_000;
const weekStart = Date.UTC(2026, 5, 8); // a Monday
const week = agentWeek({ startMs: weekStart });
const setup = week.slice(0, 3); // subscribe, a $100 and a $25 package, one hour before the week
const emptyState = mustApplyAll(mustCreate(), setup);
t0 = performance.now();
const heavyState = mustApplyAll(mustCreate(), week);
const heavyBuildMs = performance.now() - t0;
const request = { inputTokens: 15_000, outputTokens: 1_200, cacheReadTokens: 60_000 } as const;
const heavyClock = heavyState.clockMs ?? 0;
const traceClock = replayed.clockMs ?? 0;

interface Probe {
  readonly key: string;
  readonly state: LedgerState;
  readonly label: string;
  readonly at: number;
}
const probes: readonly Probe[] = [
  {
    key: "empty",
    state: emptyState,
    label: "(a) empty: subscribed, $125 of credits",
    at: weekStart - hour + 1000,
  },
  {
    key: "heavy",
    state: heavyState,
    label: "(b) a week at 1 request/s, next usage at Monday 00:00 (fresh windows)",
    at: heavyClock + 1000,
  },
  {
    key: "heavyOver",
    state: heavyState,
    label: "(b′) same state, usage at its clock (week's quota and credits used up)",
    at: heavyClock,
  },
  {
    key: "traceEnd",
    state: replayed,
    label: "(c) the trace's final state, next usage 1 s later",
    at: traceClock + 1000,
  },
];

let sink: unknown;
const perEvent: {
  key: string;
  label: string;
  op: "applyEvent" | "quoteUsage";
  paidBy: string;
  medianNs: number;
  rmePercent: number;
  samples: number;
}[] = [];
const perEventBench = new Bench({ time: 1000, warmupTime: 250, throws: true });
for (const probe of probes) {
  const event = {
    type: "usage",
    id: `probe-${probe.key}`,
    at: probe.at,
    resource: "MiniMax-M3",
    measures: request,
  } as const;
  const usage = { at: probe.at, resource: "MiniMax-M3", measures: request } as const;
  const applied = applyEvent(probe.state, event);
  if (!applied.ok) throw new Error(`probe ${probe.key}: ${applied.error.message}`);
  if (applied.outcome.type !== "usage") throw new Error(`probe ${probe.key}: not a usage outcome`);
  const quoted = quoteUsage(probe.state, usage);
  if (!quoted.ok) throw new Error(`probe ${probe.key}: ${quoted.error.message}`);
  const paidBy = applied.outcome.paidBy.join("+");
  assertSame(`quote vs apply (${probe.key})`, quoted.value.paidBy.join("+"), paidBy);
  perEventBench.add(`applyEvent ${probe.key}`, () => {
    sink = applyEvent(probe.state, event);
  });
  perEventBench.add(`quoteUsage ${probe.key}`, () => {
    sink = quoteUsage(probe.state, usage);
  });
  for (const op of ["applyEvent", "quoteUsage"] as const) {
    perEvent.push({ key: probe.key, label: probe.label, op, paidBy, medianNs: 0, rmePercent: 0, samples: 0 });
  }
}
gc();
await perEventBench.run();
for (const row of perEvent) {
  const task = perEventBench.tasks.find((t) => t.name === `${row.op} ${row.key}`);
  const result = task?.result;
  if (result === undefined || !("latency" in result)) throw new Error(`no result for ${row.op} ${row.key}`);
  row.medianNs = result.latency.p50 * 1e6;
  row.rmePercent = result.latency.rme;
  row.samples = result.latency.samplesCount;
}
const ns = (key: string, op: string): number =>
  perEvent.find((r) => r.key === key && r.op === op)?.medianNs ?? Number.NaN;
const ratios = {
  applyEvent: ns("heavy", "applyEvent") / ns("empty", "applyEvent"),
  quoteUsage: ns("heavy", "quoteUsage") / ns("empty", "quoteUsage"),
  applyEventOverQuota: ns("heavyOver", "applyEvent") / ns("empty", "applyEvent"),
  quoteUsageOverQuota: ns("heavyOver", "quoteUsage") / ns("empty", "quoteUsage"),
};
log(
  `[3/7] per event: applyEvent ${grouped(ns("empty", "applyEvent"))} → ${grouped(ns("heavy", "applyEvent"))} ns, ` +
    `quoteUsage ${grouped(ns("empty", "quoteUsage"))} → ${grouped(ns("heavy", "quoteUsage"))} ns (empty → week-old; built in ${Math.round(heavyBuildMs)} ms)`,
);

// ---------------------------------------------------------------------------------------------
// 4. State size and serialisation of the week-old state.
// ---------------------------------------------------------------------------------------------
/** Stored text of a state the library returned. */
function storedText(state: LedgerState): string {
  const text = serializeLedger(state);
  if (!text.ok) throw new Error(`serializeLedger refused: ${text.error.message}`);
  return text.value;
}
function sizeOf(state: LedgerState) {
  const text = storedText(state);
  const part = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
  const stored = JSON.parse(text) as { recentEvents: unknown[] };
  return {
    bytes: Buffer.byteLength(text),
    catalogBytes: part(state.catalog),
    recentEventsBytes: part(stored.recentEvents),
    recentEvents: stored.recentEvents.length,
    lotsBytes: part(state.lots),
    lots: state.lots.length,
    windowsBytes: part(state.windows),
  };
}
const heavyText = storedText(heavyState);
const reparsed = parseLedger(heavyText);
if (!reparsed.ok) throw new Error(`parseLedger refused the serialised state: ${reparsed.error.message}`);
if (storedText(reparsed.value) !== heavyText)
  throw new Error("serialise → parse → serialise is not byte-identical");
const heavySize = sizeOf(heavyState);
const traceEndSize = sizeOf(replayed);
const serialBench = new Bench({ time: 1000, warmupTime: 250, throws: true });
serialBench.add("serializeLedger", () => {
  sink = serializeLedger(heavyState);
});
serialBench.add("parseLedger", () => {
  sink = parseLedger(heavyText);
});
gc();
await serialBench.run();
const serialNs = (name: string): number => {
  const result = serialBench.tasks.find((t) => t.name === name)?.result;
  if (result === undefined || !("latency" in result)) throw new Error(`no result for ${name}`);
  return result.latency.p50 * 1e6;
};
const serializeNs = serialNs("serializeLedger");
const parseNs = serialNs("parseLedger");
log(
  `[4/7] state: ${grouped(heavySize.bytes)} bytes (week-old), ${grouped(traceEndSize.bytes)} bytes (trace end); ` +
    `serialise ${round(serializeNs / 1000, 1)} µs, parse ${round(parseNs / 1000, 1)} µs`,
);

// ---------------------------------------------------------------------------------------------
// 5. Bundle size (esbuild, ESM, minified; gzip level 9).
// ---------------------------------------------------------------------------------------------
const root = fileURLToPath(new URL("../", import.meta.url));
/**
 * The whole public API (every export kept); what a stateless gateway imports (load the
 * account's ledger, quote, apply, answer the usage bars, store it again); or only the
 * four functions a typical edge function imports.
 */
const entries = {
  full: "export * from './src/index.ts';",
  gateway:
    "export { applyEvent, applyEvents, createLedger, creditBalance, defaultCatalog, parseLedger, quotaStatus, quoteUsage, serializeLedger, settle } from './src/index.ts';",
  edge: "export { applyEvent, applyEvents, createLedger, quoteUsage } from './src/index.ts';",
} as const;
async function bundle(entry: keyof typeof entries, external: boolean) {
  const result = await build({
    stdin: { contents: entries[entry], resolveDir: root, sourcefile: `${entry}-entry.ts`, loader: "ts" },
    bundle: true,
    format: "esm",
    minify: true,
    platform: "browser",
    target: "es2022",
    packages: external ? "external" : "bundle",
    write: false,
    metafile: true,
    outfile: "token-plan.min.js",
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error("esbuild produced no output");
  return {
    minBytes: file.contents.byteLength,
    gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength,
    metafile: result.metafile,
  };
}
/** Minified bytes in the output per group of inputs (`groupOf` names the group of an input path). */
function bytesBy(metafile: Metafile, groupOf: (path: string) => string) {
  const output = Object.values(metafile.outputs)[0];
  if (output === undefined) throw new Error("no esbuild output in metafile");
  const groups = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = groupOf(path);
    groups.set(name, (groups.get(name) ?? 0) + bytesInOutput);
  }
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  return [...groups]
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => ({ name, minBytes: bytes, share: round(bytes / total, 3) }));
}
const packageOf = (path: string): string =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? "token-plan (src)";
const srcFolderOf = (path: string): string => /src\/([^/]+)/.exec(path)?.[1] ?? path;
const bundleExternal = await bundle("full", true);
const bundleFull = await bundle("full", false);
const gatewayExternal = await bundle("gateway", true);
const gatewayFull = await bundle("gateway", false);
const edgeExternal = await bundle("edge", true);
const edgeFull = await bundle("edge", false);
const bundlePackages = bytesBy(bundleFull.metafile, packageOf);
const bundleSrcFolders = bytesBy(bundleExternal.metafile, srcFolderOf);
const dominant = bundlePackages.find((p) => p.name !== "token-plan (src)");
log(
  `[5/7] bundle: ${grouped(bundleExternal.gzipBytes)} B gzip (deps external), ${grouped(bundleFull.gzipBytes)} B gzip with deps ` +
    `(largest dependency: ${dominant?.name ?? "none"})`,
);

// ---------------------------------------------------------------------------------------------
// 6. Correctness: every total of the library (from its entries) equals both baselines'.
// ---------------------------------------------------------------------------------------------
t0 = performance.now();
const checked = libraryTotals(traceEvents, 50_000);
const entriesRunMs = performance.now() - t0;
assertSame("totals (bigint baseline)", checked.totals, baselineTotals(baseline));
assertSame("totals (safe-integer baseline)", checked.totals, baselineTotals(baselineSafe));
assertSame("final state", withCreditsLeft(finalOf(checked.state)), withCreditsLeft(baseline.final));
assertSame(
  "final state (safe-integer baseline)",
  withCreditsLeft(finalOf(checked.state)),
  withCreditsLeft(baselineSafe.final),
);
assertSame("renewals vs subscription period", checked.state.subscription?.period, baseline.renewals);
// The full baseline agrees with the plain one on the plain trace, and with the library on the paths trace.
const fullOnPlain = runBaselineFull(traceEvents, "calendar");
assertSame("totals (full baseline, plain trace)", checked.totals, fullOnPlain.totals);
const pathsChecked = pathsReplay.map((p) => {
  const lib = libraryTotals(pathsTrace.events, 50_000, p.catalog);
  assertSame(`totals (${p.label})`, lib.totals, p.baseline.totals);
  assertSame(`final state (${p.label}, with entries)`, fullFinalOf(lib.state), p.baseline.final);
  return { key: p.key, totals: lib.totals };
});
const totals = checked.totals;
const valueAtoms = parseAtoms(totals.valueUsd);
const overflowShareValue = Number(valueAtoms - parseAtoms(totals.quotaUnits5h)) / Number(valueAtoms);
log(
  `[6/7] totals: library (summed from ${grouped(traceEvents.length)} events' entries, ${Math.round(entriesRunMs)} ms) = both baselines ✓ — ` +
    `overflow ${round(100 * overflowShareValue, 1)}% of value, ${grouped(totals.overflowUsages)} usages; ` +
    `${totals.lotsExpiredWithCredits} lots expired with credits left`,
);

// ---------------------------------------------------------------------------------------------
// 7. Report
// ---------------------------------------------------------------------------------------------
const status = (met: boolean): string => (met ? "met" : "MISSED");
const libraryOverBaseline = replayMedianMs / baselineMedianMs;
const libraryOverSafe = replayMedianMs / baselineSafeMedianMs;
const summary: [string, string, string, string][] = [
  [
    "Replay applyEvents (1M-usage trace)",
    `${grouped(replayEventsPerSecond)} events/s`,
    "≥ 1,000,000 events/s",
    status(replayEventsPerSecond >= targets.replayEventsPerSecond),
  ],
  [
    "applyEvent, heavy ÷ empty",
    `${round(ratios.applyEvent)}× (${grouped(ns("heavy", "applyEvent"))} / ${grouped(ns("empty", "applyEvent"))} ns)`,
    "≤ 2×",
    status(ratios.applyEvent <= targets.heavyOverEmptyMax),
  ],
  [
    "quoteUsage, heavy ÷ empty",
    `${round(ratios.quoteUsage)}× (${grouped(ns("heavy", "quoteUsage"))} / ${grouped(ns("empty", "quoteUsage"))} ns)`,
    "≤ 2×",
    status(ratios.quoteUsage <= targets.heavyOverEmptyMax),
  ],
  [
    "Week-old state, serialised",
    `${grouped(heavySize.bytes)} B`,
    "≤ 65,536 B (64 KiB)",
    status(heavySize.bytes <= targets.stateBytesMax),
  ],
  ["parse + serialise (week-old state)", `${round((parseNs + serializeNs) / 1000, 1)} µs`, "—", "—"],
  [
    "Library ÷ baseline (bigint), replay",
    `${round(libraryOverBaseline, 1)}× (${Math.round(replayMedianMs)} / ${Math.round(baselineMedianMs)} ms)`,
    "≤ 3×",
    status(libraryOverBaseline <= targets.baselineRatioMax),
  ],
  [
    "  the same in CPU time",
    `${round(median(libraryCpuMs) / median(baselineCpuMs), 1)}× (${Math.round(median(libraryCpuMs))} / ${Math.round(median(baselineCpuMs))} ms)`,
    "—",
    "—",
  ],
  [
    "Library ÷ full baseline (a Map of ids), plain trace",
    `${round(libraryOverFullPlain, 2)}× (${Math.round(replayMedianMs)} / ${Math.round(fullPlainMedianMs)} ms; CPU ${round(libraryOverFullPlainCpu, 2)}×)`,
    "≤ 3×",
    status(libraryOverFullPlain <= targets.baselineRatioMax),
  ],
  ...pathsReplay.map((p): [string, string, string, string] => [
    `Library ÷ full baseline, ${p.label}`,
    `${round(p.ratio, 2)}× (${Math.round(p.medianMs)} / ${Math.round(p.baselineMedianMs)} ms; CPU ${round(p.cpuRatio, 2)}×; ${grouped(p.eventsPerSecond)} events/s)`,
    "≤ 3×",
    status(p.ratio <= targets.baselineRatioMax),
  ]),
  [
    "Entries: charge + expiry ÷ none (chunks of 50,000)",
    `${round(entriesFinanceRatio, 2)}× (CPU ${round(entriesFinanceCpuRatio, 2)}×)`,
    "≤ 1.1×",
    status(entriesFinanceRatio <= targets.entriesFinanceRatioMax),
  ],
  [
    "Entries: all ÷ none (chunks of 50,000)",
    `${round(entriesAllRatio, 2)}× (CPU ${round(entriesAllCpuRatio, 2)}×)`,
    "≤ 2×",
    status(entriesAllRatio <= targets.entriesAllRatioMax),
  ],
  [
    "Library ÷ baseline (safe integers)",
    `${round(libraryOverSafe, 1)}× (${Math.round(replayMedianMs)} / ${Math.round(baselineSafeMedianMs)} ms)`,
    "—",
    "—",
  ],
  [
    "Bundle, deps external (min+gzip)",
    `${grouped(bundleExternal.gzipBytes)} B`,
    "≤ 15,000 B",
    status(bundleExternal.gzipBytes <= targets.bundleGzipBytesMax),
  ],
  ["Bundle, deps bundled (min+gzip)", `${grouped(bundleFull.gzipBytes)} B`, "—", "—"],
  [
    "Gateway import (10 exports), deps ext. / bundled",
    `${grouped(gatewayExternal.gzipBytes)} B / ${grouped(gatewayFull.gzipBytes)} B`,
    "—",
    "—",
  ],
  [
    "Edge import (4 functions), deps ext. / bundled",
    `${grouped(edgeExternal.gzipBytes)} B / ${grouped(edgeFull.gzipBytes)} B`,
    "—",
    "—",
  ],
];

function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  log(line(header));
  log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) log(line(row));
}

log("\n[7/7] results");
printTable(["Metric", "Measured (median)", "Target", "Status"], summary);
log("");
printTable(
  ["Per-event cost", "op", "paid by", "median ns", "±rme %", "samples"],
  perEvent.map((r) => [
    r.label,
    r.op,
    r.paidBy,
    grouped(r.medianNs),
    round(r.rmePercent, 1).toString(),
    grouped(r.samples),
  ]),
);
log("");
printTable(
  ["Bundle (deps bundled) by package", "min bytes", "share"],
  bundlePackages.map((p) => [p.name, grouped(p.minBytes), `${round(100 * p.share, 1)}%`]),
);
log("");
printTable(
  ["Bundle (deps external) by src/ folder", "min bytes", "share"],
  bundleSrcFolders.map((p) => [p.name, grouped(p.minBytes), `${round(100 * p.share, 1)}%`]),
);
log("");
printTable(
  ["Totals (library = baseline)", "value"],
  Object.entries(totals).map(([k, v]) => [k, typeof v === "number" ? grouped(v) : v]),
);

// Issue 20: what an app ships, per import (bench/sizes.ts), with the edge import's budget.
const perImport = await importSizes();
log("");
printTable(["Import (min+gzip)", "deps external", "deps bundled"], sizeRows(perImport));
log(
  `edge import, deps external: ${grouped(perImport.edge.external.gzipBytes)} B ` +
    `(≤ ${grouped(edgeExternalGzipBytesMax)} B: ${status(perImport.edge.external.gzipBytes <= edgeExternalGzipBytesMax)})`,
);

// Issue 4: one window at 1 hour, 1 day and 1 week of one-per-second usage.
const windowRows = await benchWindows();
const gateway = await benchGateway();
log(
  `[gateway] stored bytes (week-old, UUID ids): ${gateway.storedBytes.ledgerIdempotency} (ledger idempotency) / ` +
    `${gateway.storedBytes.storeIdempotency} (store idempotency); request ÷ applyEvent: ` +
    `${round(gateway.requestRatio.ledgerIdempotency)}× / ${round(gateway.requestRatio.storeIdempotency)}×; ` +
    `applyEvent 4,096 ids ÷ 256 ids: ${round(gateway.memoryRatio)}×`,
);
// Issue 17: a request through withLedger on PGlite (bench/store.ts).
const storeBench = await benchStore();
log(describeStoreBench(storeBench));
log("");
printTable(
  ["Window: consume + room", "1 hour ns", "1 day ns", "1 week ns", "records held", "week ÷ hour"],
  windowRows.map((r) => [
    r.window,
    grouped(r.nsPerCall["1 hour"] ?? 0),
    grouped(r.nsPerCall["1 day"] ?? 0),
    grouped(r.nsPerCall["1 week"] ?? 0),
    String(r.records),
    `${r.weekOverHour}×`,
  ]),
);

// Issue 18: recommend (read the lines, replay four plans) against one applyEvents replay.
const recommendBench = benchRecommend({ trace: traceEvents });
log(`\n${describeRecommendBench(recommendBench)}`);
// Issue 23: paths that must grow linearly (drained lots, sliding-window availability) and far-future instants.
const drainedLotRows = benchDrainedLots();
const availableRows = benchAvailable();
const farFutureRows = benchFarFuture();
const hostileRows = benchHostile();
log("");
printTable(
  ["Drained lots: applyEvents", "median ms", "ms / 1,000 events", "lots held", "state bytes"],
  drainedLotRows.map((r) => [
    `${grouped(r.events)} events`,
    String(r.medianMs),
    String(r.msPer1000Events),
    String(r.lotsHeld),
    grouped(r.stateBytes),
  ]),
);
log("");
printTable(
  ["timeUntilAvailable, sliding window", "median ms", "µs / 1,000 records"],
  availableRows.map((r) => [`${grouped(r.records)} records`, String(r.medianMs), String(r.usPer1000Records)]),
);
log("");
printTable(
  ["Far-future instant", "median ms", "answer"],
  farFutureRows.map((r) => [r.call, String(r.medianMs), r.answer]),
);
log("");
printTable(
  ["Hostile string", "median ms", "message chars"],
  hostileRows.map((r) => [r.call, String(r.medianMs), String(r.messageChars)]),
);

const results = {
  reliability: {
    drainedLots: drainedLotRows,
    timeUntilAvailable: availableRows,
    farFuture: farFutureRows,
    hostile: hostileRows,
  },
  windows: windowRows,
  store: storeBench,
  recommend: recommendBench,
  date: new Date().toISOString(),
  machine: {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: loadAtStart.map((l) => round(l)),
    loadAverageAtEnd: os.loadavg().map((l) => round(l)),
  },
  node: process.version,
  source,
  trace: {
    seed: 20260601,
    events: traceEvents.length,
    usageEvents: trace.usageEvents,
    purchases: trace.purchases,
    start: iso(trace.startMs),
    end: iso(trace.endMs),
    spanDays: round((trace.endMs - trace.startMs) / 86_400_000, 1),
    overflowShareOfValue: round(overflowShareValue, 4),
    overflowShareOfUsages: round(totals.overflowUsages / totals.usageEvents, 4),
    generationMs: Math.round(generationMs),
  },
  totals: { libraryEqualsBaseline: true, values: totals, replayWithEntriesMs: Math.round(entriesRunMs) },
  replay: {
    rounds,
    events: traceEvents.length,
    medianMs: round(replayMedianMs, 1),
    samplesMs: libraryMs.map((m) => round(m, 1)),
    eventsPerSecond: Math.round(replayEventsPerSecond),
    bestEventsPerSecond: Math.round((traceEvents.length / Math.min(...libraryMs)) * 1000),
    target: targets.replayEventsPerSecond,
    met: replayEventsPerSecond >= targets.replayEventsPerSecond,
  },
  replayPaths: {
    events: pathsTrace.events.length,
    counts: pathsTrace.counts,
    totals: pathsChecked,
    runs: pathsReplay.map((p) => ({
      key: p.key,
      label: p.label,
      medianMs: round(p.medianMs, 1),
      samplesMs: p.samplesMs.map((m) => round(m, 1)),
      baselineMedianMs: round(p.baselineMedianMs, 1),
      baselineSamplesMs: p.baselineSamplesMs.map((m) => round(m, 1)),
      libraryOverBaseline: round(p.ratio, 2),
      cpuMs: round(p.cpuMs, 1),
      baselineCpuMs: round(p.baselineCpuMs, 1),
      libraryOverBaselineCpu: round(p.cpuRatio, 2),
      eventsPerSecond: Math.round(p.eventsPerSecond),
    })),
    target: targets.baselineRatioMax,
  },
  entries: {
    chunkEvents: entryChunk,
    counts: entryCounts,
    medianMs: Object.fromEntries(Object.entries(entryMs).map(([k, v]) => [k, round(median(v), 1)])),
    cpuMedianMs: Object.fromEntries(Object.entries(entryCpuMs).map(([k, v]) => [k, round(median(v), 1)])),
    chargeAndExpiryOverNone: round(entriesFinanceRatio, 3),
    allOverNone: round(entriesAllRatio, 3),
    chargeAndExpiryOverNoneCpu: round(entriesFinanceCpuRatio, 3),
    allOverNoneCpu: round(entriesAllCpuRatio, 3),
    targets: { chargeAndExpiry: targets.entriesFinanceRatioMax, all: targets.entriesAllRatioMax },
  },
  baseline: {
    cpuMedianMs: { library: round(median(libraryCpuMs), 1), bigint: round(median(baselineCpuMs), 1) },
    bigint: { medianMs: round(baselineMedianMs, 1), samplesMs: baselineMs.map((m) => round(m, 1)) },
    safeIntegers: {
      medianMs: round(baselineSafeMedianMs, 1),
      samplesMs: baselineSafeMs.map((m) => round(m, 1)),
    },
    libraryOverBaseline: round(libraryOverBaseline, 2),
    libraryOverBaselineBestOf: round(Math.min(...libraryMs) / Math.min(...baselineMs), 2),
    libraryOverSafeIntegerBaseline: round(libraryOverSafe, 2),
    fullOnPlainTrace: {
      medianMs: round(fullPlainMedianMs, 1),
      samplesMs: fullPlainMs.map((m) => round(m, 1)),
      cpuMedianMs: round(median(fullPlainCpuMs), 1),
      libraryOverFull: round(libraryOverFullPlain, 2),
      libraryOverFullCpu: round(libraryOverFullPlainCpu, 2),
    },
    target: targets.baselineRatioMax,
    met: libraryOverBaseline <= targets.baselineRatioMax,
  },
  perEvent: {
    request: { resource: "MiniMax-M3", measures: request },
    heavyState: { usageEvents: 604_800, buildMs: Math.round(heavyBuildMs), ...heavySize },
    rows: perEvent.map((r) => ({
      ...r,
      medianNs: Math.round(r.medianNs),
      rmePercent: round(r.rmePercent, 2),
    })),
    ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, round(v, 2)])),
    target: targets.heavyOverEmptyMax,
    met: ratios.applyEvent <= targets.heavyOverEmptyMax && ratios.quoteUsage <= targets.heavyOverEmptyMax,
  },
  serialization: {
    heavy: heavySize,
    traceEnd: traceEndSize,
    serializeNs: Math.round(serializeNs),
    parseNs: Math.round(parseNs),
    target: targets.stateBytesMax,
    met: heavySize.bytes <= targets.stateBytesMax,
  },
  bundle: {
    external: {
      minBytes: bundleExternal.minBytes,
      gzipBytes: bundleExternal.gzipBytes,
      srcFolders: bundleSrcFolders,
    },
    bundled: { minBytes: bundleFull.minBytes, gzipBytes: bundleFull.gzipBytes, packages: bundlePackages },
    gatewayImport: {
      entry: entries.gateway,
      external: { minBytes: gatewayExternal.minBytes, gzipBytes: gatewayExternal.gzipBytes },
      bundled: {
        minBytes: gatewayFull.minBytes,
        gzipBytes: gatewayFull.gzipBytes,
        packages: bytesBy(gatewayFull.metafile, packageOf),
      },
    },
    edgeImport: {
      entry: entries.edge,
      external: { minBytes: edgeExternal.minBytes, gzipBytes: edgeExternal.gzipBytes },
      bundled: {
        minBytes: edgeFull.minBytes,
        gzipBytes: edgeFull.gzipBytes,
        packages: bytesBy(edgeFull.metafile, packageOf),
      },
    },
    dominantDependency: dominant?.name ?? null,
    target: targets.bundleGzipBytesMax,
    met: bundleExternal.gzipBytes <= targets.bundleGzipBytesMax,
  },
  gateway,
  perImport: {
    ...perImport,
    edgeExternalBudget: edgeExternalGzipBytesMax,
    edgeExternalMet: perImport.edge.external.gzipBytes <= edgeExternalGzipBytesMax,
  },
  totalSeconds: 0,
};
results.totalSeconds = round((performance.now() - started) / 1000, 1);
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
log(`\nwrote bench/results.json — total ${results.totalSeconds} s`);
if (sink === undefined) log("(no result)");
