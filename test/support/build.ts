/**
 * Builds the package with the project's own tsup config into a scratch folder under the
 * repository (so the build's imports of zod, decimal.js and date-fns resolve to the
 * installed ones), without type declarations: what `npm run build` ships as JavaScript.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Options } from "tsup";
import config from "../../tsup.config";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** A fresh build in `.scratch/<prefix>…` (git-ignored); `remove` deletes it. */
export async function buildPackage(prefix: string): Promise<{ dir: string; remove: () => void }> {
  const scratch = join(repoRoot, ".scratch");
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, prefix));
  // The library's build (the config's first entry; the second builds the CLI).
  const library = (Array.isArray(config) ? config[0] : config) as Options;
  const options: Options = {
    ...library,
    outDir: dir,
    dts: false,
    sourcemap: false,
    silent: true,
    config: false,
  };
  await build(options);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
