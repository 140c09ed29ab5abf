/**
 * The BASELINE: the same billing rules as the default catalog, written the plain way
 * (one mutable state, plain loops, exact integers, no immutability, no validation, no
 * idempotency, no audit trail), so the library's cost can be compared with what the
 * rules themselves cost. Two variants:
 * - `runBaseline`: bigint atoms of 10^-12 (USD and credits), like the library;
 * - `runBaselineSafe`: safe-integer numbers, all in atoms of 10^-12 USD (credits kept
 *   as 10^-9 credits, the same atom), totals flushed to bigint.
 * Only the events a trace holds (subscribe, purchase-credits, usage) are supported.
 *
 * The rules, as in the default catalog (token plan v2, global site):
 * - value = Σ measure × list price (per-token prices are whole atoms); input above
 *   512,000 tokens prices MiniMax-M3 at the long-context rates; quota units = value;
 * - quota first: a usage takes min(value, room of the 5-hour block, room of the week)
 *   from both windows (blocks cut 00/05/10/15/20 UTC, weeks from Monday 00:00 UTC; Max:
 *   19.834 and 297.51 list-price USD);
 * - the overflow × 1,000 credits is drawn from live lots, soonest expiry first (then
 *   oldest purchase, then id); a lot expires 365 × 24 h after its purchase (exclusive);
 * - whatever the lots cannot cover is uncovered (arrears);
 * - the subscription renews every calendar month from its start, clamped at month end.
 */
import type { PackageId, ResourceId, TraceEvent } from "./trace";
import type { PathEvent } from "./trace-paths";

const day = 86_400_000;
const hour = 3_600_000;
const lotValidityMs = 365 * day;
const blockCutsMs = [0, 5 * hour, 10 * hour, 15 * hour, 20 * hour];
const usdAtoms = 1_000_000_000_000n;
const creditsPerUsd = 1000n;

type Measure =
  | "inputTokens"
  | "outputTokens"
  | "cacheReadTokens"
  | "cacheWriteTokens"
  | "characters"
  | "images"
  | "songs";

/** List prices in atoms of 10^-12 USD per unit. */
const priceTable: Record<ResourceId, { readonly [M in Measure]?: number }> = {
  "MiniMax-M3": { inputTokens: 300_000, outputTokens: 1_200_000, cacheReadTokens: 60_000 },
  "MiniMax-M2.7": {
    inputTokens: 300_000,
    outputTokens: 1_200_000,
    cacheReadTokens: 60_000,
    cacheWriteTokens: 375_000,
  },
  "speech-turbo": { characters: 60_000_000 },
  "speech-hd": { characters: 100_000_000 },
  "image-01": { images: 3_500_000_000 },
  music: { songs: 150_000_000_000 },
};
const longContextAbove = 512_000;
const longContextPrices: { readonly [M in Measure]?: number } = {
  inputTokens: 600_000,
  outputTokens: 2_400_000,
  cacheReadTokens: 120_000,
};
const packageCredits: Record<PackageId, number> = { "usd-5": 5000, "usd-25": 25_000, "usd-100": 100_000 };
const tierPriceUsd = { plus: 20, max: 50, ultra: 120 } as const;
/** Quota limits per tier in atoms of 10^-12 list-price USD: [5-hour block, week]. */
const tierLimits = {
  plus: [6_596_000_000_000, 98_940_000_000_000],
  max: [19_834_000_000_000, 297_510_000_000_000],
  ultra: [47_601_600_000_000, 714_024_000_000_000],
} as const;

type Terms = readonly (readonly [Measure, number])[];
const termsOf = (prices: { readonly [M in Measure]?: number }): Terms =>
  Object.entries(prices) as [Measure, number][];
const terms = new Map<string, Terms>(Object.entries(priceTable).map(([id, p]) => [id, termsOf(p)]));
const longTerms = termsOf(longContextPrices);
const termsBig = new Map<string, readonly (readonly [Measure, bigint])[]>(
  [...terms].map(([id, t]) => [id, t.map(([m, c]) => [m, BigInt(c)] as const)]),
);
const longTermsBig = longTerms.map(([m, c]) => [m, BigInt(c)] as const);

