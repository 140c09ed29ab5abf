/**
 * The bridge from zod to token-plan's errors: every zod issue becomes a
 * {@link LedgerError} with the issue's path and a message a person can act on.
 *
 * The schemas use `zod/mini`, which is tree-shakable (an app ships only the validators
 * it uses) and loads no locale. Where a schema names no message of its own, the
 * message comes from `describeIssue`, passed to each parse (never set globally).
 */

import * as z from "zod/mini";
import { assert } from "./assert";
import {
  cutText,
  errorPrecedence,
  type FieldPath,
  type LedgerError,
  type LedgerErrorCode,
  ledgerError,
  ledgerErrorCodes,
} from "./errors";
import { err, ok, type Result } from "./result";

/**
 * The code of an issue whose schema names none: one code, or a function of the issue
 * (events give each field its own code).
 */
export type FallbackCode = LedgerErrorCode | ((issue: z.core.$ZodIssue) => LedgerErrorCode);

/** The LedgerError code a zod issue stands for. */
function codeOf(issue: z.core.$ZodIssue, fallback: FallbackCode): LedgerErrorCode {
  const params = (issue as { params?: Record<string, unknown> }).params;
  if (isLedgerCode(params?.ledgerCode)) return params.ledgerCode;
  return typeof fallback === "function" ? fallback(issue) : fallback;
}

/**
 * Turns zod's issues into one LedgerError: the issue whose code comes first in
 * precedence order (the first failing check wins), then the first reported.
 * An unknown key's path ends with the key itself.
 */
export function fromZodError(
  error: z.core.$ZodError,
  fallback: FallbackCode,
  prefix: FieldPath = [],
): LedgerError {
  let issue = error.issues[0];
  // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: a failed zod parse has at least one issue
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
  // zod names an unknown symbol key as the symbol itself: a path holds its text (JSON-safe).
  const rawKey: unknown = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const unknownKey = typeof rawKey === "symbol" ? String(rawKey) : (rawKey as string | undefined);
  const path = [...prefix, ...keyPath, ...(unknownKey === undefined ? [] : [unknownKey])];
  const message =
    unknownKey === undefined
      ? issue.message.replace(/[.\s]+$/, "")
      : `Unknown field "${cutText(unknownKey)}"; remove it or check its spelling`;
  // The path names the field exactly; the message quotes each key cut to a readable length.
  const where = path.length > 0 ? ` at ${path.map((key) => cutText(String(key))).join(".")}` : "";
  return ledgerError(code, `${message}${where}.`, path, { zodCode: issue.code });
}

/**
 * A value for a message: short strings, numbers, booleans and null as themselves,
 * anything else by its kind ("an array", "a long string", "a bigint"). Never throws.
 */
export function briefly(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null || typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value.length <= 40 ? JSON.stringify(value) : "a long string";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** What came instead, in a message. */
const shown = (value: unknown): string =>
  value === undefined ? "but it is missing" : `got ${briefly(value)}`;

const expectedNames: Readonly<Record<string, string>> = {
  int: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
  record: "an object",
  tuple: "an array",
  nonoptional: "a value",
};

const oneOf = (values: readonly unknown[]): string =>
  values.length === 1
    ? JSON.stringify(values[0])
    : `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;

/** A message for an issue whose schema names none: what was expected, and what came. */
function describeIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `Expected ${expectedNames[issue.expected] ?? issue.expected}, ${shown(issue.input)}`;
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      const count = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const size = (noun: string, length: number) =>
        `Expected ${bound} ${noun}${count === 1 ? "" : "s"}, got ${length}`;
      if (issue.origin === "string") return size("character", String(issue.input).length);
      if (issue.origin === "array") return size("item", (issue.input as unknown[]).length);
      return `Expected a number ${bound}, ${shown(issue.input)}`;
    }
    case "invalid_value":
      return `Expected ${oneOf(issue.values)}, ${shown(issue.input)}`;
    case "invalid_union":
      return "discriminator" in issue && Array.isArray(issue.options)
        ? `Expected ${String(issue.discriminator)} to be ${oneOf(issue.options)}`
        : "Expected one of the allowed forms";
    case "invalid_key":
      return issue.issues[0]?.message ?? "Invalid key";
    default:
      return "Invalid value";
  }
}

/** Parse options that supply a message wherever a schema names none (for every parse). */
export const parseParams = Object.freeze({ error: describeIssue });

function isLedgerCode(value: unknown): value is LedgerErrorCode {
  return typeof value === "string" && (ledgerErrorCodes as readonly string[]).includes(value);
}

/** Parses with a zod schema, mapping failure to a LedgerError with `fallback` as its code. */
export function parseWith<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  fallback: FallbackCode,
  prefix: FieldPath = [],
): Result<z.output<S>, LedgerError> {
  const parsed = schema.safeParse(input, parseParams);
  return parsed.success ? ok(parsed.data) : err(fromZodError(parsed.error, fallback, prefix));
}

/**
 * A zod transform step that runs a token-plan parser and reports its error as a zod
 * issue at the error's own path, carrying its LedgerError code so `fromZodError` can
 * restore it. A generic `invalid_input` takes the schema's own fallback code instead
 * (so a bad field inside a catalog is `invalid_catalog`).
 */
export function refineWith<I, O>(parse: (input: I) => Result<O, LedgerError>) {
  return z.transform<I, O>((input, payload) => {
    const parsed = parse(input);
    if (parsed.ok) return parsed.value;
    const { code, message, path } = parsed.error;
    payload.issues.push({
      code: "custom",
      message,
      input,
      path: [...path],
      ...(code === "invalid_input" ? {} : { params: { ledgerCode: code } }),
    });
    return z.NEVER;
  });
}

/** A custom zod issue's params for a LedgerError code. */
export function withCode(code: LedgerErrorCode): {
  readonly params: { readonly ledgerCode: LedgerErrorCode };
} {
  return { params: { ledgerCode: code } };
}

/**
 * The path of the first own `"__proto__"` key in plain data (as `JSON.parse` makes one), or
 * null. zod's records skip such a key (it cannot be assigned as data), so without this check
 * a tier or bucket named "__proto__" would vanish silently instead of being refused.
 * Depth-bounded and cycle-safe; looks only into own data properties (a getter is never
 * called here, so a value is still read once, by the schema).
 */
export function protoKeyPath(value: unknown, depthMax = 16): FieldPath | null {
  const seen = new Set<object>();
  const walk = (node: unknown, path: (string | number)[]): FieldPath | null => {
    if (typeof node !== "object" || node === null || seen.has(node) || path.length > depthMax) return null;
    seen.add(node);
    if (!Array.isArray(node) && Object.hasOwn(node, "__proto__")) return [...path, "__proto__"];
    for (const key of Object.keys(node)) {
      const child = Object.getOwnPropertyDescriptor(node, key)?.value;
      const found = walk(child, [...path, Array.isArray(node) ? Number(key) : key]);
      if (found !== null) return found;
    }
    return null;
  };
  return walk(value, []);
}

/** The refusal of a `"__proto__"` key found by {@link protoKeyPath}. */
export function protoKeyError(code: LedgerErrorCode, path: FieldPath): LedgerError {
  return ledgerError(
    code,
    `A key "__proto__" is not an id (ids start with a letter or a digit) at ${path.join(".")}.`,
    path,
  );
}
