/**
 * The zod schema of the usage API's `remains` payload, from the documented field names
 * (REFERENCE.md, "The usage API"). Strict where the meaning is known (a count is a
 * non-negative decimal, a percent is 0–100, a time is epoch milliseconds), tolerant
 * where the provider may add: unknown fields pass through and are kept, `null` reads as
 * absent, and numbers may arrive as numeric strings.
 */
import * as z from "zod/mini";
import { type LedgerError, ledgerError } from "../errors";
import { amountField, boundedString } from "../fields";
import { idLengthMax, instantMaxMs, remainsRowsMax } from "../limits";
import { parseTrustedAmount } from "../money";
import { err, ok, type Result } from "../result";
import { refineWith, withCode } from "../validation";
import { hundredPercent } from "./percent";
import type { RemainsWindowKind } from "./snapshot";

/** A string or a number, the two ways the payload sends a figure. */
function stringOrNumber(expected: string) {
  return z.custom<string | number>((v) => typeof v === "string" || typeof v === "number", {
    error: expected,
  });
}

/** The value of a string of up to 16 digits (a sign and spaces around allowed), else NaN. */
function digitsValue(text: string): number {
  return /^\s*-?\d{1,16}\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** A whole number sent as a number or a string of digits, within [min, max]. */
function wholeNumber(
  input: string | number,
  min: number,
  max: number,
  noun: string,
): Result<number, LedgerError> {
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: a number's digits read back as the number, and any other number is refused below alike
  const value = typeof input === "number" ? input : digitsValue(input);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return err(
      ledgerError(
        // Stryker disable next-line StringLiteral: equivalent: refineWith reads an unknown code as invalid_input, the schema's own
        "invalid_input",
        `Expected ${noun} (a whole number from ${min} to ${max}), got ${JSON.stringify(input)}`,
        [],
      ),
    );
  }
  return ok(value + 0); // + 0 turns -0 into 0
}

/** Absent, null, or the field. */
function optional<S extends z.ZodMiniType>(schema: S) {
  return z.optional(z.nullable(schema));
}

/** A count of quota units, as its canonical decimal string. */
const count = optional(amountField("quota"));

/** A percentage from 0 to 100, as its canonical decimal string. */
const percent = optional(
  amountField("quota").check(
    z.refine((v) => parseTrustedAmount<"quota">(v) <= hundredPercent, {
      message: "Expected a percentage from 0 to 100",
      ...withCode("invalid_amount"),
    }),
  ),
);

/** A status code (1, 2, 3 are known; others are kept and read from the room). */
const status = optional(
  z.pipe(
    stringOrNumber("Expected a status code such as 1, 2 or 3"),
    refineWith((v: string | number) => wholeNumber(v, 0, 1_000_000, "a status code")),
  ),
);

/** Epoch milliseconds, as a number or a string of digits. */
const epochMs = optional(
  z.pipe(
    stringOrNumber("Expected epoch milliseconds (a whole number)"),
    refineWith((v: string | number) => {
      const parsed = wholeNumber(v, 0, instantMaxMs, "epoch milliseconds");
      return parsed.ok ? parsed : err({ ...parsed.error, code: "invalid_instant" as const });
    }),
  ),
);

/** A duration in milliseconds (`remains_time`). */
const durationMs = optional(
  z.pipe(
    stringOrNumber("Expected milliseconds (a whole number)"),
    refineWith((v: string | number) => wholeNumber(v, 0, instantMaxMs, "milliseconds")),
  ),
);

/** A boost in per mille (1500 = 1.5×), as the catalog bounds it. */
const permille = optional(
  z.pipe(
    stringOrNumber("Expected a boost in per mille such as 1500"),
    refineWith((v: string | number) => wholeNumber(v, 1, 1_000_000, "a boost in per mille")),
  ),
);

/** The payload's field names for one window. */
export interface WindowFieldNames {
  readonly start: string;
  readonly end: string;
  readonly remainsMs: string;
  readonly total: string;
  readonly usage: string;
  readonly remainingPercent: string;
  readonly status: string;
  /** Every spelling of the boost seen in the wild, in the order they are preferred. */
  readonly boosts: readonly string[];
}

const boostSpellings = (kind: RemainsWindowKind) => [
  `${kind}_boost_permille`,
  `${kind}_boost_permill`,
  `current_${kind}_boost_permille`,
  `current_${kind}_boost_permill`,
];

/** The field names of each window of a row. */
export const windowFieldNames: Readonly<Record<RemainsWindowKind, WindowFieldNames>> = {
  interval: {
    start: "start_time",
    end: "end_time",
    remainsMs: "remains_time",
    total: "current_interval_total_count",
    usage: "current_interval_usage_count",
    remainingPercent: "current_interval_remaining_percent",
    status: "current_interval_status",
    boosts: boostSpellings("interval"),
  },
  weekly: {
    start: "weekly_start_time",
    end: "weekly_end_time",
    remainsMs: "weekly_remains_time",
    total: "current_weekly_total_count",
    usage: "current_weekly_usage_count",
    remainingPercent: "current_weekly_remaining_percent",
    status: "current_weekly_status",
    boosts: boostSpellings("weekly"),
  },
};

function windowShape(names: WindowFieldNames) {
  return {
    [names.start]: epochMs,
    [names.end]: epochMs,
    [names.remainsMs]: durationMs,
    [names.total]: count,
    [names.usage]: count,
    [names.remainingPercent]: percent,
    [names.status]: status,
    ...Object.fromEntries(names.boosts.map((name) => [name, permille])),
  };
}

/** Every field of a row this version reads. */
export const knownRowFields: ReadonlySet<string> = new Set([
  "model_name",
  ...Object.values(windowFieldNames).flatMap((names) => [
    names.start,
    names.end,
    names.remainsMs,
    names.total,
    names.usage,
    names.remainingPercent,
    names.status,
    ...names.boosts,
  ]),
]);

/** One row of `model_remains`. Unknown fields pass through. */
export const rowSchema = z.looseObject(
  {
    model_name: boundedString(idLengthMax, "a model or bucket name").check(
      z.refine((v) => v.length > 0, "A model_name must not be empty"),
    ),
    ...windowShape(windowFieldNames.interval),
    ...windowShape(windowFieldNames.weekly),
  },
  { error: "Expected a row object such as { model_name, current_interval_status, … }" },
);

/** A parsed row: known fields typed, unknown ones as they came. */
export type RemainsRow = z.output<typeof rowSchema>;

/** The `model_remains` list. */
export const rowsSchema = z.array(rowSchema, { error: "Expected model_remains to be a list of rows" }).check(
  z.refine((rows) => rows.length <= remainsRowsMax, {
    message: `A remains payload carries at most ${remainsRowsMax} rows`,
    ...withCode("limit_exceeded"),
  }),
);

/** `base_resp`: the provider's own status (0 = success). */
export const baseRespSchema = z.looseObject(
  {
    status_code: z.pipe(
      stringOrNumber("Expected base_resp.status_code, a whole number (0 = success)"),
      refineWith((v: string | number) =>
        wholeNumber(v, -1_000_000_000, 1_000_000_000, "base_resp.status_code"),
      ),
    ),
    status_msg: optional(z.string({ error: "Expected base_resp.status_msg to be a string" })),
  },
  { error: 'Expected base_resp to be an object such as { status_code: 0, status_msg: "success" }' },
);

/** A parsed `base_resp`. */
export type BaseResp = z.output<typeof baseRespSchema>;
