/** The names of what a usage can measure (kept apart from the zod schema, which the ledger does not need). */
/**
 * What a usage can measure. Each resource prices some of these.
 *
 * @example
 * measureNames.includes("outputTokens"); //=> true
 */
export const measureNames = [
  "inputTokens",
  "outputTokens",
  "cacheReadTokens",
  "cacheWriteTokens",
  "characters",
  "images",
  "songs",
  "videos",
  "seconds",
] as const;

/** One of {@link measureNames}. @example const m: MeasureName = "outputTokens"; */
export type MeasureName = (typeof measureNames)[number];
