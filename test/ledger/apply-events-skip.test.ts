/**
 * applyEvents with `onRefusal: "skip"`: a refused event is left out and listed with its
 * index; it changes nothing, so the events after it apply as if it had not been sent.
 */
import { describe, expect, it } from "vitest";
import { applyEvents, type LedgerEvent } from "../../src";
import { freshLedger } from "../support/run";
import { textOf } from "../support/text";

const song = (id: string, at: string): LedgerEvent => ({
  type: "usage",
  id,
  at,
  resource: "music",
  measures: { songs: 1 },
});

describe('applyEvents { onRefusal: "skip" }', () => {
  const events: LedgerEvent[] = [
    { type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" },
    { type: "void-usage", id: "v", at: "2026-06-03T00:00:00Z", usageId: "nope" }, // refused by the rules
    song("u1", "2026-06-02T00:00:00Z"), // earlier than the refused event: still applies
    { type: "cancel", id: 7, at: "2026-06-02T00:30:00Z" } as unknown as LedgerEvent, // refused by validation
    song("u2", "2026-06-02T01:00:00Z"),
  ];

  it("lists each refusal with its index and the error applyEvent gives", () => {
    const r = applyEvents(freshLedger(), events, { onRefusal: "skip", collectEntries: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.refusals.map((x) => [x.index, x.error.code, x.error.path])).toEqual([
      [1, "usage_not_found", [1, "usageId"]],
      [3, "invalid_id", [3, "id"]],
    ]);
    expect([r.applied, r.duplicates]).toEqual([3, 0]);
  });

  it("ends where the same events without the refused ones end", () => {
    const skipped = applyEvents(freshLedger(), events, { onRefusal: "skip", collectEntries: true });
    const kept = applyEvents(freshLedger(), [events[0], events[2], events[4]] as LedgerEvent[], {
      collectEntries: true,
    });
    expect(skipped.ok && kept.ok).toBe(true);
    if (!skipped.ok || !kept.ok) return;
    expect(textOf(skipped.state)).toBe(textOf(kept.state));
    expect(skipped.entries).toEqual(kept.entries);
    // The clock is the last applied event's, not the refused void's (06-03).
    expect(skipped.state.clockMs).toBe(Date.parse("2026-06-02T01:00:00Z"));
  });

  it("a refused event after a renewal does not keep the renewal's entries twice", () => {
    const r = applyEvents(
      freshLedger(),
      [
        { type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" },
        { type: "void-usage", id: "v", at: "2026-07-02T00:00:00Z", usageId: "nope" }, // after the 07-01 renewal
        song("u", "2026-07-03T00:00:00Z"),
      ],
      { onRefusal: "skip", collectEntries: true },
    );
    expect(r.ok && r.entries.filter((e) => e.type === "subscription.renewed").length).toBe(1);
  });

  it("by default one refused event refuses the whole call, and refusals is empty on success", () => {
    const whole = applyEvents(freshLedger(), events);
    expect(whole.ok === false && [whole.error.code, whole.error.path]).toEqual([
      "usage_not_found",
      [1, "usageId"],
    ]);
    const fine = applyEvents(freshLedger(), [events[0]] as LedgerEvent[]);
    expect(fine.ok && fine.refusals).toEqual([]);
  });

  it("refuses an unknown onRefusal", () => {
    const r = applyEvents(freshLedger(), [], { onRefusal: "ignore" } as never);
    expect(r.ok === false && r.error.code).toBe("invalid_input");
  });
});
