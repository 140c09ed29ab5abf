/**
 * ledgerFromRemains: start metering from the provider's numbers. The ledger's windows
 * hold what the snapshot says is used; where only a percentage is known, that share of
 * the catalog's limit, and the approximations say so.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  extendCatalog,
  ledgerFromRemains,
  parseLedger,
  quotaStatus,
  reconcile,
  tokenPlanChinaCatalog,
  tokenPlanV1Catalog,
} from "../../src";
import { slidingAndSessionCatalog } from "../support/catalogs";
import { deepFreeze } from "../support/freeze";
import { textOf } from "../support/text";
import { must, oneRow, snapshotOf, V1_AT, V2_AT } from "./support";

const bars = (state: Parameters<typeof quotaStatus>[0], at: string) =>
  must(quotaStatus(state, at)).buckets.flatMap((b) =>
    b.windows.map((w) => [`${b.bucket}/${w.window}`, w.used, w.limit]),
  );

describe("a Max account starts from the provider's 37 % / 12 % / video 1 of 3", () => {
  const snapshot = snapshotOf("current-v2.json");
  const started = must(ledgerFromRemains(snapshot, { tier: "max", at: V2_AT }));

  it("holds 37 % of 19.834 = 7.33858 this block, 12 % of 297.51 = 35.7012 this week, and 1 video today", () => {
    expect(bars(started.state, V2_AT)).toEqual([
      ["general/5h", "7.33858", "19.834"],
      ["general/weekly", "35.7012", "297.51"],
      ["video/daily", "1", "3"], // the payload's total is the catalog's limit: the count is used as it is
    ]);
  });

  it("says which figures are shares of the catalog's limit, and that the subscription starts now", () => {
    expect(started.approximations).toEqual([
      {
        bucket: null,
        window: null,
        row: null,
        message:
          "The payload does not say when the subscription began or renews: it starts at 2026-06-04T12:10:00.000Z.",
      },
      {
        bucket: "general",
        window: "5h",
        row: "general",
        message:
          "Only a percentage is known (37 % used): used = 37 % of the catalog's limit 19.834 = 7.33858.",
      },
      {
        bucket: "general",
        window: "weekly",
        row: "general",
        message:
          "Only a percentage is known (12 % used): used = 12 % of the catalog's limit 297.51 = 35.7012.",
      },
    ]);
  });

  it("reconciles with the snapshot it came from: no difference", () => {
    expect(must(reconcile(started.state, snapshot, V2_AT)).differences).toEqual([]);
  });

  it("is a real ledger: it stores, loads, and meters on (the block resets at 15:00)", () => {
    const loaded = must(parseLedger(textOf(started.state)));
    const next = applyEvent(loaded, {
      type: "usage",
      id: "u1",
      at: "2026-06-04T15:00:00Z",
      resource: "MiniMax-M3",
      measures: { outputTokens: 1_000_000 },
    });
    expect(next.ok && next.outcome.type === "usage" ? next.outcome.quota.units : null).toBe("1.2");
    expect(bars(next.ok ? next.state : loaded, "2026-06-04T15:00:00Z")[0]).toEqual([
      "general/5h",
      "1.2",
      "19.834",
    ]);
  });

  it("never changes its input", () => {
    expect(ledgerFromRemains(deepFreeze(snapshotOf("current-v2.json")), { tier: "max", at: V2_AT })).toEqual(
      ledgerFromRemains(snapshot, { tier: "max", at: V2_AT }),
    );
  });
});

describe("exact counts", () => {
  it("v1 Max: 1,500 of 4,500 used, 5,000 of 45,000 this week, 120 of 120 images, with no approximation but the start", () => {
    const started = must(
      ledgerFromRemains(snapshotOf("legacy-v1.json"), {
        catalog: tokenPlanV1Catalog,
        tier: "max",
        at: V1_AT,
      }),
    );
    expect(bars(started.state, V1_AT).slice(0, 3)).toEqual([
      ["general/5h", "1500", "4500"],
      ["general/weekly", "5000", "45000"],
      ["image/daily", "120", "120"],
    ]);
    expect(started.approximations.filter((a) => a.window !== null)).toEqual([]);
    expect(started.approximations.map((a) => a.row ?? a.bucket)).toEqual([
      null,
      "speech-02-hd",
      "speech",
      "music",
      "video",
    ]);
  });

  it("v1 Plus: the provider's totals are not the catalog's limits, so the share is carried over (33.33… % of 1,500 = 500)", () => {
    const started = must(
      ledgerFromRemains(snapshotOf("legacy-v1.json"), {
        catalog: tokenPlanV1Catalog,
        tier: "plus",
        at: V1_AT,
      }),
    );
    // The snapshot's usedPercent is 33.33 (2 places): 33.33 % of 1,500 = 499.95.
    expect(bars(started.state, V1_AT)[0]).toEqual(["general/5h", "499.95", "1500"]);
    expect(started.approximations[1]?.message).toBe(
      "The provider's total 4500 is not the catalog's limit 1500: used = 33.33 % of the catalog's limit 1500 = 499.95.",
    );
  });

  it("counts that disagree with the provider's percentage: the percentage wins, noted", () => {
    // 100 of 100 used, yet 60 % remaining: the counts fit neither reading.
    const snapshot = oneRow(
      {
        current_interval_total_count: "19.834",
        current_interval_usage_count: "19.834",
        current_interval_remaining_percent: 60,
        current_interval_status: 1,
      },
      { endpoint: "current" },
    );
    const started = must(ledgerFromRemains(snapshot, { tier: "max", at: V2_AT }));
    expect(bars(started.state, V2_AT)[0]).toEqual(["general/5h", "7.9336", "19.834"]); // 40 % of 19.834
    expect(started.approximations[1]?.message).toContain("The counts and the percentage disagree");
  });
});

describe("what the ledger cannot hold", () => {
  it("Plus has no video (0 a day) but the payload shows 1 of 3: noted, the window starts empty", () => {
    const started = must(ledgerFromRemains(snapshotOf("current-v2.json"), { tier: "plus", at: V2_AT }));
    expect(started.approximations).toContainEqual({
      bucket: "video",
      window: "daily",
      row: "video",
      message:
        "The provider reports normal, the catalog's tier \"plus\" a limit of 0: the ledger keeps the catalog's rules, and the window starts empty.",
    });
  });

  it("a weekly window the provider does not limit starts empty, noted; an unreported one too", () => {
    const started = must(
      ledgerFromRemains(snapshotOf("unlimited-weekly.json"), {
        catalog: tokenPlanV1Catalog,
        tier: "max",
        at: V1_AT,
      }),
    );
    expect(bars(started.state, V1_AT).slice(0, 2)).toEqual([
      ["general/5h", "900", "4500"],
      ["general/weekly", "0", "45000"],
    ]);
    expect(started.approximations.map((a) => a.message)).toContainEqual(
      expect.stringContaining("The provider reports unlimited"),
    );
    const missing = must(ledgerFromRemains(snapshotOf("missing-fields.json"), { tier: "max", at: V2_AT }));
    expect(
      missing.approximations
        .filter((a) => a.message.includes("does not report this window"))
        .map((a) => a.window),
    ).toEqual(["weekly", "daily"]);
    expect(bars(missing.state, V2_AT)[0]).toEqual(["general/5h", "19.834", "19.834"]); // exhausted, from the room
  });

  it("a normal window with no figure at all starts empty, noted", () => {
    const started = must(
      ledgerFromRemains(oneRow({ current_interval_status: 1 }), { tier: "max", at: V2_AT }),
    );
    expect(started.approximations[1]?.message).toBe(
      "No figure says how much is used: the window starts empty.",
    );
  });

  it("a boost the catalog does not have: the catalog's limit is kept, noted", () => {
    const started = must(ledgerFromRemains(snapshotOf("boost-permille.json"), { tier: "max", at: V2_AT }));
    expect(started.approximations.map((a) => a.message)).toContainEqual(
      expect.stringContaining("The payload's boost (1500‰)"),
    );
    // 20 % of the boosted total is used; the ledger holds 20 % of its own limit 19.834 = 3.9668.
    expect(bars(started.state, V2_AT)[0]).toEqual(["general/5h", "3.9668", "19.834"]);
  });

  it("a boost the catalog has too is not noted", () => {
    const boosted = must(
      extendCatalog(tokenPlanV1Catalog, {
        id: "v1-boosted",
        tiers: {
          max: {
            limits: {
              general: {
                "5h": {
                  units: "4500",
                  boosts: [{ from: "2026-04-01T00:00:00Z", until: "2026-05-01T00:00:00Z", permille: 1500 }],
                },
              },
            },
          },
        },
      }),
    );
    const snapshot = oneRow(
      {
        current_interval_total_count: 4500,
        current_interval_usage_count: 1350,
        interval_boost_permille: 1500,
        current_interval_status: 1,
      },
      { endpoint: "current" },
    );
    const started = must(ledgerFromRemains(snapshot, { catalog: boosted, tier: "max", at: V1_AT }));
    expect(started.approximations.filter((a) => a.window === "5h")).toEqual([]);
    expect(bars(started.state, V1_AT)[0]).toEqual(["general/5h", "1350", "6750"]);
  });
});

describe("where the windows sit", () => {
  it("a global payload on the China calendar: the ledger keeps the catalog's block, noted", () => {
    const started = must(
      ledgerFromRemains(snapshotOf("current-v2.json"), {
        catalog: tokenPlanChinaCatalog,
        tier: "max",
        at: V2_AT,
      }),
    );
    expect(
      started.approximations.find((a) => a.window === "5h" && a.message.startsWith("The payload's window"))
        ?.message,
    ).toBe(
      "The payload's window (2026-06-04T10:00:00.000Z to 2026-06-04T15:00:00.000Z) is not the catalog's block (2026-06-04T12:00:00.000Z to 2026-06-04T16:00:00.000Z); the ledger keeps the catalog's.",
    );
  });

  it("sliding and session windows: the session opens at the payload's start; sliding units count from now, noted", () => {
    const started = must(
      ledgerFromRemains(snapshotOf("current-v2.json"), {
        catalog: slidingAndSessionCatalog,
        tier: "max",
        at: V2_AT,
      }),
    );
    expect(
      started.approximations.find((a) => a.window === "5h" && a.message.includes("free later")),
    ).toBeDefined();
    expect(started.approximations.filter((a) => a.window === "weekly").map((a) => a.message)).toEqual([
      "Only a percentage is known (12 % used): used = 12 % of the catalog's limit 297.51 = 35.7012.",
    ]);
    const status = must(quotaStatus(started.state, V2_AT));
    // The 7-day session opened Monday 00:00 (the payload's weekly start), so it ends the next Monday 00:00.
    expect(status.buckets[0]?.windows[1]).toMatchObject({
      used: "35.7012",
      resetsAt: "2026-06-08T00:00:00.000Z",
    });
    expect(status.buckets[0]?.windows[0]).toMatchObject({
      used: "7.33858",
      resetsAt: "2026-06-04T17:10:00.000Z",
    });
  });

  it("a session whose payload start is not known opens now, noted", () => {
    const snapshot = oneRow({ current_weekly_remaining_percent: 90, current_weekly_status: 1 });
    const started = must(
      ledgerFromRemains(snapshot, { catalog: slidingAndSessionCatalog, tier: "max", at: V2_AT }),
    );
    expect(started.approximations.map((a) => a.message)).toContainEqual(
      "The payload does not say when this session opened: it opens at 2026-06-04T12:10:00.000Z.",
    );
  });
});

describe("refusals", () => {
  const snapshot = snapshotOf("current-v2.json");
  it.each([
    ["an unknown tier", { tier: "mega", at: V2_AT }, "unknown_tier", ["tier"]],
    ["a bad instant", { tier: "max", at: "yesterday" }, "invalid_instant", ["at"]],
    ["a raw catalog", { tier: "max", at: V2_AT, catalog: {} }, "invalid_catalog", ["catalog"]],
    ["no tier", { at: V2_AT }, "invalid_input", ["tier"]],
    [
      "a mapping to an unknown bucket",
      { tier: "max", at: V2_AT, mapping: { buckets: { video: "film" } } },
      "unknown_bucket",
      ["mapping", "buckets", "video"],
    ],
  ])("%s", (_label, options, code, path) => {
    const r = ledgerFromRemains(snapshot, options as never);
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual([code, path]);
  });

  it("something that is not a snapshot", () => {
    const r = ledgerFromRemains([] as never, { tier: "max", at: V2_AT });
    expect(r.ok ? null : r.error.path).toEqual(["snapshot"]);
  });
});
