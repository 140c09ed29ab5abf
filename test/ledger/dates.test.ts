/**
 * A `Date` is an instant wherever the API takes one, read by its epoch milliseconds: the
 * same answers as the ISO string, a duplicate of the same event written either way, and
 * an invalid Date refused as `invalid_instant` with the field's path.
 */
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  createLedger,
  creditBalance,
  defaultCatalog,
  extendCatalog,
  type LedgerState,
  parseInstant,
  quotaStatus,
  quoteUsage,
  settle,
  statement,
  timeUntilAvailable,
} from "../../src";

function subscribed(): LedgerState {
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  const r = applyEvents(created.state, [
    { type: "subscribe", id: "sub", at: new Date("2026-06-01T00:00:00Z"), tier: "max" },
    { type: "purchase-credits", id: "pack", at: new Date("2026-06-01T00:05:00Z"), package: "usd-5" },
  ]);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

const iso = "2026-06-04T14:10:00Z";
const date = new Date(iso);
const music = { resource: "music", measures: { songs: 1 } } as const;
const codeAndPath = (r: { ok: true } | { ok: false; error: { code: string; path: readonly unknown[] } }) =>
  r.ok ? "ok" : [r.error.code, r.error.path];

describe("a Date is an instant everywhere", () => {
  const state = subscribed();

  it("in events: usage (the fast path) and subscription events, with the same outcome as ISO", () => {
    const byDate = applyEvent(state, { type: "usage", id: "u", at: date, ...music });
    const byIso = applyEvent(state, { type: "usage", id: "u", at: iso, ...music });
    expect(byDate.ok && byDate.outcome).toEqual(byIso.ok && byIso.outcome);
    const cancel = applyEvent(state, { type: "cancel", id: "c", at: date });
    expect(cancel.ok && cancel.entries.map((e) => e.at)).toEqual(["2026-06-04T14:10:00.000Z"]);
  });

  it("the same event written with a Date and with an ISO string is a duplicate, not a conflict", () => {
    const first = applyEvent(state, { type: "usage", id: "u", at: date, ...music });
    if (!first.ok) throw new Error(first.error.message);
    const again = applyEvent(first.state, { type: "usage", id: "u", at: iso, ...music });
    expect(again.ok && again.duplicate).toBe(true);
    expect(again.ok && again.entries).toEqual([]);
  });

  it("in queries and settle", () => {
    expect(quotaStatus(state, date)).toEqual(quotaStatus(state, iso));
    expect(creditBalance(state, date)).toEqual(creditBalance(state, iso));
    expect(quoteUsage(state, { at: date, ...music })).toEqual(quoteUsage(state, { at: iso, ...music }));
    expect(timeUntilAvailable(state, "1", date)).toEqual(timeUntilAvailable(state, "1", iso));
    expect(settle(state, date)).toEqual(settle(state, iso));
  });

  it("in a statement's period and in a catalog's instants", () => {
    const entries = settle(state, date);
    if (!entries.ok) throw new Error(entries.error.message);
    expect(statement(entries.entries, { from: new Date(0), to: date })).toEqual(
      statement(entries.entries, { from: 0, to: iso }),
    );
    const boosted = extendCatalog(defaultCatalog, {
      id: "boosted",
      effectiveFrom: new Date("2026-06-01T00:00:00Z"),
    });
    expect(boosted.ok && boosted.value.effectiveFrom).toBe("2026-06-01T00:00:00.000Z");
  });

  it("also a Date made in another realm (an iframe, a vm context)", () => {
    const foreign = runInNewContext(`new Date(${date.getTime()})`) as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(quotaStatus(state, foreign)).toEqual(quotaStatus(state, iso));
  });

  it("an invalid Date is refused as invalid_instant, with the path of the field", () => {
    const invalid = new Date("not a date");
    expect(codeAndPath(applyEvent(state, { type: "usage", id: "u", at: invalid, ...music }))).toEqual([
      "invalid_instant",
      ["at"],
    ]);
    expect(codeAndPath(applyEvent(state, { type: "cancel", id: "c", at: invalid }))).toEqual([
      "invalid_instant",
      ["at"],
    ]);
    expect(codeAndPath(quotaStatus(state, invalid))).toEqual(["invalid_instant", ["at"]]);
    expect(codeAndPath(settle(state, invalid))).toEqual(["invalid_instant", ["at"]]);
    expect(codeAndPath(statement([], { from: invalid, to: date }))).toEqual(["invalid_instant", ["from"]]);
    const r = quotaStatus(state, invalid);
    expect(!r.ok && r.error.message).toContain("an invalid Date");
  });

  it("an object that only calls itself a Date (Symbol.toStringTag) is refused, never thrown", () => {
    const impostor = { [Symbol.toStringTag]: "Date" };
    expect(Object.prototype.toString.call(impostor)).toBe("[object Date]");
    const parsed = parseInstant(impostor, ["at"]);
    expect(parsed.ok === false && [parsed.error.code, parsed.error.path, parsed.error.message]).toEqual([
      "invalid_instant",
      ["at"],
      expect.stringContaining("got a value of type object: not a string, a number or a Date"),
    ]);
    // An event refuses it as it refuses any object that is not a Date.
    const asEvent = (at: unknown) =>
      codeAndPath(applyEvent(state, { type: "usage", id: "u", at: at as Date, ...music }));
    expect(asEvent(impostor)).toEqual(asEvent({}));
    expect(asEvent(impostor)).toEqual(["invalid_input", ["at"]]);
    expect(codeAndPath(quotaStatus(state, impostor as unknown as Date))).toEqual(["invalid_instant", ["at"]]);
  });
});
