/**
 * What an app ships, per import: each entry bundled by esbuild (ESM, minified, for the
 * browser), gzip level 9, with the runtime dependencies left external (what token-plan
 * itself adds) and bundled (what the app ships in all). Run alone with
 * `npx tsx bench/sizes.ts`; `bench/run.ts` reports the same table. What each source file adds
 * to one import: `npx tsx bench/sizes.ts --files edge`.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";

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

/**
 * What each source file adds to an import (deps external): the gzip bytes the bundle loses
 * without that file's minified code. Where to look when an import outgrows its budget.
 */
export async function fileShares(
  name: ImportName,
): Promise<{ file: string; gzipBytes: number; minBytes: number }[]> {
  const result = await build({
    stdin: { contents: importEntries[name], resolveDir: root, sourcefile: `${name}-entry.ts`, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    packages: "external",
    write: false,
    outfile: "token-plan.js",
    logLevel: "silent",
  });
  const text = result.outputFiles[0]?.text ?? "";
  // esbuild marks each file's code with a "// src/…" comment when it does not minify.
  const parts: { file: string; code: string }[] = [];
  for (const part of text.split(/^(?=\/\/ src\/)/m)) {
    // The last part ends with the entry's `export { … }`, which does not minify alone: kept as it is.
    const code = await transform(part, { minify: true, loader: "js" }).then(
      (out) => out.code,
      () => part,
    );
    parts.push({ file: part.split("\n")[0]?.replace("// ", "") ?? "", code });
  }
  const gz = (codes: readonly string[]) => gzipSync(codes.join("\n"), { level: 9 }).byteLength;
  const all = gz(parts.map((p) => p.code));
  return parts
    .map((p, i) => ({
      file: p.file,
      minBytes: p.code.length,
      gzipBytes: all - gz(parts.filter((_, j) => j !== i).map((q) => q.code)),
    }))
    .filter((row) => row.file.startsWith("src/"))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

if (
  process.argv[1] !== undefined &&
  fileURLToPath(import.meta.url) === process.argv[1] &&
  process.argv[2] === "--files"
) {
  const name = (process.argv[3] ?? "edge") as ImportName;
  for (const row of await fileShares(name))
    process.stdout.write(
      `${String(row.gzipBytes).padStart(6)} B gz  ${String(row.minBytes).padStart(6)} B min  ${row.file}\n`,
    );
} else if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = await importSizes();
  const rows = [["import", "min+gzip, deps external", "min+gzip, deps bundled"], ...sizeRows(sizes)];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  for (const row of rows) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ")}\n`);
  const edge = sizes.edge.external.gzipBytes;
  process.stdout.write(
    `edge import: ${edge} B without dependencies (budget ${edgeExternalGzipBytesMax} B): ${edge <= edgeExternalGzipBytesMax ? "met" : "MISSED"}\n`,
  );
}
