/**
 * Time until available, swept once (issue 23, item 13): over sliding, session and calendar
 * windows with overlapping boosts, the answer equals a brute force that checks the room at
 * every instant the room can change (each record's leaving instant, each session or block
 * end, each boost edge), in order. Room changes only there, so that brute force is exact.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompiledBoost, CompiledWindow } from "../../src/catalog/compiled";
import type { Scaled } from "../../src/money";
import { calendarBlockAt } from "../../src/time";
import {
  consume,
  emptyWindow,
  roomAcross,
  timeUntilAvailableAcross,
  type WindowPair,
  type WindowValue,
} from "../../src/windows";
import { propertyParameters } from "../support/settings";
import { atoms, fiveHourUtc, H, window } from "./support";

const t0 = Date.UTC(2026, 5, 1, 0, 0, 0, 0);

const boostArb: fc.Arbitrary<CompiledBoost> = fc
  .record({
    from: fc.integer({ min: 0, max: 12 * H }),
    length: fc.integer({ min: 1, max: 6 * H }),
    permille: fc.constantFrom(500, 1000, 1500, 2000, 3000),
  })
  .map(({ from, length, permille }) => ({ fromMs: t0 + from, untilMs: t0 + from + length, permille }));

const windowsArb = fc.record({
  slidingLimit: fc.integer({ min: 1, max: 30 }),
  sessionLimit: fc.integer({ min: 1, max: 60 }),
  calendarLimit: fc.integer({ min: 1, max: 60 }),
  resolutionMs: fc.constantFrom(1, 1000, 60_000, H),
  boosts: fc.array(boostArb, { maxLength: 4 }),
});

const usagesArb = fc.array(
  fc.record({
    gap: fc.oneof(fc.constantFrom(0, 1, H - 1, H), fc.integer({ min: 0, max: 2 * H })),
    units: fc.integer({ min: 1, max: 4 }),
  }),
  { minLength: 0, maxLength: 60 },
);

function fill(
  w: CompiledWindow,
  usages: readonly { gap: number; units: number }[],
): { value: WindowValue; end: number } {
  let value = emptyWindow(w.shape);
  let at = t0;
  for (const u of usages) {
    at += u.gap;
    const r = consume(w, value, at, atoms(u.units));
    if (!r.ok) throw new Error(r.error.message);
    value = r.value;
  }
  return { value, end: at };
}

/** Every instant after `at` at which some window's room can change, ascending. */
function allChangeInstants(pairs: readonly WindowPair[], at: number): number[] {
  const out = new Set<number>();
  for (const { window, value } of pairs) {
    for (const b of window.boosts) out.add(b.fromMs).add(b.untilMs);
    if (value.kind === "sliding" && window.shape.kind === "sliding")
      for (const r of value.records) out.add(r.at + window.shape.durationMs);
    if (value.kind === "session" && value.start !== null && window.shape.kind === "session")
      out.add(value.start + window.shape.durationMs);
    if (value.kind === "calendar" && window.shape.kind === "calendar") {
      out.add(value.end);
      out.add(calendarBlockAt(window.shape.calendar, at as never).end);
    }
  }
  return [...out].filter((t) => t > at).sort((a, b) => a - b);
}

function bruteForce(pairs: readonly WindowPair[], units: Scaled<"quota">, at: number): number | null {
  for (const t of [at, ...allChangeInstants(pairs, at)]) if (roomAcross(pairs, t) >= units) return t;
  return null;
}

describe("time until available across windows", () => {
  it("equals the brute force over every instant the room can change (sliding, session, calendar, boosts)", () => {
    fc.assert(
      fc.property(
        windowsArb,
        usagesArb,
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 3 * H }),
        (spec, usages, units, later) => {
          const sliding = window(
            { kind: "sliding", durationMs: 5 * H, resolutionMs: spec.resolutionMs },
            spec.slidingLimit,
            spec.boosts,
          );
          const session = window(
            { kind: "session", durationMs: 3 * H },
            spec.sessionLimit,
            spec.boosts.slice(0, 2),
          );
          const calendar = window(fiveHourUtc, spec.calendarLimit);
          const a = fill(sliding, usages);
          const b = fill(session, usages);
          const c = fill(calendar, usages);
          const pairs: WindowPair[] = [
            { window: sliding, value: a.value },
            { window: session, value: b.value },
            { window: calendar, value: c.value },
          ];
          const at = a.end + later;
          expect(timeUntilAvailableAcross(pairs, atoms(units), at)).toBe(bruteForce(pairs, atoms(units), at));
        },
      ),
      propertyParameters(),
    );
  });
});
