/**
 * The `token-plan` CLI: a thin shell over the library. Each command lives in its own file
 * under `commands/` and is registered here; `main` runs one command line against an io
 * and returns the exit code (0, 1 for bad data, 2 for bad usage). It never throws and
 * never prints a stack trace.
 */
import { cac } from "cac";
import { version } from "../../package.json";
import { registerBlocks } from "./commands/blocks";
import { registerRecommend } from "./commands/recommend";
import { registerRemains } from "./commands/remains";
import type { RegisterCommand } from "./commands/shared";
import { registerSimulate } from "./commands/simulate";
import { registerStatus } from "./commands/status";
import { CliError, type CliIo, type ExitCode } from "./io";

/** Every command, in the order `--help` lists them. */
const commands: readonly RegisterCommand[] = [
  registerRecommend,
  registerSimulate,
  registerBlocks,
  registerStatus,
  registerRemains,
];

/** Runs one command line (the arguments after the program name) and returns its exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  // Stryker disable next-line StringLiteral: equivalent: cac names itself after the second argument parse gets, "token-plan", when given no name
  const cli = cac("token-plan");
  for (const register of commands) register(cli, { io, argv });
  cli.help();
  cli.version(version);
  try {
    // Stryker disable next-line StringLiteral: equivalent: cac reads the arguments after these two
    cli.parse(["node", "token-plan", ...argv], { run: false });
    if (cli.options.help === true || cli.options.version === true) return 0;
    if (cli.matchedCommand === undefined) {
      const [unknown] = cli.args;
      if (unknown !== undefined)
        throw new CliError(`Unknown command "${unknown}"; see token-plan --help.`, 2);
      cli.outputHelp();
      return 0;
    }
    await cli.runMatchedCommand();
    return 0;
  } catch (error) {
    return report(error, io);
  }
}

/** One line on stderr for any failure; the exit code it stands for. */
function report(error: unknown, io: CliIo): ExitCode {
  if (error instanceof CliError) {
    io.stderr(`token-plan: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === "CACError") {
    io.stderr(`token-plan: ${error.message}; see token-plan --help.\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Stryker disable next-line StringLiteral: unreachable: split returns at least one string
  io.stderr(`token-plan: unexpected error: ${message.split("\n")[0] ?? ""}\n`);
  return 1;
}
