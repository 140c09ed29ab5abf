/**
 * remainsReport: the rows a terminal printer draws (the `token-plan remains` command):
 * bucket, window, percent, bar cells and a countdown, as plain data.
 */
import { describe, expect, it } from "vitest";
import { remainsReport } from "../../src";
import { must, oneRow, snapshotOf, V2_AT } from "./support";

const lines = (report: ReturnType<typeof remainsReport>) =>
  must(report).rows.map((r) =>
    [r.bucket, r.label, r.bar, r.percentText, r.countsText, r.countdownText].join(" | "),
  );

describe("the bars of the v2 payload at Thursday 12:10 UTC", () => {
  it("37 % of 20 cells = 7.4 → 7 cells; 12 % → 2.4 → 2; video 34 % → 6.8 → 7; video's weekly has no limit", () => {
    expect(lines(remainsReport(snapshotOf("current-v2.json"), V2_AT))).toEqual([
      "general | 5-hour | #######------------- | 37% |  | resets in 2h 50m", // 15:00 − 12:10
      "general | weekly | ##------------------ | 12% |  | resets in 3d 11h", // Monday 00:00 − Thursday 12:10 = 3 d 11 h 50 m
      "video | daily | #######------------- | 34% | 1/3 used | resets in 11h 50m",
      "video | weekly | .................... | no limit |  | ",
    ]);
  });

  it("carries the figures a printer may want: status, exact percent, cells, reset instant and ms", () => {
    const [row] = must(remainsReport(snapshotOf("current-v2.json"), V2_AT, { cells: 10 })).rows;
    expect(row).toEqual({
      bucket: "general",
      window: "interval",
      label: "5-hour",
      status: "normal",
      usedPercent: "37",
      percentText: "37%",
      cells: 10,
      usedCells: 4, // 3.7 rounds half-up to 4
      bar: "####------",
      countsText: "",
      resetsAt: "2026-06-04T15:00:00.000Z",
      resetsInMs: 10_200_000,
      countdownText: "resets in 2h 50m",
    });
  });
});

describe("bar cells round half-up, and stay within the bar", () => {
  it.each([
    ["100", "0", 0],
    ["97.51", "2.49", 0], // 0.498 cells
    ["97.5", "2.5", 1], // exactly half a cell
    ["2.5", "97.5", 20], // 19.5 cells
    ["2.51", "97.49", 19], // 19.498 cells
    ["0", "100", 20],
  ])("%s %% remaining = %s %% used → %i of 20 cells", (remaining, usedPercent, cells) => {
    const row = must(
      remainsReport(
        oneRow({ current_interval_remaining_percent: remaining, current_interval_status: 1 }),
        V2_AT,
      ),
    ).rows[0];
    expect(row?.usedPercent).toBe(usedPercent);
    expect(row?.usedCells).toBe(cells);
  });

  it("more used than the total (120 %) fills the bar, no more", () => {
    const snapshot = oneRow(
      { current_interval_total_count: 10, current_interval_usage_count: 12, current_interval_status: 2 },
      { endpoint: "current" },
    );
    expect(must(remainsReport(snapshot, V2_AT, { cells: 5 })).rows[0]).toMatchObject({
      percentText: "120%",
      usedCells: 5,
      bar: "#####",
    });
  });
});

describe("labels, stand-ins and countdowns", () => {
  const at = "2026-06-04T19:59:30Z";
  it.each([
    [
      "the day's last block (4 hours) is still the 5-hour window",
      { start_time: Date.parse("2026-06-04T20:00:00Z"), end_time: Date.parse("2026-06-05T00:00:00Z") },
      "5-hour",
    ],
    [
      "a 24-hour window is daily",
      { start_time: Date.parse("2026-06-04T00:00:00Z"), end_time: Date.parse("2026-06-05T00:00:00Z") },
      "daily",
    ],
    [
      "a 6-hour window is an interval",
      { start_time: Date.parse("2026-06-04T18:00:00Z"), end_time: Date.parse("2026-06-05T00:00:00Z") },
      "interval",
    ],
    ["no times: an interval", {}, "interval"],
  ])("%s", (_label, times, label) => {
    const row = must(
      remainsReport(
        oneRow({ current_interval_status: 1, current_interval_remaining_percent: 50, ...times }),
        at,
      ),
    ).rows[0];
    expect(row?.label).toBe(label);
  });

  it.each([
    [30_000, "resets in <1m"],
    [60_000, "resets in 1m"],
    [3_600_000, "resets in 1h 0m"],
    [90_000_000, "resets in 1d 01h"],
    [0, "reset due"],
    [-5_000, "reset due"],
  ])("%i ms to the end: %s", (toEndMs, text) => {
    const end = Date.parse(at) + toEndMs;
    const row = must(remainsReport(oneRow({ current_interval_status: 1, end_time: end }), at)).rows[0];
    expect([row?.countdownText, row?.resetsInMs]).toEqual([text, Math.max(0, toEndMs)]);
  });

  it("stand-ins: ? for a normal window with no figure, not in plan, not reported; no reset text without a limit", () => {
    expect(
      must(remainsReport(oneRow({ current_interval_status: 1 }), V2_AT)).rows.map((r) => [
        r.percentText,
        r.countdownText,
      ]),
    ).toEqual([
      ["?", "reset unknown"],
      ["not reported", ""],
    ]);
    const video = must(remainsReport(snapshotOf("plus-video-not-in-plan.json"), V2_AT)).rows[2];
    expect([video?.percentText, video?.bar, video?.resetsAt]).toEqual([
      "not in plan",
      "....................",
      null,
    ]);
  });

  it("passes the snapshot's notes on as sentences", () => {
    expect(must(remainsReport(snapshotOf("missing-fields.json"), V2_AT)).notes).toEqual([
      "The row has no status: the status is taken from the room left (exhausted).",
    ]);
  });
});

describe("refusals", () => {
  it.each([
    ["a bad instant", "noon", {}, ["at"]],
    ["zero cells", V2_AT, { cells: 0 }, ["options", "cells"]],
    ["too many cells", V2_AT, { cells: 201 }, ["options", "cells"]],
  ])("%s", (_label, at, options, path) => {
    const r = remainsReport(snapshotOf("current-v2.json"), at, options);
    expect(r.ok ? null : r.error.path).toEqual(path);
  });

  it("something that is not a snapshot", () => {
    const r = remainsReport({} as never, V2_AT);
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(["invalid_input", ["snapshot"]]);
  });
});
