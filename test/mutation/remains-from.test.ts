/**
 * `ledgerFromRemains` (`src/remains/fromRemains.ts`) at its edges: which approximations it
 * lists, with their exact sentences, where a window sits, when a session opens, and which
 * windows start empty. Written to kill the mutants Stryker left there; every ledger is started
 * inside its test.
 *
 * The default catalog's Max tier: 5-hour limit 19.834 (10:00–15:00Z block at 12:10Z), weekly
 * 297.51, video 3 a day; Plus has video at 0.
 */
import { describe, expect, it } from "vitest";
import {
  type Catalog,
  defaultCatalog,
  extendCatalog,
  type LedgerFromRemainsOptions,
  ledgerFromRemains,
  parseRemains,
  quotaStatus,
  type RemainsSnapshot,
  tokenPlanV1Catalog,
} from "../../src";
import { ms, must, oneRow, snapshotOf, V1_AT, V2_AT } from "../remains/support";
import { slidingAndSessionCatalog } from "../support/catalogs";

const started = (snapshot: RemainsSnapshot, options: Partial<LedgerFromRemainsOptions> = {}) =>
  must(ledgerFromRemains(snapshot, { tier: "max", at: V2_AT, ...options }));
const messagesOf = (s: ReturnType<typeof started>, window: string) =>
  s.approximations.filter((a) => a.window === window).map((a) => a.message);
const usedIn = (s: ReturnType<typeof started>, at: string) =>
  must(quotaStatus(s.state, at)).buckets.flatMap((b) =>
    b.windows.map((w) => `${b.bucket}/${w.window} ${w.used}`),
  );
const dayMs = 86_400_000;

describe("the subscription and the rows left out", () => {
  it("the first approximation says when the subscription starts; a bucket without a row is not started", () => {
    // Kills: the first approximation's message → "", and "Not started: …" → "".
    const snapshot = must(
      parseRemains({ model_remains: [{ model_name: "general", current_interval_status: 1 }] }),
    );
    const s = started(snapshot);
    expect(s.approximations[0]).toEqual({
      bucket: null,
      window: null,
      row: null,
      message:
        "The payload does not say when the subscription began or renews: it starts at 2026-06-04T12:10:00.000Z.",
    });
    expect(s.approximations.at(-1)).toEqual({
      bucket: "video",
      window: null,
      row: null,
      message: "Not started: the payload has no row for this bucket.",
    });
  });

  it("refuses what is not a snapshot, with its sentence", () => {
    // Kills: the message → "".
    expect(ledgerFromRemains({} as RemainsSnapshot, { tier: "max", at: V2_AT })).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected a snapshot made by parseRemains.",
        path: ["snapshot"],
        params: {},
      },
    });
  });
});

describe("the used amount", () => {
  it("counts on the catalog's limit that agree with the provider's percentage are kept exactly", () => {
    // Kills: `(usedPercent === null || source !== "provider") && within(…)` (the provider's percentage
    // would replace the counts). 7.2 of 19.834 is 36.30 %; 64 % remaining is 36 % used: within 1 point.
    const snapshot = oneRow(
      {
        current_interval_total_count: "19.834",
        current_interval_usage_count: "7.2",
        current_interval_remaining_percent: 64,
        current_interval_status: 1,
      },
      { endpoint: "current" },
    );
    const s = started(snapshot);
    expect(messagesOf(s, "5h")).toEqual([]);
    expect(usedIn(s, V2_AT)[0]).toBe("general/5h 7.2");
  });

  it("a provider's unlimited week on a catalog with a weekly limit: noted, and the week starts empty", () => {
    // Kills: `status === "unlimited"` → false and "unlimited" → "" (it would be read as "no figure").
    const snapshot = oneRow({ current_interval_status: 1, current_weekly_status: 3 });
    expect(snapshot.buckets[0]?.weekly.status).toBe("unlimited");
    expect(messagesOf(started(snapshot), "weekly")).toEqual([
      "The provider reports unlimited, the catalog's tier \"max\" a limit of 297.51: the ledger keeps the catalog's rules, and the window starts empty.",
    ]);
  });

  it("a catalog boost in force and a payload without one: the totals agree, nothing to note", () => {
    // Kills: `boostPermille !== 1000 &&` → true. v1 Max's 5-hour 4500 is boosted 1.5× in April: 6750.
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
      { current_interval_total_count: 6750, current_interval_usage_count: 1350, current_interval_status: 1 },
      { endpoint: "current" },
    );
    const s = started(snapshot, { catalog: boosted, at: V1_AT });
    expect(messagesOf(s, "5h")).toEqual([]);
    expect(usedIn(s, V1_AT)[0]).toBe("general/5h 1350");
  });
});

