/**
 * The checks every reader shares: a usage event is validated by the ledger's own parser
 * and reference check (so a reader refuses exactly what `applyEvent` would refuse), and
 * model names map to the catalog's resources case-insensitively.
 */
import { assert } from "../assert";
import { type Catalog, type CompiledResource, defaultCatalog, type Measures } from "../catalog";
import type { FieldPath, LedgerError } from "../errors";
import { ledgerError } from "../errors";
import { checkReferences, createLedger, parseEvent, Work } from "../ledger";
import { idLengthMax, measureMax } from "../limits";
import { err, ok, type Result } from "../result";
import { briefly } from "../validation";
import type { LogLineResult, UsageEvent } from "./types";

/** Validates candidate usage events against one catalog. */
export interface UsageChecker {
  /**
   * The event with `at` in epoch ms, or the ledger's own error. A candidate already in that
   * form is returned itself: pass only values nobody else holds (freshly parsed JSON).
   */
  readonly check: (candidate: unknown) => Result<UsageEvent, LedgerError>;
  /** The catalog resource a model name stands for, or null when the catalog does not price it. */
  readonly resourceOf: (model: string) => string | null;
  /** The measures a resource prices. */
  readonly pricedMeasures: (resource: string) => ReadonlySet<string>;
}

/**
 * A checker for one catalog: built once per reader, then called per line. A value that is
 * not a catalog made by `defineCatalog` gives the ledger's error instead.
 */
export function usageChecker(catalog: Catalog = defaultCatalog): Result<UsageChecker, LedgerError> {
  const created = createLedger({ catalog });
  if (!created.ok) return err({ ...created.error, path: ["catalog", ...created.error.path.slice(1)] });
  const work = new Work(created.state);
  const byLowerCase = new Map<string, string>();
  for (const id of Object.keys(catalog.resources)) byLowerCase.set(id.toLowerCase(), id);
  return ok({
    check(candidate) {
      const parsed = parseEvent(candidate);
      if (!parsed.ok) return parsed;
      const event = parsed.value;
      // Readers build usage candidates (and pass other event types over), so this holds.
      assert(event.type === "usage", "a reader checked a candidate that is not a usage");
      const referenceError = checkReferences(work, event);
      if (referenceError !== null) return err(referenceError);
      // A valid event already in the plain form (epoch ms) is returned as it is: readers
      // pass freshly parsed JSON, and a copy per log line would cost more than the checks.
      if (typeof (candidate as { at?: unknown }).at === "number") return ok(candidate as UsageEvent);
      const out: { -readonly [K in keyof UsageEvent]: UsageEvent[K] } = {
        type: "usage",
        id: event.id,
        at: event.at,
        resource: event.resource,
        // The reader's own measures (checked above): the normalised copy lists every measure.
        measures: (candidate as UsageEvent).measures,
      };
      if (event.serviceTier !== "standard") out.serviceTier = event.serviceTier;
      if (event.metadata !== null) out.metadata = event.metadata;
      return ok(out);
    },
    resourceOf(model) {
      const lower = model.toLowerCase();
      const exact = byLowerCase.get(lower);
      if (exact !== undefined) return exact;
      // Proxies often prefix the provider ("minimax/MiniMax-M2.7").
      const slash = lower.lastIndexOf("/");
      return slash < 0 ? null : (byLowerCase.get(lower.slice(slash + 1)) ?? null);
    },
    pricedMeasures(resource) {
      // Only ever asked about a resource resourceOf returned.
      return (work.compiled.resources.get(resource) as CompiledResource).pricedMeasures;
    },
  });
}

/** A reader that answers every line with the same error (its options were refused). */
export function refusingReader<Input>(error: LedgerError): (line: Input) => LogLineResult {
  const result: LogLineResult = { kind: "error", error };
  return () => result;
}

/** The cache measures a resource may have no price for. */
const cacheMeasures = ["cacheReadTokens", "cacheWriteTokens"] as const;

/**
 * Token measures fitted to what a resource prices: a cache read or write the resource has
 * no price for is billed as input (the provider prices such tokens as prompt tokens). A
 * resource without an input price is left as it is (the ledger's check names the field).
 */
export function fitMeasures(
  measures: Readonly<Record<string, number>>,
  priced: ReadonlySet<string>,
): Measures {
  const fitted: Record<string, number> = { ...measures };
  if (!priced.has("inputTokens")) return fitted;
  for (const name of cacheMeasures) {
    const value = fitted[name];
    if (value === undefined || priced.has(name)) continue;
    fitted.inputTokens = (fitted.inputTokens ?? 0) + value;
    delete fitted[name];
  }
  return fitted;
}

/** A property of a value that may be anything (never throws, never reads the prototype chain). */
export function field(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON.parse that returns a typed error instead of throwing. */
export function parseJsonLine(line: string): Result<unknown, LedgerError> {
  try {
    return ok(JSON.parse(line) as unknown);
  } catch {
    const shown = line.length > 40 ? `${line.slice(0, 40)}…` : line;
    return err(
      ledgerError("invalid_input", `Expected a JSON value on the line, got ${JSON.stringify(shown)}.`, []),
    );
  }
}

/** A token count from a log: missing is 0; anything but a whole number 0…measureMax is an error at `path`. */
export function tokenCount(value: unknown, path: FieldPath): Result<number, LedgerError> {
  if (value === undefined || value === null) return ok(0);
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    return err(
      ledgerError(
        "invalid_input",
        `Expected a whole number of tokens (0 or more) at ${path.join(".")}, got ${briefly(value)}.`,
        path,
      ),
    );
  }
  if (value > measureMax)
    return err(
      ledgerError("limit_exceeded", `A token count is at most ${measureMax} (at ${path.join(".")}).`, path, {
        measureMax,
      }),
    );
  return ok(value);
}

/** A text field that must be present and non-empty. */
export function requiredText(value: unknown, path: FieldPath, what: string): Result<string, LedgerError> {
  if (typeof value === "string" && value.length > 0) return ok(value);
  return err(
    ledgerError(
      "invalid_input",
      `Expected ${what} at ${path.join(".")}, ${value === undefined ? "but it is missing" : `got ${briefly(value)}`}.`,
      path,
    ),
  );
}

/** An event id of at most {@link idLengthMax} characters made from a log's key. */
export function eventIdOf(key: string): string {
  return key.length <= idLengthMax ? key : key.slice(0, idLengthMax);
}
