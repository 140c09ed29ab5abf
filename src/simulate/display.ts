/**
 * Amounts for people: rounded for display only (half-even, never in a total), with
 * thousands separators. Every total stays exact; only its text is shortened.
 */
import { calc, formatAmount, parseTrustedAmount, type Scaled } from "../money";

/** Groups the whole part of a plain decimal string by thousands: "12000.5" → "12,000.5". */
export function groupThousands(text: string): string {
  const dot = text.indexOf(".");
  const whole = dot === -1 ? text : text.slice(0, dot);
  const fraction = dot === -1 ? "" : text.slice(dot);
  // \B never matches between a leading "-" and the first digit, so a sign needs no case of its own.
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction}`;
}

/** A canonical amount rounded to `places` (half-even) and grouped: "12345.678" → "12,345.68". */
export function displayAmount(canonical: string, places: number): string {
  const atoms = parseTrustedAmount<"credits">(canonical);
  const rounded: Scaled<"credits"> = calc.roundRational(atoms, 1n, { places, mode: "half-even" });
  return groupThousands(formatAmount(rounded));
}

/** Dollars for people: "$50", "$12.35", "$12.50", "$0.0061" (small amounts keep two significant places). */
export function displayUsd(canonical: string): string {
  const rounded = displayAmount(canonical, 2);
  // Zero itself is "$0" at six places too.
  if (rounded === "0") return `$${displayAmount(canonical, 6)}`;
  const dot = rounded.indexOf(".");
  return `$${dot === -1 ? rounded : rounded.padEnd(dot + 3, "0")}`;
}

/** Credits for people, whole: "12,000". */
export function displayCredits(canonical: string): string {
  return displayAmount(canonical, 0);
}
