/**
 * A catalog's sealed form: frozen data with its compiled form attached. Kept apart from
 * `defineCatalog` (and its zod schema) so that code which only *uses* catalogs, such as
 * the ledger and the shipped default catalog, never pulls the validator into a bundle.
 */
import { assert } from "../assert";
import { type CompiledCatalog, compileCatalog } from "./compiled";
import type { CatalogData } from "./schema";

/**
 * The mark of a sealed catalog, shared by every copy of token-plan in the process:
 * `Symbol.for` keys live in the runtime's global registry, so a catalog sealed by the ESM
 * build is known to the CJS build, and to another version of the package that reads the
 * same catalog format. "v1" names that format (the canonical data `defineCatalog`
 * returns): a version that changes it must bump the key, so that older copies refuse its
 * catalogs (`invalid_catalog`) rather than misread them.
 */
const sealKey = Symbol.for("token-plan.catalog/v1");

/** This copy's compiled form of a catalog it sealed itself (the fast path). */
const compiledKey = Symbol("token-plan.compiledCatalog");

/**
 * This copy's compiled forms of catalogs another copy sealed (null: the value only looked
 * sealed), made on first sight. A frozen catalog cannot take a property, hence the
 * WeakMap; it memoises a pure function of an immutable value, so nothing outside can
 * observe it, and an unreachable catalog's entry goes with it.
 */
const compiledElsewhere = new WeakMap<object, CompiledCatalog | null>();

/**
 * Readonly all the way down. Primitives come first and stay as they are: a branded string
 * such as `Usd` or `Instant` is `string & { brand }`, which is also an `object` type, and
 * mapping it would turn it into an object of string methods that is no longer a string.
 */
type DeepReadonly<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : { readonly [K in keyof T]: DeepReadonly<T[K]> };

/**
 * A validated, frozen catalog: plain JSON-safe data (tiers, buckets, windows, resources,
 * prices, credit packages, rules). Make one with {@link defineCatalog} or
 * {@link extendCatalog}; {@link defaultCatalog} is the current Token Plan. An interface
 * over the schema's output type (the schema is the type), so that the docs list its fields.
 *
 * @example
 * defaultCatalog.tiers.max.monthlyPriceUsd; //=> "50"
 */
export interface Catalog extends DeepReadonly<CatalogData> {}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Seals catalog data that is already valid and canonical (the output of the catalog
 * schema): attaches its compiled form and freezes it. Internal: `defineCatalog` calls it
 * after validating; the shipped catalogs call it directly, and a test proves
 * `defineCatalog` maps each of them to itself.
 */
export function sealCatalog(data: CatalogData): Catalog {
  // Both marks are non-enumerable: a spread or a JSON copy of a catalog carries neither.
  // Stryker disable next-line ObjectLiteral: equivalent: without its own compiled form, compiledOf compiles the sealed catalog once through the foreign path
  Object.defineProperty(data, compiledKey, { value: compileCatalog(data), enumerable: false });
  Object.defineProperty(data, sealKey, { value: true, enumerable: false });
  return deepFreeze(data) as Catalog;
}

/**
 * The compiled form of a catalog another copy of the package sealed, or null when the
 * value is not one. Such a catalog was validated by that copy and is frozen; this copy
 * compiles it once, and a value whose compilation breaks (a forged mark) is refused, not
 * a crash.
 */
function compiledForeign(value: object): CompiledCatalog | null {
  if (!Object.hasOwn(value, sealKey) || !Object.isFrozen(value)) return null;
  let compiled = compiledElsewhere.get(value);
  if (compiled === undefined) {
    try {
      compiled = compileCatalog(value as CatalogData);
    } catch {
      compiled = null;
    }
    compiledElsewhere.set(value, compiled);
  }
  return compiled;
}

/** The compiled form of a sealed catalog (the ledger only ever holds sealed ones). */
export function compiledOf(catalog: Catalog): CompiledCatalog {
  const compiled =
    (catalog as unknown as Record<symbol, CompiledCatalog | undefined>)[compiledKey] ??
    compiledForeign(catalog);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: invariant: the ledger holds only catalogs that isDefinedCatalog accepted
  assert(compiled !== undefined && compiled !== null, "a catalog reached the ledger without defineCatalog");
  return compiled;
}

/**
 * True when the value is a catalog made by {@link defineCatalog} (already validated), by
 * this copy of the package or by another one (the ESM and CJS builds, or two versions).
 */
export function isDefinedCatalog(value: unknown): value is Catalog {
  if (typeof value !== "object" || value === null) return false;
  return compiledKey in value || compiledForeign(value) !== null;
}
