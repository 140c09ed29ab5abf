/**
 * Invariants of src/time, checked on random inputs biased to the edges: block boundaries
 * ±1 ms, DST changes (from @date-fns/tz's tzScan), Jan 31 and Feb 29, the instant range's
 * ends. Runs and seed: PROPERTY_RUNS, PROPERTY_SEED.
 */
import { tzScan } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instantMaxMs, instantMinMs } from "../../src/limits";
import {
  addMonthsClamped,
  asEpochMs,
  type CalendarSpec,
  calendarBlockAt,
  type EpochMs,
  expiryInstant,
  formatInstant,
  parseDuration,
  parseInstant,
} from "../../src/time";
import { propertyParameters, propertyTimeoutMs, serviceCuts } from "./support";

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/** Zones with ordinary DST, 30-minute DST, midnight gaps, two-hour shifts, odd offsets, and none. */
const zones = [
  "UTC",
  "Asia/Shanghai",
  "Europe/Berlin",
  "America/New_York",
  "Australia/Lord_Howe",
  "America/Havana",
  "America/St_Johns",
  "Asia/Tehran",
  "Pacific/Chatham",
  "America/Santiago",
  "Asia/Kolkata",
  "Africa/Monrovia",
] as const;

/** Zones whose offset has not changed since 1992 (China kept DST 1986–1991): cuts must show on the wall clock. */
const fixedOffsetMs = { UTC: 0, "Asia/Shanghai": 8 * hourMs, "Asia/Kolkata": 5.5 * hourMs } as const;

/** Every offset change of the zones above from 1970 to 2040. */
const transitions: readonly number[] = zones.flatMap((zone) =>
  tzScan(zone, { start: new Date(Date.UTC(1970, 0, 1)), end: new Date(Date.UTC(2040, 0, 1)) }).map(
    (c) => +c.date,
  ),
);

const clampToRange = (ms: number): EpochMs => asEpochMs(Math.min(instantMaxMs, Math.max(instantMinMs, ms)));

/** Instants: anywhere, mostly 1970–2040, and often within two days of an offset change. */
const instantArb: fc.Arbitrary<EpochMs> = fc
  .oneof(
    { weight: 1, arbitrary: fc.integer({ min: instantMinMs, max: instantMaxMs }) },
    { weight: 2, arbitrary: fc.integer({ min: instantMinMs, max: Date.UTC(2040, 0, 1) }) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...transitions), fc.integer({ min: -2 * dayMs, max: 2 * dayMs }))
        .map(([change, delta]) => change + delta),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...transitions), fc.integer({ min: -30, max: 30 }), fc.constantFrom(-1, 0, 1))
        .map(([change, halfHours, ms]) => change + halfHours * 1_800_000 + ms),
    },
  )
  .map(clampToRange);

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Cut times, often at the hours DST changes happen in, and at the ends of the day. */
const cutArb = fc.oneof(
  fc.constantFrom(
    "00:00",
    "00:30",
    "01:00",
    "01:30",
    "02:00",
    "02:30",
    "03:00",
    "05:00",
    "20:00",
    "23:30",
    "23:59",
  ),
  fc.integer({ min: 0, max: 24 * 60 - 1 }).map(hhmm),
);

const cutsArb: fc.Arbitrary<readonly string[]> = fc.oneof(
  fc.constant(serviceCuts),
  fc.constant(["00:00"]),
  fc.uniqueArray(cutArb, { minLength: 1, maxLength: 6 }).map((cuts) => [...cuts].sort()),
);

const specArb: fc.Arbitrary<CalendarSpec> = fc.record({
  every: fc.constantFrom("day", "week", "month"),
  cuts: cutsArb,
  weekStartsOn: fc.constantFrom(0, 1, 2, 3, 4, 5, 6),
  timeZone: fc.constantFrom(...zones),
});

/** The longest a period can be, plus the largest DST shift (St John's went back 2 h in 1988). */
const longestBlockMs = {
  day: dayMs + 3 * hourMs,
  week: 7 * dayMs + 3 * hourMs,
  month: 31 * dayMs + 3 * hourMs,
};

