/**
 * Drained lots leave the state. A lot with no credits left is kept only while a void can
 * still refill it: while some remembered usage that drew from it has not been voided.
 * Once none can (the usage was voided or forgotten, or the lot was emptied by
 * `pay-arrears` and no remembered usage drew from it), the lot is dropped: it holds
 * nothing, so no entry records it. This keeps the lots a ledger holds bounded by the
 * lots with credits left plus what remembered usages drew from (`lotsStoredMax`), however
 * many lots were bought and spent over the years.
 *
 * Mechanics only, like `evolve`: no rule decides anything here, and no balance changes.
 */
import { calc } from "../money";
import {
  flattenRecent,
  isVoidedJson,
  type RecentEventJson,
  type RecentEvents,
  recentCount,
  type UsageRecord,
} from "./recent";
import type { LotJson, Work } from "./state";

/** Scans of the remembered events one call makes before it counts references instead. */
const countAfterScans = 16;

/** A lot's key in the reference counts: its expiry and id (an id may be used again once its lot expired). */
function keyOf(lotId: string, expiresAt: number): string {
  return `${expiresAt}:${lotId}`;
}

/** A lot that may have become droppable, named by id and expiry (an id may be used again once its lot expired). */
interface Candidate {
  readonly lotId: string;
  readonly expiresAt: number;
}

/** A remembered event as this tracker sees it: JSON from the state, or a usage applied in this call. */
interface Remembered {
  readonly id: string;
  readonly json: RecentEventJson | null;
  readonly record: UsageRecord | null;
  voided: boolean;
}

function rememberedOf(json: RecentEventJson): Remembered {
  return { id: json[0], json, record: null, voided: isVoidedJson(json) };
}

/** Whether a remembered, unvoided usage drew from the lot (named by id and expiry). */
function refersTo(item: Remembered, lotId: string, expiresAt: number): boolean {
  if (item.voided) return false;
  if (item.record !== null) {
    for (const d of item.record.draws) if (d.lotId === lotId && d.expiresAt === expiresAt) return true;
    return false;
  }
  const draws = item.json?.[2];
  if (draws === undefined) return false;
  for (const d of draws) if (d[0] === lotId && d[2] === expiresAt) return true;
  return false;
}

/** The lots a remembered usage drew from, as candidates (id and expiry). */
function drawsOf(item: Remembered): readonly { readonly lotId: string; readonly expiresAt: number }[] {
  // Stryker disable next-line ArrayDeclaration: equivalent: a candidate or count that names no lot changes nothing
  if (item.voided) return [];
  if (item.record !== null) return item.record.draws;
  // Stryker disable next-line ArrayDeclaration: equivalent: a candidate or count that names no lot changes nothing
  return (item.json?.[2] ?? []).map(([lotId, , expiresAt]) => ({ lotId, expiresAt }));
}

/**
 * Tracks, for one call, which drained lots a void could still refill, and drops the others
 * after each event. It costs nothing while the ledger holds no drained lot. Once one may be
 * held, it keeps its own view of the remembered events (taken once from the recent-event
 * memory, then followed event by event) and looks only at the lots an event drained and
 * the lots drawn by the usage it forgot, each checked against the remembered usages.
 * States this library wrote hold no droppable lot, so the lots already there are not
 * re-checked.
 */
export class DrainedLots {
  /** Whether a drained lot may be in the working state. */
  private mayHold: boolean;
  /** The remembered events, oldest first from `head`; null until a drained lot may be held. */
  private remembered: Remembered[] | null = null;
  private head = 0;
  /**
   * How many remembered, unvoided usages drew from each lot (by key): built once a call has
   * scanned the remembered events for more than a few lots, then kept up to date.
   */
  private references: Map<string, number> | null = null;
  private scans = 0;

  constructor(
    private readonly work: Work,
    private readonly base: RecentEvents,
    baseLots: readonly LotJson[],
  ) {
    // Stryker disable next-line ConditionalExpression: equivalent: following the memory when no drained lot is held only costs time
    this.mayHold = baseLots.some((lot) => lot.remaining === "0");
  }

  /** After an event has been applied and remembered: note what it drew, forgot and voided; drop drained lots. */
  afterEvent(
    eventId: string,
    record: UsageRecord | null,
    /** The lots the event drew from (a usage's or a `pay-arrears`' draws). */
    drawn: readonly Candidate[],
    /** The usage the event voided, if it is a void. */
    voided: string | null,
  ): void {
    // Stryker disable next-line ConditionalExpression: equivalent: a shortcut (with no drained lot and no draw, the next check returns too)
    if (!this.mayHold) {
      // No drained lot was held before this event: only the lots it drained can be one.
      let any = false;
      for (let i = 0; i < drawn.length && !any; i++) {
        const c = drawn[i] as Candidate;
        any = this.isDrained(c.lotId, c.expiresAt);
      }
      if (!any) return;
    }
    const candidates: Candidate[] = drawn.slice();
    if (!this.mayHold) {
      this.mayHold = true;
      this.remembered = flattenRecent(this.work.recent.toJson()).map(rememberedOf);
    } else if (this.remembered === null) {
      // Drained lots came with the state: what this event's push made the memory forget may free one.
      // Stryker disable next-line ArithmeticOperator: equivalent for `+ this.work`: more candidates are lots that a still remembered, unvoided usage drew from, which stay
      let firstPush = recentCount(this.base) + 1 - this.work.eventIdsRemembered;
      for (const chunk of this.base) {
        // Stryker disable next-line LogicalOperator,ConditionalExpression,EqualityOperator,UpdateOperator: equivalent: firstPush is at most 1, and more candidates are lots a still remembered, unvoided usage drew from, which stay
        for (let i = 0; i < chunk.length && firstPush > 0; i++, firstPush--) {
          for (const d of drawsOf(rememberedOf(chunk[i] as RecentEventJson))) candidates.push(d);
        }
      }
      this.remembered = flattenRecent(this.work.recent.toJson()).map(rememberedOf);
    } else {
      this.remember(eventId, record, candidates);
      // Stryker disable next-line ConditionalExpression: equivalent: no remembered event has the id null
      if (voided !== null) this.markVoided(voided);
    }
    this.drop(candidates);
    // Once no drained lot is held, stop following the memory: the next drained lot starts afresh
    // (a replay drains a lot now and then, and would otherwise pay for this on every event).
    // Stryker disable next-line ConditionalExpression: equivalent: following the memory when no drained lot is held only costs time
    if (!this.work.lots.some((lot) => calc.isZero(lot.remaining))) this.stop();
  }

