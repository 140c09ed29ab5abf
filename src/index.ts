/**
 * token-plan: exact, explainable billing rules for token-plan AI subscriptions.
 * Quota windows first, then prepaid credit lots (soonest expiry first), then arrears.
 * Pure functions over plain JSON-safe state; errors are values.
 */
export {
  type Catalog,
  type CatalogInput,
  type CatalogPatch,
  codingPlanCatalog,
  defaultCatalog,
  defineCatalog,
  extendCatalog,
  type MeasureName,
  type Measures,
  measureNames,
  tokenPlanChinaCatalog,
  tokenPlanV1Catalog,
} from "./catalog";
export { type FieldPath, type LedgerError, type LedgerErrorCode, ledgerErrorCodes } from "./errors";
export {
  type Applied,
  type AppliedMany,
  type ApplyEventsOptions,
  applyEvent,
  applyEvents,
  type CreateLedgerOptions,
  createLedger,
  type DrawJson,
  eventFingerprint,
  type HitJson,
  type LedgerEntry,
  type LedgerEntryType,
  type LedgerEvent,
  type LedgerEventType,
  type LedgerOutcome,
  type LedgerState,
  type ParseLedgerOptions,
  parseLedger,
  type QuotaLimitNotice,
  type RecentEventJson,
  type Refusal,
  type Settled,
  serializeLedger,
  settle,
  type UsageInput,
  type UsageReceipt,
} from "./ledger";
export * as limits from "./limits";
export {
  type Credits,
  credits,
  parseCredits,
  parseQuotaUnits,
  parseUsd,
  type QuotaUnits,
  quotaUnits,
  type RoundingMode,
  type RoundingRule,
  type Usd,
  usd,
} from "./money";
export {
  type Availability,
  type CreditBalance,
  type CreditBalanceOptions,
  creditBalance,
  type QuotaStatus,
  quotaStatus,
  quoteUsage,
  type TimeUntilAvailableOptions,
  timeUntilAvailable,
  type UsageQuote,
} from "./queries";
export type { Result } from "./result";
export { type Instant, parseInstant } from "./time";
