/**
 * The refusals of src/ledger/apply.ts and src/ledger/state.ts's `stateError`, exactly:
 * message, path and params. Written to kill the mutants Stryker left there (issue 23; see
 * bench/README.md "Mutation scores").
 */
import { describe, expect, it } from "vitest";
import { applyEvent, applyEvents, createLedger, type LedgerState, quotaStatus, settle } from "../../src";
import { Story } from "../support/ledger";

const music = { resource: "music", measures: { songs: 1 } } as const;

function bought(): LedgerState {
  const story = new Story();
  story.apply({ type: "purchase-credits", id: "p", at: "2026-06-04T10:00:00Z", package: "usd-5" });
  return story.state;
}

describe("time refusals", () => {
  it("settling past 1,200 period ends names the instant and the count", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "1970-01-01T00:00:00Z", tier: "plus" });
    const r = settle(story.state, "9999-12-31T00:00:00Z");
    expect(r.ok ? null : r.error).toEqual({
      code: "limit_exceeded",
      message:
        "Settling to 9999-12-31T00:00:00.000Z would pass 96359 subscription period ends; one call passes at most 1200 (100 years): settle in steps.",
      path: ["at"],
      params: { renewalsPerSettleMax: 1200, renewalsDue: 96_359 },
    });
  });

  it("an event before the clock names both instants", () => {
    const r = applyEvent(bought(), { type: "usage", id: "u", at: "2026-06-04T09:00:00Z", ...music });
    expect(r.ok ? null : r.error).toEqual({
      code: "event_before_clock",
      message:
        "The event at 2026-06-04T09:00:00.000Z is earlier than the ledger's clock 2026-06-04T10:00:00.000Z; events must not go back in time.",
      path: ["at"],
      params: { at: "2026-06-04T09:00:00.000Z", clock: "2026-06-04T10:00:00.000Z" },
    });
  });

  it("settle and a query before the clock are refused the same way, and at the clock are not", () => {
    const state = bought();
    const error = {
      code: "event_before_clock",
      message:
        "The event at 2026-06-04T09:59:59.999Z is earlier than the ledger's clock 2026-06-04T10:00:00.000Z; events must not go back in time.",
      path: ["at"],
      params: { at: "2026-06-04T09:59:59.999Z", clock: "2026-06-04T10:00:00.000Z" },
    };
    const early = Date.parse("2026-06-04T10:00:00Z") - 1;
    const settled = settle(state, early);
    expect(settled.ok ? null : settled.error).toEqual(error);
    const status = quotaStatus(state, early);
    expect(status.ok ? null : status.error).toEqual(error);
    expect(settle(state, early + 1).ok).toBe(true);
    expect(quotaStatus(state, early + 1).ok).toBe(true);
  });

  it("an event out of order in a batch names its index and id", () => {
    const r = applyEvents(bought(), [
      { type: "usage", id: "u1", at: "2026-06-04T11:00:00Z", ...music },
      { type: "usage", id: "u2", at: "2026-06-04T11:30:00Z", ...music },
      { type: "usage", id: "u3", at: "2026-06-04T11:10:00Z", ...music },
    ]);
    expect(r.ok ? null : r.error).toEqual({
      code: "events_out_of_order",
      message:
        'Event 2 ("u3") at 2026-06-04T11:10:00.000Z comes before the event it follows; sort events by time.',
      path: [2, "at"],
      params: { index: 2, id: "u3" },
    });
  });
});

describe("a duplicate inside a batch", () => {
  it("does not move the order check back: a later event earlier than the latest is still out of order", () => {
    const r = applyEvents(bought(), [
      { type: "usage", id: "u1", at: "2026-06-04T11:00:00Z", ...music },
      { type: "usage", id: "u2", at: "2026-06-04T12:00:00Z", ...music },
      { type: "usage", id: "u1", at: "2026-06-04T11:00:00Z", ...music },
      { type: "usage", id: "u3", at: "2026-06-04T11:30:00Z", ...music },
    ]);
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(["events_out_of_order", [3, "at"]]);
  });
});

