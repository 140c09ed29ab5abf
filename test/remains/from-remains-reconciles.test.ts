/**
 * Property: a ledger started from a snapshot agrees with that snapshot. ledgerFromRemains
 * then reconcile at the same instant reports
 * - nothing at all, for payloads whose windows are the catalog's own blocks and whose
 *   totals are the catalog's limits (the provider and the catalog describe one plan);
 * - no used-share difference beyond the default tolerance (1 point), for any payload on
 *   any catalog and tier: what is left (limits, resets, coverage) is the catalog's, not
 *   the metering's, and ledgerFromRemains notes it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Catalog,
  codingPlanCatalog,
  defaultCatalog,
  ledgerFromRemains,
  parseRemains,
  reconcile,
  tokenPlanChinaCatalog,
  tokenPlanV1Catalog,
} from "../../src";
import { startArb } from "../support/arbitraries";
import { slidingAndSessionCatalog } from "../support/catalogs";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { blockAt, boostSpellings, payloadArb, windowFields } from "./arbitraries";
import { must } from "./support";

type Kind = "interval" | "weekly";

/** How a window's time is sent: its block, only the ms to its end, or not at all. */
const timesArb = fc.constantFrom("block", "remains", "none");

/** The time fields of a window whose block is [start, end), seen at `at`. */
function timeFields(kind: Kind, [start, end]: readonly [number, number], at: number, how: string) {
  const names = windowFields[kind];
  if (how === "block") return { [names.start]: start, [names.end]: end };
  if (how === "remains") return { [names.remains]: end - at };
  return {};
}

/** A v2 general window: only a percentage (counts 0 or absent), a consistent or absent status, a 1000 ‰ boost or none. */
const percentWindowArb = fc.record({
  remaining: fc.oneof(fc.constantFrom(0, 100, "62.5", "0.01"), fc.integer({ min: 0, max: 100 })),
  status: fc.boolean(),
  zeroCounts: fc.boolean(),
  times: timesArb,
  boost: fc.option(fc.constantFrom(...boostSpellings("interval").map((_, i) => i))),
});

/** A video day on a tier with `limit` videos: `used` of them, on the current endpoint. */
const videoArb = fc.record({
  usedShare: fc.double({ min: 0, max: 1, noNaN: true }),
  percent: fc.boolean(),
  status: fc.boolean(),
  times: timesArb,
  unlimitedWeek: fc.boolean(),
});

const planArb = fc.record({
  site: fc.constantFrom("global", "china"),
  tier: fc.constantFrom("plus", "max", "ultra"),
  at: startArb,
  interval: fc.option(percentWindowArb, { nil: undefined }),
  weekly: fc.option(percentWindowArb, { nil: undefined }),
  video: fc.option(videoArb, { nil: undefined }),
  named: fc.boolean(),
});

type Plan = typeof planArb extends fc.Arbitrary<infer P> ? P : never;

const videoLimits: Readonly<Record<string, number>> = { plus: 0, max: 3, ultra: 5 };

/** The payload of a plan: the catalog's blocks at `at`, the catalog's video limit. */
function payloadOf(plan: Plan): Record<string, unknown> {
  const offset = plan.site === "china" ? 8 : 0;
  const general: Record<string, unknown> = { model_name: "general" };
  const windows: [Kind, "5h" | "weekly", Plan["interval"]][] = [
    ["interval", "5h", plan.interval],
    ["weekly", "weekly", plan.weekly],
  ];
  for (const [kind, window, spec] of windows) {
    if (spec === undefined) continue;
    const names = windowFields[kind];
    const remaining = spec.remaining;
    Object.assign(general, timeFields(kind, blockAt(window, plan.at, offset), plan.at, spec.times), {
      [names.percent]: remaining,
    });
    if (spec.status) general[names.status] = remaining === 0 ? 2 : 1;
    if (spec.zeroCounts) Object.assign(general, { [names.total]: 0, [names.usage]: 0 });
    if (spec.boost !== null) general[boostSpellings(kind)[spec.boost] as string] = 1000;
  }
  const rows: Record<string, unknown>[] = [general];
  const video = plan.video;
  const limit = videoLimits[plan.tier] ?? 0;
  if (video !== undefined && limit === 0) {
    // Plus: video is not in the plan (totals 0, status 3, 100 %), as the provider sends it.
    rows.push({
      model_name: "video",
      current_interval_total_count: 0,
      current_interval_usage_count: 0,
      current_interval_remaining_percent: 100,
      current_interval_status: 3,
    });
  } else if (video !== undefined) {
    const used = Math.min(limit, Math.floor(video.usedShare * (limit + 1)));
    const row: Record<string, unknown> = {
      model_name: "video",
      ...timeFields("interval", blockAt("daily", plan.at, offset), plan.at, video.times),
      current_interval_total_count: limit,
      current_interval_usage_count: used,
    };
    // Whole percentages, as the provider sends them: floor(100 × remaining / total).
    if (video.percent) row.current_interval_remaining_percent = Math.floor((100 * (limit - used)) / limit);
    if (video.status) row.current_interval_status = used === limit ? 2 : 1;
    if (video.unlimitedWeek)
      Object.assign(row, {
        current_weekly_total_count: 0,
        current_weekly_remaining_percent: 100,
        current_weekly_status: 3,
      });
    rows.push(row);
  }
  return { model_remains: rows, base_resp: { status_code: 0, status_msg: "success" } };
}

describe("ledgerFromRemains then reconcile at the same instant", () => {
  it(
    "reports nothing when the payload describes the catalog's own plan",
    () => {
      fc.assert(
        fc.property(planArb, (plan) => {
          const catalog = plan.site === "china" ? tokenPlanChinaCatalog : defaultCatalog;
          const snapshot = must(
            parseRemains(payloadOf(plan), {
              receivedAt: plan.at,
              ...(plan.named ? { endpoint: "current" } : {}),
            }),
          );
          const started = must(ledgerFromRemains(snapshot, { catalog, tier: plan.tier, at: plan.at }));
          const reconciled = must(reconcile(started.state, snapshot, plan.at));
          expect(reconciled.differences).toEqual([]);
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  const catalogs: readonly Catalog[] = [
    defaultCatalog,
    tokenPlanChinaCatalog,
    tokenPlanV1Catalog,
    codingPlanCatalog,
    slidingAndSessionCatalog,
  ];
  const byId = (id: string): Catalog => catalogs.find((c) => c.id === id) ?? defaultCatalog;

  it(
    "never reports a used-share difference, for any payload, catalog and tier",
    () => {
      fc.assert(
        fc.property(
          payloadArb(0),
          // Catalogs by id, so a counterexample prints short.
          fc
            .constantFrom(...catalogs.map((c) => c.id))
            .chain((id) => fc.tuple(fc.constant(id), fc.constantFrom(...Object.keys(byId(id).tiers)))),
          startArb,
          fc.constantFrom(undefined, "current", "legacy"),
          (payload, [id, tier], at, endpoint) => {
            const catalog = byId(id);
            const snapshot = must(parseRemains(payload, endpoint === undefined ? {} : { endpoint }));
            const started = must(ledgerFromRemains(snapshot, { catalog, tier, at }));
            const reconciled = must(reconcile(started.state, snapshot, at));
            expect(reconciled.differences.filter((d) => d.type === "used")).toEqual([]);
          },
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
