import Decimal from "decimal.js";
import { afterEach, describe, expect, it } from "vitest";
import { parseUsd } from "../../src";
import { Dec } from "../../src/money";

describe("the private decimal.js clone", () => {
  const saved = { precision: Decimal.precision, rounding: Decimal.rounding, toExpNeg: Decimal.toExpNeg };
  afterEach(() => Decimal.set(saved));

  it("a user's global Decimal.set does not change our results", () => {
    Decimal.set({ precision: 2, rounding: Decimal.ROUND_DOWN, toExpNeg: -1 });
    expect(parseUsd(0.000123456789).ok && parseUsd(0.000123456789)).toEqual({
      ok: true,
      value: "0.000123456789",
    });
    expect(new Dec("2").div(3).toString()).toBe("0.6666666666666666666666666666666666666667");
  });

  it("our configuration does not leak into the user's Decimal", () => {
    parseUsd(0.1);
    expect(Dec.precision).toBe(40);
    expect(Decimal.precision).toBe(saved.precision);
    expect(new Decimal("2").div(3).toString()).toBe(new Decimal(2).div(3).toString());
    expect(Decimal.rounding).toBe(saved.rounding);
  });
});
