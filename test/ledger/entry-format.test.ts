/**
 * The entries of the facts every usage makes are written field by field, for speed. They
 * must be exactly what the generic formatter writes (the same fields, values and key
 * order): checked on the facts the rules themselves make.
 */
import { describe, expect, it } from "vitest";
import { applyEvents, createLedger, type LedgerEvent } from "../../src";
import { decidePayArrears, decideUsage } from "../../src/ledger/decide";
import { parseEvent } from "../../src/ledger/events";
import { type Fact, formatOut, toEntry } from "../../src/ledger/facts";
import { Work } from "../../src/ledger/state";

/** A Plus subscriber with two small grants (100 and 200 credits) and the arrears of an earlier usage. */
function setUp() {
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  const events: LedgerEvent[] = [
    { type: "subscribe", id: "sub", at: "2026-06-01T08:00:00Z", tier: "plus" },
    { type: "grant-credits", id: "g1", at: "2026-06-01T08:01:00Z", credits: "100" },
    { type: "grant-credits", id: "g2", at: "2026-06-01T08:02:00Z", credits: "200" },
  ];
  const r = applyEvents(created.state, events);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

function usageFacts(work: Work, id: string, at: string, outputTokens: number): readonly Fact[] {
  const parsed = parseEvent({ type: "usage", id, at, resource: "MiniMax-M3", measures: { outputTokens } });
  if (!parsed.ok || parsed.value.type !== "usage") throw new Error("bad usage");
  return decideUsage(work, parsed.value).facts;
}

describe("entries written field by field", () => {
  it("equal the generic formatter's, key order included, for every fact of a usage and a payment", () => {
    const work = new Work(setUp());
    // 1,000 output tokens ($0.0012): quota covers it. 6,000,000 ($7.20) overflows the Plus
    // 5-hour block (6.596): the rest, 604 credits, drains both grants (300) and 304 are uncovered.
    const facts = [
      ...usageFacts(work, "small", "2026-06-01T09:00:00Z", 1_000),
      ...usageFacts(work, "large", "2026-06-01T09:00:01.5Z", 6_000_000),
    ];
    const types = new Set(facts.map((f) => f.type));
    expect([...types].sort()).toEqual([
      "credits.debited",
      "quota.consumed",
      "usage.recorded",
      "usage.uncovered",
    ]);
    const recorded = facts.filter((f) => f.type === "usage.recorded");
    expect(recorded.some((f) => f.type === "usage.recorded" && f.draws.length === 2)).toBe(true);
    for (const fact of facts) expect(JSON.stringify(toEntry(fact))).toBe(JSON.stringify(formatOut(fact)));
  });

  it("equal the generic formatter's for the draws of pay-arrears", () => {
    const work = new Work(setUp());
    work.arrears = 150_000_000_000_000n as typeof work.arrears; // 150 credits owed
    const parsed = parseEvent({ type: "pay-arrears", id: "pay", at: "2026-06-01T10:00:00Z" });
    if (!parsed.ok || parsed.value.type !== "pay-arrears") throw new Error("bad event");
    const facts = decidePayArrears(work, parsed.value).facts;
    expect(facts.filter((f) => f.type === "credits.debited")).toHaveLength(2);
    for (const fact of facts) expect(JSON.stringify(toEntry(fact))).toBe(JSON.stringify(formatOut(fact)));
  });
});
