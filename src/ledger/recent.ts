import type { LotDraw } from "../credits";
import type { Credits, QuotaUnits } from "../money";
import { formatAmount, parseTrustedAmount, type Scaled } from "../money";
import { fingerprint, type NormalizedEvent } from "./events";

/** What a usage took, kept so that a void can give it back. Internal form. */
export interface UsageRecord {
  readonly at: number;
  readonly bucket: string | null;
  readonly quotaUnits: Scaled<"quota">;
  readonly draws: readonly LotDraw[];
  readonly uncoveredCredits: Scaled<"credits">;
  readonly voided: boolean;
}

/**
 * A remembered event in the state's JSON: its id and content fingerprint (for
 * idempotency), and for a usage what a void needs to give back.
 *
 * @example
 * state.recentEvents.map((e) => e.id); //=> ["sub-1", "pack-1", "req-1"]
 */
export interface RecentEventJson {
  readonly id: string;
  readonly fingerprint: string;
  readonly usage: {
    readonly atMs: number;
    readonly bucket: string | null;
    readonly quotaUnits: QuotaUnits;
    /** [lot id, credits, the lot's expiry in epoch ms] per lot drawn. */
    readonly draws: readonly (readonly [string, Credits, number])[];
    readonly uncoveredCredits: Credits;
    readonly voided: boolean;
  } | null;
}

/** An event remembered during this call: its fingerprint is computed only if someone asks. */
interface LiveItem {
  readonly id: string;
  readonly event: NormalizedEvent;
  fingerprint: string | null;
  readonly record: UsageRecord | null;
}

type Item = RecentEventJson | LiveItem;

function fingerprintOfItem(item: Item): string {
  if (!("record" in item)) return item.fingerprint;
  item.fingerprint ??= fingerprint(item.event);
  return item.fingerprint;
}

const indexAfterLookups = 16;
/** The id index is rebuilt when it holds this many times more entries than ids remembered. */
const staleIndexFactor = 4;

function trustedAmount<K extends "quota" | "credits">(_kind: K, text: string): Scaled<K> {
  return parseTrustedAmount<K>(text);
}

/** Reads the usage record of an item (parsing JSON when needed). */
function recordOf(item: Item): UsageRecord | null {
  if ("record" in item) return item.record;
  const usage = item.usage;
  if (usage === null) return null;
  return {
    at: usage.atMs,
    bucket: usage.bucket,
    quotaUnits: trustedAmount("quota", usage.quotaUnits),
    draws: usage.draws.map(([lotId, credits, expiresAt]) => ({
      lotId,
      credits: trustedAmount("credits", credits),
      expiresAt,
    })),
    uncoveredCredits: trustedAmount("credits", usage.uncoveredCredits),
    voided: usage.voided,
  };
}

function toJson(item: Item): RecentEventJson {
  if (!("record" in item)) return item;
  const r = item.record;
  return {
    id: item.id,
    fingerprint: fingerprintOfItem(item),
    usage:
      r === null
        ? null
        : {
            atMs: r.at,
            bucket: r.bucket,
            quotaUnits: formatAmount(r.quotaUnits),
            draws: r.draws.map((d) => [d.lotId, formatAmount(d.credits), d.expiresAt] as const),
            uncoveredCredits: formatAmount(r.uncoveredCredits),
            voided: r.voided,
          },
  };
}

/** The mutable working copy of the recent-event memory. Private to one call. */
export class RecentLog {
  private items: Item[] | null = null; // owned copy, created on first change
  private start = 0;
  /** Position in `items` of the first event added by this call (before it: JSON from the state). */
  private firstAdded = 0;
  /** How many items compaction has dropped from the front of `items` (positions in the index are absolute). */
  private offset = 0;
  private index: Map<string, number> | null = null; // id → absolute position (position in `items` + offset)
  private lookups = 0;

  constructor(
    private readonly base: readonly RecentEventJson[],
    private readonly max: number,
  ) {}

  private view(): readonly Item[] {
    return this.items ?? this.base;
  }

  private position(id: string): number {
    const items = this.view();
    if (this.index === null && ++this.lookups > indexAfterLookups) this.reindex();
    if (this.index !== null) {
      // The index keeps entries of forgotten ids (deleting each would cost a Map operation
      // per event): a position before `start` means forgotten.
      const absolute = this.index.get(id);
      if (absolute === undefined) return -1;
      const i = absolute - this.offset;
      return i >= this.start ? i : -1;
    }
    for (let i = items.length - 1; i >= this.start; i--) if ((items[i] as Item).id === id) return i;
    return -1;
  }

  /** Indexes the remembered events afresh (dropping the entries of forgotten ids). */
  private reindex(): void {
    const items = this.view();
    const index = new Map<string, number>();
    for (let i = this.start; i < items.length; i++) index.set((items[i] as Item).id, i + this.offset);
    this.index = index;
  }

  /** The fingerprint remembered for an id, or null. */
  fingerprintOf(id: string): string | null {
    const i = this.position(id);
    return i < 0 ? null : fingerprintOfItem(this.view()[i] as Item);
  }

  /** The usage record remembered for an id, or null (not remembered, or not a usage). */
  usageOf(id: string): UsageRecord | null {
    const i = this.position(id);
    return i < 0 ? null : recordOf(this.view()[i] as Item);
  }

  private own(): Item[] {
    if (this.items === null) {
      this.items = this.base.slice(this.start);
      this.start = 0;
      this.firstAdded = this.items.length;
      this.index = null;
    }
    return this.items;
  }

  /** Remembers an event; forgets the oldest beyond the bound. */
  push(event: NormalizedEvent, record: UsageRecord | null): void {
    const items = this.own();
    const id = event.id;
    items.push({ id, event, fingerprint: null, record });
    this.index?.set(id, items.length - 1 + this.offset);
    if (items.length - this.start > this.max) this.start = items.length - this.max;
    if (this.start > this.max) {
      // Compact: the index holds absolute positions, so it stays valid as it is.
      this.items = items.slice(this.start);
      this.firstAdded = Math.max(0, this.firstAdded - this.start);
      this.offset += this.start;
      this.start = 0;
      if (this.index !== null && this.index.size > staleIndexFactor * this.max) this.reindex();
    }
  }

  /** Marks a remembered usage as voided. */
  markVoided(id: string): void {
    const i = this.position(id);
    if (i < 0) return;
    const items = this.own();
    const item = items[i] as Item;
    const json = toJson(item);
    if (json.usage !== null) items[i] = { ...json, usage: { ...json.usage, voided: true } };
  }

  /** The JSON array for the next state. */
  toJson(): readonly RecentEventJson[] {
    if (this.items === null) return this.base;
    // Items before `firstAdded` are already JSON (voided ones were re-made as JSON too).
    const out = this.items.slice(this.start) as RecentEventJson[];
    for (let i = Math.max(0, this.firstAdded - this.start); i < out.length; i++)
      out[i] = toJson(out[i] as Item);
    return out;
  }
}
