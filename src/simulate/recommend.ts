/**
 * recommendPlan: every tier of the catalog and credits only, each replayed through the
 * real ledger over the same usages, ranked by what they would have cost.
 */
import * as z from "zod/mini";
import { type Catalog, compiledOf, defaultCatalog, isDefinedCatalog } from "../catalog";
import type { LedgerError } from "../errors";
import { type Credits, calc, formatAmount, type Scaled, type Usd } from "../money";
import { ok, type Result } from "../result";
import { asEpochMs, formatInstant, type Instant } from "../time";
import { parseWith, withCode } from "../validation";
import { displayCredits, displayUsd } from "./display";
import type { FullPeriodInternal } from "./full";
import { prepareUsages } from "./prepare";
import { replay } from "./replay";
import { type ResolvedPlan, replayLedger, resolvePlan } from "./simulate";
import type { CreditStrategy } from "./strategy";

/**
 * Options of {@link recommendPlan}.
 *
 * @example
 * const options: RecommendOptions = { catalog: tokenPlanChinaCatalog, credits: "usd-25" };
 */
export interface RecommendOptions {
  /** The rules (default `defaultCatalog`). */
  readonly catalog?: Catalog;
  /** How every option buys credits (default `"as-needed"`). */
  readonly credits?: CreditStrategy;
}

/**
 * How often one window of a plan was full over the log.
 *
 * @example
 * const f: WindowFills = option.fills[0];
 * [f.label, f.times]; //=> ["5-hour", 12]
 */
export interface WindowFills {
  readonly bucket: string;
  readonly window: string;
  readonly label: string;
  readonly times: number;
}

/**
 * One plan tried: what it would have cost and why. `plan` is a tier id or `"credits-only"`.
 *
 * @example
 * const o: PlanOption = recommendation.plans[0];
 * [o.plan, o.totalUsd]; //=> ["max", "62"]
 */
export interface PlanOption {
  readonly plan: string;
  /** The tier's name ("Max"), or "Credits only". */
  readonly name: string;
  readonly subscriptionUsd: Usd;
  readonly subscriptionCharges: number;
  readonly creditsPurchased: Credits;
  readonly creditsPurchasedUsd: Usd;
  /** Usage beyond quota, in credits at list price (credits used + uncovered). */
  readonly overflowCredits: Credits;
  /** What neither quota nor credits covered (0 unless credits are `"none"`). */
  readonly uncoveredCredits: Credits;
  /** subscriptionUsd + creditsPurchasedUsd. */
  readonly totalUsd: Usd;
  readonly fills: readonly WindowFills[];
  /** A sentence a person reads, e.g. "Max: $50 + 12,000 credits; on Plus the 5-hour window fills 3× a week". */
  readonly reason: string;
}

/**
 * The plans ranked by total cost, cheapest first (ties: less left uncovered, then the
 * lower monthly price, credits only first). `cheapest` is the first plan's id.
 *
 * @example
 * const r = recommendPlan(usages);
 * r.ok && r.value.cheapest; //=> "plus"
 */
export interface Recommendation {
  readonly catalog: string;
  readonly credits: CreditStrategy;
  readonly usages: number;
  readonly from: Instant | null;
  readonly until: Instant | null;
  readonly plans: readonly PlanOption[];
  readonly cheapest: string;
}

const optionsSchema = z.strictObject(
  {
    catalog: z.optional(
      z.custom<Catalog>(isDefinedCatalog, {
        error: "Expected a catalog made by defineCatalog or extendCatalog",
        ...withCode("invalid_catalog"),
      }),
    ),
    credits: z.optional(z.string({ error: 'Expected credits: "none", "as-needed" or a package id' })),
  },
  { error: 'Expected options as an object such as { credits: "as-needed" }' },
);

interface Tried {
  readonly plan: string;
  readonly name: string;
  readonly order: number;
  /** Monthly price (0 for credits only): a cheaper tier is the natural comparison. */
  readonly price: Scaled<"usd">;
  readonly subscriptionUsd: Scaled<"usd">;
  readonly subscriptionCharges: number;
  readonly creditsPurchased: Scaled<"credits">;
  readonly creditsPurchasedUsd: Scaled<"usd">;
  readonly overflowCredits: Scaled<"credits">;
  readonly uncoveredCredits: Scaled<"credits">;
  readonly totalUsd: Scaled<"usd">;
  readonly fills: readonly WindowFills[];
}

