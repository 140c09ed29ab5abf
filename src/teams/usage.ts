/**
 * A member's usage: the seat's windows first (decided by the core on the seat's own
 * ledger, which holds no lots, so whatever quota leaves over comes back as the seat's
 * uncovered credits), then the shared pool (soonest expiry first, as far as the member
 * has credits access and their monthly cap allows), then arrears on the team,
 * attributed to the member.
 */
import { assert } from "../assert";
import { compiledOf } from "../catalog";
import { type LedgerError, ledgerError } from "../errors";
import { applyEvent, createLedger, type LedgerEntry, type LedgerEvent, type UsageReceipt } from "../ledger";
import { calc, formatAmount, parseTrustedAmount, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, calendarBlockAt, formatInstant } from "../time";
import { membersPerTeamMax } from "./limits";
import type { PoolStop, TeamEntry, TeamUsageReceipt } from "./outcomes";
import { drawPool, poolDrawOf } from "./pool";
import { memberRecordOf, seatOf, type TeamMember, type TeamSeat, type TeamState } from "./state";

/** A member never seen before: no seat, the default credits access, no cap, nothing owed. */
export const newMember: TeamMember = {
  seatId: null,
  creditsAccess: null,
  monthlyCapCredits: null,
  capMonthStartMs: null,
  poolDrawnCredits: "0" as TeamMember["poolDrawnCredits"],
  arrearsCredits: "0" as TeamMember["arrearsCredits"],
};

/** May the member draw the pool: their own setting, else the default (seat holders may). */
export function hasPoolAccess(member: TeamMember): boolean {
  return member.creditsAccess ?? member.seatId !== null;
}

/** The start of the calendar month (in the team's cap zone) holding `at`. */
export function capMonthStart(team: TeamState, at: number): number {
  return calendarBlockAt({ every: "month", timeZone: team.capTimeZone }, asEpochMs(at)).start;
}

/** Pool credits the member drew in the month holding `at`. */
export function drawnThisMonth(team: TeamState, member: TeamMember, at: number): Scaled<"credits"> {
  return member.capMonthStartMs === capMonthStart(team, at)
    ? parseTrustedAmount<"credits">(member.poolDrawnCredits)
    : calc.zero<"credits">();
}

/** What the member's cap still allows this month (null: no cap). */
export function capLeft(team: TeamState, member: TeamMember, at: number): Scaled<"credits"> | null {
  if (member.monthlyCapCredits === null) return null;
  return calc.subtractFloor(
    parseTrustedAmount<"credits">(member.monthlyCapCredits),
    drawnThisMonth(team, member, at),
  );
}

/** Everything one usage changes in a team. */
export interface UsageDecision {
  readonly seat: TeamSeat | null;
  readonly member: TeamMember;
  /** False when the member needs no record (never seen, and nothing to remember now). */
  readonly keepMember: boolean;
  readonly pool: TeamState["pool"];
  readonly arrears: Scaled<"credits">;
  readonly receipt: TeamUsageReceipt;
  readonly entries: readonly TeamEntry[];
  /** The seat's ledger took the event id as a duplicate (the team had forgotten it). */
  readonly seatDuplicate: boolean;
}

/** The seat's quota decision on its own ledger, or the usage's value on a scratch ledger for a member without a seat. */
function quotaPart(
  team: TeamState,
  seat: TeamSeat | null,
  event: LedgerEvent,
): Result<
  {
    readonly receipt: UsageReceipt;
    readonly seat: TeamSeat | null;
    readonly entries: readonly LedgerEntry[];
    readonly duplicate: boolean;
  },
  LedgerError
> {
  let ledger = seat?.ledger;
  if (ledger === undefined) {
    const scratch = createLedger({ catalog: team.catalog, eventIdsRemembered: 1 });
    // Stryker disable next-line StringLiteral: invariant message, a bug report only
    assert(scratch.ok, "createLedger refused a team's own catalog");
    ledger = scratch.state;
  }
  const applied = applyEvent(ledger, event);
  if (!applied.ok) return applied;
  const outcome = applied.outcome;
  // Stryker disable next-line ConditionalExpression,StringLiteral: invariant message, a bug report only
  assert(outcome.type === "usage", "the seat's ledger did not answer a usage with a receipt");
  return ok({
    receipt: outcome,
    seat: seat === null ? null : { memberId: seat.memberId, ledger: applied.state },
    // Stryker disable next-line ConditionalExpression: equivalent: a scratch ledger writes only usage records, which the team skips below
    entries: seat === null ? [] : applied.entries,
    duplicate: applied.duplicate,
  });
}

