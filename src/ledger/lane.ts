/**
 * The replay's lane for the common usage: one that `applyEvents` applies with no outcome
 * asked for. It checks, decides, writes what the sink keeps (`LaneSink.usage`) and folds such
 * a usage in one small function, and leaves anything else to the general `step`, having changed
 * nothing: a usage it cannot price (the reference errors), a retry or a conflict, one out
 * of order or before the clock, and one at whose instant time must first pass (a lot
 * expiry or a period end is due).
 *
 * Why a lane: `step` answers every event type and every error, and is too large for V8 to
 * inline much into it; this function is what a plain loop would do for one usage, over
 * the same rules (`takeUsage` decides, the sink writes what it caused, `evolveUsage`
 * folds). The property tests hold the replay, its entries included, equal to folding
 * `applyEvent`, which never takes this lane.
 */

import { type Priced, priceUsageEvent, pushUsageEntries, takeUsage, type UsageEntryKinds } from "./decide";
import type { DrainedLots } from "./drained";
import type { LedgerEntryType } from "./entries";
import type { NormalizedEvent } from "./events";
import { evolveUsage } from "./evolve";
import { type FactSink, type LedgerEntry, type OutputFormatter, toEntry } from "./facts";
import type { UsageRecord } from "./recent";
import type { Work } from "./state";

type UsageEvent = Extract<NormalizedEvent, { type: "usage" }>;

/** A sink of the replay's entries that also says how it takes a usage the lane applied. */
export interface LaneSink extends FactSink {
  /** Writes the entries the usage caused, those the sink keeps (`usageFacts` order). */
  usage(work: Work, event: UsageEvent, priced: Priced, record: UsageRecord): void;
}

/** Every entry type a usage makes. */
const everyUsageEntry: UsageEntryKinds = Object.freeze({
  "quota.consumed": true,
  "credits.debited": true,
  "usage.uncovered": true,
  "usage.recorded": true,
});

/**
 * The sink of an `applyEvents` call that collects entries, formatted by `formatter` into
 * `kept`: every entry (`wanted` null) or the types in `wanted`. A usage the lane applies
 * writes only the entries kept, directly (no facts in between); a selection that keeps
 * none of a usage's types makes nothing for it.
 */
export function entrySink(
  kept: LedgerEntry[],
  wanted: ReadonlySet<LedgerEntryType> | null,
  formatter: OutputFormatter,
): LaneSink {
  const kinds: UsageEntryKinds =
    wanted === null
      ? everyUsageEntry
      : {
          "quota.consumed": wanted.has("quota.consumed"),
          "credits.debited": wanted.has("credits.debited"),
          "usage.uncovered": wanted.has("usage.uncovered"),
          "usage.recorded": wanted.has("usage.recorded"),
        };
  const keepsAny =
    kinds["quota.consumed"] ||
    kinds["credits.debited"] ||
    kinds["usage.uncovered"] ||
    kinds["usage.recorded"];
  return {
    push:
      wanted === null
        ? (fact) => {
            kept.push(toEntry(fact, formatter));
          }
        : (fact) => {
            if (wanted.has(fact.type)) kept.push(toEntry(fact, formatter));
          },
    usage: keepsAny
      ? (work, event, priced, record) => pushUsageEntries(work, event, priced, record, kinds, formatter, kept)
      : () => {},
  };
}

/**
 * Applies a quiet usage when it is an ordinary one (see the module's comment): true when
 * it was applied, false when nothing changed and `step` must answer it.
 */
// (The body's block starts on a later line than the function, out of reach of a next-line comment.)
// Stryker disable BlockStatement: equivalent: a lane that takes nothing leaves every usage to `step` (only slower)
export function laneUsage(
  work: Work,
  drained: DrainedLots,
  event: UsageEvent,
  /** Where the entries go, or null. */
  sink: LaneSink | null,
  /** The instant of the batch's latest event so far (an earlier one is out of order). */
  previousAt: number,
): boolean {
  // Stryker restore BlockStatement
  const at = event.at;
  const clock = work.clock;
  if (at < previousAt || (clock !== null && at < clock)) return false;
  const priced = priceUsageEvent(work, event);
  if (!priced.ok) return false;
  if (work.recent.fingerprintOf(event.id) !== null) return false;
  // Time passing changes nothing before the next lot expiry and period end (`settleWork`).
  const lotDue = work.nextLotExpiry();
  const subscription = work.subscription;
  if ((lotDue !== null && lotDue <= at) || (subscription !== null && subscription.periodEnd <= at))
    return false;
  work.clock = at;
  const record = takeUsage(work, event, priced);
  if (sink !== null) sink.usage(work, event, priced, record);
  evolveUsage(work, record);
  work.recent.push(event, record);
  work.version++;
  drained.afterEvent(event.id, record, record.draws, null);
  return true;
}
