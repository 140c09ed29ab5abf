/**
 * Storing a team: `serializeTeam` writes canonical JSON text (the catalog by id and
 * fingerprint, each seat's ledger as `serializeLedger` writes it); `parseTeam` reads it
 * back, refusing a future schema version, malformed or tampered content with a typed
 * error and its path. Equal teams give byte-identical text.
 */
import * as z from "zod/mini";
import { assert } from "../assert";
import { type Catalog, compiledOf, defaultCatalog, isDefinedCatalog } from "../catalog";
import { compareDrawOrder } from "../credits";
import { type LedgerError, ledgerError } from "../errors";
import { type LedgerState, type LotJson, parseLedger, serializeLedger } from "../ledger";
import { idLengthMax, instantMaxMs, lotsCountMax } from "../limits";
import { calc, formatAmount, isCanonicalAmount, parseTrustedAmount } from "../money";
import { err, ok, type Result } from "../result";
import { isValidTimeZone } from "../time";
import { parseWith, protoKeyError, protoKeyPath } from "../validation";
import { membersPerTeamMax, seatsPerTeamMax, teamEventIdsRememberedMax } from "./limits";
import type { TeamRecentEvent } from "./outcomes";
import {
  brandTeam,
  type TeamMember,
  type TeamSeat,
  type TeamState,
  teamSchemaVersion,
  teamStateError,
} from "./state";

/**
 * The team as canonical JSON text for storage (one row per team), or a typed `invalid_state` error.
 *
 * @example
 * const text = serializeTeam(team);
 * text.ok && parseTeam(text.value).ok; //=> true
 */
export function serializeTeam(team: TeamState): Result<string, LedgerError> {
  const bad = teamStateError(team);
  if (bad !== null) return err(bad);
  const seats: string[] = [];
  for (const [seatId, seat] of Object.entries(team.seats)) {
    const ledger = serializeLedger(seat.ledger);
    // Stryker disable next-line ArrowFunction,StringLiteral: invariant message, a bug report only
    assert(ledger.ok, () => `serializeLedger refused seat "${seatId}" of a checked team`);
    seats.push(
      `${JSON.stringify(seatId)}:{"memberId":${JSON.stringify(seat.memberId)},"ledger":${ledger.value}}`,
    );
  }
  const head = JSON.stringify({
    schemaVersion: team.schemaVersion,
    version: team.version,
    catalog: { id: team.catalog.id, fingerprint: compiledOf(team.catalog).fingerprint },
    capTimeZone: team.capTimeZone,
    eventIdsRemembered: team.eventIdsRemembered,
    clockMs: team.clockMs,
  });
  const tail = JSON.stringify({
    members: team.members,
    pool: team.pool,
    recentEvents: team.recentEvents,
    arrearsCredits: team.arrearsCredits,
  });
  return ok(`${head.slice(0, -1)},"seats":{${seats.join(",")}},${tail.slice(1)}`);
}

const ms = z.int().check(z.minimum(0), z.maximum(instantMaxMs));
const id = z.string().check(z.minLength(1), z.maxLength(idLengthMax));
const amount = z
  .string()
  .check(z.refine(isCanonicalAmount, "Expected a canonical non-negative decimal string"));
const instant = z
  .string()
  .check(z.refine((s) => Number.isFinite(Date.parse(s)), "Expected an ISO-8601 instant"));
const drawSchema = z.strictObject({ lotId: id, credits: amount, expiresAt: instant });
const receiptSchema = z.strictObject({
  type: z.literal("member-usage"),
  eventId: id,
  at: instant,
  memberId: id,
  seatId: z.nullable(id),
  resource: id,
  valueUsd: amount,
  valueCredits: amount,
  quota: z.strictObject({ required: amount, units: amount, credits: amount, windows: z.array(id) }),
  pool: z.strictObject({
    access: z.boolean(),
    capLeftCredits: z.nullable(amount),
    debited: amount,
    lots: z.array(drawSchema),
    stoppedBy: z.nullable(z.enum(["not-eligible", "no-access", "cap", "pool-empty"])),
  }),
  arrearsCredits: amount,
  paidBy: z.array(z.enum(["quota", "pool", "arrears"])),
  limit: z.nullable(z.record(z.string(), z.unknown())),
});
const memberSchema = z.strictObject({
  seatId: z.nullable(id),
  creditsAccess: z.nullable(z.boolean()),
  monthlyCapCredits: z.nullable(amount),
  capMonthStartMs: z.nullable(ms),
  poolDrawnCredits: amount,
  arrearsCredits: amount,
});
const lotSchema = z.strictObject({
  id,
  kind: z.enum(["purchase", "grant"]),
  purchasedAtMs: ms,
  expiresAtMs: ms,
  credits: amount,
  remaining: amount,
  priceUsd: amount,
});
const teamSchema = z.strictObject({
  schemaVersion: z.literal(teamSchemaVersion),
  version: z.int().check(z.minimum(0)),
  catalog: z.strictObject({ id, fingerprint: z.string().check(z.minLength(1), z.maxLength(16)) }),
  capTimeZone: z.string().check(z.refine(isValidTimeZone, "Expected an IANA time zone")),
  eventIdsRemembered: z.int().check(z.minimum(1), z.maximum(teamEventIdsRememberedMax)),
  clockMs: z.nullable(ms),
  seats: z.record(id, z.strictObject({ memberId: z.nullable(id), ledger: z.unknown() })),
  members: z.record(id, memberSchema),
  pool: z.array(lotSchema).check(z.maxLength(lotsCountMax)),
  recentEvents: z
    .array(
      z.strictObject({
        id,
        fingerprint: z.string().check(z.maxLength(16)),
        type: id,
        receipt: z.nullable(receiptSchema),
      }),
    )
    .check(z.maxLength(teamEventIdsRememberedMax)),
  arrearsCredits: amount,
});

