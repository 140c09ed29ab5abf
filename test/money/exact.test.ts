/**
 * The user's exact helpers: what a finance job writes instead of `Number(a) + Number(b)`.
 * Hand arithmetic beside each case; properties against the test suite's own bigint sums.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addAmounts,
  type Credits,
  compareAmounts,
  credits,
  creditsToUsd,
  isZeroAmount,
  maxAmount,
  minAmount,
  quotaUnits,
  subtractAmounts,
  sumAmounts,
  type Usd,
  usd,
  usdToCredits,
} from "../../src";
import { fromAtoms, sumAtoms, toAtoms } from "../support/amounts";
import { propertyParameters } from "../support/settings";

const runs = propertyParameters();

/** Canonical non-negative amounts, biased to the edges: zero, one atom, 12 places, the bound's neighbourhood. */
const amountArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(0n, 1n, 999_999_999_999n, 10n ** 12n, 10n ** 30n - 1n),
    fc.bigInt({ min: 0n, max: 10n ** 15n }),
    fc.bigInt({ min: 0n, max: 10n ** 30n - 1n }),
  )
  .map(fromAtoms);

describe("sums and differences are exact", () => {
  it.each([
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; here it is 0.3.
    ["0.1", "0.2", "0.3"],
    // 1234.5 + 0.000000000001 keeps the last atom.
    ["1234.5", "0.000000000001", "1234.500000000001"],
    // 999999999999999999.999999999999 + 0.000000000001 = 10^18: a sum may pass the input bound.
    ["999999999999999999.999999999999", "0.000000000001", "1000000000000000000"],
  ])("%s + %s = %s", (a, b, total) => {
    expect(addAmounts(usd(a), usd(b))).toBe(total);
  });

  it("subtracts below zero with a sign, and reads the signed result back", () => {
    // 1234.5 − 5000 = −3765.5; −3765.5 + 5000 = 1234.5.
    const difference = subtractAmounts(credits("1234.5"), credits("5000"));
    expect(difference).toBe("-3765.5");
    expect(addAmounts(difference, credits("5000"))).toBe("1234.5");
    expect(subtractAmounts(credits("5"), credits("5"))).toBe("0");
  });

  it("sums a list, or any iterable, exactly: 1234.5 + 0.5 + 765 = 2000; nothing sums to 0", () => {
    expect(sumAmounts([credits("1234.5"), credits("0.5"), credits("765")])).toBe("2000");
    expect(sumAmounts(new Set([quotaUnits("6.596"), quotaUnits("13.238")]))).toBe("19.834");
    expect(sumAmounts([] as Usd[])).toBe("0");
  });

  it("property: sumAmounts equals the bigint sum of the atoms, and subtracting each back gives 0", () => {
    fc.assert(
      fc.property(fc.array(amountArb, { maxLength: 20 }), (texts) => {
        const amounts = texts.map((t) => t as Credits);
        const total = sumAmounts(amounts);
        expect(total).toBe(fromAtoms(sumAtoms(texts)));
        const back = amounts.reduce((left, a) => subtractAmounts(left, a), total);
        expect(back).toBe("0");
      }),
      runs,
    );
  });
});

describe("comparisons", () => {
  it('compare, min and max by value, not by text ("9.5" < "10")', () => {
    expect([usd("10"), usd("9.5"), usd("0.000000000001")].sort(compareAmounts)).toEqual([
      "0.000000000001",
      "9.5",
      "10",
    ]);
    expect(compareAmounts(credits("-1"), credits("0"))).toBe(-1);
    expect(compareAmounts(credits("7"), credits("7"))).toBe(0);
    expect(minAmount(credits("150"), credits("90"))).toBe("90");
    expect(maxAmount(quotaUnits("6.596"), quotaUnits("19.834"))).toBe("19.834");
  });

  it("isZeroAmount: 0.3 − (0.1 + 0.2) is exactly zero", () => {
    expect(isZeroAmount(subtractAmounts(usd("0.3"), addAmounts(usd("0.1"), usd("0.2"))))).toBe(true);
    expect(isZeroAmount(credits("0.000000000001"))).toBe(false);
  });

  it("property: compareAmounts agrees with the sign of the exact difference", () => {
    fc.assert(
      fc.property(amountArb, amountArb, (a, b) => {
        const sign = toAtoms(a) < toAtoms(b) ? -1 : toAtoms(a) > toAtoms(b) ? 1 : 0;
        expect(compareAmounts(a as Usd, b as Usd)).toBe(sign);
        expect(minAmount(a as Usd, b as Usd)).toBe(sign <= 0 ? a : b);
        expect(maxAmount(a as Usd, b as Usd)).toBe(sign >= 0 ? a : b);
      }),
      runs,
    );
  });
});

describe("credits ⇄ USD at 1,000 credits per dollar", () => {
  it.each([
    // $0.0061035 × 1000 = 6.1035 credits.
    ["0.0061035", "6.1035"],
    ["5", "5000"],
    ["0.000000000001", "0.000000001"],
  ])("$%s = %s credits, both ways", (dollars, credit) => {
    expect(usdToCredits(usd(dollars))).toBe(credit);
    expect(creditsToUsd(credits(credit))).toBe(dollars);
  });

  it("rounds only below 10^-12 dollars, by the mode asked (half-even by default)", () => {
    // 0.0000000015 credits = $0.0000000000015: half an atom of USD.
    expect(creditsToUsd(credits("0.0000000015"))).toBe("0.000000000002"); // half-even: 1.5 → 2
    expect(creditsToUsd(credits("0.0000000025"))).toBe("0.000000000002"); // half-even: 2.5 → 2
    expect(creditsToUsd(credits("0.0000000025"), { rounding: "up" })).toBe("0.000000000003");
    expect(creditsToUsd(credits("0.0000000025"), { rounding: "down" })).toBe("0.000000000002");
  });

  it("property: USD → credits → USD is the identity", () => {
    fc.assert(
      fc.property(amountArb, (dollars) => {
        expect(creditsToUsd(usdToCredits(dollars as Usd))).toBe(dollars);
      }),
      runs,
    );
  });
});

describe("a value that is not a canonical amount is a programming error", () => {
  it.each([["0.30"], ["1e3"], ["-0"], [" 1"], ["01"], ["1.0000000000001"], [""]])(
    "refuses %j with a TypeError that says how to read input",
    (text) => {
      expect(() => addAmounts(text as Usd, usd("1"))).toThrow(TypeError);
      expect(() => sumAmounts([text as Usd])).toThrow(/parseUsd, parseCredits or parseQuotaUnits/);
    },
  );

  it("refuses a number cast to an amount", () => {
    expect(() => isZeroAmount(0 as unknown as Usd)).toThrow(TypeError);
  });
});
