/**
 * A statement's totals are the balances' changes: over [origin, the clock after a step],
 * - credits: bought + granted + refunded − used + returned − expired = the credit balance then;
 * - arrears: opened − voided − paid = the arrears then;
 * - credits used = what usages drew (by resource) + what paid arrears;
 * - each window's use = Σ quota.consumed − Σ quota.returned of its entries;
 * and statements of two adjacent periods add up to the statement of both.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditBalance, type LedgerEntry, type Statement, statement } from "../../src";
import { fromAtoms, sumAtoms, toAtoms } from "../support/amounts";
import { eventSequenceArb } from "../support/arbitraries";
import { clockOf, entriesOf, runEvents, unwrap } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

/** A signed canonical amount in atoms (statements' changes may be negative). */
const signed = (text: string) => (text.startsWith("-") ? -toAtoms(text.slice(1)) : toAtoms(text));

function windowSums(entries: readonly LedgerEntry[]) {
  const sums = new Map<string, bigint>();
  for (const e of entries) {
    if (e.type !== "quota.consumed" && e.type !== "quota.returned") continue;
    const key = `${e.bucket}/${e.window}`;
    const units = e.type === "quota.consumed" ? toAtoms(e.units) : -toAtoms(e.units);
    sums.set(key, (sums.get(key) ?? 0n) + units);
  }
  return sums;
}

/** The additive totals of a statement, in atoms. */
function totalsOf(s: Statement) {
  const c = s.credits;
  return {
    charged: toAtoms(s.subscription.chargedUsd),
    credits: [
      c.bought,
      c.boughtUsd,
      c.granted,
      c.refunded,
      c.used,
      c.usedForArrears,
      c.returned,
      c.expired,
    ].map(toAtoms),
    change: signed(c.change),
    byResource: Object.fromEntries(c.usedByResource.map((r) => [r.resource, toAtoms(r.credits)])),
    quota: Object.fromEntries(
      s.quota.map((w) => [`${w.bucket}/${w.window}`, [toAtoms(w.consumed), toAtoms(w.returned)]]),
    ),
    arrears: [s.arrears.opened, s.arrears.voided, s.arrears.paid].map(toAtoms),
  };
}

function add(a: ReturnType<typeof totalsOf>, b: ReturnType<typeof totalsOf>) {
  const merge = <V>(x: Record<string, V>, y: Record<string, V>, plus: (p: V, q: V) => V) => {
    const out: Record<string, V> = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = k in out ? plus(out[k] as V, v) : v;
    return out;
  };
  const pairs = (p: bigint[], q: bigint[]) => p.map((v, i) => v + (q[i] ?? 0n));
  return {
    charged: a.charged + b.charged,
    credits: pairs(a.credits, b.credits),
    change: a.change + b.change,
    byResource: merge(a.byResource, b.byResource, (p, q) => p + q),
    quota: merge(a.quota, b.quota, pairs),
    arrears: pairs(a.arrears, b.arrears),
  };
}

describe("a statement's totals equal the sums of the entries and the balances' changes", () => {
  it(
    "after every step, from the origin: credits and arrears changes are the balances, windows the sums",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), (events) => {
          const run = runEvents(events);
          const entries: LedgerEntry[] = [];
          for (const step of run.steps) {
            entries.push(...entriesOf(step));
            const at = clockOf(step.after, step.at);
            const s = unwrap(statement(entries, { from: 0, to: at + 1 }));
            const balance = unwrap(creditBalance(step.after, at));
            expect(signed(s.credits.change), `credits after step ${step.index}`).toBe(toAtoms(balance.total));
            expect(signed(s.arrears.change), `arrears after step ${step.index}`).toBe(
              toAtoms(balance.arrears),
            );
            const byUsage = sumAtoms(s.credits.usedByResource.map((r) => r.credits));
            expect(fromAtoms(byUsage + toAtoms(s.credits.usedForArrears))).toBe(s.credits.used);
            const sums = windowSums(entries);
            expect(s.quota.map((w) => [`${w.bucket}/${w.window}`, signed(w.used)])).toEqual([...sums]);
          }
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  it(
    "two adjacent periods add up to the period they make together",
    () => {
      fc.assert(
        fc.property(
          eventSequenceArb({ minLength: 1 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (events, cut) => {
            const run = runEvents(events);
            const first = run.steps[0]?.at ?? 0;
            const last = clockOf(run.final, first) + 1;
            const middle = first + Math.floor((last - first) * cut);
            const whole = unwrap(statement(run.entries, { from: first, to: last }));
            const left = unwrap(statement(run.entries, { from: first, to: middle }));
            const right = unwrap(statement(run.entries, { from: middle, to: last }));
            expect(add(totalsOf(left), totalsOf(right))).toEqual(totalsOf(whole));
            expect(left.entries + right.entries).toBe(whole.entries);
            expect([...left.subscription.charges, ...right.subscription.charges]).toEqual(
              whole.subscription.charges,
            );
          },
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