/** Totals and final state of a run, amounts as canonical decimal strings (as the library writes them). */
export interface BaselineResult {
  readonly usageEvents: number;
  /** Usages that overflowed their quota (credits or arrears paid some of them). */
  readonly overflowUsages: number;
  readonly valueUsd: string;
  /** Quota units taken (from each window: the same units from both). */
  readonly quotaUnits: string;
  readonly creditsPurchased: string;
  readonly creditsDebited: string;
  readonly creditsExpired: string;
  /** Lots that expired with credits left. */
  readonly lotsExpiredWithCredits: number;
  readonly lotsExpired: number;
  readonly uncoveredCredits: string;
  readonly subscriptionUsd: string;
  readonly renewals: number;
  readonly final: {
    readonly clockMs: number;
    readonly arrearsCredits: string;
    /** Live lots in draw order: [id, remaining credits]. */
    readonly lots: readonly (readonly [string, string])[];
    readonly block: { readonly startMs: number; readonly used: string };
    readonly week: { readonly startMs: number; readonly used: string };
  };
}

/** A canonical decimal string of `atoms` × 10^-`scale` (no exponent, no trailing zeros). */
export function formatAtoms(atoms: bigint, scale = 12): string {
  const negative = atoms < 0n;
  const digits = (negative ? -atoms : atoms).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

/** Decimal text → atoms of 10^-12. */
export function parseAtoms(text: string): bigint {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const atoms = BigInt(whole + fraction.padEnd(12, "0"));
  return negative ? -atoms : atoms;
}

/** The calendar month `months` after `anchor` at the same UTC time of day, clamped at month end. */
function addMonthsUtc(anchor: number, months: number): number {
  const d = new Date(anchor);
  const target = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** [start, end) of the 5-hour block holding `at` (UTC cuts 00/05/10/15/20). */
function blockAt(at: number): [number, number] {
  const dayStart = at - (at % day);
  const timeOfDay = at - dayStart;
  let i = blockCutsMs.length - 1;
  while ((blockCutsMs[i] as number) > timeOfDay) i--;
  const start = dayStart + (blockCutsMs[i] as number);
  const end = i + 1 < blockCutsMs.length ? dayStart + (blockCutsMs[i + 1] as number) : dayStart + day;
  return [start, end];
}

/** Monday 00:00 UTC of the week holding `at`. */
function weekStartAt(at: number): number {
  const dayIndex = Math.floor(at / day);
  const sinceMonday = (dayIndex + 3) % 7; // 1970-01-01 was a Thursday
  return (dayIndex - sinceMonday) * day;
}

interface LotBig {
  readonly id: string;
  readonly purchasedAt: number;
  readonly expiresAt: number;
  remaining: bigint;
}

function drawOrder(a: { id: string; purchasedAt: number; expiresAt: number }, b: typeof a): number {
  if (a.expiresAt !== b.expiresAt) return a.expiresAt - b.expiresAt;
  if (a.purchasedAt !== b.purchasedAt) return a.purchasedAt - b.purchasedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Inserts a lot in draw order among lots[head..] (usually at the end). */
function insertLot<L extends { id: string; purchasedAt: number; expiresAt: number }>(
  lots: L[],
  head: number,
  lot: L,
): void {
  let i = lots.length;
  while (i > head && drawOrder(lots[i - 1] as L, lot) > 0) i--;
  lots.splice(i, 0, lot);
}

/** Runs the rules over `events` (time-ordered, numeric `at`) with bigint atoms. */
export function runBaseline(events: readonly TraceEvent[]): BaselineResult {
  let clock = 0;
  let tier: keyof typeof tierLimits | null = null;
  let anchor = 0;
  let period = 0;
  let periodEnd = Number.POSITIVE_INFINITY;
  let limitBlock = 0n;
  let limitWeek = 0n;
  let blockStart = 0;
  let blockEnd = 0;
  let blockUsed = 0n;
  let weekStart = 0;
  let weekEnd = 0;
  let weekUsed = 0n;
  const lots: LotBig[] = [];
  let head = 0; // lots[0..head) have expired
  let arrears = 0n;
  let usageEvents = 0;
  let overflowUsages = 0;
  let value = 0n;
  let quota = 0n;
  let purchased = 0n;
  let debited = 0n;
  let expired = 0n;
  let lotsExpired = 0;
  let lotsExpiredWithCredits = 0;
  let uncovered = 0n;
  let subscriptionUsd = 0n;
  let renewals = 0;

  for (let e = 0; e < events.length; e++) {
    const event = events[e] as TraceEvent;
    const at = event.at;
    // Time passes: lots expire, the subscription renews.
    while (head < lots.length && (lots[head] as LotBig).expiresAt <= at) {
      const lot = lots[head++] as LotBig;
      expired += lot.remaining;
      lotsExpired++;
      if (lot.remaining > 0n) lotsExpiredWithCredits++;
    }
    while (tier !== null && periodEnd <= at) {
      period++;
      renewals++;
      subscriptionUsd += BigInt(tierPriceUsd[tier]) * usdAtoms;
      periodEnd = addMonthsUtc(anchor, period + 1);
    }
    if (at > clock) clock = at;

    if (event.type === "usage") {
      usageEvents++;
      const measures = event.measures;
      const long = event.resource === "MiniMax-M3" && (measures.inputTokens ?? 0) > longContextAbove;
      const priceTerms = long
        ? longTermsBig
        : (termsBig.get(event.resource) as (readonly [Measure, bigint])[]);
      let units = 0n;
      for (let i = 0; i < priceTerms.length; i++) {
        const [measure, coefficient] = priceTerms[i] as readonly [Measure, bigint];
        const q = measures[measure];
        if (q !== undefined && q !== 0) units += BigInt(q) * coefficient;
      }
      value += units;
      let taken = 0n;
      if (tier !== null) {
        const inBlock = blockStart <= at && at < blockEnd;
        const inWeek = weekStart <= at && at < weekEnd;
        const roomBlock = limitBlock - (inBlock ? blockUsed : 0n);
        const roomWeek = limitWeek - (inWeek ? weekUsed : 0n);
        let room = roomBlock < roomWeek ? roomBlock : roomWeek;
        if (room < 0n) room = 0n;
        taken = units < room ? units : room;
        if (taken > 0n) {
          if (inBlock) blockUsed += taken;
          else {
            [blockStart, blockEnd] = blockAt(at);
            blockUsed = taken;
          }
          if (inWeek) weekUsed += taken;
          else {
            weekStart = weekStartAt(at);
            weekEnd = weekStart + 7 * day;
            weekUsed = taken;
          }
          quota += taken;
        }
      }
      if (taken < units) {
        overflowUsages++;
        let left = (units - taken) * creditsPerUsd;
        for (let i = head; i < lots.length && left > 0n; i++) {
          const lot = lots[i] as LotBig;
          if (lot.remaining === 0n || at >= lot.expiresAt) continue;
          const take = lot.remaining < left ? lot.remaining : left;
          lot.remaining -= take;
          left -= take;
          debited += take;
        }
        if (left > 0n) {
          uncovered += left;
          arrears += left;
        }
      }
    } else if (event.type === "purchase-credits") {
      const credits = BigInt(packageCredits[event.package]) * usdAtoms;
      purchased += credits;
      insertLot(lots, head, {
        id: event.id,
        purchasedAt: at,
        expiresAt: at + lotValidityMs,
        remaining: credits,
      });
    } else {
      tier = event.tier;
      anchor = at;
      period = 0;
      periodEnd = addMonthsUtc(anchor, 1);
      subscriptionUsd += BigInt(tierPriceUsd[tier]) * usdAtoms;
      limitBlock = BigInt(tierLimits[tier][0]);
      limitWeek = BigInt(tierLimits[tier][1]);
    }
  }
  return {
    usageEvents,
    overflowUsages,
    valueUsd: formatAtoms(value),
    quotaUnits: formatAtoms(quota),
    creditsPurchased: formatAtoms(purchased),
    creditsDebited: formatAtoms(debited),
    creditsExpired: formatAtoms(expired),
    lotsExpired,
    lotsExpiredWithCredits,
    uncoveredCredits: formatAtoms(uncovered),
    subscriptionUsd: formatAtoms(subscriptionUsd),
    renewals,
    final: {
      clockMs: clock,
      arrearsCredits: formatAtoms(arrears),
      lots: lots.slice(head).map((lot) => [lot.id, formatAtoms(lot.remaining)] as const),
      block: { startMs: blockStart, used: formatAtoms(blockUsed) },
      week: { startMs: weekStart, used: formatAtoms(weekUsed) },
    },
  };
}

interface LotNum {
  readonly id: string;
  readonly purchasedAt: number;
  readonly expiresAt: number;
  /** In atoms of 10^-12 USD (10^-9 credits). */
  remaining: number;
}

/** Exact sums of safe integers: a number accumulator flushed into a bigint before it could round. */
class Total {
  private big = 0n;
  private small = 0;
  add(n: number): void {
    this.small += n;
    if (this.small > 2 ** 52) this.flush();
  }
  private flush(): void {
    this.big += BigInt(this.small);
    this.small = 0;
  }
  value(): bigint {
    this.flush();
    return this.big;
  }
}

const safeMax = Number.MAX_SAFE_INTEGER;

/**
 * The same rules with safe-integer numbers: every amount in atoms of 10^-12 USD (a
 * credit is 10^9 of them). Exact while each value stays below 2^53 (checked per usage;
 * totals are flushed to bigint).
 */
export function runBaselineSafe(events: readonly TraceEvent[]): BaselineResult {
  const creditAtom = 1000n; // one 10^-12 USD atom is 1,000 atoms of 10^-12 credits
  let clock = 0;
  let tier: keyof typeof tierLimits | null = null;
  let anchor = 0;
  let period = 0;
  let periodEnd = Number.POSITIVE_INFINITY;
  let limitBlock = 0;
  let limitWeek = 0;
  let blockStart = 0;
  let blockEnd = 0;
  let blockUsed = 0;
  let weekStart = 0;
  let weekEnd = 0;
  let weekUsed = 0;
  const lots: LotNum[] = [];
  let head = 0;
  const arrears = new Total();
  let usageEvents = 0;
  let overflowUsages = 0;
  const value = new Total();
  const quota = new Total();
  const purchased = new Total();
  const debited = new Total();
  const expired = new Total();
  let lotsExpired = 0;
  let lotsExpiredWithCredits = 0;
  const uncovered = new Total();
  let subscriptionUsd = 0;
  let renewals = 0;

  for (let e = 0; e < events.length; e++) {
    const event = events[e] as TraceEvent;
    const at = event.at;
    while (head < lots.length && (lots[head] as LotNum).expiresAt <= at) {
      const lot = lots[head++] as LotNum;
      expired.add(lot.remaining);
      lotsExpired++;
      if (lot.remaining > 0) lotsExpiredWithCredits++;
    }
    while (tier !== null && periodEnd <= at) {
      period++;
      renewals++;
      subscriptionUsd += tierPriceUsd[tier];
      periodEnd = addMonthsUtc(anchor, period + 1);
    }
    if (at > clock) clock = at;

    if (event.type === "usage") {
      usageEvents++;
      const measures = event.measures;
      const long = event.resource === "MiniMax-M3" && (measures.inputTokens ?? 0) > longContextAbove;
      const priceTerms = long ? longTerms : (terms.get(event.resource) as Terms);
      let units = 0;
      for (let i = 0; i < priceTerms.length; i++) {
        const [measure, coefficient] = priceTerms[i] as readonly [Measure, number];
        const q = measures[measure];
        if (q !== undefined && q !== 0) units += q * coefficient;
      }
      if (units > safeMax) throw new Error("baseline: a usage value exceeds 2^53 atoms");
      value.add(units);
      let taken = 0;
      if (tier !== null) {
        const inBlock = blockStart <= at && at < blockEnd;
        const inWeek = weekStart <= at && at < weekEnd;
        const roomBlock = limitBlock - (inBlock ? blockUsed : 0);
        const roomWeek = limitWeek - (inWeek ? weekUsed : 0);
        let room = roomBlock < roomWeek ? roomBlock : roomWeek;
        if (room < 0) room = 0;
        taken = units < room ? units : room;
        if (taken > 0) {
          if (inBlock) blockUsed += taken;
          else {
            [blockStart, blockEnd] = blockAt(at);
            blockUsed = taken;
          }
          if (inWeek) weekUsed += taken;
          else {
            weekStart = weekStartAt(at);
            weekEnd = weekStart + 7 * day;
            weekUsed = taken;
          }
          quota.add(taken);
        }
      }
      if (taken < units) {
        overflowUsages++;
        let left = units - taken; // credits in 10^-9 credits = USD atoms
        for (let i = head; i < lots.length && left > 0; i++) {
          const lot = lots[i] as LotNum;
          if (lot.remaining === 0 || at >= lot.expiresAt) continue;
          const take = lot.remaining < left ? lot.remaining : left;
          lot.remaining -= take;
          left -= take;
          debited.add(take);
        }
        if (left > 0) {
          uncovered.add(left);
          arrears.add(left);
        }
      }
    } else if (event.type === "purchase-credits") {
      const remaining = packageCredits[event.package] * 1_000_000_000;
      purchased.add(remaining);
      insertLot(lots, head, { id: event.id, purchasedAt: at, expiresAt: at + lotValidityMs, remaining });
    } else {
      tier = event.tier;
      anchor = at;
      period = 0;
      periodEnd = addMonthsUtc(anchor, 1);
      subscriptionUsd += tierPriceUsd[tier];
      limitBlock = tierLimits[tier][0];
      limitWeek = tierLimits[tier][1];
    }
  }
  const credits = (total: Total | number): string =>
    formatAtoms((typeof total === "number" ? BigInt(total) : total.value()) * creditAtom);
  return {
    usageEvents,
    overflowUsages,
    valueUsd: formatAtoms(value.value()),
    quotaUnits: formatAtoms(quota.value()),
    creditsPurchased: credits(purchased),
    creditsDebited: credits(debited),
    creditsExpired: credits(expired),
    lotsExpired,
    lotsExpiredWithCredits,
    uncoveredCredits: credits(uncovered),
    subscriptionUsd: formatAtoms(BigInt(subscriptionUsd) * usdAtoms),
    renewals,
    final: {
      clockMs: clock,
      arrearsCredits: credits(arrears),
      lots: lots.slice(head).map((lot) => [lot.id, credits(lot.remaining)] as const),
      block: { startMs: blockStart, used: formatAtoms(BigInt(blockUsed)) },
      week: { startMs: weekStart, used: formatAtoms(BigInt(weekUsed)) },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The full baseline (issue 22): every event of the paths trace, calendar or sliding/session
// windows, a Map of remembered ids (for duplicates and voids), bigint atoms.
// ---------------------------------------------------------------------------------------------

/** One quota window, mutable: used units at an instant, consume, give back a usage's units. */
interface WindowBig {
  /** Units counted at `at` (instants never go back). */
  used(at: number): bigint;
  consume(at: number, units: bigint): void;
  /** Gives back up to `units` of a usage made at `usageAt`, as far as the window still holds it at `at`. */
  release(at: number, usageAt: number, units: bigint): bigint;
  /** What the window holds at `at`, in the form `finalWindowOf` (run.ts) gives the library's. */
  final(at: number): unknown;
}

/** A calendar window: one block [start, end) with its used units. */
class CalendarBig implements WindowBig {
  private start = 0;
  private end = 0;
  private usedUnits = 0n;
  constructor(private readonly blockOf: (at: number) => readonly [number, number]) {}
  used(at: number): bigint {
    return this.start <= at && at < this.end ? this.usedUnits : 0n;
  }
  consume(at: number, units: bigint): void {
    if (this.start <= at && at < this.end) this.usedUnits += units;
    else {
      [this.start, this.end] = this.blockOf(at);
      this.usedUnits = units;
    }
  }
  release(at: number, usageAt: number, units: bigint): bigint {
    if (!(this.start <= usageAt && usageAt < this.end && at < this.end)) return 0n;
    const back = units < this.usedUnits ? units : this.usedUnits;
    this.usedUnits -= back;
    return back;
  }
  final(): unknown {
    return { startMs: this.start, used: formatAtoms(this.usedUnits) };
  }
}

/** A session window: opened by the first usage when none is open, counting for `durationMs`. */
class SessionBig implements WindowBig {
  private start: number | null = null;
  private usedUnits = 0n;
  constructor(private readonly durationMs: number) {}
  private open(at: number): boolean {
    return this.start !== null && at < this.start + this.durationMs;
  }
  used(at: number): bigint {
    return this.open(at) ? this.usedUnits : 0n;
  }
  consume(at: number, units: bigint): void {
    if (this.open(at)) this.usedUnits += units;
    else {
      this.start = at;
      this.usedUnits = units;
    }
  }
  release(at: number, usageAt: number, units: bigint): bigint {
    if (this.start === null || this.start > usageAt || !this.open(at)) return 0n;
    const back = units < this.usedUnits ? units : this.usedUnits;
    this.usedUnits -= back;
    return back;
  }
  final(): unknown {
    return { startMs: this.start, used: formatAtoms(this.usedUnits) };
  }
}

/**
 * A sliding window: one record per resolution slot (its latest instant and its units), each
 * counting until that instant + duration; records that have left are dropped as time passes.
 */
class SlidingBig implements WindowBig {
  private slots: number[] = [];
  private ats: number[] = [];
  private units: bigint[] = [];
  private head = 0;
  private total = 0n;
  constructor(
    private readonly durationMs: number,
    private readonly resolutionMs: number,
  ) {}
  used(at: number): bigint {
    while (this.head < this.ats.length && (this.ats[this.head] as number) + this.durationMs <= at) {
      this.total -= this.units[this.head] as bigint;
      this.head++;
    }
    if (this.head > 1024) {
      this.slots = this.slots.slice(this.head);
      this.ats = this.ats.slice(this.head);
      this.units = this.units.slice(this.head);
      this.head = 0;
    }
    return this.total;
  }
  consume(at: number, units: bigint): void {
    this.used(at);
    const slot = Math.floor(at / this.resolutionMs);
    const last = this.slots.length - 1;
    if (last >= this.head && this.slots[last] === slot) {
      this.ats[last] = at;
      this.units[last] = (this.units[last] as bigint) + units;
    } else {
      this.slots.push(slot);
      this.ats.push(at);
      this.units.push(units);
    }
    this.total += units;
  }
  release(at: number, usageAt: number, units: bigint): bigint {
    const slot = Math.floor(usageAt / this.resolutionMs);
    for (let i = this.slots.length - 1; i >= this.head; i--) {
      if (this.slots[i] !== slot) continue;
      if ((this.ats[i] as number) + this.durationMs <= at) return 0n;
      const held = this.units[i] as bigint;
      const back = units < held ? units : held;
      this.total -= back;
      if (back === held) {
        this.slots.splice(i, 1);
        this.ats.splice(i, 1);
        this.units.splice(i, 1);
      } else this.units[i] = held - back;
      return back;
    }
    return 0n;
  }
  final(at: number): unknown {
    const records: [number, number, string][] = [];
    for (let i = this.head; i < this.slots.length; i++)
      if ((this.ats[i] as number) + this.durationMs > at)
        records.push([this.slots[i] as number, this.ats[i] as number, formatAtoms(this.units[i] as bigint)]);
    return { records };
  }
}

/** The windows a full-baseline run uses: the default catalog's calendar ones, or sliding 5 h + session 7 d. */
export type BaselineWindows = "calendar" | "sliding-session";

interface LotFull {
  readonly id: string;
  readonly purchasedAt: number;
  readonly expiresAt: number;
  remaining: bigint;
  expired: boolean;
}

interface UsageMemo {
  readonly at: number;
  readonly taken: bigint;
  readonly draws: { readonly lot: LotFull; readonly credits: bigint }[];
  readonly uncovered: bigint;
  voided: boolean;
}

/** Totals of a full-baseline run (amounts as canonical decimal strings). */
export interface FullBaselineResult {
  readonly totals: Readonly<Record<string, string | number>>;
  readonly final: {
    readonly clockMs: number;
    readonly arrearsCredits: string;
    /** Live lots with credits left, in draw order: [id, remaining credits]. */
    readonly lots: readonly (readonly [string, string])[];
    readonly windows: Readonly<Record<string, unknown>>;
    readonly tier: string | null;
    readonly period: number;
  };
}

const grantValidityMs = 365 * day;
const rememberedIds = 128;

/**
 * The rules of every event the paths trace holds, with bigint atoms, one mutable state and
 * plain loops: usages (quota, then lots soonest-expiry first, then arrears), purchases and
 * grants, voids (quota back to windows that still hold it, credits back to lots still live,
 * arrears cancelled as far as still owed, the rest given back as a refund lot), pay-arrears,
 * upgrades (at once, charged the price difference), downgrades (at the period's end),
 * renewals and expiries. The last 128 event ids are remembered in a Map (duplicates are
 * skipped, voids find their usage there).
 */
export function runBaselineFull(events: readonly PathEvent[], windows: BaselineWindows): FullBaselineResult {
  const block: WindowBig =
    windows === "calendar" ? new CalendarBig(blockAt) : new SlidingBig(5 * hour, 60_000);
  const week: WindowBig =
    windows === "calendar"
      ? new CalendarBig((at) => {
          const start = weekStartAt(at);
          return [start, start + 7 * day];
        })
      : new SessionBig(7 * day);
  let clock = 0;
  let tier: keyof typeof tierLimits | null = null;
  let pending: keyof typeof tierLimits | null = null;
  let anchor = 0;
  let period = 0;
  let periodEnd = Number.POSITIVE_INFINITY;
  let limitBlock = 0n;
  let limitWeek = 0n;
  const lots: LotFull[] = [];
  let head = 0;
  let arrears = 0n;
  const remembered = new Map<string, UsageMemo | null>();
  const ring: string[] = new Array(rememberedIds);
  let ringNext = 0;
  const n = {
    usageEvents: 0,
    overflowUsages: 0,
    lotsExpiredWithCredits: 0,
    renewals: 0,
    voids: 0,
    tierChanges: 0,
    duplicates: 0,
  };
  const sum = {
    value: 0n,
    quota: 0n,
    purchased: 0n,
    debited: 0n,
    expired: 0n,
    uncovered: 0n,
    usd: 0n,
    quotaReturn5h: 0n,
    quotaReturnWeekly: 0n,
    returned: 0n,
    expiredOnVoid: 0n,
    arrearsCancelled: 0n,
    refunded: 0n,
    arrearsPaid: 0n,
  };
  const setTier = (next: keyof typeof tierLimits): void => {
    tier = next;
    limitBlock = BigInt(tierLimits[next][0]);
    limitWeek = BigInt(tierLimits[next][1]);
  };
  const addLot = (id: string, at: number, validityMs: number, credits: bigint): void => {
    sum.purchased += credits;
    insertLot(lots, head, {
      id,
      purchasedAt: at,
      expiresAt: at + validityMs,
      remaining: credits,
      expired: false,
    });
  };
  /** Draws up to `amount` from live lots, soonest expiry first; returns what is left. */
  const draw = (amount: bigint, at: number, draws: UsageMemo["draws"] | null): bigint => {
    let left = amount;
    for (let i = head; i < lots.length && left > 0n; i++) {
      const lot = lots[i] as LotFull;
      if (lot.remaining === 0n || at >= lot.expiresAt) continue;
      const take = lot.remaining < left ? lot.remaining : left;
      lot.remaining -= take;
      left -= take;
      sum.debited += take;
      draws?.push({ lot, credits: take });
    }
    return left;
  };

  for (let e = 0; e < events.length; e++) {
    const event = events[e] as PathEvent;
    const at = event.at;
    if (remembered.has(event.id)) {
      n.duplicates++;
      continue;
    }
    // Time passes: lots expire, the subscription renews (a scheduled change first).
    while (head < lots.length && (lots[head] as LotFull).expiresAt <= at) {
      const lot = lots[head++] as LotFull;
      lot.expired = true;
      sum.expired += lot.remaining;
      if (lot.remaining > 0n) n.lotsExpiredWithCredits++;
    }
    while (tier !== null && periodEnd <= at) {
      if (pending !== null) {
        setTier(pending);
        pending = null;
        n.tierChanges++;
      }
      period++;
      n.renewals++;
      sum.usd += BigInt(tierPriceUsd[tier]) * usdAtoms;
      periodEnd = addMonthsUtc(anchor, period + 1);
    }
    if (at > clock) clock = at;

    let memo: UsageMemo | null = null;
    switch (event.type) {
      case "usage": {
        n.usageEvents++;
        const measures = event.measures;
        const long = event.resource === "MiniMax-M3" && (measures.inputTokens ?? 0) > longContextAbove;
        const priceTerms = long
          ? longTermsBig
          : (termsBig.get(event.resource) as (readonly [Measure, bigint])[]);
        let units = 0n;
        for (let i = 0; i < priceTerms.length; i++) {
          const [measure, coefficient] = priceTerms[i] as readonly [Measure, bigint];
          const q = measures[measure];
          if (q !== undefined && q !== 0) units += BigInt(q) * coefficient;
        }
        sum.value += units;
        let taken = 0n;
        if (tier !== null) {
          const roomBlock = limitBlock - block.used(at);
          const roomWeek = limitWeek - week.used(at);
          let room = roomBlock < roomWeek ? roomBlock : roomWeek;
          if (room < 0n) room = 0n;
          taken = units < room ? units : room;
          if (taken > 0n) {
            block.consume(at, taken);
            week.consume(at, taken);
            sum.quota += taken;
          }
        }
        let uncovered = 0n;
        const draws: UsageMemo["draws"] = [];
        if (taken < units) {
          n.overflowUsages++;
          uncovered = draw((units - taken) * creditsPerUsd, at, draws);
          if (uncovered > 0n) {
            sum.uncovered += uncovered;
            arrears += uncovered;
          }
        }
        memo = { at, taken, draws, uncovered, voided: false };
        break;
      }
      case "void-usage": {
        const usage = remembered.get(event.usageId);
        if (usage === undefined || usage === null || usage.voided)
          throw new Error(`baseline: cannot void ${event.usageId}`);
        n.voids++;
        usage.voided = true;
        if (usage.taken > 0n) {
          sum.quotaReturn5h += block.release(at, usage.at, usage.taken);
          sum.quotaReturnWeekly += week.release(at, usage.at, usage.taken);
        }
        for (let i = usage.draws.length - 1; i >= 0; i--) {
          const { lot, credits } = usage.draws[i] as UsageMemo["draws"][number];
          if (lot.expired) sum.expiredOnVoid += credits;
          else {
            lot.remaining += credits;
            sum.returned += credits;
          }
        }
        const cancelled = usage.uncovered < arrears ? usage.uncovered : arrears;
        const refunded = usage.uncovered - cancelled;
        arrears -= cancelled;
        sum.arrearsCancelled += cancelled;
        if (refunded > 0n) {
          sum.refunded += refunded;
          addLot(event.id, at, grantValidityMs, refunded);
        }
        break;
      }
      case "pay-arrears": {
        const asked = event.credits === undefined ? arrears : parseAtoms(event.credits);
        const wanted = asked < arrears ? asked : arrears;
        const paid = wanted - draw(wanted, at, null);
        arrears -= paid;
        sum.arrearsPaid += paid;
        break;
      }
      case "purchase-credits":
        addLot(event.id, at, lotValidityMs, BigInt(packageCredits[event.package]) * usdAtoms);
        break;
      case "grant-credits":
        addLot(event.id, at, event.validity.days * day, parseAtoms(event.credits));
        break;
      case "change-tier": {
        if (tier === null) throw new Error("baseline: change-tier without a subscription");
        if (event.tier === tier)
          pending = null; // withdraws a scheduled change (or does nothing)
        else if (tierPriceUsd[event.tier] > tierPriceUsd[tier]) {
          sum.usd += BigInt(tierPriceUsd[event.tier] - tierPriceUsd[tier]) * usdAtoms;
          setTier(event.tier);
          pending = null;
          n.tierChanges++;
        } else pending = event.tier;
        break;
      }
      case "subscribe":
        setTier(event.tier);
        anchor = at;
        period = 0;
        periodEnd = addMonthsUtc(anchor, 1);
        sum.usd += BigInt(tierPriceUsd[event.tier]) * usdAtoms;
        break;
    }
    // Remember the id (the oldest beyond 128 is forgotten).
    const forgotten = ring[ringNext];
    if (forgotten !== undefined) remembered.delete(forgotten);
    ring[ringNext] = event.id;
    ringNext = (ringNext + 1) % rememberedIds;
    remembered.set(event.id, memo);
  }
  const lotsLeft: (readonly [string, string])[] = [];
  for (let i = head; i < lots.length; i++) {
    const lot = lots[i] as LotFull;
    if (lot.remaining > 0n) lotsLeft.push([lot.id, formatAtoms(lot.remaining)]);
  }
  return {
    totals: {
      usageEvents: n.usageEvents,
      overflowUsages: n.overflowUsages,
      valueUsd: formatAtoms(sum.value),
      quotaUnits5h: formatAtoms(sum.quota),
      quotaUnitsWeekly: formatAtoms(sum.quota),
      creditsPurchased: formatAtoms(sum.purchased),
      creditsDebited: formatAtoms(sum.debited),
      creditsExpired: formatAtoms(sum.expired),
      lotsExpiredWithCredits: n.lotsExpiredWithCredits,
      uncoveredCredits: formatAtoms(sum.uncovered),
      subscriptionUsd: formatAtoms(sum.usd),
      renewals: n.renewals,
      voids: n.voids,
      quotaReturned5h: formatAtoms(sum.quotaReturn5h),
      quotaReturnedWeekly: formatAtoms(sum.quotaReturnWeekly),
      creditsReturned: formatAtoms(sum.returned),
      creditsExpiredOnVoid: formatAtoms(sum.expiredOnVoid),
      arrearsCancelled: formatAtoms(sum.arrearsCancelled),
      creditsRefunded: formatAtoms(sum.refunded),
      arrearsPaid: formatAtoms(sum.arrearsPaid),
      tierChanges: n.tierChanges,
    },
    final: {
      clockMs: clock,
      arrearsCredits: formatAtoms(arrears),
      lots: lotsLeft,
      windows: { "general/5h": block.final(clock), "general/weekly": week.final(clock) },
      tier,
      period,
    },
  };
}
