/**
 * The money rules that Stryker's survivors showed untested (issue 23): which kind a refusal
 * names, the params it carries, the function a programming error names, the half-down and
 * half-even remainders, and display grouping in a locale that groups only from 5 digits.
 */
import { describe, expect, it } from "vitest";
import {
  addAmounts,
  compareAmounts,
  credits,
  creditsToUsd,
  formatDecimal,
  formatUsd,
  isZeroAmount,
  maxAmount,
  minAmount,
  parseCredits,
  parseQuotaUnits,
  parseUsd,
  quotaUnits,
  subtractAmounts,
  sumAmounts,
  type Usd,
  usd,
  usdToCredits,
} from "../../src";
import { calc, divideRounded, type Scaled, scaled } from "../../src/money";

describe("a refused amount names its kind", () => {
  it.each([
    ["USD", () => parseUsd("twelve")],
    ["credits", () => parseCredits("twelve")],
    ["quota-unit", () => parseQuotaUnits("twelve")],
  ])('"twelve" as %s: "Expected a plain decimal %s amount"', (kind, parse) => {
    const parsed = parse();
    expect(!parsed.ok && parsed.error.message).toBe(
      `Expected a plain decimal ${kind} amount like "12.5", got "twelve".`,
    );
  });

  it("a literal helper throws the parser's message, kind included", () => {
    expect(() => usd("twenty")).toThrow('[token-plan] Expected a plain decimal USD amount like "12.5"');
    expect(() => credits("twenty")).toThrow(
      '[token-plan] Expected a plain decimal credits amount like "12.5"',
    );
    expect(() => quotaUnits("twenty")).toThrow(
      '[token-plan] Expected a plain decimal quota-unit amount like "12.5"',
    );
  });
});

describe("a refused amount's params quote the value", () => {
  it("a negative amount: { value }", () => {
    const parsed = parseCredits("-5");
    expect(!parsed.ok && parsed.error.params).toEqual({ value: "-5" });
  });

  it("10^18 (one past the bound): { value }", () => {
    const parsed = parseCredits("1000000000000000000");
    expect(!parsed.ok && parsed.error.params).toEqual({ value: "1000000000000000000" });
  });
});

describe("exact helpers refuse a value that is not canonical, naming the function", () => {
  // "-0" matches the canonical pattern's shape but is not what the library writes.
  const cases: [string, (bad: Usd) => unknown][] = [
    ["addAmounts", (bad) => addAmounts(bad, usd("1"))],
    ["addAmounts", (bad) => addAmounts(usd("1"), bad)],
    ["sumAmounts", (bad) => sumAmounts([usd("1"), bad])],
    ["subtractAmounts", (bad) => subtractAmounts(bad, usd("1"))],
    ["subtractAmounts", (bad) => subtractAmounts(usd("1"), bad)],
    ["compareAmounts", (bad) => compareAmounts(bad, usd("1"))],
    ["compareAmounts", (bad) => compareAmounts(usd("1"), bad)],
    ["minAmount", (bad) => minAmount(bad, usd("1"))],
    ["minAmount", (bad) => minAmount(usd("1"), bad)],
    ["maxAmount", (bad) => maxAmount(bad, usd("1"))],
    ["maxAmount", (bad) => maxAmount(usd("1"), bad)],
    ["isZeroAmount", (bad) => isZeroAmount(bad)],
    ["usdToCredits", (bad) => usdToCredits(bad)],
    ["creditsToUsd", (bad) => creditsToUsd(bad as unknown as ReturnType<typeof credits>)],
    ["formatDecimal", (bad) => formatDecimal(bad)],
    ["formatUsd", (bad) => formatUsd(bad)],
  ];
  it.each(cases)("%s: -0 and 1,5", (name, call) => {
    for (const bad of ["-0", "1,5"]) {
      expect(() => call(bad as Usd)).toThrow(new TypeError(expectedMessage(name, bad)));
    }
  });

  it("a value that is not a string at all (a cast number) is refused the same way", () => {
    expect(() => addAmounts(5 as unknown as Usd, usd("1"))).toThrow(
      new TypeError(expectedMessage("addAmounts", 5)),
    );
  });

  function expectedMessage(name: string, bad: string | number): string {
    return `[token-plan] ${name}: ${JSON.stringify(bad)} is not a canonical amount; read amounts from outside with parseUsd, parseCredits or parseQuotaUnits.`;
  }
});

describe("rounding remainders", () => {
  it.each([
    // 3/2 = 1.5: half-down keeps 1 where half-even goes to the even 2.
    [3n, 2n, "half-down", 1n],
    [-3n, 2n, "half-down", -1n],
    [3n, 2n, "half-even", 2n],
    // 5/3 = 1.67: above the half, half-even rounds away from zero; 4/3 = 1.33 stays.
    [5n, 3n, "half-even", 2n],
    [-5n, 3n, "half-even", -2n],
    [4n, 3n, "half-even", 1n],
  ] as const)("%d / %d (%s) = %d", (n, d, mode, expected) => {
    expect(divideRounded(n, d, mode)).toBe(expected);
  });

  it("mulDiv: 10 × 1 / 3 is 3.33…, 4 rounded up, 3 down; exact when it divides", () => {
    const ten = 10n as Scaled<"credits">;
    expect(calc.mulDiv(ten, 1n, 3n, "up")).toBe(4n);
    expect(calc.mulDiv(ten, 1n, 3n, "down")).toBe(3n);
    expect(calc.mulDiv(ten, 3n, 5n, "up")).toBe(6n);
  });

  it("scaled brands atoms as they are", () => {
    expect(scaled<"usd">(-7n)).toBe(-7n);
  });
});

describe("display messages and grouping", () => {
  it("a digit count out of range names the option", () => {
    expect(() => formatDecimal(credits("1"), { maximumFractionDigits: 13 })).toThrow(
      new RangeError("[token-plan] maximumFractionDigits must be a whole number from 0 to 12."),
    );
    expect(() => formatDecimal(credits("1"), { minimumFractionDigits: -1 })).toThrow(
      new RangeError("[token-plan] minimumFractionDigits must be a whole number from 0 to 12."),
    );
    expect(() => formatUsd(usd("1"), { maximumFractionDigits: 1.5 })).toThrow(
      new RangeError("[token-plan] maximumFractionDigits must be a whole number from 0 to 12."),
    );
    expect(() => formatUsd(usd("1"), { minimumFractionDigits: 13 })).toThrow(
      new RangeError("[token-plan] minimumFractionDigits must be a whole number from 0 to 12."),
    );
  });

  it('groups by default even where the locale would not ("es" groups only from 5 digits: 1.234,5)', () => {
    expect(formatDecimal(credits("1234.5"), { locale: "es" })).toBe("1.234,5");
    expect(formatUsd(usd("1234.5"), { locale: "es", currency: "EUR" })).toBe("1.234,50\u00a0€");
    expect(formatDecimal(credits("1234.5"), { locale: "es", useGrouping: false })).toBe("1234,5");
  });
});
