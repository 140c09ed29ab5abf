import { describe, expectTypeOf, it } from "vitest";
import {
  applyEvent,
  type Credits,
  credits,
  type Instant,
  type LedgerEntry,
  type LedgerEvent,
  type LedgerOutcome,
  type QuotaUnits,
  type Usd,
  usd,
} from "../../src";

describe("the types keep their promises", () => {
  it("Credits, Usd and QuotaUnits are strings that cannot be mixed up", () => {
    expectTypeOf(credits("1")).toEqualTypeOf<Credits>();
    expectTypeOf<Credits>().toMatchTypeOf<string>();
    expectTypeOf<Credits>().not.toEqualTypeOf<Usd>();
    // @ts-expect-error a plain string is not Credits
    const c: Credits = "1";
    // @ts-expect-error Usd is not Credits
    const d: Credits = usd("1");
    // @ts-expect-error QuotaUnits are not Usd
    const u: Usd = "1" as QuotaUnits;
    void [c, d, u];
  });

  it("entries carry Instants and typed amounts", () => {
    type Debit = Extract<LedgerEntry, { type: "credits.debited" }>;
    expectTypeOf<Debit["credits"]>().toEqualTypeOf<Credits>();
    expectTypeOf<Debit["at"]>().toEqualTypeOf<Instant>();
    expectTypeOf<Debit["eventId"]>().toEqualTypeOf<string | null>();
    type Receipt = Extract<LedgerOutcome, { type: "usage" }>;
    expectTypeOf<Receipt["valueUsd"]>().toEqualTypeOf<Usd>();
    expectTypeOf<Receipt["quota"]["units"]>().toEqualTypeOf<QuotaUnits>();
  });

  it("events are a discriminated union; a usage needs a resource", () => {
    expectTypeOf<Extract<LedgerEvent, { type: "usage" }>>().toHaveProperty("resource");
    expectTypeOf(applyEvent).parameter(1).toEqualTypeOf<LedgerEvent>();
    // @ts-expect-error unknown event type
    const e: LedgerEvent = { type: "refund", id: "x", at: 0 };
    void e;
  });
});
