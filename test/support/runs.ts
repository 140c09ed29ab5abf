/**
 * fast-check settings for every property: `PROPERTY_RUNS` raises the number of runs
 * locally, `PROPERTY_SEED` fixes the seed (CI sets it) so a failure can be replayed.
 */
export function propertyOptions(defaultRuns: number): { numRuns: number; seed?: number } {
  const runs = Number(process.env.PROPERTY_RUNS ?? defaultRuns);
  const seed = process.env.PROPERTY_SEED;
  return seed === undefined ? { numRuns: runs } : { numRuns: runs, seed: Number(seed) };
}
