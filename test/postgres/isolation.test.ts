/**
 * The core never loads a database client, and the store never bundles its own copy of
 * the core: `token-plan/postgres` imports the ledger by the package's name (one copy of
 * the catalogs' identity per app) and takes its client from the app (pg and PGlite are
 * optional peers it never imports).
 */
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

async function graphOf(entry: string): Promise<{ inputs: string[]; externals: string[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    logLevel: "silent",
    // Resolve as the published package does: "token-plan" is the package, not src/.
    tsconfigRaw: {},
    packages: "external",
  });
  const metafile = result.metafile as Metafile;
  const externals = new Set<string>();
  for (const input of Object.values(metafile.inputs))
    for (const imported of input.imports) if (imported.external === true) externals.add(imported.path);
  return { inputs: Object.keys(metafile.inputs), externals: [...externals].sort() };
}

describe("importing token-plan never loads pg or PGlite", () => {
  it("the core's import graph holds nothing of src/postgres and no database client", async () => {
    const { inputs, externals } = await graphOf("src/index.ts");
    expect(inputs.filter((path) => path.includes("postgres"))).toEqual([]);
    expect(externals.filter((path) => /^(pg|@electric-sql\/pglite)(\/|$)/.test(path))).toEqual([]);
    expect(inputs.length).toBeGreaterThan(30);
  });

  it("token-plan/postgres imports no client and takes the core from the package, not a copy", async () => {
    const { inputs, externals } = await graphOf("src/postgres/index.ts");
    expect(externals).toEqual(["token-plan", "zod/mini"]);
    // Only the store's own files and the stateless validation helpers it shares with the core.
    const outside = inputs.filter((path) => !path.startsWith("src/postgres/"));
    expect(outside.sort()).toEqual(["src/assert.ts", "src/errors.ts", "src/result.ts", "src/validation.ts"]);
  });
});
