/**
 * The CLI's whole output on small inputs, to the character: the help of every command, the
 * tables of `blocks`, `simulate` and `recommend`, a running block's marker at its first
 * millisecond, and the colours a terminal gets. The other CLI tests check what the output
 * says; these pin how it is laid out (a changed header, label or colour is a test to update
 * on purpose, not a silent change). Written for the mutation run of `src/cli` (issue #23).
 */
import { describe, expect, it } from "vitest";
import { runCli, runCliInfo, tempLog, threeUsages, v1DailyUsages } from "../cli/support";

const tinyLog = () => tempLog("tiny.jsonl", `${threeUsages}\n`);

/** What cac prints for `--help` (through console.info), with the exit code. */
async function help(args: readonly string[]): Promise<{ code: number; text: string }> {
  const r = await runCliInfo(args);
  return { code: r.code, text: r.info.join("\n") };
}

describe("--help", () => {
  it("lists every command with what it does", async () => {
    const r = await help(["--help"]);
    expect(r.code).toBe(0);
    expect(r.text).toContain(
      [
        "Commands:",
        "  recommend [...paths]  Rank every plan by what these usage logs would have cost",
        "  simulate [...paths]   Replay the logs on one plan: totals, days and 5-hour blocks",
        "  blocks [...paths]     Each 5-hour block and each week: used, limit, percent, reset",
        "  status [ledger]       A stored ledger's usage bars, countdowns and credit lots",
        "  remains [payload]     The provider's usage bars and countdowns from a saved remains payload",
      ].join("\n"),
    );
  });

  it("blocks: its options and their defaults", async () => {
    const r = await help(["blocks", "--help"]);
    expect(r.code).toBe(0);
    expect(r.text).toContain("$ token-plan blocks [...paths]");
    for (const option of [
      "--catalog <name>      Rules: global, china (windows in Asia/Shanghai), v1 or coding (default: global)",
      "--format <format>     Log format: auto, usage, claude-code, openai or csv (default: auto)",
      "--skip-bad-lines      Leave malformed usage lines out (their count goes to stderr)",
      "--json                Print JSON only (exact amounts as decimal strings)",
      "--plan <tier>         The plan whose limits apply: plus, max, ultra",
      "--credits <strategy>  How credits are bought (does not change the blocks) (default: none)",
      "--now <instant>       The instant countdowns count from (default: the clock)",
    ])
      expect(r.text).toContain(option);
  });
});

