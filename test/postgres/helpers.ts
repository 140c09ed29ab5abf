/**
 * The store tests' helpers that need no database (the mutation tests of the store import
 * them alone): a value or a thrown refusal, a sequential replay, a state's stored text, a
 * usage. test/postgres/support.ts re-exports them beside its databases.
 */
import { applyEvent, createLedger, type LedgerEvent, type LedgerState, serializeLedger } from "../../src";

/** A value the test needs, or a thrown error naming the refusal. */
export function must<T extends { readonly ok: boolean }>(result: T): Extract<T, { readonly ok: true }> {
  if (!result.ok) {
    const error = (result as unknown as { error: { code: string; message: string } }).error;
    throw new Error(`unexpected refusal ${error.code}: ${error.message}`);
  }
  return result as Extract<T, { readonly ok: true }>;
}

/** A ledger with these events applied one by one (the test's own sequential replay). */
export function replay(events: readonly LedgerEvent[], initial?: LedgerState): LedgerState {
  let state = initial ?? must(createLedger()).state;
  for (const event of events) state = must(applyEvent(state, event)).state;
  return state;
}

/** The stored text of a state. */
export function textOf(state: LedgerState): string {
  return must(serializeLedger(state)).value;
}

/** A usage of MiniMax-M3 at `at` (epoch ms): 100k input + 20k output tokens. */
export function usageAt(id: string, at: number): LedgerEvent {
  return {
    type: "usage",
    id,
    at,
    resource: "MiniMax-M3",
    measures: { inputTokens: 100_000, outputTokens: 20_000 },
  };
}
