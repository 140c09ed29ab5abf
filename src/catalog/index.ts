export { codingPlanCatalog, defaultCatalog, tokenPlanChinaCatalog, tokenPlanV1Catalog } from "./catalogs";
export type {
  CompiledCatalog,
  CompiledResource,
  CompiledTier,
  CompiledWindow,
  WindowShape,
} from "./compiled";
export {
  type Catalog,
  type CatalogPatch,
  compiledOf,
  defineCatalog,
  extendCatalog,
  isDefinedCatalog,
} from "./define";
export { type Measures, priceUsage, quotaUnitsOf } from "./pricing";
export { type CatalogData, type CatalogInput, catalogSchema, type MeasureName, measureNames } from "./schema";
