/**
 * Facts: what `decide` concludes and `evolve` folds into the state. Internal form
 * (epoch ms, scaled amounts); {@link toEntry} formats each into a public
 * {@link LedgerEntry}, the audit trail. Every fact names the event that caused it, or
 * `null` when time passing caused it (renewals, lapses, expiries).
 */
import type { Lot, LotDraw } from "../credits";
import { type AmountKind, type AmountOf, calc, formatAmount, type Scaled } from "../money";
import type { SubscriptionFact } from "../subscription";
import { asEpochMs, formatInstant, type Instant } from "../time";
import type { LedgerEntry, LotCredits } from "./entries";

type LedgerOnlyFact =
  | { readonly type: "credits.purchased"; readonly at: number; readonly lot: Lot }
  | {
      readonly type: "credits.debited";
      readonly at: number;
      readonly lotId: string;
      readonly credits: Scaled<"credits">;
    }
  | {
      readonly type: "credits.returned";
      readonly at: number;
      readonly lotId: string;
      /** The lot's expiry: with the id, it names the lot (an expired lot's id may be reused). */
      readonly expiresAt: number;
      readonly credits: Scaled<"credits">;
    }
  | {
      readonly type: "credits.expired";
      readonly at: number;
      readonly lotId: string;
      /** The lot's expiry (equal to `at` when time expired it; earlier when a void reports it). */
      readonly expiresAt: number;
      readonly credits: Scaled<"credits">;
    }
  | {
      readonly type: "quota.consumed";
      readonly at: number;
      readonly bucket: string;
      readonly window: string;
      readonly units: Scaled<"quota">;
    }
  | {
      readonly type: "quota.returned";
      readonly at: number;
      readonly bucket: string;
      readonly window: string;
      readonly units: Scaled<"quota">;
      readonly usageAt: number;
    }
  | {
      readonly type: "usage.recorded";
      readonly at: number;
      readonly resource: string;
      readonly bucket: string | null;
      readonly valueUsd: Scaled<"usd">;
      readonly valueCredits: Scaled<"credits">;
      readonly quotaUnits: Scaled<"quota">;
      readonly quotaCredits: Scaled<"credits">;
      readonly creditsDebited: Scaled<"credits">;
      readonly uncoveredCredits: Scaled<"credits">;
      readonly draws: readonly LotDraw[];
    }
  | { readonly type: "usage.uncovered"; readonly at: number; readonly credits: Scaled<"credits"> }
  | { readonly type: "arrears.paid"; readonly at: number; readonly credits: Scaled<"credits"> }
  | {
      readonly type: "usage.voided";
      readonly at: number;
      readonly usageId: string;
      /** Arrears cancelled: the usage's uncovered credits, as far as they were still owed. */
      readonly uncoveredCredits: Scaled<"credits">;
      /** The rest of its uncovered credits, already paid: given back as a refund lot (0 when none). */
      readonly refundedCredits: Scaled<"credits">;
    };

/** One fact, caused by an event (`eventId`) or by time passing (`null`). */
export type Fact = (SubscriptionFact | LedgerOnlyFact) & { readonly eventId: string | null };

/** Fields holding instants (epoch ms inside, ISO-8601 outside). */
type InstantKey =
  | "at"
  | "periodEnd"
  | "periodStart"
  | "accessUntil"
  | "effectiveAt"
  | "usageAt"
  | "purchasedAt"
  | "expiresAt"
  | "resetsAt"
  | "anchorAt"
  | "windowStart"
  | "windowEnd";
type InstantOf<X> = X extends number ? Instant : X;
const instantKeys: ReadonlySet<string> = new Set<InstantKey>([
  "at",
  "periodEnd",
  "accessUntil",
  "effectiveAt",
  "usageAt",
  "purchasedAt",
  "expiresAt",
  "periodStart",
  "resetsAt",
  "anchorAt",
  "windowStart",
  "windowEnd",
]);

/** The public form of an internal value: amounts as canonical strings, instants as ISO-8601. */
export type Formatted<T> =
  T extends Scaled<infer K extends AmountKind>
    ? AmountOf<K>
    : T extends readonly (infer E)[]
      ? readonly Formatted<E>[]
      : T extends object
        ? { readonly [P in keyof T]: P extends InstantKey ? InstantOf<T[P]> : Formatted<T[P]> }
        : T;

export type { LedgerEntry, LedgerEntryType } from "./entries";

/** Where a call collects the facts it will return as entries (an array, or a filter in front of one). */
export interface FactSink {
  push(fact: Fact): unknown;
}

/**
 * Formats internal values for output (amounts → canonical strings, instants → ISO-8601).
 * One formatter serves one call: it remembers the last instant it formatted, since the
 * entries and the outcome of one event repeat the same instants.
 */
export class OutputFormatter {
  private lastMs = Number.NaN;
  private lastIso = "" as Instant;

  /** The last two amounts formatted and their text: a usage's entries repeat its value and units. */
  private amountA: bigint | null = null;
  // Stryker disable next-line StringLiteral: equivalent: never read before an amount is stored beside it
  private textA = "";
  private amountB: bigint | null = null;
  // Stryker disable next-line StringLiteral: equivalent: never read before an amount is stored beside it
  private textB = "";

