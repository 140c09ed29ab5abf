/**
 * simulate: what a log of usages would have cost on one plan with one credit strategy,
 * replayed through the real ledger, with every total summed from its entries.
 */
import * as z from "zod/mini";
import { assert } from "../assert";
import { type Catalog, defaultCatalog, isDefinedCatalog } from "../catalog";
import { type LedgerError, ledgerError } from "../errors";
import { createLedger, type LedgerState } from "../ledger";
import { type Credits, calc, formatAmount, type QuotaUnits, type Usd } from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, formatInstant, type Instant } from "../time";
import { parseWith, withCode } from "../validation";
import type { FullPeriodInternal } from "./full";
import { type PreparedUsages, prepareUsages } from "./prepare";
import { replay } from "./replay";
import { ReportAccumulator, type SimulatedDay, type WindowPeriod } from "./report";
import { type CreditStrategy, type ResolvedStrategy, resolveStrategy } from "./strategy";

/**
 * Options of {@link simulate}.
 *
 * @example
 * const options: SimulateOptions = { plan: "max", credits: "as-needed", catalog: tokenPlanChinaCatalog };
 */
export interface SimulateOptions {
  /** The rules (default `defaultCatalog`). */
  readonly catalog?: Catalog;
  /** A tier id of the catalog, or `"none"` for credits only. */
  readonly plan: string;
  /** How credits are bought (default `"as-needed"`). */
  readonly credits?: CreditStrategy;
}

/**
 * One window of the plan over the whole simulation: quota used, and how often and for
 * how long it was full (from the first usage it refused until it reset).
 *
 * @example
 * const w: SimulatedWindow = simulation.windows[0];
 * [w.label, w.fullTimes]; //=> ["5-hour", 12]
 */
export interface SimulatedWindow {
  readonly bucket: string;
  readonly window: string;
  readonly label: string;
  readonly usedUnits: QuotaUnits;
  /** Times the window was full. */
  readonly fullTimes: number;
  /** Milliseconds the window was full, summed (a period runs to its reset, even past the last usage). */
  readonly fullMs: number;
}

/**
 * A stretch of time a window was full: from the first usage it refused until its reset.
 *
 * @example
 * const f: FullWindowPeriod = simulation.full[0];
 * f.until; //=> "2026-06-04T15:00:00.000Z"
 */
export interface FullWindowPeriod {
  readonly bucket: string;
  readonly window: string;
  readonly label: string;
  readonly from: Instant;
  /** The reset (exclusive), or null when the window never resets. */
  readonly until: Instant | null;
}

/**
 * A credit purchase the strategy made.
 *
 * @example
 * const p: SimulatedPurchase = simulation.purchases[0];
 * [p.package, p.credits]; //=> ["usd-5", "5000"]
 */
export interface SimulatedPurchase {
  readonly at: Instant;
  readonly package: string;
  readonly credits: Credits;
  readonly priceUsd: Usd;
  /** The index, in time order, of the usage it was bought for (0 for a purchase at the start). */
  readonly beforeUsage: number;
}

/**
 * What a log would have cost on one plan. Every amount is exact and summed from the
 * ledger's entries. `totalUsd` = `subscriptionUsd` + `creditsPurchasedUsd`;
 * `overflowCredits` (usage beyond quota, at list price) = `creditsUsed` + `uncoveredCredits`.
 *
 * @example
 * const r = simulate(usages, { plan: "max" });
 * r.ok && r.value.totalUsd; //=> "55"
 */
export interface Simulation {
  readonly catalog: string;
  readonly plan: string;
  readonly credits: CreditStrategy;
  readonly usages: number;
  /** The first and last usage (the subscription starts at the first). */
  readonly from: Instant | null;
  readonly until: Instant | null;
  /** List-price value of all usage. */
  readonly valueUsd: Usd;
  /** Subscription charges at instants up to the last usage (no proration). */
  readonly subscriptionUsd: Usd;
  readonly subscriptionCharges: number;
  readonly creditsPurchased: Credits;
  readonly creditsPurchasedUsd: Usd;
  readonly creditsUsed: Credits;
  readonly creditsExpired: Credits;
  /** Credits left in lots after the last usage. */
  readonly creditsLeft: Credits;
  readonly overflowCredits: Credits;
  /** What neither quota nor credits covered. */
  readonly uncoveredCredits: Credits;
  readonly totalUsd: Usd;
  readonly windows: readonly SimulatedWindow[];
  readonly full: readonly FullWindowPeriod[];
  readonly purchases: readonly SimulatedPurchase[];
  readonly days: readonly SimulatedDay[];
  readonly periods: readonly WindowPeriod[];
}

const optionsSchema = z.strictObject(
  {
    catalog: z.optional(
      z.custom<Catalog>(isDefinedCatalog, {
        error: "Expected a catalog made by defineCatalog or extendCatalog",
        ...withCode("invalid_catalog"),
      }),
    ),
    plan: z.string({ error: 'Expected plan: a tier id such as "max", or "none"' }),
    credits: z.optional(z.string({ error: 'Expected credits: "none", "as-needed" or a package id' })),
  },
  { error: 'Expected options as an object such as { plan: "max" }' },
);

/** Options checked against the catalog. Internal. */
export interface ResolvedPlan {
  readonly catalog: Catalog;
  readonly tier: string | null;
  readonly strategy: ResolvedStrategy;
  readonly credits: CreditStrategy;
}

