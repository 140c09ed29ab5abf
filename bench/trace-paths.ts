/**
 * A seeded trace that walks every path a real account walks (issue 22): quota, the split
 * at the quota/credit boundary, credit overflow across several lots (small weekly grants
 * that expire after 10 days, so one usage often drains two or three of them), lot expiry
 * (with and without credits left), arrears and `pay-arrears` (all, and a part), voids
 * (about 0.2 % of usages, some of them after `pay-arrears` paid what they owed, which
 * gives a refund lot: the day before's last usage is voided after each monthly payment), monthly renewals, two upgrades, a scheduled downgrade, and a
 * scheduled downgrade withdrawn. It runs on the default catalog (calendar windows) and on
 * {@link slidingCatalog} (a sliding 5-hour window and a 7-day session). Deterministic: own
 * PRNG streams, numeric `at`, built before any timing starts.
 */
import { type Catalog, defaultCatalog, extendCatalog } from "../src";
import { mulberry32, type PackageId, type RequestShape, requestShape, type TraceEvent } from "./trace";

/** The default catalog with a sliding 5-hour window (1-minute resolution) and a 7-day session window. */
export const slidingCatalog: Catalog = (() => {
  const extended = extendCatalog(defaultCatalog, {
    id: "bench-sliding-and-session",
    buckets: {
      general: {
        windows: {
          "5h": { label: "5-hour", kind: "sliding", duration: "PT5H", resolution: "PT1M" },
          weekly: { label: "weekly", kind: "session", duration: "P7D" },
        },
      },
    },
  });
  if (!extended.ok) throw new Error(`bench catalog: ${extended.error.message}`);
  return extended.value;
})();

/** The tiers of the default catalog. */
export type TierId = "plus" | "max" | "ultra";

/** Every event the paths trace holds: the plain trace's, and the others. */
export type PathEvent =
  | TraceEvent
  | { readonly type: "change-tier"; readonly id: string; readonly at: number; readonly tier: TierId }
  | {
      readonly type: "grant-credits";
      readonly id: string;
      readonly at: number;
      readonly credits: string;
      readonly validity: { readonly rule: "elapsed-days"; readonly days: number };
    }
  | { readonly type: "void-usage"; readonly id: string; readonly at: number; readonly usageId: string }
  | { readonly type: "pay-arrears"; readonly id: string; readonly at: number; readonly credits?: string };

/** Options of {@link generatePathsTrace}. */
export interface PathsTraceOptions {
  readonly seed?: number;
  /** Usage events (default 500,000: about 300 days). */
  readonly usageEvents?: number;
  /** Subscription instant, epoch ms (default 2026-06-01T08:00:00Z, a Monday). */
  readonly startMs?: number;
}

