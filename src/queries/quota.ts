import { assert } from "../assert";
import type { LedgerError } from "../errors";
import { guard } from "../guard";
import { currentTier, formatOut, type LedgerState, windowPairs, workAt } from "../ledger";
import { calc, type QuotaUnits, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import type { Instant, InstantInput } from "../time";
import { capacitySchedule, limitAt, resetsAt, usedAt, windowExtent } from "../windows";

export interface WindowStatusInternal {
  readonly window: string;
  readonly label: string;
  readonly used: Scaled<"quota">;
  /** The limit in force now (boost included). */
  readonly limit: Scaled<"quota">;
  readonly remaining: Scaled<"quota">;
  /** used ÷ limit × 100, two decimals (100 when the limit is 0). */
  readonly usedPercent: number;
  /**
   * The span the window covers at `at`, always (with or without a running plan): a
   * calendar block `[windowStart, windowEnd)`; an open session, or the one a usage now
   * would open; a sliding window's look-back `[at − duration, at]`.
   */
  readonly windowStart: number;
  readonly windowEnd: number;
  /** When the window resets or next frees capacity, or null. */
  readonly resetsAt: number | null;
  /** Every instant capacity comes back, with the units, until the window is empty. */
  readonly schedule: readonly { readonly at: number; readonly units: Scaled<"quota"> }[];
}

export interface QuotaStatusInternal {
  readonly at: number;
  /** The tier whose quota applies, or null without a running subscription. */
  readonly tier: string | null;
  readonly buckets: readonly {
    readonly bucket: string;
    readonly name: string;
    readonly unit: string;
    /** False when the tier does not include the bucket (or there is no subscription): only credits pay. */
    readonly covered: boolean;
    readonly windows: readonly WindowStatusInternal[];
  }[];
}

/**
 * When capacity comes back, and how much.
 *
 * @example
 * const step: CapacityStep = { at: "2026-06-04T15:00:00.000Z" as Instant, units: "19.834" as QuotaUnits };
 */
export interface CapacityStep {
  readonly at: Instant;
  readonly units: QuotaUnits;
}

/**
 * One window's bar.
 *
 * @example
 * window.remaining; //=> "13.238"
 */
export interface WindowStatus {
  readonly window: string;
  /** The window's label ("5-hour", "weekly"). */
  readonly label: string;
  readonly used: QuotaUnits;
  /** The limit in force now (boost included); "0" when the bucket is not in the plan. */
  readonly limit: QuotaUnits;
  /** max(limit − used, 0). */
  readonly remaining: QuotaUnits;
  /** used ÷ limit × 100, two decimals, for display (100 when the limit is 0). */
  readonly usedPercent: number;
  /**
   * The span the window covers at `at`, always (with or without a running plan): a
   * calendar block `[windowStart, windowEnd)`; an open session, or the one a usage now
   * would open; a sliding window's look-back `[at − duration, at]`.
   */
  readonly windowStart: Instant;
  /** The end of that span (exclusive for a calendar block or a session). */
  readonly windowEnd: Instant;
  /** When the window resets or next frees capacity, or null (nothing used, or not in the plan). */
  readonly resetsAt: Instant | null;
  /** Every instant capacity comes back, with the units, until the window is empty. */
  readonly schedule: readonly CapacityStep[];
}

/**
 * One bucket's windows.
 *
 * @example
 * bucket.covered; //=> true
 */
export interface BucketStatus {
  readonly bucket: string;
  readonly name: string;
  /** What the bucket counts ("list-price-usd", "videos"). */
  readonly unit: string;
  /** False when the tier does not include the bucket (or there is no subscription): only credits pay. */
  readonly covered: boolean;
  readonly windows: readonly WindowStatus[];
}

/**
 * The usage bars: for each bucket and window, used / limit / remaining / percent, the
 * window's span, when it resets, and the full capacity schedule.
 *
 * @example
 * status.buckets[0].windows[0].label; //=> "5-hour"
 */
export interface QuotaStatus {
  readonly at: Instant;
  /** The tier whose quota applies, or null without a running subscription. */
  readonly tier: string | null;
  readonly buckets: readonly BucketStatus[];
}

/**
 * Where every quota window stands at `at` (after expiries, renewals and lapses up to
 * then). Changes nothing.
 *
 * @example
 * const r = quotaStatus(state, "2026-06-04T14:10:00Z");
 * r.ok && r.value.buckets[0].windows[0].remaining; //=> "0"
 */
export function quotaStatus(state: LedgerState, at: InstantInput): Result<QuotaStatus, LedgerError> {
  return guard(() => {
    const moved = workAt(state, at);
    if (!moved.ok) return err(moved.error);
    const { work } = moved;
    const t = moved.at;
    const tier = currentTier(work);
    const buckets = Object.entries(work.catalog.buckets).map(([bucketId, bucket]) => {
      const windows = tier?.buckets.get(bucketId);
      const shapes = work.compiled.bucketWindowShapes.get(bucketId);
      const extent = (windowId: string) => {
        // Stryker disable next-line OptionalChaining: invariant: the windows and their shapes come from the same compiled catalog
        const shape = shapes?.get(windowId)?.shape;
        // Stryker disable next-line ConditionalExpression,StringLiteral: invariant message, a bug report only
        assert(shape !== undefined, "a catalog window has no compiled shape");
        const { start, end } = windowExtent(shape, work.window(bucketId, windowId, shape), t);
        return { windowStart: start, windowEnd: end };
      };
      const statuses: WindowStatusInternal[] =
        windows === undefined
          ? // Not in the plan (or no plan): 0 of 0, though the block may remember earlier use.
            Object.entries(bucket.windows).map(([windowId, w]) => ({
              window: windowId,
              label: w.label,
              used: calc.zero<"quota">(),
              limit: calc.zero<"quota">(),
              remaining: calc.zero<"quota">(),
              usedPercent: 100,
              ...extent(windowId),
              resetsAt: null,
              schedule: [],
            }))
          : windowPairs(work, bucketId, windows).map(({ window, value }) => {
              const used = usedAt(window, value, t);
              const limit = limitAt(window, t);
              const { start, end } = windowExtent(window.shape, value, t);
              return {
                window: window.id,
                label: window.label,
                used,
                limit,
                remaining: calc.subtractFloor(limit, used),
                usedPercent: calc.percentOf(used, limit),
                windowStart: start,
                windowEnd: end,
                resetsAt: resetsAt(window, value, t),
                schedule: capacitySchedule(window, value, t),
              };
            });
      return {
        bucket: bucketId,
        name: bucket.name,
        unit: bucket.unit,
        covered: windows !== undefined,
        windows: statuses,
      };
    });
    return ok(formatOut<QuotaStatusInternal>({ at: t, tier: tier?.id ?? null, buckets }));
  });
}
