/**
 * When windows were full, read off the receipts: a window is full from the first usage it
 * refused (the receipt's `limit` notice names it) until the reset instant the notice
 * gives. A later notice for the same window that comes before that reset extends the
 * period (a sliding window frees capacity bit by bit); a notice with limit 0 means the
 * resource is not in the tier, which is not a full window.
 */
import type { UsageReceipt } from "../ledger";
import { parseInstant } from "../time";

/** One stretch of time a window was full. Internal form (epoch ms). */
export interface FullPeriodInternal {
  readonly bucket: string;
  readonly window: string;
  readonly label: string;
  /** The instant of the first usage the window refused. */
  readonly from: number;
  /** The window's reset (exclusive), or null when it never resets. */
  until: number | null;
}

/** The reset instant of a notice, in epoch ms (null when it has none). */
export function noticeResetMs(receipt: UsageReceipt): number | null {
  const resetsAt = receipt.limit?.resetsAt ?? null;
  if (resetsAt === null) return null;
  const parsed = parseInstant(resetsAt);
  return parsed.ok ? parsed.value : null;
}

/**
 * Records what a receipt says about full windows into `periods` (the caller's private
 * list, in time order). Returns the window's reset, or null when the receipt names no
 * full window.
 */
export function recordFullWindow(periods: FullPeriodInternal[], receipt: UsageReceipt): number | null {
  const notice = receipt.limit;
  if (notice === null || notice.limit === "0") return null;
  const at = parseInstant(receipt.at);
  if (!at.ok) return null;
  const until = noticeResetMs(receipt);
  for (let k = periods.length - 1; k >= 0; k--) {
    const last = periods[k];
    if (last === undefined || last.bucket !== notice.bucket || last.window !== notice.window) continue;
    if (last.until === null || at.value < last.until) {
      if (until === null || (last.until !== null && until > last.until)) last.until = until;
      return last.until;
    }
    break;
  }
  periods.push({ bucket: notice.bucket, window: notice.window, label: notice.label, from: at.value, until });
  return until;
}
