/**
 * Invariant checks. A failure here is a bug in token-plan, never bad input: bad input
 * is answered with a typed `LedgerError` value before any rule runs.
 */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`[token-plan] invariant broken: ${message}`);
}
