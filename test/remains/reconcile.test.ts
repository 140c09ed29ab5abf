/**
 * reconcile: a gateway's own metering against the provider's numbers. Each story sets
 * up a ledger, reads a fixture, and checks the differences with the hand arithmetic
 * beside them. Tolerance by default: 1 percentage point, inclusive; resets 1,000 ms.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvents,
  type Catalog,
  defaultCatalog,
  type LedgerEvent,
  type LedgerState,
  ledgerFromRemains,
  type RemainsSnapshot,
  reconcile,
  remainsReport,
  tokenPlanChinaCatalog,
  tokenPlanV1Catalog,
} from "../../src";
import { deepFreeze } from "../support/freeze";
import { emptyLedger, must, oneRow, snapshotOf, V1_AT, V2_AT } from "./support";

function ledger(events: readonly LedgerEvent[], catalog: Catalog = defaultCatalog): LedgerState {
  const applied = applyEvents(emptyLedger(catalog), events);
  if (!applied.ok) throw new Error(applied.error.message);
  return applied.state;
}

const subscribeMax: LedgerEvent = { type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier: "max" };
// Thursday 10:30: 6,000,000 M3 output tokens × $1.20 / 1M = $7.20 of the 10:00–15:00 block.
const sevenTwenty: LedgerEvent = {
  type: "usage",
  id: "m3",
  at: "2026-06-04T10:30:00Z",
  resource: "MiniMax-M3",
  measures: { outputTokens: 6_000_000 },
};

describe("a Max gateway that metered $7.20 this block against the provider's 37 % / 12 % / video 1 of 3", () => {
  const state = ledger([subscribeMax, sevenTwenty]);
  const snapshot = snapshotOf("current-v2.json");
  const result = must(reconcile(state, snapshot, V2_AT));

  it("5-hour: 7.2 / 19.834 = 36.30 % against 37 %: 0.70 points, within the default 1-point tolerance", () => {
    expect(result.differences.filter((d) => d.window === "5h")).toEqual([]);
    expect(result.tolerancePercent).toBe("1");
  });

  it("weekly: 7.2 / 297.51 = 2.42 % against 12 %: 9.58 points short (amounts not comparable: v2 sends no counts)", () => {
    expect(result.differences.filter((d) => d.window === "weekly")).toEqual([
      {
        type: "used",
        bucket: "general",
        window: "weekly",
        kind: "weekly",
        row: "general",
        ledgerPercent: "2.420086719774",
        providerPercent: "12",
        byPercent: "-9.579913280226",
        ledgerUsed: "7.2",
        providerUsed: null,
        byUnits: null,
        message:
          "general/weekly: the ledger has 2.420086719774 % used, the provider 12 % (-9.579913280226 points).",
      },
    ]);
  });

  it("video: the ledger has 0 of 3, the provider 1 of 3 (34 %): totals equal, so the units are compared too", () => {
    expect(result.differences.filter((d) => d.bucket === "video")).toEqual([
      expect.objectContaining({
        type: "used",
        window: "daily",
        ledgerPercent: "0",
        providerPercent: "34",
        byPercent: "-34",
        ledgerUsed: "0",
        providerUsed: "1",
        byUnits: "-1",
      }),
    ]);
  });

  it("the reset instants agree (15:00, Monday, midnight); video's weekly has no catalog window and is not compared", () => {
    expect(result.differences.map((d) => d.type)).toEqual(["used", "used"]);
    expect(result.compared).toEqual([
      { bucket: "general", window: "5h", row: "general" },
      { bucket: "general", window: "weekly", row: "general" },
      { bucket: "video", window: "daily", row: "video" },
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.at).toBe("2026-06-04T12:10:00.000Z");
  });

  it("a tighter tolerance (0.5) reports the 5-hour drift: 36.301300796612 − 37 = −0.698699203388", () => {
    const tight = must(reconcile(state, snapshot, V2_AT, { tolerancePercent: "0.5" }));
    expect(tight.differences.find((d) => d.window === "5h")).toMatchObject({
      type: "used",
      byPercent: "-0.698699203388",
    });
  });

  it("exactly at the tolerance is not a difference (inclusive): 12 % vs 13 % with tolerance 1", () => {
    const twelve = oneRow({
      current_interval_remaining_percent: 63,
      current_interval_status: 1,
      current_weekly_remaining_percent: 87,
      current_weekly_status: 1,
    });
    // Weekly ledger 2.420… vs provider 13 → reported; with tolerance 10.579913280226 exactly → not.
    const exact = must(reconcile(state, twelve, V2_AT, { tolerancePercent: "10.579913280226" }));
    expect(exact.differences.filter((d) => d.window === "weekly")).toEqual([]);
    const justOver = must(reconcile(state, twelve, V2_AT, { tolerancePercent: "10.579913280225" }));
    expect(justOver.differences.filter((d) => d.window === "weekly")).toHaveLength(1);
  });

  it("a gateway that metered more than the provider: a positive difference", () => {
    // The provider has the 5-hour block at 10 % (90 % remaining); the ledger at 36.30 %: +26.30 points.
    const low = oneRow({ current_interval_remaining_percent: 90, current_interval_status: 1 });
    expect(must(reconcile(state, low, V2_AT)).differences[0]?.message).toBe(
      "general/5h: the ledger has 36.301300796612 % used, the provider 10 % (+26.301300796612 points).",
    );
  });

  it("changes nothing: deep-frozen inputs, equal answers", () => {
    expect(reconcile(deepFreeze(state), deepFreeze(snapshotOf("current-v2.json")), V2_AT)).toEqual(
      reconcile(state, snapshot, V2_AT),
    );
  });
});

describe("whose reset instant disagrees", () => {
  it("a ledger on the China site's calendar read against a global-site payload", () => {
    // 12:10Z is 20:10 +08:00: the China block is 20:00–24:00 +08:00 = 12:00–16:00Z, the provider's ends 15:00Z.
    // The China week and day end at midnight +08:00 = 16:00Z the day before the provider's midnight UTC.
    const state = ledger([{ ...subscribeMax, at: "2026-05-31T16:00:00Z" }], tokenPlanChinaCatalog);
    const result = must(reconcile(state, snapshotOf("current-v2.json"), V2_AT));
    const resets = result.differences.filter((d) => d.type === "reset");
    expect(resets.map((d) => [d.window, d.type === "reset" ? d.byMs : null])).toEqual([
      ["5h", 3_600_000], // 16:00Z − 15:00Z
      ["weekly", -28_800_000], // Monday 00:00 +08:00 = Sunday 16:00Z, 8 h before Monday 00:00Z
      ["daily", -28_800_000],
    ]);
    expect(resets[0]?.message).toContain("check the catalog's time zone");
  });

  it("within the reset tolerance (an end sent as …:59.999) is not a difference", () => {
    const state = ledger([subscribeMax]);
    const snapshot = oneRow({
      current_interval_remaining_percent: 100,
      current_interval_status: 1,
      end_time: 1_780_585_199_999,
    });
    expect(must(reconcile(state, snapshot, V2_AT)).differences).toEqual([]);
    expect(
      must(reconcile(state, snapshot, V2_AT, { resetToleranceMs: 0 })).differences.map((d) => d.type),
    ).toEqual(["reset"]);
  });
});

describe("whether a window limits at all", () => {
  it("Plus has video at 0 a day; a payload that shows video in use is a coverage difference", () => {
    const state = ledger([{ ...subscribeMax, tier: "plus" }]);
    const result = must(reconcile(state, snapshotOf("current-v2.json"), V2_AT));
    expect(result.differences.filter((d) => d.type === "coverage")).toEqual([
      {
        type: "coverage",
        bucket: "video",
        window: "daily",
        kind: "interval",
        row: "video",
        ledger: "notLimited",
        provider: "normal",
        message: "The provider reports video/daily as normal; the ledger does not let quota pay here.",
      },
    ]);
  });

  it("Plus without video on both sides (0 a day, not in plan): no difference", () => {
    const state = ledger([{ ...subscribeMax, tier: "plus" }]);
    expect(must(reconcile(state, snapshotOf("plus-video-not-in-plan.json"), V2_AT)).differences).toEqual([]);
  });

  it("a legacy account with no weekly limit against a catalog that has one", () => {
    const state = ledger(
      [{ type: "subscribe", id: "s", at: "2026-04-13T00:00:00Z", tier: "max" }],
      tokenPlanV1Catalog,
    );
    const result = must(reconcile(state, snapshotOf("unlimited-weekly.json"), V1_AT));
    expect(result.differences.filter((d) => d.type === "coverage")).toEqual([
      expect.objectContaining({ window: "weekly", ledger: "limited", provider: "unlimited" }),
    ]);
  });

  it("a ledger without a subscription: every limited payload window is a coverage difference", () => {
    const result = must(reconcile(emptyLedger(), snapshotOf("current-v2.json"), V2_AT));
    expect(result.differences.map((d) => [d.type, d.window])).toEqual([
      ["coverage", "5h"],
      ["coverage", "weekly"],
      ["coverage", "daily"],
    ]);
  });

  it("a window the payload does not report is skipped, with the reason", () => {
    const state = ledger([subscribeMax]);
    const result = must(reconcile(state, snapshotOf("missing-fields.json"), V2_AT));
    expect(result.skipped).toEqual([
      {
        bucket: "general",
        window: "weekly",
        row: "general",
        reason: "the payload does not say how this window stands",
      },
      {
        bucket: "video",
        window: "daily",
        row: "video",
        reason: "the payload does not say how this window stands",
      },
    ]);
    // The 5-hour window is exhausted by the provider (0 % left), empty in the ledger: 0 − 100 = −100 points.
    expect(result.differences).toEqual([
      expect.objectContaining({ type: "used", window: "5h", byPercent: "-100" }),
    ]);
  });
});

describe("the older rules: per-model rows, counts in requests", () => {
  const snapshot = snapshotOf("legacy-v1.json");

  it("a v1 Max ledger that metered 1,500 requests this block and 5,000 this week agrees with the provider", () => {
    const usages = (n: number, at: string, prefix: string): LedgerEvent[] =>
      Array.from({ length: n }, (_, i) => ({
        type: "usage",
        id: `${prefix}${i}`,
        at,
        resource: "MiniMax-M2.7",
        measures: { outputTokens: 10 },
      }));
    const state = ledger(
      [
        { type: "subscribe", id: "s", at: "2026-04-13T00:00:00Z", tier: "max" },
        ...usages(3500, "2026-04-14T09:00:00Z", "mon-"), // earlier this week: weekly only
        ...usages(1500, "2026-04-15T10:30:00Z", "now-"), // this block: both windows
        ...Array.from(
          { length: 120 },
          (_, i): LedgerEvent => ({
            type: "usage",
            id: `img-${i}`,
            at: "2026-04-15T11:00:00Z",
            resource: "image-01",
            measures: { images: 1 },
          }),
        ),
      ],
      tokenPlanV1Catalog,
    );
    const result = must(reconcile(state, snapshot, V1_AT));
    expect(result.differences).toEqual([]);
    expect(result.compared.map((c) => `${c.row}→${c.bucket}/${c.window}`)).toEqual([
      "MiniMax-M2.7→general/5h",
      "MiniMax-M2.7→general/weekly",
      "image-01→image/daily",
    ]);
    expect(result.skipped).toContainEqual({
      bucket: null,
      window: null,
      row: "speech-02-hd",
      reason: "no catalog bucket or resource has this name",
    });
  });

  it("the same payload against a Plus ledger: the totals are not the catalog's limits (4,500 vs 1,500)", () => {
    const state = ledger(
      [{ type: "subscribe", id: "s", at: "2026-04-13T00:00:00Z", tier: "plus" }],
      tokenPlanV1Catalog,
    );
    const limitsDiffer = must(reconcile(state, snapshot, V1_AT)).differences.filter(
      (d) => d.type === "limit",
    );
    expect(
      limitsDiffer.map((d) => (d.type === "limit" ? [d.window, d.ledgerLimit, d.providerLimit] : null)),
    ).toEqual([
      ["5h", "1500", "4500"],
      ["weekly", "15000", "45000"],
      ["daily", "50", "120"],
    ]);
  });

  it("a mapping sends an unknown row to a bucket, and can leave a window out", () => {
    const state = ledger(
      [{ type: "subscribe", id: "s", at: "2026-04-13T00:00:00Z", tier: "max" }],
      tokenPlanV1Catalog,
    );
    const result = must(
      reconcile(state, snapshot, V1_AT, {
        mapping: {
          buckets: { "speech-02-hd": "speech", "image-01": null },
          windows: { general: { weekly: null } },
        },
      }),
    );
    expect(result.compared.map((c) => `${c.row}→${c.bucket}/${c.window}`)).toEqual([
      "MiniMax-M2.7→general/5h",
      "speech-02-hd→speech/daily",
    ]);
    expect(result.skipped).toContainEqual({
      bucket: "general",
      window: "weekly",
      row: "MiniMax-M2.7",
      reason: "no payload window stands for it",
    });
    expect(result.skipped).toContainEqual({
      bucket: null,
      window: null,
      row: "image-01",
      reason: "no catalog bucket or resource has this name",
    });
  });

  it("two rows for one bucket: the first keeps it", () => {
    const state = ledger(
      [{ type: "subscribe", id: "s", at: "2026-04-13T00:00:00Z", tier: "max" }],
      tokenPlanV1Catalog,
    );
    const twoRows: RemainsSnapshot = {
      ...snapshot,
      buckets: [
        snapshot.buckets[0],
        { ...(snapshot.buckets[0] as RemainsSnapshot["buckets"][number]), name: "minimax-m2.7" },
      ] as RemainsSnapshot["buckets"],
    };
    expect(must(reconcile(state, twoRows, V1_AT)).skipped).toContainEqual({
      bucket: "general",
      window: null,
      row: "minimax-m2.7",
      reason: 'bucket "general" is already paired with row "MiniMax-M2.7"',
    });
  });
});

describe("refusals", () => {
  const state = ledger([subscribeMax]);
  const snapshot = snapshotOf("current-v2.json");
  it.each([
    ["a tolerance that is not a number", { tolerancePercent: "abc" }, "invalid_amount", ["tolerancePercent"]],
    ["a negative reset tolerance", { resetToleranceMs: -1 }, "invalid_input", ["resetToleranceMs"]],
    [
      "a mapping to an unknown bucket",
      { mapping: { buckets: { general: "nope" } } },
      "unknown_bucket",
      ["mapping", "buckets", "general"],
    ],
    [
      "a mapping for an unknown bucket",
      { mapping: { windows: { nope: {} } } },
      "unknown_bucket",
      ["mapping", "windows", "nope"],
    ],
    [
      "a mapping to an unknown window",
      { mapping: { windows: { general: { interval: "3h" } } } },
      "invalid_input",
      ["mapping", "windows", "general", "interval"],
    ],
    [
      "both payload windows on one",
      { mapping: { windows: { general: { interval: "weekly" } } } },
      "invalid_input",
      ["mapping", "windows", "general"],
    ],
    ["an unknown option", { tolerance: 1 }, "invalid_input", ["tolerance"]],
  ])("%s", (_label, options, code, path) => {
    const r = reconcile(state, snapshot, V2_AT, options as never);
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual([code, path]);
  });

  it("a hand-made imitation of a snapshot is refused by every function that takes one, never a crash", () => {
    const real = snapshotOf("current-v2.json");
    const general = real.buckets[0] as RemainsSnapshot["buckets"][number];
    const imitations = [
      { ...real, buckets: [{ ...general, interval: { ...general.interval, usedPercent: "lots" } }] },
      { ...real, buckets: [{ ...general, weekly: { ...general.weekly, resetsAt: "soon" } }] },
      { ...real, buckets: [{ ...general, weekly: { ...general.weekly, status: "fine" } }] },
      { ...real, buckets: [{ ...general, interval: null }] },
    ] as unknown as RemainsSnapshot[];
    for (const imitation of imitations) {
      for (const r of [
        reconcile(state, imitation, V2_AT),
        ledgerFromRemains(imitation, { tier: "max", at: V2_AT }),
        remainsReport(imitation, V2_AT),
      ]) {
        expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(["invalid_input", ["snapshot"]]);
      }
    }
  });

  it("an instant before the ledger's clock, and something that is not a snapshot", () => {
    const r = reconcile(state, snapshot, "2026-05-01T00:00:00Z");
    expect(r.ok ? null : r.error.code).toBe("event_before_clock");
    const s = reconcile(state, { buckets: "no" } as never, V2_AT);
    expect(s.ok ? null : [s.error.code, s.error.path]).toEqual(["invalid_input", ["snapshot"]]);
  });
});
