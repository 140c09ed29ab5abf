import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", postgres: "src/postgres/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    // The CLI build below writes into the same folder at the same time: keep its files.
    clean: ["!cli.js", "!cli.js.map"],
    treeshake: true,
    splitting: false,
    target: "es2022",
    // Runtime dependencies stay external: the user's bundler de-duplicates them. The
    // postgres entry imports the core as "token-plan", so an app holds one copy of it.
    external: ["decimal.js", "date-fns", "@date-fns/tz", "zod", "token-plan"],
  },
  {
    // The `token-plan` bin (package.json "bin"): ESM only, no types, a shebang on this file alone.
    entry: { cli: "src/cli/bin.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: true,
    clean: false,
    splitting: false,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
