import { type LedgerError, ledgerError } from "../errors";
import { guard } from "../guard";
import { err, ok, type Result } from "../result";
import { parseWith, protoKeyError, protoKeyPath } from "../validation";
import { type CatalogInput, catalogSchema } from "./schema";
import { type Catalog, sealCatalog } from "./sealed";

/**
 * Validates a catalog and freezes it. Bad input gets an `invalid_catalog` error (or a
 * more precise code such as `invalid_time_zone`) with the path of the bad field.
 *
 * @example
 * const r = defineCatalog({ ...defaultCatalog, id: "my-plan" });
 * r.ok; //=> true
 */
export function defineCatalog(input: CatalogInput | Catalog): Result<Catalog, LedgerError> {
  return guard(() => {
    const proto = protoKeyPath(input);
    if (proto !== null) return err(protoKeyError("invalid_catalog", proto));
    const parsed = parseWith(catalogSchema, input, "invalid_catalog");
    if (!parsed.ok) return parsed;
    return ok(sealCatalog(parsed.value));
  });
}

/**
 * A deep partial: what {@link extendCatalog} takes. Arrays are replaced whole.
 *
 * @example
 * const patch: CatalogPatch = { tiers: { ultra: { limits: { general: { "5h": "100" } } } } };
 */
export type CatalogPatch = { readonly [key: string]: unknown };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The keys that say which variant a window (`kind`) or a validity rule (`rule`) is, with
 * their variants: a patch that switches one replaces the object whole. Only these: a
 * resource's `kind` (text, image, ...) is an ordinary field, and a tier named "kind" is a tier.
 */
const variants: Readonly<Record<string, readonly string[]>> = {
  kind: ["calendar", "sliding", "session"],
  rule: ["elapsed-days", "calendar-days", "anniversary"],
};

function switchesVariant(base: Record<string, unknown>, patch: Record<string, unknown>): boolean {
  return Object.entries(variants).some(
    ([key, names]) =>
      Object.hasOwn(patch, key) &&
      patch[key] !== base[key] &&
      typeof base[key] === "string" &&
      names.includes(base[key]),
  );
}

function merge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  if (switchesVariant(base, patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    // Defined, not assigned: a "__proto__" key (from JSON) stays a key the schema then refuses,
    // instead of becoming the merged object's prototype.
    Object.defineProperty(out, key, {
      value: Object.hasOwn(base, key) ? merge(base[key], value) : value,
      enumerable: true,
      // Stryker disable next-line BooleanLiteral: equivalent: the merged object is only read (the schema builds a new one)
      writable: true,
      // Stryker disable next-line BooleanLiteral: equivalent: the merged object is only read (the schema builds a new one)
      configurable: true,
    });
  }
  return out;
}

/**
 * A catalog changed in a few places, in one call: objects merge deeply, arrays and
 * values are replaced, and an object whose `kind` (window) or `rule` (validity) the
 * patch changes is replaced whole. The result is validated like any catalog, and a
 * result that differs from `base` must have its own `id` (an id names one content:
 * `parseLedger` matches stored ledgers to catalogs by it).
 *
 * @example
 * const roomier = extendCatalog(defaultCatalog, {
 *   id: "token-plan-v2-roomy-ultra",
 *   tiers: { ultra: { limits: { general: { "5h": "100" } } } },
 * });
 * roomier.ok && roomier.value.tiers.ultra.limits.general["5h"].units; //=> "100"
 */
export function extendCatalog(base: Catalog, patch: CatalogPatch): Result<Catalog, LedgerError> {
  return guard(() => {
    if (!isPlainObject(patch)) {
      return err(ledgerError("invalid_catalog", "Expected a catalog patch object.", []));
    }
    const defined = defineCatalog(merge(base, patch) as CatalogInput);
    if (
      defined.ok &&
      defined.value.id === base.id &&
      JSON.stringify(defined.value) !== JSON.stringify(base)
    ) {
      return err(
        ledgerError(
          "invalid_catalog",
          `A changed catalog needs an id of its own: add id to the patch ("${base.id}" names the base's content, and stored ledgers are matched to catalogs by id and content).`,
          ["id"],
        ),
      );
    }
    return defined;
  });
}
