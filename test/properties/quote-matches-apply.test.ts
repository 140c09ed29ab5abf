/**
 * quoteUsage agrees with applyEvent: quoting a usage at its instant gives exactly the
 * receipt applying it then gives (same fields), plus `allowed` / credits needed /
 * available / short that agree with that receipt and the balance before it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditBalance, quoteUsage } from "../../src";
import { fromAtoms, toAtoms } from "../support/amounts";
import { eventSequenceArb } from "../support/arbitraries";
import { runEvents, unwrap, usageInputOf, usageSteps } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

describe("quoteUsage equals what applyEvent then does", () => {
  it(
    "gives the same receipt for the same usage at the same instant",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), (events) => {
          const run = runEvents(events);
          for (const { step, receipt, event } of usageSteps(run)) {
            const quote = unwrap(quoteUsage(step.before, usageInputOf(event)));
            const { allowed, creditsNeeded, creditsAvailable, creditsShort, ...asReceipt } = quote;
            expect(asReceipt, `quote of ${event.id}`).toEqual(receipt);
            expect(allowed).toBe(toAtoms(receipt.uncoveredCredits) === 0n);
            expect(creditsShort).toBe(receipt.uncoveredCredits);
            expect(fromAtoms(toAtoms(creditsNeeded))).toBe(
              fromAtoms(toAtoms(receipt.valueCredits) - toAtoms(receipt.quota.credits)),
            );
            expect(creditsAvailable).toBe(unwrap(creditBalance(step.before, step.at)).total);
          }
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
