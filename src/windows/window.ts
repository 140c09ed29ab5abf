/**
 * Pure functions over one window: consume, release, used / room at an instant, when
 * capacity comes back, and the earliest instant a number of units fits.
 * Boundaries: a calendar block is [start, end); a sliding record counts on
 * [at, at + duration); a session counts on [start, start + duration). An instant equal
 * to the end already belongs to the next block / is free.
 */
import { assert } from "../assert";
import type { CompiledBoost, CompiledWindow, WindowShape } from "../catalog/compiled";
import { type LedgerError, ledgerError } from "../errors";
import { calc, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, calendarBlockAt, formatInstant } from "../time";
import type { CapacityStep, SlidingRecord, WindowValue } from "./value";

const zeroUnits = calc.zero<"quota">();

/** An empty window of a shape. */
export function emptyWindow(shape: WindowShape): WindowValue {
  switch (shape.kind) {
    case "calendar":
      return { kind: "calendar", start: 0, end: 0, used: zeroUnits, lastAt: 0 };
    case "sliding":
      return { kind: "sliding", records: [], total: zeroUnits, lastAt: 0 };
    case "session":
      return { kind: "session", start: null, used: zeroUnits, lastAt: 0 };
  }
}

/** The limit in force at `at`: the base limit times the largest boost active then. */
export function limitAt(window: CompiledWindow, at: number): Scaled<"quota"> {
  let permille = 0;
  const boosts = window.boosts;
  for (let i = 0; i < boosts.length; i++) {
    const boost = boosts[i] as CompiledBoost;
    if (boost.fromMs <= at && at < boost.untilMs && boost.permille > permille) permille = boost.permille;
  }
  return permille === 0 ? window.limit : calc.applyPermille(window.limit, permille);
}

function durationOf(shape: WindowShape): number {
  return shape.kind === "calendar" ? 0 : shape.durationMs;
}

/** Units the window counts at `at` (which must not precede the last consumption). */
export function usedAt(window: CompiledWindow, value: WindowValue, at: number): Scaled<"quota"> {
  switch (value.kind) {
    case "calendar":
      return value.start <= at && at < value.end ? value.used : zeroUnits;
    case "session":
      return value.start !== null && at < value.start + durationOf(window.shape) ? value.used : zeroUnits;
    case "sliding": {
      // Records are in time order: those that have left the window are a prefix.
      const duration = durationOf(window.shape);
      let used = value.total;
      for (const record of value.records) {
        if (record.at + duration > at) break;
        used = calc.subtract(used, record.units);
      }
      return used;
    }
  }
}

/** Units that still fit at `at`: max(limit − used, 0). */
export function roomAt(window: CompiledWindow, value: WindowValue, at: number): Scaled<"quota"> {
  return calc.subtractFloor(limitAt(window, at), usedAt(window, value, at));
}

function backwards(value: WindowValue, at: number): LedgerError {
  return ledgerError(
    "event_before_clock",
    `Time went backwards: ${formatInstant(asEpochMs(at))} is before the window's last use at ${formatInstant(asEpochMs(value.lastAt))}.`,
    ["at"],
    { at, lastAt: value.lastAt },
  );
}

/** Records `units` used at `at`. The window does not check its limit: callers take only the room. */
export function consume(
  window: Pick<CompiledWindow, "shape">,
  value: WindowValue,
  at: number,
  units: Scaled<"quota">,
): Result<WindowValue, LedgerError> {
  if (at < value.lastAt) return err(backwards(value, at));
  const shape = window.shape;
  switch (value.kind) {
    case "calendar": {
      if (value.start <= at && at < value.end) {
        return ok({
          kind: "calendar",
          start: value.start,
          end: value.end,
          used: calc.add(value.used, units),
          lastAt: at,
        });
      }
      // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: a value's kind is its shape's
      assert(shape.kind === "calendar", "window kind mismatch");
      const block = calendarBlockAt(shape.calendar, asEpochMs(at));
      return ok({ kind: "calendar", start: block.start, end: block.end, used: units, lastAt: at });
    }
    case "session": {
      const duration = durationOf(shape);
      if (value.start !== null && at < value.start + duration) {
        return ok({ kind: "session", start: value.start, used: calc.add(value.used, units), lastAt: at });
      }
      return ok({ kind: "session", start: at, used: units, lastAt: at });
    }
    case "sliding": {
      // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: a value's kind is its shape's
      assert(shape.kind === "sliding", "window kind mismatch");
      const slot = Math.floor(at / shape.resolutionMs);
      // Records are in time order, so the ones that have left the window are a prefix.
      const records = value.records;
      let first = 0;
      let total = value.total;
      while (first < records.length && (records[first] as SlidingRecord).at + shape.durationMs <= at) {
        total = calc.subtract(total, (records[first] as SlidingRecord).units);
        first++;
      }
      const live = records.slice(first);
      const last = live[live.length - 1];
      if (last !== undefined && last.slot === slot) {
        live[live.length - 1] = { slot, at, units: calc.add(last.units, units) };
      } else {
        live.push({ slot, at, units });
      }
      return ok({ kind: "sliding", records: live, total: calc.add(total, units), lastAt: at });
    }
  }
}

