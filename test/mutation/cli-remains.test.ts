/**
 * `token-plan remains` to the character (issue #23's mutation run of `src/cli`): the table,
 * its notes, the colour of each status, the payload read from a file or from standard input
 * (`-`), the clock it counts from, and the one-line errors.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { refused } from "../../src/cli/commands/shared";
import { CliError } from "../../src/cli/io";
import { runCli, runCliInfo } from "../cli/support";

const fixture = (name: string) => path.join("test", "remains", "fixtures", name);
const at = "2026-06-04T12:10:00Z";
const esc = String.fromCharCode(27);

const currentV2Table = [
  "┌─────────┬────────┬──────────────────────┬──────────┬──────────┬───────────────────┐",
  "│ Bucket  │ Window │                      │     Used │   Counts │ Resets            │",
  "├─────────┼────────┼──────────────────────┼──────────┼──────────┼───────────────────┤",
  "│ general │ 5-hour │ #######------------- │      37% │          │ resets in 2h 50m  │",
  "│ general │ weekly │ ##------------------ │      12% │          │ resets in 3d 11h  │",
  "│ video   │ daily  │ #######------------- │      34% │ 1/3 used │ resets in 11h 50m │",
  "│ video   │ weekly │ .................... │ no limit │          │                   │",
  "└─────────┴────────┴──────────────────────┴──────────┴──────────┴───────────────────┘",
  "note: No endpoint was named; the counts at model_remains.1.current_interval_usage_count fit only the current endpoint, so every usage count is read as used.",
  "",
].join("\n");

describe("token-plan remains, to the character", () => {
  it("prints the table and then each note", async () => {
    const r = await runCli(["remains", fixture("current-v2.json"), "--at", at]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toBe(currentV2Table);
  });

  it("counts down from the clock when --at is left out", async () => {
    const r = await runCli(["remains", fixture("current-v2.json")], { nowMs: Date.parse(at) });
    expect(r.stdout).toBe(currentV2Table);
    const later = await runCli(["remains", fixture("current-v2.json")], {
      nowMs: Date.parse(at) + 3_600_000,
    });
    expect(later.stdout).toContain("resets in 1h 50m");
  });

  it("a payload without end times resets at the instant it was received plus the time it says remains", async () => {
    const payload = JSON.parse(readFileSync(fixture("current-v2.json"), "utf8")) as {
      model_remains: Record<string, unknown>[];
    };
    for (const model of payload.model_remains) {
      delete model.start_time;
      delete model.end_time;
    }
    const resetsAt = async (args: string[]) => {
      const r = await runCli(["remains", "-", ...args, "--json"], {
        stdin: JSON.stringify(payload),
        nowMs: Date.parse(at),
      });
      return JSON.parse(r.stdout).buckets[0].interval.resetsAt;
    };
    // remains_time is 10,200,000 ms (2 h 50 min).
    expect(await resetsAt(["--at", at])).toBe("2026-06-04T15:00:00.000Z");
    expect(await resetsAt(["--at", "2026-06-04T12:00:00Z"])).toBe("2026-06-04T14:50:00.000Z");
    expect(await resetsAt([])).toBe("2026-06-04T15:00:00.000Z");
  });

  it("a bad --at is a usage error that names the option", async () => {
    const r = await runCli(["remains", fixture("current-v2.json"), "--at", "soon"]);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(/^token-plan: --at: Expected an ISO-8601 instant/);
  });

  it("prints no note line when the report has none", async () => {
    const r = await runCli(["remains", fixture("plus-video-not-in-plan.json"), "--at", at]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("│ video   │ daily  │ .................... │ not in plan │");
    expect(r.stdout).not.toContain("note:");
    expect(r.stdout.endsWith("┘\n")).toBe(true);
  });

  it("colours a bar by its status on a terminal: exhausted red, normal green, the rest dim; notes dim", async () => {
    const r = await runCli(["remains", fixture("legacy-v1.json"), "--at", at], { tty: true });
    expect(r.code).toBe(0);
    const rows = r.stdout.split("\n");
    const row = (bucket: string, window: string) =>
      rows.find((l) => l.startsWith(`│ ${bucket}`) && l.includes(`│ ${window}`)) ?? "";
    expect(row("image-01", "daily")).toContain(`${esc}[31m####################${esc}[39m`);
    expect(row("MiniMax-M2.7", "5-hour")).toContain(`${esc}[32m#######-------------${esc}[39m`);
    expect(row("image-01", "weekly")).toContain(`${esc}[2m....................${esc}[22m`);
    expect(rows.find((l) => l.includes("note:"))).toMatch(
      new RegExp(`^${esc}\\[2mnote: No endpoint was named`),
    );
  });

  it("- reads the payload from standard input, as the file would be read", async () => {
    const text = readFileSync(fixture("current-v2.json"), "utf8");
    const r = await runCli(["remains", "-", "--at", at], { stdin: text });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toBe(currentV2Table);
    const json = await runCli(["remains", "--at", at, "--json", "-"], { stdin: text });
    expect(JSON.parse(json.stdout).buckets.map((b: { name: string }) => b.name)).toEqual([
      "general",
      "video",
    ]);
  });

  it("a payload that does not parse is exit 1, named by its file or as stdin", async () => {
    const file = await runCli(["remains", fixture("garbage.json"), "--at", at]);
    expect([file.code, file.stdout]).toEqual([1, ""]);
    expect(file.stderr).toBe(
      `token-plan: ${fixture("garbage.json")}: Expected a plain decimal quota-unit amount like "12.5", got "lots" at model_remains.0.current_interval_total_count.\n`,
    );
    const stdin = await runCli(["remains", "-", "--at", at], {
      stdin: readFileSync(fixture("garbage.json"), "utf8"),
    });
    expect([stdin.code, stdin.stdout]).toEqual([1, ""]);
    expect(stdin.stderr).toMatch(/^token-plan: stdin: Expected a plain decimal quota-unit amount/);
  });

  it("no payload named is a usage error (exit 2) that says how to give one", async () => {
    const r = await runCli(["remains"]);
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "token-plan: Give the payload file, or - for standard input: token-plan remains <file.json | ->.\n",
    });
  });

  it("a file that is not there is a usage error that names it", async () => {
    const r = await runCli(["remains", fixture("nope.json")]);
    expect(r).toEqual({ code: 2, stdout: "", stderr: `token-plan: No such file: ${fixture("nope.json")}\n` });
  });

  it("--help shows the options and the curl example", async () => {
    const r = await runCliInfo(["remains", "--help"]);
    const text = r.info.join("\n");
    expect(r.code).toBe(0);
    expect(text).toContain("$ token-plan remains [payload]");
    expect(text).toContain("--at <instant>  The instant the payload was fetched (default: now)");
    expect(text).toContain("--json          Print the parsed snapshot as JSON only");
    expect(text).toContain(
      "curl -s -H 'Authorization: Bearer $KEY' …/v1/token_plan/remains | token-plan remains -",
    );
  });
});

describe("refused: a library refusal as a one-line data error", () => {
  const thrown = (path: (string | number)[]) => {
    try {
      refused({ code: "invalid_input", message: "Bad.", path, params: {} });
    } catch (error) {
      return error;
    }
    return null;
  };

  it("adds the path, dotted, when there is one", () => {
    const error = thrown(["events", 3, "at"]);
    expect(error).toBeInstanceOf(CliError);
    expect([(error as CliError).message, (error as CliError).exitCode]).toEqual(["Bad. (events.3.at)", 1]);
  });

  it("adds nothing for the root", () => {
    expect((thrown([]) as CliError).message).toBe("Bad.");
  });
});
