/** The CLI's edges: every option value, every kind of file, progress on a terminal, unexpected errors. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pc from "picocolors";
import { describe, expect, it, vi } from "vitest";
import { applyEvents, createLedger, type LedgerEvent } from "../../src";
import { bar, duration, plural } from "../../src/cli/format";
import { main } from "../../src/cli/main";
import { catalogOption, creditsOption, formatOption, instantOption } from "../../src/cli/options";
import { textOf } from "../support/text";
import { ansi, logs, runCli, tempLogs } from "./support";

const usage = (id: string, at: string, outputTokens: number) =>
  JSON.stringify({ type: "usage", id, at, resource: "MiniMax-M3", measures: { outputTokens } });

describe("display helpers", () => {
  it.each([
    [0, "0s"],
    [45_000, "45s"],
    [12 * 60_000, "12m"],
    [3 * 3_600_000, "3h"],
    [2 * 3_600_000 + 13 * 60_000, "2h 13m"],
    [4 * 86_400_000, "4d"],
    [4 * 86_400_000 + 3 * 3_600_000, "4d 3h"],
    [-5, "0s"],
  ])("duration(%i) = %s", (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
  it("draws bars in eighths, full ones red", () => {
    const plain = pc.createColors(false);
    expect(bar(0, 4, plain)).toBe("░░░░");
    expect(bar(50, 4, plain)).toBe("██░░");
    expect(bar(60, 4, plain)).toBe("██▍░");
    expect(bar(150, 4, plain)).toBe("████");
    const colored = pc.createColors(true);
    expect(bar(100, 2, colored)).toBe(colored.red("██") + colored.dim(""));
    expect(bar(85, 2, colored)).toContain(colored.yellow("█▊"));
  });
  it("plural", () => {
    expect([plural(1, "charge"), plural(3, "charge"), plural(1200, "line")]).toEqual([
      "1 charge",
      "3 charges",
      "1,200 lines",
    ]);
  });
});

describe("option values", () => {
  it("--catalog", () => {
    expect(catalogOption(undefined).id).toBe("minimax-token-plan-v2");
    expect(catalogOption("china").id).toBe("minimax-token-plan-v2-china");
    expect(() => catalogOption("constructor")).toThrow(/--catalog must be one of/);
  });
  it("--credits", () => {
    expect(creditsOption(undefined, catalogOption("global"))).toBe("as-needed");
    expect(creditsOption("usd-100", catalogOption("global"))).toBe("usd-100");
  });
  it("--now / --at take ISO instants or epoch ms", () => {
    expect(instantOption("now", undefined, 7)).toBe(7);
    expect(instantOption("now", "1780560000000", 7)).toBe(1_780_560_000_000);
    expect(instantOption("now", 1_780_560_000_000, 7)).toBe(1_780_560_000_000);
    expect(instantOption("now", "2026-06-04T08:00:00Z", 7)).toBe(Date.parse("2026-06-04T08:00:00Z"));
  });
  it("--format", () => {
    expect([formatOption(undefined), formatOption("openai")]).toEqual(["auto", "openai"]);
    expect(() => formatOption("xml")).toThrow(/--format must be one of/);
  });
});

describe("main", () => {
  it("without a command prints the help and exits 0", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    try {
      expect((await runCli([])).code).toBe(0);
      expect(info.mock.calls.flat().join("\n")).toContain("Commands:");
    } finally {
      info.mockRestore();
    }
  });

  it("an unexpected failure is one line and exit 1", async () => {
    for (const thrown of [new Error("disk full\nat somewhere"), "a string"]) {
      let stderr = "";
      const code = await main(["recommend", logs("hobbyist.jsonl"), "--json"], {
        stdout: () => {
          throw thrown;
        },
        stderr: (text) => {
          stderr += text;
        },
        stdoutIsTTY: false,
        stderrIsTTY: false,
        env: {},
        nowMs: () => 0,
        cwd: process.cwd(),
        readStdin: async () => "",
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^token-plan: unexpected error: (disk full|a string)\n$/);
    }
  });
});

describe("reading files and folders", () => {
  it("walks a folder recursively in name order, reading only *.jsonl, *.csv and *.json", async () => {
    const dir = tempLogs({
      "b.jsonl": usage("b1", "2026-06-04T10:00:00Z", 1_000),
      "a.csv": "at,resource,outputTokens\n2026-06-04T09:00:00Z,MiniMax-M3,1000\n",
      "notes.txt": "not a log",
    });
    mkdirSync(path.join(dir, "nested", "deeper"), { recursive: true });
    writeFileSync(
      path.join(dir, "nested", "deeper", "c.json"),
      `[${JSON.stringify({ created: 1_780_565_400, model: "MiniMax-M3", usage: { prompt_tokens: 10 } })}]`,
    );
    writeFileSync(path.join(dir, "nested", "d.json"), `${usage("d1", "2026-06-04T11:00:00Z", 1_000)}\n`);
    const r = await runCli(["recommend", dir, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).read).toMatchObject({ files: 4, usages: 4 });
  });

  it("a JSON array file with --format names its records by index", async () => {
    const dir = tempLogs({ "records.json": `[${openAi(10)}, ${openAi(-1)}]` });
    const r = await runCli(["recommend", dir, "--format", "openai"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/records\.json:2: usage\.prompt_tokens: /);
  });

  it("a .json file that is not JSON, and a CSV that is not CSV, stop the run", async () => {
    const dir = tempLogs({
      "broken.json": "[1, 2",
      "broken.csv": 'at,resource\n"2026-06-04T09:00:00Z,MiniMax-M3\n',
    });
    const json = await runCli(["recommend", path.join(dir, "broken.json")]);
    expect([json.code, json.stderr]).toEqual([1, expect.stringMatching(/broken\.json: not valid JSON/)]);
    const csv = await runCli(["recommend", path.join(dir, "broken.csv")]);
    expect([csv.code, csv.stderr]).toEqual([1, expect.stringMatching(/broken\.csv:\d+: not valid CSV/)]);
  });

  it("a file of blank lines has no usage; lines no format claims are read as the library's own", async () => {
    const dir = tempLogs({ "blank.jsonl": "\n\n\n", "odd.jsonl": '{"hello":1}\nnot json\n' });
    const blank = await runCli(["recommend", path.join(dir, "blank.jsonl")]);
    expect([blank.code, blank.stdout]).toEqual([0, expect.stringContaining("0 usages, no usage")]);
    const odd = await runCli(["recommend", path.join(dir, "odd.jsonl")]);
    expect(odd.code).toBe(1);
    expect(odd.stderr).toMatch(/odd\.jsonl:1: .*\n.*odd\.jsonl:2: Expected a JSON value on the line/);
  });

  it("shows the first 20 malformed lines and counts the rest", async () => {
    const dir = tempLogs({
      "many.jsonl": Array.from({ length: 25 }, (_, k) => usage(`x${k}`, "nope", 1)).join("\n"),
    });
    const r = await runCli(["recommend", dir]);
    expect(r.stderr).toContain("… and 5 more malformed lines");
    expect(r.stderr.trim().split("\n")).toHaveLength(22);
  });

  it("--format claude-code reads a file whose first line says nothing", async () => {
    const dir = tempLogs({
      "s.jsonl": `{"hello":1}\n${JSON.stringify({ type: "assistant", timestamp: "2026-06-04T10:00:00.000Z", message: { id: "m", model: "MiniMax-M2.7", usage: { input_tokens: 1, output_tokens: 2 } } })}\n`,
    });
    const r = await runCli(["recommend", dir, "--format", "claude-code", "--json"]);
    expect([r.code, JSON.parse(r.stdout).usages]).toEqual([0, 1]);
  });

  it("shows progress on a terminal's stderr only, and clears it", async () => {
    const lines = Array.from({ length: 9000 }, (_, k) =>
      k % 900 === 0 ? usage(`u${k}`, "2026-06-04T10:00:00Z", 10) : "",
    );
    const dir = tempLogs({ "long.jsonl": lines.join("\n") });
    let clock = 0;
    let stderr = "";
    let stdout = "";
    const code = await main(["recommend", dir, "--json"], {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      stdoutIsTTY: false,
      stderrIsTTY: true,
      env: {},
      nowMs: () => {
        clock += 1000;
        return clock;
      },
      cwd: dir,
      readStdin: async () => "",
    });
    expect(code).toBe(0);
    expect(stderr).toContain("\r\x1b[Kreading long.jsonl: 4,096 lines");
    expect(stderr).toContain("replaying 10 usages on every plan…");
    expect(stderr.endsWith("\r\x1b[K")).toBe(true);
    expect(JSON.parse(stdout).usages).toBe(10);
  });
});

function openAi(prompt: number): string {
  return JSON.stringify({
    id: `c${prompt}`,
    created: 1_780_565_400,
    model: "MiniMax-M3",
    usage: { prompt_tokens: prompt },
  });
}

describe("commands at their edges", () => {
  it("simulate on credits only: no windows, no chart; colour marks what is uncovered", async () => {
    const none = await runCli(["simulate", logs("hobbyist.jsonl"), "--plan", "none"]);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^Credits only, credits as-needed: 137 usages/);
    expect(none.stdout).not.toMatch(/Quota used|5-hour blocks/);
    const uncovered = await runCli(
      ["simulate", logs("heavy-agent.jsonl"), "--plan", "plus", "--credits", "none"],
      { tty: true },
    );
    expect(uncovered.stdout).toMatch(ansi);
    expect(uncovered.stdout).toContain(pc.createColors(true).red("153,742"));
  });

  it("simulate on an empty log, and on a Claude Code folder (not billed, every block charted)", async () => {
    const dir = tempLogs({ "empty.jsonl": "" });
    const empty = await runCli(["simulate", dir, "--plan", "max"]);
    expect([empty.code, empty.stdout]).toEqual([0, expect.stringContaining("0 usages, no usage")]);
    const cc = await runCli(["simulate", logs("claude-code"), "--plan", "plus"]);
    expect(cc.stdout).toMatch(/5-hour blocks with use \(UTC\)/);
    expect(cc.stdout).toContain("Not billed (models the catalog does not price): claude-sonnet-4-5 × 4");
  });

  it("blocks: full blocks say when they filled; credits only has no windows", async () => {
    const full = await runCli([
      "blocks",
      logs("daily-coder.csv"),
      "--plan",
      "plus",
      "--now",
      "2026-07-01T00:00:00Z",
    ]);
    expect(full.stdout).toMatch(/100% .* full at \d\d:\d\d/);
    const none = await runCli(["blocks", logs("daily-coder.csv"), "--plan", "none"]);
    expect(none.stdout).toBe("No quota windows: this plan has no quota (credits only).\n");
  });

  it("status of a fresh ledger, of arrears without a plan, and of lots about to expire", async () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const events: LedgerEvent[] = [
      { type: "purchase-credits", id: "old", at: "2026-06-04T08:00:00Z", package: "usd-5" },
      {
        type: "usage",
        id: "u",
        at: "2026-06-04T09:00:00Z",
        resource: "MiniMax-M3",
        measures: { outputTokens: 10_000_000 },
      },
    ];
    const applied = applyEvents(created.state, events);
    if (!applied.ok) throw new Error(applied.error.message);
    const dir = tempLogs({
      "fresh.json": textOf(created.state),
      "arrears.json": textOf(applied.state),
    });
    const fresh = await runCli(["status", path.join(dir, "fresh.json")]);
    expect([fresh.code, fresh.stdout]).toEqual([
      0,
      expect.stringContaining("no plan (credits only) at 2026-06-30 00:00"),
    ]);
    const arrears = await runCli(["status", path.join(dir, "arrears.json"), "--at", "1780567200000"]);
    // $12 of usage: 5,000 credits paid, 7,000 owed.
    expect(arrears.stdout).toContain("Credits: 0, arrears 7,000");
    const missing = await runCli(["status", path.join(dir, "none.json")]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("No such file")]);
  });
});
