/**
 * Every bound the library keeps, in one place (TigerBeetle style: put a limit on
 * everything). Exceeding one is a typed `limit_exceeded` error, never a crash.
 * Units come last in each name.
 */

/** Decimal places every amount (USD, credits, quota units) carries internally. */
export const amountScaleDigits = 12;

/** Largest amount accepted anywhere, in whole units (USD, credits or quota units). */
export const amountMaxUnits = 10n ** 18n;

/** Event ids a ledger remembers for idempotency by default (the most recent ones). */
export const eventIdsRememberedDefault = 256;

/** The most event ids a ledger may be configured to remember. */
export const eventIdsRememberedMax = 4096;

/** Characters in an event id, a lot id or a metadata value. */
export const idLengthMax = 128;

/** Characters in a free-text field (a tier's description, a grant's reason). */
export const textLengthMax = 500;

/** Credit lots with credits left one ledger may hold at once (emptied lots wait for their expiry). */
export const lotsCountMax = 1024;

/** Records one sliding window may hold (its duration divided by its resolution, plus one). */
export const windowRecordsMax = 20_000;

/** Tiers, resources, buckets, packages and windows a catalog may declare (each). */
export const catalogEntriesMax = 256;

/** Cut times one calendar window may declare per period. */
export const cutsCountMax = 48;

/** Boost periods one window may declare. */
export const boostsPerWindowMax = 64;

/** Events one `applyEvents` call accepts. */
export const eventsPerCallMax = 10_000_000;

/** Entries of metadata one usage event may carry. */
export const metadataEntriesMax = 32;

/** Largest usage measure (tokens, characters, images, songs, seconds) in one event. */
export const measureMax = 1_000_000_000_000;

/** Earliest and latest instants accepted (epoch ms): years 1970 through 9999. */
export const instantMinMs = 0;
export const instantMaxMs = 253_402_300_799_999;
