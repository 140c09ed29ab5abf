/**
 * Team queries: the usage bars of a seat and of a member, the pool's balance by lot with
 * what expires soon, and the quote of a member's usage. None changes anything.
 */
import * as z from "zod/mini";
import { assert } from "../assert";
import { balanceAt, expiringWithin } from "../credits";
import { type LedgerError, ledgerError } from "../errors";
import type { LedgerEvent, UsageInput } from "../ledger";
import { type Credits, calc, formatAmount, type Scaled } from "../money";
import { type QuotaStatus, quotaStatus } from "../queries";
import { err, ok, type Result } from "../result";
import {
  asEpochMs,
  calendarBlockAt,
  formatInstant,
  type Instant,
  parseDuration,
  parseInstant,
} from "../time";
import { parseWith } from "../validation";
import { parseTeamEvent } from "./events";
import type { PoolLot, TeamUsageReceipt } from "./outcomes";
import { expirePool, lotFromJson, poolLotOf } from "./pool";
import { memberRecordOf, seatOf, type TeamState, teamStateError } from "./state";
import { capLeft, decideMemberUsage, drawnThisMonth, hasPoolAccess, newMember } from "./usage";

/** The instant of a query, not before the team's clock. */
function queryInstant(team: TeamState, at: unknown): Result<number, LedgerError> {
  const bad = teamStateError(team);
  if (bad !== null) return err(bad);
  const instant = parseInstant(at, ["at"]);
  if (!instant.ok) return instant;
  const ms = instant.value as number;
  // Stryker disable next-line ConditionalExpression: equivalent: instants are 0 or more, and `ms < null` compares with 0
  if (team.clockMs !== null && ms < team.clockMs) {
    return err(
      ledgerError(
        "event_before_clock",
        `The instant ${formatInstant(instant.value)} is earlier than the team's clock ${formatInstant(asEpochMs(team.clockMs))}.`,
        ["at"],
      ),
    );
  }
  return ok(ms);
}

/**
 * A seat's usage bars: its holder, its tier and the quota status of its own windows.
 *
 * @example
 * seat.quota.buckets[0]?.windows[0]?.used; //=> "6.2"
 */
export interface SeatUsage {
  readonly seatId: string;
  readonly memberId: string | null;
  /** The seat's quota windows, as `quotaStatus` gives them for one account. */
  readonly quota: QuotaStatus;
}

/**
 * A seat's usage bars at `at`: every window of its own, whoever holds it now.
 *
 * @example
 * const r = seatUsage(team, "seat-1", "2026-06-04T11:00:00Z");
 * r.ok && r.value.memberId; //=> "ben"
 */
export function seatUsage(
  team: TeamState,
  seatId: string,
  at: string | number,
): Result<SeatUsage, LedgerError> {
  const instant = queryInstant(team, at);
  if (!instant.ok) return instant;
  const seat = typeof seatId === "string" ? seatOf(team, seatId) : undefined;
  if (seat === undefined)
    return err(ledgerError("invalid_input", `No seat "${String(seatId)}" in this team.`, ["seatId"]));
  const quota = quotaStatus(seat.ledger, instant.value);
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(quota.ok, "quotaStatus refused a seat at an instant past the team's clock");
  return ok({ seatId, memberId: seat.memberId, quota: quota.value });
}

/**
 * A member's usage bars: the windows of the seat they hold (null without one), their
 * access to the pool, what they drew from it this month against their cap, and their arrears.
 *
 * @example
 * member.pool.capLeftCredits; //=> "500"
 */
export interface MemberUsage {
  readonly memberId: string;
  readonly seatId: string | null;
  readonly quota: QuotaStatus | null;
  readonly pool: {
    readonly access: boolean;
    readonly monthlyCapCredits: Credits | null;
    /** Pool credits drawn in the month holding `at`. */
    readonly drawnCredits: Credits;
    /** What the cap still allows this month (null: no cap). */
    readonly capLeftCredits: Credits | null;
    /** The month the cap counts: `[monthStart, monthEnd)` in the team's cap time zone. */
    readonly monthStart: Instant;
    readonly monthEnd: Instant;
  };
  /** Team arrears attributed to the member. */
  readonly arrearsCredits: Credits;
}

/**
 * A member's usage bars at `at` (a member the team has never seen has no seat and no access).
 *
 * @example
 * const r = memberUsage(team, "ana", "2026-06-04T11:00:00Z");
 * r.ok && r.value.pool.drawnCredits; //=> "1200"
 */
export function memberUsage(
  team: TeamState,
  memberId: string,
  at: string | number,
): Result<MemberUsage, LedgerError> {
  const instant = queryInstant(team, at);
  if (!instant.ok) return instant;
  if (typeof memberId !== "string" || memberId.length === 0)
    return err(ledgerError("invalid_input", "Expected a member id.", ["memberId"]));
  const ms = instant.value;
  const member = memberRecordOf(team, memberId) ?? newMember;
  let quota: QuotaStatus | null = null;
  const seat = member.seatId === null ? undefined : seatOf(team, member.seatId);
  if (seat !== undefined) {
    const status = quotaStatus(seat.ledger, ms);
    // Stryker disable next-line StringLiteral: invariant message, a bug report only
    assert(status.ok, "quotaStatus refused a seat at an instant past the team's clock");
    quota = status.value;
  }
  const month = calendarBlockAt({ every: "month", timeZone: team.capTimeZone }, asEpochMs(ms));
  const left = capLeft(team, member, ms);
  return ok({
    memberId,
    seatId: member.seatId,
    quota,
    pool: {
      access: hasPoolAccess(member),
      monthlyCapCredits: member.monthlyCapCredits,
      drawnCredits: formatAmount(drawnThisMonth(team, member, ms)),
      capLeftCredits: left === null ? null : formatAmount(left),
      monthStart: formatInstant(month.start),
      monthEnd: formatInstant(month.end),
    },
    arrearsCredits: member.arrearsCredits,
  });
}

