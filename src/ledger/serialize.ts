/**
 * Storing a ledger: `serializeLedger` writes canonical JSON (the catalog included, so
 * a stored ledger says which rules it was billed by); `parseLedger` reads it back with
 * zod, refusing a future schema version, a truncated text or tampered content with a
 * typed error. The stored catalog is never trusted: it must equal one of the catalogs
 * the app bills with, and the ledger then holds the app's own (validated) catalog.
 */
import * as z from "zod/mini";
import { type Catalog, defaultCatalog, isDefinedCatalog } from "../catalog";
import { compareDrawOrder } from "../credits";
import { type FieldPath, type LedgerError, ledgerError } from "../errors";
import { eventIdsRememberedMax, idLengthMax, instantMaxMs, lotsStoredMax, windowRecordsMax } from "../limits";
import { isCanonicalAmount, parseTrustedAmount } from "../money";
import { err, ok, type Result } from "../result";
import { briefly, parseWith, withCode } from "../validation";
import { type LedgerState, type LotJson, schemaVersion } from "./state";
import { isStateShape } from "./stateShape";

/**
 * The state as canonical JSON text. Equal states give byte-identical text.
 *
 * @example
 * parseLedger(serializeLedger(state)).ok; //=> true
 */
export function serializeLedger(state: LedgerState): string {
  return JSON.stringify(state);
}

const ms = z.int().check(z.minimum(0), z.maximum(instantMaxMs));
const id = z.string().check(z.minLength(1), z.maxLength(idLengthMax));
/** A canonical non-negative amount string (the amounts' kinds share one spelling). */
function canonical() {
  return z.string().check(z.refine(isCanonicalAmount, "Expected a canonical non-negative decimal string"));
}
const quota = canonical();
const credits = canonical();

const windowJsonSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("calendar"), startMs: ms, endMs: ms, used: quota, lastAtMs: ms }),
  z.strictObject({
    kind: z.literal("sliding"),
    records: z.array(z.tuple([z.int().check(z.minimum(0)), ms, quota])).check(z.maxLength(windowRecordsMax)),
    lastAtMs: ms,
  }),
  z.strictObject({ kind: z.literal("session"), startMs: z.nullable(ms), used: quota, lastAtMs: ms }),
]);

const lotJsonSchema = z.strictObject({
  id,
  kind: z.enum(["purchase", "grant"]),
  purchasedAtMs: ms,
  expiresAtMs: ms,
  credits,
  remaining: credits,
  priceUsd: canonical(),
});

/** The stored ledger's schema (exported for the test that holds `isStateShape` to it). */
export const stateSchema = z.strictObject({
  schemaVersion: z.literal(schemaVersion),
  catalog: z.unknown(),
  eventIdsRemembered: z.int().check(z.minimum(1), z.maximum(eventIdsRememberedMax)),
  clockMs: z.nullable(ms),
  subscription: z.nullable(
    z.strictObject({
      tier: id,
      status: z.enum(["active", "canceled"]),
      anchorAtMs: ms,
      period: z.int().check(z.minimum(0)),
      periodStartMs: ms,
      periodEndMs: ms,
      pendingTier: z.nullable(id),
    }),
  ),
  windows: z.record(z.string().check(z.maxLength(200)), windowJsonSchema),
  lots: z.array(lotJsonSchema).check(z.maxLength(lotsStoredMax)),
  recentEvents: z
    .array(
      z.strictObject({
        id,
        fingerprint: z.string().check(z.minLength(1), z.maxLength(16)),
        usage: z.nullable(
          z.strictObject({
            atMs: ms,
            bucket: z.nullable(id),
            quotaUnits: quota,
            draws: z.array(z.tuple([id, credits, ms])),
            uncoveredCredits: credits,
            voided: z.boolean(),
          }),
        ),
      }),
    )
    .check(z.maxLength(eventIdsRememberedMax)),
  arrearsCredits: credits,
});

