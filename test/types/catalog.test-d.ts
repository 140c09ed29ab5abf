import { describe, expectTypeOf, it } from "vitest";
import {
  type Catalog,
  type Credits,
  defaultCatalog,
  defineCatalog,
  extendCatalog,
  type Instant,
  type QuotaUnits,
  type Usd,
} from "../../src";

type Tier = NonNullable<Catalog["tiers"][string]>;
type Limit = NonNullable<NonNullable<Tier["limits"][string]>[string]>;
type Package = NonNullable<Catalog["credits"]["packages"][string]>;

describe("the Catalog type keeps branded strings strings", () => {
  it("a tier's price is Usd, a string you can assign and call string methods on", () => {
    expectTypeOf<Tier["monthlyPriceUsd"]>().toEqualTypeOf<Usd>();
    const price = defaultCatalog.tiers.max?.monthlyPriceUsd;
    if (price !== undefined) {
      const p: string = price;
      expectTypeOf(price.toUpperCase).toBeFunction();
      void p;
    }
  });

  it("effectiveFrom is an Instant, with the methods of a string", () => {
    expectTypeOf(defaultCatalog.effectiveFrom).toEqualTypeOf<Instant>();
    expectTypeOf(defaultCatalog.effectiveFrom.toUpperCase()).toEqualTypeOf<string>();
    expectTypeOf(defaultCatalog.effectiveFrom.length).toEqualTypeOf<number>();
  });

  it("limits are QuotaUnits and packages carry Usd and Credits", () => {
    expectTypeOf<Limit["units"]>().toEqualTypeOf<QuotaUnits>();
    expectTypeOf<Package["priceUsd"]>().toEqualTypeOf<Usd>();
    expectTypeOf<Package["credits"]>().toEqualTypeOf<Credits>();
  });

  it("is readonly all the way down, arrays included", () => {
    // @ts-expect-error a catalog's fields cannot be assigned
    defaultCatalog.id = "other";
    // @ts-expect-error nor nested ones
    defaultCatalog.credits.validity = { rule: "elapsed-days", days: 1 };
    expectTypeOf(defaultCatalog.assumptions).toMatchTypeOf<readonly unknown[]>();
    // @ts-expect-error a catalog's arrays have no push
    defaultCatalog.assumptions.push(defaultCatalog.assumptions[0]);
  });

  it("defineCatalog and extendCatalog answer a Result of Catalog", () => {
    const defined = defineCatalog(defaultCatalog);
    if (defined.ok) expectTypeOf(defined.value).toEqualTypeOf<Catalog>();
    const extended = extendCatalog(defaultCatalog, { id: "x" });
    if (extended.ok) expectTypeOf(extended.value).toEqualTypeOf<Catalog>();
  });
});
