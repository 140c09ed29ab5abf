import { assert } from "../assert";
import type { Catalog, CompiledCatalog, CompiledTier, CompiledWindow, WindowShape } from "../catalog";
import { compiledOf, isDefinedCatalog } from "../catalog";
import { balanceAt, type Lot } from "../credits";
import { type LedgerError, ledgerError } from "../errors";
import {
  type Credits,
  calc,
  formatAmount,
  parseTrustedAmount,
  type QuotaUnits,
  type Scaled,
  type Usd,
} from "../money";
import type { Subscription } from "../subscription";
import { emptyWindow, type WindowValue } from "../windows";
import { type RecentEventJson, type RecentEvents, RecentLog } from "./recent";

/** The version of the state's JSON layout (1: the catalog stored whole, events as objects). */
export const schemaVersion = 3;

/**
 * A window's contents in the state. Instants in epoch ms. Read it through `quotaStatus`;
 * the layout is the stored format's.
 *
 * @example
 * const w: WindowJson = { kind: "calendar", startMs: 0, endMs: 18_000_000, used: "1.5" as QuotaUnits, lastAtMs: 0 };
 */
export type WindowJson =
  | {
      readonly kind: "calendar";
      readonly startMs: number;
      readonly endMs: number;
      readonly used: QuotaUnits;
      readonly lastAtMs: number;
    }
  | {
      readonly kind: "sliding";
      /** [slot, latest instant ms, units] per resolution slot, oldest first. */
      readonly records: readonly (readonly [number, number, QuotaUnits])[];
      readonly lastAtMs: number;
    }
  | {
      readonly kind: "session";
      readonly startMs: number | null;
      readonly used: QuotaUnits;
      readonly lastAtMs: number;
    };

/**
 * A credit lot in the state. `expiresAtMs` is exclusive. Read it through `creditBalance`.
 *
 * @example
 * state.lots[0]?.remaining; //=> "5000"
 */
export interface LotJson {
  readonly id: string;
  readonly kind: "purchase" | "grant";
  readonly purchasedAtMs: number;
  readonly expiresAtMs: number;
  readonly credits: Credits;
  readonly remaining: Credits;
  readonly priceUsd: Usd;
}

/**
 * The subscription in the state (instants in epoch ms).
 *
 * @example
 * state.subscription?.tier; //=> "max"
 */
export interface SubscriptionJson {
  readonly tier: string;
  readonly status: "active" | "canceled";
  readonly anchorAtMs: number;
  readonly period: number;
  readonly periodStartMs: number;
  readonly periodEndMs: number;
  readonly pendingTier: string | null;
}

/**
 * One account's ledger: plain, immutable, JSON-safe data. Make it with
 * `createLedger`, move it with `applyEvent` / `applyEvents` / `settle`, store it with
 * `serializeLedger` and load it with `parseLedger`. Instants are epoch ms, amounts are
 * canonical decimal strings.
 *
 * @example
 * const created = createLedger();
 * created.ok && [created.state.schemaVersion, created.state.version]; //=> [3, 0]
 */
export interface LedgerState {
  readonly schemaVersion: typeof schemaVersion;
  /**
   * How many events the ledger has applied (duplicates excluded), for optimistic
   * concurrency: a store saves with `… WHERE version = $expected`. `settle` does not count:
   * what it does is a pure function of the state and the instant, redone by the next read.
   */
  readonly version: number;
  /** The rules (in stored text: only the catalog's id and fingerprint, see `serializeLedger`). */
  readonly catalog: Catalog;
  /** How many recent event ids are remembered for idempotency (and usages for voids). */
  readonly eventIdsRemembered: number;
  /** The latest instant the ledger has seen, or null before its first event. */
  readonly clockMs: number | null;
  readonly subscription: SubscriptionJson | null;
  /** Window contents by "bucket/window". */
  readonly windows: Readonly<Record<string, WindowJson>>;
  /** Live lots in draw order (soonest expiry, oldest purchase, lot id). */
  readonly lots: readonly LotJson[];
  /**
   * Recent events, oldest first, in compact form ({@link RecentEventJson}), held in chunks
   * so that the next state shares all but one ({@link RecentEvents}); the stored text lists
   * them flat.
   */
  readonly recentEvents: RecentEvents;
  /** Usage neither quota nor credits paid for, in credits (arrears). */
  readonly arrearsCredits: Credits;
}

