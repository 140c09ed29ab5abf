/**
 * The team's Decider loop: check the state, the event, idempotency and time; bring the
 * pool up to the event's instant; decide the event on the seat or pool it names; count
 * it, and remember it. Nothing is half-applied on any error.
 */
import * as z from "zod/mini";
import { assert } from "../assert";
import { type Catalog, defaultCatalog, isDefinedCatalog } from "../catalog";
import { type LedgerError, ledgerError } from "../errors";
import { timeZoneField } from "../fields";
import { applyEvent, createLedger, type LedgerEvent, type LedgerState, settle } from "../ledger";
import { eventsPerCallMax } from "../limits";
import { calc, formatAmount, parseTrustedAmount } from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, formatInstant, parseInstant } from "../time";
import { parseWith, withCode } from "../validation";
import { type NormalizedTeamEvent, parseTeamEvent, type TeamEvent } from "./events";
import {
  membersPerTeamMax,
  seatEventIdsRemembered,
  seatsPerTeamMax,
  teamEventIdsRememberedDefault,
  teamEventIdsRememberedMax,
} from "./limits";
import type { TeamEntry, TeamOutcome, TeamRecentEvent, TeamUsageReceipt } from "./outcomes";
import { buyPoolLot, expirePool, poolLotOf } from "./pool";
import {
  brandTeam,
  memberRecordOf,
  seatOf,
  type TeamMember,
  type TeamSeat,
  type TeamState,
  teamSchemaVersion,
  teamStateError,
} from "./state";
import { decideMemberUsage, newMember } from "./usage";

/**
 * Options of {@link createTeam}.
 *
 * @example
 * const options: CreateTeamOptions = { catalog: defaultCatalog, capTimeZone: "Asia/Shanghai" };
 */
export interface CreateTeamOptions {
  /** The rules every seat and the pool are billed by (default {@link defaultCatalog}); a seat costs its tier's price. */
  readonly catalog?: Catalog;
  /** The time zone whose calendar months the members' monthly caps count in (default "UTC"). */
  readonly capTimeZone?: string;
  /** Team event ids remembered for idempotency (default 128, at most 4,096). */
  readonly eventIdsRemembered?: number;
}

const createTeamOptionsSchema = z.strictObject(
  {
    catalog: z.optional(
      z.custom<Catalog>(isDefinedCatalog, {
        error: "Expected a catalog made by defineCatalog or extendCatalog",
        ...withCode("invalid_catalog"),
      }),
    ),
    capTimeZone: z.optional(timeZoneField),
    eventIdsRemembered: z.optional(
      z.int({ error: "Expected a whole number of event ids" }).check(
        z.refine((n) => n >= 1 && n <= teamEventIdsRememberedMax, {
          message: `eventIdsRemembered must be from 1 to ${teamEventIdsRememberedMax}`,
          ...withCode("limit_exceeded"),
        }),
      ),
    ),
  },
  { error: "Expected options as an object such as { catalog, capTimeZone }" },
);

/**
 * A new team with no seats, no members and an empty pool.
 *
 * @example
 * const created = createTeam({ capTimeZone: "UTC" });
 * created.ok && created.team.clockMs; //=> null
 */
export function createTeam(
  options: CreateTeamOptions = {},
): { readonly ok: true; readonly team: TeamState } | TeamRefusal {
  const parsed = parseWith(createTeamOptionsSchema, options, "invalid_input");
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    team: brandTeam({
      schemaVersion: teamSchemaVersion,
      version: 0,
      catalog: parsed.value.catalog ?? defaultCatalog,
      capTimeZone: parsed.value.capTimeZone ?? "UTC",
      eventIdsRemembered: parsed.value.eventIdsRemembered ?? teamEventIdsRememberedDefault,
      clockMs: null,
      seats: {},
      members: {},
      pool: [],
      recentEvents: [],
      arrearsCredits: formatAmount(calc.zero<"credits">()),
    }),
  };
}

/**
 * A refusal: the typed error; the caller's team is unchanged.
 *
 * @example
 * const r = applyTeamEvent(team, { type: "cancel-seat", id: "c1", at: "2026-06-01T00:00:00Z", seatId: "nope" });
 * if (!r.ok) console.log(r.error.code); //=> "invalid_input"
 */
export interface TeamRefusal {
  readonly ok: false;
  readonly error: LedgerError;
}

