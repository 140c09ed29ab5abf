/**
 * Seeded, realistic usage traces for the benchmarks. Deterministic: one seed, one
 * trace (own PRNG, never Math.random). Events are plain objects with numeric `at`
 * (epoch ms), in time order, built before any timing starts.
 */
import type { Measures } from "../src";

/** The resources the traces use (default catalog ids). */
export type ResourceId = "MiniMax-M3" | "MiniMax-M2.7" | "speech-turbo" | "speech-hd" | "image-01" | "music";

/** The credit packages of the default catalog. */
export type PackageId = "usd-5" | "usd-25" | "usd-100";

/** The events the traces hold: a subset of `LedgerEvent`, with `at` in epoch ms. */
export type TraceEvent =
  | {
      readonly type: "subscribe";
      readonly id: string;
      readonly at: number;
      readonly tier: "plus" | "max" | "ultra";
    }
  | {
      readonly type: "purchase-credits";
      readonly id: string;
      readonly at: number;
      readonly package: PackageId;
    }
  | {
      readonly type: "usage";
      readonly id: string;
      readonly at: number;
      readonly resource: ResourceId;
      readonly measures: Measures;
    };

/** A usage request without its id and instant. */
export interface RequestShape {
  readonly resource: ResourceId;
  readonly measures: Measures;
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** mulberry32 (public domain): a tiny 32-bit PRNG, uniform on [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

/** A log-normal sample with the given median, rounded and clamped to [min, max]. */
function logNormal(rand: Rand, median: number, sigma: number, min: number, max: number): number {
  const u = 1 - rand(); // (0, 1]
  const gauss = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  const value = Math.round(median * Math.exp(sigma * gauss));
  return value < min ? min : value > max ? max : value;
}

/** One request of an agent workload: mostly text, some images, speech and music. */
export function requestShape(rand: Rand): RequestShape {
  const pick = rand();
  if (pick < 0.64) {
    // Agent turns on the flagship model; 1 in 500 is a long-context prompt (> 512k input).
    const long = rand() < 0.002;
    const inputTokens = long
      ? 512_001 + Math.floor(rand() * 400_000)
      : logNormal(rand, 15_000, 0.9, 200, 400_000);
    const measures: Record<string, number> = {
      inputTokens,
      outputTokens: logNormal(rand, 1_200, 0.9, 1, 32_000),
    };
    if (rand() < 0.75) measures.cacheReadTokens = logNormal(rand, 60_000, 0.8, 500, 500_000);
    return { resource: "MiniMax-M3", measures };
  }
  if (pick < 0.82) {
    const measures: Record<string, number> = {
      inputTokens: logNormal(rand, 8_000, 0.9, 200, 200_000),
      outputTokens: logNormal(rand, 800, 0.9, 1, 32_000),
    };
    if (rand() < 0.6) measures.cacheReadTokens = logNormal(rand, 30_000, 0.8, 500, 200_000);
    if (rand() < 0.3) measures.cacheWriteTokens = logNormal(rand, 3_000, 0.8, 100, 100_000);
    return { resource: "MiniMax-M2.7", measures };
  }
  if (pick < 0.91) return { resource: "image-01", measures: { images: 1 + Math.floor(rand() * 4) } };
  if (pick < 0.965)
    return { resource: "speech-turbo", measures: { characters: logNormal(rand, 400, 0.7, 20, 10_000) } };
  if (pick < 0.99)
    return { resource: "speech-hd", measures: { characters: logNormal(rand, 400, 0.7, 20, 10_000) } };
  return { resource: "music", measures: { songs: 1 } };
}

/** Options of {@link generateTrace}. */
export interface TraceOptions {
  readonly seed?: number;
  /** Usage events in the trace (default 1,000,000). */
  readonly usageEvents?: number;
  /** Subscription instant, epoch ms (default 2026-06-01T08:00:00Z, a Monday). */
  readonly startMs?: number;
  /** Packages of $100 prepaid at the start (default 44: about 1.1 years of overflow). */
  readonly prepaidPackages?: number;
  /** Requests per second of a burst at intensity 1 (default 0.2). */
  readonly burstRate?: number;
  /** Scale of burst lengths, 1 = 45 min to 3.5 h (default 0.8: 36 min to 2.8 h). */
  readonly burstLengthScale?: number;
}

/** A generated trace and what is in it. */
export interface Trace {
  readonly events: readonly TraceEvent[];
  readonly usageEvents: number;
  readonly purchases: number;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * One Max subscriber's year and a bit, at the density of an agent runner: one to three
 * bursts a day of 36 min to 2.8 h at 0.01–0.7 requests/s (enough to fill a 5-hour
 * block), quieter weekends, light and heavy weeks. Credits: a prepaid budget of $100 packages at the start (most of
 * it is drawn, the rest expires 365 days later), a $25 package on the first of each
 * month, a $5 top-up now and then, and weekly $100 packages from four weeks after the
 * prepaid lots expired (arrears build up in between). Monthly renewals happen by
 * themselves (time passing). Three PRNG streams (plan, arrivals, request shapes), so a
 * change to one knob does not reshuffle the others.
 */
export function generateTrace(options: TraceOptions = {}): Trace {
  const seed = options.seed ?? 20260601;
  const plan = mulberry32(seed);
  const arrivals = mulberry32(seed ^ 0x5bd1e995);
  const shapes = mulberry32(seed ^ 0x27d4eb2f);
  const usageTarget = options.usageEvents ?? 1_000_000;
  const startMs = options.startMs ?? Date.UTC(2026, 5, 1, 8);
  const prepaid = options.prepaidPackages ?? 44;
  const burstRate = options.burstRate ?? 0.2;
  const burstScale = options.burstLengthScale ?? 0.8;
  const events: TraceEvent[] = [{ type: "subscribe", id: "sub-max", at: startMs, tier: "max" }];
  let purchases = 0;
  const buy = (id: string, at: number, pack: PackageId): void => {
    events.push({ type: "purchase-credits", id, at, package: pack });
    purchases++;
  };
  for (let i = 0; i < prepaid; i++) buy(`prepaid-${String(i).padStart(2, "0")}`, startMs + minute, "usd-100");
  const weeklyFrom = startMs + minute + 365 * day + 28 * day;

  let usage = 0;
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
    // The day's purchases (05:00-05:40 UTC), before its first request (06:00 or later).
    const topUp = plan() < 0.04;
    if (d > 0 && date.getUTCDate() === 1) buy(`monthly-${d}`, dayStart + 5 * hour, "usd-25");
    if (d > 0 && topUp) buy(`topup-${d}`, dayStart + 5 * hour + 20 * minute, "usd-5");
    if (weekday === 0 && dayStart >= weeklyFrom)
      buy(`weekly-${d}`, dayStart + 5 * hour + 40 * minute, "usd-100");

    const dayFactor = weekday < 5 ? 1 : weekday === 5 ? 0.45 : 0.3;
    const bursts = 1 + Math.floor(plan() * 3);
    let t = dayStart + 6 * hour + Math.floor(plan() * 4 * hour);
    for (let b = 0; b < bursts; b++) {
      const length = Math.floor((45 * minute + plan() * 165 * minute) * burstScale);
      const end = Math.min(t + length, dayStart + day - 1);
      const rate = burstRate * weekIntensity * dayFactor * (0.5 + plan()); // requests per second
      const meanGapMs = 1000 / rate;
      for (;;) {
        t += Math.floor(-Math.log(1 - arrivals()) * meanGapMs);
        if (t >= end || usage >= usageTarget) break;
        if (t < lastAt) t = lastAt;
        const shape = requestShape(shapes);
        events.push({
          type: "usage",
          id: `req-${String(usage).padStart(7, "0")}`,
          at: t,
          resource: shape.resource,
          measures: shape.measures,
        });
        lastAt = t;
        usage++;
      }
      t = end + 20 * minute + Math.floor(plan() * 3 * hour);
      if (t >= dayStart + day) break;
    }
  }
  return { events, usageEvents: usage, purchases, startMs, endMs: lastAt };
}

/** Options of {@link agentWeek}. */
export interface AgentWeekOptions {
  readonly seed?: number;
  /** Monday 00:00 UTC at which the week starts (default 2026-06-08). */
  readonly startMs?: number;
  /** A $100 package is bought every this many hours (default 12). */
  readonly packageEveryHours?: number;
}

/**
 * A week of one request per second (604,800 usage events, the same request mix) from
 * Monday 00:00 UTC, for a Max subscriber set up like the "empty" state (subscribed with
 * a $100 and a $25 package, one hour before the week) who also buys a $100 package every
 * 12 hours. At this rate quota and credits run out early: the rest is arrears.
 */
export function agentWeek(options: AgentWeekOptions = {}): TraceEvent[] {
  const rand = mulberry32(options.seed ?? 7);
  const startMs = options.startMs ?? Date.UTC(2026, 5, 8);
  const every = (options.packageEveryHours ?? 12) * hour;
  const events: TraceEvent[] = [
    { type: "subscribe", id: "sub-max", at: startMs - hour, tier: "max" },
    { type: "purchase-credits", id: "buy-start-100", at: startMs - hour, package: "usd-100" },
    { type: "purchase-credits", id: "buy-start-25", at: startMs - hour, package: "usd-25" },
  ];
  const seconds = 7 * 24 * 3600;
  for (let i = 0; i < seconds; i++) {
    const at = startMs + i * second;
    if (i > 0 && (i * second) % every === 0) {
      events.push({ type: "purchase-credits", id: `buy-${i}`, at, package: "usd-100" });
    }
    const shape = requestShape(rand);
    events.push({ type: "usage", id: `agent-${i}`, at, resource: shape.resource, measures: shape.measures });
  }
  return events;
}
