/**
 * CPU profile of one scenario, with the functions that take the most self time:
 *
 *   npx tsx bench/profile.ts [scenario] [top] [--no-inline]
 *
 * - replay (default): applyEvents over the 1,000,000-usage trace, 3 times;
 * - entries: the same with every entry collected, 2 times (all 5.3M entries kept alive);
 * - entries-chunked: every entry collected in chunks of 50,000 events, as `npm run bench`
 *   times it (each chunk's entries dropped before the next), 2 times;
 * - replay-after-entries: the same after one applyEvents call with collectEntries (run with
 *   `node --no-allocation-site-pretenuring --import tsx bench/profile.ts …` to compare);
 * - apply / quote: applyEvent / quoteUsage of one usage on the "(a) empty" state;
 * - apply-end / quote-end: the same on the trace's final state (32 live lots);
 * - parse: parseLedger of the trace's final state.
 * Uses the V8 sampling profiler through node:inspector (no flags needed). Self time is
 * attributed to the innermost JavaScript function; "(program)" and "(garbage collector)"
 * are V8's own; `__name` / `set name` come from tsx (esbuild keepNames), not from the
 * library. V8 inlines small functions into their callers, which then carry their
 * self time; `--no-inline` turns inlining off for a truer split (and slower code).
 */
import { Session } from "node:inspector/promises";
import { setFlagsFromString } from "node:v8";
import {
  applyEvent,
  applyEvents,
  createLedger,
  type LedgerState,
  parseLedger,
  quoteUsage,
  serializeLedger,
} from "../src";
import { agentWeek, generateTrace } from "./trace";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (process.argv.includes("--no-inline")) setFlagsFromString("--no-turbo-inlining");
const scenario = args[0] ?? "replay";
const top = Number(args[1] ?? 25);

const created = createLedger();
if (!created.ok) throw new Error(created.error.message);
const empty = created.state;
const trace = generateTrace();
const measures = { inputTokens: 15_000, outputTokens: 1_200, cacheReadTokens: 60_000 };

function mustApply(events: Parameters<typeof applyEvents>[1]): LedgerState {
  const r = applyEvents(empty, events);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}
/** The bench's "(a) empty" state: subscribed, with a $100 and a $25 package. */
const fresh = (): LedgerState => mustApply(agentWeek().slice(0, 3));
const traceEnd = (): LedgerState => mustApply(trace.events);

function applyLoop(state: LedgerState, times: number): void {
  const event = {
    type: "usage",
    id: "probe",
    at: (state.clockMs ?? 0) + 1000,
    resource: "MiniMax-M3",
    measures,
  } as const;
  for (let i = 0; i < times; i++) applyEvent(state, event);
}
function quoteLoop(state: LedgerState, times: number): void {
  const usage = { at: (state.clockMs ?? 0) + 1000, resource: "MiniMax-M3", measures } as const;
  for (let i = 0; i < times; i++) quoteUsage(state, usage);
}

const work: Record<string, () => () => void> = {
  replay: () => () => {
    for (let i = 0; i < 3; i++) applyEvents(empty, trace.events);
  },
  "replay-after-entries": () => {
    // The process's first replay keeps its entries: V8 then pretenures the facts' allocation
    // sites and every later replay allocates them in the old generation (~2× slower).
    applyEvents(empty, trace.events.slice(0, 20_000), { collectEntries: true });
    return () => {
      for (let i = 0; i < 3; i++) applyEvents(empty, trace.events);
    };
  },
  entries: () => () => {
    for (let i = 0; i < 2; i++) applyEvents(empty, trace.events, { collectEntries: true });
  },
  "entries-chunked": () => () => {
    // What `npm run bench` times for "all entries": chunks of 50,000 events, each chunk's
    // entries dropped before the next (the unchunked scenario above keeps 5.3M alive).
    for (let round = 0; round < 2; round++) {
      let state = empty;
      for (let i = 0; i < trace.events.length; i += 50_000) {
        const r = applyEvents(state, trace.events.slice(i, i + 50_000), { collectEntries: true });
        if (!r.ok) throw new Error(r.error.message);
        state = r.state;
      }
    }
  },
  apply: () => {
    const state = fresh();
    return () => applyLoop(state, 200_000);
  },
  "apply-end": () => {
    const state = traceEnd();
    return () => applyLoop(state, 50_000);
  },
  quote: () => {
    const state = fresh();
    return () => quoteLoop(state, 200_000);
  },
  "quote-end": () => {
    const state = traceEnd();
    return () => quoteLoop(state, 50_000);
  },
  parse: () => {
    const stored = serializeLedger(traceEnd());
    if (!stored.ok) throw new Error(stored.error.message);
    const text = stored.value;
    return () => {
      for (let i = 0; i < 5_000; i++) parseLedger(text);
    };
  },
};
const prepare = work[scenario];
if (prepare === undefined)
  throw new Error(`unknown scenario "${scenario}"; expected ${Object.keys(work).join(", ")}`);
const run = prepare();

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
const started = performance.now();
run();
const elapsed = performance.now() - started;
const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
session.disconnect();

const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i] as number;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const byFunction = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  // "dispatch" without a url is the inspector session's own frame: not the code profiled.
  if (us === 0 || (node.callFrame.functionName === "dispatch" && node.callFrame.url === "")) continue;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const where =
    url === "" ? "" : ` ${url.replace(/^.*\/(src|node_modules|bench)\//, "$1/")}:${lineNumber + 1}`;
  const key = `${functionName || "(anonymous)"}${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}
process.stdout.write(`scenario ${scenario}: ${Math.round(elapsed)} ms, ${profile.samples.length} samples\n`);
process.stdout.write("self %   self ms  function\n");
for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(
    `${((100 * us) / total).toFixed(1).padStart(6)}  ${(us / 1000).toFixed(0).padStart(8)}  ${key}\n`,
  );
}