function tampered(message: string, path: readonly (string | number)[]): LedgerError {
  return ledgerError("invalid_state", `The stored ledger is inconsistent: ${message}.`, path);
}

/** Cross-field checks zod cannot express: references into the catalog, order, bounds. */
function checkConsistency(state: LedgerState): LedgerError | null {
  const catalog = state.catalog;
  const subscription = state.subscription;
  // Own properties only: a stored "toString" or "__proto__" must not find Object's.
  if (subscription !== null) {
    if (!Object.hasOwn(catalog.tiers, subscription.tier))
      return tampered(`unknown tier "${subscription.tier}"`, ["subscription", "tier"]);
    if (subscription.pendingTier !== null && !Object.hasOwn(catalog.tiers, subscription.pendingTier)) {
      return tampered(`unknown tier "${subscription.pendingTier}"`, ["subscription", "pendingTier"]);
    }
  }
  for (const key of Object.keys(state.windows)) {
    // "bucket/window": catalog ids have no "/", so the first one splits the key.
    const slash = key.indexOf("/");
    const bucket = key.slice(0, slash);
    const windows =
      slash > 0 && Object.hasOwn(catalog.buckets, bucket) ? catalog.buckets[bucket]?.windows : undefined;
    if (windows === undefined || !Object.hasOwn(windows, key.slice(slash + 1)))
      return tampered(`unknown window "${key}"`, ["windows", key]);
  }
  const lots = state.lots;
  const lotIds = new Set<string>();
  for (let i = 0; i < lots.length; i++) {
    if (lotIds.has((lots[i] as LotJson).id)) return tampered("two lots share an id", ["lots", i, "id"]);
    lotIds.add((lots[i] as LotJson).id);
    const lot = lots[i] as LotJson;
    // The schema has checked that both are canonical amounts: read them without re-validating.
    if (parseTrustedAmount(lot.remaining) > parseTrustedAmount(lot.credits)) {
      return tampered(`lot "${lot.id}" has more credits left than it started with`, ["lots", i, "remaining"]);
    }
    if (lot.expiresAtMs <= lot.purchasedAtMs)
      return tampered(`lot "${lot.id}" expires before its purchase`, ["lots", i]);
    const previous = lots[i - 1];
    if (previous !== undefined) {
      const order = compareDrawOrder(
        { id: previous.id, purchasedAt: previous.purchasedAtMs, expiresAt: previous.expiresAtMs },
        { id: lot.id, purchasedAt: lot.purchasedAtMs, expiresAt: lot.expiresAtMs },
      );
      if (order >= 0) return tampered("lots are not in draw order or repeat an id", ["lots", i]);
    }
  }
  if (state.recentEvents.length > state.eventIdsRemembered) {
    return tampered("more recent events than the ledger remembers", ["recentEvents"]);
  }
  const seen = new Set<string>();
  for (let i = 0; i < state.recentEvents.length; i++) {
    const id = (state.recentEvents[i] as { id: string }).id;
    if (seen.has(id)) return tampered(`event id "${id}" is remembered twice`, ["recentEvents", i, "id"]);
    seen.add(id);
  }
  if (subscription !== null && subscription.periodEndMs <= subscription.periodStartMs) {
    return tampered("the subscription's period ends before it starts", ["subscription", "periodEndMs"]);
  }
  return clockProblem(state);
}

