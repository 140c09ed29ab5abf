/**
 * The traps of the usage payload (REFERENCE.md, "The usage API"), one story each, on
 * one-row payloads: what the usage count means, which figure is authoritative, what
 * status 3 means, boosts, absent windows, rows without a status, and what the parser
 * refuses.
 */
import { describe, expect, it } from "vitest";
import { limits, parseRemains } from "../../src";
import { must, onePayload, oneRow } from "./support";

describe("the usage count means used on the current endpoint and remaining on the legacy one", () => {
  const row = {
    current_interval_total_count: 100,
    current_interval_usage_count: 30,
    current_interval_status: 1,
  };

  it("current: 30 used, 70 remaining", () => {
    expect(oneRow(row, { endpoint: "current" }).buckets[0]?.interval).toMatchObject({
      used: "30",
      remaining: "70",
      usedPercent: "30",
    });
  });

  it("legacy: 30 remaining, 70 used", () => {
    expect(oneRow(row, { endpoint: "legacy" }).buckets[0]?.interval).toMatchObject({
      used: "70",
      remaining: "30",
      usedPercent: "70",
    });
  });

  it("unnamed, with nothing to tell them apart: read as used, and the note names the open field", () => {
    const snapshot = oneRow(row);
    expect([snapshot.endpoint, snapshot.endpointSource]).toEqual(["current", "assumed"]);
    expect(snapshot.notes).toContainEqual({
      path: ["model_remains", 0, "current_interval_usage_count"],
      topic: "endpoint",
      message: expect.stringContaining('Pass { endpoint: "legacy" }'),
    });
  });

  it("unnamed, rows that disagree: read as used, every row noted", () => {
    const snapshot = must(
      parseRemains({
        model_remains: [
          {
            model_name: "a",
            current_interval_total_count: 10,
            current_interval_usage_count: 10,
            current_interval_status: 2,
          },
          {
            model_name: "b",
            current_interval_total_count: 10,
            current_interval_usage_count: 0,
            current_interval_status: 2,
          },
        ],
      }),
    );
    expect(snapshot.endpointSource).toBe("assumed");
    expect(snapshot.notes.filter((n) => n.topic === "endpoint").map((n) => n.message)).toEqual([
      expect.stringContaining("rows disagree"),
      expect.stringContaining("rows disagree"),
    ]);
  });

  it("a count that fits neither reading of the percentage is noted, and the percentage kept", () => {
    // 50/100 is 50 % either way; the row says 10 % remaining: neither 90 % nor 10 % used fits 50 %.
    const snapshot = oneRow({
      current_interval_total_count: 100,
      current_interval_usage_count: 50,
      current_interval_remaining_percent: 10,
    });
    expect(snapshot.buckets[0]?.interval.usedPercent).toBe("90");
    expect(snapshot.notes.map((n) => n.topic)).toContain("counts");
  });

  it("on the legacy endpoint a remaining count above the total is read as all remaining, noted", () => {
    const snapshot = oneRow(
      { current_interval_total_count: 10, current_interval_usage_count: 12, current_interval_status: 1 },
      { endpoint: "legacy" },
    );
    expect(snapshot.buckets[0]?.interval).toMatchObject({ used: "0", remaining: "10" });
    expect(snapshot.notes.map((n) => n.message)).toContainEqual(expect.stringContaining("exceeds the total"));
  });

  it("on the current endpoint more used than the total leaves 0 remaining (exhausted by the room)", () => {
    const [row] = oneRow(
      { current_interval_total_count: 10, current_interval_usage_count: 12 },
      { endpoint: "current" },
    ).buckets;
    expect(row?.interval).toMatchObject({
      used: "12",
      remaining: "0",
      status: "exhausted",
      usedPercent: "120",
    });
  });
});

