/**
 * Usage by member over a period, exactly: the sum of the team's `member.usage` entries
 * whose instant falls in `[from, to)`, per member. Entries are the audit trail, so the
 * answer covers any period, not only what the state still holds.
 */
import { type LedgerError, ledgerError } from "../errors";
import { type AmountKind, calc, formatAmount, parseAmount, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, formatInstant, type Instant, parseInstant } from "../time";
import type { TeamEntry } from "./outcomes";

/**
 * One member's usage over the period. valueCredits = quotaCredits + poolCredits + arrearsCredits, exactly.
 *
 * @example
 * row.poolCredits; //=> "1200"
 */
export interface MemberPeriodUsage {
  readonly memberId: string;
  readonly usages: number;
  readonly valueCredits: string;
  readonly quotaUnits: string;
  readonly quotaCredits: string;
  readonly poolCredits: string;
  readonly arrearsCredits: string;
}

/**
 * What {@link teamUsageByMember} returns: one row per member (by member id), and the team's totals.
 *
 * @example
 * report.members.map((m) => m.memberId); //=> ["ana", "ben"]
 */
export interface TeamUsageByMember {
  readonly from: Instant;
  readonly to: Instant;
  readonly members: readonly MemberPeriodUsage[];
  readonly total: Omit<MemberPeriodUsage, "memberId">;
}

/**
 * Options of {@link teamUsageByMember}: the period, `from` inclusive, `to` exclusive.
 *
 * @example
 * const period: TeamUsageByMemberOptions = { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" };
 */
export interface TeamUsageByMemberOptions {
  readonly from: string | number;
  readonly to: string | number;
}

const fields = ["valueCredits", "quotaUnits", "quotaCredits", "poolCredits", "arrearsCredits"] as const;
type Sums = { usages: number } & Record<(typeof fields)[number], Scaled<AmountKind>>;

function emptySums(): Sums {
  return {
    usages: 0,
    valueCredits: calc.zero(),
    quotaUnits: calc.zero(),
    quotaCredits: calc.zero(),
    poolCredits: calc.zero(),
    arrearsCredits: calc.zero(),
  };
}

function formatted(sums: Sums): Omit<MemberPeriodUsage, "memberId"> {
  return {
    usages: sums.usages,
    valueCredits: formatAmount(sums.valueCredits),
    quotaUnits: formatAmount(sums.quotaUnits),
    quotaCredits: formatAmount(sums.quotaCredits),
    poolCredits: formatAmount(sums.poolCredits),
    arrearsCredits: formatAmount(sums.arrearsCredits),
  };
}

/**
 * Usage by member over `[from, to)`, summed exactly from the team's entries.
 *
 * @example
 * const r = teamUsageByMember(entries, { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" });
 * r.ok && r.value.total.usages; //=> 12
 */
export function teamUsageByMember(
  entries: readonly TeamEntry[],
  options: TeamUsageByMemberOptions,
): Result<TeamUsageByMember, LedgerError> {
  if (!Array.isArray(entries))
    return err(ledgerError("invalid_input", "Expected an array of team entries.", ["entries"]));
  if (typeof options !== "object" || options === null)
    return err(ledgerError("invalid_input", "Expected options { from, to }.", []));
  const from = parseInstant(options.from, ["from"]);
  if (!from.ok) return from;
  const to = parseInstant(options.to, ["to"]);
  if (!to.ok) return to;
  if (to.value < from.value)
    return err(ledgerError("invalid_input", "`to` must not be before `from`.", ["to"]));
  const byMember = new Map<string, Sums>();
  const total = emptySums();
  // Stryker disable next-line EqualityOperator: equivalent: the entry one past the end is undefined, and skipped as not an object
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as TeamEntry;
    if (typeof entry !== "object" || entry === null || entry.type !== "member.usage") continue;
    const at = parseInstant(entry.at, ["entries", i, "at"]);
    if (!at.ok) return at;
    if (at.value < from.value || at.value >= to.value) continue;
    let sums = byMember.get(entry.memberId);
    if (sums === undefined) {
      sums = emptySums();
      byMember.set(entry.memberId, sums);
    }
    sums.usages++;
    total.usages++;
    for (const field of fields) {
      const amount = parseAmount(field === "quotaUnits" ? "quota" : "credits", entry[field], {
        path: ["entries", i, field],
      });
      if (!amount.ok) return amount;
      sums[field] = calc.add(sums[field], amount.value as Scaled<AmountKind>);
      total[field] = calc.add(total[field], amount.value as Scaled<AmountKind>);
    }
  }
  const members = [...byMember.keys()]
    .sort()
    .map((memberId) => ({ memberId, ...formatted(byMember.get(memberId) as Sums) }));
  return ok({
    from: formatInstant(asEpochMs(from.value)),
    to: formatInstant(asEpochMs(to.value)),
    members,
    total: formatted(total),
  });
}