/** The clock is the latest instant the ledger has seen: nothing in it may be later. */
function clockProblem(state: LedgerState): LedgerError | null {
  const clock = state.clockMs ?? -1;
  const later = (at: number, path: readonly (string | number)[]): LedgerError | null =>
    at > clock
      ? tampered(
          `the clock (${state.clockMs}) is behind an instant the ledger has seen (${path.join(".")} = ${at})`,
          ["clockMs"],
        )
      : null;
  for (let i = 0; i < state.lots.length; i++) {
    const problem = later((state.lots[i] as LotJson).purchasedAtMs, ["lots", i, "purchasedAtMs"]);
    if (problem !== null) return problem;
  }
  for (const [key, window] of Object.entries(state.windows)) {
    const problem = later(window.lastAtMs, ["windows", key, "lastAtMs"]);
    if (problem !== null) return problem;
  }
  if (state.subscription !== null) {
    const problem = later(state.subscription.periodStartMs, ["subscription", "periodStartMs"]);
    if (problem !== null) return problem;
  }
  for (let i = 0; i < state.recentEvents.length; i++) {
    const usage = (state.recentEvents[i] as LedgerState["recentEvents"][number]).usage;
    const problem = usage === null ? null : later(usage.atMs, ["recentEvents", i, "usage", "atMs"]);
    if (problem !== null) return problem;
  }
  return null;
}

/** Where two JSON values first differ (depth first, keys in order), or null when they are equal. */
function firstDifference(
  stored: unknown,
  expected: unknown,
  path: (string | number)[] = [],
): FieldPath | null {
  if (stored === expected) return null;
  if (typeof stored !== "object" || typeof expected !== "object" || stored === null || expected === null) {
    return path;
  }
  if (Array.isArray(stored) !== Array.isArray(expected)) return path;
  const storedRecord = stored as Record<string, unknown>;
  const expectedRecord = expected as Record<string, unknown>;
  const keys = Object.keys(expectedRecord);
  const index = (key: string): string | number => (Array.isArray(stored) ? Number(key) : key);
  for (const key of Object.keys(storedRecord)) {
    if (!Object.hasOwn(expectedRecord, key)) return [...path, index(key)];
  }
  for (const key of keys) {
    const difference = firstDifference(storedRecord[key], expectedRecord[key], [...path, index(key)]);
    if (difference !== null) return difference;
  }
  return null;
}

/** The value at a path inside plain data (own properties only), for a message. */
function shownAt(root: unknown, path: FieldPath): string {
  let node = root;
  for (const key of path) {
    node =
      typeof node === "object" && node !== null && Object.hasOwn(node, key)
        ? (node as Record<string | number, unknown>)[key]
        : undefined;
  }
  return briefly(node);
}

/** The app's catalog that the stored one equals, or why there is none. */
function matchCatalog(stored: unknown, catalogs: readonly Catalog[]): Result<Catalog, LedgerError> {
  const id = typeof stored === "object" && stored !== null ? (stored as { id?: unknown }).id : undefined;
  const candidate = catalogs.find((catalog) => catalog.id === id);
  if (candidate === undefined) {
    const known = catalogs.map((catalog) => `"${catalog.id}"`).join(", ");
    return err(
      ledgerError(
        "invalid_state",
        `The stored ledger was billed with catalog ${briefly(id)}, which is not among the catalogs given to parseLedger (${known}); pass that catalog in options.catalogs.`,
        ["catalog", "id"],
        { catalogId: typeof id === "string" && id.length <= idLengthMax ? id : null },
      ),
    );
  }
  const difference = firstDifference(stored, candidate);
  if (difference === null) return ok(candidate);
  const where = difference.length > 0 ? difference.join(".") : "its root";
  return err(
    ledgerError(
      "invalid_state",
      `The stored ledger's catalog "${candidate.id}" differs from the catalog of that id given to parseLedger at ${where} (stored ${shownAt(stored, difference)}, expected ${shownAt(candidate, difference)}): a changed price list needs a new catalog id, and a stored one is never trusted.`,
      ["catalog", ...difference],
      { catalogId: candidate.id },
    ),
  );
}

/**
 * How {@link parseLedger} reads a stored ledger.
 *
 * @example
 * const options: ParseLedgerOptions = { catalogs: [defaultCatalog, tokenPlanChinaCatalog] };
 */
