/**
 * The replay's lane for the common usage: one that `applyEvents` applies with no outcome
 * asked for. It checks, decides, writes the facts the sink wants and folds such a usage in
 * one small function, and leaves anything else to the general `step`, having changed
 * nothing: a usage it cannot price (the reference errors), a retry or a conflict, one out
 * of order or before the clock, and one at whose instant time must first pass (a lot
 * expiry or a period end is due).
 *
 * Why a lane: `step` answers every event type and every error, and is too large for V8 to
 * inline much into it; this function is what a plain loop would do for one usage, over
 * the same rules (`takeUsage` decides, `usageFacts` and `creditFacts` write what it
 * caused, `evolveUsage` folds). The property tests hold the replay, its entries included,
 * equal to folding `applyEvent`, which never takes this lane.
 */

import { creditFacts, priceUsageEvent, pushUsageEntries, takeUsage, usageFacts } from "./decide";
import type { DrainedLots } from "./drained";
import type { NormalizedEvent } from "./events";
import { evolveUsage } from "./evolve";
import type { Fact, FactSink } from "./facts";
import type { Work } from "./state";

type UsageEvent = Extract<NormalizedEvent, { type: "usage" }>;

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
  /** Where the facts go, or null; a sink that `skipsUsageFacts` gets the credit facts only (none if it `skipsCreditFacts`). */
  sink: FactSink | null,
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
  if (sink !== null) {
    const all = sink.allEntries;
    if (all !== undefined) pushUsageEntries(work, event, priced, record, all.formatter, all.list);
    else if (sink.skipsUsageFacts === true) {
      // Stryker disable next-line ConditionalExpression: equivalent: the credit facts are made and the filter drops them (only slower)
      if (sink.skipsCreditFacts !== true) creditFacts(event, record, sink);
    } else {
      // The facts `step` would make, in its order; folding the record is folding them.
      const facts = usageFacts(work, event, priced, record);
      for (let i = 0; i < facts.length; i++) sink.push(facts[i] as Fact);
    }
  }
  evolveUsage(work, record);
  work.recent.push(event, record);
  work.version++;
  drained.afterEvent(event.id, record, record.draws, null);
  return true;
}
