/**
 * How simulate takes its usages: the catalog they are checked against, the bound on their
 * number, ids that meet only once sorted, and a resource in no bucket. Written to kill the
 * mutants Stryker left in `src/simulate/prepare.ts` (see bench/README.md "Mutation scores");
 * each test names the mutants it kills.
 */
import { describe, expect, it } from "vitest";
import { type Catalog, defaultCatalog, extendCatalog, simulate } from "../../src";
import { eventsPerCallMax } from "../../src/limits";

/** The default catalog with "house-model", priced as MiniMax-M3 but drawing on no bucket. */
const houseCatalog: Catalog = (() => {
  const extended = extendCatalog(defaultCatalog, {
    id: "with-house-model",
    resources: { "house-model": { ...defaultCatalog.resources["MiniMax-M3"], bucket: null } as never },
  });
  if (!extended.ok) throw new Error(`fixture catalog: ${extended.error.message}`);
  return extended.value;
})();

const at = Date.parse("2026-06-04T10:00:00Z");

describe("the usages a simulation takes", () => {
  // Kills: "Expected an array of usage events." → "".
  it("refuses what is not a list, saying so", () => {
    expect(simulate("nope" as never, { plan: "max" })).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Expected an array of usage events.",
        path: ["usages"],
        params: {},
      },
    });
  });

  // Kills: `usages.length > eventsPerCallMax` → false and → `>=`, and the refusal's message and
  // params (no coverage before). Sparse lists: their length is all the bound reads.
  it("refuses more than eventsPerCallMax usages before reading any, and reads a list of exactly that many", () => {
    expect(simulate(new Array(eventsPerCallMax + 1), { plan: "max" })).toEqual({
      ok: false,
      error: {
        code: "limit_exceeded",
        message: `At most ${eventsPerCallMax} usages per simulation.`,
        path: ["usages"],
        params: { eventsPerCallMax },
      },
    });
    // At the bound the list is read: its first (missing) usage is the refusal.
    const atBound = simulate(new Array(eventsPerCallMax), { plan: "max" });
    expect(atBound.ok ? null : [atBound.error.code, atBound.error.path]).toEqual([
      "invalid_input",
      ["usages", 0],
    ]);
  });

  // Kills: `createLedger({ catalog })` → `createLedger({})` (the usages are checked against the default catalog).
  it("checks the usages against the simulation's catalog", () => {
    const usage = {
      type: "usage",
      id: "h",
      at,
      resource: "house-model",
      measures: { outputTokens: 1_000_000 },
    };
    const r = simulate([usage], { plan: "none", credits: "none", catalog: houseCatalog });
    expect(r.ok && [r.value.usages, r.value.valueUsd]).toEqual([1, "1.2"]);
  });

  // Kills the neighbour check after sorting (no coverage before: `k--`, its block → {}, the
  // id comparison → true / false / `!==`, `plain = true`): two usages under one id, in the
  // plain form, that sit next to each other only once sorted.
  it("renames plain usages whose ids meet only in time order", () => {
    const usage = (id: string, atMs: number) => ({
      type: "usage" as const,
      id,
      at: atMs,
      resource: "MiniMax-M3",
      measures: { outputTokens: 1_000_000 },
    });
    // Given x@10:00, y@10:20, x@10:10; replayed as x, x, y: both x are counted ($1.20 each).
    const r = simulate([usage("x", at), usage("y", at + 1_200_000), usage("x", at + 600_000)], {
      plan: "max",
      credits: "none",
    });
    expect(r.ok && [r.value.usages, r.value.valueUsd]).toEqual([3, "3.6"]);
  });
});

// Kills: a bucketless resource's bucket index `-1` → `+1` (it would be read as drawing on the
// video bucket, which Max covers: a usage "fitting" there would be applied without buying).
it("buys credits for a resource in no bucket: quota never covers it", () => {
  // $1.20 of house-model on Max with credits as needed: one $5 package, 1,200 credits drawn.
  const r = simulate(
    [{ type: "usage", id: "h", at, resource: "house-model", measures: { outputTokens: 1_000_000 } }],
    {
      plan: "max",
      credits: "as-needed",
      catalog: houseCatalog,
    },
  );
  expect(r.ok && [r.value.creditsPurchased, r.value.creditsUsed, r.value.uncoveredCredits]).toEqual([
    "5000",
    "1200",
    "0",
  ]);
});