/**
 * What {@link applyTeamEvent} returns when the event is applied (or was a duplicate).
 *
 * @example
 * const r = applyTeamEvent(team, usage);
 * if (r.ok) team = r.team; // keep the new team; store or forward r.entries
 */
export interface TeamApplied {
  readonly ok: true;
  readonly team: TeamState;
  /** The audit records this event caused (pool expiries up to its instant first). */
  readonly entries: readonly TeamEntry[];
  /** The receipt; for a retried usage, its first receipt. */
  readonly outcome: TeamOutcome;
  /** True when the id was already applied with the same content: nothing changed. */
  readonly duplicate: boolean;
}

function noSeat(team: TeamState, seatId: string): LedgerError {
  return ledgerError(
    "invalid_input",
    `No seat "${seatId}" in this team; buy it first with a buy-seat event.`,
    ["seatId"],
    { seatId, seats: Object.keys(team.seats).length },
  );
}

function withPath(error: LedgerError, path: readonly (string | number)[]): LedgerError {
  // Stryker disable next-line ConditionalExpression: equivalent: an empty prefix leaves the path as it is
  return path.length === 0 ? error : { ...error, path: [...path, ...error.path] };
}

/** A seat's ledger took an id as a duplicate that the team has forgotten: the same id for a new event. */
function forgottenBySeat(seatId: string, id: string): LedgerError {
  return ledgerError(
    "conflict",
    `Seat "${seatId}" already applied event "${id}", which the team no longer remembers; use a new id for a new event.`,
    ["id"],
    { id, seatId },
  );
}

/** What one event changes, before it is counted and remembered. */
interface Step {
  readonly seats: Readonly<Record<string, TeamSeat>>;
  readonly members: Readonly<Record<string, TeamMember>>;
  readonly pool: TeamState["pool"];
  readonly arrearsCredits: TeamState["arrearsCredits"];
  readonly entries: readonly TeamEntry[];
  readonly outcome: TeamOutcome;
  readonly receipt: TeamUsageReceipt | null;
}

function memberOf(team: TeamState, memberId: string): TeamMember {
  return memberRecordOf(team, memberId) ?? newMember;
}

function tooManyMembers(team: TeamState, memberId: string): LedgerError | null {
  return memberRecordOf(team, memberId) === undefined && Object.keys(team.members).length >= membersPerTeamMax
    ? ledgerError(
        "limit_exceeded",
        `A team holds at most ${membersPerTeamMax} member records.`,
        ["memberId"],
        {
          membersPerTeamMax,
        },
      )
    : null;
}

/** A seat's lifecycle event on its own ledger (buy, change tier, cancel). */
function seatLifecycle(
  team: TeamState,
  event: NormalizedTeamEvent & { readonly seatId: string },
  pool: TeamState["pool"],
  entries: TeamEntry[],
): Result<Step, LedgerError> {
  const existing = seatOf(team, event.seatId);
  let ledger: LedgerState;
  if (existing !== undefined) ledger = existing.ledger;
  else if (event.type !== "buy-seat") return err(noSeat(team, event.seatId));
  else if (Object.keys(team.seats).length >= seatsPerTeamMax) {
    return err(
      ledgerError("limit_exceeded", `A team holds at most ${seatsPerTeamMax} seats.`, ["seatId"], {
        seatsPerTeamMax,
      }),
    );
  } else {
    const created = createLedger({ catalog: team.catalog, eventIdsRemembered: seatEventIdsRemembered });
    // Stryker disable next-line StringLiteral: invariant message, a bug report only
    assert(created.ok, "createLedger refused a team's own catalog");
    ledger = created.state;
  }
  const applied = applyEvent(ledger, event.ledgerEvent as LedgerEvent);
  if (!applied.ok) return applied;
  // The seat's ledger remembers its last event: an id the team has forgotten may still be there.
  if (applied.duplicate) return err(forgottenBySeat(event.seatId, event.id));
  for (const entry of applied.entries) entries.push({ type: "seat", seatId: event.seatId, entry });
  const memberId = existing?.memberId ?? null;
  const outcome = applied.outcome;
  // Stryker disable next-line ConditionalExpression,StringLiteral: invariant message, a bug report only
  assert(outcome.type === "subscription", "a seat's lifecycle event had no subscription outcome");
  return ok({
    seats: { ...team.seats, [event.seatId]: { memberId, ledger: applied.state } },
    members: team.members,
    pool,
    arrearsCredits: team.arrearsCredits,
    entries,
    outcome: {
      type: "seat",
      eventId: event.id,
      seatId: event.seatId,
      memberId,
      subscription: applied.state.subscription,
      chargedUsd: outcome.chargedUsd,
      ledger: outcome,
    },
    receipt: null,
  });
}

