/**
 * The time of a real `Date` (one made in another realm too: an iframe, a vm context), or
 * null for anything else. A `Symbol.toStringTag` of "Date" does not make an object a Date:
 * only the Date methods can tell, and they throw on anything else.
 *
 * @example
 * dateTimeOf(new Date(0)) //=> 0
 * dateTimeOf({ [Symbol.toStringTag]: "Date" }) //=> null
 */
export function dateTimeOf(input: unknown): number | null {
  if (typeof input !== "object" || input === null) return null;
  try {
    return Date.prototype.getTime.call(input);
  } catch {
    return null;
  }
}
