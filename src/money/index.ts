export {
  type AmountKind,
  type AmountOf,
  atomsPerUnit,
  type Credits,
  credits,
  formatAmount,
  isCanonicalAmount,
  type ParseAmountOptions,
  parseAmount,
  parseCredits,
  parseQuotaUnits,
  parseTrustedAmount,
  parseUsd,
  type QuotaUnits,
  quotaUnits,
  type Scaled,
  scaled,
  type Usd,
  usd,
} from "./amount";
export { calc } from "./calculator";
export { Dec } from "./decimal";
export { type DisplayOptions, formatDecimal, formatUsd, type UsdDisplayOptions } from "./display";
export {
  addAmounts,
  type CreditsToUsdOptions,
  compareAmounts,
  creditsToUsd,
  isZeroAmount,
  maxAmount,
  minAmount,
  subtractAmounts,
  sumAmounts,
  usdToCredits,
} from "./exact";
export { divideRounded, type RoundingMode, type RoundingRule, roundingModes } from "./rounding";
