/**
 * What an app ships, per import: each entry bundled by esbuild (ESM, minified, for the
 * browser), gzip level 9, with the runtime dependencies left external (what token-plan
 * itself adds) and bundled (what the app ships in all). Run alone with
 * `npx tsx bench/sizes.ts`; `bench/run.ts` reports the same table.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));

/** The imports measured, smallest first; `edge` is held to {@link edgeExternalGzipBytesMax}. */
export const importEntries = {
  parseInstant: "export { parseInstant } from './src/index.ts';",
  parseUsd: "export { parseUsd } from './src/index.ts';",
  edge: "export { applyEvent, applyEvents, createLedger, quoteUsage } from './src/index.ts';",
  gateway:
    "export { applyEvent, applyEvents, createLedger, creditBalance, defaultCatalog, parseLedger, quotaStatus, quoteUsage, serializeLedger, settle } from './src/index.ts';",
  whole: "export * from './src/index.ts';",
} as const;

export type ImportName = keyof typeof importEntries;

/** The edge import's budget without dependencies (issue #20): 20 KB min+gzip. */
export const edgeExternalGzipBytesMax = 20_000;

/** Minified and gzipped bytes of one import. */
export interface BundleSize {
  readonly minBytes: number;
  readonly gzipBytes: number;
}

/** Bundles one import, dependencies external or bundled. */
export async function bundleSize(
  name: ImportName,
  dependencies: "external" | "bundled",
): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: importEntries[name], resolveDir: root, sourcefile: `${name}-entry.ts`, loader: "ts" },
    bundle: true,
    format: "esm",
    minify: true,
    platform: "browser",
    target: "es2022",
    packages: dependencies === "external" ? "external" : "bundle",
    write: false,
    outfile: "token-plan.min.js",
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error("esbuild produced no output");
  return { minBytes: file.contents.byteLength, gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength };
}

/** Every import, both ways. */
export async function importSizes(): Promise<
  Record<ImportName, { readonly external: BundleSize; readonly bundled: BundleSize }>
> {
  const out = {} as Record<ImportName, { external: BundleSize; bundled: BundleSize }>;
  for (const name of Object.keys(importEntries) as ImportName[]) {
    out[name] = { external: await bundleSize(name, "external"), bundled: await bundleSize(name, "bundled") };
  }
  return out;
}

/** The table rows: import, without dependencies, with them (KB = 1,000 B). */
export function sizeRows(sizes: Awaited<ReturnType<typeof importSizes>>): string[][] {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
  return (Object.keys(sizes) as ImportName[]).map((name) => [
    name,
    kb(sizes[name].external.gzipBytes),
    kb(sizes[name].bundled.gzipBytes),
  ]);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = await importSizes();
  const rows = [["import", "min+gzip, deps external", "min+gzip, deps bundled"], ...sizeRows(sizes)];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  for (const row of rows) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ")}\n`);
  const edge = sizes.edge.external.gzipBytes;
  process.stdout.write(
    `edge import: ${edge} B without dependencies (budget ${edgeExternalGzipBytesMax} B): ${edge <= edgeExternalGzipBytesMax ? "met" : "MISSED"}\n`,
  );
}
