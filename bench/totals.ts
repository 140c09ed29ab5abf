/**
 * The totals the bench compares (issue 22): the library's, summed from its entries, and the
 * baselines', in one form; and the parts of a final state both hold.
 */
import {
  applyEvents,
  type Catalog,
  createLedger,
  type LedgerEvent,
  type LedgerState,
  type WindowJson,
} from "../src";
import { type BaselineResult, type FullBaselineResult, formatAtoms, parseAtoms } from "./baseline";
import type { PathEvent } from "./trace-paths";

function mustCreate(catalog?: Catalog): LedgerState {
  const created = createLedger(catalog === undefined ? {} : { catalog });
  if (!created.ok) throw new Error(`createLedger failed: ${created.error.message}`);
  return created.state;
}

export interface Totals {
  usageEvents: number;
  overflowUsages: number;
  valueUsd: string;
  quotaUnits5h: string;
  quotaUnitsWeekly: string;
  creditsPurchased: string;
  creditsDebited: string;
  creditsExpired: string;
  /** Lots that expired with credits left (a drained lot's expiry writes no entry). */
  lotsExpiredWithCredits: number;
  uncoveredCredits: string;
  subscriptionUsd: string;
  renewals: number;
  voids: number;
  quotaReturned5h: string;
  quotaReturnedWeekly: string;
  creditsReturned: string;
  /** Credits a void gave back to a lot that had expired since: they expire at once. */
  creditsExpiredOnVoid: string;
  arrearsCancelled: string;
  creditsRefunded: string;
  arrearsPaid: string;
  tierChanges: number;
}

/** Replays the whole trace in chunks with `collectEntries` and sums every entry. */
export function libraryTotals(
  events: readonly PathEvent[],
  chunk: number,
  catalog?: Catalog,
): { totals: Totals; state: LedgerState } {
  let state = mustCreate(catalog);
  let usageEvents = 0;
  let overflowUsages = 0;
  let lotsExpiredWithCredits = 0;
  let renewals = 0;
  let voids = 0;
  let tierChanges = 0;
  const sum = {
    value: 0n,
    q5h: 0n,
    qWeek: 0n,
    purchased: 0n,
    debited: 0n,
    expired: 0n,
    uncovered: 0n,
    usd: 0n,
    r5h: 0n,
    rWeek: 0n,
    returned: 0n,
    expiredOnVoid: 0n,
    cancelled: 0n,
    refunded: 0n,
    paid: 0n,
  };
  for (let i = 0; i < events.length; i += chunk) {
    const r = applyEvents(state, events.slice(i, i + chunk) as readonly LedgerEvent[], {
      collectEntries: true,
    });
    if (!r.ok) throw new Error(`applyEvents refused: ${r.error.code} ${r.error.message}`);
    for (const entry of r.entries) {
      switch (entry.type) {
        case "quota.returned":
          if (entry.window === "5h") sum.r5h += parseAtoms(entry.units);
          else sum.rWeek += parseAtoms(entry.units);
          break;
        case "credits.returned":
          sum.returned += parseAtoms(entry.credits);
          break;
        case "usage.voided":
          voids++;
          sum.cancelled += parseAtoms(entry.uncoveredCredits);
          sum.refunded += parseAtoms(entry.refundedCredits);
          break;
        case "arrears.paid":
          sum.paid += parseAtoms(entry.credits);
          break;
        case "subscription.tier-changed":
          tierChanges++;
          break;
        case "usage.recorded": {
          usageEvents++;
          const value = parseAtoms(entry.valueUsd);
          sum.value += value;
          if (parseAtoms(entry.quotaUnits) < value) overflowUsages++;
          break;
        }
        case "quota.consumed":
          if (entry.bucket === "general" && entry.window === "5h") sum.q5h += parseAtoms(entry.units);
          else if (entry.bucket === "general" && entry.window === "weekly")
            sum.qWeek += parseAtoms(entry.units);
          else throw new Error(`unexpected window ${entry.bucket}/${entry.window}`);
          break;
        case "credits.purchased":
          sum.purchased += parseAtoms(entry.lot.credits);
          break;
        case "credits.debited":
          sum.debited += parseAtoms(entry.credits);
          break;
        case "credits.expired": {
          const credits = parseAtoms(entry.credits);
          // A void's return to a lot that expired since: credits.returned, then credits.expired.
          if (entry.eventId !== null) {
            sum.expiredOnVoid += credits;
            sum.returned -= credits;
            break;
          }
          sum.expired += credits;
          if (credits > 0n) lotsExpiredWithCredits++;
          break;
        }
        case "usage.uncovered":
          sum.uncovered += parseAtoms(entry.credits);
          break;
        case "subscription.charged":
          sum.usd += parseAtoms(entry.usd);
          break;
        case "subscription.renewed":
          renewals++;
          break;
        default:
          break;
      }
    }
    state = r.state;
  }
  return {
    state,
    totals: {
      usageEvents,
      overflowUsages,
      valueUsd: formatAtoms(sum.value),
      quotaUnits5h: formatAtoms(sum.q5h),
      quotaUnitsWeekly: formatAtoms(sum.qWeek),
      creditsPurchased: formatAtoms(sum.purchased),
      creditsDebited: formatAtoms(sum.debited),
      creditsExpired: formatAtoms(sum.expired),
      lotsExpiredWithCredits,
      uncoveredCredits: formatAtoms(sum.uncovered),
      subscriptionUsd: formatAtoms(sum.usd),
      renewals,
      voids,
      quotaReturned5h: formatAtoms(sum.r5h),
      quotaReturnedWeekly: formatAtoms(sum.rWeek),
      creditsReturned: formatAtoms(sum.returned),
      creditsExpiredOnVoid: formatAtoms(sum.expiredOnVoid),
      arrearsCancelled: formatAtoms(sum.cancelled),
      creditsRefunded: formatAtoms(sum.refunded),
      arrearsPaid: formatAtoms(sum.paid),
      tierChanges,
    },
  };
}

