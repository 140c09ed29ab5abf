export {
  type Applied,
  type AppliedMany,
  type ApplyEventsOptions,
  applyEvent,
  applyEvents,
  type CreateLedgerOptions,
  createLedger,
  type Refusal,
  type Settled,
  settle,
  workAt,
} from "./apply";
export { checkReferences, currentTier, decideUsage, type QuotaLimitHit, windowPairs } from "./decide";
export {
  eventFingerprint,
  type LedgerEvent,
  type LedgerEventType,
  ledgerEventSchema,
  parseEvent,
  type UsageInput,
} from "./events";
export { type Formatted, formatOut, type LedgerEntry, type LedgerEntryType } from "./facts";
export {
  formatOutcome,
  type LedgerOutcome,
  limitNotice,
  type QuotaLimitNotice,
  type UsageReceipt,
  usageReceipt,
} from "./outcomes";
export type { DrawJson, HitJson, RecentEventJson } from "./recent";
export { type ParseLedgerOptions, parseLedger, serializeLedger } from "./serialize";
export {
  type LedgerState,
  type LotJson,
  type SubscriptionJson,
  schemaVersion,
  stateError,
  type WindowJson,
  Work,
} from "./state";
