/**
 * The events a ledger takes: facts from the outside world, each with an `id`
 * (idempotency key) and an instant `at`. Validated at the boundary with zod (the
 * schemas are the types); a hand-written guard admits the common well-formed usage
 * event without zod's cost and defers everything else to zod, which has the last word.
 */
import * as z from "zod/mini";
import { type MeasureName, type Measures, measureNames } from "../catalog";
import type { LedgerError, LedgerErrorCode } from "../errors";
import {
  boundedRecord,
  boundedString,
  idField,
  instantMsField,
  scaledAmountField,
  validityField,
} from "../fields";
import { hashText } from "../hash";
import {
  idLengthMax,
  instantMaxMs,
  instantMinMs,
  measureMax,
  metadataEntriesMax,
  textLengthMax,
} from "../limits";
import type { Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { type InstantInput, parseInstant, type ValidityRule } from "../time";
import { parseWith, protoKeyError, protoKeyPath, withCode } from "../validation";

const idSchema = idField;
const atSchema = instantMsField;
const creditsSchema = scaledAmountField("credits");
const wholeCount = "Expected a whole number (a non-negative count)";
const measureSchema = z.number({ error: wholeCount }).check(
  z.refine((v) => Number.isInteger(v) && v >= 0, { error: wholeCount }),
  z.refine((v) => v <= measureMax, {
    error: `A measure is at most ${measureMax}`,
    ...withCode("limit_exceeded"),
  }),
);
/**
 * A symbol key is not data (JSON has none, and an event's own symbol keys are ignored):
 * measures that are a plain record are read without theirs. Anything else is passed on
 * as it is, for the record schema to refuse.
 */
function withoutSymbolKeys(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Object.getOwnPropertySymbols(value).length === 0)
    return value;
  if (Object.getPrototypeOf(value) !== null && value.constructor !== Object) return value;
  // Object.fromEntries defines each key as data (a "__proto__" key stays a key).
  return Object.fromEntries(Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]));
}
const measuresRecord = z.partialRecord(z.enum(measureNames), measureSchema, {
  error: "Expected measures as an object such as { inputTokens: 1200 }",
});
type MeasuresInput = z.input<typeof measuresRecord>;
const measuresSchema = z.pipe(
  z.transform<MeasuresInput, MeasuresInput>((value) => withoutSymbolKeys(value) as MeasuresInput),
  measuresRecord,
);
const validitySchema = validityField;
const metadataValueSchema = z.union(
  [boundedString(idLengthMax, "a metadata value"), z.number(), z.boolean()],
  { error: "Expected a metadata value: a string, a number or a boolean" },
);
const metadataSchema = boundedRecord(
  boundedString(idLengthMax, "a metadata key"),
  metadataValueSchema,
  metadataEntriesMax,
);

const base = { id: idSchema, at: atSchema };

const eventTypes = [
  "subscribe",
  "cancel",
  "change-tier",
  "purchase-credits",
  "grant-credits",
  "usage",
  "void-usage",
  "pay-arrears",
];

/** The schema of every event, by `type`. */
export const ledgerEventSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ ...base, type: z.literal("subscribe"), tier: idSchema }),
    z.strictObject({ ...base, type: z.literal("cancel") }),
    z.strictObject({ ...base, type: z.literal("change-tier"), tier: idSchema }),
    z
      .strictObject({
        ...base,
        type: z.literal("purchase-credits"),
        package: z.optional(idSchema),
        credits: z.optional(creditsSchema),
      })
      .check(
        z.refine((e) => (e.package === undefined) !== (e.credits === undefined), {
          message: "Give either a package id or a credits amount, not both",
          path: ["package"],
          ...withCode("package_or_credits"),
        }),
      ),
    z.strictObject({
      ...base,
      type: z.literal("grant-credits"),
      credits: creditsSchema,
      validity: z.optional(validitySchema),
      reason: z.optional(boundedString(textLengthMax, "a reason")),
    }),
    z.strictObject({
      ...base,
      type: z.literal("usage"),
      resource: idSchema,
      measures: measuresSchema,
      serviceTier: z.optional(idSchema),
      metadata: z.optional(metadataSchema),
    }),
    z.strictObject({ ...base, type: z.literal("void-usage"), usageId: idSchema }),
    z.strictObject({ ...base, type: z.literal("pay-arrears"), credits: z.optional(creditsSchema) }),
  ],
  {
    // Not an object is `invalid_type`; an object without a known `type` is `invalid_union`.
    error: (issue) =>
      issue.code === "invalid_union"
        ? `Expected type to be one of ${eventTypes.join(", ")}`
        : "Expected an event object with a type, an id and an instant `at`",
  },
);

