/**
 * The CLI's small parts on their own (issue #23's mutation run of `src/cli`): option values
 * and their exact messages, the display helpers at their thresholds, when colour is on, the
 * progress line's pacing, and how `main` answers each kind of command line.
 */
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { bar, duration, percent, plural, when } from "../../src/cli/format";
import { CliError, type CliIo, dataError, usageError, wantsColor } from "../../src/cli/io";
import {
  catalogOption,
  creditsOption,
  formatOption,
  instantOption,
  logFormats,
  planOption,
} from "../../src/cli/options";
import { Progress } from "../../src/cli/progress";
import { runCli, runCliInfo } from "../cli/support";

const esc = String.fromCharCode(27);
const thrownBy = (f: () => unknown): CliError => {
  try {
    f();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("did not throw");
};

describe("option values and their messages", () => {
  const global = catalogOption("global");

  it("--catalog: each shipped name, and the list when it is none of them", () => {
    expect(["global", "china", "v1", "coding"].map((n) => catalogOption(n).id)).toEqual([
      "minimax-token-plan-v2",
      "minimax-token-plan-v2-china",
      "minimax-token-plan-v1",
      "minimax-coding-plan",
    ]);
    const e = thrownBy(() => catalogOption("mars"));
    expect([e.message, e.exitCode]).toEqual([
      "--catalog must be one of global, china, v1, coding; got mars.",
      2,
    ]);
    expect(thrownBy(() => catalogOption(7)).message).toBe(
      "--catalog must be one of global, china, v1, coding; got 7.",
    );
  });

  it("--credits: none, as-needed or a package", () => {
    expect(["none", "as-needed", "usd-5"].map((v) => creditsOption(v, global))).toEqual([
      "none",
      "as-needed",
      "usd-5",
    ]);
    expect(thrownBy(() => creditsOption("usd-7", global)).message).toBe(
      "--credits must be none, as-needed or one of usd-5, usd-25, usd-100; got usd-7.",
    );
    expect(thrownBy(() => creditsOption(5, global)).message).toMatch(/got 5\.$/);
  });

  it("--plan: a tier or none, required", () => {
    expect(["plus", "none"].map((v) => planOption(v, global))).toEqual(["plus", "none"]);
    expect(thrownBy(() => planOption(undefined, global)).message).toBe(
      "--plan is required: one of plus, max, ultra or none.",
    );
    expect(thrownBy(() => planOption("mega", global)).message).toBe(
      "--plan must be one of plus, max, ultra or none; got mega.",
    );
    expect(thrownBy(() => planOption(true, global)).message).toBe(
      "--plan must be one of plus, max, ultra or none; got true.",
    );
  });

  it("an instant: digits are epoch ms, anything else is parsed as ISO-8601, a bad one names the option", () => {
    expect(instantOption("at", "0", 9)).toBe(0);
    expect(instantOption("at", "2026-06-04T08:00:00+08:00", 9)).toBe(Date.parse("2026-06-04T00:00:00Z"));
    const e = thrownBy(() => instantOption("at", "12a", 9));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/^--at: Expected an ISO-8601 instant/);
    expect(thrownBy(() => instantOption("now", "-5", 9)).message).toMatch(/^--now: /);
    // Only a whole run of digits is epoch ms: text that ends in digits is still text.
    expect(thrownBy(() => instantOption("at", "a12", 9)).message).toContain('got "a12"');
  });

  it("--format: every format, and the list when it is none of them", () => {
    expect(logFormats.map((f) => formatOption(f))).toEqual(["auto", "usage", "claude-code", "openai", "csv"]);
    expect(thrownBy(() => formatOption("xml")).message).toBe(
      "--format must be one of auto, usage, claude-code, openai, csv; got xml.",
    );
  });
});

describe("display helpers", () => {
  it("bars turn yellow at 80 % and red at 100 %", () => {
    const c = pc.createColors(true);
    expect(bar(79, 10, c)).toBe(c.green("███████▉") + c.dim("░░"));
    expect(bar(79.9, 10, c)).toBe(c.green("████████") + c.dim("░░"));
    expect(bar(80, 10, c)).toBe(c.yellow("████████") + c.dim("░░"));
    expect(bar(99.9, 10, c)).toBe(c.yellow("██████████") + c.dim(""));
    expect(bar(100, 10, c)).toBe(c.red("██████████") + c.dim(""));
    expect(bar(-5, 4, pc.createColors(false))).toBe("░░░░");
    expect(bar(0.5, 8, pc.createColors(false))).toBe("░░░░░░░░"); // 0.32 of an eighth: none
    expect(bar(1, 8, pc.createColors(false))).toBe("▏░░░░░░░"); // 0.64: one eighth
  });

  it("percent keeps one decimal; plural says 0 and many alike", () => {
    expect([percent(63.25), percent(63.24), percent(100), percent(0)]).toEqual([
      "63.3%",
      "63.2%",
      "100%",
      "0%",
    ]);
    expect([plural(0, "lot"), plural(1, "lot"), plural(2, "lot")]).toEqual(["0 lots", "1 lot", "2 lots"]);
  });

  it("durations: days and hours, hours and minutes, minutes, seconds", () => {
    expect([
      duration(86_400_000 + 59 * 60_000),
      duration(3_600_000 + 59_999),
      duration(59 * 60_000 + 59_999),
      duration(59_999),
      duration(999),
    ]).toEqual(["1d", "1h", "59m", "59s", "0s"]);
  });

  it("when: the date and time of day in a zone, 24-hour", () => {
    const ms = Date.parse("2026-06-04T16:05:00Z");
    expect([
      when(ms, "UTC"),
      when(ms, "Asia/Shanghai"),
      when(Date.parse("2026-06-04T00:00:00Z"), "UTC"),
    ]).toEqual(["2026-06-04 16:05", "2026-06-05 00:05", "2026-06-04 00:00"]);
  });
});

