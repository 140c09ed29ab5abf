/**
 * The shared credit pool: lots only, kept in draw order, moved with the `credits`
 * operations (soonest expiry first, never below zero, never an expired lot). A purchase
 * is decided by the core (packages, custom amounts, validity) on a scratch ledger, so no
 * rule is written twice.
 */
import { assert } from "../assert";
import type { Catalog } from "../catalog";
import { addLot, drawCredits, expireLots, type Lot, type LotDraw } from "../credits";
import { type LedgerError, ledgerError } from "../errors";
import { applyEvent, createLedger, type LedgerEvent, type LotJson } from "../ledger";
import { lotsCountMax } from "../limits";
import { calc, formatAmount, parseTrustedAmount, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, formatInstant } from "../time";
import type { PoolDraw, PoolLot } from "./outcomes";

export function lotFromJson(json: LotJson): Lot {
  return {
    id: json.id,
    kind: json.kind,
    purchasedAt: json.purchasedAtMs,
    expiresAt: json.expiresAtMs,
    credits: parseTrustedAmount<"credits">(json.credits),
    remaining: parseTrustedAmount<"credits">(json.remaining),
    priceUsd: parseTrustedAmount<"usd">(json.priceUsd),
  };
}

export function lotToJson(lot: Lot): LotJson {
  return {
    id: lot.id,
    kind: lot.kind,
    purchasedAtMs: lot.purchasedAt,
    expiresAtMs: lot.expiresAt,
    credits: formatAmount(lot.credits),
    remaining: formatAmount(lot.remaining),
    priceUsd: formatAmount(lot.priceUsd),
  };
}

export function poolLotOf(json: LotJson): PoolLot {
  return {
    id: json.id,
    kind: json.kind,
    purchasedAt: formatInstant(asEpochMs(json.purchasedAtMs)),
    expiresAt: formatInstant(asEpochMs(json.expiresAtMs)),
    credits: json.credits,
    remaining: json.remaining,
    priceUsd: json.priceUsd,
  };
}

export function poolDrawOf(draw: LotDraw): PoolDraw {
  return {
    lotId: draw.lotId,
    credits: formatAmount(draw.credits),
    expiresAt: formatInstant(asEpochMs(draw.expiresAt)),
  };
}

/** The pool after time passes to `at`: lots expired at or before it leave, each with what it lost. */
export function expirePool(
  pool: readonly LotJson[],
  at: number,
): { readonly pool: readonly LotJson[]; readonly expired: readonly (LotDraw & { readonly at: number })[] } {
  const first = pool[0];
  // Stryker disable next-line ConditionalExpression: equivalent: a fast path; expireLots finds nothing to expire alike
  if (first === undefined || first.expiresAtMs > at) return { pool, expired: [] };
  const expiry = expireLots(pool.map(lotFromJson), at);
  return { pool: expiry.lots.map(lotToJson), expired: expiry.expired };
}

/**
 * Draws up to `amount` from the pool at `at`, soonest expiry first. Lots drawn to zero leave
 * the pool (nothing in a team gives credits back to a lot).
 */
export function drawPool(
  pool: readonly LotJson[],
  amount: Scaled<"credits">,
  at: number,
): {
  readonly pool: readonly LotJson[];
  readonly draws: readonly LotDraw[];
  readonly drawn: Scaled<"credits">;
} {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: a fast path; drawCredits draws nothing alike
  if (!calc.isPositive(amount) || pool.length === 0)
    return { pool, draws: [], drawn: calc.zero<"credits">() };
  const lots = pool.map(lotFromJson);
  const draw = drawCredits(lots, amount, at);
  const touched = new Set(draw.draws.map((d) => d.lotId));
  const next: LotJson[] = [];
  draw.lots.forEach((lot, i) => {
    // Stryker disable next-line ConditionalExpression: equivalent: an untouched lot has credits left, and its JSON reads back the same
    if (!touched.has(lot.id)) next.push(pool[i] as LotJson);
    else if (calc.isPositive(lot.remaining)) next.push(lotToJson(lot));
  });
  return { pool: next, draws: draw.draws, drawn: draw.drawn };
}

/** A purchase for the pool, decided by the core's `purchase-credits` rules; the lot joins in draw order. */
export function buyPoolLot(
  catalog: Catalog,
  pool: readonly LotJson[],
  event: LedgerEvent,
): Result<{ readonly pool: readonly LotJson[]; readonly lot: LotJson }, LedgerError> {
  const scratch = createLedger({ catalog, eventIdsRemembered: 1 });
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(scratch.ok, "createLedger refused a team's own catalog");
  const bought = applyEvent(scratch.state, event);
  if (!bought.ok) return bought;
  const lot = bought.state.lots[0];
  // Stryker disable next-line ConditionalExpression,StringLiteral: invariant message, a bug report only
  assert(lot !== undefined, "a purchase the core accepted made no lot");
  if (pool.some((other) => other.id === lot.id)) {
    return err(
      ledgerError("conflict", `The pool already holds a live lot "${lot.id}"; use a new event id.`, ["id"], {
        id: lot.id,
      }),
    );
  }
  if (pool.length >= lotsCountMax) {
    return err(
      ledgerError("limit_exceeded", `The pool holds at most ${lotsCountMax} live lots.`, [], {
        lotsCountMax,
      }),
    );
  }
  return ok({ pool: addLot(pool.map(lotFromJson), lotFromJson(lot)).map(lotToJson), lot });
}
