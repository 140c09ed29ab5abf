/**
 * zod schemas for the fields every input shares (amounts, instants, durations, time
 * zones, ids, bounded records), each reporting token-plan's own error codes: a value of
 * the wrong JSON type is the caller's schema error (`invalid_input`, `invalid_catalog`,
 * `invalid_state`); a right-typed but bad value gets its own code (`invalid_amount`,
 * `invalid_instant`, …); a bound from limits.ts is `limit_exceeded`.
 */
import * as z from "zod/mini";
import { catalogEntriesMax, idLengthMax } from "./limits";
import { type AmountKind, formatAmount, parseAmount } from "./money";
import { ok } from "./result";
import {
  dateTimeOf,
  formatInstant,
  type InstantInput,
  parseCuts,
  parseDuration,
  parseInstant,
  parseTimeZone,
} from "./time";
import { refineWith, withCode } from "./validation";

const kindLabel: Record<AmountKind, string> = { usd: "USD", credits: "credits", quota: "quota-units" };

/** A string or a number (NaN and Infinity included: the value parser refuses those with its own code). */
function stringOrNumber(expected: string) {
  return z.custom<string | number>((v) => typeof v === "string" || typeof v === "number", {
    error: expected,
  });
}

/** An amount, kept scaled (bigint atoms). */
export function scaledAmountField<K extends AmountKind>(kind: K) {
  return z.pipe(
    stringOrNumber(`Expected a ${kindLabel[kind]} amount (a decimal amount such as "12.5")`),
    refineWith((v: string | number) => parseAmount(kind, v)),
  );
}

/** An amount, as its canonical decimal string. */
export function amountField<K extends AmountKind>(kind: K) {
  return z.pipe(
    stringOrNumber(`Expected a ${kindLabel[kind]} amount (a decimal amount such as "12.5")`),
    refineWith((v: string | number) => {
      const parsed = parseAmount(kind, v);
      return parsed.ok ? ok(formatAmount(parsed.value)) : parsed;
    }),
  );
}

const instantExpected =
  'Expected an ISO-8601 instant with an offset ("2026-06-04T15:00:00Z"), epoch milliseconds or a Date';

/** A string, a number or a Date (an invalid Date included: the instant parser refuses it with its own code). */
function instantInput() {
  return z.custom<InstantInput>(
    (v) => typeof v === "string" || typeof v === "number" || dateTimeOf(v) !== null,
    { error: instantExpected },
  );
}

/** An instant, as epoch ms. */
export const instantMsField = z.pipe(
  instantInput(),
  refineWith((v: InstantInput) => parseInstant(v)),
);

/** An instant, as its canonical ISO-8601 string. */
export const instantIsoField = z.pipe(
  instantInput(),
  refineWith((v: InstantInput) => {
    const parsed = parseInstant(v);
    return parsed.ok ? ok(formatInstant(parsed.value)) : parsed;
  }),
);

/** A fixed ISO-8601 duration ("PT5H"), kept as written. */
export const durationField = z.pipe(
  z.string({ error: 'Expected an ISO-8601 duration such as "PT5H"' }),
  refineWith((v: string) => {
    const parsed = parseDuration(v);
    return parsed.ok ? ok(v) : parsed;
  }),
);

/** An IANA time zone name. */
export const timeZoneField = z.pipe(
  z.string({ error: 'Expected an IANA time zone such as "UTC" or "Asia/Shanghai"' }),
  refineWith((v: string) => parseTimeZone(v)),
);

/** Local cut times "HH:mm", strictly ascending. */
export const cutsField = z.pipe(
  z.array(z.string({ error: 'Expected a local time "HH:mm"' }), {
    error: 'Expected an array of local times such as ["00:00", "05:00"]',
  }),
  refineWith((v: string[]) => parseCuts(v)),
);

/** A string of at most `max` characters (longer is `limit_exceeded`). */
export function boundedString(max: number, noun: string) {
  const capitalised = noun.charAt(0).toUpperCase() + noun.slice(1);
  return z.string({ error: `Expected ${noun} string` }).check(
    z.refine((v) => v.length <= max, {
      message: `${capitalised} has at most ${max} characters`,
      ...withCode("limit_exceeded"),
    }),
  );
}

/** An event, lot or usage id: 1 to 128 characters. */
export const idField = boundedString(idLengthMax, "an id").check(
  z.refine((v) => v.length > 0, "An id must not be empty"),
);

/** A record with at most `catalogEntriesMax` entries (more is `limit_exceeded`). */
export function boundedRecord<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(
  key: K,
  value: V,
  max = catalogEntriesMax,
) {
  return z.record(key, value).check(
    z.refine((r) => Object.keys(r as object).length <= max, {
      message: `At most ${max} entries`,
      ...withCode("limit_exceeded"),
    }),
  );
}

const days = z.int().check(z.minimum(1), z.maximum(36_500));

/** The reading of "valid N days after purchase": a named rule (see `ValidityRule`). */
export const validityField = z.discriminatedUnion("rule", [
  z.strictObject({ rule: z.literal("elapsed-days"), days }),
  z.strictObject({ rule: z.literal("calendar-days"), days, timeZone: timeZoneField }),
  z.strictObject({
    rule: z.literal("anniversary"),
    years: z.int().check(z.minimum(1), z.maximum(100)),
    timeZone: timeZoneField,
  }),
]);
