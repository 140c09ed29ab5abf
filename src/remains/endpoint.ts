/**
 * What the "usage" count means. On the legacy endpoint it is the count *remaining*; on
 * the current one the count *used* (REFERENCE.md). When the caller does not say which
 * endpoint answered, a row can tell by itself where its counts and its percentage (or
 * its status) fit only one reading; otherwise the meaning is open, and the snapshot says so.
 */
import type { FieldPath } from "../errors";
import { calc, parseTrustedAmount, type QuotaUnits, type Scaled } from "../money";
import { complement, percentOf, readPercent, within } from "./percent";
import type { RemainsEndpoint, RemainsNote } from "./snapshot";

/** The integer rounding of the provider's percentages: counts and percent agree within 1 point. */
const onePoint = parseTrustedAmount<"quota">("1");

/** One window's raw figures, as the schema parsed them. */
export interface RawCounts {
  readonly total: QuotaUnits | null;
  readonly usage: QuotaUnits | null;
  readonly remainingPercent: string | null;
  readonly statusCode: number | null;
  readonly boostPermille: number;
  /** Where the window's usage count is, for notes. */
  readonly path: FieldPath;
}

/** The boosted total of a window's counts, or null when the counts say nothing (total absent or 0). */
export function boostedTotal(counts: RawCounts): Scaled<"quota"> | null {
  if (counts.total === null) return null;
  const total = parseTrustedAmount<"quota">(counts.total);
  if (!calc.isPositive(total)) return null;
  return calc.mulDiv(total, BigInt(counts.boostPermille), 1000n, "half-even");
}

/** Which readings a window's figures allow: a set of endpoints (empty = neither fits). */
function readingsOf(counts: RawCounts): readonly RemainsEndpoint[] | null {
  const limit = boostedTotal(counts);
  if (limit === null || counts.usage === null) return null; // nothing to read
  const usage = parseTrustedAmount<"quota">(counts.usage);
  if (counts.remainingPercent !== null) {
    const share = percentOf(usage, limit);
    const remaining = readPercent(counts.remainingPercent);
    const readings: RemainsEndpoint[] = [];
    if (within(share, complement(remaining), onePoint)) readings.push("current");
    if (within(share, remaining, onePoint)) readings.push("legacy");
    return readings;
  }
  // No percentage: only the status can tell, at the extremes (a count of 0 or of the whole).
  const full = calc.compare(usage, limit) >= 0;
  const none = calc.isZero(usage);
  if (counts.statusCode === 2 && full) return ["current"]; // exhausted: all used
  if (counts.statusCode === 2 && none) return ["legacy"]; // exhausted: none remaining
  if (counts.statusCode === 1 && full) return ["legacy"]; // normal: all remaining
  if (counts.statusCode === 1 && none) return ["current"]; // normal: none used
  // Stryker disable next-line StringLiteral: equivalent: two readings are "open" by their count; their names are not read
  return ["current", "legacy"];
}

/** The reading chosen for a payload, and the notes that explain it. */
export interface EndpointReading {
  readonly endpoint: RemainsEndpoint | null;
  readonly source: "given" | "inferred" | "assumed" | null;
  readonly notes: readonly RemainsNote[];
}

const meaning = (endpoint: RemainsEndpoint) => (endpoint === "current" ? "used" : "remaining");

/**
 * Decides how to read every usage count of a payload: as given, else from the rows
 * whose figures fit one reading only, else as the current endpoint (used), noted.
 */
export function readEndpoint(
  windows: readonly RawCounts[],
  given: RemainsEndpoint | undefined,
): EndpointReading {
  const evidence: { endpoint: RemainsEndpoint; path: FieldPath }[] = [];
  const open: FieldPath[] = [];
  const contradictory: FieldPath[] = [];
  for (const counts of windows) {
    const readings = readingsOf(counts);
    if (readings === null) continue;
    if (readings.length === 0) contradictory.push(counts.path);
    else if (readings.length === 2) open.push(counts.path);
    else evidence.push({ endpoint: readings[0] as RemainsEndpoint, path: counts.path });
  }
  const notes: RemainsNote[] = contradictory.map((path) => ({
    path,
    topic: "counts",
    message:
      "The usage count fits neither reading (used, or remaining) of the remaining percentage; the percentage is kept as the provider's figure.",
  }));
  const needed = evidence.length + open.length + contradictory.length > 0;
  if (given !== undefined) {
    for (const item of evidence) {
      if (item.endpoint !== given) {
        notes.push({
          path: item.path,
          topic: "endpoint",
          message: `The counts here fit the ${item.endpoint} endpoint (usage = ${meaning(item.endpoint)}), not the ${given} one you named; read as ${given}.`,
        });
      }
    }
    return { endpoint: given, source: "given", notes };
  }
  if (!needed) return { endpoint: null, source: null, notes };
  const told = new Set(evidence.map((item) => item.endpoint));
  const first = evidence[0];
  // Stryker disable next-line ConditionalExpression: equivalent: one endpoint told means some evidence, so `first` is defined
  if (told.size === 1 && first !== undefined) {
    const { endpoint, path: where } = first;
    notes.push({
      path: where,
      topic: "endpoint",
      message: `No endpoint was named; the counts at ${where.join(".")} fit only the ${endpoint} endpoint, so every usage count is read as ${meaning(endpoint)}.`,
    });
    return { endpoint, source: "inferred", notes };
  }
  const why =
    told.size === 2
      ? "rows disagree on which endpoint answered"
      : "nothing in the payload tells whether the usage count is used or remaining";
  for (const path of [...open, ...evidence.map((item) => item.path)]) {
    notes.push({
      path,
      topic: "endpoint",
      message: `No endpoint was named and ${why}: this usage count is read as used (the current endpoint). Pass { endpoint: "legacy" } if the payload came from /v1/api/openplatform/coding_plan/remains.`,
    });
  }
  return { endpoint: "current", source: "assumed", notes };
}
