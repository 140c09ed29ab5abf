/**
 * The ledger's memory of its recent events: each id with a fingerprint of its content
 * (to tell a retry from a conflict) and, for a usage, what it took (so that a void can
 * give it back and a retry can get its first receipt again). A usage is stored as one
 * line of text (see {@link RecentEventJson}), because this memory is most of a stored row.
 *
 * Per-event cost does not grow with the memory: lookups go through an id index that
 * successive states of one ledger share (a cache hung on the state's memory, never
 * serialised), and the memory is held in chunks, so the next state copies one chunk.
 */
import type { LotDraw } from "../credits";
import type { Credits } from "../money";
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
 * A remembered event in the state: `[id, fingerprint]`; for a usage `[id, record]`, or
 * `[id, record, draws]` when it drew from credit lots. `record` is one line of fields
 * separated by single spaces:
 * `fingerprint atMs bucket quotaUnits tier uncoveredCredits voided`, followed, when quota
 * could not cover the whole usage, by the full window: `window used limit resetsAtMs`.
 * A missing bucket, tier or reset is `-` (catalog ids start with a letter or a digit);
 * `voided` is 0 or 1. One string per usage rather than ten JSON values: this memory is
 * most of a stored row, and JSON reads and writes one string several times faster.
 *
 * @example
 * const subscribe: RecentEventJson = ["sub-1", "3nh0c2ew5jq"];
 * const usage: RecentEventJson = ["req-1", "1kq6w5y1zq4 1780582200000 general 0.0061035 max 0 0"];
 */
export type RecentEventJson = readonly [id: string, record: string, draws?: readonly DrawJson[]];

/** A record field that may be missing (`-`). */
function orNull(field: string): string | null {
  return field === "-" ? null : field;
}

/** Reads the usage record of a remembered event (null for other events). */
export function recordOf(json: RecentEventJson): UsageRecord | null {
  const text = json[1];
  if (!text.includes(" ")) return null;
  // A record read here passed `isRecentRecordText` (or was written by recentEventJson): its
  // seven fields are there, and the full window's four come together or not at all.
  const f = text.split(" ") as [string, string, string, string, string, string, string, ...string[]];
  const window = f[7];
  return {
    at: Number(f[1]),
    bucket: orNull(f[2]),
    quotaUnits: parseTrustedAmount<"quota">(f[3]),
    tier: orNull(f[4]),
    draws: (json[2] ?? []).map(([lotId, credits, expiresAt]) => ({
      lotId,
      credits: parseTrustedAmount<"credits">(credits),
      expiresAt,
    })),
    uncoveredCredits: parseTrustedAmount<"credits">(f[5]),
    voided: f[6] === "1",
    hit:
      window === undefined
        ? null
        : {
            window,
            used: parseTrustedAmount<"quota">(f[8] as string),
            limit: parseTrustedAmount<"quota">(f[9] as string),
            resetsAt: f[10] === "-" ? null : Number(f[10]),
          },
  };
}

/** The fingerprint of a remembered event (a usage's record starts with it). */
export function printOf(json: RecentEventJson): string {
  const text = json[1];
  const space = text.indexOf(" ");
  return space === -1 ? text : text.slice(0, space);
}

/** Whether a remembered event is a voided usage (its seventh field is 1), without reading the rest. */
export function isVoidedJson(json: RecentEventJson): boolean {
  const text = json[1];
  let space = -1;
  for (let field = 0; field < 6; field++) {
    space = text.indexOf(" ", space + 1);
    if (space === -1) return false;
  }
  return text.charCodeAt(space + 1) === 49; // "1"
}

/** The compact form of a remembered event. */
export function recentEventJson(id: string, print: string, r: UsageRecord | null): RecentEventJson {
  if (r === null) return [id, print];
  let text = `${print} ${r.at} ${r.bucket ?? "-"} ${formatAmount(r.quotaUnits)} ${r.tier ?? "-"} ${formatAmount(r.uncoveredCredits)} ${r.voided ? 1 : 0}`;
  const hit = r.hit;
  if (hit !== null)
    text += ` ${hit.window} ${formatAmount(hit.used)} ${formatAmount(hit.limit)} ${hit.resetsAt ?? "-"}`;
  if (r.draws.length === 0) return [id, text];
  return [id, text, r.draws.map((d) => [d.lotId, formatAmount(d.credits), d.expiresAt] as const)];
}

