import { assert } from "../assert";
import { type LedgerError, ledgerError } from "../errors";
import { guard } from "../guard";
import {
  checkReferences,
  decideUsage,
  formatOut,
  type LedgerState,
  parseEvent,
  type UsageInput,
  type UsageReceipt,
  usageReceipt,
  type Work,
  workAt,
} from "../ledger";
import { type Credits, calc } from "../money";
import { err, ok, type Result } from "../result";

/**
 * The answer to "may this run, and what would it cost": the receipt `applyEvent` would
 * give for the same usage now, plus `allowed` and what credits it needs. When quota does
 * not cover it, `limit` names the full window, the tier, used/total and the reset.
 *
 * @example
 * quote.allowed; //=> false
 * quote.limit?.message; //=> "5-hour usage limit reached for Token Plan Plus (6.596/6.596 used), resets at 2026-06-04T15:00:00.000Z"
 */
export interface UsageQuote extends UsageReceipt {
  /** True when quota and credits together cover the whole usage. */
  readonly allowed: boolean;
  /** Credits the usage would need beyond quota. */
  readonly creditsNeeded: Credits;
  /** Credits usable at that instant. */
  readonly creditsAvailable: Credits;
  /** Credits missing for the usage to be covered (0 when allowed). */
  readonly creditsShort: Credits;
}

/**
 * Quotes a usage without changing anything. Agrees exactly with what `applyEvent` then
 * does with the same usage at the same instant.
 *
 * @example
 * const q = quoteUsage(state, { at: "2026-06-04T14:10:00Z", resource: "MiniMax-M3", measures: { outputTokens: 50_000 } });
 * q.ok && q.value.allowed; //=> true
 */
export function quoteUsage(state: LedgerState, usage: UsageInput): Result<UsageQuote, LedgerError> {
  return guard(() => {
    if (typeof usage !== "object" || usage === null || Array.isArray(usage)) {
      return err(
        ledgerError("invalid_input", "Expected a usage object such as { at, resource, measures }.", []),
      );
    }
    if ("type" in usage && (usage as { type: unknown }).type !== "usage") {
      return err(
        ledgerError("invalid_input", 'A quote is for a usage: leave out `type`, or set it to "usage".', [
          "type",
        ]),
      );
    }
    // Copied field by field (an object spread costs more on this path than everything else).
    const candidate: Record<string, unknown> = { type: "usage", id: "quote" };
    for (const key in usage) if (key !== "type") candidate[key] = (usage as Record<string, unknown>)[key];
    const parsed = parseEvent(candidate);
    if (!parsed.ok) return parsed;
    const event = parsed.value;
    assert(event.type === "usage", "quote parsed a non-usage");
    // The same checks, in the same order, as applyEvent: references, then time.
    const moved = workAt(state, event.at, (work) => checkReferences(work, event));
    if (!moved.ok) return err(moved.error);
    const work: Work = moved.work;
    const decision = decideUsage(work, event);
    const available = work.creditsAt(event.at);
    const r = usageReceipt(event.id, event.at, decision);
    // Built field by field: spreading an object that holds bigints is slow in V8.
    const quote = {
      type: r.type,
      eventId: r.eventId,
      at: r.at,
      resource: r.resource,
      bucket: r.bucket,
      valueUsd: r.valueUsd,
      valueCredits: r.valueCredits,
      quota: r.quota,
      credits: r.credits,
      uncoveredCredits: r.uncoveredCredits,
      paidBy: r.paidBy,
      limit: r.limit,
      allowed: !calc.isPositive(decision.uncoveredCredits),
      creditsNeeded: decision.overflowCredits,
      creditsAvailable: available,
      creditsShort: decision.uncoveredCredits,
    };
    const formatted: UsageQuote = formatOut(quote);
    return ok(formatted);
  });
}