/** Decides one validated, new event at its instant (the pool already brought up to it). */
function decide(
  team: TeamState,
  event: NormalizedTeamEvent,
  pool: TeamState["pool"],
  entries: TeamEntry[],
): Result<Step, LedgerError> {
  const at = formatInstant(asEpochMs(event.at));
  const same = {
    seats: team.seats,
    members: team.members,
    pool,
    arrearsCredits: team.arrearsCredits,
    entries,
  };
  switch (event.type) {
    case "buy-seat":
    case "change-seat-tier":
    case "cancel-seat":
      return seatLifecycle(team, event, pool, entries);
    case "assign-seat": {
      const seat = seatOf(team, event.seatId);
      if (seat === undefined) return err(noSeat(team, event.seatId));
      const member = memberOf(team, event.memberId);
      if (member.seatId !== null) {
        return err(
          ledgerError(
            "invalid_input",
            member.seatId === event.seatId
              ? `Member "${event.memberId}" already holds seat "${event.seatId}".`
              : `Member "${event.memberId}" already holds seat "${member.seatId}": a member holds at most one seat per team; unassign it first.`,
            ["memberId"],
            { memberId: event.memberId, seatId: member.seatId },
          ),
        );
      }
      const tooMany = tooManyMembers(team, event.memberId);
      if (tooMany !== null) return err(tooMany);
      const previous = seat.memberId;
      const members: Record<string, TeamMember> = {
        ...team.members,
        [event.memberId]: { ...member, seatId: event.seatId },
      };
      if (previous !== null) members[previous] = { ...memberOf(team, previous), seatId: null };
      entries.push({
        type: "seat.assigned",
        eventId: event.id,
        at,
        seatId: event.seatId,
        memberId: event.memberId,
        previousMemberId: previous,
      });
      return ok({
        ...same,
        // The seat's ledger, and so its window usage, stays as it is: the new holder inherits it.
        seats: { ...team.seats, [event.seatId]: { memberId: event.memberId, ledger: seat.ledger } },
        members,
        outcome: {
          type: "assignment",
          eventId: event.id,
          seatId: event.seatId,
          memberId: event.memberId,
          previousMemberId: previous,
        },
        receipt: null,
      });
    }
    case "unassign-seat": {
      const seat = seatOf(team, event.seatId);
      if (seat === undefined) return err(noSeat(team, event.seatId));
      const holder = seat.memberId;
      if (holder === null) {
        return err(
          ledgerError("invalid_input", `Seat "${event.seatId}" is not assigned to anyone.`, ["seatId"], {
            seatId: event.seatId,
          }),
        );
      }
      entries.push({
        type: "seat.unassigned",
        eventId: event.id,
        at,
        seatId: event.seatId,
        memberId: holder,
      });
      return ok({
        ...same,
        seats: { ...team.seats, [event.seatId]: { memberId: null, ledger: seat.ledger } },
        members: { ...team.members, [holder]: { ...memberOf(team, holder), seatId: null } },
        outcome: {
          type: "assignment",
          eventId: event.id,
          seatId: event.seatId,
          memberId: null,
          previousMemberId: holder,
        },
        receipt: null,
      });
    }
    case "set-member-credits": {
      const tooMany = tooManyMembers(team, event.memberId);
      if (tooMany !== null) return err(tooMany);
      const member = memberOf(team, event.memberId);
      entries.push({
        type: "member.credits",
        eventId: event.id,
        at,
        memberId: event.memberId,
        creditsAccess: event.access,
        monthlyCapCredits: event.monthlyCap,
      });
      return ok({
        ...same,
        members: {
          ...team.members,
          [event.memberId]: { ...member, creditsAccess: event.access, monthlyCapCredits: event.monthlyCap },
        },
        outcome: {
          type: "member",
          eventId: event.id,
          memberId: event.memberId,
          creditsAccess: event.access,
          monthlyCapCredits: event.monthlyCap,
        },
        receipt: null,
      });
    }
    case "purchase-pool-credits": {
      const bought = buyPoolLot(team.catalog, pool, event.ledgerEvent as LedgerEvent);
      if (!bought.ok) return bought;
      const lot = poolLotOf(bought.value.lot);
      entries.push({ type: "pool.purchased", eventId: event.id, at, lot });
      return ok({
        ...same,
        pool: bought.value.pool,
        outcome: { type: "pool-lot", eventId: event.id, lot },
        receipt: null,
      });
    }
    case "usage": {
      const decided = decideMemberUsage(
        team,
        event.memberId,
        event.ledgerEvent as LedgerEvent,
        event.at,
        pool,
      );
      if (!decided.ok) return decided;
      const d = decided.value;
      if (d.seatDuplicate) return err(forgottenBySeat(d.receipt.seatId as string, event.id));
      entries.push(...d.entries);
      const seats =
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: a usage has a seat's ledger (d.seat) exactly when its receipt names the seat
        d.seat === null || d.receipt.seatId === null
          ? team.seats
          : { ...team.seats, [d.receipt.seatId]: d.seat };
      const members = d.keepMember ? { ...team.members, [event.memberId]: d.member } : team.members;
      return ok({
        seats,
        members,
        pool: d.pool,
        arrearsCredits: calc.isPositive(d.arrears)
          ? formatAmount(calc.add(parseTrustedAmount<"credits">(team.arrearsCredits), d.arrears))
          : team.arrearsCredits,
        entries,
        outcome: d.receipt,
        receipt: d.receipt,
      });
    }
  }
}

