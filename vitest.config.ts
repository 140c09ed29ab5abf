import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The store (src/postgres) imports the core by its package name, as the built package does.
  resolve: {
    alias: [
      { find: /^token-plan$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
      {
        find: /^token-plan\/postgres$/,
        replacement: fileURLToPath(new URL("./src/postgres/index.ts", import.meta.url)),
      },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Generous on a shared 2-core machine: end-to-end tests spawn the built binary and servers.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    typecheck: { enabled: true, include: ["test/types/**/*.test-d.ts"] },
    reporters: process.env.VITEST_JSON
      ? ["default", ["json", { outputFile: process.env.VITEST_JSON }]]
      : ["default"],
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      // Without a Postgres server (TOKEN_PLAN_PG_URL unset) the store's server half is skipped, so the
      // store is left out of the coverage gate there; CI starts a server and measures it whole.
      exclude: [...(process.env.TOKEN_PLAN_PG_URL ? [] : ["src/postgres/**"])],
      reporter: ["text-summary", "json-summary"],
      thresholds: { lines: 95, branches: 95, functions: 95, statements: 95 },
    },
  },
});