export interface ParseLedgerOptions {
  /**
   * The catalogs this app bills with (made by `defineCatalog`, `extendCatalog` or
   * shipped). The stored ledger's catalog must equal the one with its id. Default:
   * `[defaultCatalog]`.
   */
  readonly catalogs?: readonly Catalog[];
}

const parseOptionsSchema = z.strictObject(
  {
    catalogs: z.optional(
      z
        .array(
          z.custom<Catalog>(isDefinedCatalog, {
            error: "Expected a catalog made by defineCatalog or extendCatalog (or a shipped one)",
            ...withCode("invalid_catalog"),
          }),
          { error: "Expected a list of catalogs, such as [defaultCatalog]" },
        )
        .check(
          z.minLength(1, "Expected at least one catalog"),
          z.superRefine((catalogs, ctx) => {
            const seen = new Set<string>();
            catalogs.forEach((catalog, i) => {
              if (seen.has(catalog.id)) {
                ctx.addIssue({
                  code: "custom",
                  message: `Two catalogs share the id "${catalog.id}": an id names one catalog's content`,
                  path: [i],
                  ...withCode("invalid_catalog"),
                });
              }
              seen.add(catalog.id);
            });
          }),
        ),
    ),
  },
  { error: "Expected options as an object such as { catalogs: [defaultCatalog] }" },
);

/**
 * Reads a stored ledger (JSON text, or the parsed object). Refuses malformed JSON,
 * a `schemaVersion` from the future, unknown fields, non-canonical amounts and
 * inconsistent content with a typed error and its path. The stored catalog must equal
 * one of `options.catalogs` (default: the {@link defaultCatalog}), field for field: a
 * stored ledger cannot change the prices it is billed by. A parsed state behaves exactly
 * like the one that was stored.
 *
 * @example
 * const back = parseLedger(serializeLedger(state));
 * back.ok && back.value.clockMs === state.clockMs; //=> true
 * // A ledger billed by another catalog is read with that catalog:
 * parseLedger(serializeLedger(chinaState), { catalogs: [defaultCatalog, tokenPlanChinaCatalog] });
 */
export function parseLedger(
  input: unknown,
  options: ParseLedgerOptions = {},
): Result<LedgerState, LedgerError> {
  const settings = parseWith(parseOptionsSchema, options, "invalid_input");
  if (!settings.ok) return settings;
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      return err(
        ledgerError("invalid_state", "The stored ledger is not valid JSON (truncated or corrupted?).", []),
      );
    }
  }
  if (typeof value === "object" && value !== null && "schemaVersion" in value) {
    const version = (value as { schemaVersion: unknown }).schemaVersion;
    if (typeof version === "number" && version > schemaVersion) {
      return err(
        ledgerError(
          "unsupported_schema_version",
          `This ledger was written with schemaVersion ${version}; this version of token-plan reads ${schemaVersion}. Upgrade token-plan.`,
          ["schemaVersion"],
          { found: version, supported: schemaVersion },
        ),
      );
    }
  }
  // Text we parsed ourselves is fresh data nobody else holds, so a well-formed ledger can be
  // used as it is; an object from the caller is copied by zod, so the state shares nothing.
  const parsed =
    value !== input && isStateShape(value)
      ? ok(value as z.output<typeof stateSchema>)
      : parseWith(stateSchema, value, "invalid_state");
  if (!parsed.ok) return parsed;
  // zod skips a "__proto__" key in a record (it cannot be assigned as data); refuse it here.
  if (Object.hasOwn((value as { windows: object }).windows, "__proto__"))
    return err(tampered('unknown window "__proto__"', ["windows", "__proto__"]));
  const catalog = matchCatalog(parsed.value.catalog, settings.value.catalogs ?? [defaultCatalog]);
  if (!catalog.ok) return catalog;
  const state = { ...(parsed.value as unknown as LedgerState), catalog: catalog.value };
  const problem = checkConsistency(state);
  return problem === null ? ok(state) : err(problem);
}
