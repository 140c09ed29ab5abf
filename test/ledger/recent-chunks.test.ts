/**
 * The id memory is held in chunks of 64 so that remembering one more event copies one chunk,
 * not the whole memory (issue 17: per-event cost independent of the memory's size), and where
 * chunks begin depends only on the state, so equal ledgers are deep-equal however reached.
 */
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  createLedger,
  type LedgerEvent,
  type LedgerState,
  parseLedger,
} from "../../src";
import { remembered, textOf } from "../support/text";

const usage = (i: number): LedgerEvent => ({
  type: "usage",
  id: `u${i}`,
  at: Date.UTC(2026, 5, 1) + i * 1000,
  resource: "music",
  measures: { songs: 1 },
});

function ledgerOf(remember: number, events: number): LedgerState {
  const created = createLedger({ eventIdsRemembered: remember });
  if (!created.ok) throw new Error(created.error.message);
  const r = applyEvents(
    created.state,
    Array.from({ length: events }, (_, i) => usage(i)),
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

describe("the id memory in chunks", () => {
  it("the next state shares every chunk but the first (cut) and the last (appended)", () => {
    const state = ledgerOf(4096, 5000);
    expect(state.recentEvents.length).toBe(65); // 4,096 events: ids 904..4999, chunks at multiples of 64
    const next = applyEvent(state, usage(5000));
    if (!next.ok) throw new Error(next.error.message);
    const [before, after] = [state.recentEvents, next.state.recentEvents];
    expect(after.length).toBe(before.length);
    for (let c = 1; c < before.length - 1; c++) expect(after[c]).toBe(before[c]);
    expect(after[0]).toEqual(before[0]?.slice(1));
    expect(after.at(-1)).toEqual([...(before.at(-1) ?? []), ...remembered(next.state).slice(-1)]);
    // The input state is untouched.
    expect(remembered(state)).toHaveLength(4096);
    expect(remembered(state).at(-1)?.[0]).toBe("u4999");
  });

  it("every 64th applied event starts a chunk: the 5,001st (number 5,000 = 78 × 64 + 8) joins the last", () => {
    const state = ledgerOf(4096, 5000);
    // Numbers 904..4999: the first chunk holds 904..959 (56), the last 4992..4999 (8).
    expect(state.recentEvents[0]?.length).toBe(56);
    expect(state.recentEvents.at(-1)?.map((e) => e[0])).toEqual(
      Array.from({ length: 8 }, (_, i) => `u${4992 + i}`),
    );
  });

  it("a loaded ledger holds the same chunks as the one stored, and step by step equals one batch", () => {
    const batch = ledgerOf(300, 1000);
    let stepped = ledgerOf(300, 0);
    for (let i = 0; i < 1000; i++) {
      const r = applyEvent(stepped, usage(i));
      if (!r.ok) throw new Error(r.error.message);
      stepped = r.state;
    }
    expect(isDeepStrictEqual(stepped.recentEvents, batch.recentEvents)).toBe(true);
    const loaded = parseLedger(textOf(batch));
    expect(loaded.ok && isDeepStrictEqual(loaded.value.recentEvents, batch.recentEvents)).toBe(true);
    expect(remembered(batch).map((e) => e[0])).toEqual(Array.from({ length: 300 }, (_, i) => `u${700 + i}`));
  });

  it("a void in an old chunk copies that chunk only", () => {
    const state = ledgerOf(4096, 5000);
    const r = applyEvent(state, {
      type: "void-usage",
      id: "v",
      at: Date.UTC(2026, 5, 1) + 5000 * 1000,
      usageId: "u1000",
    });
    if (!r.ok) throw new Error(r.error.message);
    const [before, after] = [state.recentEvents, r.state.recentEvents];
    // u1000 is number 1000, in the chunk of 960..1023 (the second).
    expect(after[1]).not.toBe(before[1]);
    // The record's seventh field is "voided".
    expect(after[1]?.find((e) => e[0] === "u1000")?.[1].split(" ")[6]).toBe("1");
    expect(before[1]?.find((e) => e[0] === "u1000")?.[1].split(" ")[6]).toBe("0");
    for (let c = 2; c < before.length - 1; c++) expect(after[c]).toBe(before[c]);
  });
});
