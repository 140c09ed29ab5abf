/**
 * The ledger's memory of its recent events: each id with a fingerprint of its content
 * (to tell a retry from a conflict) and, for a usage, what it took (so that a void can
 * give it back and a retry can get its first receipt again). Stored as compact arrays,
 * because this memory is most of a stored row.
 *
 * Per-event cost does not grow with the memory: lookups go through an id index that
 * successive states of one ledger share (a cache hung on the state's array, never
 * serialised), and the array of the next state is one copy of pointers.
 */
import type { LotDraw } from "../credits";
import type { Credits, QuotaUnits } from "../money";
import { formatAmount, parseTrustedAmount, type Scaled } from "../money";
import { fingerprint, type NormalizedEvent } from "./events";

/** What quota told a usage when it could not cover all of it (a full window). */
export interface RecordedHit {
  readonly window: string;
  readonly used: Scaled<"quota">;
  readonly limit: Scaled<"quota">;
  readonly resetsAt: number | null;
}

/** What a usage took, kept so that a void can give it back and a retry can get its receipt. */
export interface UsageRecord {
  readonly at: number;
  readonly bucket: string | null;
  readonly quotaUnits: Scaled<"quota">;
  /** The tier whose quota applied (null without a running plan). */
  readonly tier: string | null;
  readonly draws: readonly LotDraw[];
  readonly uncoveredCredits: Scaled<"credits">;
  readonly voided: boolean;
  /** The full window quota reported, when it could not cover the whole usage. */
  readonly hit: RecordedHit | null;
}

/**
 * A lot drawn by a usage: [lot id, credits, the lot's expiry in epoch ms].
 *
 * @example
 * const draw: DrawJson = ["pack-1", "1234.5", 1811808300000];
 */
export type DrawJson = readonly [lotId: string, credits: Credits, expiresAtMs: number];

/**
 * A full window: [window id, used, limit, resets at (epoch ms) or null].
 *
 * @example
 * const hit: HitJson = ["5h", "19.834", "19.834", 1780585200000];
 */
export type HitJson = readonly [
  window: string,
  used: QuotaUnits,
  limit: QuotaUnits,
  resetsAtMs: number | null,
];

/**
 * A remembered event in the state: `[id, fingerprint]`, or for a usage
 * `[id, fingerprint, atMs, bucket, quotaUnits, tier?, draws?, uncoveredCredits?, voided?, hit?]`
 * where trailing fields that hold their default (null, [], "0", 0, null) are left out.
 *
 * @example
 * const subscribe: RecentEventJson = ["sub-1", "3nh0c2ew5jq"];
 * const usage: RecentEventJson = ["req-1", "1kq6w5y1zq4", 1780582200000, "general", "0.0061035", "max"];
 */
export type RecentEventJson =
  | readonly [id: string, fingerprint: string]
  | readonly [
      id: string,
      fingerprint: string,
      atMs: number,
      bucket: string | null,
      quotaUnits: QuotaUnits,
      tier?: string | null,
      draws?: readonly DrawJson[],
      uncoveredCredits?: Credits,
      voided?: 0 | 1,
      hit?: HitJson | null,
    ];

function amount<K extends "quota" | "credits">(_kind: K, text: string): Scaled<K> {
  return parseTrustedAmount<K>(text);
}

/** Reads the usage record of a remembered event (null for other events). */
export function recordOf(json: RecentEventJson): UsageRecord | null {
  if (json.length === 2) return null;
  const [, , at, bucket, units, tier = null, draws = [], uncovered = "0", voided = 0, hit = null] = json;
  return {
    at,
    bucket,
    quotaUnits: amount("quota", units),
    tier,
    draws: draws.map(([lotId, credits, expiresAt]) => ({
      lotId,
      credits: amount("credits", credits),
      expiresAt,
    })),
    uncoveredCredits: amount("credits", uncovered),
    voided: voided === 1,
    hit:
      hit === null
        ? null
        : { window: hit[0], used: amount("quota", hit[1]), limit: amount("quota", hit[2]), resetsAt: hit[3] },
  };
}

