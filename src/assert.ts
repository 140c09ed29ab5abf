/**
 * Invariant checks. A failure here is a bug in token-plan, never bad input: bad input
 * is answered with a typed `LedgerError` value before any rule runs. A message that
 * needs building is passed as a function, so the hot path never builds it.
 */

/** What {@link assert} throws: a bug in token-plan, which the public entries let through. */
export class InvariantError extends Error {
  override readonly name = "InvariantError";
}

export function assert(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) {
    throw new InvariantError(
      `[token-plan] invariant broken: ${typeof message === "function" ? message() : message}`,
    );
  }
}
