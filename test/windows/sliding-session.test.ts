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
