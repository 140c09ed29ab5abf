import type { LedgerError } from "../errors";
import { guard } from "../guard";
import { currentTier, type Formatted, formatOut, type LedgerState, windowPairs, workAt } from "../ledger";
import { calc, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { capacitySchedule, limitAt, resetsAt, usedAt } from "../windows";

interface WindowStatusInternal {
  readonly window: string;
  readonly label: string;
  readonly used: Scaled<"quota">;
  /** The limit in force now (boost included). */
  readonly limit: Scaled<"quota">;
  readonly remaining: Scaled<"quota">;
  /** used ÷ limit × 100, two decimals (100 when the limit is 0). */
  readonly usedPercent: number;
  /** When the window resets or next frees capacity, or null. */
  readonly resetsAt: number | null;
  /** Every instant capacity comes back, with the units, until the window is empty. */
  readonly schedule: readonly { readonly at: number; readonly units: Scaled<"quota"> }[];
}

interface QuotaStatusInternal {
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
 * The usage bars: for each bucket and window, used / limit / remaining / percent, when it
 * resets, and the full capacity schedule.
 *
 * @example
 * status.buckets[0].windows[0].label; //=> "5-hour"
 */
export type QuotaStatus = Formatted<QuotaStatusInternal>;

/**
 * Where every quota window stands at `at` (after expiries, renewals and lapses up to
 * then). Changes nothing.
 *
 * @example
 * const r = quotaStatus(state, "2026-06-04T14:10:00Z");
 * r.ok && r.value.buckets[0].windows[0].remaining; //=> "0"
 */
export function quotaStatus(state: LedgerState, at: string | number): Result<QuotaStatus, LedgerError> {
  return guard(() => {
    const moved = workAt(state, at);
    if (!moved.ok) return err(moved.error);
    const { work } = moved;
    const t = moved.at;
    const tier = currentTier(work);
    const buckets = Object.entries(work.catalog.buckets).map(([bucketId, bucket]) => {
      const windows = tier?.buckets.get(bucketId);
      const statuses: WindowStatusInternal[] =
        windows === undefined
          ? Object.entries(bucket.windows).map(([windowId, w]) => ({
              window: windowId,
              label: w.label,
              used: calc.zero<"quota">(),
              limit: calc.zero<"quota">(),
              remaining: calc.zero<"quota">(),
              usedPercent: 100,
              resetsAt: null,
              schedule: [],
            }))
          : windowPairs(work, bucketId, windows).map(({ window, value }) => {
              const used = usedAt(window, value, t);
              const limit = limitAt(window, t);
              return {
                window: window.id,
                label: window.label,
                used,
                limit,
                remaining: calc.subtractFloor(limit, used),
                usedPercent: calc.percentOf(used, limit),
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
