/**
 * Credit conservation: no credit is created or lost. For every lot, after every step,
 * purchased = remaining + debited − returned + expired, exactly (entries summed over all
 * steps, `remaining` read from creditBalance); and the same in total.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditBalance } from "../../src";
import { fromAtoms, toAtoms } from "../support/amounts";
import { eventIdsRememberedArb, eventSequenceArb } from "../support/arbitraries";
import { clockOf, entriesOf, freshLedger, runEvents, unwrap } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

interface LotFlow {
  purchased: bigint;
  debited: bigint;
  returned: bigint;
  expired: bigint;
}

describe("credit conservation", () => {
  it(
    "per lot and in total: purchased = remaining + debited − returned + expired, after every step",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), eventIdsRememberedArb, (events, remembered) => {
          const run = runEvents(events, freshLedger(remembered));
          const flows = new Map<string, LotFlow>();
          const flowOf = (lotId: string): LotFlow => {
            const flow = flows.get(lotId);
            if (flow === undefined) throw new Error(`entry for lot "${lotId}" before its purchase`);
            return flow;
          };
          let liveIds = new Set<string>();
          let closed = 0;
          for (const step of run.steps) {
            for (const entry of entriesOf(step)) {
              switch (entry.type) {
                case "credits.purchased": {
                  // A lot id may be bought again once its lot has left the state (drained, and no
                  // remembered usage could refill it): the earlier lot's flow is kept apart, closed.
                  const earlier = flows.get(entry.lot.id);
                  if (earlier !== undefined) {
                    expect(liveIds.has(entry.lot.id), `lot ${entry.lot.id} bought again while live`).toBe(
                      false,
                    );
                    flows.delete(entry.lot.id);
                    flows.set(`${entry.lot.id}#${closed++}`, earlier);
                  }
                  flows.set(entry.lot.id, {
                    purchased: toAtoms(entry.lot.credits),
                    debited: 0n,
                    returned: 0n,
                    expired: 0n,
                  });
                  break;
                }
                case "credits.debited":
                  flowOf(entry.lotId).debited += toAtoms(entry.credits);
                  break;
                case "credits.returned":
                  flowOf(entry.lotId).returned += toAtoms(entry.credits);
                  break;
                case "credits.expired":
                  flowOf(entry.lotId).expired += toAtoms(entry.credits);
                  break;
                default:
                  break;
              }
            }
            const balance = unwrap(creditBalance(step.after, clockOf(step.after, step.at)));
            const remaining = new Map(balance.lots.map((lot) => [lot.id, toAtoms(lot.remaining)]));
            liveIds = new Set(step.after.lots.map((lot) => lot.id));
            for (const id of remaining.keys())
              expect(flows.has(id), `live lot ${id} was purchased`).toBe(true);
            let total: LotFlow = { purchased: 0n, debited: 0n, returned: 0n, expired: 0n };
            for (const [id, flow] of flows) {
              const left = remaining.get(id) ?? 0n;
              expect(
                fromAtoms(left + flow.debited - flow.returned + flow.expired),
                `lot ${id} after step ${step.index}`,
              ).toBe(fromAtoms(flow.purchased));
              total = {
                purchased: total.purchased + flow.purchased,
                debited: total.debited + flow.debited,
                returned: total.returned + flow.returned,
                expired: total.expired + flow.expired,
              };
            }
            expect(fromAtoms(toAtoms(balance.total) + total.debited - total.returned + total.expired)).toBe(
              fromAtoms(total.purchased),
            );
          }
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
