/**
 * The catalog's zod schemas: the single source of the catalog's types. A catalog is
 * data (tiers, buckets, windows, resources, prices, credit packages, rules), so a user
 * can change prices, limits and windows, or model another provider, without code.
 */
import * as z from "zod/mini";
import {
  amountField,
  boundedRecord,
  cutsField,
  durationField,
  instantIsoField,
  timeZoneField,
  validityField,
} from "../fields";
import { boostsPerWindowMax, catalogEntriesMax, textLengthMax, windowRecordsMax } from "../limits";
import { parseAmount, roundingModes } from "../money";
import { parseDuration } from "../time";
import { parseParams, withCode } from "../validation";
import { measureNames } from "./measures";

const usdSchema = amountField("usd");
const creditsSchema = amountField("credits");
const quotaSchema = amountField("quota");
const instantSchema = instantIsoField;
const durationSchema = durationField;
const timeZoneSchema = timeZoneField;
const cutsSchema = cutsField;
const idSchema = z
  .string({ error: "Expected an id string" })
  .check(
    z.minLength(1, "An id must not be empty"),
    z.maxLength(64, "An id has at most 64 characters"),
    z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, "Expected an id of letters, digits, '.', '_', ':' or '-'"),
  );
const tooLong = `At most ${textLengthMax} characters`;
const textSchema = z.string({ error: "Expected a string" }).check(z.maxLength(textLengthMax, tooLong));
/** Text that must not be empty (a name or a label). */
const nameSchema = z
  .string({ error: "Expected a string" })
  .check(z.maxLength(textLengthMax, tooLong), z.minLength(1, "Must not be empty"));

function catalogRecord<V extends z.core.SomeType>(value: V) {
  return boundedRecord(idSchema, value);
}

/** A named rounding rule: places (0–12) and mode. */
export const roundingRuleSchema = z.strictObject({
  places: z.int().check(z.minimum(0), z.maximum(12)),
  mode: z.enum(roundingModes),
});

/** A temporary boost: the limit is multiplied by permille/1000 from `from` (inclusive) to `until` (exclusive). */
export const boostSchema = z
  .strictObject({
    from: instantSchema,
    until: instantSchema,
    permille: z.int().check(z.minimum(1), z.maximum(1_000_000)),
  })
  .check(z.refine((b) => b.from < b.until, { message: "A boost must end after it starts", path: ["until"] }));

const windowBase = { label: nameSchema };

/** Clock-aligned blocks in a time zone, resetting whole at their end. */
export const calendarWindowSchema = z.strictObject({
  ...windowBase,
  kind: z.literal("calendar"),
  every: z.enum(["day", "week", "month"]),
  cuts: z.optional(cutsSchema),
  weekStartsOn: z.optional(z.int().check(z.minimum(0), z.maximum(6))),
  timeZone: timeZoneSchema,
});

/** A usage counts for exactly `duration` after it happened; records coalesce per `resolution`. */
export const slidingWindowSchema = z
  .strictObject({
    ...windowBase,
    kind: z.literal("sliding"),
    duration: durationSchema,
    resolution: z.optional(durationSchema),
  })
  .check(
    z.superRefine((w, ctx) => {
      // A sliding window holds at most duration / resolution + 1 records: bound it here, so a
      // ledger can never hold a window its stored form would refuse.
      const duration = parseDuration(w.duration);
      const resolution = w.resolution === undefined ? null : parseDuration(w.resolution);
      if (!duration.ok || resolution === null || !resolution.ok) return;
      if (duration.value / resolution.value + 1 > windowRecordsMax) {
        ctx.addIssue({
          code: "custom",
          message: `A sliding window holds at most ${windowRecordsMax} records: make its resolution at least ${Math.ceil(duration.value / (windowRecordsMax - 1))} ms`,
          path: ["resolution"],
          ...withCode("limit_exceeded"),
        });
      }
    }),
  );

/** Opens at the first usage when none is open and counts everything until start + duration. */
export const sessionWindowSchema = z.strictObject({
  ...windowBase,
  kind: z.literal("session"),
  duration: durationSchema,
});

/** One window of a bucket. */
export const windowSchema = z.discriminatedUnion("kind", [
  calendarWindowSchema,
  slidingWindowSchema,
  sessionWindowSchema,
]);

/** A quota bucket: what it counts and the windows that all must have room. */
export const bucketSchema = z.strictObject({
  name: nameSchema,
  /** What one quota unit is, e.g. "list-price-usd", "requests", "videos". */
  unit: idSchema,
  windows: catalogRecord(windowSchema).check(
    z.refine((w) => Object.keys(w).length >= 1, "A bucket needs at least one window"),
  ),
});

