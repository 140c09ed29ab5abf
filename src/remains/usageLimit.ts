/**
 * `parseUsageLimitError`: the provider's exhaustion message (error 2056) read into the
 * shape of the library's own admission answer (`quoteUsage`'s `limit`, a
 * `QuotaLimitNotice`), e.g. `5-hour usage limit reached for Token Plan Max
 * (19834000/19834000 used), resets at 2026-06-04T15:00:00+08:00`.
 */
import * as z from "zod/mini";
import { type Catalog, defaultCatalog, isDefinedCatalog } from "../catalog";
import { type LedgerError, ledgerError } from "../errors";
import type { QuotaLimitNotice } from "../ledger";
import { parseQuotaUnits, type QuotaUnits } from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, formatInstant, type Instant, parseInstant } from "../time";
import { briefly, parseWith, withCode } from "../validation";

/**
 * The provider's refusal, read: the fields of a {@link QuotaLimitNotice} (`label`,
 * `tier`, `used`, `limit`, `resetsAt`, `message`), with `bucket` and `window` the
 * catalog ids whose window carries that label, or null where the catalog has none or
 * several buckets share it (the message does not name the bucket). `used` and `limit`
 * are the provider's numbers as written, in its own unit (v2's look like micro-dollars
 * of list price: divide by 1,000,000 to compare with the default catalog).
 *
 * @example
 * const n: UsageLimitNotice = parsed.value;
 * [n.window, n.tier, n.used, n.limit, n.resetsAt]; //=> ["5h", "Max", "19834000", "19834000", "2026-06-04T07:00:00.000Z"]
 */
export interface UsageLimitNotice extends Omit<QuotaLimitNotice, "bucket" | "window"> {
  readonly bucket: string | null;
  readonly window: string | null;
  /** True for "(0/0 used)": the resource is not in this tier (as a notice with limit "0" says). */
  readonly notInTier: boolean;
  /** The reset instant as the provider wrote it, offset included, or null. */
  readonly resetsAtText: string | null;
}

/**
 * Options of {@link parseUsageLimitError}.
 *
 * @example
 * const options: UsageLimitErrorOptions = { catalog: tokenPlanChinaCatalog };
 */
export interface UsageLimitErrorOptions {
  /** The catalog whose window labels name `bucket` and `window` (default {@link defaultCatalog}). */
  readonly catalog?: Catalog;
}

const optionsSchema = z.strictObject(
  {
    catalog: z.optional(
      z.custom<Catalog>(isDefinedCatalog, {
        error: "Expected a catalog made by defineCatalog or extendCatalog",
        ...withCode("invalid_catalog"),
      }),
    ),
  },
  { error: "Expected options as an object such as { catalog: defaultCatalog }" },
);

/** Longest message read (a refusal is one sentence; a whole error body is still short). */
const messageLengthMax = 4096;

const number = String.raw`\d[\d,]*(?:\.\d+)?`;
const pattern = new RegExp(
  String.raw`(\d+-hour|weekly|daily)\s+usage\s+limit\s+reached\s+for\s+(.+?)\s*\(\s*(${number})\s*/\s*(${number})\s+used\s*\)(?:\s*,?\s*resets\s+at\s+([0-9T:.+\-Z]+))?`,
  "i",
);

/** The catalog's (bucket, window) pairs whose label is `label`, compared ignoring case. */
function windowsLabelled(catalog: Catalog, label: string): { bucket: string; window: string }[] {
  const found: { bucket: string; window: string }[] = [];
  for (const [bucket, { windows }] of Object.entries(catalog.buckets)) {
    for (const [window, w] of Object.entries(windows)) {
      if (w.label.toLowerCase() === label.toLowerCase()) found.push({ bucket, window });
    }
  }
  return found;
}

/**
 * Reads the provider's usage-limit refusal (error 2056): the window ("5-hour",
 * "weekly" or "daily"), the tier, used/total and the reset instant with its offset, into
 * the shape of the library's own notice. `(0/0 used)` reads as "not in this tier"
 * (`notInTier: true`). The sentence may sit inside a longer text (an error body, a log
 * line). Text without it is a typed `invalid_input` error.
 *
 * @example
 * const r = parseUsageLimitError(
 *   "5-hour usage limit reached for Token Plan Max (19834000/19834000 used), resets at 2026-06-04T15:00:00+08:00",
 * );
 * r.ok && [r.value.bucket, r.value.window, r.value.resetsAt]; //=> ["general", "5h", "2026-06-04T07:00:00.000Z"]
 * parseUsageLimitError("daily usage limit reached for Token Plan Plus (0/0 used)").ok; //=> true (notInTier)
 */
export function parseUsageLimitError(
  message: string,
  options: UsageLimitErrorOptions = {},
): Result<UsageLimitNotice, LedgerError> {
  const settings = parseWith(optionsSchema, options, "invalid_input");
  if (!settings.ok) return settings;
  if (typeof message !== "string") {
    return err(
      ledgerError(
        "invalid_input",
        `Expected the provider's error message as text, got ${briefly(message)}.`,
        [],
      ),
    );
  }
  if (message.length > messageLengthMax) {
    return err(
      ledgerError(
        "limit_exceeded",
        `An error message is read up to ${messageLengthMax} characters; this one has ${message.length}.`,
        [],
        {
          length: message.length,
        },
      ),
    );
  }
  const match = pattern.exec(message);
  if (match === null) {
    return err(
      ledgerError(
        "invalid_input",
        `Not a usage-limit message: expected "<5-hour|weekly|daily> usage limit reached for Token Plan <tier> (<used>/<total> used), resets at <instant>", got ${briefly(message)}.`,
        [],
      ),
    );
  }
  // Stryker disable next-line StringLiteral: equivalent: these groups are not optional, so a match always fills them
  const [sentence, label = "", plan = "", usedText = "", limitText = "", resetText] = match;
  const used = parseQuotaUnits(usedText.replaceAll(",", ""), ["used"]);
  if (!used.ok) return used;
  const limit = parseQuotaUnits(limitText.replaceAll(",", ""), ["limit"]);
  if (!limit.ok) return limit;
  let resetsAt: Instant | null = null;
  if (resetText !== undefined) {
    const instant = parseInstant(resetText.replace(/\.$/, ""), ["resetsAt"]);
    if (!instant.ok) return instant;
    resetsAt = formatInstant(asEpochMs(instant.value));
  }
  const labelled = windowsLabelled(settings.value.catalog ?? defaultCatalog, label);
  const only = labelled.length === 1 ? labelled[0] : undefined;
  return ok({
    bucket: only?.bucket ?? null,
    window: only?.window ?? null,
    label,
    tier: plan.replace(/^token\s+plan\s+/i, ""),
    used: used.value as QuotaUnits,
    limit: limit.value as QuotaUnits,
    resetsAt,
    message: sentence,
    notInTier: limit.value === "0",
    resetsAtText: resetText?.replace(/\.$/, "") ?? null,
  });
}
