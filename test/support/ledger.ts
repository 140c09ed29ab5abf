import { expect } from "vitest";
import {
  applyEvent,
  type Catalog,
  createLedger,
  type LedgerEntry,
  type LedgerEvent,
  type LedgerOutcome,
  type LedgerState,
  type UsageReceipt,
} from "../../src";

/** A ledger that must be created. */
export function newLedger(catalog?: Catalog): LedgerState {
  const created = createLedger(catalog === undefined ? {} : { catalog });
  if (!created.ok) throw new Error(created.error.message);
  return created.state;
}

/** A story: applies events one by one, keeping every outcome and entry. */
export class Story {
  state: LedgerState;
  readonly entries: LedgerEntry[] = [];
  readonly outcomes = new Map<string, LedgerOutcome>();

  constructor(catalog?: Catalog) {
    this.state = newLedger(catalog);
  }

  apply(event: LedgerEvent): LedgerOutcome {
    const r = applyEvent(this.state, event);
    if (!r.ok) throw new Error(`${event.id}: ${r.error.code} ${r.error.message}`);
    this.state = r.state;
    this.entries.push(...r.entries);
    this.outcomes.set(event.id, r.outcome);
    return r.outcome;
  }

  usage(event: Omit<Extract<LedgerEvent, { type: "usage" }>, "type">): UsageReceipt {
    const outcome = this.apply({ ...event, type: "usage" });
    expect(outcome.type).toBe("usage");
    return outcome as UsageReceipt;
  }

  entriesOf(type: LedgerEntry["type"]): LedgerEntry[] {
    return this.entries.filter((e) => e.type === type);
  }
}

/** A canonical decimal string as an exact bigint of 10^-12 units (tests never sum with floats). */
export function atoms(amount: string): bigint {
  const negative = amount.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? amount.slice(1) : amount).split(".");
  const value = BigInt(whole + fraction.padEnd(12, "0"));
  return negative ? -value : value;
}

/** Sums one amount field of entries of one type. */
export function sumEntries(
  entries: readonly LedgerEntry[],
  type: LedgerEntry["type"],
  pick: (e: LedgerEntry) => string,
): bigint {
  return entries.filter((e) => e.type === type).reduce((s, e) => s + atoms(pick(e)), 0n);
}