describe("order and type", () => {
  const m3 = (id: string, atMs: number, outputTokens: number) => ({
    type: "usage" as const,
    id,
    at: atMs,
    resource: "MiniMax-M3",
    measures: { outputTokens },
  });

  // Kills: `event.at < at[i − 1]` → `>=` (two usages given latest first must still be sorted).
  it("replays two usages given latest first in time order", () => {
    // Plus, no credits: 10:00 $6.00 fits ($0.596 left); 11:00 $1.20 takes $0.596, 604 credits uncovered.
    const r = simulate([m3("late", at + 3_600_000, 1_000_000), m3("early", at, 5_000_000)], {
      plan: "plus",
      credits: "none",
    });
    expect(r.ok && [r.value.from, r.value.uncoveredCredits]).toEqual(["2026-06-04T10:00:00.000Z", "604"]);
  });

  // Kills: the message of a non-usage event → ``.
  it("refuses an event that is not a usage, naming its type", () => {
    const r = simulate([{ type: "subscribe", id: "s", at, tier: "max" }], { plan: "max" });
    expect(r).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: 'A simulation replays usage events only; got a "subscribe" event.',
        path: ["usages", 0, "type"],
        params: {},
      },
    });
  });
});

// Kills: the bucket index `?? -1` → `&& -1` (the video bucket, index 1, would be read as no
// bucket, and the replay would not look at its window after the usage that fills it).
it("takes videos from Max's daily video quota, and sees the window full after the third", () => {
  // Max allows 3 videos a day (UTC): the third, at 10:02, uses up the day until midnight.
  const video = (id: string, atMs: number) => ({
    type: "usage" as const,
    id,
    at: atMs,
    resource: "video-standard",
    measures: { videos: 1 },
  });
  const r = simulate([video("v1", at), video("v2", at + 60_000), video("v3", at + 120_000)], {
    plan: "max",
    credits: "none",
  });
  expect(r.ok && [r.value.uncoveredCredits, r.value.windows.at(-1)?.usedUnits]).toEqual(["0", "3"]);
  expect(r.ok && r.value.full).toEqual([
    {
      bucket: "video",
      window: "daily",
      label: "daily",
      from: "2026-06-04T10:02:00.000Z",
      until: "2026-06-05T00:00:00.000Z",
    },
  ]);
});

// Kills: the unknown-tier message → `` and its list separator → "", and its params → {}.
it("refuses a plan the catalog has no tier for, listing the tiers", () => {
  expect(simulate([], { plan: "mega" })).toEqual({
    ok: false,
    error: {
      code: "unknown_tier",
      message: `No tier "mega" in catalog "${defaultCatalog.id}"; expected "none" or one of plus, max, ultra.`,
      path: ["options", "plan"],
      params: { tier: "mega" },
    },
  });
});

describe("credit strategies", () => {
  // Kills mutants of resolveStrategy's search for the smallest package: a package listed
  // last that is the smallest is the one bought as needed.
  it("buys as needed the smallest package, wherever the catalog lists it", () => {
    const extended = extendCatalog(defaultCatalog, {
      id: "with-usd-1",
      credits: { packages: { "usd-1": { priceUsd: "1", credits: "1000" } } },
    });
    if (!extended.ok) throw new Error(extended.error.message);
    // $1.20 on credits only: 1,200 credits short, two packages of 1,000.
    const r = simulate(
      [{ type: "usage", id: "a", at, resource: "MiniMax-M3", measures: { outputTokens: 1_000_000 } }],
      {
        plan: "none",
        catalog: extended.value,
      },
    );
    expect(r.ok && r.value.purchases.map((p) => [p.package, p.credits, p.priceUsd])).toEqual([
      ["usd-1", "1000", "1"],
      ["usd-1", "1000", "1"],
    ]);
  });

  // Kills: the unknown package's message and params.
  it("refuses an unknown package, listing the catalog's", () => {
    expect(simulate([], { plan: "max", credits: "usd-7" })).toEqual({
      ok: false,
      error: {
        code: "unknown_package",
        message: 'No credit package "usd-7"; expected "none", "as-needed" or one of usd-5, usd-25, usd-100.',
        path: ["options", "credits"],
        params: { package: "usd-7" },
      },
    });
  });
});