/**
 * Gives back up to `units` of a usage made at `usageAt`, as far as the window still
 * holds it at `at`. Returns the new value and the units actually returned.
 */
export function release(
  window: Pick<CompiledWindow, "shape">,
  value: WindowValue,
  at: number,
  usageAt: number,
  units: Scaled<"quota">,
): { readonly value: WindowValue; readonly returned: Scaled<"quota"> } {
  switch (value.kind) {
    case "calendar": {
      const holds = value.start <= usageAt && usageAt < value.end && at < value.end;
      if (!holds) return { value, returned: zeroUnits };
      const returned = calc.min(units, value.used);
      return {
        value: {
          kind: "calendar",
          start: value.start,
          end: value.end,
          used: calc.subtract(value.used, returned),
          lastAt: value.lastAt,
        },
        returned,
      };
    }
    case "session": {
      const duration = durationOf(window.shape);
      const holds = value.start !== null && value.start <= usageAt && at < value.start + duration;
      if (!holds) return { value, returned: zeroUnits };
      const returned = calc.min(units, value.used);
      return {
        value: {
          kind: "session",
          start: value.start,
          used: calc.subtract(value.used, returned),
          lastAt: value.lastAt,
        },
        returned,
      };
    }
    case "sliding": {
      const shape = window.shape;
      // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: a value's kind is its shape's
      assert(shape.kind === "sliding", "window kind mismatch");
      const slot = Math.floor(usageAt / shape.resolutionMs);
      const index = value.records.findIndex((r) => r.slot === slot && r.at + shape.durationMs > at);
      const record = value.records[index];
      if (record === undefined) return { value, returned: zeroUnits };
      const returned = calc.min(units, record.units);
      const remaining = calc.subtract(record.units, returned);
      const records: SlidingRecord[] = [...value.records];
      if (calc.isZero(remaining)) records.splice(index, 1);
      else records[index] = { slot: record.slot, at: record.at, units: remaining };
      return {
        value: {
          kind: "sliding",
          records,
          total: calc.subtract(value.total, returned),
          lastAt: value.lastAt,
        },
        returned,
      };
    }
  }
}

/**
 * When the window next frees capacity or resets after `at`, or null when nothing will:
 * a calendar window resets at its block's end whether or not anything was used.
 */
export function resetsAt(window: CompiledWindow, value: WindowValue, at: number): number | null {
  const shape = window.shape;
  switch (value.kind) {
    case "calendar": {
      if (value.start <= at && at < value.end) return value.end;
      // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: a value's kind is its shape's
      assert(shape.kind === "calendar", "window kind mismatch");
      return calendarBlockAt(shape.calendar, asEpochMs(at)).end;
    }
    case "session":
      return value.start !== null && at < value.start + durationOf(shape)
        ? value.start + durationOf(shape)
        : null;
    case "sliding": {
      const step = capacitySchedule(window, value, at)[0];
      return step === undefined ? null : step.at;
    }
  }
}

/**
 * The span a window covers at `at`, for display, always (also for an unused window):
 * - calendar: the block `[start, end)` that holds `at`;
 * - session: the open session `[start, start + duration)`, or, when none is open, the one
 *   a usage at `at` would open, `[at, at + duration)`;
 * - sliding: the look-back `[at − duration, at]`: usages after the start count at `at`
 *   (a usage leaves with the last one of its resolution slot, so up to one slot older).
 */
export function windowExtent(
  shape: WindowShape,
  value: WindowValue,
  at: number,
): { readonly start: number; readonly end: number } {
  switch (shape.kind) {
    case "calendar":
      if (value.kind === "calendar" && value.start <= at && at < value.end) {
        return { start: value.start, end: value.end };
      }
      return calendarBlockAt(shape.calendar, asEpochMs(at));
    case "session":
      if (value.kind === "session" && value.start !== null && at < value.start + shape.durationMs) {
        return { start: value.start, end: value.start + shape.durationMs };
      }
      return { start: at, end: at + shape.durationMs };
    case "sliding":
      return { start: at - shape.durationMs, end: at };
  }
}