const weekMs = 7 * 86_400_000;

function fillsOf(full: readonly FullPeriodInternal[]): WindowFills[] {
  const fills: WindowFills[] = [];
  for (const period of full) {
    const index = fills.findIndex((f) => f.bucket === period.bucket && f.window === period.window);
    const known = fills[index];
    if (known === undefined)
      fills.push({ bucket: period.bucket, window: period.window, label: period.label, times: 1 });
    else fills[index] = { ...known, times: known.times + 1 };
  }
  return fills;
}

/** "3× a week", "once in 2 days", "0.5× a week": how often over the log's span (not money). */
export function frequency(times: number, spanMs: number): string {
  if (spanMs >= weekMs) {
    const perWeek = Math.round((times / (spanMs / weekMs)) * 10) / 10;
    return perWeek === 1 ? "once a week" : `${perWeek}× a week`;
  }
  const days = Math.max(1, Math.ceil(spanMs / 86_400_000));
  const span = days === 1 ? "in a day" : `in ${days} days`;
  return times === 1 ? `once ${span}` : `${times}× ${span}`;
}

/** The window that filled most often (null when none did). */
function mostFilled(fills: readonly WindowFills[]): WindowFills | null {
  let best: WindowFills | null = null;
  for (const f of fills) if (best === null || f.times > best.times) best = f;
  return best;
}

function costText(t: Tried): string {
  const credits = `${displayCredits(formatAmount(t.creditsPurchased))} credits`;
  if (t.plan === "credits-only")
    return `${t.name}: ${credits} (${displayUsd(formatAmount(t.creditsPurchasedUsd))})`;
  const charges =
    t.subscriptionCharges > 1 ? ` (${t.subscriptionCharges} × ${displayUsd(formatAmount(t.price))})` : "";
  return `${t.name}: ${displayUsd(formatAmount(t.subscriptionUsd))}${charges} + ${credits}`;
}

function reasonFor(t: Tried, ranked: readonly Tried[], spanMs: number): string {
  const first = ranked[0] as Tried; // never empty: every tier and credits only were tried
  const parts = [costText(t)];
  if (calc.isPositive(t.uncoveredCredits))
    parts.push(`${displayCredits(formatAmount(t.uncoveredCredits))} credits of usage left uncovered`);
  if (t === first) {
    // Why not the next cheaper tier: how often its windows filled.
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: credits only never fills a window, so it is never named
    const tiers = ranked.filter((o) => o.plan !== "credits-only");
    const lower = tiers
      .filter((o) => calc.compare(o.price, t.price) < 0)
      .sort((a, b) => calc.compare(b.price, a.price))[0];
    const lowerFill = lower === undefined ? null : mostFilled(lower.fills);
    if (
      // Stryker disable next-line ConditionalExpression: equivalent: lowerFill is null whenever lower is undefined (the test narrows the type)
      lower !== undefined &&
      lowerFill !== null
    )
      parts.push(
        `on ${lower.name} the ${lowerFill.label} window fills ${frequency(lowerFill.times, spanMs)}`,
      );
    else if (t.plan !== "credits-only") {
      const own = mostFilled(t.fills);
      parts.push(
        own === null
          ? "quota covers every usage"
          : `the ${own.label} window fills ${frequency(own.times, spanMs)} and credits cover the rest`,
      );
    } else {
      // A catalog has at least one tier, so credits only always has a plan to compare with.
      const plan = ranked.find((o) => o.plan !== "credits-only") as Tried;
      parts.push(`the cheapest plan, ${plan.name}, costs ${displayUsd(formatAmount(plan.totalUsd))}`);
    }
    return parts.join("; ");
  }
  const more = calc.subtract(t.totalUsd, first.totalUsd);
  parts.push(
    calc.isZero(more)
      ? `as much as ${first.name}`
      : `${displayUsd(formatAmount(more))} more than ${first.name}`,
  );
  const own = mostFilled(t.fills);
  if (own !== null) parts.push(`the ${own.label} window fills ${frequency(own.times, spanMs)}`);
  return parts.join("; ");
}

