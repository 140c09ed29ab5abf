/**
 * Soonest-expiry-first: a usage draws its credits from live lots in draw order (expiresAt,
 * then purchasedAt, then lot id in code-unit order), and draws from a later lot only when
 * every earlier live lot was emptied by that draw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CreditBalance, creditBalance } from "../../src";
import { fromAtoms, sumAtoms, toAtoms } from "../support/amounts";
import { eventSequenceArb } from "../support/arbitraries";
import { entriesOf, runEvents, unwrap, usageSteps } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

type LotView = CreditBalance["lots"][number];

/** The draw order, written out independently of the library's comparator. */
function drawOrder(a: LotView, b: LotView): number {
  const ea = Date.parse(a.expiresAt);
  const eb = Date.parse(b.expiresAt);
  if (ea !== eb) return ea - eb;
  const pa = Date.parse(a.purchasedAt);
  const pb = Date.parse(b.purchasedAt);
  if (pa !== pb) return pa - pb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

describe("soonest-expiry-first", () => {
  it(
    "draws lots in (expiresAt, purchasedAt, id) order, each earlier lot emptied before the next",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), (events) => {
          const run = runEvents(events);
          for (const { step, receipt, event } of usageSteps(run)) {
            const live = unwrap(creditBalance(step.before, step.at)).lots;
            const ordered = [...live].sort(drawOrder);
            expect(live.map((l) => l.id)).toEqual(ordered.map((l) => l.id));
            // Live means bought and not yet at its (exclusive) expiry, by the entries alone; a lot
            // drawn to zero may have left already (once no void can refill it), one with credits
            // left may not.
            const earlier = run.steps.slice(0, step.index).flatMap((s) => entriesOf(s));
            const creditsLeft = new Map<string, bigint>();
            for (const e of earlier) {
              if (e.type === "credits.purchased") creditsLeft.set(e.lot.id, toAtoms(e.lot.credits));
              else if (e.type === "credits.debited" || e.type === "credits.expired")
                creditsLeft.set(e.lotId, (creditsLeft.get(e.lotId) ?? 0n) - toAtoms(e.credits));
              else if (e.type === "credits.returned")
                creditsLeft.set(e.lotId, (creditsLeft.get(e.lotId) ?? 0n) + toAtoms(e.credits));
            }
            const liveByEntries = earlier
              .flatMap((e) => (e.type === "credits.purchased" ? [e.lot] : []))
              .filter((lot) => step.at < Date.parse(lot.expiresAt))
              .map((l) => l.id);
            const liveIds = live.map((l) => l.id);
            for (const id of liveIds) expect(liveByEntries, `live lot ${id} at ${event.id}`).toContain(id);
            for (const id of liveByEntries) {
              if ((creditsLeft.get(id) ?? 0n) > 0n)
                expect(liveIds, `lot ${id} with credits left at ${event.id}`).toContain(id);
            }

            const draws = receipt.credits.lots;
            const debited = toAtoms(receipt.credits.debited);
            expect(sumAtoms(draws.map((d) => d.credits))).toBe(debited);

            // The draws are exactly a greedy walk down the draw order.
            const expected: { lotId: string; credits: string }[] = [];
            let left = debited;
            for (const lot of ordered) {
              if (left === 0n) break;
              const remaining = toAtoms(lot.remaining);
              if (remaining === 0n) continue;
              const take = remaining < left ? remaining : left;
              expected.push({ lotId: lot.id, credits: fromAtoms(take) });
              left -= take;
            }
            expect(left, `usage ${event.id} drew more than the live lots held`).toBe(0n);
            expect(
              draws.map((d) => ({ lotId: d.lotId, credits: fromAtoms(toAtoms(d.credits)) })),
              `draws of ${event.id}`,
            ).toEqual(expected);

            // Spelled out: every drawn lot but the last was emptied, and no lot with credits
            // left that comes earlier in draw order was skipped.
            const position = new Map(ordered.map((lot, i) => [lot.id, i]));
            draws.forEach((draw, i) => {
              const lot = ordered[position.get(draw.lotId) ?? -1];
              expect(lot, `drawn lot ${draw.lotId} was live`).toBeDefined();
              if (lot === undefined) return;
              if (i < draws.length - 1) expect(toAtoms(draw.credits)).toBe(toAtoms(lot.remaining));
              const previous = draws[i - 1];
              if (previous !== undefined)
                expect((position.get(previous.lotId) ?? -1) < (position.get(draw.lotId) ?? -1)).toBe(true);
            });
            const last = draws[draws.length - 1];
            if (last !== undefined) {
              const lastPosition = position.get(last.lotId) ?? -1;
              const drawn = new Set(draws.map((d) => d.lotId));
              for (const lot of ordered.slice(0, lastPosition)) {
                if (toAtoms(lot.remaining) > 0n)
                  expect(drawn.has(lot.id), `lot ${lot.id} skipped`).toBe(true);
              }
            }
          }
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
