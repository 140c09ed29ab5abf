import { describe, expect, it } from "vitest";
import type { WindowValue } from "../../src/windows";
import { capacitySchedule, consume, emptyWindow, release, resetsAt, roomAt, usedAt } from "../../src/windows";
import { atoms, H, window } from "./support";

const t0 = Date.UTC(2026, 5, 4, 12, 0);

function use(w: ReturnType<typeof window>, value: WindowValue, at: number, units: number): WindowValue {
  const r = consume(w, value, at, atoms(units));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("sliding: a usage counts for exactly `duration` after it happened", () => {
  const w = window({ kind: "sliding", durationMs: 5 * H, resolutionMs: 1 }, 10);

  it("counts on [at, at + duration): gone at the instant duration has passed", () => {
    const v = use(w, emptyWindow(w.shape), t0, 4);
    expect(usedAt(w, v, t0 + 5 * H - 1)).toBe(atoms(4));
    expect(usedAt(w, v, t0 + 5 * H)).toBe(0n);
    expect(resetsAt(w, v, t0)).toBe(t0 + 5 * H);
  });

  it("frees capacity record by record, and the schedule lists each step", () => {
    let v = use(w, emptyWindow(w.shape), t0, 4);
    v = use(w, v, t0 + H, 3);
    expect(capacitySchedule(w, v, t0 + H)).toEqual([
      { at: t0 + 5 * H, units: atoms(4) },
      { at: t0 + 6 * H, units: atoms(3) },
    ]);
    expect(roomAt(w, v, t0 + 5 * H)).toBe(atoms(7));
  });

  it("coalesces a resolution slot into one record that leaves only when all of it has left", () => {
    const coarse = window({ kind: "sliding", durationMs: 5 * H, resolutionMs: 60_000 }, 10);
    let v = use(coarse, emptyWindow(coarse.shape), t0 + 1_000, 2);
    v = use(coarse, v, t0 + 59_000, 3);
    expect(v.kind === "sliding" && v.records.length).toBe(1);
    // The exact log would free 2 units at t0 + 1 s + 5 h; the coalesced window keeps them until t0 + 59 s + 5 h.
    expect(usedAt(coarse, v, t0 + 5 * H + 1_000)).toBe(atoms(5));
    expect(usedAt(coarse, v, t0 + 5 * H + 59_000)).toBe(0n);
  });

  it("release gives back what the window still holds, and nothing once it has left", () => {
    const v = use(w, emptyWindow(w.shape), t0, 4);
    const back = release(w, v, t0 + H, t0, atoms(3));
    expect(back.returned).toBe(atoms(3));
    expect(usedAt(w, back.value, t0 + H)).toBe(atoms(1));
    expect(release(w, v, t0 + 5 * H, t0, atoms(3)).returned).toBe(0n);
  });

  it("release touches only the record of its usage's slot: every other usage still counts", () => {
    let v = use(w, emptyWindow(w.shape), t0, 4);
    v = use(w, v, t0 + H, 3);
    // Part of the first usage: its record keeps 1; the second is untouched.
    const part = release(w, v, t0 + 2 * H, t0, atoms(3));
    expect(part.returned).toBe(atoms(3));
    expect(usedAt(w, part.value, t0 + 2 * H)).toBe(atoms(4));
    expect(part.value.kind === "sliding" && part.value.records.map((r) => [r.at, r.units])).toEqual([
      [t0, atoms(1)],
      [t0 + H, atoms(3)],
    ]);
    // All of it: its record goes; the second still counts, and leaves at its own time.
    const whole = release(w, v, t0 + 2 * H, t0, atoms(4));
    expect(whole.value.kind === "sliding" && whole.value.records.map((r) => r.at)).toEqual([t0 + H]);
    expect(usedAt(w, whole.value, t0 + 2 * H)).toBe(atoms(3));
    expect(capacitySchedule(w, whole.value, t0 + 2 * H)).toEqual([{ at: t0 + 6 * H, units: atoms(3) }]);
    // The second usage's release leaves the first alone.
    const second = release(w, v, t0 + 2 * H, t0 + H, atoms(3));
    expect(usedAt(w, second.value, t0 + 2 * H)).toBe(atoms(4));
    expect(second.value.kind === "sliding" && second.value.records.map((r) => [r.at, r.units])).toEqual([
      [t0, atoms(4)],
    ]);
  });

  it("the schedule lists only what is still to leave; an empty window resets never", () => {
    let v = use(w, emptyWindow(w.shape), t0, 4);
    v = use(w, v, t0 + H, 3);
    // At t0 + 5 h the first record has left (it is still stored until the next consumption).
    expect(capacitySchedule(w, v, t0 + 5 * H)).toEqual([{ at: t0 + 6 * H, units: atoms(3) }]);
    expect(resetsAt(w, v, t0 + 5 * H)).toBe(t0 + 6 * H);
    expect(capacitySchedule(w, v, t0 + 6 * H)).toEqual([]);
    expect(resetsAt(w, v, t0 + 6 * H)).toBeNull();
    expect(resetsAt(w, emptyWindow(w.shape), t0)).toBeNull();
  });

  it("a consumption drops the records that have left, the one leaving at that instant included", () => {
    let v = use(w, emptyWindow(w.shape), t0, 4);
    v = use(w, v, t0 + 5 * H, 1);
    expect(v.kind === "sliding" && v.records.map((r) => r.at)).toEqual([t0 + 5 * H]);
    expect(v.kind === "sliding" && v.total).toBe(atoms(1));
  });

  it("time going backwards is a typed error naming both instants", () => {
    const v = use(w, emptyWindow(w.shape), t0 + H, 1);
    const r = consume(w, v, t0, atoms(1));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.code, r.error.path, r.error.params]).toEqual([
      "event_before_clock",
      ["at"],
      { at: t0, lastAt: t0 + H },
    ]);
    expect(r.error.message).toBe(
      "Time went backwards: 2026-06-04T12:00:00.000Z is before the window's last use at 2026-06-04T13:00:00.000Z.",
    );
  });

  it("a window value of another kind than its shape is a broken invariant, not a silent miscount", () => {
    const calendarShaped = window(
      { kind: "calendar", calendar: { every: "day", cuts: ["00:00"], weekStartsOn: 1, timeZone: "UTC" } },
      10,
    );
    const v = use(w, emptyWindow(w.shape), t0, 1);
    expect(() => consume(calendarShaped, v, t0 + 1, atoms(1))).toThrow(
      /invariant broken: window kind mismatch/,
    );
    expect(() => release(calendarShaped, v, t0 + 1, t0, atoms(1))).toThrow(
      /invariant broken: window kind mismatch/,
    );
  });
});

