/**
 * Far-future instants (issue 23, item 14). A plan started in 1970 and left alone until the
 * year 9999 has about 96,000 period ends. `settle` (and an event, which settles first)
 * charges one renewal per period end, so one call may settle at most
 * `limits.renewalsPerSettleMax` of them (100 years of months): past it the call is refused
 * with `limit_exceeded` before any work. Queries need only the state, which is computed in
 * closed form, so they answer at any instant without redoing the renewals.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  creditBalance,
  type LedgerState,
  quotaStatus,
  quoteUsage,
  settle,
  timeUntilAvailable,
} from "../../src";
import { renewalsPerSettleMax } from "../../src/limits";
import { Story } from "../support/ledger";

function since1970(): LedgerState {
  const story = new Story();
  story.apply({ type: "subscribe", id: "s", at: "1970-01-01T00:00:00Z", tier: "plus" });
  story.apply({ type: "purchase-credits", id: "p", at: "1970-01-02T00:00:00Z", package: "usd-5" }); // expires in 1971
  return story.state;
}

/** Settles in steps of 50 years, the reference for what the state is at `at`. */
function settledInSteps(state: LedgerState, at: string): LedgerState {
  let s = state;
  const target = Date.parse(at);
  for (let year = 2020; Date.UTC(year, 0, 1) < target; year += 50) {
    const r = settle(s, Date.UTC(year, 0, 1));
    if (!r.ok) throw new Error(r.error.message);
    s = r.state;
  }
  const last = settle(s, at);
  if (!last.ok) throw new Error(last.error.message);
  return last.state;
}

describe("one call settles at most renewalsPerSettleMax period ends", () => {
  const story = new Story();
  story.apply({ type: "subscribe", id: "s", at: "1970-01-01T00:00:00Z", tier: "plus" });
  const state = story.state;

  it(`settle from 1970 to 9999 is limit_exceeded (${renewalsPerSettleMax} at most), and nothing changes`, () => {
    const r = settle(state, "9999-12-31T00:00:00Z");
    // Period ends 1970-02-01 … 9999-12-01: (9999 − 1970) × 12 + 11 = 96,359 of them.
    expect(r.ok === false && [r.error.code, r.error.path, r.error.params]).toEqual([
      "limit_exceeded",
      ["at"],
      { renewalsPerSettleMax, renewalsDue: 96_359 },
    ]);
  });

  it("100 years minus a month is one call: 1,199 renewals, each charged", () => {
    // Period ends are 1970-02-01 … 2069-12-01: 1,199 of them by 2069-12-31.
    const r = settle(state, "2069-12-31T00:00:00Z");
    if (!r.ok) throw new Error(r.error.message);
    expect(r.entries.filter((e) => e.type === "subscription.renewed")).toHaveLength(1199);
    expect(r.entries.filter((e) => e.type === "subscription.charged")).toHaveLength(1199);
    expect(r.state.subscription?.period).toBe(1199);
  });

  it("an event (which settles first) and applyEvents are refused the same way", () => {
    const usage = {
      type: "usage" as const,
      id: "u",
      at: "9999-01-01T00:00:00Z",
      resource: "music",
      measures: { songs: 1 },
    };
    const one = applyEvent(state, usage);
    expect(one.ok === false && [one.error.code, one.error.path]).toEqual(["limit_exceeded", ["at"]]);
    const many = applyEvents(state, [usage]);
    expect(many.ok === false && [many.error.code, many.error.path]).toEqual(["limit_exceeded", [0, "at"]]);
  });
});

describe("queries at a far instant answer from the closed form", () => {
  const state = since1970();
  const at = "9999-06-01T12:00:00Z";
  const reference = settledInSteps(state, at);

  it("quotaStatus and creditBalance equal those of the ledger settled step by step", () => {
    expect(quotaStatus(state, at)).toEqual(quotaStatus(reference, at));
    expect(creditBalance(state, at)).toEqual(creditBalance(reference, at));
    const status = quotaStatus(state, at);
    expect(status.ok && status.value.tier).toBe("plus");
  });

  it("quoteUsage and timeUntilAvailable too", () => {
    const usage = { at, resource: "music", measures: { songs: 3 } };
    expect(quoteUsage(state, usage)).toEqual(quoteUsage(reference, usage));
    expect(timeUntilAvailable(state, "1", at)).toEqual(timeUntilAvailable(reference, "1", at));
  });

  it("a cancelled plan has lapsed, a scheduled change has applied", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "1970-01-01T00:00:00Z", tier: "max" });
    story.apply({ type: "change-tier", id: "down", at: "1970-01-02T00:00:00Z", tier: "plus" });
    const status = quotaStatus(story.state, at);
    expect(status.ok && status.value.tier).toBe("plus");
    story.apply({ type: "cancel", id: "c", at: "1970-01-03T00:00:00Z" });
    const lapsed = quotaStatus(story.state, at);
    expect(lapsed.ok && lapsed.value.tier).toBe(null);
  });
});
