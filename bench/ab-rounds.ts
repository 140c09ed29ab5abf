/**
 * In-process A/B of several copies of `src/`, rounds interleaved:
 *
 *   npx tsx bench/ab-rounds.ts <src dir> <src dir> … [--n 200000] [--rounds 30] [--entries 1|2]
 *
 * `--entries 1` collects every entry, in chunks of 50,000 events (as `npm run bench` times
 * the all-entries replay: each chunk's entries are dropped before the next); `--entries 2`
 * collects only the charge and expiry entries, in the same chunks.
 *
 * Each copy is imported as its own module graph and replays the same plain trace of `--n`
 * usages from its own empty ledger, once per round; the order rotates every round so that
 * no copy always runs first. Prints, per copy, the minimum, first quartile and median wall
 * time of the rounds after the first three (the warm-up). No forced garbage collection:
 * each replay pays for its own garbage, as a real one does.
 *
 * Where it is trusted: a change is kept when min, q1 and median agree, in two runs with
 * the copies in different orders, and `ab-processes.sh` agrees on the direction. A copy
 * can now and then run slower throughout one process (its code was optimised differently):
 * a second run in another order shows it.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Lib from "../src";
import { generateTrace } from "./trace";

const args = process.argv.slice(2);
const dirs: string[] = [];
const options = new Map<string, number>();
for (let i = 0; i < args.length; i++) {
  const arg = args[i] as string;
  if (arg.startsWith("--")) options.set(arg, Number(args[++i]));
  else dirs.push(arg);
}
const n = options.get("--n") ?? 200_000;
const rounds = options.get("--rounds") ?? 30;
const entriesOption = options.get("--entries") ?? 0;
const withEntries = entriesOption !== 0;
// 1: every entry; 2: the charge and expiry entries only (as `npm run bench`'s finance selection).
const collect: boolean | Lib.LedgerEntryType[] =
  entriesOption === 2 ? ["subscription.charged", "credits.expired"] : withEntries;
const chunk = 50_000;
if (dirs.length === 0 || !Number.isInteger(n) || !Number.isInteger(rounds) || rounds < 4)
  throw new Error("usage: npx tsx bench/ab-rounds.ts <src dir> … [--n usages] [--rounds ≥ 4]");

const libs: (typeof Lib)[] = [];
for (const dir of dirs) libs.push((await import(pathToFileURL(resolve(dir, "index.ts")).href)) as typeof Lib);
const events = generateTrace({ usageEvents: n }).events as readonly Lib.LedgerEvent[];
const states = libs.map((lib) => {
  const created = lib.createLedger({});
  if (!created.ok) throw new Error(created.error.message);
  return created.state;
});
const times: number[][] = dirs.map(() => []);
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < libs.length; k++) {
    const j = (k + round) % libs.length;
    const lib = libs[j] as typeof Lib;
    const t0 = performance.now();
    let state = states[j] as Lib.LedgerState;
    for (let i = 0; i < events.length; i += withEntries ? chunk : events.length) {
      const slice = withEntries ? events.slice(i, i + chunk) : events;
      const replayed = lib.applyEvents(state, slice, { collectEntries: collect });
      if (!replayed.ok) throw new Error(replayed.error.message);
      state = replayed.state;
    }
    (times[j] as number[]).push(performance.now() - t0);
  }
}
const quantile = (xs: readonly number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] as number;
const width = Math.max(...dirs.map((d) => d.length));
for (let k = 0; k < dirs.length; k++) {
  const warm = (times[k] as number[]).slice(3);
  const [min, q1, median] = [0, 0.25, 0.5].map((p) => quantile(warm, p).toFixed(1));
  console.log(`${(dirs[k] as string).padEnd(width)}  min ${min}  q1 ${q1}  median ${median} ms`);
}
