/**
 * A quota window as an immutable value. Three kinds (the catalog chooses):
 * - calendar: the block [start, end) that holds `used`; blocks reset whole at their end;
 * - sliding: records of (latest instant in a resolution slot, units), each counting
 *   until that instant + duration;
 * - session: opened at `start` by the first usage when none is open, counting until
 *   start + duration.
 * `lastAt` is the latest instant consumed, so time cannot go backwards.
 */
import type { Scaled } from "../money";

/** One coalesced record of a sliding window: all usage of one resolution slot. */
export interface SlidingRecord {
  /** The slot index: floor(instant / resolutionMs). */
  readonly slot: number;
  /** The latest usage instant in the slot (epoch ms): the record counts until at + duration (exclusive). */
  readonly at: number;
  readonly units: Scaled<"quota">;
}

/** A window's contents. */
export type WindowValue =
  | {
      readonly kind: "calendar";
      readonly start: number;
      readonly end: number;
      readonly used: Scaled<"quota">;
      readonly lastAt: number;
    }
  | {
      readonly kind: "sliding";
      readonly records: readonly SlidingRecord[];
      /** The sum of the records' units (those that have left the window included, until pruned). */
      readonly total: Scaled<"quota">;
      readonly lastAt: number;
    }
  | {
      readonly kind: "session";
      readonly start: number | null;
      readonly used: Scaled<"quota">;
      readonly lastAt: number;
    };

/** One instant at which units free up. */
export interface CapacityStep {
  /** Epoch ms at which `units` free up. */
  readonly at: number;
  readonly units: Scaled<"quota">;
}
