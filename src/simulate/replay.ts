/**
 * The replay: usages through the real ledger, one plan and one credit strategy, with the
 * purchases the strategy makes placed just before the usage that needs them.
 *
 * Replaying usage by usage would cost a receipt and a quote each. Instead the usages are
 * cut into segments that need no decision, each replayed by one `applyEvents` call, and
 * only the usages that need one go through `applyEvent` alone. At a segment's start the
 * ledger is settled to its first usage (renewals and expiries come out as entries) and
 * read through its queries: each bucket's room, the windows that are full and when they
 * reset, the credit balance. A segment then runs while it can prove, from the usages'
 * list values (priced once by the catalog), that nothing needs deciding:
 * - in a bucket with room, usages fit while their units add up to less than the room (room
 *   only grows while nothing else is used: blocks reset, sliding records leave); the first
 *   usage that may use up the room ends its segment (or goes alone when what it may
 *   overflow could need a purchase), so a window can only become full at the end of a
 *   segment or alone, where the replay looks (see `full.ts`);
 * - in a bucket that is full (or not in the plan), every usage is overflow, worth at most
 *   its list value in credits; when the strategy buys, the segment stops before those
 *   values add up to more than the balance, and the usage that might not be covered goes
 *   alone: a quote says its shortfall, the packages are bought, then it is applied;
 * - a segment ends before the next renewal, the next expiry of a lot with credits, the
 *   next reset of a full window and the next boost edge, so none of them happens inside.
 * The segment's overflow is read off the ledger: credits drawn (the balance before minus
 * after) plus uncovered (arrears after minus before). Every amount comes from the ledger.
 */
import { assert } from "../assert";
import type { LedgerError } from "../errors";
import { applyEvent, applyEvents, type LedgerEntry, type LedgerState, settle } from "../ledger";
import { calc, parseTrustedAmount, type Scaled } from "../money";
import { quotaStatus, quoteUsage } from "../queries";
import { err, ok, type Result } from "../result";
import { type FullPeriodInternal, FullWindows } from "./full";
import type { PreparedUsages } from "./prepare";
import type { ResolvedStrategy } from "./strategy";

/** What a replay is asked to do. */
export interface ReplayOptions {
  /** Subscribe to this tier at the first usage (null: keep the state's subscription, if any). */
  readonly tier: string | null;
  readonly strategy: ResolvedStrategy;
  /**
   * "watch": do not buy, but stop at the first usage the balance cannot cover and note its
   * instant (a forecast's "credits run out"); otherwise as the strategy says.
   */
  readonly watchCredits?: boolean;
  /** Pass every usage's entries to `onEntries` as well (slower; a report needs them). */
  readonly collectEntries: boolean;
  /** Every entry, in order (usage entries of segments only when `collectEntries`). */
  readonly onEntries?: (entries: readonly LedgerEntry[]) => void;
}

/** What a replay found. Amounts scaled. */
export interface ReplayTotals {
  readonly state: LedgerState;
  readonly subscriptionUsd: Scaled<"usd">;
  readonly subscriptionCharges: number;
  readonly creditsPurchased: Scaled<"credits">;
  readonly creditsPurchasedUsd: Scaled<"usd">;
  readonly creditsExpired: Scaled<"credits">;
  /** Credits that expired with credits left, each lot's expiry and amount. */
  readonly expiries: readonly {
    readonly at: number;
    readonly lotId: string;
    readonly credits: Scaled<"credits">;
  }[];
  readonly creditsUsed: Scaled<"credits">;
  readonly uncoveredCredits: Scaled<"credits">;
  readonly full: readonly FullPeriodInternal[];
  /** Each purchase the strategy made, with the index (in time order) of the usage it was for. */
  readonly purchaseLog: readonly {
    readonly at: number;
    readonly credits: Scaled<"credits">;
    readonly priceUsd: Scaled<"usd">;
    readonly beforeUsage: number;
  }[];
  /** With `watchCredits`: the instant of the first usage the balance could not cover. */
  readonly creditsRunOutAt: number | null;
}

