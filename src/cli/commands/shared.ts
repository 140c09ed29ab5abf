/** What the log commands share: their options, and reading the logs they name. */
import type { CAC, Command } from "cac";
import type { Catalog, LedgerError } from "../../index";
import { type CliIo, dataError } from "../io";
import { catalogOption, formatOption } from "../options";
import { type ReadLogs, readLogs } from "../read";

/** One CLI run's context, handed to every command. */
export interface CommandContext {
  readonly io: CliIo;
  /** The command line as given (after the program name). */
  readonly argv: readonly string[];
}

/** Registers one command on the CLI. The lead adds commands in this style. */
export type RegisterCommand = (cli: CAC, context: CommandContext) => void;

/** The options every command reading logs takes. */
export function withLogOptions(command: Command): Command {
  return command
    .option("--catalog <name>", "Rules: global, china (windows in Asia/Shanghai), v1 or coding", {
      default: "global",
    })
    .option("--format <format>", "Log format: auto, usage, claude-code, openai or csv", { default: "auto" })
    .option("--skip-bad-lines", "Leave malformed usage lines out (their count goes to stderr)")
    .option("--json", "Print JSON only (exact amounts as decimal strings)");
}

/** Flags as cac hands them (camelCased). */
export type Flags = Readonly<Record<string, unknown>>;

/** The catalog a run uses and the logs it read. */
export interface LoadedLogs {
  readonly catalog: Catalog;
  readonly logs: ReadLogs;
}

/** Reads the logs a command names, with its flags. */
export async function loadLogs(paths: readonly string[], flags: Flags, io: CliIo): Promise<LoadedLogs> {
  const catalog = catalogOption(flags.catalog);
  const logs = await readLogs(
    paths,
    { catalog, format: formatOption(flags.format), skipBadLines: flags.skipBadLines === true },
    io,
  );
  return { catalog, logs };
}

/** A library refusal, as a one-line CLI error. */
export function refused(error: LedgerError): never {
  throw dataError(`${error.message}${error.path.length > 0 ? ` (${error.path.join(".")})` : ""}`);
}

/** What the log commands add to their JSON: what was not billed and what was read. */
export function readSummary(logs: ReadLogs) {
  return {
    notBilled: logs.notBilled,
    read: {
      files: logs.files,
      lines: logs.lines,
      usages: logs.usages.length,
      duplicates: logs.duplicates,
      skippedLines: logs.badLines,
    },
  };
}

/** The not-billed line for people, or null when every model is priced. */
export function notBilledText(logs: ReadLogs): string | null {
  const models = Object.entries(logs.notBilled);
  if (models.length === 0) return null;
  const list = models.map(([model, count]) => `${model} × ${count.toLocaleString("en-US")}`).join(", ");
  return `Not billed (models the catalog does not price): ${list}`;
}
