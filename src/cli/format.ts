/**
 * What the CLI prints for people: tables, bars, durations, instants in the catalog's
 * time zone, and colour only when stdout is a terminal (never with NO_COLOR). Amounts are
 * rounded for display only; `--json` prints them exact.
 */
import Table from "cli-table3";
import pc from "picocolors";
import type { Catalog } from "../index";
import { dayZoneOf, displayAmount, displayCredits, displayUsd, groupThousands } from "../simulate";
import { type CliIo, wantsColor } from "./io";

export { displayCredits, displayUsd, groupThousands };

/** The colours of one run: real ones on a terminal, plain text otherwise. */
export type Colors = ReturnType<typeof pc.createColors>;

export function colorsFor(io: CliIo): Colors {
  return pc.createColors(wantsColor(io));
}

/** A compact table with the given header (none when empty) and column alignments, no colour of its own: callers colour cells. */
export function table(head: readonly string[], aligns: readonly ("left" | "right")[]): Table.Table {
  return new Table({
    head: [...head],
    // Stryker disable next-line ArrayDeclaration: equivalent: cli-table3 skips colour names it does not know, and these lists say "none"
    style: { head: [], border: [], "padding-left": 1, "padding-right": 1, compact: true },
    colAligns: [...aligns],
  });
}

/** The time zone a catalog's windows are cut in, as the simulation's days are. */
export const zoneOf: (catalog: Catalog) => string = dayZoneOf;

/** "2026-06-04 15:00" in `timeZone`. */
export function when(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(ms);
  const p = Object.fromEntries(parts.map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2h 13m", "4d 3h", "12m", "45s", "0s". */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  if (minutes > 0) return `${minutes}m`;
  return `${seconds % 60}s`;
}

/** The partial cell for 0–7 eighths (none for 0). */
const eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"] as const;

/** A bar of `width` cells for a percentage (eighths of a cell), coloured by how full it is. */
export function bar(percent: number, width: number, c: Colors): string {
  const clamped = Math.min(Math.max(percent, 0), 100);
  const total = Math.round((clamped / 100) * width * 8);
  const full = Math.floor(total / 8);
  const part: string = eighths[(total % 8) as 0];
  const filled = "█".repeat(full) + part;
  const empty = "░".repeat(Math.max(0, width - full - (part === "" ? 0 : 1)));
  const paint = percent >= 100 ? c.red : percent >= 80 ? c.yellow : c.green;
  return paint(filled) + c.dim(empty);
}

/** Quota units for people: at most three decimals, grouped ("45.671", "19.834"). */
export function displayUnits(canonical: string): string {
  return displayAmount(canonical, 3);
}

/** "1 purchase", "3 purchases". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}

/** "63.2%" (display only). */
export function percent(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}

/** Writes one line to stdout. */
export function line(io: CliIo, text: string): void {
  io.stdout(`${text}\n`);
}

/** The JSON a `--json` run prints: nothing else goes to stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