const noBoundary = Number.POSITIVE_INFINITY;

type BucketClass =
  /** Covered with room left: usages fit while their units add up to the room. */
  | "room"
  /** Full, or not covered by the plan: every usage is overflow. */
  | "overflow";

const trustedCredits = (text: string): Scaled<"credits"> => parseTrustedAmount<"credits">(text);

/** The credits usable now (every lot left in the state is live) and the next expiry of a lot with credits. */
function creditsOf(state: LedgerState): { balance: Scaled<"credits">; nextExpiry: number } {
  let balance = calc.zero<"credits">();
  let nextExpiry = noBoundary;
  for (const lot of state.lots) {
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: an emptied lot adds 0, and its expiry only ends a segment sooner
    if (lot.remaining === "0") continue;
    balance = calc.add(balance, trustedCredits(lot.remaining));
    // Stryker disable next-line EqualityOperator: equivalent: between equal expiries either is the next
    if (lot.expiresAtMs < nextExpiry) nextExpiry = lot.expiresAtMs;
  }
  // Stryker disable next-line ObjectLiteral: equivalent: with no boundary (NaN) every usage goes alone, the slow path that decides each usage itself
  return { balance, nextExpiry };
}

/** Every instant a window limit of the tier (or of any tier) changes: boost edges, ascending. */
function boostEdges(state: LedgerState, tier: string | null): number[] {
  const edges = new Set<number>();
  for (const [id, t] of Object.entries(state.catalog.tiers)) {
    if (
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: with no tier (no subscription) no window has a limit, and more edges only end more segments
      tier !== null &&
      id !== tier
    )
      continue;
    for (const windows of Object.values(t.limits)) {
      for (const limit of Object.values(windows)) {
        // Sealed catalogs hold canonical instants: Date.parse reads them exactly.
        for (const boost of limit.boosts) {
          // Stryker disable next-line StringLiteral: equivalent: a NaN edge ends every segment at once (each usage then goes alone)
          edges.add(Date.parse(`${boost.from}`)).add(Date.parse(`${boost.until}`));
        }
      }
    }
  }
  return [...edges].sort((a, b) => a - b);
}

/**
 * The value of a ledger call that cannot be refused here: every usage was checked by
 * prepare, the ledger is the replay's own and time only moves forward. A refusal is a bug.
 */
function sure<T extends { readonly ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  assert(
    result.ok,
    // Stryker disable next-line ArrowFunction,StringLiteral: invariant message, a bug report only
    () => `${what} refused a checked replay: ${JSON.stringify((result as { error?: unknown }).error)}`,
  );
  return result as Extract<T, { ok: true }>;
}

/** How many packages of `packageCredits` cover `short`: ceil(short ÷ package), a plain count. */
function packagesToCover(short: Scaled<"credits">, packageCredits: Scaled<"credits">): number {
  // mulDiv rounds the ratio of two amounts of one kind: the result counts packages, not atoms.
  return Number(calc.mulDiv(short, 1n, packageCredits, "ceil"));
}

