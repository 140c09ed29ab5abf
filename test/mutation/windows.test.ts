/**
 * "When will it fit" across boost edges, as Stryker's survivors showed untested (issue 23):
 * a boost that already ended, a boost that lowers the limit and then ends, and boosts
 * listed latest first; which window is named full; the draw order's last tie-break. One 5-hour UTC window with a limit of 10 units; blocks 10:00–15:00.
 */
import { describe, expect, it } from "vitest";
import type { WindowShape } from "../../src/catalog";
import { compareDrawOrder } from "../../src/credits";
import {
  consume,
  consumeInPlace,
  emptyWindow,
  firstFullWindow,
  nextResetAt,
  timeUntilAvailableAcross,
  type WindowValue,
  windowExtent,
} from "../../src/windows";
import { atoms, fiveHourUtc, H, ms, window } from "../windows/support";

const blockEnd = ms("2026-06-04T15:00:00Z");

/** The window with these boosts, holding `used` units consumed at `usedAt`. */
function holding(boosts: Parameters<typeof window>[2], used: number, usedAt: number) {
  const w = window(fiveHourUtc, 10, boosts);
  const value = consume(w, emptyWindow(w.shape), usedAt, atoms(used));
  if (!value.ok) throw new Error(value.error.message);
  return [{ window: w, value: value.value }];
}

describe("timeUntilAvailable and boost edges", () => {
  it("a boost that ended in an earlier block never makes the answer earlier than asked", () => {
    // 06:00–07:00 at 2000‰ is over; 10 of 10 used at 10:30: 1 unit waits for the reset at 15:00.
    const pairs = holding(
      [{ fromMs: ms("2026-06-04T06:00:00Z"), untilMs: ms("2026-06-04T07:00:00Z"), permille: 2000 }],
      10,
      ms("2026-06-04T10:30:00Z"),
    );
    expect(timeUntilAvailableAcross(pairs, atoms(1), ms("2026-06-04T11:00:00Z"))).toBe(blockEnd);
  });

  it("a boost that halves the limit frees room when it ends", () => {
    // 10:00–12:00 at 500‰: limit 5, 4 used, room 1. At 12:00 the limit is 10 again: room 6 ≥ 3.
    const pairs = holding(
      [{ fromMs: ms("2026-06-04T10:00:00Z"), untilMs: ms("2026-06-04T12:00:00Z"), permille: 500 }],
      4,
      ms("2026-06-04T10:30:00Z"),
    );
    expect(timeUntilAvailableAcross(pairs, atoms(3), ms("2026-06-04T11:00:00Z"))).toBe(
      ms("2026-06-04T12:00:00Z"),
    );
  });

  it("boosts listed latest first: the earliest one that starts is the answer", () => {
    // 13:00–14:00 and 11:30–12:00, both 2000‰ (limit 20); 10 used: 5 more fit at 11:30.
    const at = ms("2026-06-04T11:00:00Z");
    const pairs = holding(
      [
        { fromMs: at + 2 * H, untilMs: at + 3 * H, permille: 2000 },
        { fromMs: at + H / 2, untilMs: at + H, permille: 2000 },
      ],
      10,
      ms("2026-06-04T10:30:00Z"),
    );
    expect(timeUntilAvailableAcross(pairs, atoms(5), at)).toBe(at + H / 2);
  });
});

describe("firstFullWindow: the first window, in catalog order, without room for the units", () => {
  it("room 5 then room 2: 3 units stop at the second, 6 at the first, 2 fit in both", () => {
    const at = ms("2026-06-04T11:00:00Z");
    const [roomy] = holding([], 5, ms("2026-06-04T10:30:00Z"));
    const [tight] = holding([], 8, ms("2026-06-04T10:30:00Z"));
    if (roomy === undefined || tight === undefined) throw new Error("no window");
    const pairs = [roomy, tight];
    expect(firstFullWindow(pairs, atoms(3), at)).toBe(tight);
    expect(firstFullWindow(pairs, atoms(6), at)).toBe(roomy);
    expect(firstFullWindow(pairs, atoms(2), at)).toBeNull();
  });
});

describe("the draw order's last tie-break: the lot id, in code-unit order", () => {
  it("same expiry, same purchase instant: lot-a before lot-b, and a lot equals itself", () => {
    const lot = (id: string) => ({ id, purchasedAt: 0, expiresAt: 1_000 });
    expect(compareDrawOrder(lot("lot-a"), lot("lot-b"))).toBe(-1);
    expect(compareDrawOrder(lot("lot-b"), lot("lot-a"))).toBe(1);
    expect(compareDrawOrder(lot("lot-a"), lot("lot-a"))).toBe(0);
    // "Z" (U+005A) sorts before "a" (U+0061) in code units, unlike a locale order.
    expect(compareDrawOrder(lot("Z"), lot("a"))).toBe(-1);
  });
});

