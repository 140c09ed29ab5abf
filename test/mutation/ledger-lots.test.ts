/**
 * A new credit lot's refusals, exactly: an id a live lot already has, and an expiry past the
 * year 9999. Written to kill the mutants Stryker left in `src/ledger/lots.ts` (see
 * bench/README.md "Mutation scores").
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  createLedger,
  type LedgerEvent,
  type LedgerState,
  parseLedger,
} from "../../src";
import { instantMaxMs, lotsCountMax, lotsStoredMax } from "../../src/limits";
import { forgetting, textOf } from "../support/text";

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

describe("a new lot, more exactly", () => {
  const at = "2026-06-04T10:05:00Z";
  const grantEvent = (id: string): LedgerEvent => ({ type: "grant-credits", id, at, credits: "10" });

  // Kills `if (checkLive)` → true: a retried purchase rebuilds its lot, which is live already.
  it("a retried grant gets its first receipt, the lot it made", () => {
    const first = applyEvent(bought(), grantEvent("g"));
    if (!first.ok) throw new Error(first.error.message);
    const again = applyEvent(first.state, grantEvent("g"));
    if (!again.ok) throw new Error(again.error.message);
    expect(again.duplicate).toBe(true);
    expect(again.outcome).toEqual(first.outcome);
    expect(again.outcome.type).toBe("credits");
  });

  // Kills the default `checkLive = true` → false: a void's refund lot is checked like any lot.
  it("a void's refund lot is refused under an id a live lot already has", () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const r = applyEvents(created.state, [
      { type: "usage", id: "u1", at: "2026-06-04T09:00:00Z", resource: "music", measures: { songs: 1 } },
      { type: "grant-credits", id: "x", at: "2026-06-04T10:00:00Z", credits: "1000" },
      { type: "pay-arrears", id: "pay", at: "2026-06-04T10:01:00Z" }, // the 150 of u1, from lot x
    ]);
    if (!r.ok) throw new Error(r.error.message);
    // The grant event "x" forgotten: a void may be called "x", and would refund 150 as a lot "x".
    const state = forgetting(r.state, ["x"]);
    expect(
      applyEvent(state, { type: "void-usage", id: "x", at: "2026-06-04T10:02:00Z", usageId: "u1" }),
    ).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message: 'A live credit lot already has id "x".',
        path: ["id"],
        params: { id: "x" },
      },
    });
    const v = applyEvent(state, { type: "void-usage", id: "v", at: "2026-06-04T10:02:00Z", usageId: "u1" });
    expect(v.ok && v.state.lots.map((l) => [l.id, l.remaining])).toEqual([
      ["x", "850"],
      ["v", "150"],
    ]);
  });

  // Kills `>` for `>=` against lotsCountMax, and the refusal's message, path and params.
  it(`${lotsCountMax} lots with credits left are accepted, one more is refused`, () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const full = applyEvents(
      created.state,
      Array.from({ length: lotsCountMax }, (_, i) => grantEvent(`g${i}`)),
    );
    if (!full.ok) throw new Error(full.error.message);
    expect(full.state.lots.length).toBe(lotsCountMax);
    expect(applyEvent(full.state, grantEvent("one-more"))).toEqual({
      ok: false,
      error: {
        code: "limit_exceeded",
        message: `At most ${lotsCountMax} credit lots with credits left per ledger.`,
        path: [],
        params: { lotsCountMax },
      },
    });
  });

  // Kills the stored-lots refusal's message and path: emptied lots a void may refill count too.
  it(`${lotsStoredMax} lots, emptied ones included, are accepted; one more is refused`, () => {
    const t0 = Date.parse(at);
    const expiresAtMs = t0 + 365 * 86_400_000;
    const ids = Array.from({ length: lotsStoredMax }, (_, i) => `g${String(i).padStart(5, "0")}`);
    const created = createLedger({ eventIdsRemembered: 4096 });
    if (!created.ok) throw new Error(created.error.message);
    const stored = {
      ...JSON.parse(textOf(created.state)),
      clockMs: t0,
      lots: ids.map((id) => ({
        id,
        kind: "grant",
        purchasedAtMs: t0,
        expiresAtMs,
        credits: "1",
        remaining: "0",
        priceUsd: "0",
      })),
      recentEvents: [["u", `x ${t0} general 0 - 0 0`, ids.map((id) => [id, "1", expiresAtMs])]],
    };
    const parsed = parseLedger(stored);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(applyEvent(parsed.value, grantEvent("one-more"))).toEqual({
      ok: false,
      error: {
        code: "limit_exceeded",
        message: `At most ${lotsStoredMax} credit lots per ledger, emptied lots that a void may still refill included.`,
        path: [],
        params: { lotsStoredMax },
      },
    });
  });

  // Kills `>=` for `>` against instantMaxMs: an expiry at the last instant is in range.
  it("may expire at the last instant of the year 9999", () => {
    const r = applyEvent(bought(), {
      type: "grant-credits",
      id: "g",
      at: "9999-12-30T23:59:59.999Z",
      credits: "1000",
      validity: { rule: "elapsed-days", days: 1 },
    });
    expect(r.ok && r.state.lots.find((l) => l.id === "g")?.expiresAtMs).toBe(instantMaxMs);
  });
});
