/**
 * Error parameters: besides its code, path and message, each refusal carries the values a
 * caller needs to act on it without parsing the message (the unknown name, the clock, the
 * bound that was exceeded). One row per code, with the exact parameters.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  type LedgerEvent,
  parseCredits,
  parseInstant,
  timeUntilAvailable,
} from "../../src";
import { activeLedger, emptyLedger, T_CLOCK, T_EARLY, T_LATER, T_NEXT, withEvents } from "./support";

type Call = () => { ok: boolean; error?: { code: string; params: unknown } };
const ev = (event: Record<string, unknown>) => event as unknown as LedgerEvent;

// biome-ignore format: one row per code
const rows: [string, Call, string, Record<string, unknown>][] = [
  ["unknown_tier", () => applyEvent(activeLedger(), ev({ type: "change-tier", id: "t", at: T_NEXT, tier: "mega" })), "unknown_tier", { tier: "mega" }],
  ["unknown_resource", () => applyEvent(activeLedger(), ev({ type: "usage", id: "x", at: T_NEXT, resource: "nope", measures: {} })), "unknown_resource", { resource: "nope" }],
  ["unknown_package", () => applyEvent(activeLedger(), ev({ type: "purchase-credits", id: "x", at: T_NEXT, package: "usd-7" })), "unknown_package", { package: "usd-7" }],
  ["unknown_bucket", () => timeUntilAvailable(activeLedger(), 1, T_NEXT, { bucket: "audio" }), "unknown_bucket", { bucket: "audio" }],
  ["conflict", () => applyEvent(activeLedger(), ev({ type: "usage", id: "u1", at: T_NEXT, resource: "music", measures: { songs: 1 } })), "conflict", { id: "u1" }],
  ["events_out_of_order", () => applyEvents(activeLedger(), [ev({ type: "cancel", id: "c", at: T_LATER }), ev({ type: "usage", id: "x", at: T_NEXT, resource: "music", measures: {} })]), "events_out_of_order", { index: 1, id: "x" }],
  ["event_before_clock", () => applyEvent(activeLedger(), ev({ type: "cancel", id: "c", at: T_EARLY })), "event_before_clock", { at: "2026-06-04T09:00:00.000Z", clock: "2026-06-04T11:00:00.000Z" }],
  ["subscription_exists", () => applyEvent(activeLedger(), ev({ type: "subscribe", id: "s2", at: T_NEXT, tier: "max" })), "subscription_exists", { tier: "plus" }],
  ["same_tier", () => applyEvent(activeLedger(), ev({ type: "change-tier", id: "t", at: T_NEXT, tier: "plus" })), "same_tier", { tier: "plus" }],
  ["usage_not_found", () => applyEvent(activeLedger(), ev({ type: "void-usage", id: "v", at: T_NEXT, usageId: "zzz" })), "usage_not_found", { usageId: "zzz" }],
  ["usage_already_voided", () => applyEvent(withEvents(activeLedger(), [{ type: "void-usage", id: "v", at: T_CLOCK, usageId: "u1" }]), ev({ type: "void-usage", id: "v2", at: T_NEXT, usageId: "u1" })), "usage_already_voided", { usageId: "u1" }],
  ["invalid_credit_amount", () => applyEvent(emptyLedger(), ev({ type: "purchase-credits", id: "p", at: T_NEXT, credits: "7500" })), "invalid_credit_amount", { credits: "7500" }],
  ["invalid_amount", () => parseCredits("12.3.4"), "invalid_amount", { value: "12.3.4" }],
  ["amount_scale_exceeded", () => parseCredits("0.0000000000001"), "amount_scale_exceeded", { value: "0.0000000000001", places: 13, maxPlaces: 12 }],
  ["invalid_instant", () => parseInstant("2026-06-04"), "invalid_instant", { received: '"2026-06-04"', why: "a date alone does not say which instant of it" }],
  ["limit_exceeded (an amount's length)", () => parseCredits("1".repeat(65)), "limit_exceeded", { amountTextLengthMax: 64, length: 65 }],
];

describe("each refusal carries its parameters", () => {
  it.each(rows)("%s", (_label, call, code, params) => {
    const r = call();
    expect(r.ok).toBe(false);
    expect([r.error?.code, r.error?.params]).toEqual([code, params]);
  });
});
