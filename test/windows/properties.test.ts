import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarBlockAt } from "../../src/time";
import type { WindowValue } from "../../src/windows";
import { consume, emptyWindow, roomAcross, timeUntilAvailableAcross, usedAt } from "../../src/windows";
import { propertyParameters } from "../support/settings";
import { atoms, fiveHourUtc, H, mondayWeekUtc, window } from "./support";

const runs = propertyParameters();
const t0 = Date.UTC(2026, 5, 1, 4, 59, 59, 999); // 1 ms before a block edge

/** Gaps biased to the edges: 0, 1 ms, exact durations ± 1 ms, and anything. */
const gap = fc.oneof(
  fc.constantFrom(0, 1, H - 1, H, 5 * H - 1, 5 * H, 5 * H + 1, 7 * 24 * H),
  fc.integer({ min: 0, max: 6 * H }),
);
const usage = fc.record({ gap, units: fc.integer({ min: 1, max: 5 }) });
const history = fc.array(usage, { minLength: 1, maxLength: 40 });

type Log = { at: number; units: bigint }[];

function replay(
  w: ReturnType<typeof window>,
  steps: { gap: number; units: number }[],
): { value: WindowValue; log: Log; end: number } {
  let value = emptyWindow(w.shape);
  let at = t0;
  const log: Log = [];
  for (const step of steps) {
    at += step.gap;
    const r = consume(w, value, at, atoms(step.units));
    if (!r.ok) throw new Error(r.error.message);
    value = r.value;
    log.push({ at, units: atoms(step.units) });
  }
  return { value, log, end: at };
}

const sumWhere = (log: Log, keep: (at: number) => boolean) =>
  log.reduce((s, u) => (keep(u.at) ? s + u.units : s), 0n);

describe("sliding windows against a brute-force log", () => {
  it("with a 1 ms resolution the window equals the log at every instant", () => {
    const w = window({ kind: "sliding", durationMs: 5 * H, resolutionMs: 1 }, 1_000_000);
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 6 * H }), (steps, later) => {
        const { value, log, end } = replay(w, steps);
        for (const q of [end, end + later, end + 5 * H - 1, end + 5 * H]) {
          expect(usedAt(w, value, q)).toBe(sumWhere(log, (at) => at <= q && q < at + 5 * H));
        }
      }),
      runs,
    );
  });

  it("with any resolution it never reports more room than the log, and stays bounded", () => {
    fc.assert(
      fc.property(
        history,
        fc.constantFrom(1, 1_000, 60_000, H),
        fc.integer({ min: 0, max: 6 * H }),
        (steps, resolutionMs, later) => {
          const w = window({ kind: "sliding", durationMs: 5 * H, resolutionMs }, 1_000_000);
          const { value, log, end } = replay(w, steps);
          const q = end + later;
          expect(usedAt(w, value, q) >= sumWhere(log, (at) => at <= q && q < at + 5 * H)).toBe(true);
          expect(value.kind === "sliding" && value.records.length).toBeLessThanOrEqual(
            Math.ceil((5 * H) / resolutionMs) + 1,
          );
        },
      ),
      runs,
    );
  });
});

describe("calendar and session windows against a brute-force log", () => {
  it("a calendar window holds exactly the usage of the asked instant's block", () => {
    const w = window(fiveHourUtc, 1_000_000);
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 6 * H }), (steps, later) => {
        const { value, log, end } = replay(w, steps);
        const q = end + later;
        if (w.shape.kind !== "calendar") throw new Error("shape");
        const block = calendarBlockAt(w.shape.calendar, q as never);
        expect(usedAt(w, value, q)).toBe(sumWhere(log, (at) => block.start <= at && at < block.end));
      }),
      runs,
    );
  });

  it("a session window holds the usage since the session the log says is open", () => {
    const w = window({ kind: "session", durationMs: 5 * H }, 1_000_000);
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 6 * H }), (steps, later) => {
        const { value, log, end } = replay(w, steps);
        let start: number | null = null;
        for (const u of log) if (start === null || u.at >= start + 5 * H) start = u.at;
        const q = end + later;
        const open = start !== null && q < start + 5 * H;
        const s = start ?? 0;
        expect(usedAt(w, value, q)).toBe(open ? sumWhere(log, (at) => at >= s) : 0n);
      }),
      runs,
    );
  });
});

describe("several windows act together", () => {
  const five = window(fiveHourUtc, 10);
  const week = window(mondayWeekUtc, 30);

  it("room across windows is the smallest room; time-until-available is exact and never early", () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 12 }), (steps, units) => {
        const a = replay(five, steps);
        const b = replay(week, steps);
        const pairs = [
          { window: five, value: a.value },
          { window: week, value: b.value },
        ];
        const at = a.end;
        const room = roomAcross(pairs, at);
        const weekUsed = sumWhere(b.log, (x) => {
          const blk =
            week.shape.kind === "calendar" ? calendarBlockAt(week.shape.calendar, at as never) : null;
          return blk !== null && blk.start <= x && x < blk.end;
        });
        expect(room <= atoms(30) - weekUsed || room === 0n).toBe(true);
        const when = timeUntilAvailableAcross(pairs, atoms(units), at);
        if (units > 10) {
          expect(when).toBeNull();
          return;
        }
        expect(when).not.toBeNull();
        if (when === null) return;
        expect(roomAcross(pairs, when) >= atoms(units)).toBe(true);
        if (when > at) expect(roomAcross(pairs, when - 1) < atoms(units)).toBe(true);
      }),
      runs,
    );
  });
});
