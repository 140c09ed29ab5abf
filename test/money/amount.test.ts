import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { credits, parseCredits, parseQuotaUnits, parseUsd, quotaUnits, usd } from "../../src";
import { atomsPerUnit, formatAmount, parseAmount, type Scaled } from "../../src/money";
import { propertyParameters } from "../support/settings";

const runs = propertyParameters();

describe("parsing amounts", () => {
  it.each([
    ["0.30", "0.3"],
    ["20.00", "20"],
    ["000123.4500", "123.45"],
    [" 7 ", "7"],
    ["0.000000000001", "0.000000000001"],
    ["999999999999999999.999999999999", "999999999999999999.999999999999"],
    ["-0", "0"],
    [5000, "5000"],
    [0.1, "0.1"],
    [1e-7, "0.0000001"],
    [1.5e21 / 1e6, "1500000000000000"],
  ])("%j → %j", (input, canonical) => {
    expect(parseUsd(input)).toEqual({ ok: true, value: canonical });
  });

  it.each([
    ["NaN", "invalid_amount"],
    [Number.NaN, "invalid_amount"],
    [Number.POSITIVE_INFINITY, "invalid_amount"],
    ["Infinity", "invalid_amount"],
    ["1e400", "invalid_amount"],
    ["1e-7", "invalid_amount"],
    ["12.3.4", "invalid_amount"],
    ["", "invalid_amount"],
    ["-5", "invalid_amount"],
    [-0.01, "invalid_amount"],
    [null, "invalid_amount"],
    [true, "invalid_amount"],
    ["0.0000000000001", "amount_scale_exceeded"],
    ["1000000000000000000", "invalid_amount"],
  ])("refuses %j with %s and quotes the value", (input, code) => {
    const result = parseCredits(input, ["credits"]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.path).toEqual(["credits"]);
    expect(result.error.message.length).toBeGreaterThan(10);
  });

  it("allows negatives only when asked", () => {
    expect(parseAmount("quota", "-1.5", { allowNegative: true })).toEqual({
      ok: true,
      value: -1_500_000_000_000n,
    });
    expect(parseQuotaUnits("-1.5").ok).toBe(false);
  });

  it("literal constructors give canonical strings and throw on a malformed literal", () => {
    expect(usd("20.00")).toBe("20");
    expect(credits(5000)).toBe("5000");
    expect(quotaUnits("6.5960")).toBe("6.596");
    expect(() => usd("twenty")).toThrow(TypeError);
  });
});

describe("canonical serialisation", () => {
  const atoms = fc.bigInt({ min: -(10n ** 30n) + 1n, max: 10n ** 30n - 1n });

  it("parse ∘ format is the identity on atoms", () => {
    fc.assert(
      fc.property(atoms, (a) => {
        const text = formatAmount(a as Scaled<"usd">);
        expect(parseAmount("usd", text, { allowNegative: true })).toEqual({ ok: true, value: a });
        expect(text).not.toMatch(/e|E/);
        expect(text).not.toMatch(/\.\d*0$/);
      }),
      runs,
    );
  });

  it("equal amounts serialise identically, whatever their spelling", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.nat(8), (a, pad) => {
        const whole = a / atomsPerUnit;
        const fraction = (a % atomsPerUnit).toString().padStart(12, "0");
        const spelled = `${"0".repeat(pad)}${whole}.${fraction}${"0".repeat(pad)}`;
        expect(parseUsd(spelled)).toEqual({ ok: true, value: formatAmount(a as Scaled<"usd">) });
      }),
      runs,
    );
  });
});