/** Checks a plan id and a strategy against the catalog. */
export function resolvePlan(
  catalog: Catalog,
  plan: string,
  credits: CreditStrategy,
  path: readonly (string | number)[],
): Result<ResolvedPlan, LedgerError> {
  if (plan !== "none" && !Object.hasOwn(catalog.tiers, plan)) {
    return err(
      ledgerError(
        "unknown_tier",
        `No tier "${plan}" in catalog "${catalog.id}"; expected "none" or one of ${Object.keys(catalog.tiers).join(", ")}.`,
        [...path, "plan"],
        { tier: plan },
      ),
    );
  }
  const strategy = resolveStrategy(catalog, credits, [...path, "credits"]);
  if (!strategy.ok) return strategy;
  return ok({ catalog, tier: plan === "none" ? null : plan, strategy: strategy.value, credits });
}

/** A fresh ledger for replays: it remembers one event id (a replay never repeats one), which keeps each call cheap. */
export function replayLedger(catalog: Catalog): LedgerState {
  const created = createLedger({ catalog, eventIdsRemembered: 1 });
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(created.ok, "a sealed catalog was refused by createLedger");
  return created.state;
}

function formatFull(periods: readonly FullPeriodInternal[]): FullWindowPeriod[] {
  return periods.map((p) => ({
    bucket: p.bucket,
    window: p.window,
    label: p.label,
    from: formatInstant(asEpochMs(p.from)),
    until: Number.isFinite(p.until) ? formatInstant(asEpochMs(p.until)) : null,
  }));
}

/** Replays prepared usages under a resolved plan and builds the report. Internal. */
export function simulatePrepared(
  prepared: PreparedUsages,
  plan: ResolvedPlan,
): Result<Simulation, LedgerError> {
  const initial = replayLedger(plan.catalog);
  const report = new ReportAccumulator(plan.catalog, plan.tier);
  const replayed = replay(initial, prepared, {
    tier: plan.tier,
    strategy: plan.strategy,
    collectEntries: true,
    onEntries: (entries) => report.add(entries),
  });
  if (!replayed.ok) return replayed;
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: a strategy that does not buy makes no purchase to name
  const packageId = plan.strategy.kind === "buy" ? plan.strategy.packageId : "";
  const purchases: SimulatedPurchase[] = replayed.value.purchaseLog.map((p) => ({
    at: formatInstant(asEpochMs(p.at)),
    package: packageId,
    credits: formatAmount(p.credits),
    priceUsd: formatAmount(p.priceUsd),
    beforeUsage: p.beforeUsage,
  }));
  const t = report.totals;
  const full = replayed.value.full;
  const windows: SimulatedWindow[] = report.windowKeys().flatMap((key) => {
    const window = report.windowOf(key);
    if (window === undefined || calc.isZero(window.limit)) return [];
    // Stryker disable next-line StringLiteral: equivalent: split always gives a first part
    const [bucket = ""] = key.split("/");
    const mine = full.filter((f) => f.bucket === bucket && f.window === window.id);
    return [
      {
        bucket,
        window: window.id,
        label: window.label,
        usedUnits: formatAmount(t.consumed.get(key) ?? calc.zero<"quota">()),
        fullTimes: mine.length,
        fullMs: mine.reduce((sum, f) => sum + (f.until - f.from), 0),
      },
    ];
  });
  const left = calc.subtract(calc.subtract(t.purchased, t.used), t.expired);
  return ok({
    catalog: plan.catalog.id,
    plan: plan.tier ?? "none",
    credits: plan.credits,
    usages: t.usages,
    from: report.first === null ? null : formatInstant(asEpochMs(report.first)),
    until: report.last === null ? null : formatInstant(asEpochMs(report.last)),
    valueUsd: formatAmount(t.value),
    subscriptionUsd: formatAmount(t.subscription),
    subscriptionCharges: t.charges,
    creditsPurchased: formatAmount(t.purchased),
    creditsPurchasedUsd: formatAmount(t.purchasedUsd),
    creditsUsed: formatAmount(t.used),
    creditsExpired: formatAmount(t.expired),
    creditsLeft: formatAmount(left),
    overflowCredits: formatAmount(t.overflow),
    uncoveredCredits: formatAmount(t.uncovered),
    totalUsd: formatAmount(calc.add(t.subscription, t.purchasedUsd)),
    windows,
    full: formatFull(full),
    purchases,
    days: report.dayRows(),
    periods: report.periods(full),
  });
}

/**
 * Replays usages through the real ledger on one plan and returns exact totals: the
 * subscription charges, the credits bought, used and expired, the quota used per window,
 * how often and for how long each window was full, the usage beyond quota (in credits at
 * list price) and what nothing covered, with a row per day and each block of each window.
 *
 * The subscription starts at the first usage and renews monthly; its cost is the charges
 * at instants up to the last usage (no proration). Credits: `none`; `as-needed` (when the
 * balance cannot cover a usage's overflow, buy just before that usage as many of the
 * smallest package as cover the shortfall); or a package id bought at the first usage and
 * whenever the balance runs out. Usages may come in any order (they are replayed in time
 * order) and each is its own fact: their ids are not used (deduplicate a log first).
 *
 * @example
 * const r = simulate(usages, { plan: "plus", credits: "as-needed" });
 * if (r.ok) console.log(r.value.totalUsd, r.value.windows[0]?.fullTimes); //=> "25" 1
 */
export function simulate(
  usages: readonly unknown[],
  options: SimulateOptions,
): Result<Simulation, LedgerError> {
  const parsed = parseWith(optionsSchema, options, "invalid_input", ["options"]);
  if (!parsed.ok) return parsed;
  const catalog = parsed.value.catalog ?? defaultCatalog;
  const plan = resolvePlan(catalog, parsed.value.plan, parsed.value.credits ?? "as-needed", ["options"]);
  if (!plan.ok) return plan;
  const prepared = prepareUsages(catalog, usages, ["usages"]);
  if (!prepared.ok) return prepared;
  return simulatePrepared(prepared.value, plan.value);
}
