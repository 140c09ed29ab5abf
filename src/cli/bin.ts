/** The `token-plan` executable: the real io, then `main`. */
// Stryker disable all: the process entry (real streams, process.exit); test/cli/e2e.test.ts runs it as the built binary, which the in-process mutation runner cannot see
import { main } from "./main";

// A reader that stops early (`token-plan simulate … | head`) closes the pipe: stop quietly.
// Any other failure to write is one line on stderr (if it still works) and exit 1.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    process.stderr.write(`token-plan: cannot write its output (${error.message})\n`);
    process.exit(1);
  });
}

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  nowMs: () => Date.now(),
  cwd: process.cwd(),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`token-plan: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