describe("the remaining percentage is authoritative when the counts are 0", () => {
  it("0/0 with 63 % remaining: 37 % used and no amounts (v2 general)", () => {
    const [row] = oneRow({
      current_interval_total_count: 0,
      current_interval_usage_count: 0,
      current_interval_remaining_percent: 63,
      current_interval_status: 1,
    }).buckets;
    expect(row?.interval).toMatchObject({
      limit: null,
      used: null,
      remaining: null,
      usedPercent: "37",
      percentSource: "provider",
    });
  });

  it("a percentage with decimals is kept exactly", () => {
    expect(
      oneRow({ current_interval_remaining_percent: "62.5", current_interval_status: 1 }).buckets[0]?.interval
        .usedPercent,
    ).toBe("37.5");
  });

  it("a total without a usage count, or a usage count without a total, is noted and read from the percentage", () => {
    const a = oneRow({
      current_interval_total_count: 100,
      current_interval_remaining_percent: 40,
      current_interval_status: 1,
    });
    expect(a.buckets[0]?.interval).toMatchObject({ limit: "100", used: null, usedPercent: "60" });
    expect(a.notes.map((n) => n.topic)).toEqual(["counts"]);
    const b = oneRow({
      current_interval_usage_count: 5,
      current_interval_remaining_percent: 40,
      current_interval_status: 1,
    });
    expect(b.buckets[0]?.interval).toMatchObject({ limit: null, used: null, usedPercent: "60" });
    expect(b.notes.map((n) => n.message)).toEqual([expect.stringContaining("without a total")]);
  });
});

describe("status 3: not in plan, or no limit", () => {
  it("totals 0, status 3, 100 % remaining: not in plan (not unlimited)", () => {
    const [row] = oneRow({
      current_interval_total_count: 0,
      current_interval_usage_count: 0,
      current_interval_remaining_percent: 100,
      current_interval_status: 3,
    }).buckets;
    expect(row?.interval.status).toBe("notInPlan");
  });

  it("status 3 and no percentage, totals 0: not in plan", () => {
    expect(oneRow({ current_interval_status: 3 }).buckets[0]?.interval.status).toBe("notInPlan");
  });

  it("status 3 with a real total: unlimited (the total is not enforced)", () => {
    expect(
      oneRow({
        current_interval_total_count: 50,
        current_interval_usage_count: 3,
        current_interval_status: 3,
      }).buckets[0]?.interval.status,
    ).toBe("unlimited");
  });

  it("status 3 with less than 100 % remaining and no total contradicts itself: unknown, noted", () => {
    const snapshot = oneRow({ current_interval_remaining_percent: 40, current_interval_status: 3 });
    expect(snapshot.buckets[0]?.interval.status).toBe("unknown");
    expect(snapshot.notes).toEqual([
      {
        path: ["model_remains", 0, "current_interval_status"],
        topic: "status",
        message: expect.stringContaining("less than 100 %"),
      },
    ]);
  });

  const weekly3 = {
    current_weekly_total_count: 0,
    current_weekly_usage_count: 0,
    current_weekly_remaining_percent: 100,
    current_weekly_status: 3,
  };

  it.each([
    ["normal (1)", "unlimited", { current_interval_status: 1, current_interval_remaining_percent: 40 }],
    ["exhausted (2)", "unlimited", { current_interval_status: 2, current_interval_remaining_percent: 0 }],
    [
      "unlimited (3 with a total)",
      "unlimited",
      { current_interval_status: 3, current_interval_total_count: 9 },
    ],
    [
      "not in plan (3, totals 0)",
      "notInPlan",
      { current_interval_status: 3, current_interval_remaining_percent: 100 },
    ],
  ])("a weekly status 3 beside an interval that is %s is %s", (_label, expected, interval) => {
    expect(oneRow({ ...interval, ...weekly3 }).buckets[0]?.weekly.status).toBe(expected);
  });

  it("a weekly status 3 beside an interval the row does not report cannot be told: unknown, noted", () => {
    const snapshot = oneRow(weekly3);
    expect([snapshot.buckets[0]?.interval.status, snapshot.buckets[0]?.weekly.status]).toEqual([
      "unknown",
      "unknown",
    ]);
    expect(snapshot.notes.map((n) => n.message)).toContainEqual(
      expect.stringContaining("the interval does not tell which"),
    );
  });

  it("a weekly status 3 with less than 100 % remaining is unknown", () => {
    expect(
      oneRow({ current_interval_status: 1, current_weekly_status: 3, current_weekly_remaining_percent: 50 })
        .buckets[0]?.weekly.status,
    ).toBe("unknown");
  });
});