/** An amount from the state's JSON: canonical, validated when the state was read (the kind is the type's only). */
function trusted<K extends "usd" | "credits" | "quota">(text: string): Scaled<K> {
  return parseTrustedAmount<K>(text);
}

function windowFromJson(json: WindowJson): WindowValue {
  switch (json.kind) {
    case "calendar":
      return {
        kind: "calendar",
        start: json.startMs,
        end: json.endMs,
        used: trusted<"quota">(json.used),
        lastAt: json.lastAtMs,
      };
    case "session":
      return {
        kind: "session",
        start: json.startMs,
        used: trusted<"quota">(json.used),
        lastAt: json.lastAtMs,
      };
    case "sliding": {
      const records = json.records.map(([slot, at, units]) => ({ slot, at, units: trusted<"quota">(units) }));
      return {
        kind: "sliding",
        records,
        total: calc.sum(records.map((r) => r.units)),
        lastAt: json.lastAtMs,
      };
    }
  }
}

function windowToJson(value: WindowValue): WindowJson {
  switch (value.kind) {
    case "calendar":
      return {
        kind: "calendar",
        startMs: value.start,
        endMs: value.end,
        used: formatAmount(value.used),
        lastAtMs: value.lastAt,
      };
    case "session":
      return {
        kind: "session",
        startMs: value.start,
        used: formatAmount(value.used),
        lastAtMs: value.lastAt,
      };
    case "sliding":
      return {
        kind: "sliding",
        records: value.records.map((r) => [r.slot, r.at, formatAmount(r.units)] as const),
        lastAtMs: value.lastAt,
      };
  }
}

function lotFromJson(json: LotJson): Lot {
  return {
    id: json.id,
    kind: json.kind,
    purchasedAt: json.purchasedAtMs,
    expiresAt: json.expiresAtMs,
    credits: trusted<"credits">(json.credits),
    remaining: trusted<"credits">(json.remaining),
    priceUsd: trusted<"usd">(json.priceUsd),
  };
}

function lotToJson(lot: Lot): LotJson {
  return {
    id: lot.id,
    kind: lot.kind,
    purchasedAtMs: lot.purchasedAt,
    expiresAtMs: lot.expiresAt,
    credits: formatAmount(lot.credits),
    remaining: formatAmount(lot.remaining),
    priceUsd: formatAmount(lot.priceUsd),
  };
}

function subscriptionFromJson(json: SubscriptionJson | null): Subscription | null {
  return json === null
    ? null
    : {
        tier: json.tier,
        status: json.status,
        anchorAt: json.anchorAtMs,
        period: json.period,
        periodStart: json.periodStartMs,
        periodEnd: json.periodEndMs,
        pendingTier: json.pendingTier,
      };
}

function subscriptionToJson(s: Subscription | null): SubscriptionJson | null {
  return s === null
    ? null
    : {
        tier: s.tier,
        status: s.status,
        anchorAtMs: s.anchorAt,
        period: s.period,
        periodStartMs: s.periodStart,
        periodEndMs: s.periodEnd,
        pendingTier: s.pendingTier,
      };
}

/**
 * The mark of a state this library made (by `createLedger`, an apply, `settle` or
 * `parseLedger`): a non-enumerable property, so a copy made by spreading, `JSON` or
 * `structuredClone` does not carry it and is refused rather than trusted. `Symbol.for`,
 * so that two copies of the package (ESM and CJS, two versions) accept each other's states.
 */
const stateBrand = Symbol.for("token-plan.ledger-state");

/** Marks a state as made by this library (see {@link stateBrand}). */
export function brandState(state: LedgerState): LedgerState {
  Object.defineProperty(state, stateBrand, { value: schemaVersion, enumerable: false });
  return state;
}