describe("session: opens at the first usage, closes at start + duration", () => {
  const w = window({ kind: "session", durationMs: 5 * H }, 10);

  it("counts everything until start + duration; the next usage opens a new session", () => {
    let v = use(w, emptyWindow(w.shape), t0, 6);
    v = use(w, v, t0 + 4 * H, 3);
    expect(usedAt(w, v, t0 + 5 * H - 1)).toBe(atoms(9));
    expect(resetsAt(w, v, t0 + H)).toBe(t0 + 5 * H);
    expect(usedAt(w, v, t0 + 5 * H)).toBe(0n);
    v = use(w, v, t0 + 5 * H, 2);
    expect(v.kind === "session" && v.start).toBe(t0 + 5 * H);
    expect(usedAt(w, v, t0 + 5 * H)).toBe(atoms(2));
  });

  it("has full room and no reset while closed", () => {
    const v = emptyWindow(w.shape);
    expect(roomAt(w, v, t0)).toBe(atoms(10));
    expect(resetsAt(w, v, t0)).toBeNull();
    expect(capacitySchedule(w, v, t0)).toEqual([]);
  });

  it("release returns units only while the session that holds them is open", () => {
    const v = use(w, emptyWindow(w.shape), t0, 6);
    expect(release(w, v, t0 + H, t0, atoms(2)).returned).toBe(atoms(2));
    expect(release(w, v, t0 + 5 * H, t0, atoms(2)).returned).toBe(0n);
  });

  it("a void of a session's usage lowers what it counts; the session keeps its start and end", () => {
    let v = use(w, emptyWindow(w.shape), t0, 6);
    v = use(w, v, t0 + H, 3);
    const back = release(w, v, t0 + 2 * H, t0, atoms(6));
    expect(back.returned).toBe(atoms(6));
    expect(usedAt(w, back.value, t0 + 2 * H)).toBe(atoms(3));
    expect(back.value.kind === "session" && back.value.start).toBe(t0);
    expect(resetsAt(w, back.value, t0 + 2 * H)).toBe(t0 + 5 * H);
    // Never more than the session holds: a usage of an earlier, closed session gives nothing.
    expect(release(w, v, t0 + 2 * H, t0 - 6 * H, atoms(6)).returned).toBe(0n);
    expect(release(w, v, t0 + 2 * H, t0, atoms(20)).returned).toBe(atoms(9));
  });

  it("resetsAt and the schedule: the session's end with all it holds, then nothing once it closed", () => {
    let v = use(w, emptyWindow(w.shape), t0, 6);
    v = use(w, v, t0 + 4 * H, 3);
    expect(resetsAt(w, v, t0 + 4 * H)).toBe(t0 + 5 * H);
    expect(capacitySchedule(w, v, t0 + 4 * H)).toEqual([{ at: t0 + 5 * H, units: atoms(9) }]);
    expect(resetsAt(w, v, t0 + 5 * H - 1)).toBe(t0 + 5 * H);
    expect(resetsAt(w, v, t0 + 5 * H)).toBeNull();
    expect(capacitySchedule(w, v, t0 + 5 * H)).toEqual([]);
    // An open session that holds nothing (all voided) resets at its end but frees nothing.
    const voided = release(w, v, t0 + 4 * H, t0, atoms(9)).value;
    expect(resetsAt(w, voided, t0 + 4 * H)).toBe(t0 + 5 * H);
    expect(capacitySchedule(w, voided, t0 + 4 * H)).toEqual([]);
  });
});
