/**
 * No draw from an expired lot: every credits.debited entry names a lot that was bought at
 * or before the draw and whose (exclusive) expiry is after the draw: lot.expiresAt > at.
 * A credit return to a lot that has expired since is reported as expired, never revived.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src";
import { sumAtoms } from "../support/amounts";
import { dayMs, eventSequenceArb } from "../support/arbitraries";
import { entriesOf, runEvents } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

/** Whole days of validity the default catalog gives a lot bought or granted by `event`, when elapsed-days. */
function validityDaysOf(event: LedgerEvent): number | null {
  if (event.type === "purchase-credits") return 365;
  if (event.type !== "grant-credits") return null;
  if (event.validity === undefined) return 365;
  return event.validity.rule === "elapsed-days" ? event.validity.days : null;
}

describe("no draw from an expired lot", () => {
  it(
    "every debit comes from a lot bought before it and expiring strictly after it",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), (events) => {
          const run = runEvents(events);
          const lots = new Map<string, { purchasedAt: number; expiresAt: number }>();
          for (const step of run.steps) {
            const entries = entriesOf(step);
            for (const entry of entries) {
              if (entry.type === "credits.purchased") {
                const purchasedAt = Date.parse(entry.lot.purchasedAt);
                const expiresAt = Date.parse(entry.lot.expiresAt);
                lots.set(entry.lot.id, { purchasedAt, expiresAt });
                // The expiry instant: 365 × 24 h after the purchase (grants: their elapsed-days rule).
                const days = validityDaysOf(step.event);
                if (days !== null)
                  expect(expiresAt - purchasedAt, `expiry of ${entry.lot.id}`).toBe(days * dayMs);
                expect(purchasedAt).toBe(step.at);
              }
              if (entry.type !== "credits.debited") continue;
              const at = Date.parse(entry.at);
              const lot = lots.get(entry.lotId);
              expect(lot, `debit from unknown lot ${entry.lotId}`).toBeDefined();
              if (lot === undefined) continue;
              expect(lot.purchasedAt <= at).toBe(true);
              expect(
                lot.expiresAt > at,
                `${entry.eventId} drew from ${entry.lotId} at ${entry.at}, expired ${new Date(lot.expiresAt).toISOString()}`,
              ).toBe(true);
            }
            // A void's credits to a lot expired by then are returned and expired at once: net zero.
            for (const entry of entries) {
              if (entry.type !== "credits.returned" || entry.eventId === null) continue;
              const lot = lots.get(entry.lotId);
              if (lot === undefined || lot.expiresAt > Date.parse(entry.at)) continue;
              const expiredNow = sumAtoms(
                entries
                  .filter(
                    (e) =>
                      e.type === "credits.expired" && e.lotId === entry.lotId && e.eventId === entry.eventId,
                  )
                  .map((e) => (e.type === "credits.expired" ? e.credits : "0")),
              );
              const returnedNow = sumAtoms(
                entries
                  .filter(
                    (e) =>
                      e.type === "credits.returned" && e.lotId === entry.lotId && e.eventId === entry.eventId,
                  )
                  .map((e) => (e.type === "credits.returned" ? e.credits : "0")),
              );
              expect(expiredNow, `credits returned to expired lot ${entry.lotId} were revived`).toBe(
                returnedNow,
              );
            }
          }
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