/**
 * Start a subscription (charged at once), or resume a cancelled one of the same tier.
 *
 * @example
 * const e: SubscribeEvent = { type: "subscribe", id: "sub-1", at: "2026-06-01T08:00:00Z", tier: "max" };
 */
export interface SubscribeEvent {
  readonly type: "subscribe";
  /** The idempotency key: the same id with the same content is a duplicate, with other content a conflict. */
  readonly id: string;
  /** When it happened: ISO-8601 with an offset, epoch ms, or a Date. */
  readonly at: InstantInput;
  readonly tier: string;
}

/**
 * Cancel at the period's end: quota stays until then.
 *
 * @example
 * const e: CancelEvent = { type: "cancel", id: "cancel-1", at: "2026-06-20T00:00:00Z" };
 */
export interface CancelEvent {
  readonly type: "cancel";
  /** The idempotency key. */
  readonly id: string;
  readonly at: InstantInput;
}

/**
 * Change tier: an upgrade applies at once (charged the difference), a downgrade at the
 * period's end (by default; the catalog decides).
 *
 * @example
 * const e: ChangeTierEvent = { type: "change-tier", id: "up-1", at: "2026-06-10T00:00:00Z", tier: "ultra" };
 */
export interface ChangeTierEvent {
  readonly type: "change-tier";
  /** The idempotency key. */
  readonly id: string;
  readonly at: InstantInput;
  readonly tier: string;
}

/**
 * Buy credits: a catalog package, or a custom amount where the catalog allows one
 * (exactly one of the two). The lot's id is the event's id.
 *
 * @example
 * const e: PurchaseCreditsEvent = { type: "purchase-credits", id: "pack-1", at: "2026-06-01T08:05:00Z", package: "usd-5" };
 */
export interface PurchaseCreditsEvent {
  readonly type: "purchase-credits";
  /** The idempotency key, and the new lot's id. */
  readonly id: string;
  readonly at: InstantInput;
  /** A package id of the catalog ("usd-5"). */
  readonly package?: string | undefined;
  /** A custom amount of credits (a decimal string or a number). */
  readonly credits?: string | number | undefined;
}

/**
 * Grant credits (a promotion, a refund): a lot at no price, with the catalog's grant
 * validity unless `validity` says otherwise.
 *
 * @example
 * const e: GrantCreditsEvent = { type: "grant-credits", id: "promo-1", at: "2026-06-01T00:00:00Z", credits: "1000" };
 */
export interface GrantCreditsEvent {
  readonly type: "grant-credits";
  /** The idempotency key, and the new lot's id. */
  readonly id: string;
  readonly at: InstantInput;
  readonly credits: string | number;
  /** How long the credits stay usable (default: the catalog's `grantValidity`). */
  readonly validity?: ValidityRule | undefined;
  /** Why, for the audit trail. */
  readonly reason?: string | undefined;
}

/**
 * A usage that happened: always recorded, paid by quota, then credits, then arrears.
 *
 * @example
 * const e: UsageEvent = {
 *   type: "usage", id: "req-1", at: "2026-06-04T09:30:00Z",
 *   resource: "MiniMax-M3", measures: { inputTokens: 12_345, outputTokens: 2_000 },
 * };
 */
export interface UsageEvent {
  readonly type: "usage";
  /** The idempotency key, and the id a void names. */
  readonly id: string;
  readonly at: InstantInput;
  /** A resource id of the catalog ("MiniMax-M3", "music"). */
  readonly resource: string;
  /** What was used, in whole numbers: tokens, characters, images, songs, videos, seconds. */
  readonly measures: Measures;
  /** A service tier of the catalog that multiplies the price (default "standard"). */
  readonly serviceTier?: string | undefined;
  /** Your own labels, kept with the usage for idempotency (strings, numbers, booleans). */
  readonly metadata?: Readonly<Record<string, string | number | boolean>> | undefined;
}

/**
 * Void a remembered usage: its quota, credits and arrears come back.
 *
 * @example
 * const e: VoidUsageEvent = { type: "void-usage", id: "void-1", at: "2026-06-04T09:31:00Z", usageId: "req-1" };
 */
export interface VoidUsageEvent {
  readonly type: "void-usage";
  /** The idempotency key. */
  readonly id: string;
  readonly at: InstantInput;
  /** The id of the usage to void. */
  readonly usageId: string;
}