function compareTried(a: Tried, b: Tried): number {
  return (
    calc.compare(a.totalUsd, b.totalUsd) ||
    calc.compare(a.uncoveredCredits, b.uncoveredCredits) ||
    calc.compare(a.price, b.price) ||
    a.order - b.order
  );
}

/**
 * Runs every tier of the catalog and credits only over the same usages, each buying
 * credits as the `credits` option says (default `"as-needed"`), and ranks them by total
 * cost (subscription + credits bought), each with a reason a person can read: "Max: $50 +
 * 12,000 credits; on Plus the 5-hour window fills 3× a week". The answer is the exact
 * minimum over the options tried: each option's figures are what {@link simulate}
 * reports for it (a property test holds the two equal).
 *
 * @example
 * const r = recommendPlan(usages);
 * if (r.ok) console.log(r.value.cheapest, r.value.plans[0]?.reason); //=> "max" "Max: $50 + 0 credits; on Plus the 5-hour window fills 3× a week"
 */
export function recommendPlan(
  usages: readonly unknown[],
  options: RecommendOptions = {},
): Result<Recommendation, LedgerError> {
  const parsed = parseWith(optionsSchema, options, "invalid_input", ["options"]);
  if (!parsed.ok) return parsed;
  const catalog = parsed.value.catalog ?? defaultCatalog;
  const credits = parsed.value.credits ?? "as-needed";
  const plans: ResolvedPlan[] = [];
  for (const tier of [...Object.keys(catalog.tiers), "none"]) {
    const plan = resolvePlan(catalog, tier, credits, ["options"]);
    if (!plan.ok) return plan;
    plans.push(plan.value);
  }
  const prepared = prepareUsages(catalog, usages, ["usages"]);
  if (!prepared.ok) return prepared;
  const initial = replayLedger(catalog);
  const compiled = compiledOf(catalog);
  const tried: Tried[] = [];
  for (const [order, plan] of plans.entries()) {
    const r = replay(initial, prepared.value, {
      tier: plan.tier,
      strategy: plan.strategy,
      // Stryker disable next-line BooleanLiteral: equivalent: no onEntries is given, so collected entries go nowhere (only slower)
      collectEntries: false,
    });
    if (!r.ok) return r;
    const v = r.value;
    // Stryker disable next-line ConditionalExpression: equivalent: no tier has the id null, so the look-up gives undefined too
    const tier = plan.tier === null ? undefined : compiled.tiers.get(plan.tier);
    tried.push({
      plan: plan.tier ?? "credits-only",
      name: tier?.name ?? "Credits only",
      order,
      price: tier?.price ?? calc.zero(),
      subscriptionUsd: v.subscriptionUsd,
      subscriptionCharges: v.subscriptionCharges,
      creditsPurchased: v.creditsPurchased,
      creditsPurchasedUsd: v.creditsPurchasedUsd,
      overflowCredits: calc.add(v.creditsUsed, v.uncoveredCredits),
      uncoveredCredits: v.uncoveredCredits,
      totalUsd: calc.add(v.subscriptionUsd, v.creditsPurchasedUsd),
      fills: fillsOf(v.full),
    });
  }
  const ranked = [...tried].sort(compareTried);
  const at = prepared.value.at;
  const first = at[0];
  const last = at[at.length - 1];
  // An empty log has no span (and no fills to say how often).
  const spanMs = (last ?? 0) - (first ?? 0);
  const planOptions: PlanOption[] = ranked.map((t) => ({
    plan: t.plan,
    name: t.name,
    subscriptionUsd: formatAmount(t.subscriptionUsd),
    subscriptionCharges: t.subscriptionCharges,
    creditsPurchased: formatAmount(t.creditsPurchased),
    creditsPurchasedUsd: formatAmount(t.creditsPurchasedUsd),
    overflowCredits: formatAmount(t.overflowCredits),
    uncoveredCredits: formatAmount(t.uncoveredCredits),
    totalUsd: formatAmount(t.totalUsd),
    fills: t.fills,
    reason: reasonFor(t, ranked, spanMs),
  }));
  return ok({
    catalog: catalog.id,
    credits,
    usages: at.length,
    from: first === undefined ? null : formatInstant(asEpochMs(first)),
    until: last === undefined ? null : formatInstant(asEpochMs(last)),
    plans: planOptions,
    cheapest: (planOptions[0] as PlanOption).plan,
  });
}
