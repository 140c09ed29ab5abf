/**
 * Storing a ledger: `serializeLedger` writes canonical JSON text for a row per account
 * (schemaVersion 3: the catalog by id and fingerprint, each remembered usage one line of
 * text); `parseLedger` reads it back, refusing a future schema version, a truncated text or
 * tampered content with a typed error. A stored catalog reference must name one of the
 * catalogs the app bills with, unchanged. Older text is still read and written back as
 * version 3: version 1 (the catalog stored whole) and version 2 (each remembered usage an
 * array of fields).
 */
import * as z from "zod/mini";
import { type Catalog, compiledOf, defaultCatalog, isDefinedCatalog } from "../catalog";
import { compareDrawOrder } from "../credits";
import { type FieldPath, type LedgerError, ledgerError } from "../errors";
import {
  eventIdsRememberedMax,
  idLengthMax,
  instantMaxMs,
  lotsStoredMax,
  subscriptionPeriodsMax,
  windowRecordsMax,
} from "../limits";
import { isCanonicalAmount, parseTrustedAmount, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { periodEndOf } from "../subscription";
import { briefly, parseWith, withCode } from "../validation";
import {
  chunkRecent,
  flattenRecent,
  isVoidedJson,
  type RecentEventJson,
  recentEventJson,
  type UsageRecord,
} from "./recent";
import { brandState, type LedgerState, type LotJson, schemaVersion, stateError } from "./state";
import { isRecentRecordText, isStateShape } from "./stateShape";

/** A ledger as stored: the state's fields, the remembered events as one flat list. */
type StoredState = Omit<LedgerState, "recentEvents"> & { readonly recentEvents: readonly RecentEventJson[] };

/**
 * The state as canonical JSON text for storage (`{ ok: true, value }`), or a typed
 * `invalid_state` error for a value that is not a ledger state. Equal states give
 * byte-identical text. The catalog is stored by reference (its id and a fingerprint of its
 * content), so a row holds only what the rules need; `parseLedger` resolves it.
 *
 * @example
 * const text = serializeLedger(state);
 * text.ok && parseLedger(text.value).ok; //=> true
 */
export function serializeLedger(state: LedgerState): Result<string, LedgerError> {
  const problem = stateError(state);
  if (problem !== null) return err(problem);
  try {
    // Fields by name, so nothing but the state's own data reaches the text.
    return ok(
      JSON.stringify({
        schemaVersion: state.schemaVersion,
        version: state.version,
        catalog: { id: state.catalog.id, fingerprint: compiledOf(state.catalog).fingerprint },
        eventIdsRemembered: state.eventIdsRemembered,
        clockMs: state.clockMs,
        subscription: state.subscription,
        windows: state.windows,
        lots: state.lots,
        recentEvents: flattenRecent(state.recentEvents),
        arrearsCredits: state.arrearsCredits,
      }),
    );
  } catch {
    return err(
      ledgerError("invalid_state", "The state holds a value JSON cannot write (a cycle or a BigInt?).", []),
    );
  }
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

const subscriptionSchema = z.nullable(
  z.strictObject({
    tier: id,
    status: z.enum(["active", "canceled"]),
    anchorAtMs: ms,
    period: z.int().check(z.minimum(0), z.maximum(subscriptionPeriodsMax)),
    periodStartMs: ms,
    periodEndMs: ms,
    pendingTier: z.nullable(id),
  }),
);
const windowsSchema = z.record(z.string().check(z.maxLength(200)), windowJsonSchema);
const drawSchema = z.tuple([id, credits, ms]);
const fingerprintSchema = z.string().check(z.minLength(1), z.maxLength(16));
const drawsSchema = z.array(drawSchema);

/** The fields every stored version since 2 shares, before the id memory. */
const storedFields = {
  version: z.int().check(z.minimum(0)),
  catalog: z.strictObject({ id, fingerprint: fingerprintSchema }),
  eventIdsRemembered: z.int().check(z.minimum(1), z.maximum(eventIdsRememberedMax)),
  clockMs: z.nullable(ms),
  subscription: subscriptionSchema,
  windows: windowsSchema,
  lots: z.array(lotJsonSchema).check(z.maxLength(lotsStoredMax)),
};

const recordText = z
  .string()
  .check(
    z.refine(
      isRecentRecordText,
      'Expected a fingerprint, or a usage record "fingerprint atMs bucket quotaUnits tier uncoveredCredits voided [window used limit resetsAtMs]"',
    ),
  );

/** The stored ledger's schema (exported for the test that holds `isStateShape` to it). */
export const stateSchema = z.strictObject({
  schemaVersion: z.literal(schemaVersion),
  ...storedFields,
  recentEvents: z
    .array(
      z.tuple([id, recordText, z.optional(drawsSchema.check(z.minLength(1)))]).check(
        // Only a usage draws from lots (a usage that drew nothing stores no list).
        z.refine((json) => json[2] === undefined || json[1].includes(" "), {
          message: "Expected draws only after a usage record",
          path: [2],
        }),
      ),
    )
    .check(z.maxLength(eventIdsRememberedMax)),
  arrearsCredits: credits,
});

/** Version 2: each remembered usage an array of fields. */
const stateSchemaV2 = z.strictObject({
  schemaVersion: z.literal(2),
  ...storedFields,
  recentEvents: z
    .array(
      z.union([
        z.tuple([id, fingerprintSchema]),
        z.tuple([
          id,
          fingerprintSchema,
          ms,
          z.nullable(id),
          quota,
          z.optional(z.nullable(id)),
          z.optional(drawsSchema),
          z.optional(credits),
          z.optional(z.union([z.literal(0), z.literal(1)])),
          z.optional(z.nullable(z.tuple([id, quota, quota, z.nullable(ms)]))),
        ]),
      ]),
    )
    .check(z.maxLength(eventIdsRememberedMax)),
  arrearsCredits: credits,
});

type StoredV2 = z.output<typeof stateSchemaV2>;
type StoredV2Event = StoredV2["recentEvents"][number];

/** A version-2 remembered event in today's form. */
function fromV2Event(json: StoredV2Event): RecentEventJson {
  if (json.length === 2) return [json[0], json[1]];
  const [
    eventId,
    print,
    at,
    bucket,
    units,
    tier = null,
    draws = [],
    // Stryker disable next-line StringLiteral: equivalent: parseTrustedAmount("") is 0 too (BigInt(""))
    uncovered = "0",
    voided = 0,
    hit = null,
  ] = json;
  const trusted = <K extends "quota" | "credits">(text: string): Scaled<K> => parseTrustedAmount<K>(text);
  const record: UsageRecord = {
    at,
    bucket,
    quotaUnits: trusted(units),
    tier,
    draws: draws.map(([lotId, c, expiresAt]) => ({ lotId, credits: trusted(c), expiresAt })),
    uncoveredCredits: trusted(uncovered),
    voided: voided === 1,
    hit:
      hit === null
        ? null
        : { window: hit[0], used: trusted(hit[1]), limit: trusted(hit[2]), resetsAt: hit[3] },
  };
  return recentEventJson(eventId, print, record);
}

/** Version 1: the catalog stored whole, remembered events as objects. */
const stateSchemaV1 = z.strictObject({
  schemaVersion: z.literal(1),
  catalog: z.unknown(),
  eventIdsRemembered: z.int().check(z.minimum(1), z.maximum(eventIdsRememberedMax)),
  clockMs: z.nullable(ms),
  subscription: subscriptionSchema,
  windows: windowsSchema,
  lots: z.array(lotJsonSchema).check(z.maxLength(lotsStoredMax)),
  recentEvents: z
    .array(
      z.strictObject({
        id,
        fingerprint: fingerprintSchema,
        usage: z.nullable(
          z.strictObject({
            atMs: ms,
            bucket: z.nullable(id),
            quotaUnits: quota,
            draws: z.array(drawSchema),
            uncoveredCredits: credits,
            voided: z.boolean(),
          }),
        ),
      }),
    )
    .check(z.maxLength(eventIdsRememberedMax)),
  arrearsCredits: credits,
});

type StoredV1 = z.output<typeof stateSchemaV1>;

/** A version-1 ledger in today's layout (its catalog already matched). */
function fromV1(stored: StoredV1, catalog: Catalog): StoredState {
  const { schemaVersion: _v1, catalog: _stored, recentEvents, ...rest } = stored;
  return {
    schemaVersion,
    // The events a version-1 ledger applied were not counted: its count starts here.
    version: 0,
    catalog,
    ...rest,
    // A version-1 usage kept neither its tier nor its full window: a retry's receipt lists
    // no quota windows and no limit notice.
    recentEvents: recentEvents.map((e) =>
      recentEventJson(
        e.id,
        e.fingerprint,
        e.usage === null
          ? null
          : {
              at: e.usage.atMs,
              bucket: e.usage.bucket,
              quotaUnits: parseTrustedAmount(e.usage.quotaUnits),
              tier: null,
              draws: e.usage.draws.map(([lotId, c, expiresAt]) => ({
                lotId,
                credits: parseTrustedAmount(c),
                expiresAt,
              })),
              uncoveredCredits: parseTrustedAmount(e.usage.uncoveredCredits),
              voided: e.usage.voided,
              hit: null,
            },
      ),
    ),
  } as unknown as StoredState;
}

function tampered(message: string, path: readonly (string | number)[]): LedgerError {
  return ledgerError("invalid_state", `The stored ledger is inconsistent: ${message}.`, path);
}

/** Cross-field checks zod cannot express: references into the catalog, order, bounds. */
function checkConsistency(state: StoredState): LedgerError | null {
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
      // Stryker disable next-line EqualityOperator,OptionalChaining: equivalent: no bucket has the id "" (a key starting with "/"), and an own bucket has windows
      slash > 0 && Object.hasOwn(catalog.buckets, bucket) ? catalog.buckets[bucket]?.windows : undefined;
    if (windows === undefined || !Object.hasOwn(windows, key.slice(slash + 1)))
      return tampered(`unknown window "${key}"`, ["windows", key]);
    // A window kept as another kind than its catalog's would read as empty: free quota.
    const expected = windows[key.slice(slash + 1)]?.kind;
    const stored = state.windows[key]?.kind;
    if (stored !== expected)
      return tampered(
        `window "${key}" is stored as a ${stored} window, but its catalog makes it a ${expected} window`,
        ["windows", key, "kind"],
      );
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
      // Stryker disable next-line EqualityOperator: equivalent: the draw order is 0 only for one id, refused just before
      if (order >= 0) return tampered("lots are not in draw order or repeat an id", ["lots", i]);
    }
  }
  if (state.recentEvents.length > state.eventIdsRemembered) {
    return tampered("more recent events than the ledger remembers", ["recentEvents"]);
  }
  const seen = new Set<string>();
  for (let i = 0; i < state.recentEvents.length; i++) {
    const id = (state.recentEvents[i] as RecentEventJson)[0];
    if (seen.has(id)) return tampered(`event id "${id}" is remembered twice`, ["recentEvents", i, 0]);
    seen.add(id);
  }
  return clockProblem(state) ?? subscriptionProblem(state) ?? drawsProblem(state);
}

