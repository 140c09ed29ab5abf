/**
 * Reading usage logs from files and folders, streaming: a folder is walked recursively
 * for `*.jsonl`, `*.csv` and `*.json`, each file read line by line (readline over a file
 * stream, csv-parse for CSV), never whole (except a `.json` file holding one JSON array).
 * Every line is counted, blank ones included, so a line number is the editor's. A
 * malformed usage line is reported with its file, line and field.
 */
import { createReadStream } from "node:fs";
import { open, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { parse as parseCsv } from "csv-parse";
import {
  type Catalog,
  claudeCodeReader,
  createUsageDedupe,
  detectLogFormat,
  type LedgerError,
  type LogLineResult,
  type LogReader,
  openAiReader,
  type UsageEvent,
  usageCsvReader,
  usageJsonlReader,
} from "../index";
import { CliError, type CliIo, dataError, usageError } from "./io";
import type { LogFormatOption } from "./options";
import { Progress } from "./progress";

/** What was read from every file. */
export interface ReadLogs {
  readonly usages: readonly UsageEvent[];
  /** Messages per model the catalog does not price. */
  readonly notBilled: Readonly<Record<string, number>>;
  readonly files: number;
  readonly lines: number;
  /** Malformed usage lines skipped (with --skip-bad-lines). */
  readonly badLines: number;
  /** Copies of one message dropped (streamed copies, subagent and resumed-session copies). */
  readonly duplicates: number;
}

/** How to read. */
export interface ReadOptions {
  readonly catalog: Catalog;
  readonly format: LogFormatOption;
  readonly skipBadLines: boolean;
}

/** The first malformed lines are shown; the rest are counted. */
const badLinesShownMax = 20;
/** Lines a file may start with before its format shows (blank lines, unknown records). */
const detectLinesMax = 1000;
const logExtensions = new Set([".jsonl", ".csv", ".json"]);

async function walk(target: string, out: string[]): Promise<void> {
  const entries = await readdir(target, { withFileTypes: true });
  // Names in one folder are unique.
  // Stryker disable next-line all: equivalent on Node: libuv already lists a folder in name order; the sort keeps that order if it ever does not
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (entry.isFile() && logExtensions.has(path.extname(entry.name).toLowerCase())) out.push(full);
  }
}

/** Every log file named or under a named folder, in a stable order. */
export async function logFiles(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) throw usageError("Give at least one log file or folder.");
  const files: string[] = [];
  for (const p of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(p);
    } catch {
      throw usageError(`No such file or folder: ${p}`);
    }
    if (info.isDirectory()) await walk(p, files);
    else files.push(p);
  }
  return files;
}

/** The formats read as JSON (a file in any other is CSV). */
type JsonFormat = Exclude<LogFormatOption, "csv">;

/** The reader for a JSON format. */
function jsonReader(format: "usage" | "claude-code" | "openai", catalog: Catalog): LogReader {
  switch (format) {
    case "usage":
      return usageJsonlReader({ catalog });
    case "claude-code":
      return claudeCodeReader({ catalog });
    case "openai":
      return openAiReader({ catalog });
  }
}

/** Reads every file, deduplicating messages across all of them. */
export async function readLogs(paths: readonly string[], options: ReadOptions, io: CliIo): Promise<ReadLogs> {
  const files = await logFiles(paths);
  const dedupe = createUsageDedupe();
  const progress = new Progress(io);
  let lines = 0;
  let bad = 0;
  const shown: string[] = [];
  const where = (file: string) => path.relative(io.cwd, file);

  const take = (file: string, lineNumber: number, result: LogLineResult): void => {
    if (result.kind === "error") {
      bad++;
      if (shown.length < badLinesShownMax)
        shown.push(`${where(file)}:${lineNumber}: ${describe(result.error)}`);
      return;
    }
    dedupe.add(result);
  };

  for (const file of files) {
    const name = where(file);
    const extension = path.extname(file).toLowerCase();
    const format = options.format;
    if (format === "csv" || (format === "auto" && extension === ".csv")) {
      lines += await readCsv(
        file,
        name,
        options.catalog,
        (line, result) => take(file, line, result),
        progress,
      );
    } else if (extension === ".json" && (await startsWithBracket(file))) {
      lines += await readJsonArray(file, format, options.catalog, (line, result) => take(file, line, result));
    } else {
      lines += await readJsonLines(
        file,
        name,
        format,
        options.catalog,
        (line, result) => take(file, line, result),
        progress,
      );
    }
  }
  progress.done();

  if (bad > 0) {
    if (!options.skipBadLines) {
      for (const line of shown) io.stderr(`${line}\n`);
      if (bad > shown.length) io.stderr(`… and ${bad - shown.length} more malformed lines\n`);
      throw dataError(
        `${bad} malformed usage line${bad === 1 ? "" : "s"}; fix ${bad === 1 ? "it" : "them"} or pass --skip-bad-lines to leave ${bad === 1 ? "it" : "them"} out.`,
      );
    }
    io.stderr(`Skipped ${bad} malformed usage line${bad === 1 ? "" : "s"} (first: ${shown[0] as string})\n`);
  }
  const { events, notBilled, duplicates } = dedupe.finish();
  return { usages: events, notBilled, files: files.length, lines, badLines: bad, duplicates };
}

