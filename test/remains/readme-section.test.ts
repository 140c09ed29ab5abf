/**
 * The README's section on the provider's usage API cannot rot: its code block runs
 * (against this checkout's source) and prints what its comments say.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");

describe("README: the provider's usage API", () => {
  const heading = "## The provider's usage API\n";
  const section = readme.slice(readme.indexOf(heading), readme.indexOf("\n## ", readme.indexOf(heading) + 1));
  const start = section.indexOf("```ts\n") + "```ts\n".length;
  const block = section.slice(start, section.indexOf("```", start));

  it("has one code block, importing from the package", () => {
    expect(section.split("```ts").length).toBe(2);
    expect(block).toContain('from "token-plan"');
  });

  it("runs and prints what its comments say", () => {
    const dir = mkdtempSync(join(tmpdir(), "token-plan-readme-"));
    try {
      const file = join(dir, "snippet.ts");
      const source = new URL("src/index.ts", root).pathname;
      writeFileSync(file, block.replace('from "token-plan"', `from ${JSON.stringify(source)}`));
      const out = execFileSync("npx", ["tsx", file], { cwd: root, encoding: "utf8" });
      expect(out.trim().split("\n")).toEqual([
        "5-hour #######------------- 37% resets in 2h 50m",
        "weekly ##------------------ 12% reset unknown",
        "0",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
