/**
 * The store's bounds, in one place (the core's are in `src/limits.ts`). Units last.
 */

/**
 * Attempts `withLedger` makes by default before it gives up with `retries_exhausted`
 * (each attempt after the first follows a lost compare-and-swap race).
 *
 * @example
 * storeLimits.attemptsDefault; //=> 10
 */
export const attemptsDefault = 10;

/**
 * The first pause after a lost race, before jitter (it doubles with each further loss).
 *
 * @example
 * storeLimits.retryDelayBaseMs; //=> 2
 */
export const retryDelayBaseMs = 2;

/**
 * The longest pause between two attempts, before jitter.
 *
 * @example
 * storeLimits.retryDelayCapMs; //=> 100
 */
export const retryDelayCapMs = 100;

/**
 * The most attempts `withLedger` may be configured to make.
 *
 * @example
 * storeLimits.attemptsMax; //=> 1000
 */
export const attemptsMax = 1000;

/**
 * Characters in an account id (the ledgers table's primary key).
 *
 * @example
 * storeLimits.accountIdLengthMax; //=> 256
 */
export const accountIdLengthMax = 256;

/**
 * Events one `withLedger` decision may return.
 *
 * @example
 * storeLimits.eventsPerDecisionMax; //=> 1000
 */
export const eventsPerDecisionMax = 1000;

/**
 * Event ids a ledger remembers by default when the store holds idempotency: the journal
 * answers duplicates at any age, so the row keeps only what voids of recent usages need.
 *
 * @example
 * storeLimits.storeEventIdsRememberedDefault; //=> 16
 */
export const storeEventIdsRememberedDefault = 16;

/**
 * Journal rows one `store.journal` call returns at most (page with `afterVersion`).
 *
 * @example
 * storeLimits.journalPageMax; //=> 10000
 */
export const journalPageMax = 10_000;
