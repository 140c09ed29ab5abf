/**
 * A reference model of the default token-plan rules, written from the rules alone
 * (the brief, DESIGN.md, REFERENCE.md), never from the library's code. It is literal on
 * purpose: every usage stays in a log that is scanned for every window question, lots
 * are a plain list re-sorted on every use, and money is the model's own decimal.js clone.
 * Slow and obvious beats fast and clever here.
 */
import type { LedgerEvent } from "../../src";
import { addMonthsClamped, blockOf, dayMs, inBlock, iso, type WindowId } from "./calendar";
import { Dec, minDec, money, nonNegative, zero } from "./money";
import {
  type BucketId,
  bucketWindows,
  creditsPerUsd,
  customCreditsMin,
  customCreditsStep,
  eventIdsRememberedDefault,
  grantValidityDays,
  lotValidityDays,
  type MeasureId,
  packages,
  resourceRules,
  serviceTierMultiplier,
  type TierId,
  tierRules,
  windowBucket,
} from "./rules";

/** The error codes the model can give, named as the library names them. */
export type ModelErrorCode =
  | "invalid_credit_amount"
  | "unknown_package"
  | "unknown_tier"
  | "unknown_resource"
  | "conflict"
  | "event_before_clock"
  | "subscription_exists"
  | "no_subscription"
  | "same_tier"
  | "usage_not_found"
  | "usage_already_voided";

/**
 * One audit record as the model expects it, flattened for comparison: `subject` names
 * the lot, window or tier; `amount` is the entry's main amount (canonical string, or "");
 * `detail` carries the rest.
 */
export interface ModelEntry {
  readonly type: string;
  readonly eventId: string | null;
  readonly at: string;
  readonly subject: string;
  readonly amount: string;
  readonly detail: string;
}

export interface LotAmountView {
  readonly lotId: string;
  readonly credits: string;
}

export interface SubscriptionView {
  readonly tier: string;
  readonly status: "active" | "canceled";
  readonly anchorAt: string;
  readonly period: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly pendingTier: string | null;
}

export interface LotView {
  readonly id: string;
  readonly kind: "purchase" | "grant";
  readonly purchasedAt: string;
  readonly expiresAt: string;
  readonly credits: string;
  readonly remaining: string;
}

/** What the model expects `applyEvent` to report as `outcome`. */
export type ModelOutcome =
  | {
      readonly type: "usage";
      readonly eventId: string;
      readonly at: string;
      readonly resource: string;
      readonly bucket: string;
      readonly valueUsd: string;
      readonly valueCredits: string;
      readonly quota: {
        readonly required: string;
        readonly units: string;
        readonly credits: string;
        readonly windows: readonly string[];
      };
      readonly credits: { readonly debited: string; readonly lots: readonly LotAmountView[] };
      readonly uncoveredCredits: string;
      readonly paidBy: readonly string[];
    }
  | {
      readonly type: "void";
      readonly eventId: string;
      readonly usageId: string;
      readonly quotaReturned: readonly {
        readonly bucket: string;
        readonly window: string;
        readonly units: string;
      }[];
      readonly creditsReturned: readonly LotAmountView[];
      readonly creditsExpired: readonly LotAmountView[];
      readonly uncoveredCredits: string;
      readonly refund: (LotView & { readonly priceUsd: string }) | null;
    }
  | {
      readonly type: "credits";
      readonly eventId: string;
      readonly lot: LotView & { readonly priceUsd: string };
    }
  | {
      readonly type: "subscription";
      readonly eventId: string;
      readonly subscription: SubscriptionView | null;
      readonly chargedUsd: string;
    }
  | {
      readonly type: "arrears";
      readonly eventId: string;
      readonly paid: string;
      readonly lots: readonly LotAmountView[];
      readonly remaining: string;
    }
  | { readonly type: "duplicate"; readonly eventId: string };

export type ModelResult =
  | { readonly ok: true; readonly outcome: ModelOutcome; readonly entries: readonly ModelEntry[] }
  | { readonly ok: false; readonly code: ModelErrorCode };

export type ModelSettleResult =
  | { readonly ok: true; readonly entries: readonly ModelEntry[] }
  | { readonly ok: false; readonly code: ModelErrorCode };

