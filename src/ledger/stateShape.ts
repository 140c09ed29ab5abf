/**
 * A hand-written check of a stored ledger's shape, for the common case: a well-formed
 * ledger this library wrote. It accepts only what the zod state schema (serialize.ts)
 * accepts, and a property test holds the two together; anything it does not accept goes
 * to zod, which has the last word and names the error. It exists for speed: a gateway
 * parses a stored ledger on every request, and zod took about two thirds of that time.
 */
import {
  eventIdsRememberedMax,
  idLengthMax,
  instantMaxMs,
  lotsStoredMax,
  subscriptionPeriodsMax,
  windowRecordsMax,
} from "../limits";
import { isCanonicalAmount } from "../money";
import { schemaVersion } from "./state";

type Json = Record<string, unknown>;

/**
 * A JSON object with exactly these keys, in this order: the order zod's output has, so a
 * ledger read by either path serialises to the same text (each value is checked by the
 * caller).
 */
function object(value: unknown, keys: readonly string[]): value is Json {
  // null has no keys: the loop refuses it.
  if (typeof value !== "object" || Array.isArray(value)) return false;
  let i = 0;
  for (const key in value as object) if (key !== keys[i++]) return false;
  // Stryker disable next-line ConditionalExpression: equivalent: each caller then checks every field's value, and a missing one is undefined, which no check accepts
  return i === keys.length;
}

// The keys of each object, in the order of the zod schema (and of what serializeLedger writes).
const stateKeys = [
  "schemaVersion",
  "version",
  "catalog",
  "eventIdsRemembered",
  "clockMs",
  "subscription",
  "windows",
  "lots",
  "recentEvents",
  "arrearsCredits",
];
const calendarKeys = ["kind", "startMs", "endMs", "used", "lastAtMs"];
const slidingKeys = ["kind", "records", "lastAtMs"];
const sessionKeys = ["kind", "startMs", "used", "lastAtMs"];
const lotKeys = ["id", "kind", "purchasedAtMs", "expiresAtMs", "credits", "remaining", "priceUsd"];
const subscriptionKeys = [
  "tier",
  "status",
  "anchorAtMs",
  "period",
  "periodStartMs",
  "periodEndMs",
  "pendingTier",
];
const catalogRefKeys = ["id", "fingerprint"];

const whole = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const ms = (v: unknown): boolean => whole(v) && v <= instantMaxMs;
const msOrNull = (v: unknown): boolean => v === null || ms(v);
const id = (v: unknown): boolean => typeof v === "string" && v.length >= 1 && v.length <= idLengthMax;
const idOrNull = (v: unknown): boolean => v === null || id(v);
const amount = (v: unknown): boolean => typeof v === "string" && isCanonicalAmount(v);

function list(value: unknown, max: number, item: (v: unknown) => boolean): boolean {
  if (!Array.isArray(value) || value.length > max) return false;
  for (const element of value) if (!item(element)) return false;
  return true;
}

function triple(
  value: unknown,
  first: (v: unknown) => boolean,
  second: (v: unknown) => boolean,
  third: (v: unknown) => boolean,
): boolean {
  return Array.isArray(value) && value.length === 3 && first(value[0]) && second(value[1]) && third(value[2]);
}

const slidingRecord = (v: unknown): boolean => triple(v, whole, ms, amount);

function window(w: unknown): boolean {
  if (typeof w !== "object" || w === null) return false;
  switch ((w as Json).kind) {
    case "calendar":
      return object(w, calendarKeys) && ms(w.startMs) && ms(w.endMs) && amount(w.used) && ms(w.lastAtMs);
    case "session":
      return object(w, sessionKeys) && msOrNull(w.startMs) && amount(w.used) && ms(w.lastAtMs);
    case "sliding":
      return object(w, slidingKeys) && ms(w.lastAtMs) && list(w.records, windowRecordsMax, slidingRecord);
    // Stryker disable next-line ConditionalExpression: equivalent: without it window() gives undefined, as falsy as false
    default:
      return false;
  }
}

