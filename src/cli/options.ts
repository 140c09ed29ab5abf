/** Option values shared by the commands, checked once with a message that says what is allowed. */
import {
  type Catalog,
  type CreditStrategy,
  codingPlanCatalog,
  defaultCatalog,
  parseInstant,
  tokenPlanChinaCatalog,
  tokenPlanV1Catalog,
} from "../index";
import { usageError } from "./io";

/** The shipped catalogs by the name `--catalog` takes. */
export const catalogsByName: Readonly<Record<string, Catalog>> = {
  global: defaultCatalog,
  china: tokenPlanChinaCatalog,
  v1: tokenPlanV1Catalog,
  coding: codingPlanCatalog,
};

/** `--catalog global|china|v1|coding` (default global). */
export function catalogOption(value: unknown): Catalog {
  if (value === undefined) return defaultCatalog;
  // Stryker disable next-line ConditionalExpression: equivalent: the type check narrows for TypeScript; the look-up after it finds no value that is not a string
  if (typeof value === "string" && Object.hasOwn(catalogsByName, value)) {
    const catalog = catalogsByName[value];
    // Stryker disable next-line ConditionalExpression: equivalent: an own name always has its catalog (the check is for TypeScript)
    if (catalog !== undefined) return catalog;
  }
  throw usageError(
    `--catalog must be one of ${Object.keys(catalogsByName).join(", ")}; got ${String(value)}.`,
  );
}

/** `--credits none|as-needed|<package>` (default as-needed). */
export function creditsOption(value: unknown, catalog: Catalog): CreditStrategy {
  if (value === undefined) return "as-needed";
  const packages = Object.keys(catalog.credits.packages);
  // Stryker disable next-line ConditionalExpression: equivalent: the type check narrows for TypeScript; the look-up after it finds no value that is not a string
  if (typeof value === "string" && (value === "none" || value === "as-needed" || packages.includes(value)))
    return value;
  throw usageError(
    `--credits must be none, as-needed or one of ${packages.join(", ")}; got ${String(value)}.`,
  );
}

/** `--plan <tier>|none`, required. */
export function planOption(value: unknown, catalog: Catalog): string {
  const tiers = Object.keys(catalog.tiers);
  // Stryker disable next-line ConditionalExpression: equivalent: the type check narrows for TypeScript; the look-up after it finds no value that is not a string
  if (typeof value === "string" && (value === "none" || tiers.includes(value))) return value;
  if (value === undefined) throw usageError(`--plan is required: one of ${tiers.join(", ")} or none.`);
  throw usageError(`--plan must be one of ${tiers.join(", ")} or none; got ${String(value)}.`);
}

/** An instant option (`--at`, `--now`): ISO-8601 with an offset, or epoch ms; default the wall clock. */
export function instantOption(name: string, value: unknown, nowMs: number): number {
  if (value === undefined) return nowMs;
  const parsed = parseInstant(
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: a number's digits read back as the same number
    typeof value === "number" ? value : /^\d+$/.test(String(value)) ? Number(value) : value,
  );
  if (!parsed.ok) throw usageError(`--${name}: ${parsed.error.message}`);
  return parsed.value;
}

/** The log formats `--format` takes. */
export const logFormats = ["auto", "usage", "claude-code", "openai", "csv"] as const;
export type LogFormatOption = (typeof logFormats)[number];

/** `--format auto|usage|claude-code|openai|csv` (default auto: by extension, then by the first line). */
export function formatOption(value: unknown): LogFormatOption {
  if (value === undefined) return "auto";
  // Stryker disable next-line ConditionalExpression: equivalent: the type check narrows for TypeScript; the look-up after it finds no value that is not a string
  if (typeof value === "string" && (logFormats as readonly string[]).includes(value))
    return value as LogFormatOption;
  throw usageError(`--format must be one of ${logFormats.join(", ")}; got ${String(value)}.`);
}
