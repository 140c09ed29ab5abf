import * as z from "zod/mini";
import { balanceAt, expiringWithin, isLive } from "../credits";
import type { LedgerError } from "../errors";
import { guard } from "../guard";
import { formatOut, type LedgerState, stateError, workAt } from "../ledger";
import { type Credits, calc, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { type Instant, type InstantInput, parseDuration, parseInstant } from "../time";
import { parseWith } from "../validation";

export interface CreditBalanceInternal {
  readonly at: number;
  /** Credits usable now. */
  readonly total: Scaled<"credits">;
  /** Live lots in draw order. `expiresAt` is exclusive. */
  readonly lots: readonly {
    readonly id: string;
    readonly kind: "purchase" | "grant";
    readonly credits: Scaled<"credits">;
    readonly remaining: Scaled<"credits">;
    readonly purchasedAt: number;
    readonly expiresAt: number;
  }[];
  /** Credits that expire within the horizon, by expiry instant, soonest first. */
  readonly expiring: readonly { readonly expiresAt: number; readonly credits: Scaled<"credits"> }[];
  /** Arrears: usage that neither quota nor credits covered. */
  readonly arrears: Scaled<"credits">;
}

/**
 * Credits that expire at one instant.
 *
 * @example
 * const soon: ExpiringCredits = { expiresAt: "2026-06-03T12:00:00.000Z" as Instant, credits: "3765.5" as Credits };
 */
export interface ExpiringCredits {
  /** The lots' expiry (exclusive: usable strictly before). */
  readonly expiresAt: Instant;
  readonly credits: Credits;
}

/**
 * A live lot as the balance shows it.
 *
 * @example
 * balance.lots[0].remaining; //=> "3765.5"
 */
export interface LiveLot {
  readonly id: string;
  readonly kind: "purchase" | "grant";
  /** Credits the lot started with. */
  readonly credits: Credits;
  readonly remaining: Credits;
  readonly purchasedAt: Instant;
  /** Usable strictly before this instant. */
  readonly expiresAt: Instant;
}

/**
 * The credit balance: total, each live lot with what is left and when it expires, and
 * what expires within the horizon.
 *
 * @example
 * balance.total; //=> "23765.5"
 */
export interface CreditBalance {
  readonly at: Instant;
  /** Credits usable now. */
  readonly total: Credits;
  /** Live lots in draw order (soonest expiry first). */
  readonly lots: readonly LiveLot[];
  /** Credits that expire within the horizon, by expiry instant, soonest first. */
  readonly expiring: readonly ExpiringCredits[];
  /** Arrears: usage that neither quota nor credits covered. */
  readonly arrears: Credits;
}

const creditBalanceOptionsSchema = z.strictObject(
  { horizon: z.optional(z.string({ error: 'Expected an ISO-8601 duration such as "P30D"' })) },
  { error: 'Expected options as an object such as { horizon: "P30D" }' },
);

/**
 * Options of {@link creditBalance}.
 *
 * @example
 * creditBalance(state, "2026-06-04T00:00:00Z", { horizon: "P90D" });
 */
export interface CreditBalanceOptions {
  /** How far ahead to list expiring credits, as an ISO-8601 duration (default "P30D"). */
  readonly horizon?: string;
}

/**
 * Credits usable at `at`, lot by lot, and what expires within the horizon. Changes nothing.
 *
 * @example
 * const r = creditBalance(state, "2026-06-04T14:10:00Z", { horizon: "P90D" });
 * r.ok && r.value.total; //=> "23765.5"
 */
export function creditBalance(
  state: LedgerState,
  at: InstantInput,
  options: CreditBalanceOptions = {},
): Result<CreditBalance, LedgerError> {
  return guard(() => {
    // Checked in precedence order: the state, the options' shape, the instant, the horizon, the clock.
    const badState = stateError(state);
    if (badState !== null) return err(badState);
    const parsedOptions = parseWith(creditBalanceOptionsSchema, options, "invalid_input");
    if (!parsedOptions.ok) return parsedOptions;
    const instant = parseInstant(at, ["at"]);
    if (!instant.ok) return instant;
    const horizon = parseDuration(parsedOptions.value.horizon ?? "P30D", ["horizon"]);
    if (!horizon.ok) return horizon;
    const moved = workAt(state, at);
    if (!moved.ok) return err(moved.error);
    const lots = moved.work.lots;
    const t = moved.at;
    const expiring: { expiresAt: number; credits: Scaled<"credits"> }[] = [];
    for (const lot of expiringWithin(lots, t, horizon.value)) {
      const last = expiring[expiring.length - 1];
      if (last !== undefined && last.expiresAt === lot.expiresAt)
        last.credits = calc.add(last.credits, lot.remaining);
      else expiring.push({ expiresAt: lot.expiresAt, credits: lot.remaining });
    }
    return ok(
      formatOut<CreditBalanceInternal>({
        at: t,
        total: balanceAt(lots, t),
        lots: lots
          .filter((lot) => isLive(lot, t))
          .map((lot) => ({
            id: lot.id,
            kind: lot.kind,
            credits: lot.credits,
            remaining: lot.remaining,
            purchasedAt: lot.purchasedAt,
            expiresAt: lot.expiresAt,
          })),
        expiring,
        arrears: moved.work.arrears,
      }),
    );
  });
}
