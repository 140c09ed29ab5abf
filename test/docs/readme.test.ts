import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

describe("the README cannot rot", () => {
  const readme = read("README.md");

  it("its usage example is examples/readme.ts, verbatim", () => {
    const start = readme.indexOf("## Usage\n\n```ts\n") + "## Usage\n\n```ts\n".length;
    const block = readme.slice(start, readme.indexOf("```", start));
    expect(block).toBe(read("examples/readme.ts"));
  });

  it("the usage example prints what its comments say", () => {
    const out = execFileSync("npx", ["tsx", "--tsconfig", "tsconfig.json", "examples/readme.ts"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(out.trim().split("\n")).toEqual([
      "0.0061035 [ 'quota' ]",
      "true 150",
      "5000 2027-06-01T08:05:00.000Z",
    ]);
  });

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
