/**
 * The outcome of every public function that can refuse its input: either the value,
 * or a typed {@link LedgerError}. Errors are values, never exceptions.
 *
 * @example
 * const r = parseUsd("0.30");
 * if (r.ok) console.log(r.value); //=> "0.3"
 */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/** Wraps a value as a successful {@link Result}. @example ok(1) //=> { ok: true, value: 1 } */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Wraps an error as a failed {@link Result}. @example err(e) //=> { ok: false, error: e } */
export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