const limitObjectSchema = z.strictObject(
  {
    units: quotaSchema,
    boosts: z._default(
      z.array(boostSchema).check(
        z.refine((b) => b.length <= boostsPerWindowMax, {
          message: `At most ${boostsPerWindowMax} boosts per window`,
          ...withCode("limit_exceeded"),
        }),
      ),
      [],
    ),
  },
  { error: 'Expected a limit: an amount such as "19.834", or { units, boosts }' },
);

/** A window's limit for one tier, with optional boosts. A bare amount means no boost. */
export const limitSchema = z.pipe(
  z.custom<string | number | z.input<typeof limitObjectSchema>>(() => true),
  z.transform((input, payload): z.output<typeof limitObjectSchema> => {
    // A bare amount is validated as the amount itself, so its error keeps its own path and code.
    const parsed = (
      typeof input === "string" || typeof input === "number" ? quotaSchema : limitObjectSchema
    ).safeParse(input, parseParams);
    if (parsed.success)
      return typeof parsed.data === "string" ? { units: parsed.data, boosts: [] } : parsed.data;
    for (const issue of parsed.error.issues) {
      const params = (issue as { params?: Record<string, unknown> }).params;
      payload.issues.push({
        code: "custom",
        message: issue.message,
        input,
        path: [...issue.path],
        ...(params === undefined ? {} : { params }),
      });
    }
    return z.NEVER;
  }),
);

/** A subscription tier. */
export const tierSchema = z.strictObject({
  name: nameSchema,
  monthlyPriceUsd: usdSchema,
  bestFor: z._default(textSchema, ""),
  agents: z
    .strictObject({ min: z.int().check(z.minimum(0)), max: z.int().check(z.minimum(0)) })
    .check(
      z.refine((a) => a.min <= a.max, { message: "agents.min must not exceed agents.max", path: ["max"] }),
    ),
  /** Per bucket, per window id: the limit. A bucket left out is not covered by this tier (0/0). */
  limits: catalogRecord(catalogRecord(limitSchema)),
});

/** A list price: `usd` for every `per` units of a measure (e.g. $0.30 per 1,000,000 tokens). */
export const priceSchema = z.strictObject({
  usd: usdSchema,
  per: z.int().check(z.minimum(1), z.maximum(1_000_000_000_000)),
});

const pricesSchema = z.partialRecord(z.enum(measureNames), priceSchema);

/** How a usage converts into its bucket's units. */
export const quotaRateSchema = z.union(
  [
    z.literal("list-price"),
    z.strictObject({
      perUsage: z.optional(quotaSchema),
      perMeasure: z.optional(z.partialRecord(z.enum(measureNames), quotaSchema)),
    }),
  ],
  { error: 'Expected a quota rate: "list-price", or { perUsage, perMeasure } (amounts of quota units)' },
);

/** A billable resource (a model or media product). */
export const resourceSchema = z.strictObject({
  name: nameSchema,
  kind: z.enum(["text", "image", "speech", "music", "video"]),
  /** The bucket it draws on, or null when only credits pay for it. */
  bucket: z.nullable(idSchema),
  quotaRate: z._default(quotaRateSchema, "list-price"),
  prices: pricesSchema,
  /** A second price list that applies when a request's input tokens exceed the threshold. */
  longContext: z.optional(
    z.strictObject({ inputTokensAbove: z.int().check(z.minimum(0)), prices: pricesSchema }),
  ),
  /** Whether credits may pay for it (the plan family covers it). */
  creditsEligible: z._default(z.boolean(), true),
});

/** A credit package on sale. */
export const packageSchema = z.strictObject({ priceUsd: usdSchema, credits: creditsSchema });

/** The reading of "valid N days after purchase". */
export const validitySchema = validityField;

/** Credits: packages, custom amounts and validity. */
export const creditsConfigSchema = z.strictObject({
  packages: catalogRecord(packageSchema),
  /** Custom purchases: at least `minCredits`, in steps of `stepCredits`, at 1,000 credits per dollar. null = packages only. */
  customAmount: z.nullable(z.strictObject({ minCredits: creditsSchema, stepCredits: creditsSchema })),
  validity: validitySchema,
  /** Validity of promotional grants when the grant does not say. */
  grantValidity: validitySchema,
});

/** How tier changes and renewals behave. */
export const subscriptionRulesSchema = z.strictObject({
  /** "immediate": the new tier applies at once; "period-end": at the next renewal. */
  upgrade: z.enum(["immediate", "period-end"]),
  /** What an immediate upgrade charges: the full price difference, or nothing. */
  upgradeCharge: z.enum(["price-difference", "none"]),
  downgrade: z.enum(["immediate", "period-end"]),
  /** Months are counted in this zone (the anchor's local date and time repeat each month, clamped at month end). */
  billingTimeZone: timeZoneSchema,
});