/** The compact form of a remembered event. */
export function recentEventJson(id: string, print: string, r: UsageRecord | null): RecentEventJson {
  if (r === null) return [id, print];
  const out: unknown[] = [id, print, r.at, r.bucket, formatAmount(r.quotaUnits)];
  const tail: unknown[] = [
    r.tier,
    r.draws.map((d) => [d.lotId, formatAmount(d.credits), d.expiresAt]),
    formatAmount(r.uncoveredCredits),
    r.voided ? 1 : 0,
    r.hit === null
      ? null
      : [r.hit.window, formatAmount(r.hit.used), formatAmount(r.hit.limit), r.hit.resetsAt],
  ];
  const defaults = [null, [], "0", 0, null];
  let last = tail.length;
  while (last > 0 && isDefault(tail[last - 1], defaults[last - 1])) last--;
  for (let i = 0; i < last; i++) out.push(tail[i]);
  return out as unknown as RecentEventJson;
}

function isDefault(value: unknown, fallback: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : value === fallback;
}

/**
 * The id index of one memory array: id → sequence number (the position in the
 * ledger's history; `base` is the number of the array's first element). Successive
 * states share one map; a state derived from an older one can find an entry written by
 * another branch, which the position check detects (then the array is scanned).
 */
interface IdIndex {
  map: Map<string, number> | null;
  readonly base: number;
}

const indexKey = Symbol("token-plan.recentIndex");
/** The index is started afresh once it holds this many times more ids than are remembered. */
const staleIndexFactor = 4;
/** Memories at most this long are scanned rather than indexed. */
const scanLengthMax = 32;

function indexOf(events: readonly RecentEventJson[]): IdIndex | null {
  return (events as { [indexKey]?: IdIndex })[indexKey] ?? null;
}

function attachIndex(events: readonly RecentEventJson[], index: IdIndex): void {
  Object.defineProperty(events, indexKey, { value: index, enumerable: false });
}

function scan(events: readonly RecentEventJson[], id: string, from: number): number {
  for (let i = events.length - 1; i >= from; i--) if ((events[i] as RecentEventJson)[0] === id) return i;
  return -1;
}

/** An event remembered during this call: its fingerprint and JSON are made only when needed. */
interface LiveItem {
  readonly id: string;
  readonly event: NormalizedEvent;
  print: string | null;
  record: UsageRecord | null;
}

/** The mutable working copy of the recent-event memory. Private to one call. */
export class RecentLog {
  /** Events added by this call, from `addedStart` on (earlier ones are forgotten already). */
  private added: LiveItem[] = [];
  private addedStart = 0;
  /** The sequence number (in this call) of `added[0]`: compaction drops a prefix and adds to it. */
  private addedOffset = 0;
  /**
   * id → sequence number in this call (position in `added` plus `addedOffset`). Forgotten
   * ids are not deleted one by one: a position before `addedStart` reads as forgotten, and
   * the map is started afresh only once it holds many times the ids remembered.
   */
  private addedIndex = new Map<string, number>();
  /** Base events forgotten by this call (from the front). */
  private start = 0;
  /** Base events re-made in this call (voided), by position. */
  private readonly replaced = new Map<number, RecentEventJson>();
  private index: IdIndex | null;
  /** The sequence number of the base's first event in the shared index. */
  private readonly base: number;

  constructor(
    private readonly events: readonly RecentEventJson[],
    private readonly max: number,
  ) {
    this.index = indexOf(events);
    this.base = this.index?.base ?? 0;
  }

  private get length(): number {
    return this.events.length - this.start + this.added.length - this.addedStart;
  }

  /** The base position of a remembered id, -1 when it is not among the base's live events. */
  private basePosition(id: string): number {
    const events = this.events;
    if (this.start >= events.length) return -1;
    // A memory read from text (no index hung on it) is scanned: a request that parses its
    // ledger makes one lookup, cheaper than building an index it would throw away. A memory
    // the library made in an earlier call is indexed once, and the index then travels on.
    let index = this.index;
    if (events.length <= scanLengthMax || index === null) return scan(events, id, this.start);
    if (index.map === null) {
      const map = new Map<string, number>();
      for (let i = 0; i < events.length; i++) map.set((events[i] as RecentEventJson)[0], index.base + i);
      if (Object.isFrozen(index)) index = { map, base: index.base };
      else index.map = map;
      this.index = index;
    }
    const seq = (index.map as Map<string, number>).get(id);
    if (seq === undefined) return -1;
    const i = seq - index.base;
    if (i >= this.start && i < events.length && (events[i] as RecentEventJson)[0] === id) return i;
    return scan(events, id, this.start);
  }