  // Stryker disable next-line BlockStatement: equivalent: following the memory when no drained lot is held only costs time
  private stop(): void {
    // Stryker disable next-line BooleanLiteral: equivalent: the next event then takes the memory afresh, and held no drained lot before it
    this.mayHold = false;
    this.remembered = null;
    this.head = 0;
    this.references = null;
    this.scans = 0;
  }

  private isDrained(lotId: string, expiresAt: number): boolean {
    const lots = this.work.lotsToChange();
    for (let i = 0; i < lots.length; i++) {
      const lot = lots[i] as (typeof lots)[number];
      // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: with no drained lot held, an event drains lots in draw order from the first, and lot ids are unique
      if (lot.id === lotId && lot.expiresAt === expiresAt) return calc.isZero(lot.remaining);
    }
    // Stryker disable next-line BooleanLiteral: equivalent: a lot the event drew from is in the working state; true would only start following the memory
    return false;
  }

  private remember(id: string, record: UsageRecord | null, candidates: Candidate[]): void {
    const remembered = this.remembered as Remembered[];
    const item: Remembered = { id, json: null, record, voided: false };
    remembered.push(item);
    this.count(item, 1);
    while (remembered.length - this.head > this.work.eventIdsRemembered) {
      const oldest = remembered[this.head++] as Remembered;
      this.count(oldest, -1);
      for (const d of drawsOf(oldest)) candidates.push(d);
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: equivalent: compacting the list only saves memory
    if (this.head > this.work.eventIdsRemembered) {
      this.remembered = remembered.slice(this.head);
      this.head = 0;
    }
  }

  private markVoided(usageId: string): void {
    const remembered = this.remembered as Remembered[];
    // Stryker disable next-line EqualityOperator: equivalent: a usage at `head` drew its lots after their purchase, so the memory is full and the next event forgets it, before any lot it drew can be drained again by anything but a draw that names that lot
    for (let i = remembered.length - 1; i >= this.head; i--) {
      const item = remembered[i] as Remembered;
      if (item.id === usageId) {
        this.count(item, -1);
        item.voided = true;
        return;
      }
    }
  }

  /** Whether a remembered, unvoided usage drew from the lot: a scan, or the counts once scans add up. */
  private referred(remembered: readonly Remembered[], lotId: string, expiresAt: number): boolean {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,UpdateOperator,BlockStatement: equivalent: the counts and the scan give the same answer; when to switch only changes speed
    if (this.references === null && ++this.scans > countAfterScans) {
      this.references = new Map();
      for (let i = this.head; i < remembered.length; i++) this.count(remembered[i] as Remembered, 1);
    }
    // Stryker disable next-line ConditionalExpression: equivalent: the counts and the scan give the same answer
    if (this.references !== null) return this.references.has(keyOf(lotId, expiresAt));
    for (let i = this.head; i < remembered.length; i++)
      if (refersTo(remembered[i] as Remembered, lotId, expiresAt)) return true;
    return false;
  }

  private count(item: Remembered, delta: 1 | -1): void {
    const references = this.references;
    if (references === null) return;
    for (const d of drawsOf(item)) {
      const key = keyOf(d.lotId, d.expiresAt);
      const n = (references.get(key) ?? 0) + delta;
      if (n > 0) references.set(key, n);
      else references.delete(key);
    }
  }

  /** Drops each candidate lot that is drained and drawn by no remembered, unvoided usage. */
  private drop(candidates: readonly Candidate[]): void {
    // Stryker disable next-line ConditionalExpression: equivalent: a shortcut (the loop does nothing for no candidate)
    if (candidates.length === 0) return;
    const remembered = this.remembered as Remembered[];
    const lots = this.work.lotsToChange();
    for (const { lotId, expiresAt } of candidates) {
      // Stryker disable next-line ConditionalExpression: equivalent for the expiry: lot ids are unique among the lots held
      const index = lots.findIndex((lot) => lot.id === lotId && lot.expiresAt === expiresAt);
      const lot = lots[index];
      if (lot === undefined || !calc.isZero(lot.remaining)) continue;
      if (!this.referred(remembered, lot.id, lot.expiresAt)) lots.splice(index, 1);
    }
  }
}

/** Drops drained lots that have expired by `at`: they hold nothing, so their expiry is no entry. */
export function dropExpiredDrainedLots(work: Work, at: number): void {
  const due = work.nextLotExpiry();
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: a shortcut (the filter keeps every lot when none is due)
  if (due === null || due > at) return;
  const lots = work.lots;
  const kept = lots.filter((lot) => lot.expiresAt > at || !calc.isZero(lot.remaining));
  // Stryker disable next-line ConditionalExpression: equivalent: the same lots again
  if (kept.length !== lots.length) work.lots = kept;
}
