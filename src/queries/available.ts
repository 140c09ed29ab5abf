import * as z from "zod/mini";
import { type LedgerError, ledgerError } from "../errors";
import { guard } from "../guard";
import { currentTier, type LedgerState, stateError, windowPairs, workAt } from "../ledger";
import { parseAmount } from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, formatInstant, type Instant, type InstantInput } from "../time";
import { parseWith } from "../validation";
import { timeUntilAvailableAcross } from "../windows";

const optionsSchema = z.strictObject(
  { bucket: z.optional(z.string({ error: 'Expected a bucket id such as "general"' })) },
  { error: 'Expected options as an object such as { bucket: "general" }' },
);

/**
 * Options of {@link timeUntilAvailable}.
 *
 * @example
 * timeUntilAvailable(state, 1, "2026-06-04T14:10:00Z", { bucket: "video" });
 */
export interface TimeUntilAvailableOptions {
  /** The bucket to ask about (default "general"). */
  readonly bucket?: string;
}

/**
 * When quota will fit a number of units.
 *
 * @example
 * const a: Availability = { at: "2026-06-04T15:00:00.000Z" as Instant, waitMs: 3_000_000, reason: null };
 */
export interface Availability {
  /** The earliest instant at which the units fit in every window, or null if they never will. */
  readonly at: Instant | null;
  /** Milliseconds from the asked instant to `at`, or null. */
  readonly waitMs: number | null;
  /**
   * Why `at` is null: no running subscription, the tier does not include the bucket, or
   * the units exceed a window's limit (they never fit at once). null when `at` is set.
   */
  readonly reason: "no-subscription" | "not-in-tier" | "exceeds-limit" | null;
}

/**
 * The earliest instant at or after `at` at which `units` quota units fit in every window
 * of the bucket, if nothing else is used: "retry at T". Never earlier than the truth;
 * null when the units exceed a limit or the tier does not include the bucket.
 *
 * @example
 * const r = timeUntilAvailable(state, "1.5", "2026-06-04T14:10:00Z");
 * r.ok && r.value.at; //=> "2026-06-04T15:00:00.000Z"
 */
export function timeUntilAvailable(
  state: LedgerState,
  units: string | number,
  at: InstantInput,
  options: TimeUntilAvailableOptions = {},
): Result<Availability, LedgerError> {
  return guard(() => {
    // Checked in precedence order: the state, the options' shape, the units, the instant,
    // the bucket, then the clock.
    const badState = stateError(state);
    if (badState !== null) return err(badState);
    const parsedOptions = parseWith(optionsSchema, options, "invalid_input");
    if (!parsedOptions.ok) return parsedOptions;
    // Stryker disable next-line StringLiteral: equivalent: every amount kind has the same scale, and any kind but "usd" and "credits" is labelled quota-unit
    const amount = parseAmount("quota", units, { path: ["units"] });
    if (!amount.ok) return amount;
    const bucket = parsedOptions.value.bucket ?? "general";
    const moved = workAt(state, at, (work) =>
      Object.hasOwn(work.catalog.buckets, bucket)
        ? null
        : ledgerError(
            "unknown_bucket",
            `No bucket "${bucket}" in catalog "${work.catalog.id}".`,
            ["bucket"],
            {
              bucket,
            },
          ),
    );
    if (!moved.ok) return err(moved.error);
    const { work } = moved;
    const tier = currentTier(work);
    if (tier === null) return ok({ at: null, waitMs: null, reason: "no-subscription" });
    const windows = tier.buckets.get(bucket);
    if (windows === undefined) return ok({ at: null, waitMs: null, reason: "not-in-tier" });
    const when = timeUntilAvailableAcross(windowPairs(work, bucket, windows), amount.value, moved.at);
    return ok(
      when === null
        ? { at: null, waitMs: null, reason: "exceeds-limit" }
        : { at: formatInstant(asEpochMs(when)), waitMs: when - moved.at, reason: null },
    );
  });
}
