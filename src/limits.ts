/**
 * Every bound the library keeps, in one place (TigerBeetle style: put a limit on
 * everything). Exceeding one is a typed `limit_exceeded` error, never a crash.
 * Units come last in each name.
 */

/**
 * Decimal places every amount (USD, credits, quota units) carries internally.
 *
 * @example
 * limits.amountScaleDigits; //=> 12
 */
export const amountScaleDigits = 12;

/**
 * Largest amount accepted anywhere, in whole units (USD, credits or quota units).
 *
 * @example
 * limits.amountMaxUnits; //=> 1000000000000000000n
 */
export const amountMaxUnits = 10n ** 18n;

/**
 * Event ids a ledger remembers for idempotency by default (the most recent ones): about
 * 20 KB of stored row for a heavy account whose every usage overflows into credits.
 *
 * @example
 * limits.eventIdsRememberedDefault; //=> 128
 */
export const eventIdsRememberedDefault = 128;

/**
 * The most event ids a ledger may be configured to remember.
 *
 * @example
 * limits.eventIdsRememberedMax; //=> 4096
 */
export const eventIdsRememberedMax = 4096;

/**
 * Characters in an event id, a lot id or a metadata value.
 *
 * @example
 * limits.idLengthMax; //=> 128
 */
export const idLengthMax = 128;

/**
 * Characters in an amount written as a string (whitespace included): a canonical amount
 * needs at most 32, and a longer string is refused before it is converted.
 *
 * @example
 * limits.amountTextLengthMax; //=> 64
 */
export const amountTextLengthMax = 64;

/**
 * Characters in a time zone name (the longest IANA name has 32): a longer one is refused
 * before the runtime's Intl data is asked about it.
 *
 * @example
 * limits.timeZoneNameLengthMax; //=> 64
 */
export const timeZoneNameLengthMax = 64;

/**
 * Characters in a free-text field (a tier's description, a grant's reason).
 *
 * @example
 * limits.textLengthMax; //=> 500
 */
export const textLengthMax = 500;

/**
 * Credit lots with credits left one ledger may hold at once: a purchase or grant beyond it is
 * refused. Emptied lots do not count (see {@link lotsStoredMax}).
 *
 * @example
 * limits.lotsCountMax; //=> 1024
 */
export const lotsCountMax = 1024;

/**
 * Credit lots one ledger may hold in all: those with credits left, and emptied lots a void of
 * a remembered usage may still refill (an emptied lot leaves the state as soon as no
 * remembered usage can refill it). A new lot is refused when the ledger holds this many, so
 * `parseLedger` accepts every ledger the library makes.
 *
 * @example
 * limits.lotsStoredMax; //=> 5120
 */
export const lotsStoredMax = lotsCountMax + eventIdsRememberedMax;

/**
 * Records one sliding window may hold (its duration divided by its resolution, plus one).
 *
 * @example
 * limits.windowRecordsMax; //=> 20000
 */
export const windowRecordsMax = 20_000;

/**
 * Subscription period ends (renewals, or the lapse) one settling may pass: `settle`, or the
 * time passing before one event. 100 years of months: a ledger idle for longer is settled in
 * steps. Queries compute idle months in closed form and have no such bound.
 *
 * @example
 * limits.renewalsPerSettleMax; //=> 1200
 */
export const renewalsPerSettleMax = 1200;

/**
 * Tiers, resources, buckets, packages and windows a catalog may declare (each).
 *
 * @example
 * limits.catalogEntriesMax; //=> 256
 */
export const catalogEntriesMax = 256;

/**
 * Cut times one calendar window may declare per period.
 *
 * @example
 * limits.cutsCountMax; //=> 48
 */
export const cutsCountMax = 48;

/**
 * Boost periods one window may declare.
 *
 * @example
 * limits.boostsPerWindowMax; //=> 64
 */
export const boostsPerWindowMax = 64;

/**
 * Monthly periods a subscription may run (10,000 years: past the latest instant accepted).
 *
 * @example
 * limits.subscriptionPeriodsMax; //=> 120000
 */
export const subscriptionPeriodsMax = 120_000;

/**
 * Events one `applyEvents` call accepts.
 *
 * @example
 * limits.eventsPerCallMax; //=> 10000000
 */
export const eventsPerCallMax = 10_000_000;

/**
 * Entries of metadata one usage event may carry.
 *
 * @example
 * limits.metadataEntriesMax; //=> 32
 */
export const metadataEntriesMax = 32;

/**
 * Largest usage measure (tokens, characters, images, songs, seconds) in one event.
 *
 * @example
 * limits.measureMax; //=> 1000000000000
 */
export const measureMax = 1_000_000_000_000;

/**
 * The earliest instant accepted (epoch ms): 1970-01-01T00:00:00.000Z.
 *
 * @example
 * limits.instantMinMs; //=> 0
 */
export const instantMinMs = 0;

/**
 * The latest instant accepted (epoch ms): 9999-12-31T23:59:59.999Z.
 *
 * @example
 * limits.instantMaxMs; //=> 253402300799999
 */
export const instantMaxMs = 253_402_300_799_999;

/**
 * Rows (buckets or per-model rows) one usage-API `remains` payload may carry.
 *
 * @example
 * limits.remainsRowsMax; //=> 256
 */
export const remainsRowsMax = 256;
