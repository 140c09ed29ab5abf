/**
 * A catalog's sealed form: frozen data with its compiled form attached. Kept apart from
 * `defineCatalog` (and its zod schema) so that code which only *uses* catalogs, such as
 * the ledger and the shipped default catalog, never pulls the validator into a bundle.
 */
import { assert } from "../assert";
import { type CompiledCatalog, compileCatalog } from "./compiled";
import type { CatalogData } from "./schema";

const compiledKey = Symbol("token-plan.compiledCatalog");

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * A validated, frozen catalog: plain JSON-safe data (tiers, buckets, windows, resources,
 * prices, credit packages, rules). Make one with {@link defineCatalog} or
 * {@link extendCatalog}; {@link defaultCatalog} is the current Token Plan.
 *
 * @example
 * defaultCatalog.tiers.max.monthlyPriceUsd; //=> "50"
 */
export type Catalog = DeepReadonly<CatalogData>;

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
  Object.defineProperty(data, compiledKey, { value: compileCatalog(data), enumerable: false });
  return deepFreeze(data) as Catalog;
}

/** The compiled form of a sealed catalog (the ledger only ever holds sealed ones). */
export function compiledOf(catalog: Catalog): CompiledCatalog {
  const compiled = (catalog as unknown as Record<symbol, CompiledCatalog | undefined>)[compiledKey];
  assert(compiled !== undefined, "a catalog reached the ledger without defineCatalog");
  return compiled;
}

/** True when the value is a catalog made by {@link defineCatalog} (already validated). */
export function isDefinedCatalog(value: unknown): value is Catalog {
  return typeof value === "object" && value !== null && compiledKey in value;
}