/**
 * The shared pool at an instant: its total, each live lot with what is left, what expires
 * within the horizon (by expiry, soonest first), and the team's arrears.
 *
 * @example
 * pool.expiring[0]?.credits; //=> "4000"
 */
export interface PoolBalance {
  readonly at: Instant;
  readonly total: Credits;
  readonly lots: readonly PoolLot[];
  readonly expiring: readonly { readonly expiresAt: Instant; readonly credits: Credits }[];
  readonly arrearsCredits: Credits;
}

/**
 * Options of {@link poolBalance}.
 *
 * @example
 * const options: PoolBalanceOptions = { horizon: "P7D" };
 */
export interface PoolBalanceOptions {
  /** How far ahead "expires soon" looks, as an ISO-8601 duration (default "P30D"). */
  readonly horizon?: string;
}

const poolBalanceOptionsSchema = z.strictObject(
  { horizon: z.optional(z.string({ error: 'Expected an ISO-8601 duration such as "P30D"' })) },
  { error: 'Expected options as an object such as { horizon: "P30D" }' },
);

/**
 * The pool's balance by lot at `at`, with what expires within the horizon.
 *
 * @example
 * const r = poolBalance(team, "2026-06-04T11:00:00Z", { horizon: "P30D" });
 * r.ok && r.value.total; //=> "23800"
 */
export function poolBalance(
  team: TeamState,
  at: string | number,
  options: PoolBalanceOptions = {},
): Result<PoolBalance, LedgerError> {
  const instant = queryInstant(team, at);
  if (!instant.ok) return instant;
  const settings = parseWith(poolBalanceOptionsSchema, options, "invalid_input");
  if (!settings.ok) return settings;
  const horizon = parseDuration(settings.value.horizon ?? "P30D", ["horizon"]);
  if (!horizon.ok) return horizon;
  const ms = instant.value;
  const pool = expirePool(team.pool, ms).pool;
  const lots = pool.map(lotFromJson);
  const byExpiry = new Map<number, Scaled<"credits">>();
  for (const lot of expiringWithin(lots, ms, horizon.value)) {
    byExpiry.set(
      lot.expiresAt,
      calc.add(byExpiry.get(lot.expiresAt) ?? calc.zero<"credits">(), lot.remaining),
    );
  }
  return ok({
    at: formatInstant(asEpochMs(ms)),
    total: formatAmount(balanceAt(lots, ms)),
    lots: pool.map(poolLotOf),
    expiring: [...byExpiry].map(([expiresAt, credits]) => ({
      expiresAt: formatInstant(asEpochMs(expiresAt)),
      credits: formatAmount(credits),
    })),
    arrearsCredits: team.arrearsCredits,
  });
}

/**
 * The answer to "may this member's request run, and who would pay": the receipt
 * `applyTeamEvent` would give for the same usage now, plus `allowed` (quota and the pool
 * together cover it) and `creditsShort` (what would become arrears).
 *
 * @example
 * quote.allowed; //=> false
 * quote.pool.stoppedBy; //=> "cap"
 */
export interface TeamUsageQuote extends TeamUsageReceipt {
  readonly allowed: boolean;
  readonly creditsShort: Credits;
}

/**
 * Quotes a member's usage without changing anything. Agrees exactly with what
 * `applyTeamEvent` then does with the same usage at the same instant.
 *
 * @example
 * const q = quoteTeamUsage(team, { memberId: "ana", at: "2026-06-04T11:00:00Z", resource: "MiniMax-M3", measures: { outputTokens: 50_000 } });
 * q.ok && q.value.allowed; //=> true
 */
export function quoteTeamUsage(
  team: TeamState,
  usage: UsageInput & { readonly memberId: string },
): Result<TeamUsageQuote, LedgerError> {
  const bad = teamStateError(team);
  // Stryker disable next-line ConditionalExpression: equivalent: queryInstant below refuses such a team alike (this check only comes first)
  if (bad !== null) return err(bad);
  if (typeof usage !== "object" || usage === null || Array.isArray(usage))
    return err(
      ledgerError(
        "invalid_input",
        "Expected a usage object such as { memberId, at, resource, measures }.",
        [],
      ),
    );
  const parsed = parseTeamEvent({ ...usage, type: "usage", id: "quote" });
  if (!parsed.ok) return parsed;
  const event = parsed.value;
  // Stryker disable next-line ConditionalExpression,StringLiteral: invariant message, a bug report only
  assert(event.type === "usage", "a quote's event is not a usage");
  const instant = queryInstant(team, event.at);
  if (!instant.ok) return instant;
  const pool = expirePool(team.pool, event.at).pool;
  const decided = decideMemberUsage(team, event.memberId, event.ledgerEvent as LedgerEvent, event.at, pool);
  if (!decided.ok) return decided;
  const receipt = decided.value.receipt;
  return ok({
    ...receipt,
    allowed: !calc.isPositive(decided.value.arrears),
    creditsShort: receipt.arrearsCredits,
  });
}
