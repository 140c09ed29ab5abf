/**
 * Exact arithmetic on the library's canonical decimal strings, for the properties: every
 * amount becomes a bigint of 10⁻¹² units ("atoms"), so sums and comparisons are exact.
 * Never floats.
 */

/** Decimal places of every amount (the library's `amountScaleDigits`). */
export const amountScaleDigits = 12;
const scale = 10n ** BigInt(amountScaleDigits);

/**
 * The amount as a bigint of 10⁻¹² units. Throws on anything that is not a plain
 * non-negative decimal with at most 12 places: a property must never read an amount loosely.
 *
 * @example toAtoms("1.5") //=> 1_500_000_000_000n
 */
export function toAtoms(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,12}))?$/.exec(text);
  if (match === null) throw new Error(`not a canonical amount: ${JSON.stringify(text)}`);
  const [, whole = "0", fraction = ""] = match;
  return BigInt(whole) * scale + BigInt(fraction.padEnd(amountScaleDigits, "0"));
}

/** The canonical text of an amount in atoms (for messages): 1_500_000_000_000n → "1.5". */
export function fromAtoms(atoms: bigint): string {
  const sign = atoms < 0n ? "-" : "";
  const abs = atoms < 0n ? -atoms : atoms;
  const whole = abs / scale;
  const fraction = (abs % scale).toString().padStart(amountScaleDigits, "0").replace(/0+$/, "");
  return `${sign}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

/** The sum of amounts, in atoms. */
export function sumAtoms(texts: Iterable<string>): bigint {
  let total = 0n;
  for (const text of texts) total += toAtoms(text);
  return total;
}

/** Credits per USD (1,000 credits = $1). */
export const creditsPerUsd = 1000n;