/** A subscription's period bounds follow from its anchor and period number (a renewal relies on it). */
function subscriptionProblem(state: StoredState): LedgerError | null {
  const s = state.subscription;
  if (s === null) return null;
  const compiled = compiledOf(state.catalog);
  if (s.anchorAtMs > s.periodStartMs)
    return tampered("the subscription's period starts before its anchor", ["subscription", "periodStartMs"]);
  const start = s.period === 0 ? s.anchorAtMs : periodEndOf(compiled, s.anchorAtMs, s.period - 1);
  if (start !== s.periodStartMs) {
    return tampered(
      `period ${s.period} of a subscription anchored at ${s.anchorAtMs} starts at ${start}, not ${s.periodStartMs}`,
      ["subscription", "periodStartMs"],
    );
  }
  const end = periodEndOf(compiled, s.anchorAtMs, s.period);
  if (end !== s.periodEndMs) {
    return tampered(
      `period ${s.period} of a subscription anchored at ${s.anchorAtMs} ends at ${end}, not ${s.periodEndMs}`,
      ["subscription", "periodEndMs"],
    );
  }
  return null;
}

/**
 * What remembered usages drew from a live lot cannot exceed what the lot has given out: a
 * void gives those credits back, and must never fill a lot past what it was bought with.
 */
