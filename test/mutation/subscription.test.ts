/**
 * Subscription rules that Stryker's survivors showed untested (issue 23): the last period
 * before the year 9999 ends, a start too late to renew, and the params of a second cancel.
 * The default catalog bills in UTC; the instant range ends at 9999-12-31T23:59:59.999Z.
 */
import { describe, expect, it } from "vitest";
import { applyEvent, quotaStatus } from "../../src";
import { Story } from "../support/ledger";

describe("the end of the instant range", () => {
  it("a plan whose next period would end after 9999 has lapsed when queried after its last period end", () => {
    // Anchor 9999-09-20: period ends 10-20, 11-20, 12-20; the next, 10000-01-20, is out of range.
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "9999-09-20T00:00:00Z", tier: "plus" });
    const inLast = quotaStatus(story.state, "9999-12-19T00:00:00Z");
    expect(inLast.ok && inLast.value.tier).toBe("plus");
    const after = quotaStatus(story.state, "9999-12-25T00:00:00Z");
    expect(after.ok && after.value.tier).toBeNull();
  });

  it("a period ending exactly at 9999-12-31T23:59:59.999Z still runs", () => {
    // Anchor 9999-10-31T23:59:59.999Z: + 1 month is Nov 30 (clamped), + 2 months is Dec 31, the last instant.
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "9999-10-31T23:59:59.999Z", tier: "plus" });
    const inIt = quotaStatus(story.state, "9999-12-15T00:00:00Z");
    expect(inIt.ok && inIt.value.tier).toBe("plus");
  });

  it("a start whose first period would end after 9999 is refused at `at`", () => {
    const story = new Story();
    const r = applyEvent(story.state, {
      type: "subscribe",
      id: "s",
      at: "9999-12-15T00:00:00Z",
      tier: "plus",
    });
    expect(!r.ok && r.error).toMatchObject({
      code: "invalid_instant",
      path: ["at"],
      message: "A subscription starting then would renew after the year 9999.",
    });
  });
});

describe("a second cancel", () => {
  it("is already_cancelled, with the tier in params", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "2026-06-10T00:00:00Z", tier: "max" });
    story.apply({ type: "cancel", id: "c1", at: "2026-06-12T00:00:00Z" });
    const r = applyEvent(story.state, { type: "cancel", id: "c2", at: "2026-06-13T00:00:00Z" });
    expect(!r.ok && r.error).toMatchObject({ code: "already_cancelled", params: { tier: "max" } });
  });
});