describe("what is not a state this library made", () => {
  it("text is refused as text", () => {
    const r = applyEvent("{}" as unknown as LedgerState, {
      type: "cancel",
      id: "c",
      at: "2026-06-05T00:00:00Z",
    });
    expect(r.ok ? null : r.error).toEqual({
      code: "invalid_state",
      message: "Got text, not a ledger state: read stored ledgers with parseLedger first.",
      path: [],
      params: {},
    });
  });

  it("a value that is not a state, or a state whose fields were overwritten, is refused before its mark is read", () => {
    const error = {
      code: "invalid_state",
      message: "Expected a ledger state made by createLedger or read by parseLedger.",
      path: [],
      params: {},
    };
    const overwritten: Record<string, unknown>[] = [
      { schemaVersion: 2 },
      { lots: {} },
      { recentEvents: null },
      { windows: "general/5h" },
      { windows: null },
    ];
    const cases: unknown[] = [undefined, null, 5, true];
    for (const fields of overwritten) {
      // A state the library made (so it carries the mark), written into past the type's readonly.
      cases.push(Object.assign(bought(), fields));
    }
    for (const value of cases) {
      const r = applyEvent(value as LedgerState, { type: "cancel", id: "c", at: "2026-06-05T00:00:00Z" });
      expect(r.ok ? null : r.error, JSON.stringify(value)?.slice(0, 40)).toEqual(error);
    }
  });

  it("a spread copy is refused as not made by token-plan", () => {
    const r = applyEvent({ ...bought() }, { type: "cancel", id: "c", at: "2026-06-05T00:00:00Z" });
    expect(r.ok ? null : r.error).toEqual({
      code: "invalid_state",
      message:
        "This state was not made by token-plan (a copy made by spreading, JSON or structuredClone?): use the states the library returns, and read stored ledgers with parseLedger.",
      path: [],
      params: {},
    });
  });
});

describe("a state whose catalog was replaced", () => {
  it("is refused as invalid_state at the path catalog", () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    // A caller that writes into a state (they are not frozen) past the type's readonly.
    (created.state as { catalog: unknown }).catalog = { id: "copied" };
    const r = applyEvent(created.state, {
      type: "purchase-credits",
      id: "p",
      at: "2026-06-04T10:00:00Z",
      package: "usd-5",
    });
    expect(r.ok ? null : r.error).toEqual({
      code: "invalid_state",
      message:
        "The state's catalog was not validated: read stored ledgers with parseLedger, which validates them.",
      path: ["catalog"],
      params: {},
    });
  });
});

describe("an id applied before", () => {
  it("with other content is a conflict naming the id", () => {
    const r = applyEvents(bought(), [
      { type: "usage", id: "u1", at: "2026-06-04T11:00:00Z", ...music },
      { type: "usage", id: "p", at: "2026-06-04T11:30:00Z", ...music },
    ]);
    expect(r.ok ? null : r.error).toEqual({
      code: "conflict",
      message: 'Event id "p" was already applied with different content; use a new id for a new event.',
      path: [1, "id"],
      params: { id: "p" },
    });
  });
});

describe("settle at the clock's own instant", () => {
  it("returns the same state and no entries", () => {
    const state = bought();
    const r = settle(state, "2026-06-04T10:00:00Z");
    expect(r).toEqual({ ok: true, state, entries: [] });
    expect(r.ok && r.state).toBe(state);
  });

  it("a later instant with nothing due moves the clock in a new state", () => {
    const state = bought();
    const r = settle(state, "2026-06-05T10:00:00Z");
    expect(r.ok && [r.state === state, r.state.clockMs, r.entries]).toEqual([
      false,
      Date.parse("2026-06-05T10:00:00Z"),
      [],
    ]);
    expect(state.clockMs).toBe(Date.parse("2026-06-04T10:00:00Z"));
  });
});
