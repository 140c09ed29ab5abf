/**
 * `token-plan remains <file.json | -> [--at T] [--json]`: the provider's own usage bars,
 * percentages and countdowns, from a saved `remains` payload (the library parses it; the
 * caller fetched it). `-` reads the payload from standard input.
 */
import { readFile } from "node:fs/promises";
import { parseRemains, remainsReport } from "../../index";
import { colorsFor, line, printJson, table } from "../format";
import { type CliIo, dataError, usageError } from "../io";
import { instantOption } from "../options";
import { type Flags, type RegisterCommand, refused } from "./shared";

async function readPayload(file: string, io: CliIo): Promise<string> {
  if (file === "-") return io.readStdin();
  try {
    return await readFile(file, "utf8");
  } catch {
    throw usageError(`No such file: ${file}`);
  }
}

export const registerRemains: RegisterCommand = (cli, { io, argv }) => {
  cli
    .command("remains [payload]", "The provider's usage bars and countdowns from a saved remains payload")
    .option("--at <instant>", "The instant the payload was fetched (default: now)")
    .option("--json", "Print the parsed snapshot as JSON only")
    .example("curl -s -H 'Authorization: Bearer $KEY' …/v1/token_plan/remains | token-plan remains -")
    .action(async (given: string | undefined, flags: Flags) => {
      // cac (mri) drops a lone "-", the usual name of standard input: read it from the command line.
      const file = given ?? (argv.includes("-") ? "-" : undefined);
      if (file === undefined)
        throw usageError(
          "Give the payload file, or - for standard input: token-plan remains <file.json | ->.",
        );
      const text = await readPayload(file, io);
      const at = instantOption("at", flags.at, io.nowMs());
      const snapshot = parseRemains(text, { receivedAt: at });
      if (!snapshot.ok) throw dataError(`${file === "-" ? "stdin" : file}: ${snapshot.error.message}`);
      if (flags.json === true) {
        printJson(io, snapshot.value);
        return;
      }
      const report = remainsReport(snapshot.value, at);
      // Stryker disable next-line ConditionalExpression: equivalent: remainsReport refuses only an instant before the payload was received, and it is the same instant here
      if (!report.ok) refused(report.error);
      const c = colorsFor(io);
      const t = table(
        ["Bucket", "Window", "", "Used", "Counts", "Resets"],
        // Stryker disable next-line StringLiteral: equivalent: cli-table3 aligns a column left when told nothing
        ["left", "left", "left", "right", "right", "left"],
      );
      for (const row of report.value.rows) {
        const paint = row.status === "exhausted" ? c.red : row.status === "normal" ? c.green : c.dim;
        t.push([row.bucket, row.label, paint(row.bar), row.percentText, row.countsText, row.countdownText]);
      }
      line(io, t.toString());
      for (const note of report.value.notes) line(io, c.dim(`note: ${note}`));
    });
};
