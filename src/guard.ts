/**
 * Inputs are plain data: the library reads each value once (the usage fast path copies
 * what it reads; zod builds its own copy) and never mutates it. A getter or Proxy that
 * throws while it is read would otherwise escape from the function the caller called, so
 * every public entry runs its body through {@link guard}: such a throw becomes a typed
 * `invalid_input` refusal. An {@link InvariantError} is a bug in the library, not input,
 * and is let through.
 */
import { InvariantError } from "./assert";
import { type LedgerError, thrownInputError } from "./errors";

/**
 * Runs a public function's body; a throw from reading the caller's input is returned as
 * `{ ok: false, error }` with code `invalid_input`. Invariant errors are rethrown.
 */
export function guard<T>(body: () => T): T | { readonly ok: false; readonly error: LedgerError } {
  try {
    return body();
  } catch (thrown) {
    if (thrown instanceof InvariantError) throw thrown;
    return { ok: false, error: thrownInputError(thrown) };
  }
}
