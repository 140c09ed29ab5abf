export { type Availability, type TimeUntilAvailableOptions, timeUntilAvailable } from "./available";
export { type CreditBalance, type CreditBalanceOptions, creditBalance } from "./credits";
export { type QuotaStatus, quotaStatus } from "./quota";
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
