export {
  applyTeamEvent,
  applyTeamEvents,
  type CreateTeamOptions,
  createTeam,
  settleTeam,
  type TeamApplied,
  type TeamAppliedMany,
  type TeamRefusal,
  type TeamSettled,
} from "./apply";
export {
  type MemberPeriodUsage,
  type TeamUsageByMember,
  type TeamUsageByMemberOptions,
  teamUsageByMember,
} from "./byMember";
export { type TeamEvent, type TeamEventType, teamEventFingerprint } from "./events";
export * as teamLimits from "./limits";
export type {
  PoolDraw,
  PoolLot,
  PoolStop,
  TeamEntry,
  TeamEntryType,
  TeamOutcome,
  TeamRecentEvent,
  TeamUsageReceipt,
} from "./outcomes";
export {
  type MemberUsage,
  memberUsage,
  type PoolBalance,
  type PoolBalanceOptions,
  poolBalance,
  quoteTeamUsage,
  type SeatUsage,
  seatUsage,
  type TeamUsageQuote,
} from "./queries";
export { type ParseTeamOptions, parseTeam, serializeTeam } from "./serialize";
export type { TeamMember, TeamSeat, TeamState } from "./state";