/** A generated paths trace, with a count of each kind of event. */
export interface PathsTrace {
  readonly events: readonly PathEvent[];
  readonly counts: Readonly<Record<PathEvent["type"], number>>;
  readonly startMs: number;
  readonly endMs: number;
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** Days (from the start) of the tier changes: upgrades, a downgrade, a downgrade withdrawn. */
const tierChanges: readonly (readonly [day: number, tier: TierId])[] = [
  [40, "max"], // upgrade, charged $30 at once
  [120, "ultra"], // upgrade, charged $70
  [200, "plus"], // downgrade, at the period's end
  [260, "max"], // upgrade again
  [300, "plus"], // downgrade scheduled...
  [304, "max"], // ...and withdrawn
];

/**
 * A Plus subscriber (then Max, Ultra, Plus, Max) with the request mix of the plain trace,
 * at a lower density: one to three bursts a day, light and heavy weeks. Credits: ten lots
 * at the start, three $100 packages on the first of each month followed by `pay-arrears` (all),
 * an occasional $5 top-up followed by a partial `pay-arrears`, and five small grants every
 * Monday (20 to 48 credits, valid 10 days). After each usage, with probability 0.002, one
 * of the last 40 usages not voided yet is voided.
 */
export function generatePathsTrace(options: PathsTraceOptions = {}): PathsTrace {
  const seed = options.seed ?? 20261201;
  const plan = mulberry32(seed);
  const arrivals = mulberry32(seed ^ 0x5bd1e995);
  const shapes = mulberry32(seed ^ 0x27d4eb2f);
  const voidsRand = mulberry32(seed ^ 0x1b873593);
  const usageTarget = options.usageEvents ?? 500_000;
  const startMs = options.startMs ?? Date.UTC(2026, 5, 1, 8);
  const events: PathEvent[] = [{ type: "subscribe", id: "sub-plus", at: startMs, tier: "plus" }];
  const buy = (id: string, at: number, pack: PackageId): void => {
    events.push({ type: "purchase-credits", id, at, package: pack });
  };
  for (let i = 0; i < 6; i++) buy(`prepaid-25-${i}`, startMs + minute, "usd-25");
  for (let i = 0; i < 4; i++) buy(`prepaid-5-${i}`, startMs + minute, "usd-5");

  const recentUsages: string[] = [];
  const voided = new Set<string>();
  let usage = 0;
  let voids = 0;
  let weekIntensity = 1;
  let lastAt = startMs + minute;
  const firstDay = startMs - (startMs % day);
  for (let d = 0; usage < usageTarget; d++) {
    const dayStart = firstDay + d * day;
    const date = new Date(dayStart);
    const weekday = (date.getUTCDay() + 6) % 7; // 0 = Monday
    if (weekday === 0 || d === 0) {
      const roll = plan();
      weekIntensity = roll < 0.25 ? 0.4 : roll < 0.6 ? 0.9 : roll < 0.88 ? 1.6 : 2.4;
    }
    const topUp = plan() < 0.05;
    if (d > 0) {
      // The day's account events (05:00-05:40 UTC), before its first request (06:00 or later).
      if (date.getUTCDate() === 1) {
        for (let k = 0; k < 3; k++) buy(`monthly-${d}-${k}`, dayStart + 5 * hour, "usd-100");
        events.push({ type: "pay-arrears", id: `pay-${d}`, at: dayStart + 5 * hour + minute });
        // Void the day before's last usage: when it was uncovered and the payment paid it,
        // the void gives those credits back as a refund lot.
        const last = [...recentUsages].reverse().find((u) => !voided.has(u));
        if (last !== undefined) {
          voided.add(last);
          events.push({
            type: "void-usage",
            id: `void-${voids++}`,
            at: dayStart + 5 * hour + 2 * minute,
            usageId: last,
          });
        }
      }
      if (topUp) {
        buy(`topup-${d}`, dayStart + 5 * hour + 20 * minute, "usd-5");
        events.push({
          type: "pay-arrears",
          id: `pay-part-${d}`,
          at: dayStart + 5 * hour + 21 * minute,
          credits: "1000",
        });
      }
      if (weekday === 0) {
        for (let k = 0; k < 5; k++) {
          events.push({
            type: "grant-credits",
            id: `grant-${d}-${k}`,
            at: dayStart + 5 * hour + 30 * minute,
            credits: String(20 + 7 * k),
            validity: { rule: "elapsed-days", days: 10 },
          });
        }
      }
      for (const [changeDay, tier] of tierChanges) {
        if (changeDay === d)
          events.push({
            type: "change-tier",
            id: `tier-${d}-${tier}`,
            at: dayStart + 5 * hour + 40 * minute,
            tier,
          });
      }
    }
    const dayFactor = weekday < 5 ? 1 : weekday === 5 ? 0.45 : 0.3;
    const bursts = 1 + Math.floor(plan() * 3);
    let t = dayStart + 6 * hour + Math.floor(plan() * 4 * hour);
    for (let b = 0; b < bursts; b++) {
      const length = Math.floor((45 * minute + plan() * 165 * minute) * 0.8);
      const end = Math.min(t + length, dayStart + day - 1);
      const rate = 0.12 * weekIntensity * dayFactor * (0.5 + plan()); // requests per second
      const meanGapMs = 1000 / rate;
      for (;;) {
        t += Math.floor(-Math.log(1 - arrivals()) * meanGapMs);
        if (t >= end || usage >= usageTarget) break;
        if (t < lastAt) t = lastAt;
        const shape: RequestShape = requestShape(shapes);
        const id = `req-${String(usage).padStart(7, "0")}`;
        events.push({ type: "usage", id, at: t, resource: shape.resource, measures: shape.measures });
        recentUsages.push(id);
        if (recentUsages.length > 40) recentUsages.shift();
        lastAt = t;
        usage++;
        if (voidsRand() < 0.002) {
          const candidates = recentUsages.filter((u) => !voided.has(u));
          const target = candidates[Math.floor(voidsRand() * candidates.length)];
          if (target !== undefined) {
            voided.add(target);
            events.push({ type: "void-usage", id: `void-${voids++}`, at: t, usageId: target });
          }
        }
      }
      t = end + 20 * minute + Math.floor(plan() * 3 * hour);
      if (t >= dayStart + day) break;
    }
  }
  const counts: Record<PathEvent["type"], number> = {
    subscribe: 0,
    "purchase-credits": 0,
    usage: 0,
    "change-tier": 0,
    "grant-credits": 0,
    "void-usage": 0,
    "pay-arrears": 0,
  };
  for (const event of events) counts[event.type]++;
  return { events, counts, startMs, endMs: lastAt };
}
