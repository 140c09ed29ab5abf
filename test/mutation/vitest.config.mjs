// Vitest config for the per-folder mutation runs (see README "Mutation testing"): the in-process
// tests only. MUT_TESTS (comma-separated globs) picks the test files a run uses; the default is
// every in-process test. The Postgres store's tests (PGlite, in process) run only when MUT_TESTS
// names them (the `postgres` folder's run; see README "Mutation testing"). Left out always: the
// CLI's end-to-end test, the package/build/docs-site and type tests (they spawn processes or
// build, and cover no src/ line in the runner's process), and the host-time-zone test (it sets
// process.env.TZ, which does not move the zone inside Stryker's runner).
import path from "node:path";

const root = process.cwd();
const include = (process.env.MUT_TESTS ?? "test/**/*.test.ts").split(",");
const postgres = include.some((glob) => glob.startsWith("test/postgres/"));

export default {
  resolve: {
    alias: [
      { find: /^token-plan$/, replacement: path.join(root, "src/index.ts") },
      { find: /^token-plan\/postgres$/, replacement: path.join(root, "src/postgres/index.ts") },
    ],
  },
  test: {
    include,
    exclude: [
      "**/node_modules/**",
      ...(postgres ? ["test/postgres/tsdoc.test.ts"] : ["test/postgres/**"]),
      "test/cli/e2e.test.ts",
      "test/package/**",
      "test/runtimes/**",
      "test/docs/tsdoc.test.ts",
      "test/docs/typedoc.test.ts",
      "test/types/**",
      "test/time/hostTimeZone.test.ts",
    ],
    setupFiles: ["test/mutation/setup.ts"],
    // The Postgres run keeps its PGlite databases from file to file (see pgliteDatabase in
    // test/postgres/support.ts): one worker, not isolated, so they outlive a file.
    ...(postgres ? { isolate: false, env: { TOKEN_PLAN_REUSE_PGLITE: "1" } } : {}),
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
};
