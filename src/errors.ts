/**
 * Every way token-plan refuses input, in one closed union listed in precedence
 * order: when several checks fail, the first in this list wins (TigerBeetle style).
 *
 * @example
 * ledgerErrorCodes.indexOf("conflict") < ledgerErrorCodes.indexOf("event_before_clock"); //=> true
 */
export const ledgerErrorCodes = [
  // What the input is: its shape, then the values in it.
  "unsupported_schema_version",
  "invalid_catalog",
  "invalid_state",
  // A provider's own refusal sent as data (an auth failure in a usage payload, HTTP 200):
  // it explains everything else wrong with the payload, so it wins over its shape.
  "provider_error",
  "invalid_input",
  // An event's own fields, each with its code (the path names the field).
  "unknown_event_type",
  "invalid_id",
  "invalid_measure",
  "package_or_credits",
  "invalid_amount",
  "amount_scale_exceeded",
  "invalid_instant",
  "invalid_duration",
  "invalid_time_zone",
  // What it refers to.
  "unknown_tier",
  "unknown_resource",
  "unknown_service_tier",
  "unpriced_measure",
  "unknown_bucket",
  "unknown_package",
  // Idempotency, then time.
  "conflict",
  "events_out_of_order",
  "event_before_clock",
  // The rules.
  "invalid_purchase_amount",
  "invalid_grant_amount",
  "subscription_exists",
  "no_subscription",
  "already_cancelled",
  "usage_not_found",
  "not_a_usage",
  "usage_already_voided",
  // The bounds.
  "limit_exceeded",
  // The store (token-plan/postgres), checked last: after every rule, the save itself.
  "version_conflict",
  "retries_exhausted",
  "store_unavailable",
] as const;

/**
 * The code of a {@link LedgerError}, from the closed list {@link ledgerErrorCodes}.
 *
 * @example
 * const code: LedgerErrorCode = "event_before_clock";
 */
export type LedgerErrorCode = (typeof ledgerErrorCodes)[number];

/** A path to the offending field, as zod reports it. @example ["measures", "inputTokens"] */
export type FieldPath = readonly (string | number)[];

/**
 * A refusal: a `code` to branch on, a `message` a person can act on, the `path` of the
 * offending field and the code's parameters.
 *
 * @example
 * const r = applyEvent(state, { type: "usage", id: "u1", at: "2026-01-01T00:00:00Z", resource: "nope", measures: {} });
 * if (!r.ok) console.log(r.error.code, r.error.path); //=> "unknown_resource" ["resource"]
 */
export interface LedgerError {
  readonly code: LedgerErrorCode;
  readonly message: string;
  readonly path: FieldPath;
  readonly params: Readonly<Record<string, string | number | boolean | null>>;
}

/** Characters of a refused value a message quotes; the rest is cut, with "…". */
const quotedLengthMax = 60;

/**
 * A refused string as a message quotes it: in JSON quotes, cut after 60 characters with
 * "…", so a message stays readable however long the input was.
 *
 * @example
 * quoteText("2026-06-04"); //=> "\"2026-06-04\""
 * quoteText("9".repeat(1e7)).length; //=> 63 (60 nines, then "…", in quotes)
 */
export function quoteText(text: string): string {
  return JSON.stringify(cutText(text));
}

/** A string cut after 60 characters, with "…" (for a message or a parameter). */
export function cutText(text: string): string {
  return text.length > quotedLengthMax ? `${text.slice(0, quotedLengthMax)}…` : text;
}

/**
 * The refusal of an input whose reading threw (a getter or a Proxy): `invalid_input`,
 * naming what was thrown. Never throws itself, whatever was thrown.
 */
export function thrownInputError(thrown: unknown): LedgerError {
  let name: string = typeof thrown;
  // Stryker disable next-line StringLiteral: equivalent: every path below sets detail
  let detail = "";
  try {
    if (thrown instanceof Error) {
      name = thrown.name;
      detail = thrown.message;
    } else {
      detail = String(thrown);
    }
  } catch {
    detail = "unreadable";
  }
  return ledgerError(
    "invalid_input",
    `Reading the input threw ${cutText(String(name))} (${cutText(String(detail))}); pass plain data, without getters or Proxies that throw.`,
    [],
    { thrown: cutText(String(name)) },
  );
}

/** Keys in a {@link FieldPath} a caller may pass, and characters in one key. */
const pathKeysMax = 64;
const pathKeyLengthMax = 256;

/**
 * Why a caller's `path` argument is not a {@link FieldPath} (an array of at most 64 keys,
 * each a string of at most 256 characters or a whole index), or null when it is one. A
 * function that echoes a path in its errors checks it first, so it never hands back
 * something it did not check. Hand-written: the scalar parsers must not pull in zod.
 */
export function fieldPathError(path: unknown): LedgerError | null {
  let good: boolean;
  try {
    good =
      Array.isArray(path) &&
      path.length <= pathKeysMax &&
      path.every(
        (key) =>
          (typeof key === "string" && key.length <= pathKeyLengthMax) ||
          (Number.isSafeInteger(key) && (key as number) >= 0),
      );
  } catch (thrown) {
    return thrownInputError(thrown); // a Proxy standing in for the path
  }
  return good
    ? null
    : ledgerError(
        "invalid_input",
        `Expected path as an array of at most ${pathKeysMax} keys (strings of at most ${pathKeyLengthMax} characters, or whole indexes), such as ["events", 3, "at"].`,
        [],
      );
}

/** Builds a {@link LedgerError}. @example ledgerError("unknown_tier", "No tier \"mega\"", ["tier"]) */
export function ledgerError(
  code: LedgerErrorCode,
  message: string,
  path: FieldPath = [],
  params: LedgerError["params"] = {},
): LedgerError {
  return { code, message, path, params };
}

/** Prefixes an error's path, for errors raised inside a nested value. */
export function withPathPrefix(error: LedgerError, prefix: FieldPath): LedgerError {
  return { ...error, path: [...prefix, ...error.path] };
}

/** Orders two errors by the precedence of their codes: the earlier code wins. */
export function errorPrecedence(code: LedgerErrorCode): number {
  return ledgerErrorCodes.indexOf(code);
}
