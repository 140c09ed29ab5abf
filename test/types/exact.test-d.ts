import { describe, expectTypeOf, it } from "vitest";
import {
  addAmounts,
  type Credits,
  compareAmounts,
  credits,
  creditsToUsd,
  maxAmount,
  minAmount,
  type QuotaUnits,
  quotaUnits,
  subtractAmounts,
  sumAmounts,
  type Usd,
  usd,
  usdToCredits,
} from "../../src";

describe("the exact helpers keep each amount's kind", () => {
  it("answer the kind they are given", () => {
    expectTypeOf(addAmounts(usd("1"), usd("2"))).toEqualTypeOf<Usd>();
    expectTypeOf(subtractAmounts(credits("1"), credits("2"))).toEqualTypeOf<Credits>();
    expectTypeOf(sumAmounts([quotaUnits("1")])).toEqualTypeOf<QuotaUnits>();
    expectTypeOf(minAmount(credits("1"), credits("2"))).toEqualTypeOf<Credits>();
    expectTypeOf(maxAmount(usd("1"), usd("2"))).toEqualTypeOf<Usd>();
    expectTypeOf(compareAmounts(usd("1"), usd("2"))).toEqualTypeOf<-1 | 0 | 1>();
    expectTypeOf(usdToCredits(usd("1"))).toEqualTypeOf<Credits>();
    expectTypeOf(creditsToUsd(credits("1"))).toEqualTypeOf<Usd>();
  });

  it("refuse to mix kinds or to take plain strings", () => {
    // @ts-expect-error dollars do not add to credits
    addAmounts(usd("1"), credits("1"));
    // @ts-expect-error nor are they compared with quota units
    compareAmounts(usd("1"), quotaUnits("1"));
    // @ts-expect-error a list of mixed kinds has no sum
    sumAmounts([usd("1"), credits("1")]);
    // @ts-expect-error a plain string is no amount: parse it first
    subtractAmounts("1", "2");
    // @ts-expect-error credits are converted from credits only
    creditsToUsd(usd("1"));
  });

  it("compareAmounts sorts a list of one kind", () => {
    const sorted = [usd("10"), usd("9.5")].sort(compareAmounts);
    expectTypeOf(sorted).toEqualTypeOf<Usd[]>();
  });
});