/**
 * Pay arrears from credit lots, soonest expiry first: all of them, or up to `credits`.
 *
 * @example
 * const e: PayArrearsEvent = { type: "pay-arrears", id: "pay-1", at: "2026-06-12T00:00:00Z" };
 */
export interface PayArrearsEvent {
  readonly type: "pay-arrears";
  /** The idempotency key. */
  readonly id: string;
  readonly at: InstantInput;
  /** At most this much (default: all arrears). */
  readonly credits?: string | number | undefined;
}

/**
 * An event as a caller writes it, by `type`. `at` is an ISO-8601 instant with an
 * offset, epoch ms or a Date; amounts are decimal strings (or numbers). A type test holds
 * it equal to what the zod schema accepts.
 *
 * @example
 * const e: LedgerEvent = {
 *   type: "usage", id: "req-1", at: "2026-06-04T09:30:00Z",
 *   resource: "MiniMax-M3", measures: { inputTokens: 12_345, outputTokens: 2_000 },
 * };
 */
export type LedgerEvent =
  | SubscribeEvent
  | CancelEvent
  | ChangeTierEvent
  | PurchaseCreditsEvent
  | GrantCreditsEvent
  | UsageEvent
  | VoidUsageEvent
  | PayArrearsEvent;

/** The `type` of a {@link LedgerEvent}. @example const t: LedgerEventType = "usage"; */
export type LedgerEventType = LedgerEvent["type"];

/** A validated event with `at` in epoch ms and amounts scaled. Internal. */
export type NormalizedEvent =
  | { readonly type: "subscribe"; readonly id: string; readonly at: number; readonly tier: string }
  | { readonly type: "cancel"; readonly id: string; readonly at: number }
  | { readonly type: "change-tier"; readonly id: string; readonly at: number; readonly tier: string }
  | {
      readonly type: "purchase-credits";
      readonly id: string;
      readonly at: number;
      readonly package: string | null;
      readonly credits: Scaled<"credits"> | null;
    }
  | {
      readonly type: "grant-credits";
      readonly id: string;
      readonly at: number;
      readonly credits: Scaled<"credits">;
      readonly validity: ValidityRule | null;
      readonly reason: string | null;
    }
  | {
      readonly type: "usage";
      readonly id: string;
      readonly at: number;
      readonly resource: string;
      readonly measures: Measures;
      readonly serviceTier: string;
      readonly metadata: Readonly<Record<string, string | number | boolean>> | null;
    }
  | { readonly type: "void-usage"; readonly id: string; readonly at: number; readonly usageId: string }
  | {
      readonly type: "pay-arrears";
      readonly id: string;
      readonly at: number;
      /** At most this much (default: all arrears). */
      readonly credits: Scaled<"credits"> | null;
    };

/**
 * A usage as `quoteUsage` takes it: a usage event whose `id` (and `type`) may be left out.
 *
 * @example
 * const usage: UsageInput = { at: "2026-06-04T14:10:00Z", resource: "music", measures: { songs: 1 } };
 */
export type UsageInput = Omit<Extract<LedgerEvent, { type: "usage" }>, "type" | "id"> & {
  readonly id?: string;
};

function normalize(event: z.output<typeof ledgerEventSchema>): NormalizedEvent {
  switch (event.type) {
    case "subscribe":
    case "change-tier":
      return { type: event.type, id: event.id, at: event.at, tier: event.tier };
    case "cancel":
      return { type: event.type, id: event.id, at: event.at };
    case "purchase-credits":
      return {
        type: event.type,
        id: event.id,
        at: event.at,
        package: event.package ?? null,
        credits: event.credits ?? null,
      };
    case "grant-credits":
      return {
        type: event.type,
        id: event.id,
        at: event.at,
        credits: event.credits,
        validity: event.validity ?? null,
        reason: event.reason ?? null,
      };
    case "usage":
      return usageOf(
        event.id,
        event.at,
        event.resource,
        allMeasures(event.measures),
        event.serviceTier,
        event.metadata,
      );
    case "void-usage":
      return { type: event.type, id: event.id, at: event.at, usageId: event.usageId };
    case "pay-arrears":
      return { type: event.type, id: event.id, at: event.at, credits: event.credits ?? null };
  }
}

function usageOf(
  id: string,
  at: number,
  resource: string,
  measures: Measures,
  serviceTier: string | undefined,
  metadata: Readonly<Record<string, string | number | boolean>> | undefined,
): NormalizedEvent {
  // The measures are a copy the library owns (zod's output, or the fast path's copy): its
  // key order is irrelevant, since fingerprints walk measureNames.
  return {
    type: "usage",
    id,
    at,
    resource,
    measures,
    serviceTier: serviceTier ?? "standard",
    metadata: metadata ?? null,
  };
}

