/**
 * The usage bars of a snapshot as plain rows a terminal (or any UI) can draw: bucket,
 * window, percent, bar cells and countdown text. Pure: no colours, no clock, no I/O;
 * the caller passes the instant to count down from.
 */
import * as z from "zod/mini";
import { type LedgerError, ledgerError } from "../errors";
import { instantMsField } from "../fields";
import { calc } from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, formatInstant, type Instant } from "../time";
import { parseWith } from "../validation";
import { hundredPercent, readPercent } from "./percent";
import {
  isSnapshot,
  type RemainsSnapshot,
  type RemainsWindow,
  type RemainsWindowKind,
  type RemainsWindowStatus,
} from "./snapshot";

/**
 * Options of {@link remainsReport}.
 *
 * @example
 * const options: RemainsReportOptions = { cells: 30 };
 */
export interface RemainsReportOptions {
  /** Cells in each bar (1 to 200, default 20). */
  readonly cells?: number;
}

/**
 * One bar: what a printer draws on one line.
 *
 * @example
 * const row: RemainsReportRow = report.rows[0];
 * [row.label, row.percentText, row.bar, row.countdownText]; //=> ["5-hour", "37%", "#######-------------", "resets in 2h 50m"]
 */
export interface RemainsReportRow {
  readonly bucket: string;
  readonly window: RemainsWindowKind;
  /** "5-hour", "daily" or "weekly" by the window's length; "interval" when it is not known. */
  readonly label: string;
  readonly status: RemainsWindowStatus;
  readonly usedPercent: string | null;
  /** "37%", or what stands in for a percent: "no limit", "not in plan", "not reported", "?". */
  readonly percentText: string;
  readonly cells: number;
  /** Cells to draw as used: the used share of `cells`, rounded half-up (0 for a window without a limit). */
  readonly usedCells: number;
  /** The bar in ASCII: `#` used, `-` free; `.` throughout for a window without a limit or not reported. */
  readonly bar: string;
  /** "1200/4500 used" where the counts are known, else "". */
  readonly countsText: string;
  readonly resetsAt: Instant | null;
  /** ms from `at` to `resetsAt` (0 once due), or null. */
  readonly resetsInMs: number | null;
  /** "resets in 2h 50m", "resets in 3d 04h", "resets in <1m", "reset due", or "reset unknown". */
  readonly countdownText: string;
}

/**
 * The rows of {@link remainsReport}, and the snapshot's notes as sentences.
 *
 * @example
 * report.rows.length; //=> 4 (general and video, interval and weekly)
 */
export interface RemainsReport {
  readonly at: Instant;
  readonly rows: readonly RemainsReportRow[];
  readonly notes: readonly string[];
}

const optionsSchema = z.strictObject(
  {
    cells: z.optional(
      z.int({ error: "Expected a whole number of cells" }).check(z.minimum(1), z.maximum(200)),
    ),
  },
  { error: "Expected options as an object such as { cells: 20 }" },
);

const hourMs = 3_600_000;

function labelOf(window: RemainsWindow): string {
  if (window.kind === "weekly") return "weekly";
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: Date.parse(null) is NaN, and a NaN length is neither a day nor up to 5 hours
  if (window.windowStart === null || window.windowEnd === null) return "interval";
  const lengthMs = Date.parse(window.windowEnd) - Date.parse(window.windowStart);
  if (lengthMs === 24 * hourMs) return "daily";
  // The day's last block (20:00–24:00) is 4 hours long and is still the "5-hour" window.
  return lengthMs > 0 && lengthMs <= 5 * hourMs ? "5-hour" : "interval";
}

/** The used share of `cells`, rounded half-up: cell k is used once the percent reaches (k − ½) / cells. */
function usedCellsOf(usedPercent: string, cells: number): number {
  const percent = readPercent(usedPercent);
  let used = 0;
  for (let k = 1; k <= cells; k++) {
    const threshold = calc.mulDiv(hundredPercent, BigInt(2 * k - 1), BigInt(2 * cells), "ceil");
    if (calc.compare(percent, threshold) < 0) break;
    used = k;
  }
  return used;
}

const standIns: Readonly<Record<RemainsWindowStatus, string>> = {
  normal: "?",
  exhausted: "100%",
  unlimited: "no limit",
  notInPlan: "not in plan",
  unknown: "not reported",
};

function countdown(resetsInMs: number | null): string {
  if (resetsInMs === null) return "reset unknown";
  if (resetsInMs === 0) return "reset due";
  const minutes = Math.floor(resetsInMs / 60_000);
  if (minutes < 1) return "resets in <1m";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `resets in ${days}d ${String(hours).padStart(2, "0")}h`;
  return hours > 0 ? `resets in ${hours}h ${minutes % 60}m` : `resets in ${minutes}m`;
}

function rowOf(bucket: string, window: RemainsWindow, at: number, cells: number): RemainsReportRow {
  const limited = window.status === "normal" || window.status === "exhausted";
  const usedCells = limited && window.usedPercent !== null ? usedCellsOf(window.usedPercent, cells) : 0;
  const resetsInMs = window.resetsAt === null ? null : Math.max(0, Date.parse(window.resetsAt) - at);
  return {
    bucket,
    window: window.kind,
    label: labelOf(window),
    status: window.status,
    usedPercent: window.usedPercent,
    percentText: window.usedPercent === null ? standIns[window.status] : `${window.usedPercent}%`,
    cells,
    usedCells,
    bar: limited ? "#".repeat(usedCells) + "-".repeat(cells - usedCells) : ".".repeat(cells),
    countsText: window.used !== null && window.limit !== null ? `${window.used}/${window.limit} used` : "",
    resetsAt: limited ? window.resetsAt : null,
    resetsInMs: limited ? resetsInMs : null,
    countdownText: limited ? countdown(resetsInMs) : "",
  };
}

/**
 * The bars of a snapshot at `at`: for each bucket, its interval and weekly window with
 * the used percent, a bar of `cells` cells, the counts where known and a countdown to
 * the reset. Plain data; colour and layout are the printer's.
 *
 * @example
 * const report = remainsReport(snapshot, "2026-06-04T12:10:00Z");
 * report.ok && report.value.rows.map((r) => `${r.bucket} ${r.label} ${r.bar} ${r.percentText} ${r.countdownText}`);
 * //=> ["general 5-hour #######------------- 37% resets in 2h 50m", …]
 */
export function remainsReport(
  snapshot: RemainsSnapshot,
  at: string | number,
  options: RemainsReportOptions = {},
): Result<RemainsReport, LedgerError> {
  const parsed = parseWith(
    z.strictObject({ at: instantMsField, options: optionsSchema }),
    { at, options },
    "invalid_input",
  );
  if (!parsed.ok) return parsed;
  if (!isSnapshot(snapshot)) {
    return err(ledgerError("invalid_input", "Expected a snapshot made by parseRemains.", ["snapshot"]));
  }
  const cells = parsed.value.options.cells ?? 20;
  const atMs = parsed.value.at;
  const rows = snapshot.buckets.flatMap((bucket) => [
    rowOf(bucket.name, bucket.interval, atMs, cells),
    rowOf(bucket.name, bucket.weekly, atMs, cells),
  ]);
  return ok({
    at: formatInstant(asEpochMs(atMs)),
    rows,
    notes: snapshot.notes.map((n) => n.message),
  });
}
