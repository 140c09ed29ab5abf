/**
 * evolve: folds facts into the working state. Mechanics only, no rules: every decision
 * was made by `decide`, so the audit trail and the state cannot disagree.
 */
import { assert } from "../assert";
import type { CompiledWindow } from "../catalog";
import { addLot, type Lot, type LotDraw, withRemaining } from "../credits";
import { calc, type Scaled } from "../money";
import { evolveSubscription } from "../subscription";
import { consumeInPlace, releaseInPlace, type WindowValue } from "../windows";
import type { Fact } from "./facts";
import type { UsageRecord } from "./recent";
import type { Work } from "./state";

function shapeOf(work: Work, bucket: string, window: string) {
  // Stryker disable next-line OptionalChaining: invariant: decide names only the catalog's windows
  const entry = work.compiled.bucketWindowShapes.get(bucket)?.get(window);
  // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: decide names only the catalog's windows
  assert(entry !== undefined, "a fact names a window the catalog lacks");
  return entry.shape;
}

function updateLot(work: Work, lotId: string, update: (lot: Lot) => Lot | null, expiresAt?: number): void {
  const lots = work.lotsToChange();
  const index = lots.findIndex(
    (lot) => lot.id === lotId && (expiresAt === undefined || lot.expiresAt === expiresAt),
  );
  if (index < 0) return; // the lot is gone (expired): a return to it was reported as expired
  const updated = update(lots[index] as Lot);
  if (updated === null) lots.splice(index, 1);
  else lots[index] = updated;
}

/**
 * Folds a usage from its record, as evolving its facts would: its units from each window
 * of its bucket, a debit per lot drawn, the uncovered credits onto the arrears. A replay
 * whose caller reads none of a usage's facts makes none.
 */
export function evolveUsage(work: Work, record: UsageRecord): void {
  const { bucket, quotaUnits, at } = record;
  // Stryker disable next-line ConditionalExpression: equivalent for `bucket !== null`: a usage in no bucket takes no quota units
  if (bucket !== null && calc.isPositive(quotaUnits)) {
    // The usage was decided on this working copy a moment ago: its plan's spot is the current one.
    const spot = work.quotaSpot(bucket);
    const windows = spot?.windows;
    // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: a usage takes quota only in its tier's windows
    assert(
      spot !== null && windows !== undefined && spot.tier.id === record.tier,
      "a usage took quota outside its tier's windows",
    );
    const values = work.spotToChange(bucket, spot);
    for (let i = 0; i < windows.length; i++)
      consumeInPlace(
        (windows[i] as CompiledWindow).shape,
        (values[i] as { value: WindowValue }).value,
        at,
        quotaUnits,
      );
  }
  const draws = record.draws; // indexed: see `step` (most usages share one frozen empty list)
  for (let i = 0; i < draws.length; i++)
    debit(work, (draws[i] as LotDraw).lotId, (draws[i] as LotDraw).credits);
  // Stryker disable next-line ConditionalExpression: equivalent: adding 0 to the arrears changes nothing
  if (calc.isPositive(record.uncoveredCredits))
    work.arrears = calc.add(work.arrears, record.uncoveredCredits);
}

function debit(work: Work, lotId: string, credits: Scaled<"credits">): void {
  updateLot(work, lotId, (lot) => {
    // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: decide draws at most what a lot has
    assert(lot.remaining >= credits, "lot overdrawn");
    return withRemaining(lot, calc.subtract(lot.remaining, credits));
  });
}

/** Applies one fact to the working state. */
export function evolve(work: Work, fact: Fact): void {
  switch (fact.type) {
    case "subscription.started":
    // Stryker disable next-line StringLiteral: equivalent: a charge changes no state, and a fact no case names changes nothing either
    case "subscription.charged":
    case "subscription.renewed":
    case "subscription.tier-changed":
    case "subscription.change-scheduled":
    case "subscription.cancelled":
    case "subscription.lapsed":
    case "subscription.resumed":
    case "subscription.change-withdrawn":
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: a charge leaves the subscription as it is (evolveSubscription returns it), the test only skips that call
      if (fact.type !== "subscription.charged")
        work.setSubscription(evolveSubscription(work.subscription, fact));
      return;
    case "credits.purchased":
      work.lots = addLot(work.lots, fact.lot);
      return;
    case "credits.debited":
      debit(work, fact.lotId, fact.credits);
      return;
    case "credits.returned":
      updateLot(
        work,
        fact.lotId,
        (lot) => withRemaining(lot, calc.add(lot.remaining, fact.credits)),
        fact.expiresAt,
      );
      return;
    case "credits.expired":
      updateLot(work, fact.lotId, () => null, fact.expiresAt);
      return;
    case "quota.consumed": {
      const shape = shapeOf(work, fact.bucket, fact.window);
      consumeInPlace(shape, work.windowToChange(fact.bucket, fact.window, shape), fact.at, fact.units);
      return;
    }
    case "quota.returned": {
      const shape = shapeOf(work, fact.bucket, fact.window);
      releaseInPlace(
        shape,
        work.windowToChange(fact.bucket, fact.window, shape),
        fact.at,
        fact.usageAt,
        fact.units,
      );
      return;
    }
    // Stryker disable next-line StringLiteral: equivalent: a usage's record changes no state, and a fact no case names changes nothing either
    case "usage.recorded":
      return;
    case "usage.uncovered":
      work.arrears = calc.add(work.arrears, fact.credits);
      return;
    case "arrears.paid":
      work.arrears = calc.subtract(work.arrears, fact.credits);
      return;
    case "usage.voided":
      work.arrears = calc.subtract(work.arrears, fact.uncoveredCredits);
      work.recent.markVoided(fact.usageId);
      return;
  }
}
