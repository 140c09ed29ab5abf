import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  splitting: false,
  target: "es2022",
  // Runtime dependencies stay external: the user's bundler de-duplicates them.
  external: ["decimal.js", "date-fns", "@date-fns/tz", "zod"],
});