/**
 * The remembered events of a state, oldest first, in chunks of at most 64 events: the
 * next state shares every chunk an event leaves alone, so remembering one more event
 * copies one chunk and the list of chunks, not the whole memory. Where chunks begin
 * depends only on the state (every 64th applied event starts one), so equal ledgers hold
 * equal chunks however they were reached. The stored text lists the events flat.
 *
 * @example
 * const recent: RecentEvents = [[["sub-1", "3nh0c2ew5jq"], ["req-1", "1kq6w5y1zq4 1780582200000 general 0.0061035 max 0 0"]]];
 */
export type RecentEvents = readonly (readonly RecentEventJson[])[];

/** The longest chunk of remembered events (see {@link RecentEvents}). */
export const recentChunkLength = 64;

/** The remembered events as one list, oldest first. */
export function flattenRecent(chunks: RecentEvents): RecentEventJson[] {
  const out: RecentEventJson[] = [];
  for (const chunk of chunks) for (let j = 0; j < chunk.length; j++) out.push(chunk[j] as RecentEventJson);
  return out;
}

/**
 * Whether the event with sequence number `seq` starts a chunk. The ledger's `version`
 * counts its applied events, and each is remembered, so the memory's first event is
 * number `version − count`.
 */
function startsChunk(seq: number): boolean {
  return seq % recentChunkLength === 0; // -0 and 0 alike; negative multiples too
}

/** A flat list of remembered events in chunks, for a ledger at `version`. */
export function chunkRecent(events: readonly RecentEventJson[], version: number): RecentEvents {
  const chunks: RecentEventJson[][] = [];
  let seq = version - events.length;
  for (const json of events) {
    const last = chunks[chunks.length - 1];
    // Sequence numbers are consecutive, so a chunk never outgrows recentChunkLength.
    if (last === undefined || startsChunk(seq)) chunks.push([json]);
    else last.push(json);
    seq++;
  }
  return chunks;
}

/** How many events the chunks hold. */
export function recentCount(chunks: RecentEvents): number {
  let n = 0;
  for (const chunk of chunks) n += chunk.length;
  return n;
}

/**
 * The id index of one memory: id → sequence number (the position in the ledger's
 * history; `base` is the number of the memory's first event). Successive states share
 * one map; a state derived from an older one can find an entry written by another
 * branch, which the position check detects (then the memory is scanned).
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

function indexOf(chunks: RecentEvents): IdIndex | null {
  // Stryker disable next-line LogicalOperator: equivalent: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
  return (chunks as { [indexKey]?: IdIndex })[indexKey] ?? null;
}

// Stryker disable next-line BlockStatement: equivalent: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
function attachIndex(chunks: RecentEvents, index: IdIndex): void {
  // Stryker disable next-line BlockStatement,ObjectLiteral: equivalent: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
  Object.defineProperty(chunks, indexKey, { value: index, enumerable: false });
}

/**
 * FNV-1a over an id's characters (at most `limits.idLengthMax`, 128): the bucket of this
 * call's id index. A collision costs a string comparison, never a wrong answer.
 */
// Stryker disable next-line BlockStatement: equivalent: the hash only picks a bucket, and an id always gets the same one (one bucket for all is only slower)
function idHash(id: string): number {
  let h = 0x811c9dc5;
  // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent: another hash of the same id, the same every time (a collision costs a string comparison)
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h;
}

/** The slots of a call's ring of events at first (it doubles as the call remembers more). */
const initialSlots = 16;

