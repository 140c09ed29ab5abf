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
export { divideRounded, type RoundingMode, type RoundingRule, roundingModes } from "./rounding";