/** Every instant after `at` at which used units free up, with the units, until the window is empty. */
export function capacitySchedule(
  window: CompiledWindow,
  value: WindowValue,
  at: number,
): readonly CapacityStep[] {
  const duration = durationOf(window.shape);
  switch (value.kind) {
    case "calendar":
      return value.start <= at && at < value.end && calc.isPositive(value.used)
        ? [{ at: value.end, units: value.used }]
        : [];
    case "session":
      return value.start !== null && at < value.start + duration && calc.isPositive(value.used)
        ? [{ at: value.start + duration, units: value.used }]
        : [];
    case "sliding": {
      // Records have strictly increasing instants, so each frees capacity at its own instant.
      const steps: CapacityStep[] = [];
      for (const record of value.records) {
        const freesAt = record.at + duration;
        if (freesAt > at && calc.isPositive(record.units)) steps.push({ at: freesAt, units: record.units });
      }
      return steps;
    }
  }
}

/** A window value as a call's working copy holds it: its own, so it may change in place. */
type Owned<T> = { -readonly [K in keyof T]: T[K] };

/**
 * {@link consume} on a value the caller owns (a working copy's, never a state's): changes
 * it in place instead of building a new one, so a replay allocates nothing per usage for
 * a calendar or session window, and a sliding window's records are not copied. The caller
 * has checked that `at` is not before the last consumption.
 */
export function consumeInPlace(
  shape: WindowShape,
  value: WindowValue,
  at: number,
  units: Scaled<"quota">,
): void {
  // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: decide refuses an instant before the window's last one first
  assert(at >= value.lastAt, "a decided consumption went back in time");
  switch (value.kind) {
    case "calendar": {
      const v = value as Owned<typeof value>;
      if (!(v.start <= at && at < v.end)) {
        // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: a value's kind is its shape's
        assert(shape.kind === "calendar", "window kind mismatch");
        const block = calendarBlockAt(shape.calendar, asEpochMs(at));
        v.start = block.start;
        v.end = block.end;
        v.used = units;
      } else v.used = calc.add(v.used, units);
      v.lastAt = at;
      return;
    }
    case "session": {
      const v = value as Owned<typeof value>;
      if (v.start !== null && at < v.start + durationOf(shape)) v.used = calc.add(v.used, units);
      else {
        v.start = at;
        v.used = units;
      }
      v.lastAt = at;
      return;
    }
    case "sliding": {
      // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: a value's kind is its shape's
      assert(shape.kind === "sliding", "window kind mismatch");
      const v = value as Owned<typeof value>;
      const records = v.records as SlidingRecord[];
      let first = 0;
      let total = v.total;
      while (first < records.length && (records[first] as SlidingRecord).at + shape.durationMs <= at) {
        total = calc.subtract(total, (records[first] as SlidingRecord).units);
        first++;
      }
      if (first > 0) records.splice(0, first);
      const slot = Math.floor(at / shape.resolutionMs);
      const last = records[records.length - 1];
      if (last !== undefined && last.slot === slot)
        records[records.length - 1] = { slot, at, units: calc.add(last.units, units) };
      else records.push({ slot, at, units });
      v.total = calc.add(total, units);
      v.lastAt = at;
      return;
    }
  }
}

/** {@link release} on a value the caller owns, in place; returns the units given back. */
export function releaseInPlace(
  shape: WindowShape,
  value: WindowValue,
  at: number,
  usageAt: number,
  units: Scaled<"quota">,
): Scaled<"quota"> {
  const released = release({ shape }, value, at, usageAt, units);
  if (released.value === value) return released.returned;
  const v = value as Owned<WindowValue>;
  const next = released.value;
  // The same kind: copy the new contents over the owned value (a void is rare; this stays simple).
  Object.assign(v, next);
  return released.returned;
}

/**
 * When the window next frees capacity or resets after `at` (as {@link resetsAt}), without
 * building a sliding window's whole schedule: its first record still counting.
 */
export function nextResetAt(window: CompiledWindow, value: WindowValue, at: number): number | null {
  if (value.kind !== "sliding") return resetsAt(window, value, at);
  const duration = durationOf(window.shape);
  for (const record of value.records) {
    const freesAt = record.at + duration;
    if (freesAt > at && calc.isPositive(record.units)) return freesAt;
  }
  return null;
}