function expiryEntries(expired: ReturnType<typeof expirePool>["expired"]): TeamEntry[] {
  return expired.map((e) => ({
    type: "pool.expired" as const,
    eventId: null,
    at: formatInstant(asEpochMs(e.at)),
    lotId: e.lotId,
    credits: formatAmount(e.credits),
  }));
}

function beforeClock(clockMs: number, at: number, path: readonly (string | number)[]): LedgerError {
  const clock = formatInstant(asEpochMs(clockMs));
  return ledgerError(
    "event_before_clock",
    `The event at ${formatInstant(asEpochMs(at))} is earlier than the team's clock ${clock}; events must not go back in time.`,
    path,
    { at: formatInstant(asEpochMs(at)), clock },
  );
}

/** Applies one event to a checked team; `path` prefixes errors (an index in a batch). */
function step(
  team: TeamState,
  input: unknown,
  path: readonly (string | number)[],
): TeamApplied | TeamRefusal {
  const parsed = parseTeamEvent(input, path);
  if (!parsed.ok) return parsed;
  const event = parsed.value;
  const seen = team.recentEvents.find((e) => e.id === event.id);
  if (seen !== undefined) {
    if (seen.fingerprint !== event.fingerprint) {
      return err(
        ledgerError(
          "conflict",
          `Event id "${event.id}" was already applied with different content; use a new id for a new event.`,
          [...path, "id"],
          { id: event.id },
        ),
      );
    }
    return {
      ok: true,
      team,
      entries: [],
      outcome: seen.receipt ?? { type: "duplicate", eventId: event.id, eventType: seen.type },
      duplicate: true,
    };
  }
  // Stryker disable next-line ConditionalExpression: equivalent: instants are 0 or more, and `event.at < null` compares with 0
  if (team.clockMs !== null && event.at < team.clockMs)
    return err(beforeClock(team.clockMs, event.at, [...path, "at"]));
  const expiry = expirePool(team.pool, event.at);
  const decided = decide(team, event, expiry.pool, expiryEntries(expiry.expired));
  if (!decided.ok) return err(withPath(decided.error, path));
  const s = decided.value;
  const remembered: TeamRecentEvent = {
    id: event.id,
    fingerprint: event.fingerprint,
    type: event.type,
    receipt: s.receipt,
  };
  const recent = [...team.recentEvents, remembered];
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a delete count of 0 or less removes nothing
  if (recent.length > team.eventIdsRemembered) recent.splice(0, recent.length - team.eventIdsRemembered);
  return {
    ok: true,
    team: brandTeam({
      schemaVersion: teamSchemaVersion,
      version: team.version + 1,
      catalog: team.catalog,
      capTimeZone: team.capTimeZone,
      eventIdsRemembered: team.eventIdsRemembered,
      clockMs: event.at, // not before the clock: checked above
      seats: s.seats,
      members: s.members,
      pool: s.pool,
      recentEvents: recent,
      arrearsCredits: s.arrearsCredits,
    }),
    entries: s.entries,
    outcome: s.outcome,
    duplicate: false,
  };
}

