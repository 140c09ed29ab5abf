/**
 * decide: the rules. From the working state and one validated event, the facts that
 * follow (or a refusal), and the outcome the caller sees. Nothing here changes the
 * state: `evolve` folds the facts.
 */
import { assert } from "../assert";
import {
  type CompiledResource,
  type CompiledTier,
  type CompiledWindow,
  quotaUnitsOf,
  usageValue,
} from "../catalog";
import { expireLots, type Lot, type LotDraw, planDraws, reverseDraws } from "../credits";
import { type LedgerError, ledgerError } from "../errors";
import { calc, formatAmount, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { advance, decideSubscription } from "../subscription";
import { limitAt, nextResetAt, release, roomAt, usedAt, type WindowPair, type WindowValue } from "../windows";
import type { LotCredits } from "./entries";
import type { NormalizedEvent } from "./events";
import { drawEntry, type Fact, type LedgerEntry, type OutputFormatter } from "./facts";
import { newLot } from "./lots";
import type { UsageRecord } from "./recent";
import type { Work } from "./state";

type UsageEvent = Extract<NormalizedEvent, { type: "usage" }>;

/** Shared empty lists (never changed): a usage without draws, one that took no quota. */
const noDraws: readonly LotDraw[] = Object.freeze([]);
const noWindows: readonly CompiledWindow[] = Object.freeze([]);

/** Why quota did not cover a whole usage: the window that is full, as the provider names it. */
export interface QuotaLimitHit {
  readonly bucket: string;
  readonly window: string;
  readonly label: string;
  readonly tier: string;
  readonly used: Scaled<"quota">;
  readonly limit: Scaled<"quota">;
  /** Epoch ms at which the window resets or frees capacity, or null. */
  readonly resetsAt: number | null;
}

/** Everything decided about one usage. */
export interface UsageDecision {
  readonly facts: readonly Fact[];
  readonly record: UsageRecord;
  readonly resource: string;
  readonly bucket: string | null;
  readonly valueUsd: Scaled<"usd">;
  readonly valueCredits: Scaled<"credits">;
  readonly quotaUnitsRequired: Scaled<"quota">;
  readonly quotaUnits: Scaled<"quota">;
  /** The windows quota was taken from. */
  readonly quotaWindows: readonly string[];
  readonly quotaCredits: Scaled<"credits">;
  readonly overflowCredits: Scaled<"credits">;
  readonly draws: readonly LotDraw[];
  readonly creditsDebited: Scaled<"credits">;
  readonly uncoveredCredits: Scaled<"credits">;
  readonly limitHit: QuotaLimitHit | null;
}

/** The tier whose quota applies now: an active or cancelled-but-running subscription's. */
export function currentTier(work: Work): CompiledTier | null {
  const subscription = work.subscription;
  return subscription === null ? null : (work.compiled.tiers.get(subscription.tier) ?? null);
}

/** The windows of a bucket under a tier, each with its contents. */
export function windowPairs(work: Work, bucket: string, windows: readonly CompiledWindow[]): WindowPair[] {
  return windows.map((window) => ({ window, value: work.window(bucket, window.id, window.shape) }));
}

/** Checks the names an event refers to against the catalog (before idempotency, by precedence). */
export function checkReferences(work: Work, event: NormalizedEvent): LedgerError | null {
  const compiled = work.compiled;
  switch (event.type) {
    case "subscribe":
    case "change-tier":
      return compiled.tiers.has(event.tier)
        ? null
        : ledgerError(
            "unknown_tier",
            `No tier "${event.tier}" in catalog "${work.catalog.id}"; expected one of ${[...compiled.tiers.keys()].join(", ")}.`,
            ["tier"],
            { tier: event.tier },
          );
    case "purchase-credits":
      if (event.package !== null && !compiled.packages.has(event.package)) {
        return ledgerError(
          "unknown_package",
          `No credit package "${event.package}"; expected one of ${[...compiled.packages.keys()].join(", ")}.`,
          ["package"],
          { package: event.package },
        );
      }
      return null;
    case "usage": {
      const priced = priceUsageEvent(work, event);
      return priced.ok ? null : priced.error;
    }
    default:
      return null;
  }
}

/**
 * What a usage takes: quota first (as far as every window has room), then credits
 * soonest-expiring first, then arrears. The record the memory keeps of it is all its
 * decision follows from (see {@link decisionFromRecord}); a replay that reads none of its
 * facts folds the record itself (`evolveUsage`).
 */
export function takeUsage(work: Work, event: UsageEvent, priced: Priced): UsageRecord {
  const { resource, valueUsd, units } = priced;
  const at = event.at;
  const bucket = resource.bucket;
  let quotaUnits = calc.zero<"quota">();
  let hit: QuotaLimitHit | null = null;
  const spot = bucket === null ? null : work.quotaSpot(bucket);
  const tier = spot === null ? null : spot.tier;
  if (bucket !== null && spot !== null) {
    const { windows, values } = spot;
    if (windows === undefined) {
      hit = notInTier(work, bucket, spot.tier);
    } else {
      // The room is the smallest room of the bucket's windows; the first window (in catalog
      // order) without room for the whole usage is the one a receipt names.
      let room: Scaled<"quota"> | null = null;
      let full: CompiledWindow | null = null;
      let fullValue: WindowValue | null = null;
      for (let i = 0; i < windows.length; i++) {
        const window = windows[i] as CompiledWindow;
        const value = (values[i] as { readonly value: WindowValue }).value;
        const r = roomAt(window, value, at);
        if (room === null || r < room) room = r;
        if (full === null && r < units) {
          full = window;
          fullValue = value;
        }
      }
      quotaUnits = calc.min(units, room ?? calc.zero<"quota">());
      // Also on replays: the usage's record keeps it for the receipt a retry gets back.
      if (full !== null && fullValue !== null)
        hit = fullWindow(full, fullValue, bucket, spot.tier, quotaUnits, at);
    }
  }
  const overflowCredits = overflowCreditsOf(work, resource, valueUsd, units, quotaUnits);
  let draws: readonly LotDraw[] = noDraws;
  let uncoveredCredits = overflowCredits;
  if (calc.isPositive(overflowCredits) && resource.creditsEligible) {
    const draw = planDraws(work.lots, overflowCredits, at);
    draws = draw.draws;
    uncoveredCredits = draw.shortfall;
  }
  // The full window, as the record keeps it (a QuotaLimitHit holds a RecordedHit's fields).
  return { at, bucket, quotaUnits, tier: tier?.id ?? null, draws, uncoveredCredits, voided: false, hit };
}

/** Decides a usage ({@link takeUsage}), with its facts and what a receipt shows. */
export function decideUsage(
  work: Work,
  event: UsageEvent,
  /** The usage's price, when the caller has it from checking the references. */
  priced = checkedPrice(work, event),
): UsageDecision {
  const record = takeUsage(work, event, priced);
  return decisionFromRecord(work, event, record, priced, usageFacts(work, event, priced, record));
}

/** The windows a usage took its quota from (none when quota covered none of it). */
function quotaWindowsOf(work: Work, record: UsageRecord): readonly CompiledWindow[] {
  const { bucket, tier } = record;
  if (bucket === null || tier === null || !calc.isPositive(record.quotaUnits)) return noWindows;
  return work.compiled.tiers.get(tier)?.buckets.get(bucket) ?? noWindows;
}

/** The credits a usage drew from lots. */
function debitedOf(record: UsageRecord): Scaled<"credits"> {
  let total = calc.zero<"credits">();
  for (let i = 0; i < record.draws.length; i++) total = calc.add(total, (record.draws[i] as LotDraw).credits);
  return total;
}

/** A usage's facts, in order: its units from each window, its credit facts, then its record. */
export function usageFacts(work: Work, event: UsageEvent, priced: Priced, record: UsageRecord): Fact[] {
  const { id: eventId, at } = event;
  const { resource, valueUsd, units } = priced;
  const valueCredits = calc.usdToCredits(valueUsd);
  const { bucket, quotaUnits, draws, uncoveredCredits } = record;
  const facts: Fact[] = [];
  if (bucket !== null)
    for (const window of quotaWindowsOf(work, record))
      facts.push({ type: "quota.consumed", eventId, at, bucket, window: window.id, units: quotaUnits });
  creditFacts(event, record, facts);
  const overflowCredits = overflowCreditsOf(work, resource, valueUsd, units, quotaUnits);
  facts.push({
    type: "usage.recorded",
    eventId,
    at,
    resource: resource.id,
    bucket,
    valueUsd,
    valueCredits,
    quotaUnits,
    quotaCredits: calc.subtract(valueCredits, overflowCredits),
    creditsDebited: debitedOf(record),
    uncoveredCredits,
    draws,
  });
  return facts;
}

/** Which of the entry types a usage makes a sink keeps (see {@link pushUsageEntries}). */
export interface UsageEntryKinds {
  readonly "quota.consumed": boolean;
  readonly "credits.debited": boolean;
  readonly "usage.uncovered": boolean;
  readonly "usage.recorded": boolean;
}

/**
 * A usage's entries of the kept `kinds`, in the order and form of {@link usageFacts}
 * formatted by `toEntry` and filtered to those types, pushed to `out` with no facts in
 * between: the replay's lane writes millions of them, and makes only the ones kept. The
 * lane's tests hold the two equal, entry for entry and key for key.
 */
export function pushUsageEntries(
  work: Work,
  event: UsageEvent,
  priced: Priced,
  record: UsageRecord,
  kinds: UsageEntryKinds,
  formatter: OutputFormatter,
  out: LedgerEntry[],
): void {
  const { resource, valueUsd, units } = priced;
  const { bucket, quotaUnits, draws, uncoveredCredits } = record;
  const keepsDebits = kinds["credits.debited"];
  // The record's draws, when it is kept (usage.recorded repeats texts of the entries before
  // it: the formatter remembers the last two amounts).
  const drawn = kinds["usage.recorded"] ? new Array<LotCredits>(draws.length) : null;
  // A usage that makes none of the kept entries (no quota, no draw, nothing uncovered) is
  // not even formatted.
  if (
    drawn === null &&
    !(kinds["quota.consumed"] && bucket !== null && calc.isPositive(quotaUnits)) &&
    !(keepsDebits && draws.length > 0) &&
    !(kinds["usage.uncovered"] && calc.isPositive(uncoveredCredits))
  )
    return;
  const eventId = event.id;
  const at = formatter.instant(event.at);
  if (bucket !== null && kinds["quota.consumed"]) {
    const windows = quotaWindowsOf(work, record);
    const unitsText = formatter.amount(quotaUnits);
    for (let i = 0; i < windows.length; i++) {
      const window = (windows[i] as CompiledWindow).id;
      out.push({ type: "quota.consumed", eventId, at, bucket, window, units: unitsText });
    }
  }
  if (keepsDebits || drawn !== null)
    for (let i = 0; i < draws.length; i++) {
      const draw = draws[i] as LotDraw;
      const credits = formatter.amount(draw.credits);
      if (keepsDebits) out.push({ type: "credits.debited", eventId, at, lotId: draw.lotId, credits });
      if (drawn !== null) drawn[i] = drawEntry(draw, formatter); // the same credits text (remembered)
    }
  if (kinds["usage.uncovered"] && calc.isPositive(uncoveredCredits))
    out.push({ type: "usage.uncovered", eventId, at, credits: formatter.amount(uncoveredCredits) });
  if (drawn === null) return;
  const valueCredits = calc.usdToCredits(valueUsd);
  const valueCreditsText = formatter.amount(valueCredits);
  const overflowCredits = overflowCreditsOf(work, resource, valueUsd, units, quotaUnits);
  out.push({
    type: "usage.recorded",
    eventId,
    at,
    resource: resource.id,
    bucket,
    valueUsd: formatter.amount(valueUsd),
    valueCredits: valueCreditsText,
    quotaUnits: formatter.amount(quotaUnits),
    quotaCredits: calc.isZero(overflowCredits)
      ? valueCreditsText
      : formatter.amount(calc.subtract(valueCredits, overflowCredits)),
    // A usage that draws on one lot debits exactly that draw's credits.
    creditsDebited:
      draws.length === 1 ? (drawn[0] as LotCredits).credits : formatter.amount(debitedOf(record)),
    uncoveredCredits: formatter.amount(uncoveredCredits),
    draws: drawn,
  });
}

/** A usage's facts about credits, pushed to `facts`: a debit per lot drawn, then what no one covered. */
export function creditFacts(
  event: UsageEvent,
  record: UsageRecord,
  facts: { push(fact: Fact): unknown },
): void {
  const { id: eventId, at } = event;
  for (const d of record.draws)
    facts.push({ type: "credits.debited", eventId, at, lotId: d.lotId, credits: d.credits });
  if (calc.isPositive(record.uncoveredCredits))
    facts.push({ type: "usage.uncovered", eventId, at, credits: record.uncoveredCredits });
}

/** A usage checked against the catalog and priced, or the reference error that refuses it. */
export type PricedUsage =
  | {
      readonly ok: true;
      readonly resource: CompiledResource;
      /** Its value (in credits: `calc.usdToCredits`, made only where it is read). */
      readonly valueUsd: Scaled<"usd">;
      /** The quota units it needs (none for a resource that draws on no bucket). */
      readonly units: Scaled<"quota">;
    }
  | { readonly ok: false; readonly error: LedgerError };

/**
 * Checks a usage's names against the catalog (its resource, its service tier, a price for
 * each non-zero measure) and prices it: each name is looked up once.
 */
export function priceUsageEvent(work: Work, event: UsageEvent): PricedUsage {
  const compiled = work.compiled;
  const resource = compiled.resources.get(event.resource);
  if (resource === undefined) {
    return refused(
      ledgerError(
        "unknown_resource",
        `No resource "${event.resource}" in catalog "${work.catalog.id}".`,
        ["resource"],
        { resource: event.resource },
      ),
    );
  }
  const multiplier = compiled.serviceTiers.get(event.serviceTier);
  if (multiplier === undefined) {
    return refused(
      ledgerError(
        "unknown_service_tier",
        `No service tier "${event.serviceTier}"; expected one of ${[...compiled.serviceTiers.keys()].join(", ")}.`,
        ["serviceTier"],
      ),
    );
  }
  const valueUsd = usageValue(resource, event.measures, multiplier, compiled.usageValueRounding);
  if (typeof valueUsd === "string") {
    return refused(
      ledgerError(
        "unpriced_measure",
        `Resource "${event.resource}" has no price for "${valueUsd}"; it measures ${[...resource.pricedMeasures].join(", ")}.`,
        ["measures", valueUsd],
      ),
    );
  }
  // A resource that draws on no bucket needs no quota: credits (then arrears) pay its whole value.
  const units =
    resource.bucket === null ? calc.zero<"quota">() : quotaUnitsOf(resource, event.measures, valueUsd);
  return { ok: true, resource, valueUsd, units };
}

function refused(error: LedgerError): PricedUsage {
  return { ok: false, error };
}

/** A usage's price (a {@link PricedUsage} that passed). */
export type Priced = Extract<PricedUsage, { ok: true }>;

/** The price of a usage whose references were checked. */
function checkedPrice(work: Work, event: UsageEvent): Priced {
  const priced = priceUsageEvent(work, event);
  assert(priced.ok, "unchecked usage");
  return priced;
}

/** The credit value of the units quota did not cover (the usage's value in credits, made only here when needed). */
function overflowCreditsOf(
  work: Work,
  resource: CompiledResource,
  valueUsd: Scaled<"usd">,
  units: Scaled<"quota">,
  quotaUnits: Scaled<"quota">,
): Scaled<"credits"> {
  if (resource.bucket === null) return calc.usdToCredits(valueUsd);
  // Quota covered it all (most usages). A usage that needs no units keeps the general rule.
  if (quotaUnits === units && calc.isPositive(units)) return calc.zero();
  const overflowUnits = calc.subtract(units, quotaUnits);
  return resource.quotaRate.mode === "list-price"
    ? calc.usdToCredits(calc.quotaUnitsAsUsd(overflowUnits))
    : calc.proportion(
        calc.usdToCredits(valueUsd),
        overflowUnits,
        units,
        work.compiled.overflowCreditsRounding,
      );
}

/**
 * The decision a usage got when it was first applied, rebuilt from the event (a retry has
 * the same content) and what its record kept: the receipt a retried request gets back.
 */
export function decisionFromRecord(
  work: Work,
  event: UsageEvent,
  record: UsageRecord,
  priced = checkedPrice(work, event),
  facts: readonly Fact[] = [],
): UsageDecision {
  const { resource, valueUsd, units } = priced;
  const valueCredits = calc.usdToCredits(valueUsd);
  const { bucket, quotaUnits, draws, uncoveredCredits, hit } = record;
  const overflowCredits = overflowCreditsOf(work, resource, valueUsd, units, quotaUnits);
  const tier = record.tier === null ? undefined : work.compiled.tiers.get(record.tier);
  const shape =
    hit === null || bucket === null
      ? undefined
      : work.compiled.bucketWindowShapes.get(bucket)?.get(hit.window);
  return {
    facts,
    record,
    resource: resource.id,
    bucket,
    valueUsd,
    valueCredits,
    quotaUnitsRequired: units,
    quotaUnits,
    quotaWindows: quotaWindowsOf(work, record).map((w) => w.id),
    quotaCredits: calc.subtract(valueCredits, overflowCredits),
    overflowCredits,
    draws,
    creditsDebited: debitedOf(record),
    uncoveredCredits,
    limitHit:
      hit === null || bucket === null
        ? null
        : {
            bucket,
            window: hit.window,
            label: shape?.label ?? hit.window,
            tier: tier?.name ?? record.tier ?? "",
            used: hit.used,
            limit: hit.limit,
            resetsAt: hit.resetsAt,
          },
  };
}

function notInTier(work: Work, bucket: string, tier: CompiledTier): QuotaLimitHit {
  const first = work.compiled.bucketWindowShapes.get(bucket)?.entries().next().value;
  return {
    bucket,
    window: first?.[0] ?? bucket,
    label: first?.[1].label ?? bucket,
    tier: tier.name,
    used: calc.zero(),
    limit: calc.zero(),
    resetsAt: null,
  };
}

/** The full window a usage met (its room at `at` was below the usage's units). */
function fullWindow(
  window: CompiledWindow,
  value: WindowValue,
  bucket: string,
  tier: CompiledTier,
  taken: Scaled<"quota">,
  at: number,
): QuotaLimitHit {
  // Reported after this usage took what fitted, as the provider reports a full window.
  return {
    bucket,
    window: window.id,
    label: window.label,
    tier: tier.name,
    used: calc.add(usedAt(window, value, at), taken),
    limit: limitAt(window, at),
    resetsAt: nextResetAt(window, value, at),
  };
}

/** What a void gives back. */
export interface VoidDecision {
  readonly facts: readonly Fact[];
  readonly usageId: string;
  /** The usage's quota bucket, or null for a resource outside every bucket. */
  readonly bucket: string | null;
  readonly quotaReturned: readonly {
    readonly bucket: string;
    readonly window: string;
    readonly units: Scaled<"quota">;
  }[];
  readonly creditsReturned: readonly LotDraw[];
  readonly creditsExpired: readonly LotDraw[];
  /** Arrears the void cancels: the usage's uncovered credits, as far as they are still owed. */
  readonly uncoveredCredits: Scaled<"credits">;
  /** The rest of the usage's uncovered credits, which `pay-arrears` had paid: given back as this lot. */
  readonly refund: Lot | null;
}

/**
 * Decides a void: quota back to windows that still hold it (every window of the bucket
 * is listed in the receipt, "0" included), credits back to their lots
 * (reverse order), and the usage's uncovered credits off the arrears. Arrears are one
 * sum, so a void cancels what is still owed first: min(uncovered, arrears). The rest
 * was paid by a `pay-arrears` from credits, and comes back as a refund lot of its own
 * (kind "grant", price 0, id = the void's id, valid by the catalog's grant validity from
 * the void's instant): no credit is created or lost, and arrears never go below zero.
 */
export function decideVoid(
  work: Work,
  event: Extract<NormalizedEvent, { type: "void-usage" }>,
): Result<VoidDecision, LedgerError> {
  const record = work.recent.usageOf(event.usageId);
  if (record === null && work.recent.fingerprintOf(event.usageId) !== null) {
    return err(
      ledgerError(
        "not_a_usage",
        `Event "${event.usageId}" is not a usage; only a usage can be voided.`,
        ["usageId"],
        { usageId: event.usageId },
      ),
    );
  }
  if (record === null) {
    return err(
      ledgerError(
        "usage_not_found",
        `No usage "${event.usageId}" among the last ${work.eventIdsRemembered} events; only remembered usages can be voided.`,
        ["usageId"],
        { usageId: event.usageId },
      ),
    );
  }
  if (record.voided) {
    return err(
      ledgerError("usage_already_voided", `Usage "${event.usageId}" was already voided.`, ["usageId"], {
        usageId: event.usageId,
      }),
    );
  }
  const { id: eventId, at } = event;
  const facts: Fact[] = [];
  const quotaReturned: { bucket: string; window: string; units: Scaled<"quota"> }[] = [];
  const bucket = record.bucket;
  // Every window of the bucket is listed, with what it got back ("0" for a window whose
  // block has ended since the usage, or when quota covered none of it); only a positive
  // return is an entry.
  const shapes = bucket === null ? undefined : work.compiled.bucketWindowShapes.get(bucket);
  if (bucket !== null && shapes !== undefined) {
    for (const [windowId, { shape }] of shapes) {
      const returned = calc.isPositive(record.quotaUnits)
        ? release({ shape }, work.window(bucket, windowId, shape), at, record.at, record.quotaUnits).returned
        : calc.zero<"quota">();
      quotaReturned.push({ bucket, window: windowId, units: returned });
      if (!calc.isPositive(returned)) continue;
      facts.push({
        type: "quota.returned",
        eventId,
        at,
        bucket,
        window: windowId,
        units: returned,
        usageAt: record.at,
      });
    }
  }
  const reversal = reverseDraws(work.lots, record.draws, at);
  const lotFact = (type: "credits.returned" | "credits.expired", r: LotDraw): Fact => ({
    type,
    eventId,
    at,
    lotId: r.lotId,
    expiresAt: r.expiresAt,
    credits: r.credits,
  });
  for (const r of reversal.returned) facts.push(lotFact("credits.returned", r));
  // A lot that expired since the usage: the credits come back and expire at once, so
  // the lot's own entries still add up (purchased = remaining + debited − returned + expired).
  for (const r of reversal.expired) facts.push(lotFact("credits.returned", r), lotFact("credits.expired", r));
  const cancelled = calc.min(record.uncoveredCredits, work.arrears);
  const refunded = calc.subtract(record.uncoveredCredits, cancelled);
  let refund: Lot | null = null;
  if (calc.isPositive(refunded)) {
    const lot = newLot(work, {
      id: eventId,
      kind: "grant",
      at,
      credits: refunded,
      priceUsd: calc.zero(),
      validity: work.compiled.grantValidity,
    });
    if (!lot.ok) return lot;
    refund = lot.value;
    facts.push({ type: "credits.purchased", eventId, at, lot: refund });
  }
  facts.push({
    type: "usage.voided",
    eventId,
    at,
    usageId: event.usageId,
    uncoveredCredits: cancelled,
    refundedCredits: refunded,
  });
  return ok({
    facts,
    usageId: event.usageId,
    bucket,
    quotaReturned,
    creditsReturned: reversal.returned,
    creditsExpired: reversal.expired,
    uncoveredCredits: cancelled,
    refund,
  });
}

/** Decides a credit purchase or grant: a new lot of its own. */
export function decideLot(
  work: Work,
  event: Extract<NormalizedEvent, { type: "purchase-credits" | "grant-credits" }>,
  /** False to rebuild the lot a retried event made (it is live already). */
  checkLive = true,
): Result<Lot, LedgerError> {
  const compiled = work.compiled;
  let credits: Scaled<"credits">;
  let priceUsd: Scaled<"usd">;
  if (event.type === "purchase-credits") {
    const pack = event.package === null ? null : compiled.packages.get(event.package);
    if (pack !== null && pack !== undefined) {
      credits = pack.credits;
      priceUsd = pack.price;
    } else {
      const amount = event.credits ?? calc.zero<"credits">();
      const custom = compiled.customAmount;
      const price = calc.creditsToUsdExact(amount);
      if (
        custom === null ||
        amount < custom.min ||
        !calc.isMultipleOf(amount, custom.step) ||
        price === null
      ) {
        const rule =
          custom === null
            ? "this catalog sells packages only"
            : `at least ${formatAmount(custom.min)} credits in steps of ${formatAmount(custom.step)}`;
        return err(
          ledgerError(
            "invalid_purchase_amount",
            `Cannot buy ${formatAmount(amount)} credits: ${rule}.`,
            ["credits"],
            {
              credits: formatAmount(amount),
            },
          ),
        );
      }
      credits = amount;
      priceUsd = price;
    }
  } else {
    if (!calc.isPositive(event.credits)) {
      return err(ledgerError("invalid_grant_amount", "A grant must give more than 0 credits.", ["credits"]));
    }
    credits = event.credits;
    priceUsd = calc.zero();
  }
  const validity =
    event.type === "grant-credits" ? (event.validity ?? compiled.grantValidity) : compiled.validity;
  return newLot(
    work,
    {
      id: event.id,
      kind: event.type === "purchase-credits" ? "purchase" : "grant",
      at: event.at,
      credits,
      priceUsd,
      validity,
    },
    checkLive,
  );
}

/**
 * The facts of time passing up to `at` (inclusive), one step at a time: lot expiries and
 * subscription period ends, in time order (an expiry first when both fall on the same
 * instant). `evolve` is called after each step, since the next step depends on it.
 */
export function nextTimeFacts(work: Work, at: number): readonly Fact[] | null {
  const lotDue = work.nextLotExpiry();
  const subscriptionDue = work.subscription?.periodEnd ?? null;
  const lotFirst = lotDue !== null && lotDue <= at && (subscriptionDue === null || lotDue <= subscriptionDue);
  if (lotFirst) {
    return expireLots(work.lots, lotDue).expired.map((e) => ({
      type: "credits.expired" as const,
      eventId: null,
      at: e.at,
      lotId: e.lotId,
      expiresAt: e.expiresAt,
      credits: e.credits,
    }));
  }
  if (work.subscription !== null && subscriptionDue !== null && subscriptionDue <= at) {
    return advance(work.compiled, work.subscription).map((fact) => ({ ...fact, eventId: null }));
  }
  return null;
}

/** Decides a subscription command. */
export function decideSubscriptionEvent(
  work: Work,
  event: Extract<NormalizedEvent, { type: "subscribe" | "cancel" | "change-tier" }>,
): Result<readonly Fact[], LedgerError> {
  const decided = decideSubscription(work.compiled, work.subscription, event);
  return decided.ok ? ok(decided.value.map((fact) => ({ ...fact, eventId: event.id }))) : decided;
}

/** What paying arrears from credits did. */
export interface ArrearsDecision {
  readonly facts: readonly Fact[];
  readonly paid: Scaled<"credits">;
  readonly draws: readonly LotDraw[];
  readonly remaining: Scaled<"credits">;
}

/**
 * Pays arrears from credit lots, soonest-expiring first, up to the amount asked (all
 * arrears by default) and up to the credits there are. Paying nothing is not an error.
 */
export function decidePayArrears(
  work: Work,
  event: Extract<NormalizedEvent, { type: "pay-arrears" }>,
): ArrearsDecision {
  const owed = work.arrears;
  const wanted = event.credits === null ? owed : calc.min(event.credits, owed);
  const plan = planDraws(work.lots, wanted, event.at);
  const facts: Fact[] = plan.draws.map((d) => ({
    type: "credits.debited" as const,
    eventId: event.id,
    at: event.at,
    lotId: d.lotId,
    credits: d.credits,
  }));
  if (calc.isPositive(plan.drawn))
    facts.push({ type: "arrears.paid", eventId: event.id, at: event.at, credits: plan.drawn });
  return { facts, paid: plan.drawn, draws: plan.draws, remaining: calc.subtract(owed, plan.drawn) };
}