function windows(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const key of Object.keys(value)) {
    if (key.length > 200 || !window((value as Json)[key])) return false;
  }
  return true;
}

const lot = (v: unknown): boolean =>
  object(v, lotKeys) &&
  id(v.id) &&
  (v.kind === "purchase" || v.kind === "grant") &&
  ms(v.purchasedAtMs) &&
  ms(v.expiresAtMs) &&
  amount(v.credits) &&
  amount(v.remaining) &&
  amount(v.priceUsd);

const subscription = (v: unknown): boolean =>
  v === null ||
  (object(v, subscriptionKeys) &&
    id(v.tier) &&
    (v.status === "active" || v.status === "canceled") &&
    ms(v.anchorAtMs) &&
    whole(v.period) &&
    v.period <= subscriptionPeriodsMax &&
    ms(v.periodStartMs) &&
    ms(v.periodEndMs) &&
    idOrNull(v.pendingTier));

const draw = (v: unknown): boolean => triple(v, id, amount, ms);

const fingerprint = (v: unknown): boolean => typeof v === "string" && v.length >= 1 && v.length <= 16;

// One remembered usage's record (see RecentEventJson): fields separated by single spaces.
const printField = "[0-9a-z]{1,16}";
const msField = "(?:0|[1-9]\\d{0,14})";
const catalogIdField = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";
const amountField = "(?:0|[1-9]\\d{0,17})(?:\\.\\d{0,11}[1-9])?";
const fingerprintOnly = new RegExp(`^${printField}$`);
const usageRecord = new RegExp(
  `^${printField} ${msField} (?:-|${catalogIdField}) ${amountField} (?:-|${catalogIdField}) ${amountField} [01]` +
    `(?: ${catalogIdField} ${amountField} ${amountField} (?:-|${msField}))?$`,
);

/**
 * A remembered event's second field: a fingerprint (any event), or a usage's record. Its
 * instant is bounded by the clock (parseLedger's consistency check); a full window's
 * reset, by the supported range.
 */
export function isRecentRecordText(text: string): boolean {
  // Stryker disable next-line EqualityOperator: equivalent: a text starting with a space fails both patterns
  if (text.indexOf(" ") < 0) return fingerprintOnly.test(text);
  if (!usageRecord.test(text)) return false;
  // The last field is the reset, or "voided" (0 or 1). Only 15 digits can pass the year 9999.
  const last = text.lastIndexOf(" ") + 1;
  return text.length - last < 15 || Number(text.slice(last)) <= instantMaxMs;
}

const draws = (v: unknown): boolean =>
  Array.isArray(v) && v.length >= 1 && list(v, Number.POSITIVE_INFINITY, draw);

/** [id, fingerprint], [id, usage record] or [id, usage record, draws] (see RecentEventJson). */
function recentEvent(v: unknown): boolean {
  if (!Array.isArray(v) || !id(v[0]) || typeof v[1] !== "string" || !isRecentRecordText(v[1])) return false;
  const n = v.length;
  return n === 2 || (n === 3 && v[1].includes(" ") && draws(v[2]));
}

const catalogRef = (v: unknown): boolean =>
  object(v, catalogRefKeys) && id(v.id) && fingerprint(v.fingerprint);

/** True only for a value the zod state schema accepts unchanged: a well-formed stored ledger. */
export function isStateShape(value: unknown): boolean {
  return (
    object(value, stateKeys) &&
    value.schemaVersion === schemaVersion &&
    whole(value.version) &&
    catalogRef(value.catalog) &&
    whole(value.eventIdsRemembered) &&
    value.eventIdsRemembered >= 1 &&
    value.eventIdsRemembered <= eventIdsRememberedMax &&
    msOrNull(value.clockMs) &&
    subscription(value.subscription) &&
    windows(value.windows) &&
    list(value.lots, lotsStoredMax, lot) &&
    list(value.recentEvents, eventIdsRememberedMax, recentEvent) &&
    amount(value.arrearsCredits)
  );
}
