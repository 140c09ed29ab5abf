/**
 * When windows were full, read off the ledger's own queries. A window is full from the
 * usage that used up its last room (`quotaStatus` shows nothing remaining) until it next
 * frees capacity (its `resetsAt` then: a calendar block's end, a session's end, a sliding
 * window's next capacity step). How often = the number of such periods; how long = their
 * length, summed (a period runs to its reset even past the last usage). Windows with a
 * limit of 0 (a bucket the tier does not include) are never "full".
 */
import type { QuotaStatus } from "../queries";

/** One stretch of time a window was full. Internal form (epoch ms). */
export interface FullPeriodInternal {
  readonly bucket: string;
  readonly window: string;
  readonly label: string;
  /** The instant of the usage that used up the window's last room. */
  readonly from: number;
  /** When the window next frees capacity (exclusive); +Infinity when it never does. */
  until: number;
}

/** The full periods of one replay, in time order, with the last one of each window at hand. */
export class FullWindows {
  readonly periods: FullPeriodInternal[] = [];
  private readonly last = new Map<string, FullPeriodInternal>();

  /**
   * Records the windows `status` (at the instant `at` of the usage just applied, or of the
   * next one) shows with nothing left: a window still inside its last period keeps it (a
   * sliding window's reset may have moved later), any other starts a new period at `at`.
   */
  record(status: QuotaStatus, at: number): void {
    for (const bucket of status.buckets) {
      // Stryker disable next-line ConditionalExpression: equivalent: a bucket the tier does not cover has only windows with limit 0, skipped below
      if (!bucket.covered) continue;
      for (const w of bucket.windows) {
        if (w.remaining !== "0" || w.limit === "0") continue;
        // The library's own canonical instants: Date.parse reads them exactly. A window with
        // a limit and nothing left always resets (its block, session or records end); the
        // +Infinity is for safety only.
        // Stryker disable next-line ConditionalExpression: equivalent: resetsAt is null only for a window with nothing used, and such a window has room
        const until = w.resetsAt === null ? Number.POSITIVE_INFINITY : Date.parse(w.resetsAt);
        const key = `${bucket.bucket}/${w.window}`;
        const last = this.last.get(key);
        if (last !== undefined && at < last.until) {
          last.until = Math.max(last.until, until);
          continue;
        }
        const period = { bucket: bucket.bucket, window: w.window, label: w.label, from: at, until };
        this.periods.push(period);
        this.last.set(key, period);
      }
    }
  }
}
