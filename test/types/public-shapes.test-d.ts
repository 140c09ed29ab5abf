/**
 * The public result types are written out as plain interfaces (for the docs and the
 * editor); at run time the values are the formatted internal forms. These tests hold
 * each pair equal, so neither can change without the other.
 */

import { describe, expectTypeOf, it } from "vitest";
import type * as z from "zod/mini";
import type {
  CreditBalance,
  LedgerEntry,
  LedgerEvent,
  LedgerOutcome,
  QuotaStatus,
  UsageQuote,
  UsageReceipt,
} from "../../src";
import type { Fact, Formatted, ledgerEventSchema, OutcomeInternal } from "../../src/ledger";
import type { UsageReceiptInternal } from "../../src/ledger/outcomes";
import type { CreditBalanceInternal } from "../../src/queries/credits";
import type { QuotaStatusInternal } from "../../src/queries/quota";

describe("public result types equal the formatted internal forms", () => {
  it("entries and outcomes", () => {
    expectTypeOf<LedgerEntry>().toEqualTypeOf<Formatted<Fact>>();
    expectTypeOf<LedgerOutcome>().toEqualTypeOf<Formatted<OutcomeInternal>>();
    expectTypeOf<UsageReceipt>().toEqualTypeOf<Formatted<UsageReceiptInternal>>();
  });

  it("query answers", () => {
    expectTypeOf<QuotaStatus>().toEqualTypeOf<Formatted<QuotaStatusInternal>>();
    expectTypeOf<CreditBalance>().toEqualTypeOf<Formatted<CreditBalanceInternal>>();
    expectTypeOf<UsageQuote>().toMatchTypeOf<UsageReceipt>();
  });

  it("events: what the schema accepts is what the type allows, both ways", () => {
    type Accepted = z.input<typeof ledgerEventSchema>;
    expectTypeOf<LedgerEvent>().toExtend<Accepted>();
    expectTypeOf<Accepted>().toExtend<LedgerEvent>();
  });
});
