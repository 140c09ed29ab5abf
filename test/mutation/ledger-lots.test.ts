/**
 * A new credit lot's refusals, exactly: an id a live lot already has, and an expiry past the
 * year 9999. Written to kill the mutants Stryker left in `src/ledger/lots.ts` (see
 * bench/README.md "Mutation scores").
 */
import { describe, expect, it } from "vitest";
import { applyEvent, applyEvents, createLedger, type LedgerState } from "../../src";

function bought(): LedgerState {
  // The ledger remembers one event id: once "p2" is applied, "p1" is forgotten as an event,
  // but its lot (5,000 credits) is still live.
  const created = createLedger({ eventIdsRemembered: 1 });
  if (!created.ok) throw new Error(created.error.message);
  const r = applyEvents(created.state, [
    { type: "purchase-credits", id: "p1", at: "2026-06-04T10:00:00Z", package: "usd-5" },
    { type: "purchase-credits", id: "p2", at: "2026-06-04T10:01:00Z", package: "usd-5" },
  ]);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

describe("a new lot", () => {
  // Kills: `work.lots.some((lot) => lot.id === id)` → false, and the refusal's message, path
  // and params (no coverage before).
  it("is refused under an id a live lot already has, even once the event id is forgotten", () => {
    const r = applyEvent(bought(), {
      type: "purchase-credits",
      id: "p1",
      at: "2026-06-04T10:02:00Z",
      package: "usd-5",
    });
    expect(r.ok ? null : r.error).toEqual({
      code: "conflict",
      message: 'A live credit lot already has id "p1".',
      path: ["id"],
      params: { id: "p1" },
    });
  });

  // Kills: the message → "" and the path ["at"] → [] / [""].
  it("is refused when its credits would expire after the year 9999", () => {
    const r = applyEvent(bought(), {
      type: "grant-credits",
      id: "g",
      at: "9999-12-01T00:00:00Z",
      credits: "1000",
      validity: { rule: "elapsed-days", days: 60 },
    });
    expect(r.ok ? null : r.error).toEqual({
      code: "invalid_instant",
      message: "These credits would expire after the year 9999, beyond the supported range.",
      path: ["at"],
      params: {},
    });
  });
});