function drawsProblem(state: StoredState): LedgerError | null {
  let out: Map<string, bigint> | null = null;
  for (let i = 0; i < state.recentEvents.length; i++) {
    const json = state.recentEvents[i] as RecentEventJson;
    // [id, record, draws]: only a usage that drew from lots has the list
    const draws = json[2];
    if (draws === undefined || isVoidedJson(json)) continue;
    if (out === null) {
      out = new Map();
      for (const lot of state.lots) {
        out.set(
          `${lot.id}@${lot.expiresAtMs}`,
          parseTrustedAmount(lot.credits) - parseTrustedAmount(lot.remaining),
        );
      }
    }
    for (let d = 0; d < draws.length; d++) {
      const [lotId, drawn, expiresAt] = draws[d] as (typeof draws)[number];
      const key = `${lotId}@${expiresAt}`;
      const left = out.get(key);
      if (left === undefined) continue; // the lot expired or left: a void reports those credits as expired
      const after = left - parseTrustedAmount(drawn);
      if (after < 0n) {
        return tampered(`remembered usages drew more from lot "${lotId}" than it has given out`, [
          "recentEvents",
          i,
          2,
          d,
          1,
        ]);
      }
      out.set(key, after);
    }
  }
  return null;
}

/** A remembered usage's instant (the record's second field, digits the schema checked), null for other events. */
function atOfJson(json: RecentEventJson): number | null {
  const text = json[1];
  let i = text.indexOf(" ");
  // Stryker disable next-line EqualityOperator: equivalent: a record never starts with a space (the schema checked it)
  if (i < 0) return null;
  let at = 0;
  for (let c = text.charCodeAt(++i); c !== 32; c = text.charCodeAt(++i)) at = at * 10 + (c - 48);
  return at;
}

