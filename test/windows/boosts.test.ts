/**
 * Boosts: a per-mille multiplier on a window's limit from `from` (inclusive) to `until`
 * (exclusive). When two overlap, the larger wins (never their product). The boundaries
 * hold in the limit itself and in "when will it fit".
 */
import { describe, expect, it } from "vitest";
import { consume, emptyWindow, limitAt, roomAt, timeUntilAvailableAcross } from "../../src/windows";
import { atoms, fiveHourUtc, H, ms, window } from "./support";

const from = ms("2026-06-04T12:00:00Z");
const until = ms("2026-06-04T13:00:00Z");

describe("one boost: from is inclusive, until exclusive", () => {
  const w = window(fiveHourUtc, 10, [{ fromMs: from, untilMs: until, permille: 1500 }]);
  it.each([
    ["1 ms before it starts: the base limit", from - 1, 10],
    ["at its start: 1500‰ of 10 = 15", from, 15],
    ["1 ms before its end: still 15", until - 1, 15],
    ["at its end: the base limit again", until, 10],
  ])("%s", (_label, at, limit) => {
    expect(limitAt(w, at)).toBe(atoms(limit));
  });
});

describe("overlapping boosts: the largest one in force wins", () => {
  // 12:00–13:00 at 1500‰, 12:30–14:00 at 2000‰, 12:45–13:15 at 1200‰ (smaller: never wins).
  const w = window(fiveHourUtc, 10, [
    { fromMs: from, untilMs: until, permille: 1500 },
    { fromMs: from + H / 2, untilMs: until + H, permille: 2000 },
    { fromMs: from + (3 * H) / 4, untilMs: until + H / 4, permille: 1200 },
  ]);
  it.each([
    ["12:15, the first alone", from + H / 4, 15],
    ["12:30, both: 2000‰ wins, not 1500 × 2000", from + H / 2, 20],
    ["12:50, all three: still 2000‰", from + (5 * H) / 6, 20],
    ["13:30, the second alone", until + H / 2, 20],
    ["14:00, none", until + H, 10],
  ])("%s", (_label, at, limit) => {
    expect(limitAt(w, at)).toBe(atoms(limit));
  });
});

describe("time until available waits for a boost to start, not a millisecond before", () => {
  const boosted = window(fiveHourUtc, 10, [{ fromMs: from, untilMs: until, permille: 1500 }]);
  // 10 units used at 11:00 in the 10:00–15:00 block: the base limit is full.
  const used = consume(boosted, emptyWindow(boosted.shape), from - H, atoms(10));
  if (!used.ok) throw new Error(used.error.message);
  const pairs = [{ window: boosted, value: used.value }];

  it("4 more units fit at the boost's start (15 − 10 = 5 of room), not before", () => {
    expect(roomAt(boosted, used.value, from - 1)).toBe(0n);
    expect(timeUntilAvailableAcross(pairs, atoms(4), from - H)).toBe(from);
  });

  it("6 units do not fit in the boost (room 5): they wait for the block to reset at 15:00", () => {
    expect(timeUntilAvailableAcross(pairs, atoms(6), from - H)).toBe(ms("2026-06-04T15:00:00Z"));
  });

  it("asked during the boost, with room left, the answer is now", () => {
    expect(timeUntilAvailableAcross(pairs, atoms(5), until - 1)).toBe(until - 1);
  });

  it("asked at the boost's end, 5 units wait for the reset (the boost is over)", () => {
    expect(timeUntilAvailableAcross(pairs, atoms(5), until)).toBe(ms("2026-06-04T15:00:00Z"));
  });
});
