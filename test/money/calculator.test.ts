import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calc, divideRounded, type RoundingMode, type Scaled } from "../../src/money";

const s = (n: bigint) => n as Scaled<"credits">;

describe("divideRounded: each mode, hand-checked", () => {
  // 7/2 = 3.5, 5/2 = 2.5, 7/3 = 2.33…, 8/3 = 2.66…, and the negatives.
  it.each<[bigint, bigint, RoundingMode, bigint]>([
    [7n, 2n, "half-even", 4n],
    [5n, 2n, "half-even", 2n],
    [-5n, 2n, "half-even", -2n],
    [7n, 2n, "half-up", 4n],
    [5n, 2n, "half-up", 3n],
    [-5n, 2n, "half-up", -3n],
    [5n, 2n, "half-down", 2n],
    [8n, 3n, "half-down", 3n],
    [7n, 3n, "up", 3n],
    [-7n, 3n, "up", -3n],
    [8n, 3n, "down", 2n],
    [-8n, 3n, "down", -2n],
    [7n, 3n, "ceil", 3n],
    [-7n, 3n, "ceil", -2n],
    [7n, 3n, "floor", 2n],
    [-7n, 3n, "floor", -3n],
    [9n, 3n, "up", 3n],
  ])("%d / %d (%s) = %d", (n, d, mode, expected) => {
    expect(divideRounded(n, d, mode)).toBe(expected);
  });

  it("never moves more than one unit from the exact quotient and is exact when divisible", () => {
    const modes: RoundingMode[] = ["half-even", "half-up", "half-down", "up", "down", "ceil", "floor"];
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.constantFrom(...modes),
        (n, d, mode) => {
          const q = divideRounded(n, d, mode);
          expect(q * d - n <= d && n - q * d <= d).toBe(true);
          expect(divideRounded(n * d, d, mode)).toBe(n);
        },
      ),
    );
  });
});

describe("conversions", () => {
  it("1,000 credits = $1 exactly", () => {
    expect(calc.usdToCredits(1_000_000_000_000n as Scaled<"usd">)).toBe(1_000_000_000_000_000n);
    expect(calc.creditsToUsdExact(s(5_000_000_000_000_000n))).toBe(5_000_000_000_000n);
    expect(calc.creditsToUsdExact(s(1n))).toBeNull();
  });

  it("roundRational rounds only to the rule's places", () => {
    // 1/3 of an atom-scaled dollar at 2 places: 0.33 (half-even), 0.34 (up).
    const third = calc.roundRational<"usd">(10n ** 12n, 3n, { places: 2, mode: "half-even" });
    expect(third).toBe(330_000_000_000n);
    expect(calc.roundRational<"usd">(10n ** 12n, 3n, { places: 2, mode: "up" })).toBe(340_000_000_000n);
    expect(calc.roundRational<"usd">(6n, 2n, { places: 12, mode: "up" })).toBe(3n);
  });

  it("proportion of a whole by a part", () => {
    const rule = { places: 12, mode: "half-even" } as const;
    expect(calc.proportion(s(300n), 1n as Scaled<"quota">, 3n as Scaled<"quota">, rule)).toBe(100n);
    expect(calc.proportion(s(300n), 3n as Scaled<"quota">, 3n as Scaled<"quota">, rule)).toBe(300n);
  });

  it("percentOf gives two decimals and 100 for a zero limit", () => {
    expect(calc.percentOf(1n as Scaled<"quota">, 3n as Scaled<"quota">)).toBe(33.33);
    expect(calc.percentOf(0n as Scaled<"quota">, 0n as Scaled<"quota">)).toBe(100);
  });

  it("applyPermille scales limits (1500 = 1.5×) and rounds down to an atom", () => {
    expect(calc.applyPermille(10n as Scaled<"quota">, 1500)).toBe(15n);
    expect(calc.applyPermille(3n as Scaled<"quota">, 1500)).toBe(4n);
  });

  it("min, max, compare, subtractFloor, sum, negate", () => {
    expect(calc.min(s(2n), s(3n))).toBe(2n);
    expect(calc.max(s(2n), s(3n))).toBe(3n);
    expect([calc.compare(s(1n), s(2n)), calc.compare(s(2n), s(2n)), calc.compare(s(3n), s(2n))]).toEqual([
      -1, 0, 1,
    ]);
    expect(calc.subtractFloor(s(2n), s(3n))).toBe(0n);
    expect(calc.sum([s(1n), s(2n), s(3n)])).toBe(6n);
    expect(calc.negate(s(4n))).toBe(-4n);
    expect(calc.isZero(s(0n))).toBe(true);
  });
});
