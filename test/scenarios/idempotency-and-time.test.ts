/**
 * Idempotency and time, as a table: one line per event with the expected outcome.
 */
import { describe, expect, it } from "vitest";
import { applyEvent, applyEvents, createLedger, type LedgerEvent, settle } from "../../src";
import { newLedger } from "../support/ledger";
import { remembered, textOf } from "../support/text";

const usage = (id: string, at: string, songs = 1): LedgerEvent => ({
  type: "usage",
  id,
  at,
  resource: "music",
  measures: { songs },
});

function unwrapCreated(created: ReturnType<typeof createLedger>) {
  if (!created.ok) throw new Error(created.error.message);
  return created.state;
}

describe("idempotency", () => {
  it("the same id with the same content is a duplicate: nothing changes, and the retry gets the first receipt", () => {
    const first = applyEvent(newLedger(), usage("u1", "2026-06-01T10:00:00Z"));
    if (!first.ok) throw new Error(first.error.message);
    const again = applyEvent(first.state, usage("u1", "2026-06-01T10:00:00Z"));
    expect(again.ok && again.duplicate).toBe(true);
    expect(again.ok && again.outcome).toEqual(first.outcome);
    expect(again.ok && again.state).toBe(first.state);
    expect(again.ok && again.entries).toEqual([]);
  });

  it("an epoch-ms spelling of the same instant is the same content", () => {
    const first = applyEvent(newLedger(), usage("u1", "2026-06-01T10:00:00Z"));
    if (!first.ok) throw new Error(first.error.message);
    const again = applyEvent(first.state, { ...usage("u1", "2026-06-01T12:00:00+02:00") });
    expect(again.ok && again.duplicate).toBe(true);
  });

  it("the same id with other content is a conflict, and the state is unchanged", () => {
    const first = applyEvent(newLedger(), usage("u1", "2026-06-01T10:00:00Z"));
    if (!first.ok) throw new Error(first.error.message);
    const before = textOf(first.state);
    const other = applyEvent(first.state, usage("u1", "2026-06-01T10:00:00Z", 2));
    expect(other.ok === false && [other.error.code, other.error.path]).toEqual(["conflict", ["id"]]);
    expect(textOf(first.state)).toBe(before);
  });

  it("ids are remembered for the configured number of events (the oldest is forgotten)", () => {
    const created = applyEvents(newLedger(), [
      usage("a", "2026-06-01T10:00:00Z"),
      usage("b", "2026-06-01T10:00:01Z"),
    ]);
    if (!created.ok) throw new Error(created.error.message);
    expect(remembered(created.state).map((e) => e[0])).toEqual(["a", "b"]);
    const small = applyEvents(unwrapCreated(createLedger({ eventIdsRemembered: 2 })), [
      usage("a", "2026-06-01T10:00:00Z"),
      usage("b", "2026-06-01T10:00:01Z"),
      usage("c", "2026-06-01T10:00:02Z"),
    ]);
    expect(small.ok && remembered(small.state).map((e) => e[0])).toEqual(["b", "c"]);
  });
});

describe("time", () => {
  it("an event earlier than the ledger's clock is refused; an equal instant is fine", () => {
    const first = applyEvent(newLedger(), usage("u1", "2026-06-01T10:00:00Z"));
    if (!first.ok) throw new Error(first.error.message);
    const same = applyEvent(first.state, usage("u2", "2026-06-01T10:00:00Z"));
    expect(same.ok).toBe(true);
    const early = applyEvent(first.state, usage("u3", "2026-06-01T09:59:59.999Z"));
    expect(early.ok === false && [early.error.code, early.error.path]).toEqual([
      "event_before_clock",
      ["at"],
    ]);
  });

  it("applyEvents names the first event out of order and applies nothing", () => {
    const state = newLedger();
    const r = applyEvents(state, [
      usage("a", "2026-06-01T10:00:00Z"),
      usage("b", "2026-06-01T11:00:00Z"),
      usage("c", "2026-06-01T10:30:00Z"),
    ]);
    expect(r.ok === false && [r.error.code, r.error.path, r.error.params.id]).toEqual([
      "events_out_of_order",
      [2, "at"],
      "c",
    ]);
    expect(state.clockMs).toBeNull();
  });

  it("an error in the middle of a batch leaves nothing half-applied", () => {
    const state = newLedger();
    const r = applyEvents(state, [
      usage("a", "2026-06-01T10:00:00Z"),
      { type: "cancel", id: "c", at: "2026-06-01T11:00:00Z" },
    ]);
    expect(r.ok === false && [r.error.code, r.error.path]).toEqual(["no_subscription", [1, "type"]]);
    expect(textOf(state)).toBe(textOf(newLedger()));
  });

  it("settle moves the clock, so later events may not go back before it", () => {
    const settled = settle(newLedger(), "2026-06-02T00:00:00Z");
    if (!settled.ok) throw new Error(settled.error.message);
    expect(settled.state.clockMs).toBe(Date.parse("2026-06-02T00:00:00Z"));
    expect(applyEvent(settled.state, usage("u", "2026-06-01T23:00:00Z")).ok).toBe(false);
    expect(settle(settled.state, "2026-06-01T00:00:00Z").ok).toBe(false);
  });

  it("applyEvents counts duplicates and can collect entries", () => {
    const r = applyEvents(
      newLedger(),
      [usage("a", "2026-06-01T10:00:00Z"), usage("a", "2026-06-01T10:00:00Z")],
      { collectEntries: true },
    );
    expect(r.ok && [r.applied, r.duplicates, r.entries.map((e) => e.type)]).toEqual([
      1,
      1,
      ["usage.uncovered", "usage.recorded"],
    ]);
  });
});