export interface ModelBalance {
  readonly total: string;
  /** Live lots in draw order (lots drawn to zero stay until they expire). */
  readonly lots: readonly LotView[];
  readonly arrears: string;
}

export interface ModelWindowView {
  readonly bucket: BucketId;
  readonly window: WindowId;
  readonly used: string;
  readonly limit: string;
}

export interface ModelQuota {
  readonly tier: string | null;
  readonly windows: readonly ModelWindowView[];
}

/** What the event generator may ask the model about the state at an instant. */
export interface ModelPeek {
  readonly clock: number | null;
  readonly subscription: {
    readonly tier: TierId;
    readonly status: string;
    readonly periodEnd: number;
  } | null;
  readonly lots: readonly { readonly id: string; readonly expiresAt: number; readonly remaining: string }[];
  /** Room left now in each bucket (min over its windows; 0 without a subscription). */
  readonly roomGeneralUsd: string;
  readonly roomVideos: string;
  readonly creditsTotal: string;
}

// ---------------------------------------------------------------- state

interface Subscription {
  tier: TierId;
  status: "active" | "canceled";
  anchorAt: number;
  period: number;
  periodEnd: number;
  pendingTier: TierId | null;
}

interface Lot {
  id: string;
  kind: "purchase" | "grant";
  credits: Dec;
  remaining: Dec;
  priceUsd: Dec;
  purchasedAt: number;
  expiresAt: number;
}

/** One quota movement in one window, attributed to the usage's instant (negative = returned). */
interface QuotaRecord {
  readonly window: WindowId;
  readonly usageAt: number;
  readonly units: Dec;
}

interface UsageRecord {
  readonly id: string;
  readonly at: number;
  readonly bucket: BucketId;
  /** Windows the quota was taken from (all of the bucket's when q > 0). */
  readonly windows: readonly WindowId[];
  readonly q: Dec;
  /** Each lot drawn, named by id and expiry (an id can be used again once its lot has expired). */
  readonly draws: readonly { readonly lotId: string; readonly expiresAt: number; readonly credits: Dec }[];
  readonly uncovered: Dec;
  voided: boolean;
}

interface RecentEvent {
  readonly id: string;
  readonly fingerprint: string;
  readonly usage: UsageRecord | null;
}

interface State {
  clock: number | null;
  subscription: Subscription | null;
  lots: Lot[];
  quotaLog: QuotaRecord[];
  arrears: Dec;
  recent: RecentEvent[];
}

function cloneState(s: State): State {
  return {
    clock: s.clock,
    subscription: s.subscription === null ? null : { ...s.subscription },
    lots: s.lots.map((l) => ({ ...l })),
    quotaLog: [...s.quotaLog],
    arrears: s.arrears,
    recent: s.recent.map((r) => ({ ...r, usage: r.usage === null ? null : { ...r.usage } })),
  };
}

// ---------------------------------------------------------------- helpers

function instantOf(at: string | number | Date): number {
  if (typeof at === "number") return at;
  if (at instanceof Date) return at.getTime();
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw new Error(`model: unparsable instant ${at}`);
  return t;
}