export function baselineTotals(b: BaselineResult): Totals {
  return {
    usageEvents: b.usageEvents,
    overflowUsages: b.overflowUsages,
    valueUsd: b.valueUsd,
    quotaUnits5h: b.quotaUnits,
    quotaUnitsWeekly: b.quotaUnits,
    creditsPurchased: b.creditsPurchased,
    creditsDebited: b.creditsDebited,
    creditsExpired: b.creditsExpired,
    lotsExpiredWithCredits: b.lotsExpiredWithCredits,
    uncoveredCredits: b.uncoveredCredits,
    subscriptionUsd: b.subscriptionUsd,
    renewals: b.renewals,
    // The plain trace has no voids, payments or tier changes.
    voids: 0,
    quotaReturned5h: "0",
    quotaReturnedWeekly: "0",
    creditsReturned: "0",
    creditsExpiredOnVoid: "0",
    arrearsCancelled: "0",
    creditsRefunded: "0",
    arrearsPaid: "0",
    tierChanges: 0,
  };
}

/** A window of a final state in the form the full baseline gives (sliding: the records still counting). */
function finalWindowOf(window: WindowJson | undefined, clockMs: number, durationMs: number): unknown {
  if (window === undefined) return null;
  if (window.kind === "sliding")
    return {
      records: window.records
        .filter(([, at]) => at + durationMs > clockMs)
        .map(([slot, at, units]) => [slot, at, units]),
    };
  return { startMs: window.kind === "calendar" ? window.startMs : window.startMs, used: window.used };
}

/** The parts of a final state the full baseline also holds. */
export function fullFinalOf(state: LedgerState): FullBaselineResult["final"] {
  const clockMs = state.clockMs ?? 0;
  return {
    clockMs,
    arrearsCredits: state.arrearsCredits,
    lots: state.lots.filter((lot) => lot.remaining !== "0").map((lot) => [lot.id, lot.remaining] as const),
    windows: {
      "general/5h": finalWindowOf(state.windows["general/5h"], clockMs, 5 * 3_600_000),
      "general/weekly": finalWindowOf(state.windows["general/weekly"], clockMs, 7 * 86_400_000),
    },
    tier: state.subscription?.tier ?? null,
    period: state.subscription?.period ?? 0,
  };
}

/**
 * A final state's lots with credits left: the library keeps a drained lot only while a void
 * of a remembered usage could refill it, the baseline (which has no voids) until it expires.
 */
export function withCreditsLeft(final: BaselineResult["final"]): BaselineResult["final"] {
  return { ...final, lots: final.lots.filter(([, remaining]) => remaining !== "0") };
}

/** The parts of a final state the baseline also holds, in the same form. */
export function finalOf(state: LedgerState): BaselineResult["final"] {
  const block = state.windows["general/5h"];
  const week = state.windows["general/weekly"];
  if (block?.kind !== "calendar" || week?.kind !== "calendar") throw new Error("expected calendar windows");
  return {
    clockMs: state.clockMs ?? 0,
    arrearsCredits: state.arrearsCredits,
    lots: state.lots.map((lot) => [lot.id, lot.remaining] as const),
    block: { startMs: block.startMs, used: block.used },
    week: { startMs: week.startMs, used: week.used },
  };
}

export function assertSame(what: string, library: unknown, baseline: unknown): void {
  const a = JSON.stringify(library);
  const b = JSON.stringify(baseline);
  if (a !== b)
    throw new Error(`library and baseline disagree on ${what}:\n  library:  ${a}\n  baseline: ${b}`);
}
