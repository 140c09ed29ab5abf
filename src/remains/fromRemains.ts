/**
 * `ledgerFromRemains`: a ledger whose windows hold what the provider says is used, so
 * an account can start metering from the provider's current numbers.
 *
 * How it is built, and why: the public API starts the ledger (`createLedger`) and the
 * subscription (`applyEvent` with a `subscribe` at `at`); the windows are then filled
 * through the ledger's own working copy (`Work`) with values made by the windows
 * module (`consume`). Synthetic usage events cannot express this: a usage is priced by
 * a resource (so most amounts are not reachable in whole tokens), it takes from every
 * window of its bucket at once (so a week fuller than its block would need invented
 * past usage and an earlier subscription), and it would leave fake usages in the audit
 * trail and the void log. The state made here is exactly one `parseLedger` accepts.
 */
import * as z from "zod/mini";
import { assert } from "../assert";
import { type Catalog, type CompiledWindow, defaultCatalog, isDefinedCatalog } from "../catalog";
import { type LedgerError, ledgerError } from "../errors";
import { instantMsField } from "../fields";
import { applyEvent, createLedger, type LedgerState, Work } from "../ledger";
import { calc, formatAmount, parseTrustedAmount, type Scaled } from "../money";
import { err, ok, type Result } from "../result";
import { asEpochMs, calendarBlockAt, formatInstant } from "../time";
import { parseWith, withCode } from "../validation";
import { consume, emptyWindow, limitAt, type WindowValue } from "../windows";
import { type MappedWindow, mappingSchema, pairWindows, type RemainsMapping } from "./mapping";
import { percentOf, readPercent, shareOf, within } from "./percent";
import { isSnapshot, type RemainsSnapshot } from "./snapshot";

/**
 * Options of {@link ledgerFromRemains}.
 *
 * @example
 * const options: LedgerFromRemainsOptions = { catalog: tokenPlanChinaCatalog, tier: "max", at: "2026-06-04T14:10:00+08:00" };
 */
export interface LedgerFromRemainsOptions {
  /** The rules (default {@link defaultCatalog}). */
  readonly catalog?: Catalog;
  /** The tier the account is on (the payload does not name it). */
  readonly tier: string;
  /** When the snapshot was taken: the ledger's clock and the subscription's start. */
  readonly at: string | number;
  /** Which payload rows and windows stand for which catalog buckets and windows (default: by name, then by kind). */
  readonly mapping?: RemainsMapping;
}

/**
 * Where the ledger could only approximate the snapshot, and how.
 *
 * @example
 * const a: RemainsApproximation = { bucket: "general", window: "5h", row: "general",
 *   message: "Only a percentage is known (37 % used): used = 37 % of the catalog's limit 19.834 = 7.33858." };
 */
export interface RemainsApproximation {
  readonly bucket: string | null;
  readonly window: string | null;
  readonly row: string | null;
  readonly message: string;
}

/**
 * A ledger started from the provider's numbers, and every approximation it took.
 *
 * @example
 * started.approximations.map((a) => a.message);
 */
export interface LedgerFromRemains {
  readonly state: LedgerState;
  readonly approximations: readonly RemainsApproximation[];
}

const optionsSchema = z.strictObject(
  {
    catalog: z.optional(
      z.custom<Catalog>(isDefinedCatalog, {
        error: "Expected a catalog made by defineCatalog or extendCatalog",
        ...withCode("invalid_catalog"),
      }),
    ),
    tier: z.string({ error: 'Expected the account\'s tier id, such as "max"' }),
    at: instantMsField,
    mapping: z.optional(mappingSchema),
  },
  { error: 'Expected options as an object such as { tier: "max", at: "2026-06-04T14:10:00Z" }' },
);

/** Within this many points, counts and percentage agree (the provider's whole percentages). */
const onePoint = parseTrustedAmount<"quota">("1");

/** The units the ledger should hold for a limited payload window, and how they were found. */
function usedFor(
  pair: MappedWindow,
  limit: Scaled<"quota">,
): { readonly used: Scaled<"quota">; readonly how: string | null } {
  const { remains } = pair;
  const limitText = formatAmount(limit);
  if (remains.used !== null) {
    const used = parseTrustedAmount<"quota">(remains.used);
    // Both are canonical decimal strings: equal amounts are equal strings.
    const sameLimit = remains.limit === limitText;
    const agrees =
      // Stryker disable next-line ConditionalExpression: equivalent: where the counts give a used amount they give a share, so usedPercent is not null
      remains.usedPercent === null ||
      // Stryker disable next-line ConditionalExpression: equivalent: a share from the counts (rounded to 2 places) is always within 1 point of them
      remains.percentSource !== "provider" ||
      within(percentOf(used, limit), readPercent(remains.usedPercent), onePoint);
    if (sameLimit && agrees) return { used, how: null };
  }
  if (remains.usedPercent === null) {
    return { used: calc.zero(), how: "No figure says how much is used: the window starts empty." };
  }
  const used = shareOf(limit, readPercent(remains.usedPercent));
  const why =
    remains.limit === null
      ? `Only a percentage is known (${remains.usedPercent} % used)`
      : remains.limit === limitText
        ? `The counts and the percentage disagree; the percentage (${remains.usedPercent} % used) is the provider's authoritative figure`
        : `The provider's total ${remains.limit} is not the catalog's limit ${limitText}`;
  return {
    used,
    how: `${why}: used = ${remains.usedPercent} % of the catalog's limit ${limitText} = ${formatAmount(used)}.`,
  };
}