/** Replays prepared usages from `initial` under one plan and strategy. */
export function replay(
  initial: LedgerState,
  usages: PreparedUsages,
  options: ReplayOptions,
): Result<ReplayTotals, LedgerError> {
  const { events, at, units, valueCredits, bucket, eligible, bucketIds } = usages;
  const n = events.length;
  const strategy = options.strategy;
  const watch = options.watchCredits === true;
  const buys = strategy.kind === "buy" || watch;
  const bucketCount = bucketIds.length;
  const onEntries = options.onEntries;

  let state = initial;
  let subscriptionUsd = calc.zero<"usd">();
  let subscriptionCharges = 0;
  let creditsPurchased = calc.zero<"credits">();
  let creditsPurchasedUsd = calc.zero<"usd">();
  let creditsExpired = calc.zero<"credits">();
  const expiries: { at: number; lotId: string; credits: Scaled<"credits"> }[] = [];
  let creditsUsed = calc.zero<"credits">();
  let uncoveredCredits = calc.zero<"credits">();
  let creditsRunOutAt: number | null = null;
  const full = new FullWindows();
  const purchaseLog: {
    at: number;
    credits: Scaled<"credits">;
    priceUsd: Scaled<"usd">;
    beforeUsage: number;
  }[] = [];
  /** The index of the usage being replayed (what a purchase is bought for). */
  let current = 0;
  const bucketIndex = new Map(bucketIds.map((id, index) => [id, index]));

  /** Reads the few entries every replay needs: charges, purchases, expiries. */
  const scan = (entries: readonly LedgerEntry[]): void => {
    for (const entry of entries) {
      switch (entry.type) {
        case "subscription.charged":
          subscriptionUsd = calc.add(subscriptionUsd, parseTrustedAmount<"usd">(entry.usd));
          subscriptionCharges++;
          break;
        case "credits.purchased": {
          const credits = trustedCredits(entry.lot.credits);
          const priceUsd = parseTrustedAmount<"usd">(entry.lot.priceUsd);
          creditsPurchased = calc.add(creditsPurchased, credits);
          creditsPurchasedUsd = calc.add(creditsPurchasedUsd, priceUsd);
          purchaseLog.push({ at: Date.parse(entry.at), credits, priceUsd, beforeUsage: current });
          break;
        }
        case "credits.expired":
          // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: the ledger writes no expiry of 0 credits (an emptied lot expires silently)
          if (entry.credits !== "0") {
            const credits = trustedCredits(entry.credits);
            creditsExpired = calc.add(creditsExpired, credits);
            expiries.push({ at: Date.parse(entry.at), lotId: entry.lotId, credits });
          }
          break;
        // Stryker disable next-line ConditionalExpression: equivalent: the other entries are not read here
        default:
          break;
      }
    }
    onEntries?.(entries);
  };

  /** Notes the windows with nothing left after the usage at `t`. */
  const observe = (current: LedgerState, t: number): void => {
    // Stryker disable next-line StringLiteral: invariant message, a bug report only
    full.record(sure(quotaStatus(current, t), "quotaStatus").value, t);
  };

  if (n > 0) {
    const t0 = at[0] as number;
    if (options.tier !== null) {
      const r = sure(
        applyEvent(state, { type: "subscribe", id: "simulate-plan", at: t0, tier: options.tier }),
        // Stryker disable next-line StringLiteral: invariant message, a bug report only
        "subscribe",
      );
      state = r.state;
      scan(r.entries);
    }
    if (
      // Stryker disable next-line ConditionalExpression: equivalent: only a "buy" strategy has atStart (the test narrows the type)
      strategy.kind === "buy" &&
      strategy.atStart &&
      !watch
    ) {
      const purchase = {
        type: "purchase-credits",
        id: "simulate-buy-0",
        at: t0,
        package: strategy.packageId,
      } as const;
      // Stryker disable next-line StringLiteral: invariant message, a bug report only
      const r = sure(applyEvent(state, purchase), "the first purchase");
      state = r.state;
      scan(r.entries);
    }
  }

  // Stryker disable next-line LogicalOperator: equivalent: null (every tier's edges) only ends more segments
  const edges = boostEdges(state, options.tier ?? state.subscription?.tier ?? null);
  let edgeIndex = 0;
  // Stryker disable ArrayDeclaration: equivalent: an array made with its length is only faster to fill
  const room: Scaled<"quota">[] = new Array(bucketCount);
  const classes: BucketClass[] = new Array(bucketCount);
  const prefix: Scaled<"quota">[] = new Array(bucketCount);
  // Stryker restore ArrayDeclaration

  let i = 0;
  while (i < n) {
    const t = at[i] as number;
    // Stryker disable next-line StringLiteral: invariant message, a bug report only
    const settled = sure(settle(state, t), "settle");
    // The ledger drops an emptied lot itself once no remembered usage can refill it.
    state = settled.state;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: scanning no entries reads nothing
    if (settled.entries.length > 0) scan(settled.entries);

    // Where the ledger stands at t: room per bucket, full windows and when they reset.
    // Stryker disable next-line StringLiteral: invariant message, a bug report only
    const status = sure(quotaStatus(state, t), "quotaStatus");
    // A window can also be full with no usage filling it: a boost ended, or it already was.
    full.record(status.value, t);
    let boundary = noBoundary;
    // Stryker disable next-line EqualityOperator: equivalent: one slot more is never read
    for (let b = 0; b < bucketCount; b++) {
      // Stryker disable next-line StringLiteral: equivalent: only "room" is told apart
      classes[b] = "overflow";
      room[b] = calc.zero();
      prefix[b] = calc.zero();
    }
    for (const bucketStatus of status.value.buckets) {
      const b = bucketIndex.get(bucketStatus.bucket);
      // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: the status lists the catalog's buckets, and an uncovered one has only windows with limit 0 (next line)
      if (b === undefined || !bucketStatus.covered) continue;
      // A window with limit 0 means the bucket is not in the tier: nothing to watch.
      // Stryker disable next-line ConditionalExpression,MethodExpression,ArrowFunction,StringLiteral: equivalent: such a window leaves no room anyway, and its reset would only end a segment sooner
      if (bucketStatus.windows.some((w) => w.limit === "0")) continue;
      let bucketRoom: Scaled<"quota"> | null = null;
      for (const w of bucketStatus.windows) {
        const remaining = parseTrustedAmount<"quota">(w.remaining);
        bucketRoom = bucketRoom === null ? remaining : calc.min(bucketRoom, remaining);
        // A full window ends the segment at its reset (one with nothing left always resets).
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent when more resets end segments (true, `||`); `false` is killed by a test
        if (calc.isZero(remaining) && w.resetsAt !== null)
          boundary = Math.min(boundary, Date.parse(w.resetsAt));
      }
      room[b] = bucketRoom as Scaled<"quota">; // a covered bucket has at least one window
      // Stryker disable next-line ConditionalExpression: equivalent: a "room" bucket with none left sends each usage alone or to the end of its segment, deciding the same
      if (calc.isPositive(room[b] as Scaled<"quota">)) classes[b] = "room";
    }
    const credits = creditsOf(state);
    boundary = Math.min(boundary, credits.nextExpiry, state.subscription?.periodEndMs ?? noBoundary);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent when an edge at or before t is kept (it ends the segment at once: each usage goes alone); dropping every edge (`true` on the second test) is killed by a test
    while (edgeIndex < edges.length && (edges[edgeIndex] as number) <= t) edgeIndex++;
    boundary = Math.min(boundary, edges[edgeIndex] ?? noBoundary);
    const guardCredits = buys && creditsRunOutAt === null;

    // The longest run from i that needs no decision.
    let j = i;
    let overflowBound = calc.zero<"credits">();
    // Stryker disable next-line BooleanLiteral: equivalent: looking at the windows after every segment finds only windows already full at its start
    let filled = false;
    // A shorter (or empty) segment only leaves more usages to be decided alone, where the
    // ledger decides each itself: such mutants of this loop are equivalent.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,UpdateOperator: equivalent: shorter or empty segments (see above)
    for (; j < n && (at[j] as number) < boundary; j++) {
      const b = bucket[j] as number;
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: only "room" is told apart, and classes[-1] is undefined
      const cls = b < 0 ? "overflow" : (classes[b] as BucketClass);
      if (cls === "room") {
        const next = calc.add(prefix[b] as Scaled<"quota">, units[j] as Scaled<"quota">);
        const fit = calc.compare(next, room[b] as Scaled<"quota">);
        // Stryker disable next-line ConditionalExpression: equivalent when never true: each usage then ends its segment (a shorter one); `true` and `<= 0` are killed
        if (fit < 0) {
          prefix[b] = next;
          continue;
        }
        // This usage may use up a window's last room (and overflow): it ends the segment,
        // unless what it may overflow, at most its list value, could need a purchase.
        const overflow = calc.add(overflowBound, valueCredits[j] as Scaled<"credits">);
        // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent when it breaks more often (the usage then goes alone); never breaking (`false`) is killed
        if (fit > 0 && guardCredits && eligible[j] && calc.compare(overflow, credits.balance) > 0) break;
        filled = true;
        // Stryker disable next-line UpdateOperator: equivalent: a shorter segment (see above)
        j++;
        break;
      } else if (
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: guarding more usages only breaks more often
        guardCredits &&
        eligible[j]
      ) {
        const next = calc.add(overflowBound, valueCredits[j] as Scaled<"credits">);
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent when it breaks more often; never breaking is killed
        if (calc.compare(next, credits.balance) > 0) break;
        overflowBound = next;
      }
    }

    // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent: without segments every usage goes alone
    if (j > i) {
      const r = sure(
        applyEvents(state, events.slice(i, j), { collectEntries: options.collectEntries }),
        // Stryker disable next-line StringLiteral: invariant message, a bug report only
        "applyEvents",
      );
      const after = creditsOf(r.state);
      creditsUsed = calc.add(creditsUsed, calc.subtract(credits.balance, after.balance));
      uncoveredCredits = calc.add(
        uncoveredCredits,
        calc.subtract(trustedCredits(r.state.arrearsCredits), trustedCredits(state.arrearsCredits)),
      );
      state = r.state;
      // Stryker disable next-line ConditionalExpression,OptionalChaining: equivalent: only simulate passes onEntries, always with collectEntries
      if (options.collectEntries) onEntries?.(r.entries);
      // Stryker disable next-line ConditionalExpression: equivalent: looking after every segment finds only windows already full at its start
      if (filled) observe(state, at[j - 1] as number);
      i = j;
      continue;
    }

    // One usage that needs a decision: buy first if it would not be covered, then apply it alone.
    const event = events[i];
    // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: i < n
    assert(event !== undefined, "replay ran past its usages");
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: a usage reaches here only through a credits guard's break, so guardCredits holds
    if (guardCredits && eligible[i]) {
      // Stryker disable next-line StringLiteral: invariant message, a bug report only
      const quote = sure(quoteUsage(state, event), "quoteUsage");
      const short = trustedCredits(quote.value.creditsShort);
      if (calc.isPositive(short) && watch) creditsRunOutAt = t;
      else if (
        // Stryker disable next-line ConditionalExpression: equivalent: with no shortfall no package is bought (0 to cover)
        calc.isPositive(short)
      ) {
        // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: only a buying strategy (or watch, above) guards the credits
        assert(strategy.kind === "buy", "a strategy that buys nothing guarded the credits");
        current = i;
        const count = packagesToCover(short, strategy.credits);
        for (let k = 0; k < count; k++) {
          const r = applyEvent(state, {
            type: "purchase-credits",
            id: `simulate-buy-${i}-${k}`,
            at: t,
            package: strategy.packageId,
          });
          if (!r.ok) return err(r.error);
          state = r.state;
          scan(r.entries);
        }
      }
    }
    // Stryker disable next-line StringLiteral: invariant message, a bug report only
    const r = sure(applyEvent(state, event), "applyEvent");
    // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: a usage applied gives a usage outcome
    assert(r.outcome.type === "usage", "a usage gave no receipt");
    creditsUsed = calc.add(creditsUsed, trustedCredits(r.outcome.credits.debited));
    uncoveredCredits = calc.add(uncoveredCredits, trustedCredits(r.outcome.uncoveredCredits));
    state = r.state;
    scan(r.entries);
    const b = bucket[i] as number;
    // It did not fit in the room left: some window has nothing left now.
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: looking after any usage finds only windows already full, and recorded, at its segment's start
    if (b >= 0 && classes[b] === "room") observe(state, t);
    i++;
  }

  return ok({
    state,
    subscriptionUsd,
    subscriptionCharges,
    creditsPurchased,
    creditsPurchasedUsd,
    creditsExpired,
    expiries,
    creditsUsed,
    uncoveredCredits,
    full: full.periods,
    purchaseLog,
    creditsRunOutAt,
  });
}
