/** The edges of simulate, recommendPlan and forecast: odd inputs, odd catalogs, every refusal. */
import { describe, expect, it } from "vitest";
import {
  applyEvents,
  createLedger,
  defaultCatalog,
  defineCatalog,
  extendCatalog,
  forecast,
  type LedgerState,
  recommendPlan,
  simulate,
  type UsageEvent,
} from "../../src";
import { displayAmount, displayUsd, groupThousands } from "../../src/simulate";
import { frequency } from "../../src/simulate/recommend";

const m3 = (
  id: string,
  at: string | number,
  outputTokens: number,
  extra: Partial<UsageEvent> = {},
): UsageEvent => ({
  type: "usage",
  id,
  at,
  resource: "MiniMax-M3",
  measures: { outputTokens },
  ...extra,
});

describe("simulate takes every usage as its own fact", () => {
  it("two usages with one id next to each other are replayed under new ids, both counted", () => {
    const twice = [m3("same", 1_780_560_000_000, 1_000_000), m3("same", 1_780_560_000_000, 1_000_000)];
    const r = simulate(twice, { plan: "max", credits: "none" });
    expect(r.ok && [r.value.usages, r.value.valueUsd]).toEqual([2, "2.4"]);
  });

  it("the same after sorting: ids that meet only in time order", () => {
    const r = simulate(
      [
        m3("a", "2026-06-04T10:00:00Z", 1_000_000),
        m3("b", "2026-06-04T09:00:00Z", 1_000_000),
        m3("a", "2026-06-04T10:00:00Z", 1_000_000),
      ],
      { plan: "max", credits: "none" },
    );
    expect(r.ok && r.value.usages).toBe(3);
  });

  it("keeps the priority service tier (1.5×) and metadata does not matter", () => {
    const r = simulate(
      [m3("p", "2026-06-04T10:00:00Z", 1_000_000, { serviceTier: "priority", metadata: { project: "x" } })],
      { plan: "none", credits: "none" },
    );
    expect(r.ok && r.value.valueUsd).toBe("1.8");
  });

  it("an id the replay could use itself is renamed", () => {
    const r = simulate([m3("simulate-plan", 1_780_560_000_000, 1_000)], { plan: "max" });
    expect(r.ok && r.value.usages).toBe(1);
  });

  it("refuses what is not a list, and options that are not an object", () => {
    const notList = simulate("nope" as unknown as UsageEvent[], { plan: "max" });
    expect(notList.ok ? null : [notList.error.code, notList.error.path]).toEqual([
      "invalid_input",
      ["usages"],
    ]);
    const badOptions = simulate([], null as never);
    expect(badOptions.ok ? null : badOptions.error.path).toEqual(["options"]);
  });

  it("a usage that needs more packages than a ledger may hold is the ledger's limit, not a crash", () => {
    // 40,000 songs = $6,000 of list price: 1,200 packages of $5, over the 1,024 lots a ledger holds.
    const r = simulate(
      [{ type: "usage", id: "s", at: 1_780_560_000_000, resource: "music", measures: { songs: 40_000 } }],
      {
        plan: "none",
      },
    );
    expect(r.ok ? null : r.error.code).toBe("limit_exceeded");
  });

  it("credits no package can buy are refused for as-needed", () => {
    const json = JSON.parse(JSON.stringify(defaultCatalog));
    const noPackages = defineCatalog({
      ...json,
      id: "no-packages",
      credits: { ...json.credits, packages: {} },
    });
    if (!noPackages.ok) throw new Error(noPackages.error.message);
    const r = simulate([], { plan: "max", catalog: noPackages.value });
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(["unknown_package", ["options", "credits"]]);
  });

  it("a resource credits may not pay for is left uncovered, and nothing is bought for it", () => {
    const noCredits = extendCatalog(defaultCatalog, {
      id: "images-without-credits",
      resources: { "image-01": { creditsEligible: false } },
    });
    if (!noCredits.ok) throw new Error(noCredits.error.message);
    const r = simulate(
      [{ type: "usage", id: "i", at: 1_780_560_000_000, resource: "image-01", measures: { images: 100 } }],
      {
        plan: "none",
        catalog: noCredits.value,
      },
    );
    // 100 × $0.0035 = $0.35 = 350 credits, uncovered.
    expect(r.ok && [r.value.purchases.length, r.value.uncoveredCredits]).toEqual([0, "350"]);
  });
});

