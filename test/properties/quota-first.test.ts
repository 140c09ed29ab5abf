/**
 * Quota first: a usage draws credits only when quota could not cover it — some window of
 * its bucket lacked room for it (as the quote just before it shows), the tier does not
 * cover the bucket, or there is no subscription. And quota takes all it can first:
 * quota.units = min(required, the smallest room across the bucket's windows).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quotaStatus, quoteUsage } from "../../src";
import { fromAtoms, sumAtoms, toAtoms } from "../support/amounts";
import { eventSequenceArb } from "../support/arbitraries";
import { runEvents, unwrap, usageInputOf, usageSteps } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

describe("quota first", () => {
  it(
    "credits pay only for what no window had room for; quota takes all the room first",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), (events) => {
          const run = runEvents(events);
          for (const { step, receipt, event } of usageSteps(run)) {
            const quote = unwrap(quoteUsage(step.before, usageInputOf(event)));
            const status = unwrap(quotaStatus(step.before, step.at));
            const bucket = status.buckets.find((b) => b.bucket === receipt.bucket);
            const covered = status.tier !== null && bucket?.covered === true;
            const required = toAtoms(quote.quota.required);
            const rooms =
              covered && bucket !== undefined ? bucket.windows.map((w) => toAtoms(w.remaining)) : [];
            const someWindowFull = rooms.some((room) => room < required);
            const debited = sumAtoms(
              (step.result.ok ? step.result.entries : [])
                .filter((e) => e.type === "credits.debited" && e.eventId === event.id)
                .map((e) => (e.type === "credits.debited" ? e.credits : "0")),
            );

            if (debited > 0n) {
              expect(
                !covered || someWindowFull,
                `usage ${event.id} drew ${fromAtoms(debited)} credits while every window had room`,
              ).toBe(true);
              // The quote just before said so: it names the full window (or limit 0 for a tier
              // without the bucket), unless there is no subscription at all.
              if (status.tier !== null) expect(quote.limit, `quote before ${event.id}`).not.toBeNull();
            }

            const room = rooms.reduce<bigint | null>((min, r) => (min === null || r < min ? r : min), null);
            const expectedUnits = covered && room !== null ? (room < required ? room : required) : 0n;
            expect(fromAtoms(toAtoms(receipt.quota.units)), `quota units of ${event.id}`).toBe(
              fromAtoms(expectedUnits),
            );
            expect(receipt.quota.required).toBe(quote.quota.required);
          }
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
