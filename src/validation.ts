/**
 * The bridge from zod to token-plan's errors: every zod issue becomes a
 * {@link LedgerError} with the issue's path and a message a person can act on.
 */

import { z } from "zod";
import { assert } from "./assert";
import {
  errorPrecedence,
  type FieldPath,
  type LedgerError,
  type LedgerErrorCode,
  ledgerError,
  ledgerErrorCodes,
} from "./errors";
import { err, ok, type Result } from "./result";

/** The LedgerError code a zod issue stands for. */
function codeOf(issue: z.core.$ZodIssue, fallback: LedgerErrorCode): LedgerErrorCode {
  const params = (issue as { params?: Record<string, unknown> }).params;
  return isLedgerCode(params?.ledgerCode) ? params.ledgerCode : fallback;
}

/**
 * Turns zod's issues into one LedgerError: the issue whose code comes first in
 * precedence order (the first failing check wins), then the first reported.
 * An unknown key's path ends with the key itself.
 */
export function fromZodError(
  error: z.ZodError,
  fallback: LedgerErrorCode,
  prefix: FieldPath = [],
): LedgerError {
  let issue = error.issues[0];
  assert(issue !== undefined, "zod reported no issue");
  let best = errorPrecedence(codeOf(issue, fallback));
  for (const candidate of error.issues) {
    const rank = errorPrecedence(codeOf(candidate, fallback));
    if (rank < best) {
      issue = candidate;
      best = rank;
    }
  }
  const code = codeOf(issue, fallback);
  const keyPath = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
  const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const path = [...prefix, ...keyPath, ...(unknownKey === undefined ? [] : [unknownKey])];
  const message =
    unknownKey === undefined
      ? issue.message.replace(/[.\s]+$/, "")
      : `Unknown field "${unknownKey}"; remove it or check its spelling`;
  const where = path.length > 0 ? ` at ${path.join(".")}` : "";
  return ledgerError(code, `${message}${where}.`, path, { zodCode: issue.code });
}

function isLedgerCode(value: unknown): value is LedgerErrorCode {
  return typeof value === "string" && (ledgerErrorCodes as readonly string[]).includes(value);
}

/** Parses with a zod schema, mapping failure to a LedgerError with `fallback` as its code. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  fallback: LedgerErrorCode,
  prefix: FieldPath = [],
): Result<z.output<S>, LedgerError> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(fromZodError(parsed.error, fallback, prefix));
}

/**
 * A zod transform step that runs a token-plan parser and reports its error as a zod
 * issue at the error's own path, carrying its LedgerError code so `fromZodError` can
 * restore it. A generic `invalid_input` takes the schema's own fallback code instead
 * (so a bad field inside a catalog is `invalid_catalog`).
 */
export function refineWith<I, O>(
  parse: (input: I) => Result<O, LedgerError>,
): (input: I, ctx: z.core.$RefinementCtx<I>) => O {
  return (input, ctx) => {
    const parsed = parse(input);
    if (parsed.ok) return parsed.value;
    const { code, message, path } = parsed.error;
    ctx.addIssue({
      code: "custom",
      message,
      path: [...path],
      ...(code === "invalid_input" ? {} : { params: { ledgerCode: code } }),
    });
    return z.NEVER;
  };
}

/** A custom zod issue's params for a LedgerError code. */
export function withCode(code: LedgerErrorCode): {
  readonly params: { readonly ledgerCode: LedgerErrorCode };
} {
  return { params: { ledgerCode: code } };
}