/**
 * Applies one team event: the pool's expiries up to its instant, then its rules on the
 * seat, the member or the pool it names. Returns the new team, the entries and the
 * outcome, or a typed error with the team unchanged. An id already applied with the same
 * content is a duplicate (for a usage, its first receipt); with other content, a `conflict`.
 *
 * @example
 * const r = applyTeamEvent(team, { type: "buy-seat", id: "seat-1", at: "2026-06-01T08:00:00Z", seatId: "seat-1", tier: "max" });
 * r.ok && r.outcome.type; //=> "seat"
 */
export function applyTeamEvent(team: TeamState, event: TeamEvent): TeamApplied | TeamRefusal {
  const bad = teamStateError(team);
  if (bad !== null) return err(bad);
  return step(team, event, []);
}

/**
 * What {@link applyTeamEvents} returns.
 *
 * @example
 * const r = applyTeamEvents(team, [buySeat, assign, usage]);
 * r.ok && r.applied; //=> 3
 */
export interface TeamAppliedMany {
  readonly ok: true;
  readonly team: TeamState;
  readonly applied: number;
  readonly duplicates: number;
  /** Every entry, in order. */
  readonly entries: readonly TeamEntry[];
}

/**
 * Applies team events in order, exactly as applying them one by one would. On any error
 * nothing is applied, and the error's path starts with the event's index.
 *
 * @example
 * const r = applyTeamEvents(team, [buySeat, assign, usage]);
 * r.ok && r.team.version; //=> 3
 */
export function applyTeamEvents(
  team: TeamState,
  events: readonly TeamEvent[],
): TeamAppliedMany | TeamRefusal {
  const bad = teamStateError(team);
  if (bad !== null) return err(bad);
  if (!Array.isArray(events))
    return err(ledgerError("invalid_input", "Expected an array of team events.", []));
  if (events.length > eventsPerCallMax) {
    return err(
      ledgerError("limit_exceeded", `At most ${eventsPerCallMax} events per call.`, [], { eventsPerCallMax }),
    );
  }
  let current = team;
  let applied = 0;
  let duplicates = 0;
  const entries: TeamEntry[] = [];
  for (let i = 0; i < events.length; i++) {
    const r = step(current, events[i], [i]);
    if (!r.ok) return r;
    current = r.team;
    entries.push(...r.entries);
    if (r.duplicate) duplicates++;
    else applied++;
  }
  return { ok: true, team: current, applied, duplicates, entries };
}

/**
 * What {@link settleTeam} returns.
 *
 * @example
 * const r = settleTeam(team, "2026-08-01T00:00:00Z");
 * if (r.ok) team = r.team;
 */
export interface TeamSettled {
  readonly ok: true;
  readonly team: TeamState;
  /** Pool expiries, then each seat's renewals, charges and lapses, up to the instant. */
  readonly entries: readonly TeamEntry[];
}

/**
 * Brings the team up to `at` without an event: pool lots expire, every seat renews (and is
 * charged its tier's price) or lapses. Moves the clock to `at`; the version does not change.
 *
 * @example
 * const r = settleTeam(team, "2026-07-01T08:00:00Z");
 * r.ok && r.entries.some((e) => e.type === "seat"); //=> true
 */
export function settleTeam(team: TeamState, at: string | number): TeamSettled | TeamRefusal {
  const bad = teamStateError(team);
  if (bad !== null) return err(bad);
  const instant = parseInstant(at, ["at"]);
  if (!instant.ok) return instant;
  const ms = instant.value as number;
  // Stryker disable next-line ConditionalExpression: equivalent: instants are 0 or more, and `ms < null` compares with 0
  if (team.clockMs !== null && ms < team.clockMs) return err(beforeClock(team.clockMs, ms, ["at"]));
  const expiry = expirePool(team.pool, ms);
  const entries = expiryEntries(expiry.expired);
  const seats: Record<string, TeamSeat> = {};
  for (const [seatId, seat] of Object.entries(team.seats)) {
    const settled = settle(seat.ledger, ms);
    if (!settled.ok) return settled;
    for (const entry of settled.entries) entries.push({ type: "seat", seatId, entry });
    seats[seatId] = settled.state === seat.ledger ? seat : { memberId: seat.memberId, ledger: settled.state };
  }
  return {
    ok: true,
    team: brandTeam({ ...team, clockMs: ms, seats, pool: expiry.pool }),
    entries,
  };
}
