/**
 * A/B of two versions of `src/` in one process, by alternating rounds (a full GC before
 * each): `npx tsx bench/ab.ts <dir A> [dir B] [rounds]`, where a dir holds a copy of `src/`
 * (for instance `git archive <commit> src | tar -x -C /tmp/ab-a`, then `/tmp/ab-a/src`);
 * B defaults to this tree's `src/`. Replays the plain trace and the paths trace on both
 * catalogs, and prints each version's median and B ÷ A. Used to show each replay change's gain.
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
const [dirA, dirB = new URL("../src", import.meta.url).pathname, roundsText = "7"] = process.argv.slice(2);
if (dirA === undefined) throw new Error("usage: npx tsx bench/ab.ts <dir A> [dir B] [rounds]");
const load = async (dir: string): Promise<typeof Lib> =>
  (await import(pathToFileURL(resolve(dir, "index.ts")).href)) as typeof Lib;
const versions = { A: await load(dirA), B: await load(dirB) };
const rounds = Number(roundsText);
const plain = generateTrace().events as readonly Lib.LedgerEvent[];
const paths = generatePathsTrace().events as readonly Lib.LedgerEvent[];

/** The sliding catalog, built by each version itself (a catalog is checked against its own library). */
function slidingOf(lib: typeof Lib): Lib.Catalog {
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
  return extended.value;
}

/** `AB_CASES=plain,calendar` runs only those cases (plain, calendar, sliding). */
const only = process.env.AB_CASES?.split(",") ?? null;
const cases = [
  { key: "plain", name: "plain trace", events: plain, sliding: false },
  { key: "calendar", name: "paths, default catalog", events: paths, sliding: false },
  { key: "sliding", name: "paths, sliding + session", events: paths, sliding: true },
].filter((c) => only === null || only.includes(c.key));
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1
    ? (s[s.length >> 1] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const os = await import("node:os");
process.stdout.write(
  `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}\n`,
);
for (const c of cases) {
  const times: Record<"A" | "B", number[]> = { A: [], B: [] };
  const cpu: Record<"A" | "B", number[]> = { A: [], B: [] };
  const starts = Object.fromEntries(
    Object.entries(versions).map(([key, lib]) => {
      const created = lib.createLedger(c.sliding ? { catalog: slidingOf(lib) } : {});
      if (!created.ok) throw new Error(created.error.message);
      return [key, created.state];
    }),
  ) as Record<"A" | "B", Lib.LedgerState>;
  for (let round = 0; round < rounds; round++) {
    const order: readonly ("A" | "B")[] = round % 2 === 0 ? ["A", "B"] : ["B", "A"];
    for (const key of order) {
      gc();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = versions[key].applyEvents(starts[key], c.events);
      times[key].push(performance.now() - t0);
      const used = process.cpuUsage(c0);
      cpu[key].push((used.user + used.system) / 1000);
      if (!r.ok) throw new Error(`${key}: ${r.error.message}`);
    }
  }
  const a = median(times.A);
  const b = median(times.B);
  const ca = median(cpu.A);
  const cb = median(cpu.B);
  // CPU time (this process, GC threads included) is the steadier measure on a shared machine:
  // it leaves out the time spent waiting for a core.
  process.stdout.write(
    `${c.name.padEnd(26)} CPU A ${ca.toFixed(0).padStart(5)} ms  B ${cb.toFixed(0).padStart(5)} ms  B÷A ${(cb / ca).toFixed(3)} | ` +
      `wall A ${a.toFixed(0)} B ${b.toFixed(0)} B÷A ${(b / a).toFixed(3)}  ` +
      `(CPU A ${cpu.A.map((t) => t.toFixed(0)).join(" ")} | B ${cpu.B.map((t) => t.toFixed(0)).join(" ")})\n`,
  );
}
process.stdout.write(
  `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}\n`,
);
