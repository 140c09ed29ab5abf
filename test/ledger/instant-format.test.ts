/**
 * Entries write their instants through the call's formatter, which writes an instant on the
 * same UTC day as the last one by hand (only its time of day). The text must be exactly
 * what `formatInstant` (`toISOString`) writes, whatever order the instants come in.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OutputFormatter } from "../../src/ledger/facts";
import { instantMaxMs } from "../../src/limits";
import { asEpochMs, formatInstant } from "../../src/time";
import { propertyParameters } from "../support/settings";

const dayMs = 86_400_000;

describe("the formatter's instants", () => {
  it("equal formatInstant's text for any sequence of instants, days repeated or not", () => {
    // Instants near each other (the same day, the next) as well as anywhere in range.
    const instant = fc.oneof(
      fc.integer({ min: 0, max: instantMaxMs }),
      fc.integer({ min: 0, max: 3 * dayMs }).map((ms) => Date.UTC(2026, 5, 1) + ms),
      fc
        .integer({ min: -2 * dayMs, max: 2 * dayMs })
        .map((ms) => Math.min(instantMaxMs, Math.max(0, instantMaxMs + 1 + ms))),
    );
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 20 }), (instants) => {
        const formatter = new OutputFormatter();
        for (const ms of instants) expect(formatter.instant(ms)).toBe(formatInstant(asEpochMs(ms)));
      }),
      propertyParameters(),
    );
  });

  it("writes the first and last milliseconds of a day and of the range", () => {
    const formatter = new OutputFormatter();
    const day = Date.UTC(2026, 5, 1);
    // 23:59:59.999 after 00:00:00.000 of the same day; then 00:00:00.001 of the next; then year 9999's last ms.
    expect(formatter.instant(day)).toBe("2026-06-01T00:00:00.000Z");
    expect(formatter.instant(day + dayMs - 1)).toBe("2026-06-01T23:59:59.999Z");
    expect(formatter.instant(day + dayMs + 1)).toBe("2026-06-02T00:00:00.001Z");
    expect(formatter.instant(day + dayMs + 3_723_045)).toBe("2026-06-02T01:02:03.045Z");
    expect(formatter.instant(instantMaxMs - 1)).toBe("9999-12-31T23:59:59.998Z");
    expect(formatter.instant(instantMaxMs)).toBe("9999-12-31T23:59:59.999Z");
  });
});
