/** Helpers for the time tests: read and show instants the way the scenario tables write them. */
import { expect } from "vitest";
import {
  type CalendarSpec,
  calendarBlockAt,
  type EpochMs,
  formatInstant,
  parseInstant,
} from "../../src/time";

/** The instant an ISO string (with offset) names; throws on a typo in a table. */
export function at(text: string): EpochMs {
  const parsed = parseInstant(text);
  if (!parsed.ok) throw new Error(`bad instant in a test table: ${text}`);
  return parsed.value;
}

/**
 * The canonical UTC text of an ISO string with any offset, so tables can be written in local
 * time. Uses `Date.parse`, not `parseInstant`, so expected block ends may lie outside the
 * instant range (the block holding 9999-12-31T23:59:59.999Z ends in year 10000).
 */
export function utc(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`bad instant in a test table: ${text}`);
  return new Date(ms).toISOString();
}

/** The block at `text`, as canonical UTC texts [start, end). */
export function blockAt(spec: CalendarSpec, text: string): readonly [string, string] {
  const { start, end } = calendarBlockAt(spec, at(text));
  return [formatInstant(start), formatInstant(end)];
}

/** Hours from `start` to `end` of the block at `text`. */
export function blockHours(spec: CalendarSpec, text: string): number {
  const { start, end } = calendarBlockAt(spec, at(text));
  return (end - start) / 3_600_000;
}

/** Asserts the block at `text` is [start, end), both written with any offset. */
export function expectBlock(spec: CalendarSpec, text: string, start: string, end: string): void {
  expect(blockAt(spec, text)).toEqual([utc(start), utc(end)]);
}

/** The real service's daily cuts. */
export const serviceCuts = ["00:00", "05:00", "10:00", "15:00", "20:00"] as const;

/** fast-check run settings shared by every property: runs and seed from the environment. */
export const propertyParameters: { readonly numRuns: number; readonly seed?: number } = {
  numRuns: Number(process.env.PROPERTY_RUNS ?? 1000),
  // exactOptionalPropertyTypes: leave `seed` out rather than set it to undefined
  ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}),
};

/** Per-test time limit for properties: generous enough for large PROPERTY_RUNS. */
export const propertyTimeoutMs = Math.max(5_000, propertyParameters.numRuns * 5);
