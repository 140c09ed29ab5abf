/**
 * `reconcile`: where the ledger's own metering (`quotaStatus`) and the provider's
 * numbers (a {@link RemainsSnapshot}) disagree, window by window, so a gateway sees its
 * metering drift. The payload carries no credit balance, so only quota is compared.
 */
import * as z from "zod/mini";
import { assert } from "../assert";
import { type LedgerError, ledgerError } from "../errors";
import type { LedgerState } from "../ledger";
import { calc, formatAmount, parseAmount, parseTrustedAmount, type QuotaUnits } from "../money";
import { type QuotaStatus, quotaStatus } from "../queries";
import { err, ok, type Result } from "../result";
import type { Instant } from "../time";
import { parseWith } from "../validation";
import { type MappedWindow, mappingSchema, pairWindows, type RemainsMapping, type Unmapped } from "./mapping";
import { distance, formatPercent, type PercentAtoms, percentOf, readPercent } from "./percent";
import {
  isSnapshot,
  type RemainsSnapshot,
  type RemainsWindowKind,
  type RemainsWindowStatus,
} from "./snapshot";

/** Default tolerance: 1 percentage point, inclusive (the provider sends whole percentages). */
const defaultTolerancePercent = "1";
/** Default tolerance on reset instants: 1 s, inclusive (an end sent as …:59.999, or rounded to the second). */
const defaultResetToleranceMs = 1000;

/**
 * Options of {@link reconcile}.
 *
 * @example
 * const options: ReconcileOptions = { tolerancePercent: "0.5", mapping: { windows: { general: { weekly: null } } } };
 */
export interface ReconcileOptions {
  /**
   * Used-percent differences up to this many points (inclusive) are not reported.
   * Default 1: the provider's remaining percentage is a whole number, so an exact
   * ledger can be up to 1 point away from it however the provider rounds.
   */
  readonly tolerancePercent?: string | number;
  /** Reset instants this many ms apart or closer are not reported (default 1,000). */
  readonly resetToleranceMs?: number;
  /** Which payload rows and windows stand for which catalog buckets and windows (default: by name, then by kind). */
  readonly mapping?: RemainsMapping;
}

const optionsSchema = z.strictObject(
  {
    tolerancePercent: z.optional(
      z.union([z.string(), z.number()], { error: "Expected a percentage such as 1" }),
    ),
    resetToleranceMs: z.optional(
      z.int({ error: "Expected a whole number of milliseconds" }).check(z.minimum(0), z.maximum(604_800_000)),
    ),
    mapping: z.optional(mappingSchema),
  },
  { error: "Expected options as an object such as { tolerancePercent: 1 }" },
);

/**
 * What every difference names: the catalog's bucket and window, the payload's row and
 * window kind, and a sentence.
 *
 * @example
 * const where: RemainsDifferenceBase = { bucket: "general", window: "5h", kind: "interval", row: "general", message: "…" };
 */
export interface RemainsDifferenceBase {
  /** The catalog bucket and window. */
  readonly bucket: string;
  readonly window: string;
  /** The payload window it was compared with, and its row. */
  readonly kind: RemainsWindowKind;
  readonly row: string;
  /** A sentence a person can act on. */
  readonly message: string;
}

/**
 * The used share differs by more than the tolerance. Percent points are ledger −
 * provider; amounts are compared only where the payload's total equals the ledger's limit.
 *
 * @example
 * const d: RemainsUsedDifference = { type: "used", bucket: "general", window: "5h", kind: "interval", row: "general",
 *   ledgerPercent: "40", providerPercent: "37", byPercent: "3", ledgerUsed: "7.9336" as QuotaUnits,
 *   providerUsed: null, byUnits: null, message: "…" };
 */
export interface RemainsUsedDifference extends RemainsDifferenceBase {
  readonly type: "used";
  readonly ledgerPercent: string;
  readonly providerPercent: string;
  /** ledger − provider, in percentage points (signed). */
  readonly byPercent: string;
  readonly ledgerUsed: QuotaUnits;
  readonly providerUsed: QuotaUnits | null;
  /** ledger − provider, in quota units (signed), or null when the amounts are not comparable. */
  readonly byUnits: string | null;
}

/**
 * The payload's total (boost included) is not the ledger's limit: the catalog's limit
 * is not the provider's.
 *
 * @example
 * const d: RemainsLimitDifference = { type: "limit", bucket: "general", window: "5h", kind: "interval",
 *   row: "MiniMax-M2.7", ledgerLimit: "1500" as QuotaUnits, providerLimit: "4500" as QuotaUnits, message: "…" };
 */
export interface RemainsLimitDifference extends RemainsDifferenceBase {
  readonly type: "limit";
  readonly ledgerLimit: QuotaUnits;
  readonly providerLimit: QuotaUnits;
}

