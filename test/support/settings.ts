/** fast-check settings shared by the property files: runs and seed come from the environment. */
import type fc from "fast-check";

/**
 * `{ numRuns, seed }` for `fc.assert`: `PROPERTY_RUNS` (default `defaultRuns`, 1,000 unless a
 * file says why it needs fewer) and `PROPERTY_SEED` to replay a failure.
 */
export function propertyParameters<T>(defaultRuns = 1000): fc.Parameters<T> {
  const numRuns = Number(process.env.PROPERTY_RUNS ?? defaultRuns);
  const seed = process.env.PROPERTY_SEED;
  return seed ? { numRuns, seed: Number(seed) } : { numRuns };
}

/**
 * The vitest timeout of one property test. `fc.assert` runs synchronously, so this only
 * decides when a finished run counts as too slow; it is generous for a loaded machine.
 */
export const propertyTimeoutMs = 120_000;
