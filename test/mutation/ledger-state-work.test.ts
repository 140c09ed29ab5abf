/**
 * The working copy of src/ledger/state.ts (`Work`) driven directly: `setWindow`, which only
 * `remains` calls (on a fresh copy), replaces a window whether or not the call read it,
 * and the snapshot writes back what changed and shares the rest. Written to kill the
 * mutants Stryker left there (issue 23; see bench/README.md "Mutation scores").
 */
import { describe, expect, it } from "vitest";
import { applyEvent, type LedgerState, parseLedger } from "../../src";
import { Work } from "../../src/ledger/state";
import { calc } from "../../src/money";
import type { WindowValue } from "../../src/windows";
import { Story } from "../support/ledger";
import { textOf } from "../support/text";

const fiveHours = { kind: "calendar", duration: { hours: 5 } } as const;

function used(): LedgerState {
  const story = new Story();
  story.apply({ type: "subscribe", id: "s", at: "2026-06-04T10:00:00Z", tier: "max" });
  story.apply({
    type: "usage",
    id: "u",
    at: "2026-06-04T10:05:00Z",
    resource: "MiniMax-M3",
    measures: { inputTokens: 1000 },
  });
  return story.state;
}

function calendar(start: number, units: bigint): WindowValue {
  return { kind: "calendar", start, end: start + 18_000_000, used: units, lastAt: start } as WindowValue;
}

describe("Work.setWindow", () => {
  it("writes a window the call never read, keeping the others as they were", () => {
    const state = used();
    const work = new Work(state);
    const start = Date.UTC(2026, 5, 4, 10);
    work.setWindow("general", "5h", calendar(start, calc.zero<"quota">()));
    const next = work.snapshot(state);
    expect(next.windows["general/5h"]).toEqual({
      kind: "calendar",
      startMs: start,
      endMs: start + 18_000_000,
      used: "0",
      lastAtMs: start,
    });
    expect(next.windows["general/weekly"]).toBe(state.windows["general/weekly"]);
    expect(Object.keys(next.windows)).toEqual(["general/5h", "general/weekly"]);
  });

  it("writes a window the call read (and so holds), and a new bucket's window", () => {
    const state = used();
    const work = new Work(state);
    const before = work.window("general", "5h", fiveHours as never);
    expect(before.kind).toBe("calendar");
    const start = Date.UTC(2026, 5, 4, 10);
    work.setWindow("general", "5h", calendar(start, 7n));
    work.setWindow("other", "5h", calendar(start, 9n));
    // The value set is the one read from now on.
    expect(work.window("general", "5h", fiveHours as never)).toEqual(calendar(start, 7n));
    const next = work.snapshot(state);
    expect(next.windows["general/5h"]).toMatchObject({ used: "0.000000000007" });
    expect(next.windows["other/5h"]).toMatchObject({ used: "0.000000000009" });
    expect(next.windows["general/weekly"]).toBe(state.windows["general/weekly"]);
  });

  it("a window set twice is written once, with the last value", () => {
    const state = used();
    const work = new Work(state);
    const start = Date.UTC(2026, 5, 4, 10);
    work.setWindow("general", "weekly", calendar(start, 1n));
    work.setWindow("general", "weekly", calendar(start, 2n));
    const next = work.snapshot(state);
    expect(next.windows["general/weekly"]).toMatchObject({ used: "0.000000000002" });
    expect(next.windows["general/5h"]).toBe(state.windows["general/5h"]);
    // The state still applies events after it.
    const r = applyEvent(next, {
      type: "usage",
      id: "u2",
      at: "2026-06-04T10:06:00Z",
      resource: "MiniMax-M3",
      measures: { inputTokens: 1000 },
    });
    expect(r.ok).toBe(true);
  });
});

describe("Work.setWindow beside windows the call holds", () => {
  it("keeps a changed window of the same bucket, and the lists windowsOf gave see the new value", () => {
    const state = used();
    const work = new Work(state);
    const windows = work.compiled.tiers.get("max")?.buckets.get("general");
    if (windows === undefined) throw new Error("the max tier has a general bucket");
    expect(windows.map((w) => w.id)).toEqual(["5h", "weekly"]);
    const listed = work.windowsOf("general", windows);
    // The 5-hour window changed in place (as a usage changes it), then the weekly one replaced.
    const fiveHour = work.windowToChange("general", "5h", windows[0]?.shape as never);
    (fiveHour as { used: bigint }).used = 5n;
    const start = Date.UTC(2026, 5, 1);
    work.setWindow("general", "weekly", calendar(start, 3n));
    expect(listed[1]?.value).toEqual(calendar(start, 3n));
    expect(work.windowsOf("general", windows)[1]?.value).toEqual(calendar(start, 3n));
    const next = work.snapshot(state);
    expect(next.windows["general/5h"]).toMatchObject({ used: "0.000000000005" });
    expect(next.windows["general/weekly"]).toMatchObject({ startMs: start, used: "0.000000000003" });
  });
});

describe("a stored window of another kind than its catalog window", () => {
  it("is refused when the ledger is read: kept, it would read as empty (free quota)", () => {
    const state = used();
    const stored = JSON.parse(textOf(state)) as { windows: Record<string, unknown> };
    const at = Date.parse("2026-06-04T10:05:00Z");
    stored.windows["general/5h"] = { kind: "session", startMs: null, used: "3", lastAtMs: at };
    const read = parseLedger(stored, { catalogs: [state.catalog] });
    expect(read).toEqual({
      ok: false,
      error: {
        code: "invalid_state",
        message:
          'The stored ledger is inconsistent: window "general/5h" is stored as a session window, but its catalog makes it a calendar window.',
        path: ["windows", "general/5h", "kind"],
        params: {},
      },
    });
    // The same row as text, through the hand-written reader, is refused alike.
    const again = parseLedger(JSON.stringify(stored), { catalogs: [state.catalog] });
    expect(again.ok === false && again.error.path).toEqual(["windows", "general/5h", "kind"]);
  });
});

describe("the next state shares what an event left alone", () => {
  it("a purchase keeps the windows object and the subscription; a usage keeps the lots", () => {
    const state = used();
    const bought = applyEvent(state, {
      type: "purchase-credits",
      id: "p",
      at: "2026-06-04T10:10:00Z",
      package: "usd-5",
    });
    if (!bought.ok) throw new Error(bought.error.message);
    expect(bought.state.windows).toBe(state.windows);
    expect(bought.state.subscription).toBe(state.subscription);
    expect(bought.state.lots).not.toBe(state.lots);
    const usage = applyEvent(bought.state, {
      type: "usage",
      id: "u2",
      at: "2026-06-04T10:11:00Z",
      resource: "MiniMax-M3",
      measures: { inputTokens: 1000 },
    });
    if (!usage.ok) throw new Error(usage.error.message);
    expect(usage.state.lots).toBe(bought.state.lots);
    expect(usage.state.windows).not.toBe(bought.state.windows);
    expect(usage.state.arrearsCredits).toBe(bought.state.arrearsCredits);
  });
});