describe("buckets the tier does not let quota pay", () => {
  const videoRow = (row: Record<string, unknown>) => oneRow({ model_name: "video", ...row });

  it("Plus has video at 0: a provider's exhausted video is noted like a normal one", () => {
    // Kills: `status === "exhausted"` → false or `!==`, and "exhausted" → "".
    const s = started(videoRow({ current_interval_status: 2, current_interval_remaining_percent: 0 }), {
      tier: "plus",
    });
    expect(messagesOf(s, "daily")).toEqual([
      "The provider reports exhausted, the catalog's tier \"plus\" a limit of 0: the ledger keeps the catalog's rules, and the window starts empty.",
    ]);
  });

  it("Plus has video at 0 and the provider says not in plan: they agree, nothing to note", () => {
    // Kills: `status === "normal"` → true, and `limited || calc.isPositive(limit)` → true.
    const s = started(snapshotOf("plus-video-not-in-plan.json"), { tier: "plus" });
    expect(messagesOf(s, "daily")).toEqual([]);
  });

  it("a bucket no tier covers: the row's windows start empty, noted with a limit of 0", () => {
    // Kills: the optional chaining of the tier's bucket look-up, and `window === undefined ? 0 : …` → false
    // (both would read a window the tier does not have).
    const extra: Catalog = must(
      extendCatalog(defaultCatalog, {
        id: "with-extra",
        buckets: {
          extra: {
            name: "Extra",
            unit: "videos",
            windows: { day: { label: "daily", kind: "calendar", every: "day", timeZone: "UTC" } },
          },
        },
      } as never),
    );
    const s = started(oneRow({ model_name: "extra", current_interval_status: 1 }), { catalog: extra });
    expect(messagesOf(s, "day")).toEqual([
      "The provider reports normal, the catalog's tier \"max\" a limit of 0: the ledger keeps the catalog's rules, and the window starts empty.",
    ]);
  });
});

describe("where a calendar window sits", () => {
  const fivePercent = { current_interval_remaining_percent: 95, current_interval_status: 1 };
  const blockNote = (payload: string) =>
    `The payload's window (${payload}) is not the catalog's block (2026-06-04T10:00:00.000Z to 2026-06-04T15:00:00.000Z); the ledger keeps the catalog's.`;

  it("the block's start with another end is noted", () => {
    // Kills: the end read as null (`windowEnd === null` → true) and the end check → false.
    const s = started(
      oneRow({
        ...fivePercent,
        start_time: ms("2026-06-04T10:00:00Z"),
        end_time: ms("2026-06-04T16:00:00Z"),
      }),
    );
    expect(messagesOf(s, "5h")).toContainEqual(
      blockNote("2026-06-04T10:00:00.000Z to 2026-06-04T16:00:00.000Z"),
    );
  });

  it("another start with no end is noted, the end shown as ?", () => {
    // Kills: the start check → false, `(start…) || (end…)` → `&&`, and the "?" of the end → "".
    const s = started(oneRow({ ...fivePercent, start_time: ms("2026-06-04T09:00:00Z") }));
    expect(messagesOf(s, "5h")).toContainEqual(blockNote("2026-06-04T09:00:00.000Z to ?"));
  });

  it("no start and another end is noted, the start shown as ?", () => {
    // Kills: the "?" of the start → "".
    const s = started(oneRow({ ...fivePercent, end_time: ms("2026-06-04T14:00:00Z") }));
    expect(messagesOf(s, "5h")).toContainEqual(blockNote("? to 2026-06-04T14:00:00.000Z"));
  });
});

describe("sliding and session windows", () => {
  it("a sliding window with nothing used holds nothing, and gets no note on when the units were used", () => {
    // Kills: `if (calc.isZero(used)) return { value: null, how: null }` → false, and its object → {}.
    const s = started(oneRow({ current_interval_remaining_percent: 100, current_interval_status: 1 }), {
      catalog: slidingAndSessionCatalog,
    });
    expect(messagesOf(s, "5h")).toEqual([
      "Only a percentage is known (0 % used): used = 0 % of the catalog's limit 19.834 = 0.",
    ]);
    expect(s.state.windows).toEqual({});
  });

  const sessionFrom = (startMs: number) =>
    started(
      oneRow({ current_weekly_remaining_percent: 90, current_weekly_status: 1, weekly_start_time: startMs }),
      {
        catalog: slidingAndSessionCatalog,
      },
    );
  const opensNow = "The payload does not say when this session opened: it opens at 2026-06-04T12:10:00.000Z.";

  it("a session that opened exactly now is the payload's, with no note", () => {
    // Kills: `start <= at` → `<`.
    expect(messagesOf(sessionFrom(ms(V2_AT)), "weekly")).not.toContain(opensNow);
  });

  it("a session the payload says opens later is opened now, noted", () => {
    // Kills: `start <= at` → true.
    expect(messagesOf(sessionFrom(ms(V2_AT) + 3_600_000), "weekly")).toContain(opensNow);
  });

  it("a session that opened exactly 7 days ago has ended: a new one opens now, noted", () => {
    // Kills: `at < start + durationMs` → `<=` and → true.
    const s = sessionFrom(ms(V2_AT) - 7 * dayMs);
    expect(messagesOf(s, "weekly")).toContain(opensNow);
    expect(must(quotaStatus(s.state, V2_AT)).buckets[0]?.windows[1]?.resetsAt).toBe(
      "2026-06-11T12:10:00.000Z",
    );
  });
});

describe("second-round survivors", () => {
  it("a provider's not-in-plan 5-hour block on Max is noted, and the block starts empty", () => {
    // Kills: `status === "notInPlan"` → false and "notInPlan" → "" (it would be read as "no figure").
    const snapshot = oneRow({
      current_interval_total_count: 0,
      current_interval_usage_count: 0,
      current_interval_remaining_percent: 100,
      current_interval_status: 3,
    });
    expect(snapshot.buckets[0]?.interval.status).toBe("notInPlan");
    expect(messagesOf(started(snapshot), "5h")).toEqual([
      "The provider reports notInPlan, the catalog's tier \"max\" a limit of 19.834: the ledger keeps the catalog's rules, and the window starts empty.",
    ]);
  });
});