describe("boosts", () => {
  it("absent = 1000 ‰; the percentage is relative to the boosted total", () => {
    expect(
      oneRow({ current_interval_status: 1, current_interval_remaining_percent: 50 }).buckets[0]?.interval
        .boostPermille,
    ).toBe(1000);
  });

  it("a boost that does not divide the total evenly is kept exactly: 7 × 1.333 = 9.331", () => {
    const [row] = oneRow(
      { current_interval_total_count: 7, current_interval_usage_count: 1, interval_boost_permille: "1333" },
      { endpoint: "current" },
    ).buckets;
    expect(row?.interval).toMatchObject({ limit: "9.331", remaining: "8.331" });
  });

  it("two spellings with different values: the first spelling wins, noted with the other's path", () => {
    const snapshot = oneRow({
      current_interval_status: 1,
      interval_boost_permille: 1500,
      current_interval_boost_permill: 2000,
    });
    expect(snapshot.buckets[0]?.interval.boostPermille).toBe(1500);
    expect(snapshot.notes).toEqual([
      {
        path: ["model_remains", 0, "current_interval_boost_permill"],
        topic: "boost",
        message: expect.stringContaining("1500"),
      },
    ]);
  });

  it.each([0, -5, 1.5, "x"])("a boost of %s is refused, naming the field", (boost) => {
    const r = parseRemains(onePayload({ weekly_boost_permill: boost }));
    expect(r.ok ? null : r.error.path).toEqual(["model_remains", 0, "weekly_boost_permill"]);
  });
});

describe("a row without a status takes it from its room", () => {
  it.each([
    ["5 % remaining", "normal", { current_interval_remaining_percent: 5 }],
    ["0 % remaining", "exhausted", { current_interval_remaining_percent: 0 }],
    ["10 of 10 used", "exhausted", { current_interval_total_count: 10, current_interval_usage_count: 10 }],
    ["3 of 10 used", "normal", { current_interval_total_count: 10, current_interval_usage_count: 3 }],
    ["nothing but times", "unknown", { start_time: 1_780_567_200_000 }],
  ])("%s: %s", (_label, expected, row) => {
    const snapshot = oneRow(row, { endpoint: "current" });
    expect(snapshot.buckets[0]?.interval.status).toBe(expected);
    expect(snapshot.notes.map((n) => n.topic)).toEqual(["status"]);
  });

  it("an unknown status code is read from the room too, noted", () => {
    const snapshot = oneRow({ current_interval_status: 7, current_interval_remaining_percent: 20 });
    expect(snapshot.buckets[0]?.interval.status).toBe("normal");
    expect(snapshot.notes[0]?.message).toContain("Status 7 is not one this version knows");
  });

  it("a status the figures contradict is kept, noted", () => {
    const snapshot = oneRow({ current_interval_status: 1, current_interval_remaining_percent: 0 });
    expect(snapshot.buckets[0]?.interval.status).toBe("normal");
    expect(snapshot.notes[0]?.message).toContain("the figures say exhausted");
  });

  it("an exhausted window with no figures is 100 % used, from the status", () => {
    expect(oneRow({ current_interval_status: 2 }).buckets[0]?.interval).toMatchObject({
      usedPercent: "100",
      percentSource: "status",
    });
  });
});

describe("times", () => {
  it("remains_time alone becomes the reset instant when the caller says when the payload arrived", () => {
    const row = { current_interval_status: 1, remains_time: 10_200_000 };
    expect(oneRow(row, { receivedAt: "2026-06-04T12:10:00Z" }).buckets[0]?.interval.resetsAt).toBe(
      "2026-06-04T15:00:00.000Z",
    );
    const unanchored = oneRow(row);
    expect(unanchored.buckets[0]?.interval.resetsAt).toBeNull();
    expect(unanchored.notes.map((n) => n.message)).toContainEqual(
      expect.stringContaining("pass { receivedAt }"),
    );
  });

  it("an end no later than the start is noted", () => {
    const snapshot = oneRow({
      current_interval_status: 1,
      start_time: 1_780_585_200_000,
      end_time: 1_780_567_200_000,
    });
    expect(snapshot.notes.map((n) => n.topic)).toEqual(["time"]);
  });

  it("-0 reads as 0 (a JSON text may spell it)", () => {
    const [row] = oneRow(
      JSON.parse('{"current_interval_status": 1, "remains_time": -0, "current_interval_total_count": -0}'),
    ).buckets;
    expect(Object.is(row?.interval.remainsMs, 0)).toBe(true);
  });

  it("a time that is not epoch milliseconds is refused with invalid_instant", () => {
    const r = parseRemains(onePayload({ end_time: "2026-06-04T15:00:00Z" }));
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual([
      "invalid_instant",
      ["model_remains", 0, "end_time"],
    ]);
  });
});