/** Checks the block invariants at one instant. */
function checkBlockAt(spec: CalendarSpec, instant: EpochMs): void {
  const block = calendarBlockAt(spec, instant);
  // start <= at < end
  expect(block.start).toBeLessThanOrEqual(instant);
  expect(block.end).toBeGreaterThan(instant);
  expect(block.end - block.start).toBeLessThanOrEqual(longestBlockMs[spec.every]);
  // the same block from its first and last ms
  expect(calendarBlockAt(spec, block.start)).toEqual(block);
  expect(calendarBlockAt(spec, asEpochMs(block.end - 1))).toEqual(block);
  // tiling: the next block starts at end, the previous one ends at start
  expect(calendarBlockAt(spec, block.end).start).toBe(block.end);
  expect(calendarBlockAt(spec, asEpochMs(block.start - 1)).end).toBe(block.start);
}

describe("calendar blocks", () => {
  it(
    "hold their instant, are the same from inside, and tile time with no gap or overlap",
    () => {
      fc.assert(
        fc.property(specArb, instantArb, (spec, instant) => checkBlockAt(spec, instant)),
        propertyParameters,
      );
    },
    propertyTimeoutMs,
  );

  it(
    "do the same at block boundaries ±1 ms",
    () => {
      fc.assert(
        fc.property(
          specArb,
          instantArb,
          fc.boolean(),
          fc.constantFrom(-1, 0, 1),
          (spec, instant, atEnd, deltaMs) => {
            const block = calendarBlockAt(spec, instant);
            checkBlockAt(spec, asEpochMs((atEnd ? block.end : block.start) + deltaMs));
          },
        ),
        propertyParameters,
      );
    },
    propertyTimeoutMs,
  );

  it(
    "start at a cut, on the period's first day, in zones with a fixed offset",
    () => {
      const fixedZoneSpecArb = specArb.chain((spec) =>
        fc.constantFrom("UTC", "Asia/Shanghai", "Asia/Kolkata").map((timeZone) => ({ ...spec, timeZone })),
      );
      const modernInstantArb = fc.integer({ min: Date.UTC(1992, 0, 1), max: instantMaxMs }).map(asEpochMs);
      fc.assert(
        fc.property(fixedZoneSpecArb, modernInstantArb, (spec, instant) => {
          const { start } = calendarBlockAt(spec, instant);
          const local = new Date(start + fixedOffsetMs[spec.timeZone as keyof typeof fixedOffsetMs]);
          const localTime = hhmm(local.getUTCHours() * 60 + local.getUTCMinutes());
          expect(spec.cuts).toContain(localTime);
          expect(local.getUTCSeconds() + local.getUTCMilliseconds()).toBe(0);
          if (spec.every === "week" && localTime === spec.cuts?.[0])
            expect(local.getUTCDay()).toBe(spec.weekStartsOn);
          if (spec.every === "month") expect(local.getUTCDate()).toBe(1);
        }),
        propertyParameters,
      );
    },
    propertyTimeoutMs,
  );
});