/**
 * A cheap check that a value is a ledger state this version can use (made by
 * `createLedger`, moved by this library, or read by `parseLedger`), so a wrong argument
 * is a typed `invalid_state` error rather than a crash. Full validation is `parseLedger`.
 */
export function stateError(state: unknown): LedgerError | null {
  if (typeof state === "string") {
    return ledgerError(
      "invalid_state",
      "Got text, not a ledger state: read stored ledgers with parseLedger first.",
      [],
    );
  }
  const candidate = state as Partial<LedgerState> | null;
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    candidate.schemaVersion !== schemaVersion ||
    !Array.isArray(candidate.lots) ||
    !Array.isArray(candidate.recentEvents) ||
    typeof candidate.windows !== "object" ||
    candidate.windows === null
  ) {
    return ledgerError(
      "invalid_state",
      "Expected a ledger state made by createLedger or read by parseLedger.",
      [],
    );
  }
  if ((candidate as { [stateBrand]?: unknown })[stateBrand] !== schemaVersion) {
    return ledgerError(
      "invalid_state",
      "This state was not made by token-plan (a copy made by spreading, JSON or structuredClone?): use the states the library returns, and read stored ledgers with parseLedger.",
      [],
    );
  }
  if (!isDefinedCatalog(candidate.catalog)) {
    return ledgerError(
      "invalid_state",
      "The state's catalog was not validated: read stored ledgers with parseLedger, which validates them.",
      ["catalog"],
    );
  }
  return null;
}

/** The key of a window in the state. */
export function windowKey(bucket: string, window: string): string {
  return `${bucket}/${window}`;
}

/** A window in the working copy: its value (owned by the call) and whether it changed. */
interface WindowSlot {
  value: WindowValue;
  dirty: boolean;
}

/**
 * Where a usage of one bucket takes its quota under the running plan: the tier, the
 * bucket's windows in it (undefined when the tier has none for it) and their contents.
 */
export interface QuotaSpot {
  readonly tier: CompiledTier;
  readonly windows: readonly CompiledWindow[] | undefined;
  /** The windows' contents, in the order of `windows` (read only: see {@link Work.spotToChange}). */
  readonly values: readonly { readonly value: WindowValue }[];
}

/** A remembered {@link QuotaSpot}: for which subscription and bucket, and whether its windows are marked as changed. */
interface SpotMemory {
  readonly subscription: Subscription;
  readonly bucket: string;
  readonly spot: QuotaSpot | null;
  changed: boolean;
}

/** The private, mutable working copy of a ledger state for the length of one call. */
export class Work {
  readonly catalog: Catalog;
  readonly compiled: CompiledCatalog;
  readonly eventIdsRemembered: number;
  /** The state's version; the call adds one per applied event. */
  version: number;
  clock: number | null;
  subscription: Subscription | null;
  private subscriptionChanged = false;
  private readonly windowsBase: Readonly<Record<string, WindowJson>>;
  /** The windows read in this call, by bucket then window: each value is this call's own copy. */
  private readonly windowValues = new Map<string, Map<string, WindowSlot>>();
  /** The slots of a bucket's windows, by the tier's list of them (see {@link windowsOf}). */
  private readonly slotLists = new Map<readonly CompiledWindow[], readonly WindowSlot[]>();
  /** The windows changed in this call, by bucket, in the order they first changed (the state's key order). */
  private readonly dirtyWindows = new Map<string, string[]>();
  private lotsBase: readonly LotJson[];
  /** The lots, once read: this call's own array (changed in place through {@link lotsToChange}). */
  private lotValues: Lot[] | null = null;
  /** The JSON each lot read from the state came from: unchanged lots are written back as they were. */
  private readonly lotJson = new Map<Lot, LotJson>();
  readonly recent: RecentLog;
  private arrearsBase: Credits;
  private arrearsValue: Scaled<"credits"> | null = null;
  /** The last usage's quota spot: a replay's usages mostly share one plan and one bucket. */
  private spotMemory: SpotMemory | null = null;

