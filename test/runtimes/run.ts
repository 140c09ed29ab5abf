/**
 * The README's runtime promise, kept true by CI: the packed tarball's README example
 * (examples/readme.ts, which a test keeps equal to the README's usage block) runs
 *   - in Node, as the reference;
 *   - in headless Chromium (Debian's `chromium`, driven by playwright-core; no browser
 *     download), bundled by esbuild for the browser and served on 127.0.0.1;
 *   - in workerd, through miniflare 4, bundled as a module worker;
 * and prints the same lines everywhere, the ones its comments promise.
 *
 * Usage: npx tsx test/runtimes/run.ts [token-plan-x.y.z.tgz]
 * Without a tarball it builds and packs one. With RUNTIMES=required (CI) a missing
 * Chromium is a failure; otherwise that check is skipped with a message.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../../", import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const required = process.env.RUNTIMES === "required";

/** What the example's comments say it prints (the README's usage block). */
const expected = ['0.0061035 ["quota"]', "true 150", "5000 2027-06-01T08:05:00.000Z"];

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

/** A scratch project under the repository: its dependencies resolve to the installed ones. */
function scratchProject(): string {
  const scratch = join(root, ".scratch");
  mkdirSync(scratch, { recursive: true });
  return mkdtempSync(join(scratch, "runtimes-"));
}

/** The tarball given, or a fresh `npm pack` of a fresh build. */
function tarball(project: string): string {
  const given = process.argv[2];
  if (given !== undefined) return resolve(given);
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
  const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", project], {
    cwd: root,
    encoding: "utf8",
  }).trim();
  return join(project, name.split("\n").pop() ?? name);
}

/**
 * Installs the tarball as `node_modules/token-plan` of the project (no registry needed).
 * The project's own package.json keeps resolution from reaching the repository's (whose
 * name is token-plan too: a package may import itself by name).
 */
function install(project: string, tgz: string): void {
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify({ name: "token-plan-runtime-check", private: true, type: "module" })}\n`,
  );
  const target = join(project, "node_modules", "token-plan");
  mkdirSync(target, { recursive: true });
  execFileSync("tar", ["-xzf", tgz, "-C", target, "--strip-components=1"]);
  if (!existsSync(join(target, "dist", "index.js"))) throw new Error(`${tgz} has no dist/index.js`);
}

/**
 * The example wrapped so that each runtime can hand back what it printed: console.log
 * is replaced while the example runs, and each line is written with one formatter
 * (strings as they are, everything else as JSON), so runtimes compare line for line.
 */
const harness = `
const lines = [];
export async function runExample() {
  const print = console.log;
  console.log = (...args) => {
    lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  };
  try {
    await import("./example.ts");
  } finally {
    console.log = print;
  }
  return lines;
}
`;

async function bundle(project: string, entry: string, platform: "browser" | "node"): Promise<string> {
  writeFileSync(join(project, "example.ts"), readFileSync(join(root, "examples", "readme.ts"), "utf8"));
  writeFileSync(join(project, "harness.ts"), harness);
  writeFileSync(join(project, "entry.ts"), entry);
  const result = await build({
    entryPoints: [join(project, "entry.ts")],
    absWorkingDir: project,
    bundle: true,
    format: "esm",
    platform,
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    // Not the repository's tsconfig (its paths map token-plan to src/): the tarball's own
    // exports map decides, as in an app.
    tsconfigRaw: "{}",
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error("esbuild produced no output");
  const inputs = Object.keys(result.metafile.inputs);
  const own = inputs.filter(
    (input) => !input.includes("node_modules/") && !/^(entry|harness|example)\.ts$/.test(input),
  );
  if (!inputs.some((input) => input.startsWith("node_modules/token-plan/dist/")) || own.length > 0) {
    throw new Error(`token-plan did not come from the tarball alone (also: ${own.slice(0, 5).join(", ")})`);
  }
  return file.text;
}

function same(runtime: string, lines: readonly string[]): boolean {
  const ok = JSON.stringify(lines) === JSON.stringify(expected);
  log(`${ok ? "ok  " : "FAIL"} ${runtime}: ${JSON.stringify(lines)}`);
  return ok;
}

async function inNode(project: string): Promise<boolean> {
  const code = await bundle(project, `export { runExample } from "./harness.ts";`, "node");
  const file = join(project, "node-bundle.mjs");
  writeFileSync(file, code);
  const { runExample } = (await import(file)) as { runExample: () => Promise<string[]> };
  return same("node", await runExample());
}

async function inChromium(project: string): Promise<boolean | "skipped"> {
  if (!existsSync(chromiumPath)) {
    const message = `chromium not found at ${chromiumPath} (apt-get install -y chromium)`;
    if (required) {
      log(`FAIL chromium: ${message}`);
      return false;
    }
    log(`skip chromium: ${message}; set RUNTIMES=required to make this a failure`);
    return "skipped";
  }
  const code = await bundle(
    project,
    `import { runExample } from "./harness.ts";
     runExample().then(
       (lines) => { globalThis.__result = { lines }; },
       (error) => { globalThis.__result = { error: String(error && error.stack || error) }; },
     );`,
    "browser",
  );
  const page = `<!doctype html><meta charset="utf-8"><title>token-plan</title><script type="module" src="/bundle.js"></script>`;
  const server = createServer((request, response) => {
    if (request.url === "/bundle.js") {
      response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
      response.end(code);
    } else {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(page);
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  const profile = mkdtempSync(join(project, "chromium-profile-"));
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    tab.on("pageerror", (error) => errors.push(error.message));
    await tab.goto(`http://127.0.0.1:${port}/`);
    await tab.waitForFunction(() => "__result" in globalThis, undefined, { timeout: 30_000 });
    const result = (await tab.evaluate(() => (globalThis as { __result?: unknown }).__result)) as {
      lines?: string[];
      error?: string;
    };
    const version = context.browser()?.version() ?? "chromium";
    if (result.error !== undefined || errors.length > 0) {
      log(`FAIL chromium ${version}: ${result.error ?? errors.join("; ")}`);
      return false;
    }
    return same(`chromium ${version}`, result.lines ?? []);
  } finally {
    await context.close();
    await new Promise((done) => server.close(done));
  }
}

async function inWorkerd(project: string): Promise<boolean> {
  const code = await bundle(
    project,
    `import { runExample } from "./harness.ts";
     export default {
       async fetch() {
         try {
           return Response.json({ lines: await runExample() });
         } catch (error) {
           return Response.json({ error: String((error && error.stack) || error) });
         }
       },
     };`,
    "browser",
  );
  const { Miniflare } = await import("miniflare");
  const worker = new Miniflare({ modules: true, script: code, compatibilityDate: "2025-09-01" });
  try {
    const response = await worker.dispatchFetch("http://localhost/");
    const result = (await response.json()) as { lines?: string[]; error?: string };
    if (result.error !== undefined) {
      log(`FAIL workerd: ${result.error}`);
      return false;
    }
    return same("workerd (miniflare 4)", result.lines ?? []);
  } finally {
    await worker.dispose();
  }
}

const project = scratchProject();
let failed = false;
try {
  const tgz = tarball(project);
  install(project, tgz);
  log(`token-plan from ${tgz}`);
  for (const [name, check] of [
    ["node", inNode],
    ["chromium", inChromium],
    ["workerd", inWorkerd],
  ] as const) {
    try {
      const outcome = await check(project);
      if (outcome === false) failed = true;
    } catch (error) {
      failed = true;
      log(`FAIL ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
} finally {
  rmSync(project, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