describe("instants", () => {
  it(
    "parse ∘ format is the identity on instants, and epoch ms parse as themselves",
    () => {
      fc.assert(
        fc.property(fc.integer({ min: instantMinMs, max: instantMaxMs }), (ms) => {
          expect(parseInstant(formatInstant(asEpochMs(ms)))).toEqual({ ok: true, value: ms });
          expect(parseInstant(ms)).toEqual({ ok: true, value: ms });
        }),
        propertyParameters,
      );
    },
    propertyTimeoutMs,
  );

  it(
    "reads any offset the way Date.parse does, for valid strings",
    () => {
      const pad = (n: number, width = 2) => String(n).padStart(width, "0");
      const textArb = fc
        .record({
          year: fc.integer({ min: 1971, max: 9998 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.integer({ min: 0, max: 59 }),
          fraction: fc.constantFrom("", ".5", ".25", ".125", ".999"),
          offset: fc.oneof(
            fc.constant("Z"),
            fc
              .tuple(
                fc.constantFrom("+", "-"),
                fc.integer({ min: 0, max: 23 }),
                fc.integer({ min: 0, max: 59 }),
              )
              .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
          ),
        })
        .map(
          (t) =>
            `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.fraction}${t.offset}`,
        );
      fc.assert(
        fc.property(textArb, (text) => {
          expect(parseInstant(text)).toEqual({ ok: true, value: Date.parse(text) });
        }),
        propertyParameters,
      );
    },
    propertyTimeoutMs,
  );
});

describe("durations", () => {
  it(
    "read as the sum of their parts",
    () => {
      const partsArb = fc
        .record({
          weeks: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
          days: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
          hours: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
          minutes: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
          seconds: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
          millis: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
        })
        .filter(
          (p) =>
            p.weeks !== undefined ||
            p.days !== undefined ||
            p.hours !== undefined ||
            p.minutes !== undefined ||
            p.seconds !== undefined,
        );
      fc.assert(
        fc.property(partsArb, (p) => {
          const time = [
            p.hours === undefined ? "" : `${p.hours}H`,
            p.minutes === undefined ? "" : `${p.minutes}M`,
            p.seconds === undefined
              ? ""
              : `${p.seconds}${p.millis === undefined ? "" : `.${String(p.millis).padStart(3, "0")}`}S`,
          ].join("");
          const text = `P${p.weeks === undefined ? "" : `${p.weeks}W`}${p.days === undefined ? "" : `${p.days}D`}${time ? `T${time}` : ""}`;
          const ms =
            (p.weeks ?? 0) * 7 * dayMs +
            (p.days ?? 0) * dayMs +
            (p.hours ?? 0) * hourMs +
            (p.minutes ?? 0) * 60_000 +
            (p.seconds ?? 0) * 1000 +
            (p.seconds === undefined ? 0 : (p.millis ?? 0));
          expect(parseDuration(text)).toEqual(
            ms > 0 ? { ok: true, value: ms } : expect.objectContaining({ ok: false }),
          );
        }),
        propertyParameters,
      );
    },
    propertyTimeoutMs,
  );
});

describe("month and validity arithmetic", () => {
  const modernInstantArb = fc
    .integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) })
    .map(asEpochMs);

  it(
    "addMonthsClamped keeps the time of day and clamps the day of month (UTC)",
    () => {
      fc.assert(
        fc.property(modernInstantArb, fc.integer({ min: -120, max: 120 }), (anchor, months) => {
          const from = new Date(anchor);
          const to = new Date(addMonthsClamped(anchor, months, "UTC"));
          const monthIndex = from.getUTCFullYear() * 12 + from.getUTCMonth() + months;
          const lastDay = new Date(
            Date.UTC(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 0),
          ).getUTCDate();
          expect(to.getUTCFullYear() * 12 + to.getUTCMonth()).toBe(monthIndex);
          expect(to.getUTCDate()).toBe(Math.min(from.getUTCDate(), lastDay));
          expect(to.getTime() % dayMs).toBe(from.getTime() % dayMs);
        }),
        propertyParameters,
      );
    },
    propertyTimeoutMs,
  );

  it(
    "addMonthsClamped from the anchor never drifts: n months then back n lands on the anchor's day or earlier",
    () => {
      fc.assert(
        fc.property(
          modernInstantArb,
          fc.integer({ min: 1, max: 24 }),
          fc.constantFrom(...zones),
          (anchor, months, zone) => {
            const there = addMonthsClamped(anchor, months, zone);
            expect(addMonthsClamped(anchor, months, zone)).toBe(there); // deterministic
            expect(addMonthsClamped(there, -months, zone)).toBeLessThanOrEqual(anchor + 3 * hourMs);
          },
        ),
        propertyParameters,
      );
    },
    propertyTimeoutMs,
  );

  it(
    "elapsed-days is exactly days × 24 h, and calendar-days equals it where the offset is fixed",
    () => {
      fc.assert(
        fc.property(modernInstantArb, fc.integer({ min: 1, max: 36_500 }), (from, days) => {
          const elapsed = expiryInstant({ rule: "elapsed-days", days }, from);
          expect(elapsed - from).toBe(days * dayMs);
          expect(expiryInstant({ rule: "calendar-days", days, timeZone: "Asia/Shanghai" }, from)).toBe(
            elapsed,
          );
        }),
        propertyParameters,
      );
    },
    propertyTimeoutMs,
  );

  it(
    "calendar-days stays within the DST shift of elapsed-days in any zone",
    () => {
      fc.assert(
        fc.property(
          modernInstantArb,
          fc.integer({ min: 1, max: 3_650 }),
          fc.constantFrom(...zones),
          (from, days, zone) => {
            const calendar = expiryInstant({ rule: "calendar-days", days, timeZone: zone }, from);
            const elapsed = expiryInstant({ rule: "elapsed-days", days }, from);
            expect(Math.abs(calendar - elapsed)).toBeLessThanOrEqual(3 * hourMs);
          },
        ),
        propertyParameters,
      );
    },
    propertyTimeoutMs,
  );
});
