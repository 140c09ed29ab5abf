import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { readmeBlocks } from "./readmeBlocks";

const root = new URL("../../", import.meta.url);
const rootDir = fileURLToPath(root);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

describe("how the README's code blocks are found", () => {
  const sample = [
    "```ts",
    "const a = 1;",
    "```",
    "<!-- not-run: needs a database -->",
    "",
    "```ts",
    "const b = 2;",
    "```",
    "```sh",
    "```ts inside a shell block is not code",
    "```",
    "```typescript",
    "const c = 3;",
    "```",
  ].join("\n");

  it("takes every ts block with its line, and a not-run marker only when it is written out", () => {
    expect(readmeBlocks(sample)).toEqual([
      { line: 1, code: "const a = 1;\n", notRun: null },
      { line: 6, code: "const b = 2;\n", notRun: "needs a database" },
      { line: 12, code: "const c = 3;\n", notRun: null },
    ]);
  });

  it("refuses a block that is never closed", () => {
    expect(() => readmeBlocks("```ts\nconst a = 1;\n")).toThrow(/line 1 is never closed/);
  });
});

describe("the README cannot rot", () => {
  const readme = read("README.md");
  const blocks = readmeBlocks(readme);
  const scratch = join(rootDir, ".scratch");
  mkdirSync(scratch, { recursive: true });
  // Under the repository, so that "token-plan" resolves through tsconfig's paths to src/.
  const dir = mkdtempSync(join(scratch, "readme-"));
  const files = blocks.map((block, i) => {
    const file = join(dir, `block-${String(i + 1).padStart(2, "0")}-line-${block.line}.ts`);
    writeFileSync(file, block.code);
    return file;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has code blocks, and each one that is not run says why", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks) expect(block.notRun ?? "run").not.toBe("");
  });

  it("its usage example is examples/readme.ts, verbatim", () => {
    const start = readme.indexOf("## Usage\n\n```ts\n") + "## Usage\n\n```ts\n".length;
    const block = readme.slice(start, readme.indexOf("```", start));
    expect(block).toBe(read("examples/readme.ts"));
  });

  it("every ts block type-checks as a module of its own, against the project's compiler options", () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(rootDir, "tsconfig.json"), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    });
    if (config === undefined) throw new Error("no tsconfig.json");
    const program = ts.createProgram(files, { ...config.options, noEmit: true });
    const problems = files.flatMap((file, i) => {
      const source = program.getSourceFile(file);
      if (source === undefined) return [`block ${i + 1}: not compiled`];
      return ts.getPreEmitDiagnostics(program, source).map((d) => {
        const { line } = d.start === undefined ? { line: 0 } : source.getLineAndCharacterOfPosition(d.start);
        const at = (blocks[i]?.line ?? 0) + 1 + line;
        return `README.md:${at}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
      });
    });
    expect(problems).toEqual([]);
  }, 120_000);

  for (const [i, block] of blocks.entries()) {
    const title = `the block at line ${block.line} runs to its end`;
    if (block.notRun !== null) {
      it.skip(`${title} (not run: ${block.notRun})`, () => {}); // still type-checked above
      continue;
    }
    it(title, () => {
      const out = execFileSync("npx", ["tsx", "--tsconfig", "tsconfig.json", files[i] as string], {
        cwd: rootDir,
        encoding: "utf8",
      });
      if (block.code === read("examples/readme.ts")) {
        expect(out.trim().split("\n")).toEqual([
          "0.0061035 [ 'quota' ]",
          "true 150",
          "5000 2027-06-01T08:05:00.000Z",
        ]);
      }
    }, 60_000);
  }

  it("keeps exactly two set-up commands, and both exist", () => {
    const setup = readme.slice(readme.indexOf("## Set up"), readme.indexOf("## Usage"));
    const commands = setup.split("\n").filter((line) => line.startsWith("npm "));
    expect(commands.map((c) => c.split("#")[0]?.trim())).toEqual(["npm install && npm run demo", "npm test"]);
    const scripts = JSON.parse(read("package.json")).scripts as Record<string, string>;
    expect(scripts.demo).toContain("examples/quickstart.ts");
    expect(scripts.test).toContain("vitest run");
  });

  it("documents every public function", () => {
    for (const name of [
      "createLedger",
      "applyEvent",
      "applyEvents",
      "settle",
      "quotaStatus",
      "creditBalance",
      "quoteUsage",
      "timeUntilAvailable",
      "serializeLedger",
      "parseLedger",
      "defineCatalog",
      "extendCatalog",
    ]) {
      expect(readme).toContain(`\`${name}(`);
    }
  });
});
