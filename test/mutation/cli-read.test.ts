/**
 * How the CLI reads logs (issue #23's mutation run of `src/cli/read.ts`): which files a folder
 * gives and in what order, JSON arrays and JSONL and CSV, the format found after blank lines,
 * and each malformed line reported with its file and line, or skipped and counted.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root, runCli, tempLogs } from "../cli/support";
import { claudeCodeLine, openAiLine } from "../logs/support";

const usage = (id: string, at: string, inputTokens = 1_000_000) =>
  JSON.stringify({ type: "usage", id, at, resource: "MiniMax-M3", measures: { inputTokens } });
const rel = (file: string) => path.relative(root, file);

/** The read summary and the usages' ids of `simulate --json`, with stderr and the exit code. */
async function read(args: readonly string[]) {
  const r = await runCli(["simulate", ...args, "--plan", "plus", "--json"]);
  if (r.code !== 0) return { code: r.code, stderr: r.stderr, read: null, days: null };
  const json = JSON.parse(r.stdout);
  return {
    code: r.code,
    stderr: r.stderr,
    read: json.read as Record<string, number>,
    days: (json.days as { date: string; usages: number }[]).map((d) => [d.date, d.usages]),
  };
}

describe("files and folders", () => {
  it("a folder gives its .jsonl, .csv and .json files at any depth, any case, and nothing else", async () => {
    const dir = tempLogs({
      "b.jsonl": `${usage("b1", "2026-06-02T00:00:00Z")}\n`,
      "notes.txt": "not a log\n",
      "c.json": `[${usage("c1", "2026-06-03T00:00:00Z")}]`,
    });
    mkdirSync(path.join(dir, "sub"));
    writeFileSync(path.join(dir, "sub", "a.JSONL"), `${usage("a1", "2026-06-01T00:00:00Z")}\n`);
    writeFileSync(
      path.join(dir, "sub", "d.CSV"),
      "at,resource,inputTokens\n2026-06-04T00:00:00Z,MiniMax-M3,5\n",
    );
    const r = await read([dir]);
    expect(r.read).toEqual({ files: 4, lines: 5, usages: 4, duplicates: 0, skippedLines: 0 });
    expect(r.days).toEqual([
      ["2026-06-01", 1],
      ["2026-06-02", 1],
      ["2026-06-03", 1],
      ["2026-06-04", 1],
    ]);
  });

  it("no path is a usage error; a path that is not there is one that names it", async () => {
    expect(await runCli(["simulate", "--plan", "plus"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "token-plan: Give at least one log file or folder.\n",
    });
    const missing = path.join(tempLogs({}), "nope");
    expect((await runCli(["simulate", missing, "--plan", "plus"])).stderr).toBe(
      `token-plan: No such file or folder: ${missing}\n`,
    );
  });
});

describe("JSON, JSONL and CSV", () => {
  it("a .json file holding an array is read record by record; one that is not JSON is refused", async () => {
    const dir = tempLogs({
      "array.json": ` \n[${usage("a", "2026-06-01T00:00:00Z")}, ${usage("b", "2026-06-02T00:00:00Z")}]`,
      "broken.json": "[1,",
    });
    expect((await read([path.join(dir, "array.json")])).read).toEqual({
      files: 1,
      lines: 2,
      usages: 2,
      duplicates: 0,
      skippedLines: 0,
    });
    const broken = await runCli(["simulate", path.join(dir, "broken.json"), "--plan", "plus"]);
    expect([broken.code, broken.stderr]).toEqual([
      1,
      `token-plan: ${path.join(dir, "broken.json")}: not valid JSON (Unexpected end of JSON input)\n`,
    ]);
  });

  it("a .json file that does not start with [ is read as JSON lines", async () => {
    const dir = tempLogs({
      "lines.json": `${usage("a", "2026-06-01T00:00:00Z")}\n${usage("b", "2026-06-01T01:00:00Z")}\n`,
    });
    expect((await read([path.join(dir, "lines.json")])).read?.usages).toBe(2);
  });

  it("blank lines are counted before the format shows, and their usages are read once it does", async () => {
    const dir = tempLogs({
      "late.jsonl": `\n\n${usage("a", "2026-06-01T00:00:00Z")}\n\n${usage("b", "2026-06-01T01:00:00Z")}\n`,
    });
    expect((await read([path.join(dir, "late.jsonl")])).read).toEqual({
      files: 1,
      lines: 5,
      usages: 2,
      duplicates: 0,
      skippedLines: 0,
    });
  });

  it("CSV: the header first, blank lines counted, a bad header and a broken quote refused with the line", async () => {
    const dir = tempLogs({
      "ok.csv":
        "at,resource,inputTokens\n2026-06-01T00:00:00Z,MiniMax-M3,5\n\n2026-06-01T01:00:00Z,MiniMax-M3,7\n",
      "header.csv": "foo,bar\n1,2\n",
      "quote.csv": 'at,resource,inputTokens\n"2026-06-01T00:00:00Z,MiniMax-M3,5\n',
    });
    expect((await read([path.join(dir, "ok.csv")])).read).toEqual({
      files: 1,
      lines: 4,
      usages: 2,
      duplicates: 0,
      skippedLines: 0,
    });
    const header = await runCli(["simulate", path.join(dir, "header.csv"), "--plan", "plus"]);
    expect([header.code, header.stderr]).toEqual([
      1,
      `token-plan: ${rel(path.join(dir, "header.csv"))}:1: header.0: Unknown CSV column "foo"; expected at, resource, id, serviceTier or a measure (inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, characters, images, songs, videos, seconds).\n`,
    ]);
    const quote = await runCli(["simulate", path.join(dir, "quote.csv"), "--plan", "plus"]);
    expect([quote.code, quote.stderr]).toEqual([
      1,
      `token-plan: ${rel(path.join(dir, "quote.csv"))}:2: not valid CSV (Quote Not Closed: the parsing is finished with an opening quote at line 2)\n`,
    ]);
  });

  it("--format csv reads a file of any name as CSV; --format usage skips the detection", async () => {
    const dir = tempLogs({
      "log.txt": "at,resource,inputTokens\n2026-06-01T00:00:00Z,MiniMax-M3,5\n",
      "u.jsonl": `${usage("a", "2026-06-01T00:00:00Z")}\n`,
    });
    expect((await read([path.join(dir, "log.txt"), "--format", "csv"])).read?.usages).toBe(1);
    expect((await read([path.join(dir, "u.jsonl"), "--format", "usage"])).read?.usages).toBe(1);
    const wrong = await runCli([
      "simulate",
      path.join(dir, "u.jsonl"),
      "--format",
      "claude-code",
      "--plan",
      "plus",
      "--json",
    ]);
    expect(JSON.parse(wrong.stdout).read.usages).toBe(0);
  });
});

describe("malformed lines", () => {
  const bad = (n: number) =>
    JSON.stringify({ type: "usage", id: `x${n}`, at: "nope", resource: "MiniMax-M3", measures: {} });
  const atMessage =
    'at: Expected an ISO-8601 instant with a Z or ±HH:MM offset, such as "2026-06-04T07:00:00Z", integer epoch milliseconds, or a valid Date; got "nope": not in that format at at.';

  it("one bad line: its file, line and field, then 'fix it', exit 1", async () => {
    const file = path.join(
      tempLogs({ "one.jsonl": `${usage("a", "2026-06-01T00:00:00Z")}\n${bad(1)}\n` }),
      "one.jsonl",
    );
    const r = await runCli(["simulate", file, "--plan", "plus"]);
    expect(r).toEqual({
      code: 1,
      stdout: "",
      stderr: `${rel(file)}:2: ${atMessage}\ntoken-plan: 1 malformed usage line; fix it or pass --skip-bad-lines to leave it out.\n`,
    });
  });

  it("more than 20 bad lines: the first 20 shown, the rest counted, 'fix them'", async () => {
    const lines = Array.from({ length: 23 }, (_, i) => bad(i));
    const file = path.join(tempLogs({ "many.jsonl": `${lines.join("\n")}\n` }), "many.jsonl");
    const r = await runCli(["simulate", file, "--plan", "plus"]);
    const err = r.stderr.split("\n");
    expect(r.code).toBe(1);
    expect(err.filter((l) => l.startsWith(`${rel(file)}:`)).length).toBe(20);
    expect(err[0]).toBe(`${rel(file)}:1: ${atMessage}`);
    expect(err[19]).toBe(`${rel(file)}:20: ${atMessage}`);
    expect(err[20]).toBe("… and 3 more malformed lines");
    expect(err[21]).toBe(
      "token-plan: 23 malformed usage lines; fix them or pass --skip-bad-lines to leave them out.",
    );
  });

  it("exactly 20 bad lines: all shown, nothing more", async () => {
    const file = path.join(
      tempLogs({ "twenty.jsonl": `${Array.from({ length: 20 }, (_, i) => bad(i)).join("\n")}\n` }),
      "twenty.jsonl",
    );
    const r = await runCli(["simulate", file, "--plan", "plus"]);
    expect(r.stderr).not.toContain("more malformed");
    expect(r.stderr.split("\n").length).toBe(22);
  });

  it("--skip-bad-lines: skipped and counted, the first named on stderr", async () => {
    const file = path.join(
      tempLogs({ "skip.jsonl": `${usage("a", "2026-06-01T00:00:00Z")}\n${bad(1)}\n${bad(2)}\n` }),
      "skip.jsonl",
    );
    const r = await read([file, "--skip-bad-lines"]);
    expect(r.code).toBe(0);
    expect(r.read).toEqual({ files: 1, lines: 3, usages: 1, duplicates: 0, skippedLines: 2 });
    expect(r.stderr).toBe(`Skipped 2 malformed usage lines (first: ${rel(file)}:2: ${atMessage})\n`);
    const one = path.join(tempLogs({ "skip1.jsonl": `${bad(1)}\n` }), "skip1.jsonl");
    expect((await read([one, "--skip-bad-lines"])).stderr).toBe(
      `Skipped 1 malformed usage line (first: ${rel(one)}:1: ${atMessage})\n`,
    );
  });
});

describe("the catalog, the order and the format's detection", () => {
  it("every reader prices against the chosen catalog (the coding plan has no MiniMax-M3)", async () => {
    const dir = tempLogs({
      "cc.jsonl": `${claudeCodeLine({ model: "MiniMax-M3", messageId: "m1", requestId: "r1" })}\n`,
      "oa.jsonl": `${openAiLine({})}\n`,
      "u.jsonl": `${usage("a", "2026-06-01T00:00:00Z")}\n`,
      "u.csv": "at,resource,inputTokens\n2026-06-01T00:00:00Z,MiniMax-M3,5\n",
      "arr.json": `[${claudeCodeLine({ model: "MiniMax-M3", messageId: "m2", requestId: "r2" })}]`,
    });
    const billed = async (file: string, format: string) => {
      const r = await runCli([
        "recommend",
        path.join(dir, file),
        "--catalog",
        "coding",
        "--format",
        format,
        "--json",
      ]);
      return r.code === 0 ? JSON.parse(r.stdout).notBilled : r.stderr.split("\n")[0];
    };
    expect(await billed("cc.jsonl", "claude-code")).toEqual({ "MiniMax-M3": 1 });
    expect(await billed("oa.jsonl", "openai")).toEqual({ "MiniMax-M3": 1 });
    expect(await billed("arr.json", "auto")).toEqual({ "MiniMax-M3": 1 });
    expect(await billed("u.jsonl", "usage")).toBe(
      `${rel(path.join(dir, "u.jsonl"))}:1: resource: No resource "MiniMax-M3" in catalog "minimax-coding-plan".`,
    );
    expect(await billed("u.csv", "auto")).toBe(
      `${rel(path.join(dir, "u.csv"))}:2: resource: No resource "MiniMax-M3" in catalog "minimax-coding-plan".`,
    );
  });

  it("a folder's files are read in name order: its malformed lines are listed in that order", async () => {
    const names = ["m.jsonl", "b.jsonl", "z.jsonl", "a.jsonl", "k.jsonl", "c.jsonl"];
    const dir = tempLogs(Object.fromEntries(names.map((n) => [n, "not json\n"])));
    const r = await runCli(["simulate", dir, "--plan", "plus"]);
    const files = r.stderr
      .split("\n")
      .filter((l) => l.includes(".jsonl:1:"))
      .map((l) => path.basename(l.slice(0, l.indexOf(":"))));
    expect(files).toEqual([...names].sort());
  });

  it("the format shows within the first 1,000 lines, or the lines are read as the library's events", async () => {
    const cc = claudeCodeLine({ messageId: "m1", requestId: "r1" });
    const dir = tempLogs({
      "late.jsonl": `${"\n".repeat(999)}${cc}\n`,
      "too-late.jsonl": `${"\n".repeat(1000)}${cc}\n`,
    });
    const late = await read([path.join(dir, "late.jsonl")]);
    expect([late.code, late.read?.usages, late.read?.lines]).toEqual([0, 1, 1000]);
    const tooLate = await runCli(["simulate", path.join(dir, "too-late.jsonl"), "--plan", "plus"]);
    expect(tooLate.code).toBe(1);
    expect(tooLate.stderr).toContain(`${rel(path.join(dir, "too-late.jsonl"))}:1001: `);
  });

  it("a JSON array whose records show no format is read as the library's events", async () => {
    const file = path.join(tempLogs({ "odd.json": '[{"foo": 1}]' }), "odd.json");
    const r = await runCli(["simulate", file, "--plan", "plus"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${rel(file).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1: `));
    expect(r.stderr).toContain("token-plan: 1 malformed usage line;");
  });

  it("a .csv file read with --format usage is JSON lines (each line malformed)", async () => {
    const file = path.join(
      tempLogs({ "u.csv": "at,resource,inputTokens\n2026-06-01T00:00:00Z,MiniMax-M3,5\n" }),
      "u.csv",
    );
    const r = await runCli(["simulate", file, "--format", "usage", "--plan", "plus"]);
    expect([r.code, r.stderr.split("\n").at(-2)]).toEqual([
      1,
      "token-plan: 2 malformed usage lines; fix them or pass --skip-bad-lines to leave them out.",
    ]);
  });

  it("CSV: a byte-order mark, a short row and a trailing blank line", async () => {
    const dir = tempLogs({
      "bom.csv": "\uFEFFat,resource,inputTokens\n2026-06-01T00:00:00Z,MiniMax-M3,5\n",
      "short.csv": "at,resource,inputTokens,outputTokens\n2026-06-01T00:00:00Z,MiniMax-M3,5\n",
      "trailing.csv": "at,resource,inputTokens\n2026-06-01T00:00:00Z,MiniMax-M3,5\n\n",
    });
    expect((await read([path.join(dir, "bom.csv")])).read?.usages).toBe(1);
    // The reader, not the CSV parser, reports a short row: with its file and line.
    const short = await runCli(["simulate", path.join(dir, "short.csv"), "--plan", "plus"]);
    expect(short.stderr.split("\n")[0]).toBe(
      `${rel(path.join(dir, "short.csv"))}:2: Expected 4 cells as the header has, got 3.`,
    );
    expect((await read([path.join(dir, "trailing.csv")])).read).toEqual({
      files: 1,
      lines: 3,
      usages: 1,
      duplicates: 0,
      skippedLines: 0,
    });
  });

  it("only a .json file is read as one array: a .jsonl holding brackets is two bad lines", async () => {
    const file = path.join(tempLogs({ "brackets.jsonl": "[\n]\n" }), "brackets.jsonl");
    const r = await runCli(["simulate", file, "--plan", "plus"]);
    expect([r.code, r.stderr.split("\n").at(-2)]).toEqual([
      1,
      "token-plan: 2 malformed usage lines; fix them or pass --skip-bad-lines to leave them out.",
    ]);
  });

  it("a JSON array: --format decides over the detection, and the first record that shows a format decides", async () => {
    const cc = claudeCodeLine({ messageId: "m1", requestId: "r1" });
    const dir = tempLogs({ "cc.json": `[${cc}]`, "late.json": `[{"foo": 1}, ${cc}]` });
    const asUsage = await runCli([
      "simulate",
      path.join(dir, "cc.json"),
      "--format",
      "usage",
      "--plan",
      "plus",
    ]);
    expect(asUsage.code).toBe(1);
    expect((await read([path.join(dir, "cc.json")])).read?.usages).toBe(1);
    const late = await runCli([
      "simulate",
      path.join(dir, "late.json"),
      "--plan",
      "plus",
      "--skip-bad-lines",
      "--json",
    ]);
    expect(JSON.parse(late.stdout).read.usages).toBe(1);
  });
});
