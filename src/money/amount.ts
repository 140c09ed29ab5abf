import { cutText, type FieldPath, fieldPathError, type LedgerError, ledgerError, quoteText } from "../errors";
import { amountMaxUnits, amountScaleDigits, amountTextLengthMax } from "../limits";
import { err, ok, type Result } from "../result";
import { Dec } from "./decimal";

declare const amountBrand: unique symbol;

/**
 * US dollars, as a canonical decimal string ("0.3", "20", "1234.5"): no exponent, no
 * trailing zeros, at most 12 decimal places. Two equal amounts are the same string.
 *
 * @example
 * const price: Usd = usd("20"); //=> "20"
 */
export type Usd = string & { readonly [amountBrand]: "usd" };

/**
 * Prepaid credits (1,000 credits = $1), as a canonical decimal string.
 *
 * @example
 * const balance: Credits = credits("5000"); //=> "5000"
 */
export type Credits = string & { readonly [amountBrand]: "credits" };

/**
 * Units of a quota bucket (list-price USD in the current rules; requests or prompts in
 * older ones), as a canonical decimal string.
 *
 * @example
 * const used: QuotaUnits = quotaUnits("19.834"); //=> "19.834"
 */
export type QuotaUnits = string & { readonly [amountBrand]: "quota" };

/** The three kinds of amount. @example const kind: AmountKind = "credits"; */
export type AmountKind = "usd" | "credits" | "quota";

/** The public string type of an amount kind. @example type C = AmountOf<"credits">; // Credits */
export type AmountOf<K extends AmountKind> = K extends "usd"
  ? Usd
  : K extends "credits"
    ? Credits
    : QuotaUnits;

declare const scaledBrand: unique symbol;

/**
 * Internal form of an amount: an integer count of 10^-12 of its unit (an "atom").
 * Only `money/` does arithmetic on it.
 */
export type Scaled<K extends AmountKind> = bigint & { readonly [scaledBrand]: K };

/** Atoms in one whole unit: 10^12. */
export const atomsPerUnit = 10n ** BigInt(amountScaleDigits);

const plainDecimal = /^(-?)(\d+)(?:\.(\d+))?$/;
const maxAtoms = amountMaxUnits * atomsPerUnit;

/** Options for {@link parseAmount}. */
export interface ParseAmountOptions {
  readonly path?: FieldPath;
  /** Accept negative amounts (default false). */
  readonly allowNegative?: boolean;
}

/**
 * Parses a decimal string or a finite number into an exact scaled amount. Refuses NaN,
 * Infinity, exponents, negatives (unless allowed), more than 12 decimal places and
 * magnitudes of 10^18 or more, with a typed error that quotes the value.
 *
 * @example
 * parseAmount("credits", "1234.5"); //=> { ok: true, value: 1234500000000000n }
 */
