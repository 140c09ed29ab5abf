/**
 * A month's statement, as a finance job asks for it: one Plus subscriber in June 2026
 * with a purchase and a short promotional grant bought in May, an overflow that is
 * voided, the grant expiring, an overflow that runs into arrears, and arrears paid.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvents,
  createLedger,
  type LedgerEntry,
  type LedgerEvent,
  settle,
  statement,
  statementEntryTypes,
} from "../../src";

const events: LedgerEvent[] = [
  // May: 5,000 credits for $5 (expire 2027-05-20) and a 1,000-credit grant for 20 days (expires 06-09).
  { type: "purchase-credits", id: "buy-1", at: "2026-05-20T00:00:00Z", package: "usd-5" },
  {
    type: "grant-credits",
    id: "promo",
    at: "2026-05-20T00:00:00Z",
    credits: "1000",
    validity: { rule: "elapsed-days", days: 20 },
  },
  // June 1: Plus, $20. 5-hour blocks of $6.596, weeks of $98.94.
  { type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier: "plus" },
  // 7.5M output tokens × $1.2/M = $9: quota $6.596, overflow $2.404 = 2,404 credits,
  // soonest expiry first: 1,000 from the grant, 1,404 from buy-1.
  {
    type: "usage",
    id: "u1",
    at: "2026-06-03T10:00:00Z",
    resource: "MiniMax-M3",
    measures: { outputTokens: 7_500_000 },
  },
  // Voided in the same block: $6.596 back to both windows, 1,000 + 1,404 credits back.
  { type: "void-usage", id: "v1", at: "2026-06-03T11:00:00Z", usageId: "u1" },
  // June 9: the grant expires with its 1,000 credits (settled before the next event).
  // 10M output tokens × $1.2/M = $12: quota $6.596, overflow $5.404 = 5,404 credits; buy-1 has 5,000:
  // 404 uncovered (arrears).
  {
    type: "usage",
    id: "u2",
    at: "2026-06-10T10:00:00Z",
    resource: "MiniMax-M3",
    measures: { outputTokens: 10_000_000 },
  },
  { type: "purchase-credits", id: "buy-2", at: "2026-06-12T00:00:00Z", package: "usd-5" },
  { type: "pay-arrears", id: "pay", at: "2026-06-12T00:01:00Z" },
];

function june(): readonly LedgerEntry[] {
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  const run = applyEvents(created.state, events, { collectEntries: true });
  if (!run.ok) throw new Error(run.error.message);
  // The renewal on July 1 belongs to July: `to` is exclusive.
  const july = settle(run.state, "2026-07-01T00:00:00Z");
  if (!july.ok) throw new Error(july.error.message);
  return [...run.entries, ...july.entries];
}

const period = { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" } as const;

describe("statement: June for one Plus subscriber", () => {
  const entries = june();
  const result = statement(entries, period);
  if (!result.ok) throw new Error(result.error.message);
  const june2026 = result.value;

  it("charges the start of Plus, $20, and leaves the July 1 renewal to July", () => {
    expect(june2026.subscription.charges).toEqual([
      {
        eventId: "sub",
        at: "2026-06-01T00:00:00.000Z",
        tier: "plus",
        reason: "start",
        usd: "20",
        periodEnd: "2026-07-01T00:00:00.000Z",
      },
    ]);
    expect(june2026.subscription.chargedUsd).toBe("20");
    const july = statement(entries, { from: "2026-07-01T00:00:00Z", to: "2026-08-01T00:00:00Z" });
    expect(july.ok && july.value.subscription.charges.map((c) => [c.reason, c.usd])).toEqual([
      ["renewal", "20"],
    ]);
  });

  it("credits: bought 5,000 for $5; used 2,404 + 5,000 + 404 = 7,808; returned 2,404; expired 1,000", () => {
    expect(june2026.credits).toEqual({
      bought: "5000",
      boughtUsd: "5",
      granted: "0", // the grant was in May
      refunded: "0",
      used: "7808",
      usedByResource: [{ resource: "MiniMax-M3", credits: "7404" }], // 2,404 + 5,000
      usedForArrears: "404",
      returned: "2404",
      expired: "1000",
      // 5,000 + 0 + 0 − 7,808 + 2,404 − 1,000 = −1,404: the balance went from 6,000 (June 1) to 4,596.
      change: "-1404",
    });
  });

  it("quota: each window took $6.596 twice and got $6.596 back", () => {
    expect(june2026.quota).toEqual([
      { bucket: "general", window: "5h", consumed: "13.192", returned: "6.596", used: "6.596" },
      { bucket: "general", window: "weekly", consumed: "13.192", returned: "6.596", used: "6.596" },
    ]);
  });

  it("arrears: 404 opened by u2 and 404 paid: no change", () => {
    expect(june2026.arrears).toEqual({ opened: "404", voided: "0", paid: "404", change: "0" });
  });

  it("counts the entries of June only, and says which period it covers", () => {
    const inJune = entries.filter((e) => e.at >= "2026-06-01" && e.at < "2026-07-01").length;
    expect(june2026.entries).toBe(inJune);
    expect([june2026.from, june2026.to]).toEqual(["2026-06-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"]);
  });

  it("May: the purchase and the grant, and nothing else", () => {
    const may = statement(entries, { from: "2026-05-01T00:00:00Z", to: "2026-06-01T00:00:00Z" });
    if (!may.ok) throw new Error(may.error.message);
    expect(may.value.credits).toMatchObject({
      bought: "5000",
      boughtUsd: "5",
      granted: "1000",
      change: "6000",
    });
    expect(may.value.subscription.charges).toEqual([]);
    expect(may.value.quota).toEqual([]);
  });

  it("does not depend on the order of the entries, and reads them back from JSON", () => {
    const shuffled = JSON.parse(JSON.stringify([...entries].reverse())) as LedgerEntry[];
    const again = statement(shuffled, period);
    expect(again.ok && again.value.credits).toEqual(june2026.credits);
    expect(again.ok && again.value.arrears).toEqual(june2026.arrears);
  });

  it("needs only the entry types it names", () => {
    const needed = new Set<string>(statementEntryTypes);
    const kept = entries.filter((e) => needed.has(e.type));
    expect(kept.length).toBeLessThan(entries.length);
    const fromKept = statement(kept, period);
    expect(fromKept.ok && { ...fromKept.value, entries: 0 }).toEqual({ ...june2026, entries: 0 });
  });
});

describe("statement refuses what is not a statement's input", () => {
  const entries = june();
  const codeAndPath = (r: ReturnType<typeof statement>) => (r.ok ? "ok" : [r.error.code, r.error.path]);

  it("a period that ends before it starts, or with a bad instant", () => {
    expect(
      codeAndPath(statement(entries, { from: "2026-07-01T00:00:00Z", to: "2026-06-01T00:00:00Z" })),
    ).toEqual(["invalid_input", ["to"]]);
    expect(codeAndPath(statement(entries, { from: "2026-06-01", to: "2026-07-01T00:00:00Z" }))).toEqual([
      "invalid_instant",
      ["from"],
    ]);
    expect(codeAndPath(statement(entries, null as never))).toEqual(["invalid_input", []]);
    expect(codeAndPath(statement("entries" as never, period))).toEqual(["invalid_input", ["entries"]]);
  });

  it("an entry that is not one, with the path of the bad field", () => {
    const bad = (entry: unknown) => statement([entries[0], entry] as LedgerEntry[], period);
    expect(codeAndPath(bad(null))).toEqual(["invalid_input", [1]]);
    expect(codeAndPath(bad({ type: "credits.spent", at: "2026-06-02T00:00:00Z" }))).toEqual([
      "invalid_input",
      [1, "type"],
    ]);
    expect(codeAndPath(bad({ type: "credits.debited", at: "June" }))).toEqual(["invalid_instant", [1, "at"]]);
    const debit = { type: "credits.debited", eventId: "x", at: "2026-06-02T00:00:00Z", lotId: "l" };
    expect(codeAndPath(bad(debit))).toEqual(["invalid_input", [1, "credits"]]);
    expect(codeAndPath(bad({ ...debit, credits: "1e3" }))).toEqual(["invalid_amount", [1, "credits"]]);
    const charge = entries.find((e) => e.type === "subscription.charged");
    expect(codeAndPath(bad({ ...charge, reason: "gift" }))).toEqual(["invalid_input", [1, "reason"]]);
    expect(codeAndPath(bad({ ...charge, tier: 7 }))).toEqual(["invalid_input", [1, "tier"]]);
    const bought = entries.find((e) => e.type === "credits.purchased");
    if (bought?.type !== "credits.purchased") throw new Error("no purchase");
    expect(codeAndPath(bad({ ...bought, at: "2026-06-02T00:00:00Z", lot: "lot" }))).toEqual([
      "invalid_input",
      [1, "lot"],
    ]);
    expect(
      codeAndPath(bad({ ...bought, at: "2026-06-02T00:00:00Z", lot: { ...bought.lot, kind: "gift" } })),
    ).toEqual(["invalid_input", [1, "lot", "kind"]]);
  });

  it("a bad `to`, with its path", () => {
    expect(codeAndPath(statement(entries, { from: period.from, to: "July" }))).toEqual([
      "invalid_instant",
      ["to"],
    ]);
  });

  it("reads a void entry stored before refunds existed (no refundedCredits) as refunding nothing", () => {
    const old = {
      type: "usage.voided",
      eventId: "v",
      at: "2026-06-02T00:00:00.000Z",
      usageId: "u",
      uncoveredCredits: "5",
    };
    const r = statement([old] as LedgerEntry[], period);
    expect(r.ok && [r.value.credits.refunded, r.value.arrears.voided]).toEqual(["0", "5"]);
    const bad = statement([{ ...old, refundedCredits: "-1" }] as LedgerEntry[], period);
    expect(codeAndPath(bad)).toEqual(["invalid_amount", [0, "refundedCredits"]]);
  });

  it("an entry outside the period is still checked for its type and instant only", () => {
    const outside = { type: "credits.debited", at: "2026-01-01T00:00:00Z" };
    expect(codeAndPath(statement([outside] as LedgerEntry[], period))).toBe("ok");
  });
});

describe("statement: a voided usage whose arrears were already paid", () => {
  it("shows the refund lot as refunded, not granted, and the balance change still adds up", () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const run = applyEvents(
      created.state,
      [
        { type: "purchase-credits", id: "buy-1", at: "2026-06-01T00:00:00Z", package: "usd-5" },
        // 40 songs × $0.15 = $6 = 6,000 credits; no plan: buy-1 pays 5,000, 1,000 uncovered.
        { type: "usage", id: "u", at: "2026-06-02T00:00:00Z", resource: "music", measures: { songs: 40 } },
        { type: "purchase-credits", id: "buy-2", at: "2026-06-03T00:00:00Z", package: "usd-5" },
        // The 1,000 of arrears paid from buy-2.
        { type: "pay-arrears", id: "pay", at: "2026-06-04T00:00:00Z" },
        // The void gives buy-1 its 5,000 back and refunds the paid 1,000 as a lot of its own.
        { type: "void-usage", id: "v", at: "2026-06-05T00:00:00Z", usageId: "u" },
      ],
      { collectEntries: true },
    );
    if (!run.ok) throw new Error(run.error.message);
    const result = statement(run.entries, period);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.credits).toEqual({
      bought: "10000",
      boughtUsd: "10",
      granted: "0",
      refunded: "1000",
      used: "6000", // 5,000 by the usage + 1,000 for the arrears
      usedByResource: [{ resource: "music", credits: "5000" }],
      usedForArrears: "1000",
      returned: "5000",
      expired: "0",
      // 10,000 + 0 + 1,000 − 6,000 + 5,000 − 0 = 10,000: buy-1 5,000 + buy-2 4,000 + refund 1,000.
      change: "10000",
    });
    expect(result.value.arrears).toEqual({ opened: "1000", voided: "0", paid: "1000", change: "0" });
  });
});