  private addedPosition(id: string): number {
    const seq = this.addedIndex.get(id);
    if (seq === undefined) return -1;
    const i = seq - this.addedOffset;
    return i >= this.addedStart ? i : -1;
  }

  /** The fingerprint remembered for an id, or null. */
  fingerprintOf(id: string): string | null {
    const a = this.addedPosition(id);
    if (a >= 0) {
      const item = this.added[a] as LiveItem;
      item.print ??= fingerprint(item.event);
      return item.print;
    }
    const b = this.basePosition(id);
    return b < 0 ? null : (this.replaced.get(b) ?? (this.events[b] as RecentEventJson))[1];
  }

  /** The usage record remembered for an id, or null (not remembered, or not a usage). */
  usageOf(id: string): UsageRecord | null {
    const a = this.addedPosition(id);
    if (a >= 0) return (this.added[a] as LiveItem).record;
    const b = this.basePosition(id);
    return b < 0 ? null : recordOf(this.replaced.get(b) ?? (this.events[b] as RecentEventJson));
  }

  /** Remembers an event; forgets the oldest beyond the bound. */
  push(event: NormalizedEvent, record: UsageRecord | null): void {
    this.addedIndex.set(event.id, this.addedOffset + this.added.length);
    this.added.push({ id: event.id, event, print: null, record });
    if (this.length > this.max) {
      if (this.start < this.events.length) this.start++;
      else this.addedStart++;
    }
    if (this.addedStart > this.max) this.compactAdded();
  }

  /** Drops forgotten added events (amortised: once every `max` events); the index only when stale. */
  private compactAdded(): void {
    this.added = this.added.slice(this.addedStart);
    this.addedOffset += this.addedStart;
    this.addedStart = 0;
    if (this.addedIndex.size > staleIndexFactor * 2 * this.max + scanLengthMax) {
      this.addedIndex = new Map();
      for (let i = 0; i < this.added.length; i++)
        this.addedIndex.set((this.added[i] as LiveItem).id, this.addedOffset + i);
    }
  }

  /** Marks a remembered usage as voided. */
  markVoided(id: string): void {
    const a = this.addedPosition(id);
    if (a >= 0) {
      const item = this.added[a] as LiveItem;
      if (item.record !== null) item.record = { ...item.record, voided: true };
      return;
    }
    const b = this.basePosition(id);
    if (b < 0) return;
    const json = this.replaced.get(b) ?? (this.events[b] as RecentEventJson);
    const record = recordOf(json);
    if (record !== null) this.replaced.set(b, recentEventJson(json[0], json[1], { ...record, voided: true }));
  }

  /** The memory array of the next state (the same array when nothing changed). */
  toJson(): readonly RecentEventJson[] {
    if (this.added.length === 0 && this.start === 0 && this.replaced.size === 0) return this.events;
    const out: RecentEventJson[] = this.events.slice(this.start);
    for (const [position, json] of this.replaced)
      if (position >= this.start) out[position - this.start] = json;
    for (let i = this.addedStart; i < this.added.length; i++) {
      const item = this.added[i] as LiveItem;
      item.print ??= fingerprint(item.event);
      out.push(recentEventJson(item.id, item.print, item.record));
    }
    this.shareIndex(out, this.added.length - this.addedStart);
    return out;
  }

  /** Hangs the index on the next state's array: shared with this one, or a fresh one when stale. */
  private shareIndex(out: RecentEventJson[], addedCount: number): void {
    const base = this.base + this.start;
    const map = this.index?.map ?? null;
    // A replay that forgot the whole base starts a fresh index (its old entries would only grow it).
    if (
      map === null ||
      this.start >= this.events.length ||
      map.size > staleIndexFactor * this.max + scanLengthMax
    ) {
      attachIndex(out, { map: null, base: 0 });
      return;
    }
    for (let i = out.length - addedCount; i < out.length; i++)
      map.set((out[i] as RecentEventJson)[0], base + i);
    attachIndex(out, { map, base });
  }
}
