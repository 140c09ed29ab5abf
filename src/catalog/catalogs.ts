import { assert } from "../assert";
import { defineCatalog } from "./define";
import { codingPlanData, tokenPlanV1Data } from "./legacy";
import type { CatalogData, CatalogInput } from "./schema";
import { type Catalog, sealCatalog } from "./sealed";
import { tokenPlanV2Data } from "./tokenPlanV2";

function mustDefine(input: CatalogInput): Catalog {
  const defined = defineCatalog(input);
  assert(defined.ok, "a shipped catalog is invalid");
  return defined.value;
}

/**
 * Seals shipped data written in canonical form (the form `defineCatalog` returns), with
 * no zod at load: the cast is proven by a test that `defineCatalog` maps it to itself.
 */
function shipped(canonical: CatalogInput): Catalog {
  return sealCatalog(canonical as CatalogData);
}

/**
 * The current Token Plan (v2) on the global site: Plus $20, Max $50, Ultra $120 a
 * month; one shared quota counted in list-price dollars with 5-hour blocks cut at
 * 00/05/10/15/20 UTC and a Monday week; video on a daily bucket; credits at 1,000 per
 * dollar, valid 365 days. Its `assumptions` list what the sources do not confirm.
 *
 * @example
 * defaultCatalog.tiers.plus.monthlyPriceUsd; //=> "20"
 */
export const defaultCatalog: Catalog = /* @__PURE__ */ shipped(
  /* @__PURE__ */ tokenPlanV2Data({
    id: "minimax-token-plan-v2",
    name: "MiniMax Token Plan (global site)",
    timeZone: "UTC",
  }),
);

/**
 * The current Token Plan on the China site: the same rules with windows in
 * Asia/Shanghai (UTC+8). Amounts stay in USD.
 *
 * @example
 * tokenPlanChinaCatalog.buckets.general.windows["5h"].timeZone; //=> "Asia/Shanghai"
 */
export const tokenPlanChinaCatalog: Catalog = /* @__PURE__ */ shipped(
  /* @__PURE__ */ tokenPlanV2Data({
    id: "minimax-token-plan-v2-china",
    name: "MiniMax Token Plan (China site, windows in Asia/Shanghai)",
    timeZone: "Asia/Shanghai",
  }),
);

/**
 * Token Plan v1 (2026-03-23 to 2026-05-31): text in requests, media in daily counts.
 *
 * @example
 * tokenPlanV1Catalog.buckets.general.unit; //=> "requests"
 */
export const tokenPlanV1Catalog: Catalog = /* @__PURE__ */ mustDefine(/* @__PURE__ */ tokenPlanV1Data());

/**
 * The Coding Plan (to 2026-03-22): prompts on a 5-hour window, counted as model calls.
 *
 * @example
 * codingPlanCatalog.buckets.general.unit; //=> "model-calls"
 */
export const codingPlanCatalog: Catalog = /* @__PURE__ */ mustDefine(/* @__PURE__ */ codingPlanData());