/** The clock is the latest instant the ledger has seen: nothing in it may be later. */
function clockProblem(state: StoredState): LedgerError | null {
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
    const json = state.recentEvents[i] as RecentEventJson;
    const at = atOfJson(json);
    // Stryker disable next-line ConditionalExpression: equivalent: later(null) is null too (null > clock is false)
    const problem = at === null ? null : later(at, ["recentEvents", i, 1]);
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

/**
 * The value at a path inside plain data (own properties only), for a message. The path may
 * pass a key the stored value only inherits (a caller's object made with `Object.create`):
 * from there on, nothing.
 */
function shownAt(root: unknown, path: FieldPath): string {
  let node = root;
  for (const key of path) {
    node =
      Object(node) === node && Object.hasOwn(node as object, key)
        ? (node as Record<string | number, unknown>)[key]
        : undefined;
  }
  return briefly(node);
}

/** The app's catalog that the stored one equals, or why there is none. */
function matchCatalog(stored: unknown, catalogs: readonly Catalog[]): Result<Catalog, LedgerError> {
  // The schema has read a value (never undefined); a primitive has no "id" of its own.
  const id = (stored as { id?: unknown } | null)?.id;
  const candidate = catalogs.find((catalog) => catalog.id === id);
  if (candidate === undefined) return err(unknownCatalog(id, catalogs));
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
  const version =
    typeof value === "object" && value !== null && Object.hasOwn(value, "schemaVersion")
      ? (value as { schemaVersion: unknown }).schemaVersion
      : undefined;
  if (typeof version === "number" && version > schemaVersion) {
    return err(
      ledgerError(
        "unsupported_schema_version",
        `This ledger was written with schemaVersion ${version}; this version of token-plan reads 1 to ${schemaVersion}. Upgrade token-plan.`,
        ["schemaVersion"],
        { found: version, supported: schemaVersion },
      ),
    );
  }
  const catalogs = settings.value.catalogs ?? [defaultCatalog];
  const read =
    version === 1
      ? readV1(value, catalogs)
      : version === 2
        ? readV2(value, catalogs)
        : readV3(value, input, catalogs);
  if (!read.ok) return read;
  const problem = checkConsistency(read.value);
  if (problem !== null) return err(problem);
  return ok(
    brandState({ ...read.value, recentEvents: chunkRecent(read.value.recentEvents, read.value.version) }),
  );
}

/** A row of today's version: shape (fast path for our own text, else zod), then the catalog reference. */
function readV3(
  value: unknown,
  input: unknown,
  catalogs: readonly Catalog[],
): Result<StoredState, LedgerError> {
  // Text we parsed ourselves is fresh data nobody else holds, so a well-formed ledger can be
  // used as it is; an object from the caller is copied by zod, so the state shares nothing.
  const parsed =
    // Stryker disable next-line ConditionalExpression: equivalent for `value !== input` → false: zod reads a well-formed ledger alike (the fast path only saves time)
    value !== input && isStateShape(value)
      ? ok(value as z.output<typeof stateSchema>)
      : parseWith(stateSchema, value, "invalid_state");
  if (!parsed.ok) return parsed;
  const windowsProblem = protoWindow(value);
  if (windowsProblem !== null) return err(windowsProblem);
  const catalog = resolveCatalog(parsed.value.catalog, catalogs);
  if (!catalog.ok) return catalog;
  return ok({ ...(parsed.value as unknown as StoredState), catalog: catalog.value });
}

/** A version-2 row: validated by its own schema, its remembered usages rewritten as records. */
function readV2(value: unknown, catalogs: readonly Catalog[]): Result<StoredState, LedgerError> {
  const parsed = parseWith(stateSchemaV2, value, "invalid_state");
  if (!parsed.ok) return parsed;
  const windowsProblem = protoWindow(value);
  if (windowsProblem !== null) return err(windowsProblem);
  const catalog = resolveCatalog(parsed.value.catalog, catalogs);
  if (!catalog.ok) return catalog;
  const { recentEvents, ...rest } = parsed.value;
  return rewritten({
    ...(rest as unknown as Omit<StoredState, "recentEvents" | "catalog">),
    schemaVersion,
    catalog: catalog.value,
    recentEvents: recentEvents.map(fromV2Event),
  });
}

/**
 * An older row rewritten in today's form, refused when a remembered usage does not make a
 * record today's schema accepts: older versions took any id for a bucket or a tier, and a
 * record's fields are separated by spaces.
 */
function rewritten(state: StoredState): Result<StoredState, LedgerError> {
  for (let i = 0; i < state.recentEvents.length; i++) {
    if (!isRecentRecordText((state.recentEvents[i] as RecentEventJson)[1]))
      return err(
        tampered("a remembered usage names a bucket or tier that is not a catalog id", ["recentEvents", i]),
      );
  }
  return ok(state);
}

/** A version-1 row: validated by its own schema, its whole catalog compared with the app's. */
function readV1(value: unknown, catalogs: readonly Catalog[]): Result<StoredState, LedgerError> {
  const parsed = parseWith(stateSchemaV1, value, "invalid_state");
  if (!parsed.ok) return parsed;
  const windowsProblem = protoWindow(value);
  if (windowsProblem !== null) return err(windowsProblem);
  const catalog = matchCatalog(parsed.value.catalog, catalogs);
  if (!catalog.ok) return catalog;
  return rewritten(fromV1(parsed.value, catalog.value));
}

/** zod skips a "__proto__" key in a record (it cannot be assigned as data); refuse it here. */
function protoWindow(value: unknown): LedgerError | null {
  return Object.hasOwn((value as { windows: object }).windows, "__proto__")
    ? tampered('unknown window "__proto__"', ["windows", "__proto__"])
    : null;
}

/** The app's catalog a stored reference names, unchanged since the row was written. */
function resolveCatalog(
  ref: { readonly id: string; readonly fingerprint: string },
  catalogs: readonly Catalog[],
): Result<Catalog, LedgerError> {
  const candidate = catalogs.find((catalog) => catalog.id === ref.id);
  if (candidate === undefined) return err(unknownCatalog(ref.id, catalogs));
  const fingerprint = compiledOf(candidate).fingerprint;
  if (fingerprint === ref.fingerprint) return ok(candidate);
  return err(
    ledgerError(
      "invalid_state",
      `The stored ledger was billed with catalog "${ref.id}" of fingerprint "${ref.fingerprint}", but the catalog of that id given to parseLedger has fingerprint "${fingerprint}": its content changed. A changed price list needs a new catalog id, and a stored ledger is read only with the catalog it was billed by.`,
      ["catalog", "fingerprint"],
      { catalogId: ref.id, stored: ref.fingerprint, expected: fingerprint },
    ),
  );
}

function unknownCatalog(id: unknown, catalogs: readonly Catalog[]): LedgerError {
  const known = catalogs.map((catalog) => `"${catalog.id}"`).join(", ");
  return ledgerError(
    "invalid_state",
    `The stored ledger was billed with catalog ${briefly(id)}, which is not among the catalogs given to parseLedger (${known}); pass that catalog in options.catalogs.`,
    ["catalog", "id"],
    { catalogId: typeof id === "string" && id.length <= idLengthMax ? id : null },
  );
}
