/**
 * What the log commands print at their edges (issue #23's mutation run of `src/cli`): an
 * empty log, credits only, a usage credits did not cover, models the catalog does not price,
 * the winner's colour, the progress line on a terminal's stderr, and each command's help.
 */
import { describe, expect, it } from "vitest";
import { logs, runCli, runCliInfo, tempLog, threeUsages, v1DailyUsages } from "../cli/support";

const esc = String.fromCharCode(27);
const tiny = threeUsages;
const log = tempLog;

async function helpOf(command: string): Promise<string> {
  const r = await runCliInfo([command, "--help"]);
  expect(r.code).toBe(0);
  return r.info.join("\n");
}

describe("simulate", () => {
  it("an empty log: no usage, zero totals, the windows at zero, no days and no chart", async () => {
    const r = await runCli(["simulate", log("empty.jsonl", ""), "--plan", "plus"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toBe(
      [
        "Plus, credits as-needed: 0 usages, no usage",
        "┌─────────────────────────┬─────────────────────┐",
        "│ Total                   │                  $0 │",
        "│ Subscription            │      $0 (0 charges) │",
        "│ Credits bought          │ 0 ($0, 0 purchases) │",
        "│ List value of the usage │                  $0 │",
        "│ Beyond quota (credits)  │                   0 │",
        "│ Paid by credits         │                   0 │",
        "│ Uncovered (credits)     │                   0 │",
        "│ Credits expired / left  │               0 / 0 │",
        "└─────────────────────────┴─────────────────────┘",
        "┌────────┬────────────┬────────────┬───────────┐",
        "│ Window │ Quota used │ Times full │ Time full │",
        "├────────┼────────────┼────────────┼───────────┤",
        "│ 5-hour │          0 │          0 │        0s │",
        "│ weekly │          0 │          0 │        0s │",
        "└────────┴────────────┴────────────┴───────────┘",
        "",
      ].join("\n"),
    );
  });

  it("credits only without buying: no windows table, the uncovered credits in red on a terminal", async () => {
    const plain = await runCli(["simulate", log("tiny.jsonl", tiny), "--plan", "none", "--credits", "none"]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.split("\n").slice(0, 11)).toEqual([
      "Credits only, credits none: 3 usages, 2026-06-01 01:00 → 2026-06-02 11:00 (UTC)",
      "┌─────────────────────────┬─────────────────────┐",
      "│ Total                   │                  $0 │",
      "│ Subscription            │      $0 (0 charges) │",
      "│ Credits bought          │ 0 ($0, 0 purchases) │",
      "│ List value of the usage │              $12.90 │",
      "│ Beyond quota (credits)  │              12,900 │",
      "│ Paid by credits         │                   0 │",
      "│ Uncovered (credits)     │              12,900 │",
      "│ Credits expired / left  │               0 / 0 │",
      "└─────────────────────────┴─────────────────────┘",
    ]);
    expect(plain.stdout).not.toContain("│ Window │");
    expect(plain.stdout).toContain(
      "│ 2026-06-01 │      2 │     $12.60 │               0 │            0 │    12,600 │      0 │",
    );
    const tty = await runCli(["simulate", log("tiny.jsonl", tiny), "--plan", "none", "--credits", "none"], {
      tty: true,
    });
    expect(tty.stdout).toContain(`${esc}[1mCredits only, credits none: 3 usages,`);
    expect(tty.stdout).toContain(`${esc}[31m12,900${esc}[39m`);
    // Nothing uncovered: a plain 0, not a red one.
    const covered = await runCli(["simulate", log("tiny.jsonl", tiny), "--plan", "plus"], { tty: true });
    expect(covered.stdout).toContain("│ Uncovered (credits)     │                         0 │");
    expect(tty.stdout).toContain(`${esc}[1m$0${esc}[22m`);
  });

  it("the chart draws the first window's blocks only, not those of a window of the same name elsewhere", async () => {
    const v1 = log("v1.jsonl", v1DailyUsages);
    const r = await runCli(["simulate", v1, "--catalog", "v1", "--plan", "plus"]);
    expect(r.stdout.trimEnd().split("\n").slice(-2)).toEqual([
      "daily blocks with use (UTC): used against the limit",
      "2026-06-01 00:00  █▎░░░░░░░░░░░░░░░░░░░░░░░░░░░░     4%  2/50",
    ]);
  });

  it("a plan's name comes from the catalog", async () => {
    const r = await runCli(["simulate", log("tiny.jsonl", tiny), "--plan", "ultra"]);
    expect(r.stdout.split("\n")[0]).toBe(
      "Ultra, credits as-needed: 3 usages, 2026-06-01 01:00 → 2026-06-02 11:00 (UTC)",
    );
  });

  it("names the models the catalog does not price, in yellow on a terminal", async () => {
    const r = await runCli(["simulate", logs("claude-code"), "--plan", "plus"], { tty: true });
    expect(r.code).toBe(0);
    expect(
      r.stdout.endsWith(
        `${esc}[33mNot billed (models the catalog does not price): claude-sonnet-4-5 × 4${esc}[39m\n`,
      ),
    ).toBe(true);
    const priced = await runCli(["simulate", log("tiny.jsonl", tiny), "--plan", "plus"]);
    expect(priced.stdout).not.toContain("Not billed");
  });

  it("lists every unpriced model, by name, comma-separated", async () => {
    const { claudeCodeLine } = await import("../logs/support");
    const file = log(
      "cc.jsonl",
      [
        claudeCodeLine({ model: "gpt-9", messageId: "m1", requestId: "r1" }),
        claudeCodeLine({ model: "claude-x", messageId: "m2", requestId: "r2" }),
        claudeCodeLine({ model: "gpt-9", messageId: "m3", requestId: "r3" }),
      ].join("\n"),
    );
    const r = await runCli(["simulate", file, "--plan", "plus"]);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(
      "Not billed (models the catalog does not price): claude-x × 1, gpt-9 × 2",
    );
  });

  it("--json prints the simulation and what was read, nothing else", async () => {
    const r = await runCli(["simulate", log("tiny.jsonl", tiny), "--plan", "plus", "--json"]);
    const json = JSON.parse(r.stdout);
    expect([
      json.plan,
      json.usages,
      json.totalUsd,
      json.read.usages,
      json.read.lines,
      json.notBilled,
    ]).toEqual(["plus", 3, "30", 3, 3, {}]);
  });

  it("says what it replays on a terminal's stderr, then clears the line", async () => {
    const r = await runCli(["simulate", log("tiny.jsonl", tiny), "--plan", "plus"], { tty: true });
    expect(r.stderr).toBe(`\r${esc}[Kreplaying 3 usages…\r${esc}[K`);
    const piped = await runCli(["simulate", log("tiny.jsonl", tiny), "--plan", "plus"]);
    expect(piped.stderr).toBe("");
  });

  it("--help: the plan, the credits and an example", async () => {
    const text = await helpOf("simulate");
    expect(text).toContain("$ token-plan simulate [...paths]");
    expect(text).toContain(
      "--plan <tier>         The plan: a tier such as plus, max, ultra, or none for credits only",
    );
    expect(text).toContain(
      "--credits <strategy>  How credits are bought: as-needed, none or a package such as usd-25 (default: as-needed)",
    );
    expect(text).toContain("token-plan simulate examples/logs/daily-coder.csv --plan max");
  });
});

describe("recommend", () => {
  it("an empty log: no usage in the title", async () => {
    const r = await runCli(["recommend", log("empty.jsonl", "")]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      "0 usages, no usage; credits as-needed; MiniMax Token Plan (global site)",
    );
  });

  it("the winner's name and total in bold green on a terminal, the others plain", async () => {
    const r = await runCli(["recommend", log("tiny.jsonl", tiny)], { tty: true });
    expect(r.code).toBe(0);
    const green = (text: string) => `${esc}[32m${esc}[1m${text}${esc}[22m${esc}[39m`;
    expect(r.stdout).toContain(`│ 1 │ ${green("Credits only")} │   ${green("$15")} │`);
    expect(r.stdout).toContain("│ 2 │ Plus         │   $30 │");
    expect(r.stdout).toContain(`Cheapest: ${green("Credits only")} at $15`);
    expect(r.stderr).toBe(`\r${esc}[Kreplaying 3 usages on every plan…\r${esc}[K`);
  });

  it("names the models the catalog does not price, in yellow", async () => {
    const r = await runCli(["recommend", logs("claude-code")], { tty: true });
    expect(
      r.stdout.endsWith(
        `${esc}[33mNot billed (models the catalog does not price): claude-sonnet-4-5 × 4${esc}[39m\n`,
      ),
    ).toBe(true);
  });

  it("--json: the ranking and what was read", async () => {
    const r = await runCli(["recommend", log("tiny.jsonl", tiny), "--json"]);
    const json = JSON.parse(r.stdout);
    expect([
      json.cheapest,
      json.usages,
      json.credits,
      json.from,
      json.until,
      json.plans.length,
      json.read.files,
    ]).toEqual([
      "credits-only",
      3,
      "as-needed",
      "2026-06-01T01:00:00.000Z",
      "2026-06-02T11:00:00.000Z",
      4,
      1,
    ]);
  });

  it("--help: the credits strategy and an example", async () => {
    const text = await helpOf("recommend");
    expect(text).toContain(
      "--credits <strategy>  How credits are bought: as-needed, none or a package such as usd-25 (default: as-needed)",
    );
    expect(text).toContain("token-plan recommend ~/.claude/projects --catalog china");
  });
});
