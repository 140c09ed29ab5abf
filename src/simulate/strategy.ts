/**
 * How a simulation buys credits: never, as needed (the smallest package, just before the
 * usage that needs it), or one fixed package at the start and whenever the balance runs out.
 */
import { type Catalog, compiledOf } from "../catalog";
import { type LedgerError, ledgerError } from "../errors";
import { calc, type Scaled } from "../money";
import { err, ok, type Result } from "../result";

/**
 * A credit strategy: `"none"` (never buy; what quota does not cover is uncovered),
 * `"as-needed"` (when the balance cannot cover a usage's overflow, buy just before that
 * usage as many of the smallest package as cover the shortfall) or a package id such as
 * `"usd-25"` (bought at the first usage and, as many as needed, whenever the balance runs out).
 *
 * @example
 * const strategy: CreditStrategy = "usd-25";
 */
export type CreditStrategy = "none" | "as-needed" | (string & {});

/** A strategy resolved against a catalog. Internal. */
export type ResolvedStrategy =
  | { readonly kind: "none" }
  | {
      readonly kind: "buy";
      readonly packageId: string;
      readonly credits: Scaled<"credits">;
      /** Buy one package at the first usage (a fixed package), or only when needed. */
      readonly atStart: boolean;
    };

/** Resolves a strategy; an unknown package id is `unknown_package` at `path`. */
export function resolveStrategy(
  catalog: Catalog,
  strategy: CreditStrategy,
  path: readonly (string | number)[],
): Result<ResolvedStrategy, LedgerError> {
  // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent: the replay tells strategies apart by kind "buy" only
  if (strategy === "none") return ok({ kind: "none" });
  const packages = compiledOf(catalog).packages;
  if (strategy === "as-needed") {
    let smallest: { id: string; credits: Scaled<"credits"> } | null = null;
    for (const [id, p] of packages) {
      if (smallest === null || calc.compare(p.credits, smallest.credits) < 0)
        smallest = { id, credits: p.credits };
    }
    if (smallest === null) {
      return err(
        ledgerError(
          "unknown_package",
          `Catalog "${catalog.id}" has no credit package to buy as needed.`,
          path,
        ),
      );
    }
    return ok({ kind: "buy", packageId: smallest.id, credits: smallest.credits, atStart: false });
  }
  const chosen = packages.get(strategy);
  if (chosen === undefined) {
    return err(
      ledgerError(
        "unknown_package",
        `No credit package "${strategy}"; expected "none", "as-needed" or one of ${[...packages.keys()].join(", ")}.`,
        path,
        { package: strategy },
      ),
    );
  }
  return ok({ kind: "buy", packageId: strategy, credits: chosen.credits, atStart: true });
}
