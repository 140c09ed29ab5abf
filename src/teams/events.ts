/**
 * The events a team takes, validated with zod at the boundary. Each carries an `id`
 * (idempotency key) and an instant `at`. The parts the core already knows (a tier, a
 * credit purchase, a usage's resource and measures) are checked by the core itself, by
 * the ledger event each team event becomes.
 */
import * as z from "zod/mini";
import type { LedgerError } from "../errors";
import { amountField, idField, instantMsField } from "../fields";
import { hashText } from "../hash";
import { eventFingerprint, type LedgerEvent, type UsageInput } from "../ledger";
import type { Credits } from "../money";
import { ok, type Result } from "../result";
import { parseWith } from "../validation";

const base = { id: idField, at: instantMsField };
/**
 * A seat or member id is a key of the team's records: never "__proto__", which zod's records
 * (and so parseTeam) would drop, losing the seat or the member.
 */
const recordKey = idField.check(
  z.refine(
    (v) => v !== "__proto__",
    'A seat or member id cannot be "__proto__" (the stored team could not hold it)',
  ),
);
const seatId = recordKey;
const memberId = recordKey;

const teamEventTypes = [
  "buy-seat",
  "change-seat-tier",
  "cancel-seat",
  "assign-seat",
  "unassign-seat",
  "set-member-credits",
  "purchase-pool-credits",
  "usage",
];

const teamEventSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ ...base, type: z.literal("buy-seat"), seatId, tier: idField }),
    z.strictObject({ ...base, type: z.literal("change-seat-tier"), seatId, tier: idField }),
    z.strictObject({ ...base, type: z.literal("cancel-seat"), seatId }),
    z.strictObject({ ...base, type: z.literal("assign-seat"), seatId, memberId }),
    z.strictObject({ ...base, type: z.literal("unassign-seat"), seatId }),
    z.strictObject({
      ...base,
      type: z.literal("set-member-credits"),
      memberId,
      access: z.boolean({ error: "Expected access as true or false" }),
      monthlyCapCredits: z.optional(z.nullable(amountField("credits"))),
    }),
    z.strictObject({
      ...base,
      type: z.literal("purchase-pool-credits"),
      package: z.optional(z.unknown()),
      credits: z.optional(z.unknown()),
    }),
    z.strictObject({
      ...base,
      type: z.literal("usage"),
      memberId,
      resource: z.unknown(),
      measures: z.unknown(),
      serviceTier: z.optional(z.unknown()),
      metadata: z.optional(z.unknown()),
    }),
  ],
  {
    // zod answers a value that is not an object with invalid_type, and an object whose type
    // matches no option with invalid_union.
    error: (issue) =>
      issue.code === "invalid_union"
        ? `Expected type to be one of ${teamEventTypes.join(", ")}`
        : "Expected a team event object with a type, an id and an instant `at`",
  },
);

/**
 * A team event, by `type`:
 * - `buy-seat`: a new seat on a tier (or a lapsed seat bought again), charged the tier's price;
 * - `change-seat-tier`, `cancel-seat`: the seat's own lifecycle, as the core's `change-tier` / `cancel`;
 * - `assign-seat`: gives a seat to a member (taking it from its holder, who keeps no seat);
 * - `unassign-seat`: frees a seat (its window usage stays with the seat);
 * - `set-member-credits`: may the member draw the shared pool, and an optional monthly cap;
 * - `purchase-pool-credits`: a lot for the shared pool, as the core's `purchase-credits`;
 * - `usage`: a usage attributed to `memberId` (the core's usage fields beside it).
 *
 * @example
 * const event: TeamEvent = { type: "usage", id: "req-1", at: "2026-06-04T10:00:00Z", memberId: "ana", resource: "MiniMax-M3", measures: { outputTokens: 20_000 } };
 */
