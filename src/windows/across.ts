/**
 * Several windows of one bucket act together: a usage fits only as far as every window
 * has room, and what is taken is taken from all of them.
 */
import type { CompiledWindow } from "../catalog/compiled";
import { calc, type Scaled } from "../money";
import type { SlidingRecord, WindowValue } from "./value";
import { capacitySchedule, limitAt, roomAt } from "./window";

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
 * The room of one window at instants given in non-decreasing order, in one pass: a sliding
 * window's records leave in time order, so a cursor walks them once however many instants
 * are asked about. (Calendar and session windows hold one block: `roomAt` is constant time.)
 */
function roomCursor({ window, value }: WindowPair): (t: number) => Scaled<"quota"> {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: equivalent: a value's kind is its shape's, and roomAt gives the same room as the cursor, only slower
  if (value.kind !== "sliding" || window.shape.kind !== "sliding") return (t) => roomAt(window, value, t);
  const duration = window.shape.durationMs;
  const records = value.records;
  let next = 0;
  let used = value.total;
  return (t) => {
    while (next < records.length && (records[next] as SlidingRecord).at + duration <= t) {
      used = calc.subtract(used, (records[next] as SlidingRecord).units);
      next++;
    }
    return calc.subtractFloor(limitAt(window, t), used);
  };
}

/** The instants after `at` at which a window's room can change, ascending. */
function sortedChangeInstants({ window, value }: WindowPair, at: number): number[] {
  // Capacity steps come in time order (a sliding window's records do); boost edges are few.
  const steps = capacitySchedule(window, value, at).map((step) => step.at);
  const edges: number[] = [];
  for (const boost of window.boosts) {
    if (boost.fromMs > at) edges.push(boost.fromMs);
    if (boost.untilMs > at) edges.push(boost.untilMs);
  }
  if (edges.length === 0) return steps;
  edges.sort((a, b) => a - b);
  return mergeSorted([steps, edges]);
}

/** Merges ascending lists into one ascending list (k is the number of windows: small). */
function mergeSorted(lists: readonly (readonly number[])[]): number[] {
  const heads = lists.map(() => 0);
  const out: number[] = [];
  for (;;) {
    let best = -1;
    let bestValue = Number.POSITIVE_INFINITY;
    for (let k = 0; k < lists.length; k++) {
      const v = (lists[k] as readonly number[])[heads[k] as number];
      if (v !== undefined && v < bestValue) {
        best = k;
        bestValue = v;
      }
    }
    if (best < 0) return out;
    out.push(bestValue);
    heads[best] = (heads[best] as number) + 1;
  }
}

/**
 * The earliest instant at or after `at` at which `units` fit in every window, assuming
 * nothing more is used; null when they never fit (more than some window's limit).
 * Room changes only at capacity steps and boost edges, so checking those instants in
 * order is exact: never earlier than the truth. One sweep: the instants are merged in
 * order and each window's room is followed by a cursor, so the cost is linear in the
 * records held (it was quadratic when each instant recounted every record).
 */
export function timeUntilAvailableAcross(
  pairs: readonly WindowPair[],
  units: Scaled<"quota">,
  at: number,
): number | null {
  const cursors = pairs.map(roomCursor);
  const fits = (t: number): boolean => {
    for (const room of cursors) if (room(t) < units) return false;
    return true;
  };
  if (fits(at)) return at;
  const instants = mergeSorted(pairs.map((pair) => sortedChangeInstants(pair, at)));
  let previous = at;
  for (const t of instants) {
    if (t === previous) continue;
    previous = t;
    if (fits(t)) return t;
  }
  return null;
}
