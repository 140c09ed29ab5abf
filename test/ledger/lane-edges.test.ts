/**
 * The edges of the usage lane (src/ledger/lane.ts) and of the call's id index, each where
 * a lane that took the usage would answer differently from `step`: a usage one millisecond
 * out of order, one before the state's clock, one at the very instant a lot expires, one
 * the catalog cannot price, and two ids whose FNV-1a hashes collide. A quiet replay (no
 * entries) and one that collects every entry (the lane takes the usages of both) must
 * answer as each other and as folding `applyEvent` (which never takes the lane).
 */
import { describe, expect, it } from "vitest";
import { applyEvent, applyEvents, type LedgerEntryType, type LedgerEvent, type LedgerState } from "../../src";
import { freshLedger } from "../support/run";
import { textOf } from "../support/text";

const t0 = Date.UTC(2026, 5, 1);
const day = 86_400_000;

function usage(id: string, at: number, resource = "MiniMax-M2.7"): LedgerEvent {
  return { type: "usage", id, at, resource, measures: { inputTokens: 1_000_000, outputTokens: 10_000 } };
}

/** Folding applyEvent: the final state, or the first refusal (its index and code). */
function fold(state: LedgerState, events: readonly LedgerEvent[]) {
  let s = state;
  for (let i = 0; i < events.length; i++) {
    const r = applyEvent(s, events[i] as LedgerEvent);
    if (!r.ok) return { ok: false as const, index: i, code: r.error.code };
    s = r.state;
  }
  return { ok: true as const, text: textOf(s) };
}

/** What a quiet replay and a replay with every entry say: they must agree with each other and the fold. */
function expectLaneAgrees(state: LedgerState, events: readonly LedgerEvent[]) {
  const quiet = applyEvents(state, events);
  const loud = applyEvents(state, events, { collectEntries: true });
  const folded = fold(state, events);
  for (const replay of [quiet, loud]) {
    if (folded.ok) {
      expect(replay.ok).toBe(true);
      if (replay.ok) expect(textOf(replay.state)).toBe(folded.text);
    } else {
      expect(replay.ok).toBe(false);
      if (!replay.ok) expect(replay.error.path[0]).toBe(folded.index);
    }
  }
  if (!quiet.ok && !loud.ok) expect(quiet.error.code).toBe(loud.error.code);
  // Under "skip" each replay skips what the fold refuses, and ends where it ends without it.
  const skipQuiet = applyEvents(state, events, { onRefusal: "skip" });
  const skipLoud = applyEvents(state, events, { onRefusal: "skip", collectEntries: true });
  expect(skipQuiet.ok && skipLoud.ok).toBe(true);
  if (skipQuiet.ok && skipLoud.ok) {
    expect(textOf(skipQuiet.state)).toBe(textOf(skipLoud.state));
    expect(skipQuiet.refusals.map((r) => [r.index, r.error.code])).toEqual(
      skipLoud.refusals.map((r) => [r.index, r.error.code]),
    );
  }
  return { quiet, skipQuiet };
}

describe("the usage lane's edges", () => {
  it("a usage one millisecond before the previous one is refused as out of order, not applied", () => {
    const events = [usage("a", t0 + 10), usage("b", t0 + 9)];
    const { quiet, skipQuiet } = expectLaneAgrees(freshLedger(), events);
    expect(quiet.ok ? "applied" : [quiet.error.code, quiet.error.path[0]]).toEqual([
      "events_out_of_order",
      1,
    ]);
    expect(skipQuiet.ok && skipQuiet.refusals.map((r) => r.index)).toEqual([1]);
  });

  it("a usage one millisecond before the state's clock is refused, in a call of its own", () => {
    const first = applyEvents(freshLedger(), [usage("a", t0 + 10)]);
    if (!first.ok) throw new Error(first.error.message);
    const { quiet, skipQuiet } = expectLaneAgrees(first.state, [usage("b", t0 + 9)]);
    expect(quiet.ok ? "applied" : quiet.error.code).toBe("event_before_clock");
    if (skipQuiet.ok) {
      expect(skipQuiet.refusals.map((r) => r.error.code)).toEqual(["event_before_clock"]);
      expect(textOf(skipQuiet.state)).toBe(textOf(first.state));
    }
  });

  it("a usage at the instant a lot expires draws nothing from it, and its expiry entry comes first", () => {
    const bought = t0 + 60_000;
    const expires = bought + 365 * day; // exclusive: the lot is gone at this instant
    const events: LedgerEvent[] = [
      { type: "purchase-credits", id: "old", at: bought, package: "usd-5" },
      { type: "purchase-credits", id: "new", at: bought + 1, package: "usd-5" },
      usage("at-expiry", expires),
      usage("after", expires + 1),
    ];
    expectLaneAgrees(freshLedger(), events);
    const charges: LedgerEntryType[] = ["credits.debited", "credits.expired", "usage.uncovered"];
    const selected = applyEvents(freshLedger(), events, { collectEntries: charges });
    const all = applyEvents(freshLedger(), events, { collectEntries: true });
    if (!selected.ok || !all.ok) throw new Error("refused");
    expect(selected.entries).toEqual(all.entries.filter((e) => charges.includes(e.type)));
    const order = selected.entries.map((e) => `${e.type} ${"lotId" in e ? e.lotId : e.eventId}`);
    expect(order[0]).toBe("credits.expired old");
    expect(order).toContain("credits.debited new");
    expect(order.slice(1).every((line) => !line.endsWith(" old"))).toBe(true);
  });

  it("a usage the catalog cannot price is refused by a quiet replay as by the fold", () => {
    const events = [usage("a", t0), usage("b", t0 + 1, "no-such-model"), usage("c", t0 + 2)];
    const { quiet, skipQuiet } = expectLaneAgrees(freshLedger(), events);
    expect(quiet.ok ? "applied" : [quiet.error.code, quiet.error.path[0]]).toEqual(["unknown_resource", 1]);
    if (skipQuiet.ok) expect([skipQuiet.applied, skipQuiet.refusals.length]).toEqual([2, 1]);
  });

  it("two ids whose hashes collide are two usages, and a retry of each is a duplicate", () => {
    // FNV-1a (32 bits) of both is -1610244779: they share a bucket of every table size.
    const [a, b] = ["req-991307", "req-1971740"];
    const events = [usage(a, t0), usage(b, t0 + 1), usage(a, t0), usage(b, t0 + 1)];
    const { quiet } = expectLaneAgrees(freshLedger(), events);
    expect(quiet.ok && [quiet.applied, quiet.duplicates]).toEqual([2, 2]);
    // The same id with other content is a conflict, the colliding one is not mistaken for it.
    const changed = applyEvents(freshLedger(), [usage(a, t0), { ...usage(b, t0 + 1), at: t0 + 2 }]);
    expect(changed.ok && changed.applied).toBe(2);
    const conflict = applyEvents(freshLedger(), [
      usage(a, t0),
      usage(b, t0 + 1),
      { ...usage(b, t0 + 1), at: t0 + 2 },
    ]);
    expect(conflict.ok ? "applied" : conflict.error.code).toBe("conflict");
  });
});
