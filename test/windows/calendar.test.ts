import { describe, expect, it } from "vitest";
import type { WindowValue } from "../../src/windows";
import { capacitySchedule, consume, emptyWindow, release, resetsAt, roomAt, usedAt } from "../../src/windows";
import { atoms, fiveHourUtc, mondayWeekUtc, ms, window } from "./support";

function use(w: ReturnType<typeof window>, value: WindowValue, at: string, units: number): WindowValue {
  const r = consume(w, value, ms(at), atoms(units));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("calendar: the real service's 5-hour blocks (UTC)", () => {
  const w = window(fiveHourUtc, 10);

  it("release gives back within the usage's block, and nothing once the block has ended or to an older block", () => {
    const v = use(w, emptyWindow(w.shape), "2026-06-04T14:10:00Z", 7);
    const back = release(w, v, ms("2026-06-04T14:59:59.999Z"), ms("2026-06-04T14:10:00Z"), atoms(3));
    expect(back.returned).toBe(atoms(3));
    expect(usedAt(w, back.value, ms("2026-06-04T14:59:59.999Z"))).toBe(atoms(4));
    expect(release(w, v, ms("2026-06-04T15:00:00Z"), ms("2026-06-04T14:10:00Z"), atoms(3))).toEqual({
      value: v,
      returned: 0n,
    });
    expect(release(w, v, ms("2026-06-04T14:20:00Z"), ms("2026-06-04T09:59:59.999Z"), atoms(3))).toEqual({
      value: v,
      returned: 0n,
    });
  });

  it("counts a usage until its block's end and resets whole at the end (end exclusive)", () => {
    const v = use(w, emptyWindow(w.shape), "2026-06-04T14:10:00Z", 7);
    expect(usedAt(w, v, ms("2026-06-04T14:59:59.999Z"))).toBe(atoms(7));
    expect(roomAt(w, v, ms("2026-06-04T14:59:59.999Z"))).toBe(atoms(3));
    expect(usedAt(w, v, ms("2026-06-04T15:00:00.000Z"))).toBe(0n);
    expect(roomAt(w, v, ms("2026-06-04T15:00:00.000Z"))).toBe(atoms(10));
    expect(resetsAt(w, v, ms("2026-06-04T14:10:00Z"))).toBe(ms("2026-06-04T15:00:00Z"));
    expect(capacitySchedule(w, v, ms("2026-06-04T14:10:00Z"))).toEqual([
      { at: ms("2026-06-04T15:00:00Z"), units: atoms(7) },
    ]);
  });

  it("the start instant belongs to the block; the last block of the day is 4 hours", () => {
    const v = use(w, emptyWindow(w.shape), "2026-06-04T20:00:00.000Z", 1);
    expect(v.kind === "calendar" && [v.start, v.end]).toEqual([
      ms("2026-06-04T20:00:00Z"),
      ms("2026-06-05T00:00:00Z"),
    ]);
  });

  it("the countdown runs whether or not anything was used", () => {
    const empty = emptyWindow(w.shape);
    expect(resetsAt(w, empty, ms("2026-06-04T03:00:00Z"))).toBe(ms("2026-06-04T05:00:00Z"));
    expect(capacitySchedule(w, empty, ms("2026-06-04T03:00:00Z"))).toEqual([]);
  });

  it("a usage in a new block starts from zero", () => {
    let v = use(w, emptyWindow(w.shape), "2026-06-04T14:59:59.999Z", 9);
    v = use(w, v, "2026-06-04T15:00:00.000Z", 2);
    expect(usedAt(w, v, ms("2026-06-04T15:00:00.000Z"))).toBe(atoms(2));
  });

  it("refuses time that goes backwards with a typed error", () => {
    const v = use(w, emptyWindow(w.shape), "2026-06-04T14:10:00Z", 1);
    const r = consume(w, v, ms("2026-06-04T14:09:59.999Z"), atoms(1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("event_before_clock");
  });

  it("boosts multiply the limit while active: 1500‰ of 10 is 15", () => {
    const boosted = window(fiveHourUtc, 10, [
      { fromMs: ms("2026-06-04T00:00:00Z"), untilMs: ms("2026-06-05T00:00:00Z"), permille: 1500 },
    ]);
    const v = use(boosted, emptyWindow(boosted.shape), "2026-06-04T14:10:00Z", 12);
    expect(roomAt(boosted, v, ms("2026-06-04T14:10:00Z"))).toBe(atoms(3));
    expect(roomAt(boosted, v, ms("2026-06-05T01:00:00Z"))).toBe(atoms(10));
  });
});

describe("calendar: the Monday week", () => {
  const w = window(mondayWeekUtc, 100);
  it("Sunday 23:59:59.999 is the old week; Monday 00:00 the new one", () => {
    const v = use(w, emptyWindow(w.shape), "2026-06-07T23:59:59.999Z", 50);
    expect(usedAt(w, v, ms("2026-06-07T23:59:59.999Z"))).toBe(atoms(50));
    expect(usedAt(w, v, ms("2026-06-08T00:00:00.000Z"))).toBe(0n);
    expect(resetsAt(w, v, ms("2026-06-07T12:00:00Z"))).toBe(ms("2026-06-08T00:00:00Z"));
  });
});

describe("calendar across DST (Europe/Berlin)", () => {
  const w = window(
    {
      kind: "calendar",
      calendar: {
        every: "day",
        cuts: ["00:00", "05:00", "10:00", "15:00", "20:00"],
        weekStartsOn: 1,
        timeZone: "Europe/Berlin",
      },
    },
    10,
  );
  it("on spring-forward day (2026-03-29) the 00:00–05:00 block lasts 4 hours", () => {
    const v = use(w, emptyWindow(w.shape), "2026-03-29T01:30:00Z", 1);
    expect(v.kind === "calendar" && (v.end - v.start) / 3_600_000).toBe(4);
  });
  it("on fall-back day (2026-10-25) the 00:00–05:00 block lasts 6 hours", () => {
    const v = use(w, emptyWindow(w.shape), "2026-10-25T01:30:00Z", 1);
    expect(v.kind === "calendar" && (v.end - v.start) / 3_600_000).toBe(6);
  });
});