describe("recommendPlan refuses bad input with the field's path", () => {
  it.each([
    [[], null, ["options"]],
    [[], { credits: "usd-7" }, ["options", "credits"]],
    [[], { credits: 5 }, ["options", "credits"]],
    [[{ type: "usage", id: "x", at: 0, resource: "nope", measures: {} }], {}, ["usages", 0, "resource"]],
  ])("%j %j", (usages, options, path) => {
    const r = recommendPlan(usages, options as never);
    expect(r.ok ? null : r.error.path).toEqual(path);
  });

  it("with credits none, a plan that leaves usage uncovered says so", () => {
    const r = recommendPlan([m3("a", "2026-06-04T10:00:00Z", 10_000_000)], { credits: "none" });
    if (!r.ok) throw new Error(r.error.message);
    // $12 of usage: Plus covers $6.596, so 5,404 credits are left uncovered.
    expect(r.value.plans.find((p) => p.plan === "plus")?.reason).toContain(
      "5,404 credits of usage left uncovered",
    );
  });

  it("when a cheaper tier fills its window, the reason says how often", () => {
    const heavy = Array.from({ length: 9 }, (_, k) =>
      m3(`h${k}`, Date.parse("2026-06-04T10:00:00Z") + k * 86_400_000, 10_000_000),
    );
    const r = recommendPlan(heavy);
    if (!r.ok) throw new Error(r.error.message);
    // $12 a day: Plus fills its 5-hour window each day and buys credits; Max holds it.
    expect(r.value.cheapest).toBe("max");
    expect(r.value.plans[0]?.reason).toBe(
      "Max: $50 + 0 credits; on Plus the 5-hour window fills 7.9× a week",
    );
  });

  it("when the lowest tier wins and never fills, quota covers every usage", () => {
    // $24 of usage, $1.20 a day for 20 days: credits only would need 5 packages ($25), Plus is $20.
    const daily = Array.from({ length: 20 }, (_, k) =>
      m3(`d${k}`, Date.parse("2026-06-01T10:00:00Z") + k * 86_400_000, 1_000_000),
    );
    const r = recommendPlan(daily);
    expect(r.ok && r.value.plans[0]?.reason).toBe("Plus: $20 + 0 credits; quota covers every usage");
  });

  it("names the subscription months when there are several", () => {
    const r = recommendPlan(
      [m3("a", "2026-06-01T10:00:00Z", 1_000), m3("b", "2026-08-15T10:00:00Z", 1_000)],
      {
        credits: "none",
      },
    );
    expect(r.ok && r.value.plans.find((p) => p.plan === "max")?.reason).toMatch(
      /^Max: \$150 \(3 × \$50\) \+ 0 credits/,
    );
  });
});

describe("frequency: how often, over the log's span", () => {
  it.each([
    [1, 7 * 86_400_000, "once a week"],
    [5, 14 * 86_400_000, "2.5× a week"],
    [1, 3_600_000, "once in a day"],
    [3, 36 * 3_600_000, "3× in 2 days"],
    [2, 0, "2× in a day"],
  ])("%i times over %i ms → %s", (times, span, text) => {
    expect(frequency(times, span)).toBe(text);
  });
});

describe("amounts for people", () => {
  it.each([
    ["1234567.5", "1,234,567.5"],
    ["-1234.25", "-1,234.25"],
    ["12", "12"],
  ])("groupThousands(%s) = %s", (text, grouped) => {
    expect(groupThousands(text)).toBe(grouped);
  });
  it.each([
    ["50", "$50"],
    ["12.5", "$12.50"],
    ["12.345", "$12.34"],
    ["0.0061035", "$0.01"],
    ["0.0031", "$0.0031"],
    ["0", "$0"],
  ])("displayUsd(%s) = %s", (amount, text) => {
    expect(displayUsd(amount)).toBe(text);
  });
  it("rounds half to even, for display only", () => {
    expect([displayAmount("2.5", 0), displayAmount("3.5", 0), displayAmount("1234.5678", 2)]).toEqual([
      "2",
      "4",
      "1,234.57",
    ]);
  });
});

function plusWithCredits(): LedgerState {
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  const r = applyEvents(created.state, [
    { type: "subscribe", id: "sub", at: "2026-06-04T10:00:00Z", tier: "plus" },
    { type: "purchase-credits", id: "pack", at: "2026-06-04T10:00:00Z", package: "usd-5" },
  ]);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}