  constructor(state: LedgerState) {
    this.catalog = state.catalog;
    this.compiled = compiledOf(state.catalog);
    this.eventIdsRemembered = state.eventIdsRemembered;
    this.version = state.version;
    this.clock = state.clockMs;
    this.subscription = subscriptionFromJson(state.subscription);
    this.windowsBase = state.windows;
    this.lotsBase = state.lots;
    this.recent = new RecentLog(state.recentEvents, state.eventIdsRemembered, state.version);
    this.arrearsBase = state.arrearsCredits;
  }

  private slot(bucket: string, window: string, shape: WindowShape): WindowSlot {
    let windows = this.windowValues.get(bucket);
    if (windows === undefined) {
      windows = new Map();
      this.windowValues.set(bucket, windows);
    }
    let slot = windows.get(window);
    if (slot === undefined) {
      const json = this.windowsBase[windowKey(bucket, window)];
      const value =
        json !== undefined && json.kind === shape.kind ? windowFromJson(json) : emptyWindow(shape);
      slot = { value, dirty: false };
      windows.set(window, slot);
    }
    return slot;
  }

  /**
   * The contents of a bucket's windows, in the order of a tier's `windows` for it (one
   * lookup per usage). Read only: change them through {@link windowsToChange}.
   */
  windowsOf(bucket: string, windows: readonly CompiledWindow[]): readonly { readonly value: WindowValue }[] {
    let slots = this.slotLists.get(windows);
    // Stryker disable next-line ConditionalExpression: equivalent: the list is built again from the same slots (only slower)
    if (slots === undefined) {
      slots = windows.map((w) => this.slot(bucket, w.id, w.shape));
      this.slotLists.set(windows, slots);
    }
    return slots;
  }

  /**
   * Where a usage of `bucket` takes its quota now (null without a plan, or when the plan's
   * tier is not in the catalog): remembered while the subscription and the bucket stay the
   * same, so most usages of a replay look nothing up.
   */
  quotaSpot(bucket: string): QuotaSpot | null {
    const subscription = this.subscription;
    if (subscription === null) return null;
    const memory = this.spotMemory;
    if (memory !== null && memory.subscription === subscription && memory.bucket === bucket)
      return memory.spot;
    const tier = this.compiled.tiers.get(subscription.tier);
    const windows = tier?.buckets.get(bucket);
    const spot =
      tier === undefined
        ? null
        : { tier, windows, values: windows === undefined ? [] : this.windowsOf(bucket, windows) };
    this.spotMemory = { subscription, bucket, spot, changed: false };
    return spot;
  }

  /** The contents of {@link quotaSpot}'s windows to change in place, each marked to be written back. */
  spotToChange(bucket: string, spot: QuotaSpot): readonly { readonly value: WindowValue }[] {
    const memory = this.spotMemory;
    // Marked once per remembered spot: a window stays marked for the rest of the call.
    if (memory !== null && memory.spot === spot) {
      if (!memory.changed) {
        this.windowsToChange(bucket, spot.windows ?? []);
        memory.changed = true;
      }
      return spot.values;
    }
    return this.windowsToChange(bucket, spot.windows ?? []);
  }

