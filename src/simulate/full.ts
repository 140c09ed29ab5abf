/**
 * When windows were full, read off the ledger's own queries. A window is full from the
 * usage that used up its last room (`quotaStatus` shows nothing remaining) until it next
 * frees capacity (its `resetsAt` then: a calendar block's end, a session's end, a sliding
 * window's next capacity step). How often = the number of such periods; how long = their
 * length, summed (a period runs to its reset even past the last usage). Windows with a
 * limit of 0 (a bucket the tier does not include) are never "full".
 */
import type { QuotaStatus } from "../queries";
import { parseInstant } from "../time";

/** One stretch of time a window was full. Internal form (epoch ms). */
export interface FullPeriodInternal {
  readonly bucket: string;
  readonly window: string;
  readonly label: string;
  /** The instant of the usage that used up the window's last room. */
  readonly from: number;
  /** When the window next frees capacity (exclusive), or null when it never does. */
  until: number | null;
}

/**
 * Records the windows `status` (at the instant `at` of the usage just applied) shows
 * with nothing left into `periods`, the caller's private list in time order: a window
 * still inside its last period keeps it (its reset may have moved later, as a sliding
 * window's does), any other starts a new period at `at`.
 */
export function recordFullWindows(periods: FullPeriodInternal[], status: QuotaStatus, at: number): void {
  for (const bucket of status.buckets) {
    if (!bucket.covered) continue;
    for (const w of bucket.windows) {
      if (w.remaining !== "0" || w.limit === "0") continue;
      const reset = w.resetsAt === null ? null : parseInstant(w.resetsAt);
      const until = reset === null || !reset.ok ? null : reset.value;
      let last: FullPeriodInternal | undefined;
      for (let k = periods.length - 1; k >= 0 && last === undefined; k--) {
        const p = periods[k];
        if (p !== undefined && p.bucket === bucket.bucket && p.window === w.window) last = p;
      }
      if (last !== undefined && (last.until === null || at < last.until)) {
        if (until === null || (last.until !== null && until > last.until)) last.until = until;
      } else {
        periods.push({ bucket: bucket.bucket, window: w.window, label: w.label, from: at, until });
      }
    }
  }
}