describe("a session ends at start + duration, exclusive", () => {
  // A 5-hour session opened at 10:00 counts until 15:00 (exclusive).
  const session: WindowShape = { kind: "session", durationMs: 5 * H };
  const opened = ms("2026-06-04T10:00:00Z");
  const end = opened + 5 * H;
  const open = (): WindowValue => ({ kind: "session", start: opened, used: atoms(3), lastAt: opened });

  it("its span: the open session until 15:00; at 15:00 the one a usage would open, 15:00–20:00", () => {
    expect(windowExtent(session, open(), end - 1)).toEqual({ start: opened, end });
    expect(windowExtent(session, open(), end)).toEqual({ start: end, end: end + 5 * H });
  });

  it("a usage 1 ms before the end adds to it; at the end or later it opens a new session", () => {
    const before = open();
    consumeInPlace(session, before, end - 1, atoms(2));
    expect(before).toEqual({ kind: "session", start: opened, used: atoms(5), lastAt: end - 1 });
    for (const at of [end, end + H]) {
      const after = open();
      consumeInPlace(session, after, at, atoms(2));
      expect(after).toEqual({ kind: "session", start: at, used: atoms(2), lastAt: at });
    }
  });
});

describe("a sliding window drops a record when it stops counting", () => {
  // 5 hours at 1-minute resolution: a record at 10:00 counts until 15:00 (exclusive).
  const sliding: WindowShape = { kind: "sliding", durationMs: 5 * H, resolutionMs: 60_000 };
  const t0 = ms("2026-06-04T10:00:00Z");

  it("a usage at 15:00 finds the 10:00 record gone: one record, and the total is its own", () => {
    const value = emptyWindow(sliding);
    consumeInPlace(sliding, value, t0, atoms(4));
    consumeInPlace(sliding, value, t0 + 5 * H, atoms(1));
    expect(value).toEqual({
      kind: "sliding",
      records: [{ slot: (t0 + 5 * H) / 60_000, at: t0 + 5 * H, units: atoms(1) }],
      total: atoms(1),
      lastAt: t0 + 5 * H,
    });
  });

  it("a usage 1 ms earlier keeps it: two records, 5 units", () => {
    const value = emptyWindow(sliding);
    consumeInPlace(sliding, value, t0, atoms(4));
    consumeInPlace(sliding, value, t0 + 5 * H - 1, atoms(1));
    expect(value.kind === "sliding" && [value.records.length, value.total]).toEqual([2, atoms(5)]);
    // The next capacity comes back when the 10:00 record stops counting.
    expect(nextResetAt(window(sliding, 10), value, t0 + 5 * H - 1)).toBe(t0 + 5 * H);
  });
});

describe("nextResetAt on a sliding window: the first record still counting that holds units", () => {
  const sliding: WindowShape = { kind: "sliding", durationMs: 5 * H, resolutionMs: 60_000 };
  const t0 = ms("2026-06-04T10:00:00Z");
  const value = (firstUnits: number): WindowValue => ({
    kind: "sliding",
    records: [
      { slot: t0 / 60_000, at: t0, units: atoms(firstUnits) },
      { slot: (t0 + H) / 60_000, at: t0 + H, units: atoms(1) },
    ],
    total: atoms(firstUnits + 1),
    lastAt: t0 + H,
  });

  it("at 12:00 the 10:00 record frees first (15:00); at 15:00 it has gone, so 16:00", () => {
    expect(nextResetAt(window(sliding, 10), value(4), t0 + 2 * H)).toBe(t0 + 5 * H);
    expect(nextResetAt(window(sliding, 10), value(4), t0 + 5 * H)).toBe(t0 + 6 * H);
    expect(nextResetAt(window(sliding, 10), value(4), t0 + 6 * H)).toBeNull();
  });

  it("a record a void emptied (0 units) frees nothing: the next one is the answer", () => {
    expect(nextResetAt(window(sliding, 10), value(0), t0 + 2 * H)).toBe(t0 + 6 * H);
  });
});

describe("a calendar window keeps its block until the block ends", () => {
  const w = window(fiveHourUtc, 10);
  const start = ms("2026-06-04T10:00:00Z");
  const held = (): WindowValue => ({
    kind: "calendar",
    start,
    end: start + 5 * H,
    used: atoms(3),
    lastAt: start,
  });

  it("a usage at the block's first instant adds to it (consume and in place)", () => {
    const added = consume(w, held(), start, atoms(2));
    expect(added.ok && added.value).toEqual({
      kind: "calendar",
      start,
      end: start + 5 * H,
      used: atoms(5),
      lastAt: start,
    });
    const owned = held();
    consumeInPlace(w.shape, owned, start, atoms(2));
    expect(owned).toEqual({ kind: "calendar", start, end: start + 5 * H, used: atoms(5), lastAt: start });
  });

  it("a usage at its end starts the next block with its own units (consume and in place)", () => {
    const next = {
      kind: "calendar",
      start: start + 5 * H,
      end: start + 10 * H,
      used: atoms(2),
      lastAt: start + 5 * H,
    };
    const moved = consume(w, held(), start + 5 * H, atoms(2));
    expect(moved.ok && moved.value).toEqual(next);
    const owned = held();
    consumeInPlace(w.shape, owned, start + 5 * H, atoms(2));
    expect(owned).toEqual(next);
  });
});
