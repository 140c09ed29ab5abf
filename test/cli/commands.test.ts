/**
 * The CLI's commands, run in-process on the example logs and on broken files: what they
 * print, what `--json` prints (JSON only, exact amounts), and the exit codes (0; 1 for
 * bad data; 2 for bad usage). The e2e file runs the same against the built binary.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyEvents, createLedger } from "../../src";
import { textOf } from "../support/text";
import { ansi, logs, root, runCli, tempLogs } from "./support";

const usageLine = (id: string, at: string, outputTokens: number) =>
  JSON.stringify({ type: "usage", id, at, resource: "MiniMax-M3", measures: { outputTokens } });

describe("token-plan recommend", () => {
  it("ranks the plans for the daily coder: Plus plus a $5 package", async () => {
    const r = await runCli(["recommend", logs("daily-coder.csv")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("1,449 usages");
    expect(r.stdout).toContain("Plus: $20 + 5,000 credits; the 5-hour window fills 1.4× a week");
    expect(r.stdout).toContain("Cheapest: Plus at $25");
    expect(r.stdout).not.toMatch(ansi);
  });

  it("--json prints only JSON, amounts as canonical decimal strings", async () => {
    const r = await runCli(["recommend", logs("heavy-agent.jsonl"), "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.cheapest).toBe("max");
    expect(json.plans.map((p: { plan: string }) => p.plan)).toEqual(["max", "ultra", "plus", "credits-only"]);
    for (const plan of json.plans) {
      for (const key of ["subscriptionUsd", "creditsPurchasedUsd", "overflowCredits", "totalUsd"]) {
        expect(plan[key]).toMatch(/^(0|[1-9]\d*)(\.\d*[1-9])?$/);
      }
    }
    expect(json.notBilled).toEqual({});
  });

  it("reads a Claude Code projects folder: each message once, unpriced models counted", async () => {
    const r = await runCli(["recommend", logs("claude-code"), "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.notBilled).toEqual({ "claude-sonnet-4-5": 4 });
    expect(json.read).toMatchObject({ files: 4, usages: 40, duplicates: 67, skippedLines: 0 });
    const text = await runCli(["recommend", logs("claude-code")]);
    expect(text.stdout).toContain("Not billed (models the catalog does not price): claude-sonnet-4-5 × 4");
  });

  it("--catalog china cuts the windows in Asia/Shanghai", async () => {
    const r = await runCli(["recommend", logs("hobbyist.jsonl"), "--catalog", "china", "--json"]);
    expect(JSON.parse(r.stdout).catalog).toBe("minimax-token-plan-v2-china");
  });

  it("colours only a terminal, and never with NO_COLOR", async () => {
    expect((await runCli(["recommend", logs("hobbyist.jsonl")], { tty: true })).stdout).toMatch(ansi);
    expect(
      (await runCli(["recommend", logs("hobbyist.jsonl")], { tty: true, env: { NO_COLOR: "1" } })).stdout,
    ).not.toMatch(ansi);
  });
});

describe("malformed lines", () => {
  const dir = tempLogs({
    "broken.jsonl": [
      usageLine("a", "2026-06-04T10:00:00Z", 1000),
      "",
      JSON.stringify({
        type: "usage",
        id: "b",
        at: "2026-06-04T10:05:00Z",
        resource: "MiniMax-M3",
        measures: { outputTokens: -5 },
      }),
      JSON.stringify({ type: "usage", id: "c", at: "not a time", resource: "MiniMax-M3", measures: {} }),
      usageLine("d", "2026-06-04T10:10:00Z", 1000),
    ].join("\n"),
  });
  const file = path.join(dir, "broken.jsonl");

  it("are reported with file, line (blank lines counted) and field; the run exits 1", async () => {
    const r = await runCli(["recommend", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/broken\.jsonl:3: measures\.outputTokens: Expected a whole number/);
    expect(lines[1]).toMatch(/broken\.jsonl:4: at: Expected an ISO-8601 instant/);
    expect(lines[2]).toBe(
      "token-plan: 2 malformed usage lines; fix them or pass --skip-bad-lines to leave them out.",
    );
  });

  it("with --skip-bad-lines: the count goes to stderr and the run goes on", async () => {
    const r = await runCli(["recommend", file, "--skip-bad-lines", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Skipped 2 malformed usage lines \(first: .*broken\.jsonl:3: /);
    expect(JSON.parse(r.stdout).usages).toBe(2);
  });

  it("a Claude Code line with a negative token count names its field", async () => {
    const cc = tempLogs({
      "s.jsonl": JSON.stringify({
        type: "assistant",
        sessionId: "s",
        timestamp: "2026-06-04T10:00:00.000Z",
        requestId: "r",
        message: { id: "m", model: "MiniMax-M2.7", usage: { input_tokens: 5, output_tokens: -1 } },
      }),
    });
    const r = await runCli(["recommend", cc]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/s\.jsonl:1: message\.usage\.output_tokens: Expected a whole number of tokens/);
  });

  it("a CSV with an unknown column is refused at its header", async () => {
    const csv = tempLogs({ "u.csv": "at,resource,tokens\n2026-06-04T10:00:00Z,MiniMax-M3,5\n" });
    const r = await runCli(["simulate", csv, "--plan", "max"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/u\.csv:1: header\.2: Unknown CSV column "tokens"/);
  });

  it("a CSV row with a bad cell names the line and the column", async () => {
    const csv = tempLogs({
      "u.csv":
        "at,resource,outputTokens\n2026-06-04T10:00:00Z,MiniMax-M3,5\n\n2026-06-04T11:00:00Z,MiniMax-M3,x\n",
    });
    const r = await runCli(["simulate", csv, "--plan", "max"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/u\.csv:4: outputTokens: /);
  });

  it("ignores lines that are not usage (user messages, summaries, other events)", async () => {
    const mixed = tempLogs({
      "m.jsonl": [
        usageLine("a", "2026-06-04T10:00:00Z", 1000),
        JSON.stringify({ type: "subscribe", id: "s", at: "2026-06-04T09:00:00Z", tier: "max" }),
      ].join("\n"),
    });
    const r = await runCli(["recommend", mixed, "--json"]);
    expect([r.code, JSON.parse(r.stdout).usages]).toEqual([0, 1]);
  });
});

describe("token-plan simulate", () => {
  it("prints the totals, the days and a bar per 5-hour block", async () => {
    const r = await runCli(["simulate", logs("daily-coder.csv"), "--plan", "plus"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Plus, credits as-needed: 1,449 usages");
    expect(r.stdout).toMatch(/│ Total\s+│\s+\$25 │/);
    expect(r.stdout).toMatch(/│ 2026-06-01 │/);
    expect(r.stdout).toMatch(/5-hour blocks with use, the last 30 of \d+ \(UTC\)/);
    expect(r.stdout).toMatch(/██████████████████████████████\s+100%\s+6\.596\/6\.596\s+full at \d\d:\d\d/);
  });

  it("--json is the simulation, exact", async () => {
    const r = await runCli([
      "simulate",
      logs("heavy-agent.jsonl"),
      "--plan",
      "max",
      "--credits",
      "usd-25",
      "--json",
    ]);
    const json = JSON.parse(r.stdout);
    expect([json.plan, json.credits, json.totalUsd]).toEqual(["max", "usd-25", "75"]);
    expect(json.purchases).toHaveLength(1);
  });

  it("needs a known --plan", async () => {
    const missing = await runCli(["simulate", logs("hobbyist.jsonl")]);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      "token-plan: --plan is required: one of plus, max, ultra or none.\n",
    ]);
    const unknown = await runCli(["simulate", logs("hobbyist.jsonl"), "--plan", "mega"]);
    expect(unknown.code).toBe(2);
  });
});

describe("token-plan blocks", () => {
  it("lists each block and each week with a countdown on the running one", async () => {
    const r = await runCli([
      "blocks",
      logs("daily-coder.csv"),
      "--plan",
      "max",
      "--now",
      "2026-06-26T17:00:00Z",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/5-hour \(UTC\)/);
    expect(r.stdout).toMatch(/weekly \(UTC\)/);
    expect(r.stdout).toMatch(/2026-06-26 15:00 ← now .* in 3h \(2026-06-26 20:00\)/);
    const json = JSON.parse(
      (
        await runCli([
          "blocks",
          logs("daily-coder.csv"),
          "--plan",
          "max",
          "--now",
          "2026-06-26T17:00:00Z",
          "--json",
        ])
      ).stdout,
    );
    const running = json.windows[0].blocks.filter((b: { running: boolean }) => b.running);
    expect(running.map((b: { start: string; resetsInMs: number }) => [b.start, b.resetsInMs])).toEqual([
      ["2026-06-26T15:00:00.000Z", 3 * 3_600_000],
    ]);
    // Max also has video's daily window; no video was used, so it holds no block.
    expect(
      json.windows.map((w: { label: string; blocks: unknown[] }) => [w.label, w.blocks.length > 0]),
    ).toEqual([
      ["5-hour", true],
      ["weekly", true],
      ["daily", false],
    ]);
    expect(r.stdout).not.toMatch(/daily \(UTC\)/);
  });
});

describe("token-plan status", () => {
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  const applied = applyEvents(created.state, [
    { type: "subscribe", id: "sub", at: "2026-06-04T08:00:00Z", tier: "plus" },
    { type: "purchase-credits", id: "pack", at: "2026-06-04T08:00:00Z", package: "usd-25" },
    {
      type: "usage",
      id: "u1",
      at: "2026-06-04T10:30:00Z",
      resource: "MiniMax-M3",
      measures: { outputTokens: 3_000_000 },
    },
  ]);
  if (!applied.ok) throw new Error(applied.error.message);
  const dir = tempLogs({ "ledger.json": textOf(applied.state), "bad.json": "{}" });

  it("shows the usage bars with countdowns and the lots with their expiry", async () => {
    const r = await runCli(["status", path.join(dir, "ledger.json"), "--at", "2026-06-04T12:00:00Z"]);
    expect(r.code).toBe(0);
    // 3,000,000 output tokens = $3.60 of the $6.596 block: 54.6 %.
    expect(r.stdout).toMatch(/general 5-hour .* 54\.6% .* 3\.6\/6\.596 .* in 3h \(2026-06-04 15:00\)/);
    expect(r.stdout).toMatch(/video daily .*not in this plan/);
    expect(r.stdout).toMatch(/Credits: 25,000/);
    expect(r.stdout).toMatch(/pack .* 25,000 .* 2027-06-04 08:00 \(in 364d 20h\)/);
  });

  it("--json holds the queries' answers", async () => {
    const r = await runCli([
      "status",
      path.join(dir, "ledger.json"),
      "--at",
      "2026-06-04T12:00:00Z",
      "--json",
    ]);
    const json = JSON.parse(r.stdout);
    expect([json.tier, json.quota.buckets[0].windows[0].used, json.credits.total]).toEqual([
      "plus",
      "3.6",
      "25000",
    ]);
  });

  it("refuses a file that is not a ledger, and an instant before its clock", async () => {
    const bad = await runCli(["status", path.join(dir, "bad.json")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^token-plan: .*bad\.json: /);
    const early = await runCli(["status", path.join(dir, "ledger.json"), "--at", "2026-06-04T09:00:00Z"]);
    expect([early.code, early.stderr.split("\n").length]).toEqual([1, 2]);
  });
});

describe("usage errors exit 2 with one line, never a stack trace", () => {
  it.each([
    [["recommend"], "Give at least one log file or folder."],
    [["recommend", "/nope/nothing.jsonl"], "No such file or folder: /nope/nothing.jsonl"],
    [["recommend", logs("hobbyist.jsonl"), "--bogus"], "Unknown option `--bogus`"],
    [
      ["recommend", logs("hobbyist.jsonl"), "--catalog", "mars"],
      "--catalog must be one of global, china, v1, coding",
    ],
    [
      ["recommend", logs("hobbyist.jsonl"), "--credits", "usd-7"],
      "--credits must be none, as-needed or one of",
    ],
    [["frobnicate"], 'Unknown command "frobnicate"'],
    [["status"], "Give the ledger file"],
    [
      ["blocks", logs("hobbyist.jsonl"), "--plan", "max", "--now", "tomorrow"],
      "--now: Expected an ISO-8601 instant",
    ],
  ])("%j", async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("no command prints the help and exits 0", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
  });
});

describe("the README's CLI section cannot rot", () => {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf("## Which plan should I buy? (CLI)"),
    readme.indexOf("## What is assumed"),
  );
  const shown = [...section.matchAll(/```sh\nnpx token-plan (.+)\n```\n\n```\n([\s\S]*?)```/g)];

  it("shows at least two commands with their output", () => {
    expect(shown.length).toBeGreaterThanOrEqual(2);
  });

  it.each(shown.map((m) => [m[1] ?? "", m[2] ?? ""]))(
    "`token-plan %s` prints what the README shows",
    async (command, output) => {
      const r = await runCli(command.split(" "));
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(output);
    },
  );
});
