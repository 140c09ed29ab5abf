/**
 * The built `token-plan` binary end to end: tsup builds the CLI entry of tsup.config.ts
 * into dist/ (only dist/cli.js, so `npm test` needs no build first; the library build is
 * untouched), and each test spawns `node dist/cli.js …` on the example logs and on broken
 * files, as a user would.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { build } from "tsup";
import { beforeAll, describe, expect, it } from "vitest";
import configs from "../../tsup.config";
import { ansi, logs, root, runBinary, tempLogs } from "./support";

let binary = "";

beforeAll(async () => {
  const list = Array.isArray(configs) ? configs : [];
  const cli = list.find((c) => typeof c.entry === "object" && !Array.isArray(c.entry) && "cli" in c.entry);
  if (cli === undefined) throw new Error("tsup.config.ts has no cli entry");
  // Built where the package's dependencies resolve, as they do for an installed package.
  const outDir = path.join(root, "dist");
  await build({ ...cli, outDir, silent: true, config: false });
  binary = path.join(outDir, "cli.js");
}, 120_000);

describe("the built binary", () => {
  it("starts with a shebang and says its version", () => {
    expect(readFileSync(binary, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    const version = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version;
    const r = runBinary(binary, ["--version"]);
    expect([r.code, r.stdout.includes(version)]).toEqual([0, true]);
  });

  it("recommend --json on every example log prints only JSON and exits 0", () => {
    const expected: Record<string, string> = {
      "hobbyist.jsonl": "credits-only",
      "daily-coder.csv": "plus",
      "heavy-agent.jsonl": "max",
      "claude-code": "credits-only",
    };
    for (const [log, cheapest] of Object.entries(expected)) {
      const r = runBinary(binary, ["recommend", logs(log), "--json"]);
      expect([log, r.code, r.stderr]).toEqual([log, 0, ""]);
      expect(JSON.parse(r.stdout).cheapest).toBe(cheapest);
    }
  });

  it("recommend prints a ranked table, without colour in a pipe", () => {
    const r = runBinary(binary, ["recommend", logs("heavy-agent.jsonl")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Max: $50 + 0 credits; on Plus the 5-hour window fills 14× in 7 days");
    expect(r.stdout).not.toMatch(ansi);
  });

  it("remains - reads the payload from standard input", () => {
    const payload = readFileSync(path.join(root, "test/remains/fixtures/current-v2.json"), "utf8");
    const r = spawnSync(
      process.execPath,
      [binary, "remains", "-", "--at", "2026-06-04T12:10:00Z", "--json"],
      {
        cwd: root,
        encoding: "utf8",
        input: payload,
        timeout: 60_000,
      },
    );
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout).buckets.map((b: { name: string }) => b.name)).toEqual(["general", "video"]);
  });

  it("simulate and blocks run on a folder walked recursively", () => {
    const sim = runBinary(binary, ["simulate", logs("claude-code"), "--plan", "plus", "--json"]);
    expect([sim.code, JSON.parse(sim.stdout).usages]).toEqual([0, 40]);
    const blocks = runBinary(binary, [
      "blocks",
      logs("claude-code"),
      "--plan",
      "plus",
      "--json",
      "--now",
      "2026-06-04T12:00:00Z",
    ]);
    expect(blocks.code).toBe(0);
    expect(JSON.parse(blocks.stdout).windows[0].blocks.some((b: { running: boolean }) => b.running)).toBe(
      true,
    );
  });

  it("a malformed line: file, line and field on stderr, exit 1; --skip-bad-lines goes on", () => {
    const dir = tempLogs({
      "bad.jsonl": `\n${JSON.stringify({ type: "usage", id: "x", at: "2026-06-04T10:00:00Z", resource: "MiniMax-M3", measures: { outputTokens: 1.5 } })}\n`,
    });
    const r = runBinary(binary, ["recommend", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/bad\.jsonl:2: measures\.outputTokens: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const skipped = runBinary(binary, ["recommend", dir, "--skip-bad-lines", "--json"]);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/^Skipped 1 malformed usage line /);
    expect(JSON.parse(skipped.stdout).usages).toBe(0);
  });

  it("bad usage exits 2 with one line and no stack trace", () => {
    for (const args of [
      ["recommend", logs("hobbyist.jsonl"), "--nope"],
      ["simulate", logs("hobbyist.jsonl")],
      ["what"],
    ]) {
      const r = runBinary(binary, args);
      expect([args, r.code, r.stdout]).toEqual([args, 2, ""]);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^token-plan: /);
    }
  });

  it("stops quietly when its reader closes the pipe early", () => {
    const r = spawnSync(
      "sh",
      [
        "-c",
        `"${process.execPath}" "${binary}" simulate "${logs("daily-coder.csv")}" --plan plus | head -n 2`,
      ],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    expect(r.stdout.split("\n")).toHaveLength(3);
    expect(r.stderr).toBe("");
  });
});

describe("the example logs", () => {
  it("are what examples/logs/generate.ts writes", () => {
    const r = spawnSync("npx", ["tsx", "examples/logs/generate.ts"], { cwd: root, encoding: "utf8" });
    expect([r.status, r.stderr]).toEqual([0, ""]);
  });
});
