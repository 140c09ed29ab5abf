/**
 * Query rules that Stryker's survivors showed untested (issue 23): how `statement` refuses
 * each malformed field of each entry type (code, message, path), what it leaves out of
 * `usedByResource`, how it counts entries; the schedule of a window outside the plan; and
 * which refusal `timeUntilAvailable` gives first.
 */
import { describe, expect, it } from "vitest";
import { createLedger, type LedgerEntry, quotaStatus, statement, timeUntilAvailable } from "../../src";

const period = { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" } as const;
const at = "2026-06-02T00:00:00.000Z";

/** One valid entry of every type the statement sums (only the fields it reads, plus `at`). */
const valid: Record<string, Record<string, unknown>> = {
  "subscription.charged": {
    type: "subscription.charged",
    eventId: "sub",
    at,
    tier: "plus",
    reason: "start",
    usd: "20",
    periodEnd: "2026-07-02T00:00:00.000Z",
  },
  "credits.purchased": {
    type: "credits.purchased",
    at,
    lot: { kind: "purchase", credits: "5000", priceUsd: "5" },
  },
  "credits.debited": { type: "credits.debited", at, credits: "1" },
  "credits.returned": { type: "credits.returned", at, credits: "1" },
  "credits.expired": { type: "credits.expired", at, credits: "1" },
  "quota.consumed": { type: "quota.consumed", at, bucket: "general", window: "5h", units: "1" },
  "quota.returned": { type: "quota.returned", at, bucket: "general", window: "5h", units: "1" },
  "usage.recorded": { type: "usage.recorded", at, resource: "MiniMax-M3", creditsDebited: "1" },
  "usage.uncovered": { type: "usage.uncovered", at, credits: "1" },
  "usage.voided": { type: "usage.voided", at, uncoveredCredits: "1", refundedCredits: "0" },
  "arrears.paid": { type: "arrears.paid", at, credits: "1" },
};

function refusal(entries: readonly unknown[], options: unknown = period) {
  const r = statement(entries as LedgerEntry[], options as typeof period);
  return r.ok ? "ok" : { code: r.error.code, message: r.error.message, path: r.error.path };
}

/** The entry of `type` with `field` replaced (or left out, for undefined), after a good entry at index 0. */
function withField(type: string, field: string, value: unknown): unknown[] {
  const entry = { ...valid[type] };
  if (value === undefined) delete entry[field];
  else entry[field] = value;
  return [valid["credits.debited"], entry];
}

const amountFields: [type: string, field: string, label: string][] = [
  ["subscription.charged", "usd", "USD"],
  ["credits.debited", "credits", "credits"],
  ["credits.returned", "credits", "credits"],
  ["credits.expired", "credits", "credits"],
  ["quota.consumed", "units", "quota-unit"],
  ["quota.returned", "units", "quota-unit"],
  ["usage.recorded", "creditsDebited", "credits"],
  ["usage.uncovered", "credits", "credits"],
  ["usage.voided", "uncoveredCredits", "credits"],
  ["usage.voided", "refundedCredits", "credits"],
  ["arrears.paid", "credits", "credits"],
];

describe("statement: every amount field of every entry type, with its own path and kind", () => {
  it("all the valid entries are read (the table below starts from them)", () => {
    expect(refusal(Object.values(valid))).toBe("ok");
  });

  it.each(amountFields)("%s.%s: not an amount is invalid_amount, naming %s", (type, field, label) => {
    expect(refusal(withField(type, field, "x"))).toEqual({
      code: "invalid_amount",
      message: `Expected a plain decimal ${label} amount like "12.5", got "x".`,
      path: [1, field],
    });
  });

  it.each(amountFields.filter(([, field]) => field !== "refundedCredits"))(
    "%s.%s: a missing amount is invalid_input at its path",
    (type, field) => {
      expect(refusal(withField(type, field, undefined))).toEqual({
        code: "invalid_input",
        message: `The entry has no "${field}".`,
        path: [1, field],
      });
    },
  );
});

describe("statement: text and instant fields", () => {
  it.each([
    ["subscription.charged", "reason"],
    ["subscription.charged", "tier"],
    ["subscription.charged", "eventId"],
    ["quota.consumed", "bucket"],
    ["quota.consumed", "window"],
    ["usage.recorded", "resource"],
  ])("%s.%s: a number is invalid_input, 'Expected a string.'", (type, field) => {
    expect(refusal(withField(type, field, 7))).toEqual({
      code: "invalid_input",
      message: "Expected a string.",
      path: [1, field],
    });
  });

  it("a charge's reason must be start, renewal or upgrade", () => {
    expect(refusal(withField("subscription.charged", "reason", "gift"))).toEqual({
      code: "invalid_input",
      message: 'Expected "start", "renewal" or "upgrade".',
      path: [1, "reason"],
    });
  });

  it("a charge's period end is an instant, refused at its path", () => {
    const r = refusal(withField("subscription.charged", "periodEnd", "July"));
    expect(r).toMatchObject({ code: "invalid_instant", path: [1, "periodEnd"] });
  });

  it("a renewal's eventId is null, read as null", () => {
    const r = statement(
      [{ ...valid["subscription.charged"], eventId: null, reason: "renewal" }] as LedgerEntry[],
      period,
    );
    expect(r.ok && r.value.subscription.charges).toEqual([
      {
        eventId: null,
        at,
        tier: "plus",
        reason: "renewal",
        usd: "20",
        periodEnd: "2026-07-02T00:00:00.000Z",
      },
    ]);
  });
});

describe("statement: a purchased lot", () => {
  const lot = (value: unknown) => withField("credits.purchased", "lot", value);

  it.each([
    ["not an object", "lot"],
    ["null", null],
  ])("%s is refused: 'Expected the purchased lot.'", (_name, value) => {
    expect(refusal(lot(value))).toEqual({
      code: "invalid_input",
      message: "Expected the purchased lot.",
      path: [1, "lot"],
    });
  });

  it("its credits and price are refused at [i, lot, field], with their kinds", () => {
    expect(refusal(lot({ kind: "purchase", credits: "x", priceUsd: "5" }))).toEqual({
      code: "invalid_amount",
      message: 'Expected a plain decimal credits amount like "12.5", got "x".',
      path: [1, "lot", "credits"],
    });
    expect(refusal(lot({ kind: "purchase", credits: "5000", priceUsd: "x" }))).toEqual({
      code: "invalid_amount",
      message: 'Expected a plain decimal USD amount like "12.5", got "x".',
      path: [1, "lot", "priceUsd"],
    });
    expect(refusal(lot({ kind: "purchase", priceUsd: "5" }))).toEqual({
      code: "invalid_input",
      message: 'The entry has no "credits".',
      path: [1, "lot", "credits"],
    });
    expect(refusal(lot({ kind: "purchase", credits: "5000" }))).toEqual({
      code: "invalid_input",
      message: 'The entry has no "priceUsd".',
      path: [1, "lot", "priceUsd"],
    });
  });

  it("its kind must be purchase or grant", () => {
    expect(refusal(lot({ kind: "gift", credits: "5000" }))).toEqual({
      code: "invalid_input",
      message: 'Expected "purchase" or "grant".',
      path: [1, "lot", "kind"],
    });
  });
});

describe("statement: entries and options that are not one", () => {
  it.each([
    ["null", null],
    ["a number", 5],
    ["a string", "June"],
  ])("options that are %s: invalid_input at []", (_name, options) => {
    expect(refusal([], options)).toEqual({
      code: "invalid_input",
      message: "Expected options such as { from, to }.",
      path: [],
    });
  });

  it("a period that ends before it starts", () => {
    expect(refusal([], { from: period.to, to: period.from })).toEqual({
      code: "invalid_input",
      message: "The period ends before it starts: `to` is before `from`.",
      path: ["to"],
    });
  });

  it("entries that are not a list", () => {
    expect(refusal({ length: 0 } as never)).toEqual({
      code: "invalid_input",
      message: "Expected a list of ledger entries.",
      path: ["entries"],
    });
  });

  it.each([
    ["null", null],
    ["a number", 5],
    ["a string", "credits.debited"],
  ])("an entry that is %s: invalid_input at [i]", (_name, entry) => {
    expect(refusal([valid["credits.debited"], entry])).toEqual({
      code: "invalid_input",
      message: "Expected a ledger entry object.",
      path: [1],
    });
  });

  it("an entry without a type or an instant, at [i, field]", () => {
    expect(refusal([valid["credits.debited"], { at }])).toEqual({
      code: "invalid_input",
      message: 'The entry has no "type".',
      path: [1, "type"],
    });
    expect(refusal([valid["credits.debited"], { type: "credits.debited", credits: "1" }])).toEqual({
      code: "invalid_input",
      message: 'The entry has no "at".',
      path: [1, "at"],
    });
  });

  it("an unknown type, quoted", () => {
    expect(refusal([valid["credits.debited"], { type: "credits.spent", at }])).toEqual({
      code: "invalid_input",
      message: 'Unknown entry type "credits.spent".',
      path: [1, "type"],
    });
    expect(refusal([{ type: 7, at }])).toEqual({
      code: "invalid_input",
      message: "Unknown entry type 7.",
      path: [0, "type"],
    });
  });
});

describe("statement: what it counts", () => {
  it("entries: 3 in the period, one at `to` and one before `from` left out", () => {
    const debit = valid["credits.debited"];
    const r = statement(
      [
        { ...debit, at: "2026-05-31T23:59:59.999Z" },
        debit,
        { ...debit, at: "2026-06-01T00:00:00.000Z" },
        { ...debit, at: "2026-06-30T23:59:59.999Z" },
        { ...debit, at: "2026-07-01T00:00:00.000Z" },
      ] as unknown as LedgerEntry[],
      period,
    );
    expect(r.ok && [r.value.entries, r.value.credits.used]).toEqual([3, "3"]);
  });

  it("a usage that drew no credits (quota paid it all) gets no usedByResource line", () => {
    const r = statement(
      [
        { ...valid["usage.recorded"], creditsDebited: "0" },
        { ...valid["usage.recorded"], resource: "music", creditsDebited: "6000" },
        // A later usage of the first resource that drew 0 adds nothing to its line.
        { ...valid["usage.recorded"], resource: "music", creditsDebited: "0" },
      ] as LedgerEntry[],
      period,
    );
    expect(r.ok && r.value.credits.usedByResource).toEqual([{ resource: "music", credits: "6000" }]);
  });

  it("entry types without money (a cancel) are counted and add nothing", () => {
    const r = statement([{ type: "subscription.cancelled", at }] as LedgerEntry[], period);
    expect(r.ok && [r.value.entries, r.value.subscription.chargedUsd, r.value.credits.change]).toEqual([
      1,
      "0",
      "0",
    ]);
  });
});

describe("quotaStatus: a window outside the plan", () => {
  it("has an empty schedule: nothing comes back to a window that holds nothing for the plan", () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const r = quotaStatus(created.state, "2026-06-04T14:10:00Z");
    expect(
      r.ok && r.value.buckets.map((b) => [b.bucket, b.covered, b.windows.map((w) => w.schedule)]),
    ).toEqual([
      ["general", false, [[], []]],
      ["video", false, [[]]],
    ]);
  });
});

describe("timeUntilAvailable: refusals in precedence order", () => {
  it("a bad state comes before bad options", () => {
    const r = timeUntilAvailable({} as never, 1, "2026-06-04T14:10:00Z", 5 as never);
    expect(!r.ok && r.error.code).toBe("invalid_state");
  });
});
