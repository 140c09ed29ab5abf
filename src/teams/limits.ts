/**
 * The teams layer's bounds, in one place (the core's are in `src/limits.ts`). Units last.
 */

/**
 * Seats one team may hold.
 *
 * @example
 * teamLimits.seatsPerTeamMax; //=> 1000
 */
export const seatsPerTeamMax = 1000;

/**
 * Members one team may hold records for (seat holders, members with credits settings, and
 * members with arrears or pool draws this month).
 *
 * @example
 * teamLimits.membersPerTeamMax; //=> 5000
 */
export const membersPerTeamMax = 5000;

/**
 * Team event ids remembered for idempotency by default (each usage keeps its first receipt).
 *
 * @example
 * teamLimits.teamEventIdsRememberedDefault; //=> 128
 */
export const teamEventIdsRememberedDefault = 128;

/**
 * The most team event ids a team may remember.
 *
 * @example
 * teamLimits.teamEventIdsRememberedMax; //=> 4096
 */
export const teamEventIdsRememberedMax = 4096;

/**
 * Event ids each seat's own ledger remembers: the team answers retries, so the seat keeps
 * only the last one.
 *
 * @example
 * teamLimits.seatEventIdsRemembered; //=> 1
 */
export const seatEventIdsRemembered = 1;
