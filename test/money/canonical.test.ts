/**
 * `isCanonicalAmount` (a regular expression, used by parseLedger for speed) accepts exactly
 * the strings that parse as a non-negative amount and format back to themselves.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAmount, isCanonicalAmount, parseAmount, type Scaled } from "../../src/money";
import { propertyParameters } from "../support/settings";

/** The slow definition: parse, then format, and compare. */
function roundTrips(text: string): boolean {
  const parsed = parseAmount("credits", text);
  return parsed.ok && parsed.value >= 0n && formatAmount(parsed.value) === text;
}

const digit = fc.constantFrom(..."0123456789");
/** Decimal-looking strings: signs, leading and trailing zeros, long parts, stray characters. */
const decimalish = fc
  .tuple(
    fc.constantFrom("", "", "", "-", "+", " "),
    fc.array(digit, { maxLength: 21 }).map((d) => d.join("")),
    fc.option(fc.array(digit, { maxLength: 15 }).map((d) => d.join(""))),
    fc.constantFrom("", "", "", "", "0", "e5", " ", "x"),
  )
  .map(([sign, whole, fraction, tail]) => `${sign}${whole}${fraction === null ? "" : `.${fraction}`}${tail}`);

describe("isCanonicalAmount", () => {
  it("agrees with parse-and-format on decimal-looking strings", () => {
    fc.assert(
      fc.property(decimalish, (text) => {
        expect(isCanonicalAmount(text)).toBe(roundTrips(text));
      }),
      propertyParameters(),
    );
  });

  it("accepts every amount the library writes below 10^18 units, and none at or above it", () => {
    const bound = 10n ** 30n; // 10^18 units of 10^-12 atoms
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n * bound }), (atoms) => {
        const text = formatAmount(atoms as Scaled<"credits">);
        expect(isCanonicalAmount(text)).toBe(atoms < bound);
        expect(roundTrips(text)).toBe(atoms < bound);
      }),
      propertyParameters(),
    );
  });

  it.each([
    ["0", true],
    ["0.5", true],
    ["999999999999999999.999999999999", true],
    ["1000000000000000000", false],
    ["00", false],
    ["01", false],
    ["1.50", false],
    ["1.", false],
    [".5", false],
    ["-0", false],
    ["-1", false],
    ["0.0000000000001", false],
    [" 1", false],
  ])("%s → %s", (text, expected) => {
    expect(isCanonicalAmount(text)).toBe(expected);
    expect(roundTrips(text)).toBe(expected);
  });
});
