import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", postgres: "src/postgres/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  splitting: false,
  target: "es2022",
  // Runtime dependencies stay external: the user's bundler de-duplicates them. The
  // postgres entry imports the core as "token-plan", so an app holds one copy of it.
  external: ["decimal.js", "date-fns", "@date-fns/tz", "zod", "token-plan"],
});
