/**
 * What `withLedger` and the team store share about retrying a lost compare-and-swap: the
 * check of their retry options and the default wait between attempts.
 */
import type { LedgerError } from "token-plan";
import { storeError } from "./failures";
import { attemptsMax, retryDelayBaseMs, retryDelayCapMs } from "./limits";

/** The retry options both writers take. */
export interface RetryOptions {
  readonly attemptsMax?: number;
  readonly retryDelayMs?: (attempt: number) => number;
}

/** Why retry options are refused (the field and what was expected), or null. */
export function retryOptionsProblem(options: RetryOptions): LedgerError | null {
  if (typeof options !== "object" || options === null)
    return storeError("invalid_input", "Expected options as an object such as { attemptsMax }.", ["options"]);
  const attempts = options.attemptsMax;
  if (attempts !== undefined && (!Number.isSafeInteger(attempts) || attempts < 1 || attempts > attemptsMax)) {
    return storeError(
      "invalid_input",
      `Expected attemptsMax from 1 to ${attemptsMax}.`,
      ["options", "attemptsMax"],
      { attemptsMax },
    );
  }
  if (options.retryDelayMs !== undefined && typeof options.retryDelayMs !== "function")
    return storeError("invalid_input", "Expected retryDelayMs as a function of the attempt.", [
      "options",
      "retryDelayMs",
    ]);
  return null;
}

/**
 * Exponential backoff with full jitter (AWS's "Exponential Backoff and Jitter"): a wait
 * drawn from [0, min(cap, base × 2^(attempt-1))). The fraction is a hash (FNV-1a) of the
 * row's key, the attempt and the decided event ids rather than a random number: writers
 * with different requests are spread apart, and a run is reproducible.
 */
export function backoffMs(attempt: number, key: string, ids: readonly string[]): number {
  const ceilingMs = Math.min(retryDelayCapMs, retryDelayBaseMs * 2 ** (attempt - 1));
  let hash = 0x811c9dc5;
  const text = `${key}\u0000${attempt}\u0000${ids.join("\u0000")}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  // murmur3's finaliser: every input bit reaches the high bits the fraction is read from.
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32) * ceilingMs;
}
