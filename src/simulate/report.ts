/**
 * A simulation's report, summed from the ledger's entries: totals, a row per day, and
 * each calendar block (or session) of each window with what it used against its limit.
 * A streaming accumulator: entries go in as the replay makes them and are not kept.
 */
import { type Catalog, type CompiledWindow, compiledOf, type WindowShape } from "../catalog";
import type { LedgerEntry } from "../ledger";
import {
  type Credits,
  calc,
  formatAmount,
  parseTrustedAmount,
  type QuotaUnits,
  type Scaled,
  type Usd,
} from "../money";
import { asEpochMs, calendarBlockAt, formatInstant, type Instant } from "../time";
import { limitAt } from "../windows";
import type { FullPeriodInternal } from "./full";

/**
 * One day of a simulation (days are cut in the time zone of the catalog's first calendar
 * window: UTC for the global site, Asia/Shanghai for the China site).
 *
 * @example
 * const day: SimulatedDay = simulation.days[0];
 * day.date; //=> "2026-06-04"
 */
export interface SimulatedDay {
  /** The local date, YYYY-MM-DD. */
  readonly date: string;
  readonly usages: number;
  /** List-price value of the day's usage. */
  readonly valueUsd: Usd;
  /** The credit value quota covered. */
  readonly quotaCredits: Credits;
  /** Credits drawn from lots. */
  readonly creditsUsed: Credits;
  /** What neither quota nor credits covered. */
  readonly uncoveredCredits: Credits;
  /** Credits bought that day. */
  readonly creditsPurchased: Credits;
}

/**
 * One block of a calendar window (or one session of a session window) that held usage:
 * its use against its limit and, if it filled, the first usage it refused.
 *
 * @example
 * const block: WindowPeriod = simulation.periods[0];
 * [block.label, block.usedPercent]; //=> ["5-hour", 63.2]
 */
export interface WindowPeriod {
  readonly bucket: string;
  readonly window: string;
  readonly label: string;
  readonly start: Instant;
  /** Exclusive: the block resets at this instant. */
  readonly end: Instant;
  readonly usedUnits: QuotaUnits;
  /** The limit in force at the block's start (boosts included). */
  readonly limitUnits: QuotaUnits;
  /** usedUnits ÷ limitUnits × 100, two decimals. */
  readonly usedPercent: number;
  /** The instant of the first usage the window refused in this block, or null. */
  readonly fullAt: Instant | null;
}

interface DayRow {
  date: string;
  usages: number;
  value: Scaled<"usd">;
  quota: Scaled<"credits">;
  used: Scaled<"credits">;
  uncovered: Scaled<"credits">;
  purchased: Scaled<"credits">;
}

interface OpenPeriod {
  readonly bucket: string;
  readonly window: CompiledWindow;
  start: number;
  end: number;
  used: Scaled<"quota">;
}

/** Totals summed from entries. */
export interface EntryTotals {
  usages: number;
  value: Scaled<"usd">;
  overflow: Scaled<"credits">;
  used: Scaled<"credits">;
  uncovered: Scaled<"credits">;
  purchased: Scaled<"credits">;
  purchasedUsd: Scaled<"usd">;
  expired: Scaled<"credits">;
  subscription: Scaled<"usd">;
  charges: number;
  consumed: Map<string, Scaled<"quota">>;
}

/** The zone days are cut in: the catalog's first calendar window's, or UTC. */
export function dayZoneOf(catalog: Catalog): string {
  for (const bucket of Object.values(catalog.buckets)) {
    for (const window of Object.values(bucket.windows))
      if (window.kind === "calendar") return window.timeZone;
  }
  return "UTC";
}

const trusted = <K extends "usd" | "credits" | "quota">(text: string): Scaled<K> =>
  parseTrustedAmount<K>(text);

/** Sums entries into a report. Make one per simulation; `add` entries in order. */
export class ReportAccumulator {
  readonly totals: EntryTotals = {
    usages: 0,
    value: calc.zero(),
    overflow: calc.zero(),
    used: calc.zero(),
    uncovered: calc.zero(),
    purchased: calc.zero(),
    purchasedUsd: calc.zero(),
    expired: calc.zero(),
    subscription: calc.zero(),
    charges: 0,
    consumed: new Map(),
  };
  private readonly days: DayRow[] = [];
  private dayEnd = Number.NEGATIVE_INFINITY;
  private readonly dayZone: string;
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly windows: ReadonlyMap<string, CompiledWindow>;
  private readonly open = new Map<string, OpenPeriod>();
  private readonly closed: OpenPeriod[] = [];
  first: number | null = null;
  last: number | null = null;

