/**
 * Making a new credit lot: a purchase, a grant, or the refund a void gives when the
 * arrears it cancels were already paid. One set of checks for all three, so every lot
 * that enters a ledger obeys the same bounds.
 */
import type { Lot } from "../credits";
import { type LedgerError, ledgerError } from "../errors";
import { instantMaxMs, lotsCountMax, lotsStoredMax } from "../limits";
import { calc, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, expiryInstant, type ValidityRule } from "../time";
import type { Work } from "./state";

/** What a new lot is made of. */
export interface LotSpec {
  readonly id: string;
  readonly kind: Lot["kind"];
  /** Epoch ms of the purchase, grant or refund. */
  readonly at: number;
  readonly credits: Scaled<"credits">;
  readonly priceUsd: Scaled<"usd">;
  readonly validity: ValidityRule;
}

/**
 * A new lot, or why the ledger cannot take it: too many lots with credits left, a live
 * lot with the same id, or an expiry beyond the year 9999.
 */
export function newLot(
  work: Work,
  spec: LotSpec,
  /** False to rebuild the lot a retried event made (it is live already). */
  checkLive = true,
): Result<Lot, LedgerError> {
  if (checkLive) {
    const problem = liveLotProblem(work, spec.id);
    if (problem !== null) return err(problem);
  }
  const expiresAt = expiryInstant(spec.validity, asEpochMs(spec.at));
  if (expiresAt > instantMaxMs) {
    return err(
      ledgerError(
        "invalid_instant",
        "These credits would expire after the year 9999, beyond the supported range.",
        ["at"],
      ),
    );
  }
  return ok({
    id: spec.id,
    kind: spec.kind,
    purchasedAt: spec.at,
    expiresAt,
    credits: spec.credits,
    remaining: spec.credits,
    priceUsd: spec.priceUsd,
  });
}

/** Why the ledger cannot take one more lot with this id now, or null. */
function liveLotProblem(work: Work, id: string): LedgerError | null {
  // Only lots with credits left count: an emptied lot stays while a void may refill it
  // (see drained.ts), but must not block a purchase the customer has paid for.
  let lotsWithCredits = 0;
  for (const lot of work.lots) if (calc.isPositive(lot.remaining)) lotsWithCredits++;
  if (lotsWithCredits >= lotsCountMax) {
    return ledgerError(
      "limit_exceeded",
      `At most ${lotsCountMax} credit lots with credits left per ledger.`,
      [],
      {
        lotsCountMax,
      },
    );
  }
  // With the emptied lots a void may still refill: what a stored ledger may hold.
  if (work.lots.length >= lotsStoredMax) {
    return ledgerError(
      "limit_exceeded",
      `At most ${lotsStoredMax} credit lots per ledger, emptied lots that a void may still refill included.`,
      [],
      { lotsStoredMax },
    );
  }
  if (work.lots.some((lot) => lot.id === id))
    return ledgerError("conflict", `A live credit lot already has id "${id}".`, ["id"], { id });
  return null;
}