/** The mutable working copy of the recent-event memory. Private to one call. */
export class RecentLog {
  /**
   * The events this call added, in a ring of slots: the call's event number `n` (0 for its
   * first) is in slot `n & mask`, one array per field, so remembering an event allocates
   * nothing. Events `liveStart` to `next - 1` are remembered; an older one's slot may hold
   * a newer event (the ring has more slots than the memory has events, so a live event's
   * slot is never reused). Fingerprints are made only when needed.
   */
  private ids: string[] = new Array<string>(initialSlots).fill("");
  private events: (NormalizedEvent | null)[] = new Array<NormalizedEvent | null>(initialSlots).fill(null);
  private prints: (string | null)[] = new Array<string | null>(initialSlots).fill(null);
  private records: (UsageRecord | null)[] = new Array<UsageRecord | null>(initialSlots).fill(null);
  /** {@link idHash} of each slot's id. */
  private hashes = new Int32Array(initialSlots);
  /**
   * The id index of this call's events, a hash table chained through the slots: bucket →
   * 1 + the number of its newest event (0: none); `older` holds, per slot, the number of
   * the next older event in the same bucket (-1: none). A chain is newest first, so a walk
   * stops at the first event before `liveStart`: forgotten events need no deleting. (A
   * `Map` costs more here: its growth and rebuilding were a fifth of a replay's time, and
   * an object per event a tenth; bench/README.md.) The table has as many buckets as the ring has slots.
   */
  private older = new Int32Array(initialSlots);
  private buckets = new Int32Array(initialSlots);
  private mask = initialSlots - 1;
  /** The number of the next event this call adds, and of its oldest one still remembered. */
  private next = 0;
  private liveStart = 0;
  /** The id whose hash was computed last (a lookup then a push of the same id hash it once). */
  // Stryker disable next-line StringLiteral: equivalent: the ledger looks an id up before it pushes it, so a push never reads the first value
  private hashedId = "";
  // Stryker disable next-line StringLiteral: equivalent: the ledger looks an id up before it pushes it, so a push never reads the first value
  private hashed = idHash("");
  /** Base events forgotten by this call (from the front). */
  private start = 0;
  /** Base events re-made in this call (voided), by position. */
  private readonly replaced = new Map<number, RecentEventJson>();
  private index: IdIndex | null;
  /** The sequence number of the base's first event in the shared index. */
  private readonly base: number;
  /** How many events the base holds, and where each of its chunks starts. */
  private readonly baseLength: number;
  private readonly offsets: readonly number[];
  /** The ledger's sequence number of this call's first event (see {@link chunkRecent}). */
  private readonly addedSeq: number;

  constructor(
    private readonly chunks: RecentEvents,
    private readonly max: number,
    version: number,
  ) {
    this.index = indexOf(chunks);
    // Stryker disable next-line LogicalOperator: equivalent: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
    this.base = this.index?.base ?? 0;
    const offsets: number[] = [];
    let n = 0;
    for (const chunk of chunks) {
      offsets.push(n);
      n += chunk.length;
    }
    this.offsets = offsets;
    this.baseLength = n;
    this.addedSeq = version;
  }

  private get length(): number {
    // Stryker disable next-line ArithmeticOperator: equivalent: one push forgets at most one event, and the memory is full (max + 1 after the push) whenever `start` or `liveStart` is above 0
    return this.baseLength - this.start + this.next - this.liveStart;
  }