export function parseAmount<K extends AmountKind>(
  kind: K,
  input: unknown,
  options: ParseAmountOptions = {},
): Result<Scaled<K>, LedgerError> {
  const path = options.path ?? [];
  let text: string;
  if (typeof input === "string") {
    // Bounded before anything reads it: 10^7 digits must not reach BigInt or a message.
    if (input.length > amountTextLengthMax) {
      return err(
        ledgerError(
          "limit_exceeded",
          `An amount has at most ${amountTextLengthMax} characters; got ${input.length} (${quoteText(input)}).`,
          path,
          { amountTextLengthMax, length: input.length },
        ),
      );
    }
    text = input.trim();
  } else if (typeof input === "number") {
    if (!Number.isFinite(input)) {
      return err(
        ledgerError("invalid_amount", `Expected a finite ${label(kind)} amount, got ${input}.`, path),
      );
    }
    text = new Dec(input).toFixed(); // the number's shortest decimal spelling, never an exponent
  } else {
    return err(
      ledgerError(
        "invalid_amount",
        `Expected a ${label(kind)} amount as a decimal string, got ${typeof input}.`,
        path,
      ),
    );
  }
  const match = plainDecimal.exec(text);
  if (!match) {
    return err(
      ledgerError(
        "invalid_amount",
        `Expected a plain decimal ${label(kind)} amount like "12.5", got ${quoteOf(input)}.`,
        path,
        { value: cutText(String(input)) },
      ),
    );
  }
  const [, sign = "", whole = "0", rawFraction = ""] = match;
  const fraction = rawFraction.replace(/0+$/, "");
  const isZero = /^0*$/.test(whole) && fraction === "";
  if (sign === "-" && !isZero && options.allowNegative !== true) {
    return err(
      ledgerError(
        "invalid_amount",
        `Expected a non-negative ${label(kind)} amount, got ${quoteOf(input)}.`,
        path,
        {
          value: cutText(String(input)),
        },
      ),
    );
  }
  if (fraction.length > amountScaleDigits) {
    return err(
      ledgerError(
        "amount_scale_exceeded",
        `${quoteOf(input)} has ${fraction.length} decimal places; at most ${amountScaleDigits} are allowed.`,
        path,
        { value: cutText(String(input)), places: fraction.length, maxPlaces: amountScaleDigits },
      ),
    );
  }
  const magnitude = BigInt(whole + fraction.padEnd(amountScaleDigits, "0"));
  if (magnitude >= maxAtoms) {
    return err(
      ledgerError("invalid_amount", `${quoteOf(input)} is too large: amounts stay below 10^18.`, path, {
        value: cutText(String(input)),
      }),
    );
  }
  return ok((sign === "-" ? -magnitude : magnitude) as Scaled<K>);
}

/**
 * Formats a scaled amount as its canonical decimal string.
 *
 * @example
 * formatAmount(1234500000000000n as Scaled<"credits">); //=> "1234.5"
 */
export function formatAmount<K extends AmountKind>(atoms: Scaled<K>): AmountOf<K> {
  if (atoms === 0n) return "0" as AmountOf<K>;
  const negative = atoms < 0n;
  // One conversion to digits, then as few slices and joins as the text needs: bigint
  // division allocates a bigint per step, and every string made here is one an entry keeps
  // (a replay that keeps its entries formats millions of amounts).
  const digits = (negative ? -atoms : atoms).toString();
  const length = digits.length;
  const wholeDigits = length - amountScaleDigits;
  let end = length;
  while (digits.charCodeAt(end - 1) === 48) end--; // stops at a digit that is not "0" (atoms ≠ 0)
  let text: string;
  if (wholeDigits <= 0) text = (fractionPrefixes[-wholeDigits] as string) + digits.slice(0, end);
  else if (end <= wholeDigits) text = digits.slice(0, wholeDigits);
  else text = `${digits.slice(0, wholeDigits)}.${digits.slice(wholeDigits, end)}`;
  return (negative ? `-${text}` : text) as AmountOf<K>;
}

/** "0." and the zeros before a fraction's first digit, by their number: "0.", "0.0", … */
const fractionPrefixes: readonly string[] = Object.freeze(
  Array.from({ length: amountScaleDigits }, (_, zeros) => `0.${"0".repeat(zeros)}`),
);

/**
 * The canonical spelling of a non-negative amount, as {@link formatAmount} writes it:
 * no sign, no leading zeros, no trailing fractional zeros, at most 12 places, below
 * 10^18 (at most 18 whole digits). Internal; a property test proves it accepts exactly
 * the strings that parse and format back to themselves.
 */
const canonicalNonNegative = /^(?:0|[1-9]\d{0,17})(?:\.\d{0,11}[1-9])?$/;

/** True when `text` is a canonical non-negative amount (what the library writes). */
export function isCanonicalAmount(text: string): boolean {
  return canonicalNonNegative.test(text);
}

