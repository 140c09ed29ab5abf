/**
 * The bridge from zod to token-plan's errors: every zod issue becomes a
 * {@link LedgerError} with the issue's path and a message a person can act on.
 */
import { z } from "zod";
import {
  type FieldPath,
  type LedgerError,
  type LedgerErrorCode,
  ledgerError,
  ledgerErrorCodes,
} from "./errors";
import { err, ok, type Result } from "./result";

/** Turns the first zod issue (zod orders them by field) into a LedgerError. */
export function fromZodError(
  error: z.ZodError,
  fallback: LedgerErrorCode,
  prefix: FieldPath = [],
): LedgerError {
  const issue = pickIssue(error.issues);
  const path = [...prefix, ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))];
  const params = (issue as { params?: Record<string, unknown> }).params;
  const code = isLedgerCode(params?.ledgerCode) ? params.ledgerCode : fallback;
  const where = path.length > 0 ? ` at ${path.join(".")}` : "";
  return ledgerError(code, `${issue.message}${where}.`, path, { zodCode: issue.code });
}

/** The most specific issue: a custom (domain) issue first, else the first one. */
function pickIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  const custom = issues.find((issue) => issue.code === "custom");
  const first = custom ?? issues[0];
  if (first === undefined) throw new Error("[token-plan] invariant broken: zod reported no issue");
  return first;
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
 * A zod refinement step that runs a token-plan parser and reports its error as a zod
 * issue carrying the LedgerError code, so `fromZodError` can restore it.
 */
export function refineWith<I, O>(
  parse: (input: I) => Result<O, LedgerError>,
): (input: I, ctx: z.core.$RefinementCtx<I>) => O {
  return (input, ctx) => {
    const parsed = parse(input);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({
      code: "custom",
      message: parsed.error.message,
      params: { ledgerCode: parsed.error.code },
    });
    return z.NEVER;
  };
}
