/**
 * The normalised reading of the provider's usage-API payload (`remains`): plain,
 * JSON-safe, one shape whatever endpoint or era the payload came from. Amounts are
 * canonical decimal strings, instants ISO-8601, percentages exact decimal strings.
 */
import type { FieldPath } from "../errors";
import { isCanonicalAmount, type QuotaUnits } from "../money";
import { type Instant, parseInstant } from "../time";

/**
 * Which endpoint a payload came from. It decides what the "usage" count means:
 * `"current"` (`/v1/token_plan/remains`): the count *used*; `"legacy"`
 * (`/v1/api/openplatform/coding_plan/remains`): the count *remaining*.
 *
 * @example
 * const endpoint: RemainsEndpoint = "legacy";
 */
export type RemainsEndpoint = "current" | "legacy";

/**
 * A window's state as the provider reports it:
 * - `normal`: some room is left;
 * - `exhausted`: none is;
 * - `unlimited`: the window sets no limit (a weekly status 3 on a limited interval);
 * - `notInPlan`: the bucket is not in this plan (totals 0, status 3, 100 % remaining);
 * - `unknown`: the payload does not say (the window is absent, or its fields contradict).
 *
 * @example
 * const status: RemainsWindowStatus = "notInPlan";
 */
export type RemainsWindowStatus = "normal" | "exhausted" | "unlimited" | "notInPlan" | "unknown";

/**
 * The two windows a payload row carries: `interval` (the 5-hour block, or the day for
 * video) and `weekly`.
 *
 * @example
 * const kind: RemainsWindowKind = "weekly";
 */
export type RemainsWindowKind = "interval" | "weekly";

/**
 * One window of one bucket. An absent window is still here, with status `unknown` and
 * every figure null: never a missing key, never `unlimited`.
 *
 * @example
 * const w: RemainsWindow = snapshot.buckets[0].interval;
 * w.usedPercent; //=> "37"
 */
export interface RemainsWindow {
  readonly kind: RemainsWindowKind;
  readonly status: RemainsWindowStatus;
  /** The provider's status code as sent (1 normal, 2 exhausted, 3 unlimited or not in plan), or null. */
  readonly statusCode: number | null;
  /** The total in force: the sent total times the boost. null when the counts say nothing (v2 `general`). */
  readonly limit: QuotaUnits | null;
  /** The total as sent, before the boost. */
  readonly baseLimit: QuotaUnits | null;
  readonly used: QuotaUnits | null;
  /** max(limit − used, 0). */
  readonly remaining: QuotaUnits | null;
  /**
   * Used share of the boosted total, in percent, as an exact decimal string: 100 minus
   * the provider's remaining percent when it sends one (authoritative in v2), else from
   * the counts (rounded half-even to 2 places), else "100" for an exhausted window.
   */
  readonly usedPercent: string | null;
  /** Where `usedPercent` came from. */
  readonly percentSource: "provider" | "counts" | "status" | null;
  /** Per-mille multiplier on the total (1500 = 1.5×); 1000 when the payload has none. */
  readonly boostPermille: number;
  readonly windowStart: Instant | null;
  /** Exclusive end of the window. */
  readonly windowEnd: Instant | null;
  /** When the window resets: its end. */
  readonly resetsAt: Instant | null;
  /** Milliseconds to the end, as the provider counted them when it answered (`remains_time`). */
  readonly remainsMs: number | null;
}

/**
 * One row of the payload: a bucket (`general`, `video` in v2) or a per-model row of the
 * older rules, with both of its windows.
 *
 * @example
 * snapshot.buckets.map((b) => b.name); //=> ["general", "video"]
 */
export interface RemainsBucket {
  /** `model_name` as sent. */
  readonly name: string;
  readonly interval: RemainsWindow;
  readonly weekly: RemainsWindow;
  /** Fields of the row this version does not read, kept as they came. */
  readonly unknownFields: Readonly<Record<string, unknown>>;
}

/**
 * Where the payload left a meaning open, or contradicted itself, and what the parser
 * chose: the field's `path` in the payload, a `topic` and a sentence.
 *
 * @example
 * const note: RemainsNote = { path: ["model_remains", 0], topic: "endpoint", message: "…" };
 */
export interface RemainsNote {
  readonly path: FieldPath;
  readonly topic: "endpoint" | "counts" | "status" | "boost" | "time";
  readonly message: string;
}

/**
 * The provider's numbers, normalised: every bucket with its interval and weekly
 * window, the reading of the usage counts, and notes where the shape left the meaning open.
 *
 * @example
 * const r = parseRemains(payload, { endpoint: "current" });
 * r.ok && r.value.buckets[0].interval.status; //=> "normal"
 */
export interface RemainsSnapshot {
  /**
   * How the usage counts were read: `current` (used) or `legacy` (remaining); null when
   * no row had counts to read.
   */
  readonly endpoint: RemainsEndpoint | null;
  /** `given` by the caller, `inferred` from the payload, `assumed` (nothing told: read as current), or null. */
  readonly endpointSource: "given" | "inferred" | "assumed" | null;
  readonly buckets: readonly RemainsBucket[];
  /** `base_resp` as sent (status 0), or null when the payload has none. */
  readonly provider: { readonly statusCode: number; readonly statusMessage: string | null } | null;
  readonly notes: readonly RemainsNote[];
  /** Top-level fields this version does not read, kept as they came. */
  readonly unknownFields: Readonly<Record<string, unknown>>;
}

const windowStatuses: ReadonlySet<unknown> = new Set([
  "normal",
  "exhausted",
  "unlimited",
  "notInPlan",
  "unknown",
]);

const amountOrNull = (value: unknown) =>
  value === null || (typeof value === "string" && isCanonicalAmount(value));
const instantOrNull = (value: unknown) =>
  value === null || (typeof value === "string" && parseInstant(value).ok);

/** True when a value has a window's shape, with amounts and instants the calculator can read. */
function isWindow(value: unknown, kind: RemainsWindowKind): boolean {
  const w = value as Partial<Record<keyof RemainsWindow, unknown>> | null;
  return (
    typeof w === "object" &&
    w !== null &&
    w.kind === kind &&
    windowStatuses.has(w.status) &&
    Number.isSafeInteger(w.boostPermille) &&
    [w.limit, w.baseLimit, w.used, w.remaining, w.usedPercent].every(amountOrNull) &&
    [w.windowStart, w.windowEnd, w.resetsAt].every(instantOrNull)
  );
}

/**
 * A check that a value is a snapshot as parseRemains makes it, deep enough that the
 * functions taking one never crash on a hand-made imitation.
 */
export function isSnapshot(value: unknown): value is RemainsSnapshot {
  const candidate = value as Partial<RemainsSnapshot> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    Array.isArray(candidate.buckets) &&
    Array.isArray(candidate.notes) &&
    candidate.buckets.every(
      (b) =>
        typeof b === "object" &&
        b !== null &&
        typeof b.name === "string" &&
        isWindow(b.interval, "interval") &&
        isWindow(b.weekly, "weekly"),
    )
  );
}