describe("blocks", () => {
  it("prints each window's blocks as a table: used, limit, percent, bar, when it filled, the reset", async () => {
    const r = await runCli(["blocks", tinyLog(), "--plan", "plus", "--now", "2026-06-01T05:00:00Z"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "5-hour (UTC)",
        "┌──────────────────┬───────┬───────┬──────┬────────────────────────────────────┬──────────────────┐",
        "│ Block            │  Used │ Limit │    % │                                    │ Reset            │",
        "├──────────────────┼───────┼───────┼──────┼────────────────────────────────────┼──────────────────┤",
        "│ 2026-06-01 00:00 │ 6.596 │ 6.596 │ 100% │ ████████████████████ full at 03:30 │ 2026-06-01 05:00 │",
        "│ 2026-06-02 10:00 │   0.3 │ 6.596 │ 4.6% │ ▉░░░░░░░░░░░░░░░░░░░               │ 2026-06-02 15:00 │",
        "└──────────────────┴───────┴───────┴──────┴────────────────────────────────────┴──────────────────┘",
        "weekly (UTC)",
        "┌────────────────────────┬───────┬───────┬────┬──────────────────────┬──────────────────────────────┐",
        "│ Block                  │  Used │ Limit │  % │                      │ Reset                        │",
        "├────────────────────────┼───────┼───────┼────┼──────────────────────┼──────────────────────────────┤",
        "│ 2026-06-01 00:00 ← now │ 6.896 │ 98.94 │ 7% │ █▍░░░░░░░░░░░░░░░░░░ │ in 6d 19h (2026-06-08 00:00) │",
        "└────────────────────────┴───────┴───────┴────┴──────────────────────┴──────────────────────────────┘",
        "",
      ].join("\n"),
    );
  });

  it("a block runs from its first millisecond to before its end", async () => {
    const at = async (now: string) => {
      const r = await runCli(["blocks", tinyLog(), "--plan", "plus", "--now", now, "--json"]);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as {
        now: string;
        windows: {
          label: string;
          blocks: { start: string; running: boolean; resetsInMs: number | null }[];
        }[];
      };
      const [fiveHour] = json.windows;
      return {
        now: json.now,
        running: fiveHour?.blocks.filter((b) => b.running).map((b) => [b.start, b.resetsInMs]),
        stopped: fiveHour?.blocks.filter((b) => !b.running).map((b) => b.resetsInMs),
      };
    };
    expect(await at("2026-06-02T10:00:00Z")).toEqual({
      now: "2026-06-02T10:00:00.000Z",
      running: [["2026-06-02T10:00:00.000Z", 5 * 3_600_000]],
      stopped: [null],
    });
    expect(await at("2026-06-02T14:59:59.999Z")).toEqual({
      now: "2026-06-02T14:59:59.999Z",
      running: [["2026-06-02T10:00:00.000Z", 1]],
      stopped: [null],
    });
    expect(await at("2026-06-02T15:00:00Z")).toEqual({
      now: "2026-06-02T15:00:00.000Z",
      running: [],
      stopped: [null, null],
    });
  });

  it("a window's blocks are its own: windows of one name in other buckets keep theirs (v1's daily windows)", async () => {
    const log = tempLog("v1.jsonl", v1DailyUsages);
    const r = await runCli([
      "blocks",
      log,
      "--catalog",
      "v1",
      "--plan",
      "plus",
      "--now",
      "2026-06-01T03:00:00Z",
      "--json",
    ]);
    const json = JSON.parse(r.stdout) as {
      windows: { bucket: string; window: string; blocks: { start: string; usedUnits: string }[] }[];
    };
    expect(
      json.windows.map((w) => [w.bucket, w.window, w.blocks.map((b) => [b.start, b.usedUnits])]),
    ).toEqual([
      ["general", "5h", []],
      ["general", "weekly", []],
      ["image", "daily", [["2026-06-01T00:00:00.000Z", "2"]]],
      ["speech", "daily", [["2026-06-01T00:00:00.000Z", "1"]]],
      ["music", "daily", []],
    ]);
  });

  it("only windows with blocks are printed, and the no-quota line only without windows", async () => {
    const r = await runCli(["blocks", tinyLog(), "--plan", "max", "--now", "2026-06-01T05:00:00Z"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("No quota windows");
    expect(r.stdout).not.toContain("daily (UTC)");
    expect(r.stdout.match(/^\S.* \(UTC\)$/gm)).toEqual(["5-hour (UTC)", "weekly (UTC)"]);
  });

  it("colours a terminal's output: bold titles, the running block and its countdown in cyan, a full bar in red", async () => {
    const r = await runCli(["blocks", tinyLog(), "--plan", "plus", "--now", "2026-06-01T04:00:00Z"], {
      tty: true,
    });
    expect(r.code).toBe(0);
    const esc = String.fromCharCode(27);
    expect(r.stdout).toContain(`${esc}[1m5-hour (UTC)${esc}[22m`);
    expect(r.stdout).toContain(`2026-06-01 00:00${esc}[36m ← now${esc}[39m`);
    expect(r.stdout).toContain(`${esc}[31m full at 03:30${esc}[39m`);
    expect(r.stdout).toContain(`${esc}[36min 1h (2026-06-01 05:00)${esc}[39m`);
  });
});

describe("simulate and recommend", () => {
  it("simulate prints the totals, the windows, the days and the 5-hour blocks", async () => {
    const r = await runCli(["simulate", tinyLog(), "--plan", "plus"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "Plus, credits as-needed: 3 usages, 2026-06-01 01:00 → 2026-06-02 11:00 (UTC)",
        "┌─────────────────────────┬───────────────────────────┐",
        "│ Total                   │                       $30 │",
        "│ Subscription            │            $20 (1 charge) │",
        "│ Credits bought          │ 10,000 ($10, 2 purchases) │",
        "│ List value of the usage │                    $12.90 │",
        "│ Beyond quota (credits)  │                     6,004 │",
        "│ Paid by credits         │                     6,004 │",
        "│ Uncovered (credits)     │                         0 │",
        "│ Credits expired / left  │                 0 / 3,996 │",
        "└─────────────────────────┴───────────────────────────┘",
        "┌────────┬────────────┬────────────┬───────────┐",
        "│ Window │ Quota used │ Times full │ Time full │",
        "├────────┼────────────┼────────────┼───────────┤",
        "│ 5-hour │      6.896 │          1 │    1h 30m │",
        "│ weekly │      6.896 │          0 │        0s │",
        "└────────┴────────────┴────────────┴───────────┘",
        "┌────────────┬────────┬────────────┬─────────────────┬──────────────┬───────────┬────────┐",
        "│ Day        │ Usages │ List value │ Quota (credits) │ Credits used │ Uncovered │ Bought │",
        "├────────────┼────────┼────────────┼─────────────────┼──────────────┼───────────┼────────┤",
        "│ 2026-06-01 │      2 │     $12.60 │           6,596 │        6,004 │         0 │ 10,000 │",
        "│ 2026-06-02 │      1 │      $0.30 │             300 │            0 │         0 │      0 │",
        "└────────────┴────────┴────────────┴─────────────────┴──────────────┴───────────┴────────┘",
        "5-hour blocks with use (UTC): used against the limit",
        "2026-06-01 00:00  ██████████████████████████████   100%  6.596/6.596  full at 03:30",
        "2026-06-02 10:00  █▍░░░░░░░░░░░░░░░░░░░░░░░░░░░░   4.6%  0.3/6.596",
        "",
      ].join("\n"),
    );
  });

  it("recommend ranks every plan, cheapest first, and says why", async () => {
    const r = await runCli(["recommend", tinyLog()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "3 usages, 2026-06-01 01:00 → 2026-06-02 11:00 (UTC); credits as-needed; MiniMax Token Plan (global site)",
        "┌───┬──────────────┬───────┬───────────┬────────────────┬────────────────┐",
        "│ # │ Plan         │ Total │ Plan cost │ Credits bought │   Beyond quota │",
        "├───┼──────────────┼───────┼───────────┼────────────────┼────────────────┤",
        "│ 1 │ Credits only │   $15 │        $0 │   15,000 ($15) │ 12,900 credits │",
        "│ 2 │ Plus         │   $30 │       $20 │   10,000 ($10) │  6,004 credits │",
        "│ 3 │ Max          │   $50 │       $50 │         0 ($0) │      0 credits │",
        "│ 4 │ Ultra        │  $120 │      $120 │         0 ($0) │      0 credits │",
        "└───┴──────────────┴───────┴───────────┴────────────────┴────────────────┘",
        "1. Credits only: 15,000 credits ($15); the cheapest plan, Plus, costs $30",
        "2. Plus: $20 + 10,000 credits; $15 more than Credits only; the 5-hour window fills once in 2 days",
        "3. Max: $50 + 0 credits; $35 more than Credits only",
        "4. Ultra: $120 + 0 credits; $105 more than Credits only",
        "Cheapest: Credits only at $15",
        "",
      ].join("\n"),
    );
  });
});