/**
 * The window resets at another instant than the ledger says (more than the reset tolerance apart).
 *
 * @example
 * const d: RemainsResetDifference = { type: "reset", bucket: "general", window: "5h", kind: "interval", row: "general",
 *   ledgerResetsAt: "2026-06-04T15:00:00.000Z" as Instant, providerResetsAt: "2026-06-04T07:00:00.000Z" as Instant,
 *   byMs: 28_800_000, message: "…" };
 */
export interface RemainsResetDifference extends RemainsDifferenceBase {
  readonly type: "reset";
  readonly ledgerResetsAt: Instant;
  readonly providerResetsAt: Instant;
  /** ledger − provider, in ms. */
  readonly byMs: number;
}

/**
 * The ledger and the provider disagree on whether the window limits this account at
 * all: `ledger` is `limited` (a running tier with a limit above 0) or `notLimited` (no
 * subscription, the bucket not in the tier, or a limit of 0).
 *
 * @example
 * const d: RemainsCoverageDifference = { type: "coverage", bucket: "general", window: "weekly", kind: "weekly",
 *   row: "general", ledger: "limited", provider: "unlimited", message: "…" };
 */
export interface RemainsCoverageDifference extends RemainsDifferenceBase {
  readonly type: "coverage";
  readonly ledger: "limited" | "notLimited";
  readonly provider: RemainsWindowStatus;
}

/**
 * One disagreement between the ledger and the provider, by `type`: `used`, `limit`,
 * `reset` or `coverage`.
 *
 * @example
 * for (const d of reconciled.differences) console.log(d.type, d.bucket, d.window, d.message);
 */
export type RemainsDifference =
  | RemainsUsedDifference
  | RemainsLimitDifference
  | RemainsResetDifference
  | RemainsCoverageDifference;

/**
 * Something {@link reconcile} could not compare, and why (a row with no catalog bucket,
 * a bucket with no row, a window the payload does not report).
 *
 * @example
 * const s: RemainsSkip = { bucket: "video", window: null, row: null, reason: "the payload has no row for this bucket" };
 */
export interface RemainsSkip {
  readonly bucket: string | null;
  readonly window: string | null;
  readonly row: string | null;
  readonly reason: string;
}

/**
 * The result of {@link reconcile}: every difference beyond the tolerances, what was
 * compared and found equal, and what could not be compared.
 *
 * @example
 * reconciled.differences.length; //=> 0
 */
export interface RemainsReconciliation {
  readonly at: Instant;
  readonly tolerancePercent: string;
  readonly resetToleranceMs: number;
  readonly differences: readonly RemainsDifference[];
  /** The window pairs compared (in agreement or not). */
  readonly compared: readonly { readonly bucket: string; readonly window: string; readonly row: string }[];
  readonly skipped: readonly RemainsSkip[];
}

type LedgerWindow = QuotaStatus["buckets"][number]["windows"][number];

/** Compares one pair; pushes what differs. Returns a skip reason when there is nothing to compare. */
function comparePair(
  pair: MappedWindow,
  ledgerWindow: LedgerWindow,
  covered: boolean,
  tolerance: PercentAtoms,
  resetToleranceMs: number,
  differences: RemainsDifference[],
): string | null {
  const { remains } = pair;
  const base = { bucket: pair.bucket, window: pair.window, kind: pair.kind, row: pair.row.name };
  const where = `${pair.bucket}/${pair.window}`;
  if (remains.status === "unknown") return "the payload does not say how this window stands";
  const ledgerLimit = parseTrustedAmount<"quota">(ledgerWindow.limit);
  const limited = covered && calc.isPositive(ledgerLimit);
  const providerLimited = remains.status === "normal" || remains.status === "exhausted";
  if (limited !== providerLimited || remains.status === "unlimited") {
    const ledgerSays = limited ? `limits it to ${formatAmount(ledgerLimit)}` : "does not let quota pay here";
    differences.push({
      ...base,
      type: "coverage",
      ledger: limited ? "limited" : "notLimited",
      provider: remains.status,
      message: `The provider reports ${where} as ${remains.status}; the ledger ${ledgerSays}.`,
    });
    return null;
  }
  if (!limited) return null; // both agree it is not in the plan
  // Both are canonical decimal strings: equal amounts are equal strings.
  const sameLimit = remains.limit === ledgerWindow.limit;
  if (remains.limit !== null && !sameLimit) {
    differences.push({
      ...base,
      type: "limit",
      ledgerLimit: ledgerWindow.limit,
      providerLimit: remains.limit as QuotaUnits,
      message: `The provider's total for ${where} is ${remains.limit}; the catalog's limit in force is ${ledgerWindow.limit}.`,
    });
  }
  if (remains.usedPercent !== null) {
    const ledgerUsed = parseTrustedAmount<"quota">(ledgerWindow.used);
    const ledgerPercent = percentOf(ledgerUsed, ledgerLimit);
    const providerPercent = readPercent(remains.usedPercent);
    if (calc.compare(distance(ledgerPercent, providerPercent), tolerance) > 0) {
      const providerUsed = sameLimit ? remains.used : null;
      const byUnits =
        providerUsed === null
          ? null
          : formatAmount(calc.subtract(ledgerUsed, parseTrustedAmount<"quota">(providerUsed)));
      const byPercent = formatAmount(calc.subtract(ledgerPercent, providerPercent));
      differences.push({
        ...base,
        type: "used",
        ledgerPercent: formatPercent(ledgerPercent),
        providerPercent: remains.usedPercent,
        byPercent,
        ledgerUsed: ledgerWindow.used,
        providerUsed,
        byUnits,
        message: `${where}: the ledger has ${formatPercent(ledgerPercent)} % used, the provider ${remains.usedPercent} % (${byPercent.startsWith("-") ? "" : "+"}${byPercent} points${byUnits === null ? "" : `, ${byUnits} units`}).`,
      });
    }
  }
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: Date.parse(null) is NaN, and NaN is never beyond the tolerance
  if (remains.resetsAt !== null && ledgerWindow.resetsAt !== null) {
    const byMs = Date.parse(ledgerWindow.resetsAt) - Date.parse(remains.resetsAt);
    if (Math.abs(byMs) > resetToleranceMs) {
      differences.push({
        ...base,
        type: "reset",
        ledgerResetsAt: ledgerWindow.resetsAt,
        providerResetsAt: remains.resetsAt,
        byMs,
        message: `${where} resets at ${remains.resetsAt} by the provider, at ${ledgerWindow.resetsAt} by the ledger: check the catalog's time zone and cuts.`,
      });
    }
  }
  return null;
}