describe("io", () => {
  const io = (over: Partial<CliIo>): CliIo => ({
    stdout: () => undefined,
    stderr: () => undefined,
    stdoutIsTTY: true,
    stderrIsTTY: true,
    env: {},
    nowMs: () => 0,
    cwd: "/",
    readStdin: async () => "",
    ...over,
  });

  it("colour only on a terminal, not with NO_COLOR set (an empty one does not count) or TERM=dumb", () => {
    expect(wantsColor(io({}))).toBe(true);
    expect(wantsColor(io({ stdoutIsTTY: false }))).toBe(false);
    expect(wantsColor(io({ env: { NO_COLOR: "1" } }))).toBe(false);
    expect(wantsColor(io({ env: { NO_COLOR: "" } }))).toBe(true);
    expect(wantsColor(io({ env: { TERM: "dumb" } }))).toBe(false);
    expect(wantsColor(io({ env: { TERM: "xterm-256color" } }))).toBe(true);
  });

  it("usage errors exit 2, data errors 1, and both are CliErrors", () => {
    expect([usageError("u").exitCode, dataError("d").exitCode]).toEqual([2, 1]);
    expect([usageError("u").name, dataError("d").message]).toEqual(["CliError", "d"]);
  });

  it("progress: on a terminal only, every 4,096 lines at most five times a second, cleared only when drawn", () => {
    let stderr = "";
    let now = 0;
    const p = new Progress(io({ stderr: (t) => (stderr += t), nowMs: () => now }));
    p.tick("a.jsonl", 4095);
    expect(stderr).toBe("");
    p.tick("a.jsonl", 4096);
    expect(stderr).toBe(`\r${esc}[Kreading a.jsonl: 4,096 lines`);
    now = 199;
    p.tick("a.jsonl", 8192);
    expect(stderr).toBe(`\r${esc}[Kreading a.jsonl: 4,096 lines`);
    now = 200;
    p.tick("a.jsonl", 12_288);
    expect(stderr.endsWith(`\r${esc}[Kreading a.jsonl: 12,288 lines`)).toBe(true);
    stderr = "";
    p.done();
    p.done();
    expect(stderr).toBe(`\r${esc}[K`);
    let piped = "";
    const quiet = new Progress(io({ stderrIsTTY: false, stderr: (t) => (piped += t) }));
    quiet.tick("a.jsonl", 4096);
    quiet.note("replaying");
    quiet.done();
    expect(piped).toBe("");
    const untouched = new Progress(io({ stderr: (t) => (piped += t) }));
    untouched.done();
    expect(piped).toBe("");
  });
});

describe("main", () => {
  it("--help prints the help once, under the program's name", async () => {
    const r = await runCliInfo(["--help"]);
    const text = r.info.join("\n");
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "", ""]);
    expect(text.startsWith("token-plan/")).toBe(true);
    expect(text).toContain("$ token-plan <command> [options]");
    expect(text.split("Usage:").length).toBe(2);
  });

  it("an unknown command, and an option without its value, are usage errors", async () => {
    expect(await runCli(["frob"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'token-plan: Unknown command "frob"; see token-plan --help.\n',
    });
    expect(await runCli(["simulate", "x", "--plan"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "token-plan: option `--plan <tier>` value is missing; see token-plan --help.\n",
    });
  });

  it("--version says the package's version and exits 0 without running a command", async () => {
    const r = await runCliInfo(["--version"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "", ""]);
    expect(r.info.length).toBe(1);
    expect(r.info[0]).toMatch(/^token-plan\/\d+\.\d+\.\d+ /);
  });

  it("--help after a command prints that command's help, not the command", async () => {
    const r = await runCliInfo(["simulate", "--help"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "", ""]);
    expect(r.info.join("\n")).toContain("$ token-plan simulate [...paths]");
  });
});
