/**
 * The checks every reader shares: a usage event is validated by the ledger's own parser
 * and reference check (so a reader refuses exactly what `applyEvent` would refuse), and
 * model names map to the catalog's resources case-insensitively.
 */
import { type Catalog, defaultCatalog, type MeasureName, type Measures, measureNames } from "../catalog";
import type { FieldPath, LedgerError } from "../errors";
import { ledgerError } from "../errors";
import { checkReferences, createLedger, parseEvent, Work } from "../ledger";
import { idLengthMax, measureMax } from "../limits";
import { err, ok, type Result } from "../result";
import { briefly } from "../validation";
import type { LogLineResult, UsageEvent } from "./types";

/** Validates candidate usage events against one catalog. */
export interface UsageChecker {
  /** The event as the ledger reads it (at in epoch ms), or the ledger's own error. */
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
      if (event.type !== "usage")
        return err(ledgerError("invalid_input", "Expected a usage event.", ["type"]));
      const referenceError = checkReferences(work, event);
      if (referenceError !== null) return err(referenceError);
      const out: UsageEvent = {
        type: "usage",
        id: event.id,
        at: event.at,
        resource: event.resource,
        measures: event.measures,
        ...(event.serviceTier === "standard" ? {} : { serviceTier: event.serviceTier }),
        ...(event.metadata === null ? {} : { metadata: event.metadata }),
      };
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
      return work.compiled.resources.get(resource)?.pricedMeasures ?? new Set();
    },
  });
}

/** A reader that answers every line with the same error (its options were refused). */
export function refusingReader<Input>(error: LedgerError): (line: Input) => LogLineResult {
  const result: LogLineResult = { kind: "error", error };
  return () => result;
}

/**
 * Token measures fitted to what a resource prices: a cache read or write the resource has
 * no price for is billed as input (the provider prices such tokens as prompt tokens).
 */
export function fitMeasures(measures: Measures, priced: ReadonlySet<string>): Measures {
  if (!priced.has("inputTokens")) return measures;
  let input = measures.inputTokens ?? 0;
  const fitted: Partial<Record<MeasureName, number>> = {};
  for (const name of measureNames) {
    const value = measures[name];
    if (value === undefined || value === 0 || name === "inputTokens") continue;
    if (priced.has(name)) fitted[name] = value;
    else if (name === "cacheReadTokens" || name === "cacheWriteTokens") input += value;
    else fitted[name] = value;
  }
  return input === 0 ? fitted : { inputTokens: input, ...fitted };
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
