/**
 * A team's state: one seat ledger per seat (a normal `LedgerState`: the seat's
 * subscription and windows, no lots), the members (seat, credits access, monthly cap,
 * what they drew from the pool this month, their arrears), and one shared credit pool
 * (lots in draw order). Plain, immutable, JSON-safe data beside the seat ledgers, which
 * are the core's own states.
 */
import { type Catalog, isDefinedCatalog } from "../catalog";
import { type LedgerError, ledgerError } from "../errors";
import type { LedgerState, LotJson } from "../ledger";
import type { Credits } from "../money";
import type { TeamRecentEvent } from "./outcomes";

/** The version of a team's JSON layout. */
export const teamSchemaVersion = 1;

/**
 * One seat: who holds it (or null) and its own ledger (its subscription and windows).
 *
 * @example
 * const seat: TeamSeat = team.seats["seat-1"];
 * seat.memberId; //=> "ana"
 */
export interface TeamSeat {
  readonly memberId: string | null;
  /** The seat's ledger: its `arrearsCredits` counts what the seat's quota handed on to the team. */
  readonly ledger: LedgerState;
}

/**
 * One member's record in a team.
 *
 * @example
 * const member: TeamMember = team.members.ana;
 * member.seatId; //=> "seat-1"
 */
export interface TeamMember {
  readonly seatId: string | null;
  /**
   * May the member draw the shared pool? `null` is the team's default: a seat holder
   * may, a member without a seat may not.
   */
  readonly creditsAccess: boolean | null;
  /** At most this many pool credits per month (null: no cap). */
  readonly monthlyCapCredits: Credits | null;
  /** Epoch ms of the start of the month `poolDrawnCredits` counts (null before any draw). */
  readonly capMonthStartMs: number | null;
  /** Pool credits the member drew in that month. */
  readonly poolDrawnCredits: Credits;
  /** Usage neither the seat's quota nor the pool covered, owed by the team for this member. */
  readonly arrearsCredits: Credits;
}

/**
 * A team: seats, members, the shared credit pool. Make it with `createTeam`, move it with
 * `applyTeamEvent` / `applyTeamEvents` / `settleTeam`, store it with `serializeTeam` and
 * read it with `parseTeam`.
 *
 * @example
 * const created = createTeam();
 * created.ok && [created.team.version, Object.keys(created.team.seats).length]; //=> [0, 0]
 */
export interface TeamState {
  readonly schemaVersion: typeof teamSchemaVersion;
  /** Team events applied (duplicates excluded): the store's compare-and-swap version. */
  readonly version: number;
  readonly catalog: Catalog;
  /** The time zone whose calendar months the monthly caps count in. */
  readonly capTimeZone: string;
  readonly eventIdsRemembered: number;
  /** The latest instant the team has seen, or null before its first event. */
  readonly clockMs: number | null;
  readonly seats: Readonly<Record<string, TeamSeat>>;
  readonly members: Readonly<Record<string, TeamMember>>;
  /** The shared pool's live lots, in draw order (soonest expiry, oldest purchase, lot id). */
  readonly pool: readonly LotJson[];
  /** Recent team events, oldest first, each with its fingerprint and (for a usage) its first receipt. */
  readonly recentEvents: readonly TeamRecentEvent[];
  /** The team's arrears: the sum of every member's. */
  readonly arrearsCredits: Credits;
}

/**
 * The seat `seatId`, or undefined: an own key only, so that an id such as "toString" names no
 * seat until one is bought under it.
 */
export function seatOf(team: TeamState, seatId: string): TeamSeat | undefined {
  return Object.hasOwn(team.seats, seatId) ? team.seats[seatId] : undefined;
}

/** The member record `memberId`, or undefined (an own key only, as for {@link seatOf}). */
export function memberRecordOf(team: TeamState, memberId: string): TeamMember | undefined {
  return Object.hasOwn(team.members, memberId) ? team.members[memberId] : undefined;
}

const teamBrand = Symbol.for("token-plan.team-state");

/** Marks a team state as made by this library (a copy made by spreading or JSON is refused). */
export function brandTeam(team: TeamState): TeamState {
  Object.defineProperty(team, teamBrand, { value: teamSchemaVersion, enumerable: false });
  return team;
}

/** A cheap check that a value is a team state this library made or read; full validation is `parseTeam`. */
export function teamStateError(team: unknown): LedgerError | null {
  const candidate = team as Partial<TeamState> | null;
  if (typeof team === "string") {
    return ledgerError("invalid_state", "Got text, not a team: read stored teams with parseTeam first.", []);
  }
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    candidate.schemaVersion !== teamSchemaVersion ||
    (candidate as { [teamBrand]?: unknown })[teamBrand] !== teamSchemaVersion
  ) {
    return ledgerError(
      "invalid_state",
      "Expected a team made by createTeam or read by parseTeam (a copy made by spreading, JSON or structuredClone is not trusted).",
      [],
    );
  }
  if (!isDefinedCatalog(candidate.catalog)) {
    return ledgerError(
      "invalid_state",
      "The team's catalog was not validated: read stored teams with parseTeam.",
      ["catalog"],
    );
  }
  return null;
}