/**
 * Reads a canonical decimal string that the library itself wrote (state JSON already
 * validated by parseLedger): no checks beyond the shape, so it is fast.
 */
export function parseTrustedAmount<K extends AmountKind>(text: string): Scaled<K> {
  const dot = text.indexOf(".");
  if (dot < 0) return (BigInt(text) * atomsPerUnit) as Scaled<K>;
  const fraction = text.slice(dot + 1);
  const negative = text.charCodeAt(0) === 45; // "-"
  const whole = BigInt(text.slice(negative ? 1 : 0, dot) + fraction.padEnd(amountScaleDigits, "0"));
  return (negative ? -whole : whole) as Scaled<K>;
}

/** Casts trusted internal atoms to a scaled amount of kind `K` (no check). */
export function scaled<K extends AmountKind>(atoms: bigint): Scaled<K> {
  return atoms as Scaled<K>;
}

/** A refused amount as a message quotes it (a string, cut; a number as written). */
function quoteOf(input: string | number): string {
  return typeof input === "string" ? quoteText(input) : String(input);
}

function label(kind: AmountKind): string {
  return kind === "usd" ? "USD" : kind === "credits" ? "credits" : "quota-unit";
}

function mustParse<K extends AmountKind>(kind: K, input: string | number): AmountOf<K> {
  const parsed = parseAmount(kind, input, { allowNegative: true });
  if (!parsed.ok) throw new TypeError(`[token-plan] ${parsed.error.message}`);
  return formatAmount(parsed.value);
}

/**
 * Parses a USD amount into its canonical form, or returns a typed error.
 *
 * @example
 * parseUsd("0.30"); //=> { ok: true, value: "0.3" }
 */
export function parseUsd(input: unknown, path: FieldPath = []): Result<Usd, LedgerError> {
  const badPath = fieldPathError(path);
  if (badPath !== null) return err(badPath);
  const parsed = parseAmount("usd", input, { path });
  return parsed.ok ? ok(formatAmount(parsed.value)) : parsed;
}

/**
 * Parses a credits amount into its canonical form, or returns a typed error.
 *
 * @example
 * parseCredits(5000); //=> { ok: true, value: "5000" }
 */
export function parseCredits(input: unknown, path: FieldPath = []): Result<Credits, LedgerError> {
  const badPath = fieldPathError(path);
  if (badPath !== null) return err(badPath);
  const parsed = parseAmount("credits", input, { path });
  return parsed.ok ? ok(formatAmount(parsed.value)) : parsed;
}

/**
 * Parses a quota-units amount into its canonical form, or returns a typed error.
 *
 * @example
 * parseQuotaUnits("19.8340"); //=> { ok: true, value: "19.834" }
 */
export function parseQuotaUnits(input: unknown, path: FieldPath = []): Result<QuotaUnits, LedgerError> {
  const badPath = fieldPathError(path);
  if (badPath !== null) return err(badPath);
  const parsed = parseAmount("quota", input, { path });
  return parsed.ok ? ok(formatAmount(parsed.value)) : parsed;
}

/**
 * A USD amount from a literal you trust (throws a TypeError on a malformed literal; use
 * {@link parseUsd} for input).
 *
 * @example
 * usd("20.00"); //=> "20"
 */
export function usd(literal: string | number): Usd {
  return mustParse("usd", literal);
}

/**
 * A credits amount from a literal you trust (throws on a malformed literal; use
 * {@link parseCredits} for input).
 *
 * @example
 * credits(5000); //=> "5000"
 */
export function credits(literal: string | number): Credits {
  return mustParse("credits", literal);
}

/**
 * A quota-units amount from a literal you trust (throws on a malformed literal; use
 * {@link parseQuotaUnits} for input).
 *
 * @example
 * quotaUnits("6.596"); //=> "6.596"
 */
export function quotaUnits(literal: string | number): QuotaUnits {
  return mustParse("quota", literal);
}