  /** {@link windowsOf} to change in place (this call's own copies), each marked to be written back. */
  windowsToChange(
    bucket: string,
    windows: readonly CompiledWindow[],
  ): readonly { readonly value: WindowValue }[] {
    const slots = this.windowsOf(bucket, windows) as readonly WindowSlot[];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as WindowSlot;
      // Stryker disable next-line ConditionalExpression: equivalent: a window marked twice is listed twice, and the snapshot writes the same value twice
      if (!slot.dirty) this.markDirty(bucket, (windows[i] as CompiledWindow).id, slot);
    }
    return slots;
  }

  /** A window's contents (empty when never used). Read only: change it through {@link windowToChange}. */
  window(bucket: string, window: string, shape: WindowShape): WindowValue {
    return this.slot(bucket, window, shape).value;
  }

  /** A window's contents to change in place (this call's own copy), marked to be written back. */
  windowToChange(bucket: string, window: string, shape: WindowShape): WindowValue {
    const slot = this.slot(bucket, window, shape);
    // Stryker disable next-line ConditionalExpression: equivalent: a window marked twice is listed twice, and the snapshot writes the same value twice
    if (!slot.dirty) this.markDirty(bucket, window, slot);
    return slot.value;
  }

  private markDirty(bucket: string, window: string, slot: WindowSlot): void {
    // Stryker disable next-line BooleanLiteral: equivalent: the flag only keeps a window from being listed twice (the snapshot would write the same value twice)
    slot.dirty = true;
    const dirty = this.dirtyWindows.get(bucket);
    if (dirty === undefined) this.dirtyWindows.set(bucket, [window]);
    else dirty.push(window);
  }

  /** Replaces a window's contents (the value becomes this call's own). */
  setWindow(bucket: string, window: string, value: WindowValue): void {
    let windows = this.windowValues.get(bucket);
    if (windows === undefined) {
      windows = new Map();
      this.windowValues.set(bucket, windows);
    }
    let slot = windows.get(window);
    if (slot === undefined) {
      slot = { value, dirty: false };
      windows.set(window, slot);
    } else slot.value = value;
    // Stryker disable next-line ConditionalExpression: equivalent: a window marked twice is listed twice, and the snapshot writes the same value twice
    if (!slot.dirty) this.markDirty(bucket, window, slot);
  }

  /** Credits usable at `at` (a query's working copy has read its lots when it settled). */
  creditsAt(at: number): Scaled<"credits"> {
    return balanceAt(this.lots, at);
  }

  /** The soonest lot expiry (lots are kept in draw order, soonest expiry first). */
  nextLotExpiry(): number | null {
    if (this.lotValues !== null) return this.lotValues[0]?.expiresAt ?? null;
    return this.lotsBase[0]?.expiresAtMs ?? null;
  }

  get lots(): readonly Lot[] {
    return this.lotsToChange();
  }

  /** Replaces the lots (copied: the call's array stays its own). */
  set lots(lots: readonly Lot[]) {
    this.lotValues = [...lots];
  }

  /** The lots to change in place: this call's own array, never shared with a state. */
  lotsToChange(): Lot[] {
    this.lotValues ??= this.lotsBase.map((json) => {
      const lot = lotFromJson(json);
      this.lotJson.set(lot, json);
      return lot;
    });
    return this.lotValues;
  }

  get arrears(): Scaled<"credits"> {
    this.arrearsValue ??= trusted<"credits">(this.arrearsBase);
    return this.arrearsValue;
  }

  set arrears(value: Scaled<"credits">) {
    this.arrearsValue = value;
  }

  setSubscription(subscription: Subscription | null): void {
    this.subscription = subscription;
    this.subscriptionChanged = true;
  }

  /** The next immutable state; unchanged parts are shared with the original. */
  snapshot(original: LedgerState): LedgerState {
    return brandState(this.next(original));
  }

  private next(original: LedgerState): LedgerState {
    let windows = this.windowsBase;
    if (this.dirtyWindows.size > 0) {
      const next: Record<string, WindowJson> = { ...this.windowsBase };
      for (const [bucket, dirty] of this.dirtyWindows) {
        const slots = this.windowValues.get(bucket);
        for (const window of dirty) {
          // Stryker disable next-line OptionalChaining: invariant: a bucket with a changed window was read
          const slot = slots?.get(window);
          // Stryker disable next-line ConditionalExpression,StringLiteral: invariant: a changed window was read
          assert(slot !== undefined, "a changed window was not read");
          next[windowKey(bucket, window)] = windowToJson(slot.value);
        }
      }
      windows = next;
    }
    return {
      schemaVersion,
      version: this.version,
      catalog: this.catalog,
      eventIdsRemembered: this.eventIdsRemembered,
      clockMs: this.clock,
      subscription: this.subscriptionChanged ? subscriptionToJson(this.subscription) : original.subscription,
      windows,
      lots:
        this.lotValues === null
          ? this.lotsBase
          : this.lotValues.map((lot) => this.lotJson.get(lot) ?? lotToJson(lot)),
      recentEvents: this.recent.toJson(),
      arrearsCredits: this.arrearsValue === null ? this.arrearsBase : formatAmount(this.arrearsValue),
    };
  }
}

export type { RecentEventJson, RecentEvents };
