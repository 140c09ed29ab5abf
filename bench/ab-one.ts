/**
 * One side of a cross-process A/B: `npx tsx bench/ab-one.ts <src dir> [plain|calendar|sliding] [runs]`
 * replays one trace on one version of `src/` and prints each run's CPU and wall ms. Alternate
 * A and B processes (`bench/ab-processes.sh`) so that neither version's JIT state touches the other's.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type * as Lib from "../src";
import { generateTrace } from "./trace";
import { generatePathsTrace } from "./trace-paths";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const [dir, which = "plain", runsText = "3"] = process.argv.slice(2);
if (dir === undefined)
  throw new Error("usage: npx tsx bench/ab-one.ts <src dir> [plain|calendar|sliding] [runs]");
const lib = (await import(pathToFileURL(resolve(dir, "index.ts")).href)) as typeof Lib;
const events = (
  which === "plain" ? generateTrace().events : generatePathsTrace().events
) as readonly Lib.LedgerEvent[];
let catalog: Lib.Catalog | undefined;
if (which === "sliding") {
  const extended = lib.extendCatalog(lib.defaultCatalog, {
    id: "bench-sliding-and-session",
    buckets: {
      general: {
        windows: {
          "5h": { label: "5-hour", kind: "sliding", duration: "PT5H", resolution: "PT1M" },
          weekly: { label: "weekly", kind: "session", duration: "P7D" },
        },
      },
    },
  });
  if (!extended.ok) throw new Error(extended.error.message);
  catalog = extended.value;
}
const created = lib.createLedger(catalog === undefined ? {} : { catalog });
if (!created.ok) throw new Error(created.error.message);
const out: string[] = [];
for (let i = 0; i < Number(runsText); i++) {
  gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = lib.applyEvents(created.state, events);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  if (!r.ok) throw new Error(r.error.message);
  out.push(`${((cpu.user + cpu.system) / 1000).toFixed(0)}/${wall.toFixed(0)}`);
}
process.stdout.write(`${out.join(" ")}\n`);
