export { codingPlanCatalog, defaultCatalog, tokenPlanChinaCatalog, tokenPlanV1Catalog } from "./catalogs";
export type {
  CompiledCatalog,
  CompiledResource,
  CompiledTier,
  CompiledWindow,
  WindowShape,
} from "./compiled";
export { type CatalogPatch, defineCatalog, extendCatalog } from "./define";
export { type MeasureName, measureNames } from "./measures";
export { type Measures, priceUsage, quotaUnitsOf, usageValue } from "./pricing";
export { type CatalogData, type CatalogInput, catalogSchema } from "./schema";
export { type Catalog, compiledOf, isDefinedCatalog } from "./sealed";
