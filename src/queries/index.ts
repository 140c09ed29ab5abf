export { type Availability, type TimeUntilAvailableOptions, timeUntilAvailable } from "./available";
export {
  type CreditBalance,
  type CreditBalanceOptions,
  creditBalance,
  type ExpiringCredits,
  type LiveLot,
} from "./credits";
export {
  type BucketStatus,
  type CapacityStep,
  type QuotaStatus,
  quotaStatus,
  type WindowStatus,
} from "./quota";
export { quoteUsage, type UsageQuote } from "./quote";
export {
  type ResourceCredits,
  type Statement,
  type StatementArrears,
  type StatementCredits,
  type StatementOptions,
  type StatementSubscription,
  type SubscriptionCharge,
  statement,
  statementEntryTypes,
  type WindowUse,
} from "./statement";
