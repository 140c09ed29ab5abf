/**
 * Validity rules: how "valid 365 days after purchase" is read, named and chosen in a catalog.
 */
import { millisecondsInDay } from "date-fns/constants";
import { assert } from "../assert";
import type { EpochMs } from "./instant";
import { addMonthsClamped } from "./months";
import { addWallDays } from "./wallCalendar";
import { instantAtWallClock, wallClockAt } from "./wallClock";

/**
 * How long credits stay usable after an instant:
 * - `elapsed-days`: exactly `days` × 24 h later (the default reading: 365 × 24 h);
 * - `calendar-days`: the same local wall-clock time `days` calendar days later in
 *   `timeZone` (differs from elapsed-days only across a DST change);
 * - `anniversary`: the same local date and time `years` years later, Feb 29 clamped to Feb 28.
 *
 * @example
 * const rule: ValidityRule = { rule: "elapsed-days", days: 365 };
 */
export type ValidityRule =
  | { readonly rule: "elapsed-days"; readonly days: number }
  | { readonly rule: "calendar-days"; readonly days: number; readonly timeZone: string }
  | { readonly rule: "anniversary"; readonly years: number; readonly timeZone: string };

/**
 * The instant credits obtained at `from` expire under `rule`. EXCLUSIVE: the credits are
 * usable strictly before it, and gone at it.
 *
 * @example
 * const from = asEpochMs(Date.parse("2026-06-04T07:00:00Z"));
 * formatInstant(expiryInstant({ rule: "elapsed-days", days: 365 }, from)) //=> "2027-06-04T07:00:00.000Z"
 */
export function expiryInstant(rule: ValidityRule, from: EpochMs): EpochMs {
  switch (rule.rule) {
    case "elapsed-days":
      // Stryker disable next-line ArrowFunction,StringLiteral: invariant message, a bug report only
      assert(Number.isInteger(rule.days), () => `validity days must be whole, got ${rule.days}`);
      return (from + rule.days * millisecondsInDay) as EpochMs;
    case "calendar-days": {
      // Stryker disable next-line ArrowFunction,StringLiteral: invariant message, a bug report only
      assert(Number.isInteger(rule.days), () => `validity days must be whole, got ${rule.days}`);
      const wall = wallClockAt(rule.timeZone, from);
      return instantAtWallClock(rule.timeZone, addWallDays(wall, rule.days));
    }
    case "anniversary":
      // Stryker disable next-line ArrowFunction,StringLiteral: invariant message, a bug report only
      assert(Number.isInteger(rule.years), () => `validity years must be whole, got ${rule.years}`);
      return addMonthsClamped(from, 12 * rule.years, rule.timeZone);
  }
}