/** "message.usage.output_tokens: Expected a whole number …" */
function describe(error: LedgerError): string {
  const field = error.path.length > 0 ? `${error.path.join(".")}: ` : "";
  return `${field}${error.message}`;
}

async function startsWithBracket(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  // Stryker disable BlockStatement: equivalent: an unclosed handle is only a file descriptor left to the garbage collector
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("utf8").trimStart().startsWith("[");
  } finally {
    await handle.close();
  }
  // Stryker restore BlockStatement
}

/** Reads a JSONL file line by line; returns the number of lines. */
async function readJsonLines(
  file: string,
  name: string,
  format: JsonFormat,
  catalog: Catalog,
  take: (line: number, result: LogLineResult) => void,
  progress: Progress,
): Promise<number> {
  // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent: readline decodes a byte stream as UTF-8 itself
  const stream = createReadStream(file, { encoding: "utf8" });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let reader: LogReader | null = format === "auto" ? null : jsonReader(format, catalog);
  const waiting: string[] = [];
  let count = 0;
  for await (const line of lines) {
    count++;
    progress.tick(name, count);
    if (reader === null) {
      const detected = detectLogFormat(line);
      waiting.push(line);
      if (detected === null && waiting.length < detectLinesMax) continue;
      reader = jsonReader(detected ?? "usage", catalog);
      for (const [k, early] of waiting.entries()) take(k + 1, reader(early));
      waiting.length = 0;
      continue;
    }
    take(count, reader(line));
  }
  // Stryker disable next-line ConditionalExpression: equivalent: once a format was found, no line waits, so the fallback reads nothing
  if (reader === null) {
    // No line told the format (all blank or unknown): read them as the library's own events.
    const fallback = jsonReader("usage", catalog);
    for (const [k, early] of waiting.entries()) take(k + 1, fallback(early));
  }
  return count;
}

/** Reads a `.json` file holding one array of records; each record counts as line "index + 1". */
async function readJsonArray(
  file: string,
  format: JsonFormat,
  catalog: Catalog,
  take: (line: number, result: LogLineResult) => void,
): Promise<number> {
  let items: unknown[];
  try {
    // It starts with "[": when it parses, it is an array.
    items = JSON.parse(await readFile(file, "utf8")) as unknown[];
  } catch (error) {
    throw dataError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const texts = items.map((item) => JSON.stringify(item) as string);
  const detected =
    format === "auto" ? (texts.map(detectLogFormat).find((f) => f !== null) ?? "usage") : format;
  const reader = jsonReader(detected, catalog);
  for (const [index, text] of texts.entries()) take(index + 1, reader(text));
  return texts.length;
}

/** Reads a CSV file record by record; the first record is the header. Returns the number of lines. */
async function readCsv(
  file: string,
  name: string,
  catalog: Catalog,
  take: (line: number, result: LogLineResult) => void,
  progress: Progress,
): Promise<number> {
  const parser = createReadStream(file).pipe(
    // Stryker disable next-line BooleanLiteral: equivalent for `bom`: the reader trims each header cell, and trim removes U+FEFF
    parseCsv({ relax_column_count: true, skip_empty_lines: false, info: true, bom: true }),
  );
  let reader: ((record: { cells: readonly string[]; fallbackId: string }) => LogLineResult) | null = null;
  let lastLine = 0;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = record.info.lines;
      lastLine = line;
      progress.tick(name, line);
      if (reader === null) {
        const header = usageCsvReader(record.record, { catalog });
        if (!header.ok) throw dataError(`${name}:${line}: ${describe(header.error)}`);
        reader = header.value;
        continue;
      }
      take(line, reader({ cells: record.record, fallbackId: `${name}:${line}` }));
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    // csv-parse's errors say the line they stopped at.
    const failure = error as { lines: number; message: string };
    throw dataError(`${name}:${failure.lines}: not valid CSV (${failure.message})`);
  }
  return lastLine;
}