/**
 * Compares the ledger's quota windows at `at` with the provider's snapshot and lists
 * each difference: the used share (in points, and in units where the payload's total
 * equals the ledger's limit), the limit, the reset instant, or whether the window limits
 * at all. Payload windows map to catalog windows by kind (see {@link RemainsMapping}):
 * `interval` is the bucket's 5-hour (or daily) window, `weekly` its week. Differences
 * within the tolerances are not reported: by default 1 percentage point (inclusive,
 * for the provider's whole percentages) and 1,000 ms. Changes nothing.
 *
 * @example
 * const snapshot = parseRemains(payload);
 * const r = snapshot.ok ? reconcile(state, snapshot.value, "2026-06-04T14:10:00Z") : snapshot;
 * r.ok && r.value.differences.map((d) => `${d.type} ${d.bucket}/${d.window}`); //=> ["used general/5h"]
 */
export function reconcile(
  state: LedgerState,
  snapshot: RemainsSnapshot,
  at: string | number,
  options: ReconcileOptions = {},
): Result<RemainsReconciliation, LedgerError> {
  const settings = parseWith(optionsSchema, options, "invalid_input");
  if (!settings.ok) return settings;
  // Stryker disable next-line StringLiteral: equivalent: every amount kind has the same scale, and any kind but "usd" and "credits" is labelled quota-unit
  const tolerance = parseAmount("quota", settings.value.tolerancePercent ?? defaultTolerancePercent, {
    path: ["tolerancePercent"],
  });
  if (!tolerance.ok) return tolerance;
  if (!isSnapshot(snapshot)) {
    return err(ledgerError("invalid_input", "Expected a snapshot made by parseRemains.", ["snapshot"]));
  }
  const status = quotaStatus(state, at);
  if (!status.ok) return status;
  const pairing = pairWindows(snapshot.buckets, state.catalog, settings.value.mapping ?? {});
  if (!pairing.ok) return pairing;
  const resetToleranceMs = settings.value.resetToleranceMs ?? defaultResetToleranceMs;
  const differences: RemainsDifference[] = [];
  const compared: { bucket: string; window: string; row: string }[] = [];
  const skipped: RemainsSkip[] = pairing.value.unmapped.map((u: Unmapped) => ({ ...u }));
  for (const pair of pairing.value.pairs) {
    // quotaStatus lists every window of every catalog bucket, and the pairing names only those.
    const bucket = status.value.buckets.find((b) => b.bucket === pair.bucket);
    // Stryker disable next-line OptionalChaining: invariant: every paired bucket is in quotaStatus (see above)
    const ledgerWindow = bucket?.windows.find((w) => w.window === pair.window);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: invariant message, a bug report only
    assert(bucket !== undefined && ledgerWindow !== undefined, "a paired window is missing from quotaStatus");
    const skip = comparePair(
      pair,
      ledgerWindow,
      bucket.covered,
      tolerance.value,
      resetToleranceMs,
      differences,
    );
    if (skip === null) compared.push({ bucket: pair.bucket, window: pair.window, row: pair.row.name });
    else skipped.push({ bucket: pair.bucket, window: pair.window, row: pair.row.name, reason: skip });
  }
  return ok({
    at: status.value.at,
    tolerancePercent: formatAmount(tolerance.value),
    resetToleranceMs,
    differences,
    compared,
    skipped,
  });
}