  /** The canonical text of an amount, as {@link formatAmount} writes it. */
  amount<K extends AmountKind>(atoms: Scaled<K>): AmountOf<K> {
    // Zero (a usage's debit and uncovered credits, mostly) would push the amounts it repeats out.
    // Stryker disable next-line ConditionalExpression: equivalent: zero is then formatted (as "0") and remembered (only slower)
    if (calc.isZero(atoms)) return "0" as AmountOf<K>;
    // Stryker disable next-line ConditionalExpression: equivalent: a miss formats the amount again (only slower)
    if (atoms === this.amountA) return this.textA as AmountOf<K>;
    // Stryker disable next-line ConditionalExpression: equivalent: a miss formats the amount again (only slower)
    if (atoms === this.amountB) return this.textB as AmountOf<K>;
    const text = formatAmount(atoms);
    this.amountB = this.amountA;
    this.textB = this.textA;
    this.amountA = atoms;
    this.textA = text;
    return text;
  }

  /** The ISO-8601 text of an instant (the last one is remembered: one event's entries repeat it). */
  instant(ms: number): Instant {
    // Stryker disable next-line ConditionalExpression: equivalent: formatting the same instant again gives the same text (only slower)
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = formatInstant(asEpochMs(ms));
    }
    return this.lastIso;
  }

  format<T>(value: T): Formatted<T> {
    return this.value("", value) as Formatted<T>;
  }

  private value(key: string, value: unknown): unknown {
    switch (typeof value) {
      case "bigint":
        return this.amount(value as Scaled<AmountKind>);
      case "number":
        return instantKeys.has(key) ? this.instant(value) : value;
      case "object": {
        if (value === null) return null;
        if (Array.isArray(value)) {
          const items = new Array<unknown>(value.length);
          for (let i = 0; i < value.length; i++) items[i] = this.value("", value[i]);
          return items;
        }
        const out: Record<string, unknown> = {};
        for (const k in value) out[k] = this.value(k, (value as Record<string, unknown>)[k]);
        return out;
      }
      default:
        return value;
    }
  }
}

/** Formats an internal value for output (amounts → strings, instants → ISO-8601). */
export function formatOut<T>(value: T): Formatted<T> {
  return new OutputFormatter().format(value);
}

/** A draw as an entry writes it (a LotDraw: lot id, credits, expiry). */
export function drawEntry(draw: LotDraw, formatter: OutputFormatter): LotCredits {
  return {
    lotId: draw.lotId,
    credits: formatter.amount(draw.credits),
    expiresAt: formatter.instant(draw.expiresAt),
  };
}

/**
 * Formats a fact as a public entry. The facts every usage makes are written field by field
 * (the same fields in the same order as the walk of {@link OutputFormatter.format}, which a
 * test holds them to): a replay that keeps every entry formats millions of them.
 */
export function toEntry(fact: Fact, formatter: OutputFormatter = new OutputFormatter()): LedgerEntry {
  switch (fact.type) {
    // Stryker disable next-line StringLiteral: equivalent: without its case the fact goes to `formatter.format`, which writes the same entry (a test holds the two to it)
    case "quota.consumed":
      return {
        type: fact.type,
        eventId: fact.eventId,
        at: formatter.instant(fact.at),
        bucket: fact.bucket,
        window: fact.window,
        units: formatter.amount(fact.units),
      } as LedgerEntry;
    // Stryker disable next-line StringLiteral: equivalent: without its case the fact goes to `formatter.format`, which writes the same entry (a test holds the two to it)
    case "usage.recorded": {
      const draws = new Array<LotCredits>(fact.draws.length);
      for (let i = 0; i < draws.length; i++) draws[i] = drawEntry(fact.draws[i] as LotDraw, formatter);
      return {
        type: fact.type,
        eventId: fact.eventId,
        at: formatter.instant(fact.at),
        resource: fact.resource,
        bucket: fact.bucket,
        valueUsd: formatter.amount(fact.valueUsd),
        valueCredits: formatter.amount(fact.valueCredits),
        quotaUnits: formatter.amount(fact.quotaUnits),
        quotaCredits: formatter.amount(fact.quotaCredits),
        creditsDebited: formatter.amount(fact.creditsDebited),
        uncoveredCredits: formatter.amount(fact.uncoveredCredits),
        draws,
      } as LedgerEntry;
    }
    // Stryker disable next-line StringLiteral: equivalent: without its case the fact goes to `formatter.format`, which writes the same entry (a test holds the two to it)
    case "credits.debited":
      return {
        type: fact.type,
        eventId: fact.eventId,
        at: formatter.instant(fact.at),
        lotId: fact.lotId,
        credits: formatter.amount(fact.credits),
      } as LedgerEntry;
    // Stryker disable next-line StringLiteral: equivalent: without its case the fact goes to `formatter.format`, which writes the same entry (a test holds the two to it)
    case "usage.uncovered":
      return {
        type: fact.type,
        eventId: fact.eventId,
        at: formatter.instant(fact.at),
        credits: formatter.amount(fact.credits),
      } as LedgerEntry;
    default:
      return formatter.format(fact);
  }
}
