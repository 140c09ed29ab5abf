export {
  type LedgerFromRemains,
  type LedgerFromRemainsOptions,
  ledgerFromRemains,
  type RemainsApproximation,
} from "./fromRemains";
export type { RemainsMapping } from "./mapping";
export { type ParseRemainsOptions, parseRemains } from "./parse";
export {
  type ReconcileOptions,
  type RemainsCoverageDifference,
  type RemainsDifference,
  type RemainsDifferenceBase,
  type RemainsLimitDifference,
  type RemainsReconciliation,
  type RemainsResetDifference,
  type RemainsSkip,
  type RemainsUsedDifference,
  reconcile,
} from "./reconcile";
export {
  type RemainsReport,
  type RemainsReportOptions,
  type RemainsReportRow,
  remainsReport,
} from "./render";
export type {
  RemainsBucket,
  RemainsEndpoint,
  RemainsNote,
  RemainsSnapshot,
  RemainsWindow,
  RemainsWindowKind,
  RemainsWindowStatus,
} from "./snapshot";
export { parseUsageLimitError, type UsageLimitErrorOptions, type UsageLimitNotice } from "./usageLimit";
