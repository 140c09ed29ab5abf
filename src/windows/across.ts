/**
 * Several windows of one bucket act together: a usage fits only as far as every window
 * has room, and what is taken is taken from all of them.
 */
import type { CompiledWindow } from "../catalog/compiled";
import { calc, type Scaled } from "../money";
import type { WindowValue } from "./value";
import { changeInstants, roomAt } from "./window";

/** A window's rules together with its contents. */
export interface WindowPair {
  readonly window: CompiledWindow;
  readonly value: WindowValue;
}

/** The units that fit in every window at `at` (the smallest room). */
export function roomAcross(pairs: readonly WindowPair[], at: number): Scaled<"quota"> {
  let room: Scaled<"quota"> | null = null;
  for (const { window, value } of pairs) {
    const r = roomAt(window, value, at);
    room = room === null ? r : calc.min(room, r);
  }
  return room ?? calc.zero();
}

/** The first window (in catalog order) whose room at `at` is below `units`, or null. */
export function firstFullWindow(
  pairs: readonly WindowPair[],
  units: Scaled<"quota">,
  at: number,
): WindowPair | null {
  for (const pair of pairs) if (roomAt(pair.window, pair.value, at) < units) return pair;
  return null;
}

/**
 * The earliest instant at or after `at` at which `units` fit in every window, assuming
 * nothing more is used; null when they never fit (more than some window's limit).
 * Room changes only at capacity steps and boost edges, so checking those instants in
 * order is exact: never earlier than the truth.
 */
export function timeUntilAvailableAcross(
  pairs: readonly WindowPair[],
  units: Scaled<"quota">,
  at: number,
): number | null {
  const candidates = [at];
  for (const { window, value } of pairs) candidates.push(...changeInstants(window, value, at));
  candidates.sort((a, b) => a - b);
  let previous = Number.NaN;
  for (const candidate of candidates) {
    if (candidate === previous) continue;
    previous = candidate;
    if (roomAcross(pairs, candidate) >= units) return candidate;
  }
  return null;
}
