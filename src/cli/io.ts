/**
 * What the CLI touches of the outside world, as one value: the commands write through
 * it and read the clock from it, so tests run them in-process with a recorded io and the
 * bin passes the real one.
 */

/** The outside world of one CLI run. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The wall clock, epoch ms (the only clock the CLI reads). */
  readonly nowMs: () => number;
  /** The working directory paths are shown relative to. */
  readonly cwd: string;
  /** Standard input, read to its end (`token-plan remains -`). */
  readonly readStdin: () => Promise<string>;
}

/** Exit codes: 1 for bad data (a malformed line, a ledger that does not parse), 2 for bad usage. */
export type ExitCode = 0 | 1 | 2;

/** A failure the CLI reports in one line and exits with; never shown with a stack trace. */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** A usage error (exit 2): a bad option value, a missing path. */
export function usageError(message: string): CliError {
  return new CliError(message, 2);
}

/** A data error (exit 1). */
export function dataError(message: string): CliError {
  return new CliError(message, 1);
}

/** Colour on stdout only for a terminal, never with NO_COLOR (https://no-color.org). */
export function wantsColor(io: CliIo): boolean {
  const noColor = io.env.NO_COLOR;
  return io.stdoutIsTTY && (noColor === undefined || noColor === "") && io.env.TERM !== "dumb";
}