/** The window value holding `used` at `at`, and a note where its placement is approximate. */
function valueFor(
  window: CompiledWindow,
  pair: MappedWindow,
  used: Scaled<"quota">,
  at: number,
): { readonly value: WindowValue | null; readonly how: string | null } {
  const shape = window.shape;
  const start = pair.remains.windowStart === null ? null : Date.parse(pair.remains.windowStart);
  if (shape.kind === "calendar") {
    const block = calendarBlockAt(shape.calendar, asEpochMs(at));
    const end = pair.remains.windowEnd === null ? null : Date.parse(pair.remains.windowEnd);
    const how =
      (start !== null && start !== block.start) || (end !== null && end !== block.end)
        ? `The payload's window (${pair.remains.windowStart ?? "?"} to ${pair.remains.windowEnd ?? "?"}) is not the catalog's block (${formatInstant(block.start)} to ${formatInstant(block.end)}); the ledger keeps the catalog's.`
        : null;
    return { value: calc.isZero(used) ? null : consumed(window, at, used), how };
  }
  if (calc.isZero(used)) return { value: null, how: null };
  if (shape.kind === "session" && start !== null && start <= at && at < start + shape.durationMs) {
    return { value: { kind: "session", start, used, lastAt: at }, how: null };
  }
  return {
    value: consumed(window, at, used),
    how:
      shape.kind === "session"
        ? `The payload does not say when this session opened: it opens at ${formatInstant(asEpochMs(at))}.`
        : `The payload does not say when the units were used: all of them count from ${formatInstant(asEpochMs(at))}, so they free later than on the provider.`,
  };
}

function consumed(window: CompiledWindow, at: number, used: Scaled<"quota">): WindowValue {
  const next = consume(window, emptyWindow(window.shape), at, used);
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(next.ok, "an empty window refused a consumption");
  return next.value;
}

/**
 * Starts a ledger from the provider's numbers: a subscription to `tier` from `at`, and
 * each quota window holding what the snapshot says is used. Where the payload gives
 * only a percentage (v2's `general`), the used amount is that share of the catalog's
 * limit in force at `at`; exact counts are used as they are where the payload's total is
 * the catalog's limit. Every such choice is listed in `approximations`. Reconciling the
 * result with the same snapshot at `at` reports no used-share difference.
 *
 * @example
 * const snapshot = parseRemains(payload);
 * const started = snapshot.ok ? ledgerFromRemains(snapshot.value, { tier: "max", at: "2026-06-04T14:10:00Z" }) : snapshot;
 * started.ok && quotaStatus(started.value.state, "2026-06-04T14:10:00Z"); // the provider's bars, in the ledger
 */
export function ledgerFromRemains(
  snapshot: RemainsSnapshot,
  options: LedgerFromRemainsOptions,
): Result<LedgerFromRemains, LedgerError> {
  const settings = parseWith(optionsSchema, options, "invalid_input");
  if (!settings.ok) return settings;
  if (!isSnapshot(snapshot)) {
    return err(ledgerError("invalid_input", "Expected a snapshot made by parseRemains.", ["snapshot"]));
  }
  const { tier, at } = settings.value;
  const catalog = settings.value.catalog ?? defaultCatalog;
  const created = createLedger({ catalog });
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(created.ok, "createLedger refused a validated catalog");
  const subscribed = applyEvent(created.state, { type: "subscribe", id: "remains-start", at, tier });
  if (!subscribed.ok) return err(subscribed.error);
  const pairing = pairWindows(snapshot.buckets, catalog, settings.value.mapping ?? {});
  if (!pairing.ok) return pairing;

  const approximations: RemainsApproximation[] = [
    {
      bucket: null,
      window: null,
      row: null,
      message: `The payload does not say when the subscription began or renews: it starts at ${formatInstant(asEpochMs(at))}.`,
    },
  ];
  const note = (pair: MappedWindow, message: string) =>
    approximations.push({ bucket: pair.bucket, window: pair.window, row: pair.row.name, message });
  const work = new Work(subscribed.state);
  // Stryker disable next-line OptionalChaining: equivalent: the subscribe above refused a tier the catalog does not have
  const windowsOfTier = work.compiled.tiers.get(tier)?.buckets;
  for (const pair of pairing.value.pairs) {
    const window = windowsOfTier?.get(pair.bucket)?.find((w) => w.id === pair.window);
    const limit = window === undefined ? calc.zero<"quota">() : limitAt(window, at);
    const status = pair.remains.status;
    if (status === "unknown") {
      note(pair, "The payload does not report this window: it starts empty.");
      continue;
    }
    if (status === "unlimited" || status === "notInPlan" || window === undefined || !calc.isPositive(limit)) {
      const limited = status === "normal" || status === "exhausted";
      if (limited || calc.isPositive(limit)) {
        note(
          pair,
          `The provider reports ${status}, the catalog's tier "${tier}" a limit of ${formatAmount(limit)}: the ledger keeps the catalog's rules, and the window starts empty.`,
        );
      }
      continue;
    }
    const { used, how } = usedFor(pair, limit);
    if (how !== null) note(pair, how);
    if (
      pair.remains.boostPermille !== 1000 &&
      calc.compare(calc.applyPermille(window.limit, pair.remains.boostPermille), limit) !== 0
    ) {
      note(
        pair,
        `The payload's boost (${pair.remains.boostPermille}‰) is not the catalog's at this instant: the catalog's limit in force (${formatAmount(limit)}) is kept.`,
      );
    }
    const placed = valueFor(window, pair, used, at);
    if (placed.how !== null) note(pair, placed.how);
    if (placed.value !== null) work.setWindow(pair.bucket, pair.window, placed.value);
  }
  for (const skip of pairing.value.unmapped) {
    approximations.push({
      bucket: skip.bucket,
      window: skip.window,
      row: skip.row,
      message: `Not started: ${skip.reason}.`,
    });
  }
  return ok({ state: work.snapshot(subscribed.state), approximations });
}