describe("refusals name the field", () => {
  const cases: [string, unknown, string, (string | number)[]][] = [
    ["not an object", [1, 2], "invalid_input", []],
    ["no model_remains", { base_resp: { status_code: 0 } }, "invalid_input", ["model_remains"]],
    [
      "data without model_remains",
      { data: { base_resp: { status_code: 0 } } },
      "invalid_input",
      ["data", "model_remains"],
    ],
    ["model_remains not a list", { model_remains: { general: {} } }, "invalid_input", ["model_remains"]],
    [
      "a row without model_name",
      { model_remains: [{ current_interval_status: 1 }] },
      "invalid_input",
      ["model_remains", 0, "model_name"],
    ],
    [
      "an empty model_name",
      { model_remains: [{ model_name: "" }] },
      "invalid_input",
      ["model_remains", 0, "model_name"],
    ],
    [
      "two rows named alike",
      { model_remains: [{ model_name: "a" }, { model_name: "a" }] },
      "invalid_input",
      ["model_remains", 1, "model_name"],
    ],
    [
      "a negative count",
      onePayload({ current_weekly_usage_count: -1 }),
      "invalid_amount",
      ["model_remains", 0, "current_weekly_usage_count"],
    ],
    [
      "a percent above 100",
      onePayload({ current_weekly_remaining_percent: 100.5 }),
      "invalid_amount",
      ["model_remains", 0, "current_weekly_remaining_percent"],
    ],
    [
      "a status that is text",
      onePayload({ current_interval_status: "ok" }),
      "invalid_input",
      ["model_remains", 0, "current_interval_status"],
    ],
    [
      "a boolean count",
      onePayload({ current_interval_total_count: true }),
      "invalid_input",
      ["model_remains", 0, "current_interval_total_count"],
    ],
    ["base_resp not an object", { model_remains: [], base_resp: 0 }, "invalid_input", ["base_resp"]],
    [
      "a status_code that is text",
      { model_remains: [], base_resp: { status_code: "fine" } },
      "invalid_input",
      ["base_resp", "status_code"],
    ],
    [
      "too many rows",
      {
        model_remains: Array.from({ length: limits.remainsRowsMax + 1 }, (_, i) => ({ model_name: `m${i}` })),
      },
      "limit_exceeded",
      ["model_remains"],
    ],
  ];
  it.each(cases)("%s", (_label, payload, code, path) => {
    const r = parseRemains(payload);
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual([code, path]);
    if (!r.ok) expect(r.error.message).toMatch(/^[A-Z].{10,}\.$/);
  });

  it("a provider error wins over everything else wrong with the payload (it explains it)", () => {
    const r = parseRemains(
      { data: { base_resp: { status_code: "1004", status_msg: "invalid api key" } } },
      { endpoint: "bogus" as "current" },
    );
    expect(r.ok ? null : [r.error.code, r.error.path, r.error.params]).toEqual([
      "provider_error",
      ["data", "base_resp", "status_code"],
      { statusCode: 1004, statusMessage: "invalid api key" },
    ]);
  });

  it("a provider code without a message or a known meaning still names the code", () => {
    const r = parseRemains({ base_resp: { status_code: -3 } });
    expect(r.ok ? null : [r.error.message, r.error.params]).toEqual([
      "The provider refused the request: status -3.",
      { statusCode: -3, statusMessage: null },
    ]);
  });

  it("base_resp beside data is read too; status 0 as a string is success", () => {
    const snapshot = must(
      parseRemains({
        data: { model_remains: [] },
        base_resp: { status_code: "0", status_msg: null },
        trace: 1,
      }),
    );
    expect([snapshot.provider, snapshot.unknownFields]).toEqual([
      { statusCode: 0, statusMessage: null },
      { trace: 1 },
    ]);
  });

  it("bad options", () => {
    const r = parseRemains({ model_remains: [] }, { endpoint: "old" as "legacy" });
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(["invalid_input", ["endpoint"]]);
  });
});