  /** The chunk holding base position `i`, by binary search over the chunk offsets. */
  private chunkOf(i: number): number {
    const offsets = this.offsets;
    let lo = 0;
    // Stryker disable next-line ArithmeticOperator: equivalent: a `mid` past the last offset reads undefined, which is never <= i, so the search comes back in range
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((offsets[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The base event at position `i` (0 ≤ i < baseLength). */
  private baseAt(i: number): RecentEventJson {
    const c = this.chunkOf(i);
    return (this.chunks[c] as readonly RecentEventJson[])[i - (this.offsets[c] as number)] as RecentEventJson;
  }

  /** The last base position of `id` at or after `from`, newest first; -1 when there is none. */
  private scan(id: string, from: number): number {
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c] as readonly RecentEventJson[];
      const offset = this.offsets[c] as number;
      for (let j = chunk.length - 1; j >= 0; j--) {
        if (offset + j < from) return -1;
        if ((chunk[j] as RecentEventJson)[0] === id) return offset + j;
      }
    }
    return -1;
  }

  /** The base position of a remembered id, -1 when it is not among the base's live events. */
  private basePosition(id: string): number {
    if (this.start >= this.baseLength) return -1;
    // A memory read from text (no index hung on it) is scanned: a request that parses its
    // ledger makes one lookup, cheaper than building an index it would throw away. A memory
    // the library made in an earlier call is indexed once, and the index then travels on.
    let index = this.index;
    // Stryker disable next-line EqualityOperator: equivalent: where the scan gives way to the index changes the speed, not the answer
    if (this.baseLength <= scanLengthMax || index === null) return this.scan(id, this.start);
    // Stryker disable next-line ConditionalExpression: equivalent: building the map again at each lookup gives the same map (only slower)
    if (index.map === null) {
      const map = new Map<string, number>();
      let seq = index.base;
      // Stryker disable next-line UpdateOperator: equivalent: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
      for (const chunk of this.chunks) for (const json of chunk) map.set(json[0], seq++);
      // Stryker disable next-line ConditionalExpression: equivalent: a copy of an unfrozen index holds the same map (only slower)
      if (Object.isFrozen(index)) index = { map, base: index.base };
      else index.map = map;
      this.index = index;
    }
    const seq = (index.map as Map<string, number>).get(id);
    // Stryker disable next-line ConditionalExpression: equivalent: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
    if (seq === undefined) return -1;
    // Stryker disable next-line ArithmeticOperator: equivalent: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
    const i = seq - index.base;
    if (i >= this.start && i < this.baseLength && this.baseAt(i)[0] === id) return i;
    return this.scan(id, this.start);
  }

  private baseJson(i: number): RecentEventJson {
    return this.replaced.get(i) ?? this.baseAt(i);
  }

  /** The slot of this call's remembered event with this id, or -1. */
  private addedPosition(id: string): number {
    const hash = idHash(id);
    this.hashedId = id;
    this.hashed = hash;
    let n = (this.buckets[hash & this.mask] as number) - 1;
    while (n >= this.liveStart) {
      const slot = n & this.mask;
      if (this.hashes[slot] === hash && this.ids[slot] === id) return slot;
      n = this.older[slot] as number;
    }
    return -1;
  }

  /** Puts event number `n` (in its slot) at the head of its bucket. */
  private link(n: number): void {
    const slot = n & this.mask;
    const b = (this.hashes[slot] as number) & this.mask;
    this.older[slot] = (this.buckets[b] as number) - 1;
    this.buckets[b] = n + 1;
  }

  /** Doubles the ring (and the index's buckets) and chains the remembered events again, oldest first. */
  private grow(): void {
    const slots = (this.mask + 1) * 2;
    const [ids, events, prints, records, hashes] = [
      this.ids,
      this.events,
      this.prints,
      this.records,
      this.hashes,
    ];
    const oldMask = this.mask;
    this.ids = new Array<string>(slots).fill("");
    this.events = new Array<NormalizedEvent | null>(slots).fill(null);
    this.prints = new Array<string | null>(slots).fill(null);
    this.records = new Array<UsageRecord | null>(slots).fill(null);
    this.hashes = new Int32Array(slots);
    this.older = new Int32Array(slots);
    this.buckets = new Int32Array(slots);
    this.mask = slots - 1;
    for (let n = this.liveStart; n < this.next; n++) {
      const from = n & oldMask;
      const to = n & this.mask;
      this.ids[to] = ids[from] as string;
      this.events[to] = events[from] as NormalizedEvent;
      this.prints[to] = prints[from] as string | null;
      this.records[to] = records[from] as UsageRecord | null;
      this.hashes[to] = hashes[from] as number;
      this.link(n);
    }
  }

  /** The fingerprint of the event in a slot (made the first time it is asked for). */
  private printAt(slot: number): string {
    let print = this.prints[slot] as string | null;
    if (print === null) {
      print = fingerprint(this.events[slot] as NormalizedEvent);
      this.prints[slot] = print;
    }
    return print;
  }

  /** The fingerprint remembered for an id, or null. */
  fingerprintOf(id: string): string | null {
    const a = this.addedPosition(id);
    if (a >= 0) return this.printAt(a);
    const b = this.basePosition(id);
    return b < 0 ? null : printOf(this.baseJson(b));
  }

  /** The usage record remembered for an id, or null (not remembered, or not a usage). */
  usageOf(id: string): UsageRecord | null {
    const a = this.addedPosition(id);
    if (a >= 0) return this.records[a] as UsageRecord | null;
    const b = this.basePosition(id);
    return b < 0 ? null : recordOf(this.baseJson(b));
  }

  /** Remembers an event; forgets the oldest beyond the bound. */
  push(event: NormalizedEvent, record: UsageRecord | null): void {
    // The ring keeps a free slot: the live events never outnumber its slots.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: equivalent: when the ring grows changes the memory used, not the answers
    if (this.next - this.liveStart >= this.mask) this.grow();
    const n = this.next++;
    const slot = n & this.mask;
    const id = event.id;
    this.ids[slot] = id;
    this.events[slot] = event;
    this.prints[slot] = null;
    this.records[slot] = record;
    // Stryker disable next-line ConditionalExpression: equivalent: hashing the id again gives the same hash (only slower)
    this.hashes[slot] = id === this.hashedId ? this.hashed : idHash(id);
    this.link(n);
    if (this.length > this.max) {
      if (this.start < this.baseLength) this.start++;
      else {
        // A forgotten event's slot lets go of what it held (its next owner overwrites it anyway).
        const gone = this.liveStart++ & this.mask;
        this.events[gone] = null;
        this.records[gone] = null;
      }
    }
  }

  /** Marks a remembered usage as voided. */
  markVoided(id: string): void {
    const a = this.addedPosition(id);
    if (a >= 0) {
      const record = this.records[a] as UsageRecord | null;
      // Stryker disable next-line ConditionalExpression: equivalent: the ledger voids only a usage it remembers (decideVoid checked it first)
      if (record !== null) this.records[a] = { ...record, voided: true };
      return;
    }
    const b = this.basePosition(id);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: the ledger voids only a usage it remembers (decideVoid checked it first)
    if (b < 0) return;
    const json = this.baseJson(b);
    const record = recordOf(json);
    // Stryker disable next-line ConditionalExpression: equivalent: the ledger voids only a usage it remembers (decideVoid checked it first)
    if (record !== null)
      this.replaced.set(b, recentEventJson(json[0], printOf(json), { ...record, voided: true }));
  }

  /**
   * The memory of the next state (the same chunks when nothing changed): the chunks this
   * call left alone are shared, the first is cut where the call forgot, a chunk holding a
   * voided usage is copied, and new events fill the last chunk, then new ones.
   */
  toJson(): RecentEvents {
    if (this.next === 0 && this.start === 0 && this.replaced.size === 0) return this.chunks;
    const out: (readonly RecentEventJson[])[] = [];
    /** Which chunks of `out` are this call's own copies (and may be written). */
    const owned = new Set<number>();
    const offsets: number[] = [];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: past the base, chunkOf names the last chunk, whose events are all cut below
    const first = this.start < this.baseLength ? this.chunkOf(this.start) : this.chunks.length;
    for (let c = first; c < this.chunks.length; c++) {
      const chunk = this.chunks[c] as readonly RecentEventJson[];
      const offset = this.offsets[c] as number;
      const cut = Math.max(0, this.start - offset);
      if (cut >= chunk.length) continue;
      offsets.push(offset + cut);
      // Stryker disable next-line ConditionalExpression: equivalent: a chunk not marked as owned is copied once more before it is written (only slower)
      if (cut > 0) owned.add(out.length);
      out.push(cut > 0 ? chunk.slice(cut) : chunk);
    }
    for (const [position, json] of this.replaced) {
      if (position < this.start) continue;
      let c = out.length - 1;
      while ((offsets[c] as number) > position) c--;
      // Stryker disable next-line ConditionalExpression: equivalent: copying a chunk this call owns already is only slower
      if (!owned.has(c)) {
        out[c] = [...(out[c] as readonly RecentEventJson[])];
        owned.add(c);
      }
      (out[c] as RecentEventJson[])[position - (offsets[c] as number)] = json;
    }
    // Stryker disable next-line ArithmeticOperator: equivalent: it only numbers the shared index's new entries: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
    const addedCount = this.next - this.liveStart;
    for (let i = this.liveStart; i < this.next; i++) {
      const slot = i & this.mask;
      const json = recentEventJson(
        this.ids[slot] as string,
        this.printAt(slot),
        this.records[slot] as UsageRecord | null,
      );
      const last = out.length - 1;
      if (
        last >= 0 &&
        !startsChunk(this.addedSeq + i) &&
        (out[last] as readonly RecentEventJson[]).length < recentChunkLength
      ) {
        // Stryker disable next-line ConditionalExpression: equivalent: copying a chunk this call owns already is only slower
        if (!owned.has(last)) {
          out[last] = [...(out[last] as readonly RecentEventJson[])];
          owned.add(last);
        }
        (out[last] as RecentEventJson[]).push(json);
      } else {
        owned.add(out.length);
        out.push([json]);
      }
    }
    this.shareIndex(out, addedCount);
    return out;
  }

  /** Hangs the index on the next state's memory: shared with this one, or a fresh one when stale. */
  // Stryker disable next-line BlockStatement: equivalent: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
  private shareIndex(out: RecentEvents, addedCount: number): void {
    // Stryker disable next-line ArithmeticOperator: equivalent: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
    const base = this.base + this.start;
    const map = this.index?.map ?? null;
    // A replay that forgot the whole base starts a fresh index (its old entries would only grow it).
    if (
      map === null ||
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: when the shared index is started afresh changes its size, not its answers
      this.start >= this.baseLength ||
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: equivalent: when the shared index is started afresh changes its size, not its answers
      map.size > staleIndexFactor * this.max + scanLengthMax
    ) {
      attachIndex(out, { map: null, base: 0 });
      return;
    }
    const total = recentCount(out);
    // Stryker disable next-line ArithmeticOperator: equivalent: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
    let seq = base + total - addedCount;
    // Stryker disable next-line UpdateOperator: equivalent: the id index is a cache checked against the memory: a wrong or missing entry falls back to the scan (only slower)
    for (let i = this.liveStart; i < this.next; i++) map.set(this.ids[i & this.mask] as string, seq++);
    attachIndex(out, { map, base });
  }
}
