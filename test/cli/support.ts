/**
 * Running the CLI in tests: in-process through `main` with a recorded io, or as the built
 * binary (`node dist/cli.js`, built from tsup.config.ts's CLI entry into a temp folder),
 * and small temp log files to break.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { vi } from "vitest";
import { main } from "../../src/cli/main";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const logs = (name: string) => path.join(root, "examples/logs", name);

/** What one CLI run printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of a recorded run. */
export interface RunOptions {
  readonly tty?: boolean;
  readonly env?: Readonly<Record<string, string>>;
  /** The wall clock (default 2026-06-30T00:00:00Z, after every example log). */
  readonly nowMs?: number;
  /** What standard input holds (default: nothing). */
  readonly stdin?: string;
}

/** Runs the CLI in-process with a recorded io. */
export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    env: options.env ?? {},
    nowMs: () => options.nowMs ?? Date.parse("2026-06-30T00:00:00Z"),
    cwd: root,
    readStdin: async () => options.stdin ?? "",
  });
  return { code, stdout, stderr };
}

/** A run with what cac printed through console.info (the help and the version) recorded, line by line. */
export async function runCliInfo(
  args: readonly string[],
  options: RunOptions = {},
): Promise<CliRun & { readonly info: readonly string[] }> {
  const info: string[] = [];
  const spy = vi.spyOn(console, "info").mockImplementation((...parts: unknown[]) => {
    info.push(parts.join(" "));
  });
  try {
    return { ...(await runCli(args, options)), info };
  } finally {
    spy.mockRestore();
  }
}

/** Runs a built binary with node, as a user would. */
export function runBinary(
  binary: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): CliRun {
  const r = spawnSync(process.execPath, [binary, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** One usage line of the library's own format. */
export function usageLine(
  id: string,
  at: string,
  resource: string,
  measures: Readonly<Record<string, number>>,
): string {
  return JSON.stringify({ type: "usage", id, at, resource, measures });
}

/** Three usages: two that fill a Plus 5-hour block on 2026-06-01 (full at 03:30), one the next day. */
export const threeUsages = [
  usageLine("u1", "2026-06-01T01:00:00Z", "MiniMax-M3", { inputTokens: 2_000_000, outputTokens: 500_000 }),
  usageLine("u2", "2026-06-01T03:30:00Z", "MiniMax-M3", { inputTokens: 9_000_000, outputTokens: 2_000_000 }),
  usageLine("u3", "2026-06-02T11:00:00Z", "MiniMax-M2.7", { inputTokens: 1_000_000 }),
].join("\n");

/** On the v1 catalog: an image and a speech usage, each on its own bucket's window named "daily". */
export const v1DailyUsages = [
  usageLine("i1", "2026-06-01T01:00:00Z", "image-01", { images: 2 }),
  usageLine("s1", "2026-06-01T02:00:00Z", "speech-hd", { characters: 500 }),
].join("\n");

/** A log file in a temp folder of its own. */
export function tempLog(name: string, text: string): string {
  return path.join(tempLogs({ [name]: text }), name);
}

/** A temp folder with the given files. */
export function tempLogs(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "token-plan-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** ANSI escape sequences (colour, cursor). */
export const ansi = new RegExp(`${String.fromCharCode(27)}\\[`);
