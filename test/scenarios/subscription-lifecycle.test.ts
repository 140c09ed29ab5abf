/**
 * Subscription lifecycle, one line per event with its expected outcome beside it.
 * Plus $20, Max $50, Ultra $120; months from the start instant, clamped at month end.
 */
import { describe, expect, it } from "vitest";
import { applyEvent, quotaStatus, settle } from "../../src";
import { newLedger, Story } from "../support/ledger";

describe("renewals follow calendar months from the anchor, clamped at month end", () => {
  it("Jan 31 → Feb 28 → Mar 31 → Apr 30 (never chained)", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "sub", at: "2026-01-31T10:00:00Z", tier: "plus" });
    const r = settle(story.state, "2026-05-01T00:00:00Z");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries.filter((e) => e.type === "subscription.renewed").map((e) => e.at)).toEqual([
      "2026-02-28T10:00:00.000Z",
      "2026-03-31T10:00:00.000Z",
      "2026-04-30T10:00:00.000Z",
    ]);
    expect(
      r.entries
        .filter((e) => e.type === "subscription.charged")
        .map((e) => e.type === "subscription.charged" && e.usd),
    ).toEqual(["20", "20", "20"]);
  });
});

describe("tier changes, cancel and lapse", () => {
  const story = new Story();
  const steps: [string, () => unknown, unknown][] = [
    [
      "start Plus: charged $20",
      () => story.apply({ type: "subscribe", id: "s", at: "2026-06-10T00:00:00Z", tier: "plus" }),
      { chargedUsd: "20" },
    ],
    [
      "upgrade to Max: at once, charged the $30 difference",
      () => story.apply({ type: "change-tier", id: "up", at: "2026-06-15T00:00:00Z", tier: "max" }),
      { chargedUsd: "30" },
    ],
    [
      "downgrade to Plus: scheduled for the period end",
      () => story.apply({ type: "change-tier", id: "down", at: "2026-06-20T00:00:00Z", tier: "plus" }),
      { chargedUsd: "0" },
    ],
  ];
  it.each(steps)("%s", (_name, run, expected) => {
    const outcome = run();
    expect(outcome).toMatchObject({ type: "subscription", ...(expected as object) });
  });

  it("the downgrade applies at renewal (2026-07-10), which charges the new tier's price", () => {
    const before = quotaStatus(story.state, "2026-07-09T23:59:59.999Z");
    expect(before.ok && before.value.tier).toBe("max");
    const r = settle(story.state, "2026-07-10T00:00:00Z");
    expect(r.ok && r.entries.map((e) => e.type)).toEqual([
      "subscription.tier-changed",
      "subscription.renewed",
      "subscription.charged",
    ]);
    if (r.ok) story.state = r.state;
    const after = quotaStatus(story.state, "2026-07-10T00:00:00Z");
    expect(after.ok && after.value.tier).toBe("plus");
  });

  it("cancel keeps access until the period's end, then the plan lapses and only credits pay", () => {
    story.apply({ type: "cancel", id: "c", at: "2026-07-20T00:00:00Z" });
    const stillOn = quotaStatus(story.state, "2026-08-09T23:59:59.999Z");
    expect(stillOn.ok && stillOn.value.tier).toBe("plus");
    const r = story.usage({
      id: "after",
      at: "2026-08-10T00:00:00Z",
      resource: "music",
      measures: { songs: 1 },
    });
    expect(story.entriesOf("subscription.lapsed").map((e) => e.at)).toEqual(["2026-08-10T00:00:00.000Z"]);
    expect(r.quota.units).toBe("0");
    expect(r.uncoveredCredits).toBe("150"); // no credits: arrears
  });

  it.each([
    [
      "subscribe twice",
      { type: "subscribe", id: "x1", at: "2026-06-02T00:00:00Z", tier: "max" },
      "subscription_exists",
    ],
  ] as const)("refuses to %s", (_name, event, code) => {
    let state = newLedger();
    const started = applyEvent(state, {
      type: "subscribe",
      id: "s",
      at: "2026-06-01T00:00:00Z",
      tier: "plus",
    });
    if (started.ok) state = started.state;
    const r = applyEvent(state, event);
    expect(r.ok === false && r.error.code).toBe(code);
  });

  it("refuses cancel or change without an active subscription", () => {
    const state = newLedger();
    const cancel = applyEvent(state, { type: "cancel", id: "c", at: "2026-06-01T00:00:00Z" });
    const change = applyEvent(state, {
      type: "change-tier",
      id: "t",
      at: "2026-06-01T00:00:00Z",
      tier: "max",
    });
    expect([cancel.ok === false && cancel.error.code, change.ok === false && change.error.code]).toEqual([
      "no_subscription",
      "no_subscription",
    ]);
  });
});