/** A usage event's own keys (comparisons with literals: cheaper than a Set lookup on this hot path). */
function isUsageKey(key: string): boolean {
  return (
    key === "type" ||
    key === "id" ||
    key === "at" ||
    key === "resource" ||
    key === "measures" ||
    key === "serviceTier" ||
    key === "metadata"
  );
}

/** A count for every measure name: the one shape of a normalised usage's measures (0 is a measure left out). */
type MeasureCounts = { -readonly [K in MeasureName]: number };

/** Every measure at 0 (see {@link MeasureCounts}). */
function noMeasures(): MeasureCounts {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    characters: 0,
    images: 0,
    songs: 0,
    videos: 0,
    seconds: 0,
  };
}

/** Checked measures in the one shape (see {@link noMeasures}). */
function allMeasures(measures: Measures): Measures {
  const copy = noMeasures();
  for (const name of measureNames) copy[name] = measures[name] ?? 0;
  return copy;
}

/**
 * Sets measure `key` of `copy` and returns true, or false when `key` is not a measure name
 * (a named store per measure: every copy has one shape, which the pricing reads by name).
 */
function setMeasure(copy: MeasureCounts, key: string, value: number): boolean {
  switch (key) {
    case "inputTokens":
      copy.inputTokens = value;
      return true;
    case "outputTokens":
      copy.outputTokens = value;
      return true;
    case "cacheReadTokens":
      copy.cacheReadTokens = value;
      return true;
    case "cacheWriteTokens":
      copy.cacheWriteTokens = value;
      return true;
    case "characters":
      copy.characters = value;
      return true;
    case "images":
      copy.images = value;
      return true;
    case "songs":
      copy.songs = value;
      return true;
    case "videos":
      copy.videos = value;
      return true;
    case "seconds":
      copy.seconds = value;
      return true;
    default:
      return false;
  }
}

/**
 * `Object.prototype.hasOwnProperty`: called on a for...in's own object and key, V8 answers
 * it from the loop's map check (`Object.hasOwn` is a call per key: a quarter of the check).
 */
const hasOwnKey = Object.prototype.hasOwnProperty;

/**
 * The common case, checked by hand: a plain usage event with a numeric `at` or an ISO `at`.
 * Every field is read once, and each measure is read once into the copy the rules use
 * (own keys only): a getter that would answer the check one value and the rules another
 * is answered with the value that was checked.
 */
function fastUsage(input: Record<string, unknown>): NormalizedEvent | null {
  if (Array.isArray(input)) return null; // zod's object schema refuses an array
  const { id, at, resource, measures, serviceTier, metadata } = input;
  if (typeof id !== "string" || id.length === 0 || id.length > idLengthMax) return null;
  if (typeof resource !== "string" || resource.length === 0 || resource.length > idLengthMax) return null;
  if (
    serviceTier !== undefined &&
    (typeof serviceTier !== "string" || serviceTier.length === 0 || serviceTier.length > idLengthMax)
  )
    return null;
  if (metadata !== undefined) return null;
  // zod's record takes an object whose constructor is Object as plain (its own test); a
  // class instance, a Date, a Map, an array or a null prototype is left to zod.
  if (typeof measures !== "object" || measures === null || measures.constructor !== Object) return null;
  for (const key in input) if (!isUsageKey(key)) return null;
  // Built as it is checked (a spread, then a walk over the copy, cost 3 % more of a replay).
  const copy = noMeasures();
  for (const key in measures) {
    // A key for...in finds on a prototype is left to zod (the copy would not have it).
    if (!hasOwnKey.call(measures, key)) return null;
    const value = (measures as Record<string, unknown>)[key];
    if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > measureMax) return null;
    if (!setMeasure(copy, key, value as number)) return null;
  }
  // A whole number of epoch ms in range is read here (as parseInstant reads it: -0 is 0).
  if (typeof at === "number" && Number.isInteger(at) && at >= instantMinMs && at <= instantMaxMs)
    return usageOf(id, at + 0, resource, copy as Measures, serviceTier, undefined);
  const instant = parseInstant(at);
  if (!instant.ok) return null;
  return usageOf(id, instant.value, resource, copy as Measures, serviceTier, undefined);
}

/**
 * The normalised usage event when `input` is a plain, well-formed usage (the hand-written
 * check of {@link parseEvent}'s fast path), else null: then `parseEvent` reads it and has
 * the last word.
 */