/** A value the sources do not confirm, and why we chose it. */
export const assumptionSchema = z.strictObject({
  path: z.string().check(z.minLength(1)),
  note: z.string().check(z.minLength(1)),
});

/** A whole catalog. */
export const catalogSchema = z
  .strictObject({
    id: idSchema,
    name: nameSchema,
    effectiveFrom: instantSchema,
    buckets: catalogRecord(bucketSchema),
    tiers: catalogRecord(tierSchema),
    resources: catalogRecord(resourceSchema),
    credits: creditsConfigSchema,
    /** Price multipliers by service tier; "standard" must be "1". */
    serviceTiers: catalogRecord(amountField("usd")),
    subscription: subscriptionRulesSchema,
    rounding: z.strictObject({
      /** Rounds a usage's list-price value in USD. */
      usageValue: roundingRuleSchema,
      /** Rounds the credits charged for the part of a count-based usage that quota did not cover. */
      overflowCredits: roundingRuleSchema,
    }),
    assumptions: z._default(z.array(assumptionSchema).check(z.maxLength(catalogEntriesMax)), []),
  })
  .check(
    z.superRefine((catalog, ctx) => {
      for (const [tierId, tier] of Object.entries(catalog.tiers)) {
        for (const [bucketId, limits] of Object.entries(tier.limits)) {
          for (const [windowId, limit] of Object.entries(limits)) {
            limit.boosts.forEach((boost, index) => {
              // A boosted limit must be exact: no rounding rule is named for it.
              // Stryker disable next-line StringLiteral: equivalent: the kind only names the currency in a refusal's message, and this refusal is the permille's
              const units = parseAmount("quota", limit.units);
              if (units.ok && (units.value * BigInt(boost.permille)) % 1000n !== 0n) {
                ctx.addIssue({
                  code: "custom",
                  message: `${limit.units} × ${boost.permille}‰ is not a whole number of 10^-12 units; choose a permille that divides exactly`,
                  path: ["tiers", tierId, "limits", bucketId, windowId, "boosts", index, "permille"],
                });
              }
            });
          }
        }
      }
      // Own properties only: a name such as "toString" must not find Object.prototype's member.
      for (const [resourceId, resource] of Object.entries(catalog.resources)) {
        if (resource.bucket !== null && !Object.hasOwn(catalog.buckets, resource.bucket)) {
          ctx.addIssue({
            code: "custom",
            message: `Resource "${resourceId}" draws on bucket "${resource.bucket}", which the catalog does not define`,
            path: ["resources", resourceId, "bucket"],
            params: { ledgerCode: "unknown_bucket" },
          });
        }
        if (Object.keys(resource.prices).length === 0) {
          ctx.addIssue({
            code: "custom",
            message: `Resource "${resourceId}" has no price`,
            path: ["resources", resourceId, "prices"],
          });
        }
      }
      for (const [tierId, tier] of Object.entries(catalog.tiers)) {
        for (const [bucketId, limits] of Object.entries(tier.limits)) {
          const bucket = Object.hasOwn(catalog.buckets, bucketId) ? catalog.buckets[bucketId] : undefined;
          if (bucket === undefined) {
            ctx.addIssue({
              code: "custom",
              message: `Tier "${tierId}" sets limits for bucket "${bucketId}", which the catalog does not define`,
              path: ["tiers", tierId, "limits", bucketId],
              params: { ledgerCode: "unknown_bucket" },
            });
            continue;
          }
          for (const windowId of Object.keys(bucket.windows)) {
            if (!Object.hasOwn(limits, windowId)) {
              ctx.addIssue({
                code: "custom",
                message: `Tier "${tierId}" must set a limit for window "${windowId}" of bucket "${bucketId}"`,
                path: ["tiers", tierId, "limits", bucketId, windowId],
              });
            }
          }
          for (const windowId of Object.keys(limits)) {
            if (!Object.hasOwn(bucket.windows, windowId)) {
              ctx.addIssue({
                code: "custom",
                message: `Bucket "${bucketId}" has no window "${windowId}"`,
                path: ["tiers", tierId, "limits", bucketId, windowId],
              });
            }
          }
        }
      }
      if (catalog.serviceTiers.standard !== "1") {
        ctx.addIssue({
          code: "custom",
          message: 'serviceTiers.standard must be "1"',
          path: ["serviceTiers", "standard"],
        });
      }
    }),
  );

/**
 * A catalog as a user writes it (amounts as strings or numbers, optional defaults).
 * An interface over the schema's input type (the schema is the type), so that the docs
 * list its fields.
 *
 * @example
 * const input: CatalogInput = { ...defaultCatalog, id: "my-plan" };
 */
export interface CatalogInput extends z.input<typeof catalogSchema> {}

/** The validated catalog's plain data. */
export type CatalogData = z.output<typeof catalogSchema>;