/** Decides a member's usage (`event` is the core usage event the team event became). */
export function decideMemberUsage(
  team: TeamState,
  memberId: string,
  event: LedgerEvent,
  at: number,
  pool: TeamState["pool"],
): Result<UsageDecision, LedgerError> {
  const known = memberRecordOf(team, memberId);
  const member = known ?? newMember;
  const seatId = member.seatId;
  // A member's seat is always the team's (parseTeam checks both sides agree).
  const seat = seatId === null ? null : (seatOf(team, seatId) as TeamSeat);
  const quota = quotaPart(team, seat, event);
  if (!quota.ok) return quota;
  const r = quota.value.receipt;
  const overflow = parseTrustedAmount<"credits">(r.uncoveredCredits);
  // Stryker disable next-line OptionalChaining: equivalent: the ledger priced the usage, so the catalog has its resource
  const eligible = compiledOf(team.catalog).resources.get(r.resource)?.creditsEligible === true;
  const access = hasPoolAccess(member);
  const left = capLeft(team, member, at);

  let stoppedBy: PoolStop | null = null;
  let drawn = calc.zero<"credits">();
  let draws: ReturnType<typeof drawPool>["draws"] = [];
  let nextPool = pool;
  if (calc.isPositive(overflow)) {
    if (!eligible) stoppedBy = "not-eligible";
    else if (!access) stoppedBy = "no-access";
    else {
      const wanted = left === null ? overflow : calc.min(overflow, left);
      const draw = drawPool(pool, wanted, at);
      nextPool = draw.pool;
      draws = draw.draws;
      drawn = draw.drawn;
      if (drawn < wanted) stoppedBy = "pool-empty";
      else if (wanted < overflow) stoppedBy = "cap";
    }
  }
  const arrears = calc.subtract(overflow, drawn);
  const month = capMonthStart(team, at);
  const nextMember: TeamMember = {
    ...member,
    capMonthStartMs: calc.isPositive(drawn) ? month : member.capMonthStartMs,
    poolDrawnCredits: calc.isPositive(drawn)
      ? formatAmount(calc.add(drawnThisMonth(team, member, at), drawn))
      : member.poolDrawnCredits,
    arrearsCredits: calc.isPositive(arrears)
      ? formatAmount(calc.add(parseTrustedAmount<"credits">(member.arrearsCredits), arrears))
      : member.arrearsCredits,
  };
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: a known member whose usage changed nothing is the same record kept or not, and a member the team does not know has no pool access, so draws nothing
  const keepMember = known !== undefined || calc.isPositive(drawn) || calc.isPositive(arrears);
  if (known === undefined && keepMember && Object.keys(team.members).length >= membersPerTeamMax) {
    return err(
      ledgerError(
        "limit_exceeded",
        `A team holds at most ${membersPerTeamMax} member records.`,
        ["memberId"],
        {
          membersPerTeamMax,
        },
      ),
    );
  }

  const quotaCredits = r.quota.credits;
  const paidBy: ("quota" | "pool" | "arrears")[] = [];
  if (calc.isPositive(parseTrustedAmount(quotaCredits)) || calc.isPositive(parseTrustedAmount(r.quota.units)))
    paidBy.push("quota");
  if (calc.isPositive(drawn)) paidBy.push("pool");
  if (calc.isPositive(arrears)) paidBy.push("arrears");
  const poolDraws = draws.map(poolDrawOf);
  const atIso = formatInstant(asEpochMs(at));
  const receipt: TeamUsageReceipt = {
    type: "member-usage",
    eventId: r.eventId,
    at: atIso,
    memberId,
    // Stryker disable next-line ConditionalExpression: equivalent: a member without a seat has seatId null
    seatId: seat === null ? null : seatId,
    resource: r.resource,
    valueUsd: r.valueUsd,
    valueCredits: r.valueCredits,
    quota: r.quota,
    pool: {
      access,
      capLeftCredits: left === null ? null : formatAmount(left),
      debited: formatAmount(drawn),
      lots: poolDraws,
      stoppedBy,
    },
    arrearsCredits: formatAmount(arrears),
    paidBy,
    limit: r.limit,
  };
  const entries: TeamEntry[] = [];
  for (const entry of quota.value.entries) {
    // The seat's own usage records count its overflow as uncovered: the team's entry below says who paid it.
    if (entry.type === "usage.recorded" || entry.type === "usage.uncovered") continue;
    entries.push({ type: "seat", seatId: seatId as string, entry });
  }
  entries.push({
    type: "member.usage",
    eventId: r.eventId,
    at: atIso,
    memberId,
    seatId: receipt.seatId,
    resource: r.resource,
    valueCredits: r.valueCredits,
    quotaUnits: r.quota.units,
    quotaCredits,
    poolCredits: formatAmount(drawn),
    draws: poolDraws,
    arrearsCredits: formatAmount(arrears),
  });
  return ok({
    seat: quota.value.seat,
    member: nextMember,
    keepMember,
    pool: nextPool,
    arrears,
    receipt,
    entries,
    seatDuplicate: quota.value.duplicate,
  });
}