function tampered(message: string, path: readonly (string | number)[]): LedgerError {
  return ledgerError("invalid_state", `The stored team is inconsistent: ${message}.`, path);
}

/**
 * How {@link parseTeam} reads a stored team.
 *
 * @example
 * const options: ParseTeamOptions = { catalogs: [defaultCatalog] };
 */
export interface ParseTeamOptions {
  /** The catalogs this app bills with; the team's must be among them, unchanged (default `[defaultCatalog]`). */
  readonly catalogs?: readonly Catalog[];
}

type Stored = z.output<typeof teamSchema>;

/** Cross-field checks: assignments agree both ways, the pool is in draw order, arrears add up, clocks. */
function consistency(stored: Stored, seats: Record<string, TeamSeat>): LedgerError | null {
  if (Object.keys(seats).length > seatsPerTeamMax)
    return tampered(`more than ${seatsPerTeamMax} seats`, ["seats"]);
  if (Object.keys(stored.members).length > membersPerTeamMax)
    return tampered(`more than ${membersPerTeamMax} members`, ["members"]);
  for (const [seatId, seat] of Object.entries(seats)) {
    if (seat.memberId !== null && stored.members[seat.memberId]?.seatId !== seatId)
      return tampered(`seat "${seatId}" names holder "${seat.memberId}", who does not hold it`, [
        "seats",
        seatId,
        "memberId",
      ]);
    const clock = seat.ledger.clockMs;
    if (clock !== null && (stored.clockMs === null || clock > stored.clockMs))
      return tampered(`seat "${seatId}"'s clock is ahead of the team's`, [
        "seats",
        seatId,
        "ledger",
        "clockMs",
      ]);
  }
  let arrears = calc.zero<"credits">();
  for (const [memberId, member] of Object.entries(stored.members)) {
    if (member.seatId !== null && seats[member.seatId]?.memberId !== memberId)
      return tampered(`member "${memberId}" holds seat "${member.seatId}", which names another holder`, [
        "members",
        memberId,
        "seatId",
      ]);
    arrears = calc.add(arrears, parseTrustedAmount<"credits">(member.arrearsCredits));
  }
  if (formatAmount(arrears) !== stored.arrearsCredits)
    return tampered("the team's arrears are not the sum of its members'", ["arrearsCredits"]);
  const ids = new Set<string>();
  for (let i = 0; i < stored.pool.length; i++) {
    const lot = stored.pool[i] as LotJson;
    if (parseTrustedAmount(lot.remaining) > parseTrustedAmount(lot.credits))
      return tampered(`pool lot "${lot.id}" has more credits left than it started with`, [
        "pool",
        i,
        "remaining",
      ]);
    if (lot.expiresAtMs <= lot.purchasedAtMs)
      return tampered(`pool lot "${lot.id}" expires before its purchase`, ["pool", i]);
    if (stored.clockMs === null || lot.purchasedAtMs > stored.clockMs)
      return tampered(`pool lot "${lot.id}" was bought after the team's clock`, ["pool", i, "purchasedAtMs"]);
    if (ids.has(lot.id)) return tampered("two pool lots share an id", ["pool", i, "id"]);
    ids.add(lot.id);
    const previous = stored.pool[i - 1];
    if (previous !== undefined) {
      const order = compareDrawOrder(
        { id: previous.id, purchasedAt: previous.purchasedAtMs, expiresAt: previous.expiresAtMs },
        { id: lot.id, purchasedAt: lot.purchasedAtMs, expiresAt: lot.expiresAtMs },
      );
      // Stryker disable next-line EqualityOperator: equivalent: only lots of one id compare equal, and the id check above refused those
      if (order >= 0) return tampered("the pool's lots are not in draw order", ["pool", i]);
    }
  }
  if (stored.recentEvents.length > stored.eventIdsRemembered)
    return tampered("more recent events than the team remembers", ["recentEvents"]);
  const seen = new Set<string>();
  for (let i = 0; i < stored.recentEvents.length; i++) {
    const e = stored.recentEvents[i] as TeamRecentEvent;
    if (seen.has(e.id)) return tampered(`event id "${e.id}" is remembered twice`, ["recentEvents", i, "id"]);
    seen.add(e.id);
  }
  return null;
}

