/**
 * The paths trace's correctness check alone (what `npm run bench` asserts, without the
 * timings): `npx tsx bench/check-paths.ts [usage events]`. On both catalogs, the library's
 * totals (summed from its entries) and final state equal the full baseline's.
 */
import { applyEvents, type Catalog, createLedger, type LedgerEvent } from "../src";
import { type BaselineWindows, runBaselineFull } from "./baseline";
import { assertSame, fullFinalOf, libraryTotals } from "./totals";
import { generatePathsTrace, slidingCatalog } from "./trace-paths";

const usageEvents = Number(process.argv[2] ?? 500_000);
const trace = generatePathsTrace({ usageEvents });
const runs: readonly (readonly [Catalog | undefined, BaselineWindows])[] = [
  [undefined, "calendar"],
  [slidingCatalog, "sliding-session"],
];
for (const [catalog, windows] of runs) {
  const base = runBaselineFull(trace.events, windows);
  const lib = libraryTotals(trace.events, 50_000, catalog);
  assertSame(`totals (${windows})`, lib.totals, base.totals);
  assertSame(`final state with entries (${windows})`, fullFinalOf(lib.state), base.final);
  const created = createLedger(catalog === undefined ? {} : { catalog });
  if (!created.ok) throw new Error(created.error.message);
  const replay = applyEvents(created.state, trace.events as readonly LedgerEvent[]);
  if (!replay.ok) throw new Error(replay.error.message);
  assertSame(`final state (${windows})`, fullFinalOf(replay.state), base.final);
  process.stdout.write(`${windows}: library = full baseline ✓ ${JSON.stringify(base.totals)}\n`);
}