describe("changing to the tier already in force", () => {
  it("with nothing pending is a no-op: applied, nothing charged, no entries, changed: false", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
    const before = story.state;
    const r = applyEvent(before, {
      type: "change-tier",
      id: "set",
      at: "2026-06-02T00:00:00Z",
      tier: "plus",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries).toEqual([]);
    expect(r.outcome).toMatchObject({
      type: "subscription",
      chargedUsd: "0",
      changed: false,
      subscription: { tier: "plus", status: "active", pendingTier: null },
    });
    // The call is remembered: sending it again is a duplicate.
    const again = applyEvent(r.state, {
      type: "change-tier",
      id: "set",
      at: "2026-06-02T00:00:00Z",
      tier: "plus",
    });
    expect(again.ok && again.duplicate).toBe(true);
  });

  it("with a downgrade pending withdraws it (changed: true)", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "max" });
    story.apply({ type: "change-tier", id: "down", at: "2026-06-02T00:00:00Z", tier: "plus" });
    const r = applyEvent(story.state, {
      type: "change-tier",
      id: "back",
      at: "2026-06-03T00:00:00Z",
      tier: "max",
    });
    expect(r.ok && r.entries.map((e) => e.type)).toEqual(["subscription.change-withdrawn"]);
    expect(r.ok && r.outcome).toMatchObject({
      changed: true,
      subscription: { tier: "max", pendingTier: null },
    });
  });

  it("every other subscription outcome says changed: true", () => {
    const story = new Story();
    const started = story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
    expect(started).toMatchObject({ changed: true });
  });
});

describe("changing one's mind", () => {
  it("subscribing again to the same tier before the period ends undoes a cancel, free of charge", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "max" });
    story.apply({ type: "cancel", id: "c", at: "2026-06-10T00:00:00Z" });
    const resumed = story.apply({ type: "subscribe", id: "again", at: "2026-06-20T00:00:00Z", tier: "max" });
    expect(resumed).toMatchObject({
      type: "subscription",
      chargedUsd: "0",
      subscription: { status: "active", tier: "max" },
    });
    const other = applyEvent(story.state, { type: "cancel", id: "c2", at: "2026-06-21T00:00:00Z" });
    expect(other.ok).toBe(true);
    if (!other.ok) return;
    const plus = applyEvent(other.state, {
      type: "subscribe",
      id: "p",
      at: "2026-06-22T00:00:00Z",
      tier: "plus",
    });
    expect(plus.ok === false && plus.error.code).toBe("subscription_exists");
    // It renews on 2026-07-01 as if never cancelled.
    const r = settle(story.state, "2026-07-01T00:00:00Z");
    expect(r.ok && r.entries.map((e) => e.type)).toEqual(["subscription.renewed", "subscription.charged"]);
  });

  it("changing to the current tier withdraws a scheduled downgrade", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "ultra" });
    story.apply({ type: "change-tier", id: "down", at: "2026-06-05T00:00:00Z", tier: "plus" });
    story.apply({ type: "change-tier", id: "keep", at: "2026-06-06T00:00:00Z", tier: "ultra" });
    expect(story.entriesOf("subscription.change-withdrawn")).toEqual([
      {
        type: "subscription.change-withdrawn",
        eventId: "keep",
        at: "2026-06-06T00:00:00.000Z",
        tier: "ultra",
        withdrawn: "plus",
      },
    ]);
    const r = settle(story.state, "2026-07-01T00:00:00Z");
    expect(r.ok && r.entries.find((e) => e.type === "subscription.charged")).toMatchObject({
      tier: "ultra",
      usd: "120",
    });
  });
});