/** Soonest expiry, then earliest purchase, then lot id in string order. */
function drawOrder(a: Lot, b: Lot): number {
  if (a.expiresAt !== b.expiresAt) return a.expiresAt - b.expiresAt;
  if (a.purchasedAt !== b.purchasedAt) return a.purchasedAt - b.purchasedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function sortedLots(lots: readonly Lot[]): Lot[] {
  return [...lots].sort(drawOrder);
}

/** Quota used in `window` in the block that contains `t`: a scan of the whole log. */
function usedAt(s: State, window: WindowId, t: number): Dec {
  const block = blockOf(window, t);
  let used = zero;
  for (const r of s.quotaLog) {
    if (r.window === window && inBlock(block, r.usageAt)) used = used.plus(r.units);
  }
  return used;
}

function limitOf(s: State, window: WindowId): Dec {
  if (s.subscription === null) return zero;
  return new Dec(tierRules[s.subscription.tier].limits[window]);
}

/** min over the bucket's windows of max(limit − used, 0); 0 without a subscription. */
function roomAt(s: State, bucket: BucketId, t: number): Dec {
  if (s.subscription === null) return zero;
  let room: Dec | null = null;
  for (const w of bucketWindows[bucket]) {
    const free = nonNegative(limitOf(s, w).minus(usedAt(s, w, t)));
    room = room === null ? free : minDec(room, free);
  }
  return room ?? zero;
}

function creditsTotal(s: State): Dec {
  return s.lots.reduce((sum, l) => sum.plus(l.remaining), zero);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Identical content = same fields once `at` is an instant and amounts are canonical. */
function fingerprint(e: LedgerEvent): string {
  const normalized: Record<string, unknown> = { ...e, at: instantOf(e.at) };
  if ((e.type === "purchase-credits" || e.type === "grant-credits") && e.credits !== undefined) {
    normalized.credits = money(new Dec(e.credits));
  }
  return JSON.stringify(sortKeys(normalized));
}

function entry(
  type: string,
  eventId: string | null,
  at: number,
  subject: string,
  amount: string,
  detail = "",
): ModelEntry {
  return { type, eventId, at: iso(at), subject, amount, detail };
}

function subscriptionView(sub: Subscription | null): SubscriptionView | null {
  if (sub === null) return null;
  return {
    tier: sub.tier,
    status: sub.status,
    anchorAt: iso(sub.anchorAt),
    period: sub.period,
    periodStart: iso(addMonthsClamped(sub.anchorAt, sub.period)),
    periodEnd: iso(sub.periodEnd),
    pendingTier: sub.pendingTier,
  };
}

function lotView(l: Lot): LotView {
  return {
    id: l.id,
    kind: l.kind,
    purchasedAt: iso(l.purchasedAt),
    expiresAt: iso(l.expiresAt),
    credits: money(l.credits),
    remaining: money(l.remaining),
  };
}

function isTier(tier: string): tier is TierId {
  return Object.hasOwn(tierRules, tier);
}

// ---------------------------------------------------------------- time passing

/**
 * Everything due at or before `to`, earliest first: lot expiries (expiresAt is
 * exclusive, so a lot due at `to` is gone at `to`) and the subscription's period end.
 * On a tie, the lot expiry goes first.
 */
function passTime(s: State, to: number, out: ModelEntry[]): void {
  for (;;) {
    const due = sortedLots(s.lots).find((l) => l.expiresAt <= to) ?? null;
    const sub = s.subscription;
    const periodDue = sub !== null && sub.periodEnd <= to ? sub : null;
    if (due === null && periodDue === null) return;
    if (due !== null && (periodDue === null || due.expiresAt <= periodDue.periodEnd)) {
      s.lots = s.lots.filter((l) => l !== due);
      // A lot with nothing left loses nothing: no entry.
      if (due.remaining.gt(0))
        out.push(entry("credits.expired", null, due.expiresAt, due.id, money(due.remaining)));
      continue;
    }
    if (periodDue !== null) endPeriod(s, periodDue, out);
  }
}

function endPeriod(s: State, sub: Subscription, out: ModelEntry[]): void {
  const at = sub.periodEnd;
  if (sub.status === "canceled") {
    out.push(entry("subscription.lapsed", null, at, sub.tier, ""));
    s.subscription = null;
    return;
  }
  if (sub.pendingTier !== null) {
    out.push(entry("subscription.tier-changed", null, at, `${sub.tier}->${sub.pendingTier}`, ""));
    sub.tier = sub.pendingTier;
    sub.pendingTier = null;
  }
  sub.period += 1;
  sub.periodEnd = addMonthsClamped(sub.anchorAt, sub.period + 1);
  out.push(entry("subscription.renewed", null, at, sub.tier, "", iso(sub.periodEnd)));
  out.push(entry("subscription.charged", null, at, sub.tier, tierRules[sub.tier].priceUsd, "renewal"));
}

/**
 * A lot with nothing left stays only while a void can refill it: while a remembered usage
 * that drew from it is not voided. Otherwise it is gone (it holds nothing: no entry).
 */
function dropDrainedLots(s: State): void {
  const refillable = (lot: Lot) =>
    s.recent.some(
      (r) =>
        r.usage !== null &&
        !r.usage.voided &&
        r.usage.draws.some((d) => d.lotId === lot.id && d.expiresAt === lot.expiresAt),
    );
  s.lots = s.lots.filter((lot) => lot.remaining.gt(0) || refillable(lot));
}

// ---------------------------------------------------------------- the rules per event

type Decided = { readonly outcome: ModelOutcome; readonly usage: UsageRecord | null } | ModelErrorCode;

/** Checks that need nothing but the event and the catalog (they come first). */
function validate(e: LedgerEvent): ModelErrorCode | null {
  switch (e.type) {
    case "subscribe":
    case "change-tier":
      return isTier(e.tier) ? null : "unknown_tier";
    case "usage":
      return Object.hasOwn(resourceRules, e.resource) ? null : "unknown_resource";
    case "purchase-credits": {
      if (e.package !== undefined) return Object.hasOwn(packages, e.package) ? null : "unknown_package";
      const credits = new Dec(e.credits ?? "0");
      const ok = credits.gte(customCreditsMin) && credits.mod(customCreditsStep).isZero();
      return ok ? null : "invalid_credit_amount";
    }
    default:
      return null;
  }
}

function usageValueUsd(
  resource: string,
  measures: Partial<Record<MeasureId, number>>,
  serviceTier: string,
): Dec {
  const rule = resourceRules[resource];
  if (rule === undefined) throw new Error(`model: unknown resource ${resource}`);
  const long = rule.longContext !== undefined && (measures.inputTokens ?? 0) > rule.longContext.above;
  const prices = long && rule.longContext !== undefined ? rule.longContext.prices : rule.prices;
  let value = zero;
  for (const [measure, count] of Object.entries(measures)) {
    if (count === undefined || count === 0) continue;
    const price = prices[measure as MeasureId];
    if (price === undefined) throw new Error(`model: ${resource} has no price for ${measure}`);
    value = value.plus(new Dec(count).times(price.usd).div(price.per));
  }
  const multiplier = serviceTierMultiplier[serviceTier];
  if (multiplier === undefined) throw new Error(`model: unknown service tier ${serviceTier}`);
  return value.times(multiplier);
}

function decideUsage(
  s: State,
  e: Extract<LedgerEvent, { type: "usage" }>,
  at: number,
  out: ModelEntry[],
): Decided {
  const rule = resourceRules[e.resource];
  if (rule === undefined) return "unknown_resource";
  const bucket = rule.bucket;
  const measures = e.measures as Partial<Record<MeasureId, number>>;
  const valueUsd = usageValueUsd(e.resource, measures, e.serviceTier ?? "standard");
  const valueCredits = valueUsd.times(creditsPerUsd);
  const units = bucket === "general" ? valueUsd : new Dec(measures.videos ?? 0);

  const q = minDec(units, roomAt(s, bucket, at));
  const windows = q.gt(0) ? bucketWindows[bucket] : [];
  for (const w of windows) {
    s.quotaLog.push({ window: w, usageAt: at, units: q });
    out.push(entry("quota.consumed", e.id, at, `${bucket}/${w}`, money(q)));
  }
  const quotaCredits =
    bucket === "general" ? q.times(creditsPerUsd) : units.isZero() ? zero : valueCredits.times(q).div(units);
  const overflow =
    bucket === "general"
      ? units.minus(q).times(creditsPerUsd)
      : units.isZero()
        ? zero
        : valueCredits.times(units.minus(q)).div(units);

  let need = overflow;
  const draws: { lotId: string; expiresAt: number; credits: Dec }[] = [];
  for (const lot of sortedLots(s.lots)) {
    if (!need.gt(0)) break;
    if (!lot.remaining.gt(0)) continue;
    const take = minDec(need, lot.remaining);
    lot.remaining = lot.remaining.minus(take);
    need = need.minus(take);
    draws.push({ lotId: lot.id, expiresAt: lot.expiresAt, credits: take });
    out.push(entry("credits.debited", e.id, at, lot.id, money(take)));
  }
  const uncovered = need;
  const debited = overflow.minus(uncovered);
  s.arrears = s.arrears.plus(uncovered);
  out.push(
    entry(
      "usage.recorded",
      e.id,
      at,
      e.resource,
      money(valueCredits),
      [bucket, money(valueUsd), money(q), money(quotaCredits), money(debited), money(uncovered)].join(" "),
    ),
  );
  if (uncovered.gt(0)) out.push(entry("usage.uncovered", e.id, at, "", money(uncovered)));

  const paidBy: string[] = [];
  if (q.gt(0)) paidBy.push("quota");
  if (debited.gt(0)) paidBy.push("credits");
  if (uncovered.gt(0)) paidBy.push("uncovered");
  const lots = draws.map((d) => ({ lotId: d.lotId, credits: money(d.credits) }));
  return {
    outcome: {
      type: "usage",
      eventId: e.id,
      at: iso(at),
      resource: e.resource,
      bucket,
      valueUsd: money(valueUsd),
      valueCredits: money(valueCredits),
      quota: { required: money(units), units: money(q), credits: money(quotaCredits), windows },
      credits: { debited: money(debited), lots },
      uncoveredCredits: money(uncovered),
      paidBy,
    },
    usage: { id: e.id, at, bucket, windows, q, draws, uncovered, voided: false },
  };
}

function decideVoid(
  s: State,
  e: Extract<LedgerEvent, { type: "void-usage" }>,
  at: number,
  out: ModelEntry[],
): Decided {
  const usage = s.recent.find((r) => r.id === e.usageId)?.usage ?? null;
  if (usage === null) return "usage_not_found";
  if (usage.voided) return "usage_already_voided";

  const quotaReturned: { bucket: string; window: string; units: string }[] = [];
  for (const w of usage.windows) {
    const block = blockOf(w, at);
    if (!inBlock(block, usage.at) || at >= block.end) continue;
    const give = minDec(usage.q, usedAt(s, w, at));
    if (!give.gt(0)) continue;
    s.quotaLog.push({ window: w, usageAt: usage.at, units: give.negated() });
    const bucket = windowBucket[w];
    quotaReturned.push({ bucket, window: w, units: money(give) });
    out.push(entry("quota.returned", e.id, at, `${bucket}/${w}`, money(give), iso(usage.at)));
  }

  const creditsReturned: LotAmountView[] = [];
  const creditsExpired: LotAmountView[] = [];
  for (const draw of [...usage.draws].reverse()) {
    const lot = s.lots.find((l) => l.id === draw.lotId && l.expiresAt === draw.expiresAt) ?? null;
    const view = { lotId: draw.lotId, credits: money(draw.credits) };
    // A gone lot gets nothing back: reported as expired. The entries show it as returned
    // and at once expired, so that per lot purchased − debited + returned − expired stays
    // exactly the lot's balance (DESIGN: "summed, entries reproduce every balance").
    out.push(entry("credits.returned", e.id, at, draw.lotId, money(draw.credits)));
    if (lot === null) {
      creditsExpired.push(view);
      out.push(entry("credits.expired", e.id, at, draw.lotId, money(draw.credits)));
    } else {
      lot.remaining = lot.remaining.plus(draw.credits);
      creditsReturned.push(view);
    }
  }
  // Arrears are one sum: the void cancels what is still owed first; the rest of the
  // usage's uncovered credits was paid from credits by pay-arrears and comes back as a
  // refund lot (a grant of its own, id = the void's id, 365 days).
  const cancelled = minDec(usage.uncovered, s.arrears);
  const refunded = usage.uncovered.minus(cancelled);
  let refund: (LotView & { readonly priceUsd: string }) | null = null;
  if (refunded.gt(0)) {
    const added = addLot(s, e, at, "grant", refunded, zero, grantValidityDays, out);
    if (typeof added !== "string" && added.outcome.type === "credits") refund = added.outcome.lot;
  }
  s.arrears = s.arrears.minus(cancelled);
  usage.voided = true;
  out.push(entry("usage.voided", e.id, at, e.usageId, money(cancelled), money(refunded)));
  return {
    outcome: {
      type: "void",
      eventId: e.id,
      usageId: e.usageId,
      quotaReturned,
      creditsReturned,
      creditsExpired,
      uncoveredCredits: money(cancelled),
      refund,
    },
    usage: null,
  };
}

function addLot(
  s: State,
  e: { readonly id: string },
  at: number,
  kind: "purchase" | "grant",
  credits: Dec,
  priceUsd: Dec,
  validityDays: number,
  out: ModelEntry[],
): Decided {
  const lot: Lot = {
    id: e.id,
    kind,
    credits,
    remaining: credits,
    priceUsd,
    purchasedAt: at,
    expiresAt: at + validityDays * dayMs,
  };
  s.lots.push(lot);
  out.push(
    entry(
      "credits.purchased",
      e.id,
      at,
      lot.id,
      money(credits),
      `${kind} ${money(priceUsd)} ${iso(lot.expiresAt)}`,
    ),
  );
  return {
    outcome: { type: "credits", eventId: e.id, lot: { ...lotView(lot), priceUsd: money(priceUsd) } },
    usage: null,
  };
}

function subscriptionOutcome(s: State, id: string, chargedUsd: string): Decided {
  return {
    outcome: {
      type: "subscription",
      eventId: id,
      subscription: subscriptionView(s.subscription),
      chargedUsd,
    },
    usage: null,
  };
}

function decide(
  s: State,
  e: LedgerEvent,
  at: number,
  out: ModelEntry[],
  tolerate: ReadonlySet<Deviation>,
): Decided {
  switch (e.type) {
    case "subscribe": {
      if (!isTier(e.tier)) return "unknown_tier";
      const current = s.subscription;
      // Subscribing again to the same tier while a cancelled plan still runs resumes it, free.
      if (current !== null && current.status === "canceled" && current.tier === e.tier) {
        current.status = "active";
        out.push(entry("subscription.resumed", e.id, at, e.tier, ""));
        return subscriptionOutcome(s, e.id, "0");
      }
      if (current !== null) return "subscription_exists";
      const periodEnd = addMonthsClamped(at, 1);
      s.subscription = {
        tier: e.tier,
        status: "active",
        anchorAt: at,
        period: 0,
        periodEnd,
        pendingTier: null,
      };
      const price = tierRules[e.tier].priceUsd;
      out.push(entry("subscription.started", e.id, at, e.tier, "", iso(periodEnd)));
      out.push(entry("subscription.charged", e.id, at, e.tier, price, "start"));
      return subscriptionOutcome(s, e.id, price);
    }
    case "cancel": {
      const sub = s.subscription;
      if (sub === null || sub.status !== "active") return "no_subscription";
      sub.status = "canceled";
      sub.pendingTier = null;
      out.push(entry("subscription.cancelled", e.id, at, "", "", iso(sub.periodEnd)));
      return subscriptionOutcome(s, e.id, "0");
    }
    case "change-tier": {
      const sub = s.subscription;
      if (sub === null || sub.status !== "active") return "no_subscription";
      if (!isTier(e.tier)) return "unknown_tier";
      if (e.tier === sub.tier) {
        // Changing to the current tier withdraws a scheduled change; with none it is refused.
        if (sub.pendingTier === null) return "same_tier";
        const withdrawn = sub.pendingTier;
        sub.pendingTier = null;
        out.push(entry("subscription.change-withdrawn", e.id, at, `${sub.tier}-x->${withdrawn}`, ""));
        return subscriptionOutcome(s, e.id, "0");
      }
      const from = sub.tier;
      const difference = new Dec(tierRules[e.tier].priceUsd).minus(tierRules[from].priceUsd);
      if (difference.gt(0)) {
        // Literal reading: an upgrade says nothing about a scheduled change, so one stays.
        if (tolerate.has("upgrade-clears-scheduled-change")) sub.pendingTier = null;
        sub.tier = e.tier;
        out.push(entry("subscription.tier-changed", e.id, at, `${from}->${e.tier}`, ""));
        out.push(entry("subscription.charged", e.id, at, e.tier, money(difference), "upgrade"));
        return subscriptionOutcome(s, e.id, money(difference));
      }
      sub.pendingTier = e.tier;
      out.push(
        entry("subscription.change-scheduled", e.id, at, `${from}->${e.tier}`, "", iso(sub.periodEnd)),
      );
      return subscriptionOutcome(s, e.id, "0");
    }
    case "purchase-credits":
    case "grant-credits":
      if (tolerate.has("live-lot-id-is-conflict") && s.lots.some((l) => l.id === e.id)) return "conflict";
      return decideLot(s, e, at, out);
    case "usage":
      return decideUsage(s, e, at, out);
    case "void-usage":
      return decideVoid(s, e, at, out);
    case "pay-arrears":
      return decidePayArrears(s, e, at, out);
  }
}

function decideLot(
  s: State,
  e: Extract<LedgerEvent, { type: "purchase-credits" | "grant-credits" }>,
  at: number,
  out: ModelEntry[],
): Decided {
  switch (e.type) {
    case "purchase-credits": {
      const pack = e.package === undefined ? null : packages[e.package];
      if (pack === undefined) return "unknown_package";
      const credits = new Dec(pack === null ? (e.credits ?? "0") : pack.credits);
      const priceUsd = pack === null ? credits.div(creditsPerUsd) : new Dec(pack.priceUsd);
      return addLot(s, e, at, "purchase", credits, priceUsd, lotValidityDays, out);
    }
    case "grant-credits": {
      const days = e.validity?.rule === "elapsed-days" ? e.validity.days : grantValidityDays;
      if (e.validity !== undefined && e.validity.rule !== "elapsed-days") {
        throw new Error("model: only elapsed-days validity is modelled");
      }
      return addLot(s, e, at, "grant", new Dec(e.credits), zero, days, out);
    }
  }
}

// ---------------------------------------------------------------- the model

/**
 * Known disagreements with the library that a run may choose to tolerate (the model then
 * behaves as the library does on that one point, so the rest of a scenario stays
 * comparable). The model's own default is none: it is literal. The differential test
 * tolerates the three ambiguities by default.
 */
export type Deviation =
  /** An upgrade also drops a scheduled downgrade (the rules are silent; literal: it stays). */
  | "upgrade-clears-scheduled-change"
  /**
   * quotaStatus shows used "0" (0/0, "not in the plan") while there is no subscription,
   * although the block still holds quota taken earlier (it counts again on re-subscribing).
   */
  | "status-hides-used-without-subscription"
  /**
   * A purchase or grant whose id (forgotten by idempotency) still names a live lot is a
   * `conflict` (the rules are silent; literal: it is a new event and a second lot).
   */
  | "live-lot-id-is-conflict";

export const deviations: readonly Deviation[] = [
  "upgrade-clears-scheduled-change",
  "status-hides-used-without-subscription",
  "live-lot-id-is-conflict",
];

/** The reference model: apply events, settle, and answer balance and window questions. */
export class ReferenceModel {
  private state: State;
  private readonly remembered: number;
  private readonly tolerate: ReadonlySet<Deviation>;

  constructor(
    options: { readonly eventIdsRemembered?: number; readonly tolerate?: readonly Deviation[] } = {},
  ) {
    this.remembered = options.eventIdsRemembered ?? eventIdsRememberedDefault;
    this.tolerate = new Set(options.tolerate ?? []);
    this.state = { clock: null, subscription: null, lots: [], quotaLog: [], arrears: zero, recent: [] };
  }

  get clock(): number | null {
    return this.state.clock;
  }

  /** Applies one event: validation, idempotency, clock, time passing, then the rules. */
  apply(event: LedgerEvent): ModelResult {
    const invalid = validate(event);
    // errors.ts ranks the rules (invalid_credit_amount among them) after idempotency and time.
    const late = invalid === "invalid_credit_amount";
    if (invalid !== null && !late) return { ok: false, code: invalid };
    const at = instantOf(event.at);
    const fp = fingerprint(event);
    const seen = this.state.recent.find((r) => r.id === event.id);
    if (seen !== undefined) {
      if (seen.fingerprint !== fp) return { ok: false, code: "conflict" };
      return { ok: true, outcome: { type: "duplicate", eventId: event.id }, entries: [] };
    }
    if (this.state.clock !== null && at < this.state.clock) return { ok: false, code: "event_before_clock" };
    if (invalid !== null) return { ok: false, code: invalid };

    const next = cloneState(this.state);
    const out: ModelEntry[] = [];
    passTime(next, at, out);
    const decided = decide(next, event, at, out, this.tolerate);
    if (typeof decided === "string") return { ok: false, code: decided };
    next.clock = at;
    next.recent.push({ id: event.id, fingerprint: fp, usage: decided.usage });
    while (next.recent.length > this.remembered) next.recent.shift();
    dropDrainedLots(next);
    this.state = next;
    return { ok: true, outcome: decided.outcome, entries: out };
  }

  /** Lets time pass up to `at` (expiries, renewals, lapses) and moves the clock there. */
  settle(at: string | number): ModelSettleResult {
    const t = instantOf(at);
    if (this.state.clock !== null && t < this.state.clock) return { ok: false, code: "event_before_clock" };
    const next = cloneState(this.state);
    const out: ModelEntry[] = [];
    passTime(next, t, out);
    next.clock = t;
    this.state = next;
    return { ok: true, entries: out };
  }

  /** The state as it would be at `at`, without changing anything. */
  private at(t: number): State {
    if (this.state.clock !== null && t < this.state.clock) throw new Error("model: query before the clock");
    const view = cloneState(this.state);
    passTime(view, t, []);
    return view;
  }

  balance(at: number): ModelBalance {
    const s = this.at(at);
    return {
      total: money(creditsTotal(s)),
      lots: sortedLots(s.lots).map(lotView),
      arrears: money(s.arrears),
    };
  }

  windows(at: number): ModelQuota {
    const s = this.at(at);
    const windows: ModelWindowView[] = [];
    for (const bucket of ["general", "video"] as const) {
      for (const w of bucketWindows[bucket]) {
        const hide = s.subscription === null && this.tolerate.has("status-hides-used-without-subscription");
        windows.push({
          bucket,
          window: w,
          used: hide ? "0" : money(usedAt(s, w, at)),
          limit: money(limitOf(s, w)),
        });
      }
    }
    return { tier: s.subscription?.tier ?? null, windows };
  }

  /** What a generator needs to aim events at the edges (room left, lots, period end). */
  peek(at: number): ModelPeek {
    const s = this.at(at);
    const sub = s.subscription;
    return {
      clock: this.state.clock,
      subscription: sub === null ? null : { tier: sub.tier, status: sub.status, periodEnd: sub.periodEnd },
      lots: sortedLots(s.lots).map((l) => ({
        id: l.id,
        expiresAt: l.expiresAt,
        remaining: money(l.remaining),
      })),
      roomGeneralUsd: money(roomAt(s, "general", at)),
      roomVideos: money(roomAt(s, "video", at)),
      creditsTotal: money(creditsTotal(s)),
    };
  }

  /** Ids of usages the model still remembers, oldest first. */
  rememberedUsageIds(): readonly string[] {
    return this.state.recent.flatMap((r) => (r.usage === null ? [] : [r.usage.id]));
  }
}

/** Pays arrears from the lots, soonest expiry first, up to the amount asked and the credits there are. */
function decidePayArrears(
  s: State,
  e: Extract<LedgerEvent, { type: "pay-arrears" }>,
  at: number,
  out: ModelEntry[],
): Decided {
  const wanted = e.credits === undefined ? s.arrears : minDec(new Dec(e.credits), s.arrears);
  let need = wanted;
  const lots: LotAmountView[] = [];
  for (const lot of sortedLots(s.lots)) {
    if (!need.gt(0)) break;
    if (!lot.remaining.gt(0)) continue;
    const take = minDec(need, lot.remaining);
    lot.remaining = lot.remaining.minus(take);
    need = need.minus(take);
    lots.push({ lotId: lot.id, credits: money(take) });
    out.push(entry("credits.debited", e.id, at, lot.id, money(take)));
  }
  const paid = wanted.minus(need);
  s.arrears = s.arrears.minus(paid);
  if (paid.gt(0)) out.push(entry("arrears.paid", e.id, at, "", money(paid)));
  return {
    outcome: { type: "arrears", eventId: e.id, paid: money(paid), lots, remaining: money(s.arrears) },
    usage: null,
  };
}