export type TeamEvent =
  | {
      readonly type: "buy-seat";
      readonly id: string;
      readonly at: string | number;
      readonly seatId: string;
      readonly tier: string;
    }
  | {
      readonly type: "change-seat-tier";
      readonly id: string;
      readonly at: string | number;
      readonly seatId: string;
      readonly tier: string;
    }
  | {
      readonly type: "cancel-seat";
      readonly id: string;
      readonly at: string | number;
      readonly seatId: string;
    }
  | {
      readonly type: "assign-seat";
      readonly id: string;
      readonly at: string | number;
      readonly seatId: string;
      readonly memberId: string;
    }
  | {
      readonly type: "unassign-seat";
      readonly id: string;
      readonly at: string | number;
      readonly seatId: string;
    }
  | {
      readonly type: "set-member-credits";
      readonly id: string;
      readonly at: string | number;
      readonly memberId: string;
      readonly access: boolean;
      /** Pool credits per calendar month (in the team's `capTimeZone`); null or left out: no cap. */
      readonly monthlyCapCredits?: string | number | null;
    }
  | {
      readonly type: "purchase-pool-credits";
      readonly id: string;
      readonly at: string | number;
      readonly package?: string;
      readonly credits?: string | number;
    }
  | (UsageInput & { readonly type: "usage"; readonly id: string; readonly memberId: string });

/**
 * The `type` of a {@link TeamEvent}.
 *
 * @example
 * const type: TeamEventType = "assign-seat";
 */
export type TeamEventType = TeamEvent["type"];

type Parsed = z.output<typeof teamEventSchema>;

/** A validated team event: its instant in epoch ms, the core event it becomes, its fingerprint. */
export type NormalizedTeamEvent = Parsed & {
  /** The core event this team event becomes on a seat or pool ledger (null when none). */
  readonly ledgerEvent: LedgerEvent | null;
  readonly fingerprint: string;
  readonly monthlyCap: Credits | null;
};

/** The core event a team event becomes (validated by the core: its errors keep the team event's paths). */
function ledgerEventOf(event: Parsed): LedgerEvent | null {
  const { id, at } = event;
  switch (event.type) {
    case "buy-seat":
      return { type: "subscribe", id, at, tier: event.tier };
    case "change-seat-tier":
      return { type: "change-tier", id, at, tier: event.tier };
    case "cancel-seat":
      return { type: "cancel", id, at };
    case "purchase-pool-credits": {
      const purchase: Record<string, unknown> = { type: "purchase-credits", id, at };
      if (event.package !== undefined) purchase.package = event.package;
      if (event.credits !== undefined) purchase.credits = event.credits;
      return purchase as unknown as LedgerEvent;
    }
    case "usage": {
      const usage: Record<string, unknown> = {
        type: "usage",
        id,
        at,
        resource: event.resource,
        measures: event.measures,
      };
      if (event.serviceTier !== undefined) usage.serviceTier = event.serviceTier;
      if (event.metadata !== undefined) usage.metadata = event.metadata;
      return usage as unknown as LedgerEvent;
    }
    default:
      return null;
  }
}

/** Validates a team event and fingerprints its content (an id retried with other content is a conflict). */
export function parseTeamEvent(
  input: unknown,
  path: readonly (string | number)[] = [],
): Result<NormalizedTeamEvent, LedgerError> {
  const parsed = parseWith(teamEventSchema, input, "invalid_input", path);
  if (!parsed.ok) return parsed;
  const event = parsed.value;
  const ledgerEvent = ledgerEventOf(event);
  let core = "";
  if (ledgerEvent !== null) {
    const printed = eventFingerprint(ledgerEvent);
    if (!printed.ok)
      return { ok: false, error: { ...printed.error, path: [...path, ...printed.error.path] } };
    core = printed.value;
  }
  // Stryker disable next-line ConditionalExpression: equivalent: only set-member-credits has a monthlyCapCredits field
  const monthlyCap = event.type === "set-member-credits" ? (event.monthlyCapCredits ?? null) : null;
  const own = [
    event.type,
    event.at,
    "seatId" in event ? event.seatId : "",
    "memberId" in event ? event.memberId : "",
    event.type === "set-member-credits" ? String(event.access) : "",
    monthlyCap ?? "",
    core,
  ];
  return ok({
    ...event,
    ledgerEvent,
    fingerprint: hashText(JSON.stringify(own)),
    monthlyCap: monthlyCap as Credits | null,
  });
}

/**
 * The fingerprint of a team event's content (what idempotency compares: the same id with
 * another fingerprint is a `conflict`), or the typed error of an invalid event. A store
 * that journals team events keeps it beside each event id.
 *
 * @example
 * const printed = teamEventFingerprint({ type: "cancel-seat", id: "c1", at: "2026-06-01T00:00:00Z", seatId: "seat-1" });
 * printed.ok && printed.value.length > 0; //=> true
 */
export function teamEventFingerprint(event: TeamEvent): Result<string, LedgerError> {
  const parsed = parseTeamEvent(event);
  return parsed.ok ? ok(parsed.value.fingerprint) : parsed;
}
