/**
 * Display: Intl spells the digits, the calculator decides them. Non-breaking spaces are
 * written as \u00a0 (de-DE puts one before €).
 */
import { describe, expect, it } from "vitest";
import { credits, formatDecimal, formatUsd, quotaUnits, usd } from "../../src";

describe("formatUsd", () => {
  it("shows the currency's decimals by default: $1,234.50", () => {
    expect(formatUsd(usd("1234.5"))).toBe("$1,234.50");
    expect(formatUsd(usd("0"))).toBe("$0.00");
  });

  it("rounds exactly, half-up by default: $0.005 → $0.01, $0.004999999999 → $0.00", () => {
    expect(formatUsd(usd("0.005"))).toBe("$0.01");
    expect(formatUsd(usd("0.004999999999"))).toBe("$0.00");
    expect(formatUsd(usd("0.125"), { rounding: "half-even" })).toBe("$0.12");
    expect(formatUsd(usd("0.125"), { rounding: "ceil" })).toBe("$0.13");
  });

  it("shows a usage's sub-cent value when asked: $0.0061035 to 5 decimals is $0.0061 (0.00610|35)", () => {
    expect(formatUsd(usd("0.0061035"), { maximumFractionDigits: 5 })).toBe("$0.0061");
    expect(formatUsd(usd("0.0061035"), { maximumFractionDigits: 7 })).toBe("$0.0061035");
    expect(formatUsd(usd("0.0061035"), { maximumFractionDigits: 0 })).toBe("$0");
  });

  it("keeps every digit of amounts a double cannot hold (18 whole digits)", () => {
    // As a number, 123456789012345678.91 is 123456789012345680.
    expect(formatUsd(usd("123456789012345678.91"))).toBe("$123,456,789,012,345,678.91");
  });

  it("follows the locale and the currency asked, never converting", () => {
    expect(formatUsd(usd("50"), { locale: "de-DE", currency: "EUR" })).toBe("50,00\u00a0€");
    expect(formatUsd(usd("1234.5"), { currencyDisplay: "code" })).toBe("USD\u00a01,234.50");
    // Yen has no decimals: the currency's own default rounds 12.5 half-up to 13.
    expect(formatUsd(usd("12.5"), { currency: "JPY" })).toBe("¥13");
    expect(formatUsd(usd("1234.5"), { locale: ["xx", "en-GB"], useGrouping: false })).toBe("US$1234.50");
  });

  it("shows a negative amount with its sign, and one rounded to zero without", () => {
    expect(formatUsd(usd("-12.5"))).toBe("-$12.50");
    expect(formatUsd(usd("-0.001"))).toBe("$0.00");
  });

  it("refuses digits outside 0–12 and what Intl refuses, with a RangeError", () => {
    expect(() => formatUsd(usd("1"), { maximumFractionDigits: 13 })).toThrow(RangeError);
    expect(() => formatUsd(usd("1"), { minimumFractionDigits: 1.5 })).toThrow(RangeError);
    expect(() => formatUsd(usd("1"), { currency: "dollars" })).toThrow(RangeError);
  });
});

describe("formatDecimal", () => {
  it("shows every digit by default, grouped: 23,765.5 and 18 + 12 digits", () => {
    expect(formatDecimal(credits("23765.5"))).toBe("23,765.5");
    expect(formatDecimal(credits("123456789012345678.123456789012"))).toBe(
      "123,456,789,012,345,678.123456789012",
    );
  });

  it("rounds exactly to the digits asked and pads to the minimum", () => {
    expect(formatDecimal(quotaUnits("19.834"), { locale: "de-DE", maximumFractionDigits: 1 })).toBe("19,8");
    expect(formatDecimal(quotaUnits("19.85"), { maximumFractionDigits: 1 })).toBe("19.9");
    expect(formatDecimal(credits("5000"), { minimumFractionDigits: 2 })).toBe("5,000.00");
  });

  it("spells the locale's numerals", () => {
    expect(formatDecimal(credits("1234.5"), { locale: "ar-EG" })).toBe("١٬٢٣٤٫٥");
  });

  it("refuses a malformed value and out-of-range digits", () => {
    expect(() => formatDecimal("1,5" as ReturnType<typeof credits>)).toThrow(TypeError);
    expect(() => formatDecimal(credits("1"), { maximumFractionDigits: -1 })).toThrow(RangeError);
  });
});