  constructor(catalog: Catalog, tier: string | null) {
    this.dayZone = dayZoneOf(catalog);
    this.dateFormat = new Intl.DateTimeFormat("en-CA", {
      timeZone: this.dayZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    const windows = new Map<string, CompiledWindow>();
    // Stryker disable next-line ConditionalExpression: equivalent: no tier has the id null, so the look-up gives undefined too
    const compiledTier = tier === null ? undefined : compiledOf(catalog).tiers.get(tier);
    for (const [bucket, list] of compiledTier?.buckets ?? []) {
      for (const window of list) windows.set(`${bucket}/${window.id}`, window);
    }
    this.windows = windows;
  }

  private day(at: number): DayRow {
    const current = this.days[this.days.length - 1];
    if (
      // Stryker disable next-line ConditionalExpression: equivalent: dayEnd is −Infinity until the first row (the test narrows the type)
      current !== undefined &&
      at < this.dayEnd
    )
      return current;
    const block = calendarBlockAt({ every: "day", timeZone: this.dayZone }, asEpochMs(at));
    this.dayEnd = block.end;
    const row: DayRow = {
      date: this.dateFormat.format(block.start),
      usages: 0,
      value: calc.zero(),
      quota: calc.zero(),
      used: calc.zero(),
      uncovered: calc.zero(),
      purchased: calc.zero(),
    };
    this.days.push(row);
    return row;
  }

  private period(key: string, bucket: string, window: CompiledWindow, at: number): OpenPeriod | null {
    const open = this.open.get(key);
    if (open !== undefined && at < open.end) return open;
    const bounds = periodBounds(window.shape, at);
    if (bounds === null) return null;
    if (open !== undefined) this.closed.push(open);
    const next: OpenPeriod = { bucket, window, start: bounds.start, end: bounds.end, used: calc.zero() };
    this.open.set(key, next);
    return next;
  }

  /** Takes the entries of one ledger call, in order. */
  add(entries: readonly LedgerEntry[]): void {
    const t = this.totals;
    for (const entry of entries) {
      switch (entry.type) {
        case "usage.recorded": {
          const at = Date.parse(entry.at);
          if (this.first === null) this.first = at;
          this.last = at;
          const value = trusted<"usd">(entry.valueUsd);
          const quota = trusted<"credits">(entry.quotaCredits);
          t.usages++;
          t.value = calc.add(t.value, value);
          t.overflow = calc.add(t.overflow, calc.subtract(trusted<"credits">(entry.valueCredits), quota));
          const day = this.day(at);
          day.usages++;
          day.value = calc.add(day.value, value);
          day.quota = calc.add(day.quota, quota);
          break;
        }
        case "quota.consumed": {
          const key = `${entry.bucket}/${entry.window}`;
          const units = trusted<"quota">(entry.units);
          t.consumed.set(key, calc.add(t.consumed.get(key) ?? calc.zero(), units));
          // Quota is only ever taken from the tier's own windows.
          const window = this.windows.get(key) as CompiledWindow;
          const period = this.period(key, entry.bucket, window, Date.parse(entry.at));
          if (period !== null) period.used = calc.add(period.used, units);
          break;
        }
        case "credits.debited": {
          const credits = trusted<"credits">(entry.credits);
          t.used = calc.add(t.used, credits);
          const day = this.day(Date.parse(entry.at));
          day.used = calc.add(day.used, credits);
          break;
        }
        case "usage.uncovered": {
          const credits = trusted<"credits">(entry.credits);
          t.uncovered = calc.add(t.uncovered, credits);
          const day = this.day(Date.parse(entry.at));
          day.uncovered = calc.add(day.uncovered, credits);
          break;
        }
        case "credits.purchased": {
          const credits = trusted<"credits">(entry.lot.credits);
          t.purchased = calc.add(t.purchased, credits);
          t.purchasedUsd = calc.add(t.purchasedUsd, trusted<"usd">(entry.lot.priceUsd));
          const day = this.day(Date.parse(entry.at));
          day.purchased = calc.add(day.purchased, credits);
          break;
        }
        case "credits.expired":
          t.expired = calc.add(t.expired, trusted<"credits">(entry.credits));
          break;
        case "subscription.charged":
          t.charges++;
          t.subscription = calc.add(t.subscription, trusted<"usd">(entry.usd));
          break;
        // Stryker disable next-line ConditionalExpression: equivalent: the other entries are not summed
        default:
          break;
      }
    }
  }

  /** The rows per day, formatted. */
  dayRows(): SimulatedDay[] {
    return this.days.map((d) => ({
      date: d.date,
      usages: d.usages,
      valueUsd: formatAmount(d.value),
      quotaCredits: formatAmount(d.quota),
      creditsUsed: formatAmount(d.used),
      uncoveredCredits: formatAmount(d.uncovered),
      creditsPurchased: formatAmount(d.purchased),
    }));
  }

  /** Every period that held usage, by window then time, with the first refusal in it. */
  periods(full: readonly FullPeriodInternal[]): WindowPeriod[] {
    const all = [...this.closed, ...this.open.values()];
    const order = [...this.windows.keys()];
    all.sort(
      (a, b) =>
        order.indexOf(`${a.bucket}/${a.window.id}`) - order.indexOf(`${b.bucket}/${b.window.id}`) ||
        // Stryker disable next-line ArithmeticOperator: equivalent: the sort is stable and each window's periods are kept in time order (closed ones, then the open one)
        a.start - b.start,
    );
    return all.map((p) => {
      const limit = limitAt(p.window, p.start);
      const refused = full.find(
        (f) => f.bucket === p.bucket && f.window === p.window.id && f.from >= p.start && f.from < p.end,
      );
      return {
        bucket: p.bucket,
        window: p.window.id,
        label: p.window.label,
        start: formatInstant(asEpochMs(p.start)),
        end: formatInstant(asEpochMs(p.end)),
        usedUnits: formatAmount(p.used),
        limitUnits: formatAmount(limit),
        usedPercent: calc.percentOf(p.used, limit),
        fullAt: refused === undefined ? null : formatInstant(asEpochMs(refused.from)),
      };
    });
  }

  /** The windows of the tier, in catalog order, as "bucket/window" keys. */
  windowKeys(): readonly string[] {
    return [...this.windows.keys()];
  }

  /** A window of the tier by key. */
  windowOf(key: string): CompiledWindow | undefined {
    return this.windows.get(key);
  }
}

/** The block (calendar) or session holding a consumption at `at`; null for a sliding window. */
function periodBounds(shape: WindowShape, at: number): { start: number; end: number } | null {
  switch (shape.kind) {
    case "calendar":
      return calendarBlockAt(shape.calendar, asEpochMs(at));
    case "session":
      // A consumption outside an open session opens the next one (see windows/window.ts).
      return { start: at, end: at + shape.durationMs };
    case "sliding":
      return null;
  }
}
