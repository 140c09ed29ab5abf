/**
 * quotaStatus names each window's span, always: the dashboard draws "10:00–15:00" and a
 * countdown from them, with or without a running plan.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvent, createLedger, type LedgerState, quotaStatus, tokenPlanChinaCatalog } from "../../src";
import { eventSequenceArb } from "../support/arbitraries";
import { slidingAndSessionCatalog } from "../support/catalogs";
import { clockOf, runEvents, unwrap } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

function ledger(options: Parameters<typeof createLedger>[0] = {}): LedgerState {
  const created = createLedger(options);
  if (!created.ok) throw new Error(created.error.message);
  return created.state;
}

function apply(state: LedgerState, event: Parameters<typeof applyEvent>[1]): LedgerState {
  const r = applyEvent(state, event);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

function spans(state: LedgerState, at: string) {
  const r = quotaStatus(state, at);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.buckets.flatMap((b) =>
    b.windows.map((w) => [`${b.bucket}/${w.window}`, w.windowStart, w.windowEnd, w.limit, w.resetsAt]),
  );
}

const thursday = "2026-06-04T14:10:00Z";

describe("quotaStatus gives every window's start and end", () => {
  it("without any plan: the blocks holding `at`, still read as not in the plan (0 of 0, no reset)", () => {
    expect(spans(ledger(), thursday)).toEqual([
      // The 10:00–15:00 block, the Monday week, the UTC day.
      ["general/5h", "2026-06-04T10:00:00.000Z", "2026-06-04T15:00:00.000Z", "0", null],
      ["general/weekly", "2026-06-01T00:00:00.000Z", "2026-06-08T00:00:00.000Z", "0", null],
      ["video/daily", "2026-06-04T00:00:00.000Z", "2026-06-05T00:00:00.000Z", "0", null],
    ]);
  });

  it("with Max: the same spans, with the limits and the resets", () => {
    const state = apply(ledger(), { type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "max" });
    expect(spans(state, thursday)).toEqual([
      [
        "general/5h",
        "2026-06-04T10:00:00.000Z",
        "2026-06-04T15:00:00.000Z",
        "19.834",
        "2026-06-04T15:00:00.000Z",
      ],
      [
        "general/weekly",
        "2026-06-01T00:00:00.000Z",
        "2026-06-08T00:00:00.000Z",
        "297.51",
        "2026-06-08T00:00:00.000Z",
      ],
      [
        "video/daily",
        "2026-06-04T00:00:00.000Z",
        "2026-06-05T00:00:00.000Z",
        "3",
        "2026-06-05T00:00:00.000Z",
      ],
    ]);
  });

  it("the last block of the day is 20:00–24:00, and a block's end belongs to the next block", () => {
    const [fiveHour] = spans(ledger(), "2026-06-04T23:59:59.999Z");
    expect(fiveHour?.slice(1, 3)).toEqual(["2026-06-04T20:00:00.000Z", "2026-06-05T00:00:00.000Z"]);
    const [next] = spans(ledger(), "2026-06-05T00:00:00Z");
    expect(next?.slice(1, 3)).toEqual(["2026-06-05T00:00:00.000Z", "2026-06-05T05:00:00.000Z"]);
  });

  it("China site: blocks cut in Asia/Shanghai (14:10Z is 22:10 there: the 20:00–24:00 block, 12:00Z–16:00Z)", () => {
    const [fiveHour, weekly] = spans(ledger({ catalog: tokenPlanChinaCatalog }), thursday);
    expect(fiveHour?.slice(1, 3)).toEqual(["2026-06-04T12:00:00.000Z", "2026-06-04T16:00:00.000Z"]);
    // Monday 00:00 in Shanghai is Sunday 16:00Z.
    expect(weekly?.slice(1, 3)).toEqual(["2026-05-31T16:00:00.000Z", "2026-06-07T16:00:00.000Z"]);
  });

  it("sliding: the 5 hours looking back from `at`; session: the open one, or the one a usage now would open", () => {
    let state = ledger({ catalog: slidingAndSessionCatalog });
    state = apply(state, { type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "max" });
    // No usage yet: a usage at 14:10 would open a 7-day session from 14:10.
    expect(spans(state, thursday).slice(0, 2)).toEqual([
      ["general/5h", "2026-06-04T09:10:00.000Z", "2026-06-04T14:10:00.000Z", "19.834", null],
      ["general/weekly", "2026-06-04T14:10:00.000Z", "2026-06-11T14:10:00.000Z", "297.51", null],
    ]);
    state = apply(state, {
      type: "usage",
      id: "u",
      at: "2026-06-04T14:10:00Z",
      resource: "music",
      measures: { songs: 1 },
    });
    // Two days later the session opened by that usage is still open until 06-11 14:10.
    const later = spans(state, "2026-06-06T08:00:00Z");
    expect(later[1]).toEqual([
      "general/weekly",
      "2026-06-04T14:10:00.000Z",
      "2026-06-11T14:10:00.000Z",
      "297.51",
      "2026-06-11T14:10:00.000Z",
    ]);
    // Once it has closed, the next usage would open a new one.
    expect(spans(state, "2026-06-12T00:00:00Z")[1]?.slice(1, 3)).toEqual([
      "2026-06-12T00:00:00.000Z",
      "2026-06-19T00:00:00.000Z",
    ]);
  });

  it("a lapsed plan keeps the spans, and the block still remembers earlier use behind 0 of 0", () => {
    let state = apply(ledger(), { type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
    state = apply(state, { type: "cancel", id: "c", at: "2026-06-02T00:00:00Z" });
    const after = quotaStatus(state, "2026-07-01T11:00:00Z");
    expect(after.ok && after.value.tier).toBeNull();
    expect(after.ok && after.value.buckets[0]?.windows[0]).toMatchObject({
      used: "0",
      limit: "0",
      usedPercent: 100,
      windowStart: "2026-07-01T10:00:00.000Z",
      windowEnd: "2026-07-01T15:00:00.000Z",
      resetsAt: null,
    });
  });
});

describe("property: a window's span holds `at`", () => {
  it(
    "windowStart ≤ at < windowEnd for every calendar window, and a calendar window resets at its end",
    () => {
      fc.assert(
        fc.property(
          eventSequenceArb({ maxLength: 12 }),
          fc.integer({ min: 0, max: 30 * 86_400_000 }),
          (events, ahead) => {
            const run = runEvents(events);
            const at = clockOf(run.final, Date.UTC(2026, 5, 1)) + ahead;
            const status = unwrap(quotaStatus(run.final, at));
            for (const bucket of status.buckets) {
              for (const w of bucket.windows) {
                const [start, end] = [Date.parse(w.windowStart), Date.parse(w.windowEnd)];
                expect(start <= at && at < end, `${bucket.bucket}/${w.window} at ${at}`).toBe(true);
                if (w.resetsAt !== null) expect(w.resetsAt).toBe(w.windowEnd);
              }
            }
          },
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