const rate = { usage: { resource: "MiniMax-M3", measures: { outputTokens: 1_000_000 } }, perHour: 6 };

describe("forecast refuses bad input with the field's path", () => {
  it.each([
    [{ at: "later", until: "2026-06-05T00:00:00Z", burnRate: rate }, "invalid_instant", ["options", "at"]],
    [{ at: "2026-06-04T10:00:00Z", until: 5.5, burnRate: rate }, "invalid_instant", ["options", "until"]],
    [
      { at: "2026-06-04T10:00:00Z", until: "2026-06-04T09:00:00Z", burnRate: rate },
      "invalid_input",
      ["options", "until"],
    ],
    [
      { at: "2026-06-04T09:00:00Z", until: "2026-06-05T00:00:00Z", burnRate: rate },
      "event_before_clock",
      ["at"],
    ],
    [
      { at: "2026-06-04T10:00:00Z", until: "2026-06-05T00:00:00Z", burnRate: rate, usages: [] },
      "invalid_input",
      ["options"],
    ],
    [
      {
        at: "2026-06-04T10:00:00Z",
        until: "2026-06-05T00:00:00Z",
        usages: [{ type: "usage", id: "x", at: 0, resource: "no", measures: {} }],
      },
      "unknown_resource",
      ["options", "usages", 0, "resource"],
    ],
    [
      {
        at: "2026-06-04T10:00:00Z",
        until: "2027-06-05T00:00:00Z",
        burnRate: { ...rate, perHour: 3_600_000 },
      },
      "limit_exceeded",
      ["options", "until"],
    ],
  ])("%j", (options, code, path) => {
    const r = forecast(plusWithCredits(), options as never);
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual([code, path]);
  });

  it("refuses a value that is not a ledger state", () => {
    const r = forecast({} as LedgerState, { at: 0, until: 1, burnRate: rate });
    expect(r.ok ? null : r.error.code).toBe("invalid_state");
  });
});

describe("forecast without a plan, and with credits that expire first", () => {
  it("without a subscription no window is forecast and credits pay from the first usage", () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const bought = applyEvents(created.state, [
      { type: "purchase-credits", id: "pack", at: "2026-06-04T10:00:00Z", package: "usd-5" },
    ]);
    if (!bought.ok) throw new Error(bought.error.message);
    const r = forecast(bought.state, {
      at: "2026-06-04T10:00:00Z",
      until: "2026-06-04T12:00:00Z",
      burnRate: rate,
    });
    if (!r.ok) throw new Error(r.error.message);
    // 1,200 credits every 10 minutes: 10:10, 10:20, 10:30, 10:40 use 4,800; 10:50 finds 200.
    expect([r.value.windows, r.value.credits.runsOutAt]).toEqual([[], "2026-06-04T10:50:00.000Z"]);
  });

  it("lists only the credits that expire before the credits run out", () => {
    const short = extendCatalog(defaultCatalog, {
      id: "one-day-credits",
      credits: { validity: { rule: "elapsed-days", days: 1 } },
    });
    if (!short.ok) throw new Error(short.error.message);
    const created = createLedger({ catalog: short.value });
    if (!created.ok) throw new Error(created.error.message);
    const bought = applyEvents(created.state, [
      { type: "purchase-credits", id: "first", at: "2026-06-04T00:00:00Z", package: "usd-5" },
      { type: "purchase-credits", id: "second", at: "2026-06-04T12:00:00Z", package: "usd-5" },
    ]);
    if (!bought.ok) throw new Error(bought.error.message);
    // 240 credits an hour, at 13:00 … 23:00 (eleven usages) from "first", which expires on 06-05 at
    // 00:00 with 5,000 − 11 × 240 = 2,360 left; "second" then runs short before its own expiry.
    const slow = { usage: { resource: "MiniMax-M3", measures: { outputTokens: 200_000 } }, perHour: 1 };
    const r = forecast(bought.state, {
      at: "2026-06-04T12:00:00Z",
      until: "2026-06-06T00:00:00Z",
      burnRate: slow,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.credits.expiresUnused).toEqual([
      { lotId: "first", expiresAt: "2026-06-05T00:00:00.000Z", credits: "2360" },
    ]);
    expect(r.value.credits.runsOutAt).not.toBeNull();
  });
});