/**
 * Reads a stored team (JSON text, or the parsed object). Refuses malformed JSON, a future
 * `schemaVersion`, unknown fields, non-canonical amounts and inconsistent content (a seat
 * and a member that disagree on who holds it, a pool out of draw order, arrears that do not
 * add up) with a typed error and its path. Each seat's ledger is read by `parseLedger`.
 *
 * @example
 * const back = parseTeam(serializeTeam(team).value);
 * back.ok && back.value.version === team.version; //=> true
 */
export function parseTeam(input: unknown, options: ParseTeamOptions = {}): Result<TeamState, LedgerError> {
  if (typeof options !== "object" || options === null)
    return err(ledgerError("invalid_input", "Expected options as an object such as { catalogs }.", []));
  const catalogs = options.catalogs ?? [defaultCatalog];
  if (!Array.isArray(catalogs) || !catalogs.every(isDefinedCatalog))
    return err(
      ledgerError("invalid_catalog", "Expected catalogs made by defineCatalog or extendCatalog.", [
        "catalogs",
      ]),
    );
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      return err(
        ledgerError("invalid_state", "The stored team is not valid JSON (truncated or corrupted?).", []),
      );
    }
  }
  const version =
    typeof value === "object" && value !== null
      ? (value as { schemaVersion?: unknown }).schemaVersion
      : undefined;
  if (typeof version === "number" && version > teamSchemaVersion) {
    return err(
      ledgerError(
        "unsupported_schema_version",
        `This team was written with schemaVersion ${version}; this version of token-plan reads ${teamSchemaVersion}. Upgrade token-plan.`,
        ["schemaVersion"],
        { found: version, supported: teamSchemaVersion },
      ),
    );
  }
  // zod's records drop a "__proto__" key: refuse it, rather than read a team without that seat or member.
  const proto = protoKeyPath(value, 3);
  if (proto !== null) return err(protoKeyError("invalid_state", proto));
  const parsed = parseWith(teamSchema, value, "invalid_state");
  if (!parsed.ok) return parsed;
  const stored = parsed.value;
  const catalog = catalogs.find((c) => c.id === stored.catalog.id);
  if (catalog === undefined || compiledOf(catalog).fingerprint !== stored.catalog.fingerprint) {
    return err(
      ledgerError(
        "invalid_state",
        `The stored team was billed with catalog "${stored.catalog.id}" (fingerprint "${stored.catalog.fingerprint}"), which is not among the catalogs given to parseTeam unchanged; pass that catalog in options.catalogs.`,
        ["catalog"],
        { catalogId: stored.catalog.id },
      ),
    );
  }
  const seats: Record<string, TeamSeat> = {};
  for (const [seatId, seat] of Object.entries(stored.seats)) {
    // Written back as text so parseLedger takes its fast path for well-formed rows.
    const ledger = parseLedger(JSON.stringify(seat.ledger), { catalogs: [catalog] });
    if (!ledger.ok) return err({ ...ledger.error, path: ["seats", seatId, "ledger", ...ledger.error.path] });
    seats[seatId] = { memberId: seat.memberId, ledger: ledger.value as LedgerState };
  }
  const problem = consistency(stored, seats);
  if (problem !== null) return err(problem);
  return ok(
    brandTeam({
      schemaVersion: teamSchemaVersion,
      version: stored.version,
      catalog,
      capTimeZone: stored.capTimeZone,
      eventIdsRemembered: stored.eventIdsRemembered,
      clockMs: stored.clockMs,
      seats,
      members: stored.members as Record<string, TeamMember>,
      pool: stored.pool as unknown as readonly LotJson[],
      recentEvents: stored.recentEvents as unknown as readonly TeamRecentEvent[],
      arrearsCredits: stored.arrearsCredits as TeamState["arrearsCredits"],
    }),
  );
}
