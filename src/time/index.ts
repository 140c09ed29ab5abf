/**
 * Time: instants, durations, time zones, calendar blocks, month and validity arithmetic.
 * The only folder that imports date-fns and @date-fns/tz; everything here is pure and
 * never reads the clock.
 */
export { type CalendarBlock, type CalendarSpec, calendarBlockAt } from "./calendar";
export { parseCuts } from "./cuts";
export { dateTimeOf } from "./date";
export { parseDuration } from "./duration";
export {
  asEpochMs,
  type EpochMs,
  formatInstant,
  type Instant,
  type InstantInput,
  parseInstant,
} from "./instant";
export { addMonthsClamped } from "./months";
export { expiryInstant, type ValidityRule } from "./validity";
export { fixedOffsetMinutes, isValidTimeZone, parseTimeZone } from "./zone";
