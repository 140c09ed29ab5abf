/**
 * forecast at the edges its stories left open: the pace of three recent usages, a pattern
 * from long ago, the bound on projected usages, a window that fills in a later block, two
 * buckets with a window of the same name, a lot that expires after the last projected
 * usage, and every refusal exactly. Written to kill the mutants Stryker left in
 * `src/simulate/forecast.ts` (see bench/README.md "Mutation scores"); each test names them.
 *
 * The ledger: Plus with one $5 package (5,000 credits) from 10:00 on Thursday 2026-06-04;
 * the 5-hour blocks run 10:00–15:00 and 15:00–20:00 UTC with $6.596 of room each.
 * 1,000,000 MiniMax-M3 output tokens are $1.20 of list price.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvents,
  type Catalog,
  createLedger,
  defaultCatalog,
  extendCatalog,
  type ForecastOptions,
  forecast,
  type LedgerState,
  type UsageEvent,
  type UsageShape,
} from "../../src";
import { eventsPerCallMax } from "../../src/limits";
import { shortCreditsCatalog } from "../simulate/support";

function ledger(catalog: Catalog = defaultCatalog): LedgerState {
  const created = createLedger({ catalog });
  if (!created.ok) throw new Error(created.error.message);
  const r = applyEvents(created.state, [
    { type: "subscribe", id: "sub", at: "2026-06-04T10:00:00Z", tier: "plus" },
    { type: "purchase-credits", id: "pack", at: "2026-06-04T10:00:00Z", package: "usd-5" },
  ]);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

const request = { resource: "MiniMax-M3", measures: { outputTokens: 1_000_000 } } as const;
const tiny = { resource: "MiniMax-M3", measures: { outputTokens: 1 } } as const;
const usage = (id: string, at: string | number, shape: UsageShape = request): UsageEvent => ({
  type: "usage",
  id,
  at,
  ...shape,
});

function must(state: LedgerState, options: ForecastOptions) {
  const r = forecast(state, options);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe("the pace of recent usages", () => {
  // Kills: `((last − earliest) × n) ÷ (n − 1)` with × for ÷ (with two usages both give the same period).
  it("repeats three usages 10 minutes apart every 30 minutes (20 min × 3 ÷ 2)", () => {
    const recent = [
      usage("r1", "2026-06-04T10:00:00Z", tiny),
      usage("r2", "2026-06-04T10:10:00Z", tiny),
      usage("r3", "2026-06-04T10:20:00Z", tiny),
    ];
    // Copies at 10:30, 10:40, 10:50 and 11:00, 11:10, 11:20: six up to 11:20 (a period of 2 h would give none).
    const f = must(ledger(), { at: "2026-06-04T10:20:00Z", until: "2026-06-04T11:20:00Z", usages: recent });
    expect(f.projectedUsages).toBe(6);
  });

  // Kills: `Math.max(1, …)` → `Math.min`, the copy count's `− firstCopy` → `+ firstCopy`, and
  // `until − first` → `until + first`: each counts the copies from the pattern's first
  // period on, ten million periods ago, and would refuse the forecast for its size.
  it("projects from a pattern that started ten million periods ago only the copies after at", () => {
    const t0 = Date.parse("2026-06-04T10:00:00Z");
    // Two usages 1 ms apart: the period is 2 ms. at = t0 + 20,000,000 ms (15:33:20), until 2 s later.
    const recent = [usage("r1", t0, tiny), usage("r2", t0 + 1, tiny)];
    const at = t0 + 20_000_000;
    const f = must(ledger(), { at, until: at + 2_000, usages: recent });
    // Copy k sits at t0 + 2k and t0 + 2k + 1: 1,000 of each kind fall in (at, at + 2,000].
    expect(f.projectedUsages).toBe(2_000);
  });

  // Kills: the fewer-than-two-instants check → false, `||` → `&&`, and its message and path → "".
  it.each([
    ["one usage", [usage("r1", "2026-06-04T09:00:00Z")]],
    ["two usages at one instant", [usage("r1", "2026-06-04T09:00:00Z"), usage("r2", "2026-06-04T09:00:00Z")]],
  ])("refuses %s as a pace", (_label, recent) => {
    expect(
      forecast(ledger(), { at: "2026-06-04T10:00:00Z", until: "2026-06-04T12:00:00Z", usages: recent }),
    ).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "A pace needs at least two recent usages at different instants.",
        path: ["options", "usages"],
        params: {},
      },
    });
  });
});

describe("the bound on projected usages", () => {
  // Kills: `copies × length > max` → `>=` is not killable without projecting ten million usages;
  // this one kills the message → `` and the params → {}, and (by timing out) `− firstCopy − 1`.
  it("refuses one usage past the bound, naming it", () => {
    // One usage per millisecond from at: until − at = max + 1 ms gives max + 1 copies.
    const at = Date.parse("2026-06-04T10:00:00Z");
    const r = forecast(ledger(), {
      at,
      until: at + eventsPerCallMax + 1,
      burnRate: { usage: tiny, perHour: 3_600_000 },
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: "limit_exceeded",
        message: `A forecast projects at most ${eventsPerCallMax} usages; shorten until or slow the pace.`,
        path: ["options", "until"],
        params: { eventsPerCallMax },
      },
    });
  });

  // Kills: `copies × pattern.length` → `÷` (with a pattern of two, the bound counts both).
  it("counts every usage of the pattern against the bound", () => {
    const t0 = Date.parse("2026-06-04T10:00:00Z");
    // Period 2 ms; at = the last recent usage; copies = (until − t0) ÷ 2 = max ÷ 2 + 1.
    const recent = [usage("r1", t0, tiny), usage("r2", t0 + 1, tiny)];
    const r = forecast(ledger(), { at: t0 + 1, until: t0 + eventsPerCallMax + 2, usages: recent });
    // The forecast's own bound, at until (not the replay's, which would name the usages).
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(["limit_exceeded", ["options", "until"]]);
  });
});

describe("when windows run out", () => {
  // Kills: `fills === undefined ? w.resetsAt : …` → always `w.resetsAt` (the reset at `at`, 15:00).
  it("gives the reset of the block the window fills in, not the block at `at`", () => {
    // From 14:30, $1.20 every 10 minutes: 14:40 and 14:50 use $2.40 of the 10:00 block; from 15:00
    // on, 15:00 … 15:40 use $6.00 and 15:50 takes the last $0.596: full until 20:00.
    const f = must(ledger(), {
      at: "2026-06-04T14:30:00Z",
      until: "2026-06-04T16:30:00Z",
      burnRate: { usage: request, perHour: 6 },
    });
    expect(f.windows[0]).toEqual({
      bucket: "general",
      window: "5h",
      label: "5-hour",
      remainingUnits: "6.596",
      runsOutAt: "2026-06-04T15:50:00.000Z",
      resetsAt: "2026-06-04T20:00:00.000Z",
    });
  });

  // Kills: `f.bucket === bucket.bucket && …` → `true && …` (a fill is looked up by bucket and window).
  it("tells apart two buckets with a window of the same name", () => {
    const limit = { video: { "5h": { units: "2" } } };
    const extended = extendCatalog(defaultCatalog, {
      id: "video-5h",
      buckets: {
        video: {
          windows: {
            "5h": {
              label: "video 5-hour",
              kind: "calendar",
              every: "day",
              cuts: ["00:00", "05:00", "10:00", "15:00", "20:00"],
              timeZone: "UTC",
            },
          },
        },
      },
      tiers: { plus: { limits: limit }, max: { limits: limit }, ultra: { limits: limit } },
    });
    if (!extended.ok) throw new Error(extended.error.message);
    const f = must(ledger(extended.value), {
      at: "2026-06-04T10:00:00Z",
      until: "2026-06-04T12:00:00Z",
      burnRate: { usage: request, perHour: 6 },
    });
    // The text usages fill general/5h at 11:00 (as in the stories); video/5h is never used.
    expect(f.windows.map((w) => [w.bucket, w.window, w.runsOutAt])).toEqual([
      ["general", "5h", "2026-06-04T11:00:00.000Z"],
      ["general", "weekly", null],
      ["video", "5h", null],
    ]);
  });
});

// Kills: the end settle's expiry loop (no coverage: its block → {}, the credits.expired test
// → true / false / `!==` / "", the object pushed → {}).
it("lists a lot that expires after the last projected usage, before until (credits valid two days)", () => {
  // The package bought on 06-04 at 10:00 expires on 06-06 at 10:00. From 08:00 at 0.4 an hour
  // (one usage every 2 h 30 min) the first copy falls at 10:30, past until: nothing is projected,
  // and the lot expires whole at until.
  const f = must(ledger(shortCreditsCatalog), {
    at: "2026-06-06T08:00:00Z",
    until: "2026-06-06T10:00:00Z",
    burnRate: { usage: request, perHour: 0.4 },
  });
  expect(f.projectedUsages).toBe(0);
  expect(f.credits).toEqual({
    balance: "5000",
    runsOutAt: null,
    expiresUnused: [{ lotId: "pack", expiresAt: "2026-06-06T10:00:00.000Z", credits: "5000" }],
  });
});

// Kills: the end settle's `entry.type === "credits.expired"` → true and `&&` → `||` (the
// renewal the end settle writes is not an expiry).
it("lists no renewal among the expiries when until passes a period end", () => {
  // Plus from 2026-06-04 10:00 renews on 07-04 at 10:00; from 07-04 09:00 at 0.4 an hour the
  // first copy falls at 11:30, past until (11:00): the end settle writes the renewal only.
  const f = must(ledger(), {
    at: "2026-07-04T09:00:00Z",
    until: "2026-07-04T11:00:00Z",
    burnRate: { usage: request, perHour: 0.4 },
  });
  expect([f.projectedUsages, f.credits.expiresUnused]).toEqual([0, []]);
});

describe("refusals, exactly", () => {
  const rate = { usage: request, perHour: 6 };

  // Kills: `until < at` → `<=` (until = at is an empty forecast, not a refusal).
  it("takes until = at: nothing is projected", () => {
    const f = must(ledger(), { at: "2026-06-04T10:00:00Z", until: "2026-06-04T10:00:00Z", burnRate: rate });
    expect([f.projectedUsages, f.credits.runsOutAt]).toEqual([0, null]);
  });

  // Kills: the message → "".
  it("refuses until before at", () => {
    expect(
      forecast(ledger(), { at: "2026-06-04T10:00:00Z", until: "2026-06-04T09:59:59.999Z", burnRate: rate }),
    ).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "until must not be before at.",
        path: ["options", "until"],
        params: {},
      },
    });
  });

  // Kills: the message → "".
  it("refuses both a pace and a burn rate", () => {
    const r = forecast(ledger(), {
      at: "2026-06-04T10:00:00Z",
      until: "2026-06-04T12:00:00Z",
      burnRate: rate,
      usages: [usage("r1", "2026-06-04T09:00:00Z"), usage("r2", "2026-06-04T09:30:00Z")],
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Give either recent usages or a burn rate, not both.",
        path: ["options"],
        params: {},
      },
    });
  });

  // Kills: the options parse's code "invalid_input" → "".
  it("refuses options of the wrong type as invalid_input", () => {
    const r = forecast(ledger(), { at: true, until: "2026-06-04T12:00:00Z", burnRate: rate } as never);
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(["invalid_input", ["options", "at"]]);
  });
});