export function fastUsageEvent(input: unknown): NormalizedEvent | null {
  if (typeof input !== "object" || input === null || (input as { type?: unknown }).type !== "usage")
    return null;
  return fastUsage(input as Record<string, unknown>);
}

/** The identifier fields of an event: a malformed one is `invalid_id`. */
const idFields: ReadonlySet<unknown> = new Set<unknown>([
  "id",
  "usageId",
  "tier",
  "resource",
  "package",
  "serviceTier",
]);

/**
 * The code of an event's issue, by the field it is in: the `type` (`unknown_event_type`:
 * zod reports an object without a known type there), an identifier (`invalid_id`), the
 * measures (`invalid_measure`, an unknown measure's name included); anything else (an
 * unknown field, metadata, a reason, not an object) is `invalid_input`. An unknown field
 * is reported at the object that holds it (the top level: no field), so it is never
 * taken for the identifier it may be named after.
 */
function eventIssueCode(issue: z.core.$ZodIssue): LedgerErrorCode {
  const field = issue.path[0];
  if (field === "measures") return "invalid_measure";
  if (field === "type") return "unknown_event_type";
  if (idFields.has(field)) return "invalid_id";
  return "invalid_input";
}

/**
 * Validates and normalises one event. Errors name the field (`path`) and what was
 * expected. `fastPath: false` skips the hand-written check (tests prove both agree).
 */
export function parseEvent(
  input: unknown,
  path: readonly (string | number)[] = [],
  fastPath = true,
): Result<NormalizedEvent, LedgerError> {
  if (
    fastPath &&
    typeof input === "object" &&
    input !== null &&
    (input as { type?: unknown }).type === "usage"
  ) {
    const fast = fastUsage(input as Record<string, unknown>);
    if (fast !== null) return ok(fast);
  }
  const proto = protoKeyPath(input, 4);
  if (proto !== null) return err(protoKeyError("invalid_input", [...path, ...proto]));
  const parsed = parseWith(ledgerEventSchema, input, eventIssueCode, path);
  return parsed.ok ? ok(normalize(parsed.value)) : parsed;
}

/** The canonical text of a normalised event's content: fixed field order, amounts as atoms. */
function canonicalText(event: NormalizedEvent): string {
  switch (event.type) {
    case "usage": {
      let text = `usage|${event.id}|${event.at}|${event.resource}|${event.serviceTier}|`;
      for (const name of measureNames) {
        const value = event.measures[name];
        if (value !== undefined && value !== 0) text += `${name}=${value},`; // 0 = left out
      }
      if (event.metadata === null) return text;
      // Key order is not content: the same metadata in another order is the same event.
      const keys = Object.keys(event.metadata).sort();
      return `${text}|${JSON.stringify(keys.map((key) => [key, event.metadata?.[key]]))}`;
    }
    case "purchase-credits":
      return `purchase|${event.id}|${event.at}|${event.package ?? ""}|${event.credits ?? ""}`;
    case "grant-credits":
      return `grant|${event.id}|${event.at}|${event.credits}|${JSON.stringify(event.validity)}|${event.reason ?? ""}`;
    case "subscribe":
    case "change-tier":
      return `${event.type}|${event.id}|${event.at}|${event.tier}`;
    case "cancel":
      return `cancel|${event.id}|${event.at}`;
    case "void-usage":
      return `void|${event.id}|${event.at}|${event.usageId}`;
    case "pay-arrears":
      return `pay-arrears|${event.id}|${event.at}|${event.credits ?? ""}`;
  }
}

/** A stable fingerprint of a normalised event's content, to tell a duplicate from a conflict. */
export function fingerprint(event: NormalizedEvent): string {
  // A collision between two different payloads under one id would report the second as
  // a duplicate instead of a conflict (odds: see hashText).
  return hashText(canonicalText(event));
}

/**
 * A stable fingerprint of an event's content (its id included; a zero measure equals a
 * missing one, and the instant's spelling does not matter): the value the ledger compares
 * to tell a retry (`duplicate`) from a new event under a used id (`conflict`). A store
 * that keeps idempotency itself keeps this beside each event id.
 *
 * @example
 * const a = eventFingerprint({ type: "cancel", id: "c1", at: "2026-06-01T00:00:00Z" });
 * const b = eventFingerprint({ type: "cancel", id: "c1", at: Date.UTC(2026, 5, 1) });
 * a.ok && b.ok && a.value === b.value; //=> true
 */
export function eventFingerprint(event: LedgerEvent): Result<string, LedgerError> {
  const parsed = parseEvent(event);
  return parsed.ok ? ok(fingerprint(parsed.value)) : parsed;
}
