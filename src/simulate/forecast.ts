/**
 * forecast: at the current pace, when each quota window and the credits run out, and
 * what expires unused before then. The pace is projected as usages (recent usages
 * repeated, or one usage at a burn rate) and replayed from the ledger's own state, so the
 * answer follows every rule the ledger knows: window kinds, resets, boosts, renewals,
 * lapses, lot expiries, soonest-expiry-first draws.
 */
import * as z from "zod/mini";
import { assert } from "../assert";
import { type LedgerError, ledgerError } from "../errors";
import { type LedgerState, settle, stateError } from "../ledger";
import { eventsPerCallMax } from "../limits";
import { type Credits, formatAmount, parseTrustedAmount, type QuotaUnits } from "../money";
import { creditBalance, quotaStatus } from "../queries";
import { err, ok, type Result } from "../result";
import { asEpochMs, formatInstant, type Instant, parseInstant } from "../time";
import { parseWith } from "../validation";
import { prepareUsages } from "./prepare";
import { replay } from "./replay";

/**
 * The usage a burn rate repeats: a resource and its measures (as a usage event gives them).
 *
 * @example
 * const usage: UsageShape = { resource: "MiniMax-M3", measures: { inputTokens: 15_000, outputTokens: 1_200 } };
 */
export type UsageShape = {
  readonly resource: string;
  readonly measures: Readonly<Record<string, number>>;
  readonly serviceTier?: string;
};

/**
 * Options of {@link forecast}: from `at` (now) until `until`, at the pace of recent
 * `usages` (repeated with their own spacing, the last one's copy one period after it) or
 * of a `burnRate` (one usage, `perHour` times an hour). Give exactly one of the two.
 *
 * @example
 * const options: ForecastOptions = {
 *   at: "2026-06-04T12:00:00Z", until: "2026-06-30T00:00:00Z",
 *   burnRate: { usage: { resource: "MiniMax-M3", measures: { inputTokens: 20_000, outputTokens: 2_000 } }, perHour: 120 },
 * };
 */
export interface ForecastOptions {
  readonly at: string | number;
  readonly until: string | number;
  /** Recent usage events (at least two, at different instants). */
  readonly usages?: readonly unknown[];
  readonly burnRate?: { readonly usage: UsageShape; readonly perHour: number };
}

/**
 * When one window runs out at the pace: the first projected usage it refuses, and when
 * it resets then. `runsOutAt` is null when it never fills before `until`.
 *
 * @example
 * const w: WindowForecast = f.windows[0];
 * [w.label, w.runsOutAt]; //=> ["5-hour", "2026-06-04T13:12:00.000Z"]
 */
export interface WindowForecast {
  readonly bucket: string;
  readonly window: string;
  readonly label: string;
  /** Room left at `at`. */
  readonly remainingUnits: QuotaUnits;
  readonly runsOutAt: Instant | null;
  readonly resetsAt: Instant | null;
}

/**
 * A lot's credits that expire unused before the credits run out (or before `until`).
 *
 * @example
 * const e: UnusedExpiry = f.credits.expiresUnused[0];
 * e.credits; //=> "4210.5"
 */
export interface UnusedExpiry {
  readonly lotId: string;
  readonly expiresAt: Instant;
  readonly credits: Credits;
}

/**
 * The forecast: each window of the current tier, and the credits.
 *
 * @example
 * const r = forecast(state, options);
 * r.ok && r.value.credits.runsOutAt; //=> "2026-06-12T16:40:00.000Z"
 */
export interface Forecast {
  readonly at: Instant;
  readonly until: Instant;
  /** Usages projected between `at` and `until`. */
  readonly projectedUsages: number;
  readonly windows: readonly WindowForecast[];
  readonly credits: {
    /** Usable at `at`. */
    readonly balance: Credits;
    /** The first projected usage the balance cannot cover (null: never before `until`). */
    readonly runsOutAt: Instant | null;
    readonly expiresUnused: readonly UnusedExpiry[];
  };
}

const usageShapeSchema = z.object({
  resource: z.string({ error: "Expected the usage's resource id" }),
  measures: z.record(z.string(), z.number({ error: "Expected a whole number" })),
  serviceTier: z.optional(z.string()),
});

const optionsSchema = z.strictObject(
  {
    at: z.union([z.string(), z.number()], { error: "Expected at: an instant" }),
    until: z.union([z.string(), z.number()], { error: "Expected until: an instant" }),
    usages: z.optional(z.array(z.unknown(), { error: "Expected usages: an array of usage events" })),
    burnRate: z.optional(
      z.strictObject({
        usage: usageShapeSchema,
        perHour: z
          .number({ error: "Expected perHour: usages per hour" })
          .check(
            z.refine((n) => Number.isFinite(n) && n > 0, { message: "perHour must be a number above 0" }),
          ),
      }),
    ),
  },
  { error: "Expected options as an object such as { at, until, usages }" },
);

/** An instant, or null for +Infinity ("never"). */
function finiteInstant(ms: number): Instant | null {
  return Number.isFinite(ms) ? formatInstant(asEpochMs(ms)) : null;
}

/**
 * The projected usages from `at` (exclusive) to `until` (inclusive): copy k of the pattern
 * sits k periods after it, from the first copy that reaches past `at`. Refused before any
 * is built when there would be more than a replay takes.
 */
function project(
  pattern: readonly { readonly at: number; readonly event: Record<string, unknown> }[],
  first: number,
  periodMs: number,
  at: number,
  until: number,
): Result<Record<string, unknown>[], LedgerError> {
  const firstCopy = Math.max(1, Math.floor((at - first) / periodMs));
  const copies = Math.floor((until - first) / periodMs) - firstCopy + 1;
  if (copies * pattern.length > eventsPerCallMax) {
    return err(
      ledgerError(
        "limit_exceeded",
        `A forecast projects at most ${eventsPerCallMax} usages; shorten until or slow the pace.`,
        ["options", "until"],
        { eventsPerCallMax },
      ),
    );
  }
  const out: Record<string, unknown>[] = [];
  for (let k = firstCopy; first + k * periodMs <= until; k++) {
    const shift = k * periodMs;
    for (const [i, item] of pattern.entries()) {
      const when = item.at + shift;
      if (when > at && when <= until)
        out.push({ ...item.event, type: "usage", id: `forecast-${k}-${i}`, at: when });
    }
  }
  return ok(out);
}

/**
 * At the current pace, when the 5-hour window, the weekly window (every window of the
 * current tier) and the credits run out, and which credits expire unused before then.
 * The pace is recent `usages` repeated with their own spacing, or a `burnRate` (one usage
 * `perHour` times an hour); the projection is replayed from the ledger's state at `at`
 * without buying anything. Changes nothing.
 *
 * @example
 * const r = forecast(state, { at: "2026-06-04T12:00:00Z", until: "2026-07-01T00:00:00Z", usages: lastDay });
 * if (r.ok) console.log(r.value.windows[0]?.runsOutAt, r.value.credits.runsOutAt); //=> "2026-06-04T13:12:00.000Z" null
 */
export function forecast(state: LedgerState, options: ForecastOptions): Result<Forecast, LedgerError> {
  const badState = stateError(state);
  if (badState !== null) return err(badState);
  const parsed = parseWith(optionsSchema, options, "invalid_input", ["options"]);
  if (!parsed.ok) return parsed;
  const at = parseInstant(parsed.value.at, ["options", "at"]);
  if (!at.ok) return at;
  const until = parseInstant(parsed.value.until, ["options", "until"]);
  if (!until.ok) return until;
  if (until.value < at.value)
    return err(ledgerError("invalid_input", "until must not be before at.", ["options", "until"]));
  const { usages, burnRate } = parsed.value;
  if ((usages === undefined) === (burnRate === undefined))
    return err(
      ledgerError("invalid_input", "Give either recent usages or a burn rate, not both.", ["options"]),
    );

  const catalog = state.catalog;
  let pattern: { at: number; event: Record<string, unknown> }[];
  let periodMs: number;
  let first: number;
  if (usages !== undefined) {
    const recent = prepareUsages(catalog, usages, ["options", "usages"]);
    if (!recent.ok) return recent;
    const times = recent.value.at;
    const earliest = times[0] ?? 0;
    const last = times[times.length - 1] ?? 0;
    // The times are in order: the first equals the last when there are fewer than two instants.
    if (last === earliest) {
      return err(
        ledgerError("invalid_input", "A pace needs at least two recent usages at different instants.", [
          "options",
          "usages",
        ]),
      );
    }
    // The pattern repeats with its mean spacing after its last usage.
    periodMs = Math.round(((last - earliest) * times.length) / (times.length - 1));
    first = earliest;
    pattern = recent.value.events.map((event, i) => ({ at: times[i] as number, event: { ...event } }));
  } else {
    const rate = burnRate as NonNullable<typeof burnRate>;
    periodMs = Math.max(1, Math.round(3_600_000 / rate.perHour));
    pattern = [{ at: at.value, event: { ...rate.usage } }];
    first = at.value;
  }
  const projected = project(pattern, first, periodMs, at.value, until.value);
  if (!projected.ok) return projected;
  const prepared = prepareUsages(catalog, projected.value, []);
  if (!prepared.ok) {
    // Recent usages were checked above, so only a burn rate's usage can be refused here.
    const [, ...field] = prepared.error.path;
    return err({ ...prepared.error, path: ["options", "burnRate", "usage", ...field] });
  }

  const now = settle(state, at.value);
  if (!now.ok) return err(now.error);
  // Past the settle, nothing can be refused: the instants only move forward and the
  // projection buys nothing (a refusal would be a bug).
  const status = quotaStatus(now.state, at.value);
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(status.ok, "quotaStatus refused a settled state");
  const balance = creditBalance(now.state, at.value);
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(balance.ok, "creditBalance refused a settled state");
  const run = replay(now.state, prepared.value, {
    tier: null,
    // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent: the replay buys only for kind "buy", and watchCredits buys nothing
    strategy: { kind: "none" },
    watchCredits: true,
    // Stryker disable next-line BooleanLiteral: equivalent: no onEntries is given, so collected entries go nowhere (only slower)
    collectEntries: false,
  });
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(run.ok, "a forecast's replay was refused");
  const end = settle(run.value.state, until.value);
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(end.ok, "settle refused the forecast's end");
  const runsOut = run.value.creditsRunOutAt;
  const expiries = [...run.value.expiries];
  for (const entry of end.entries) {
    if (
      entry.type === "credits.expired" &&
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent: the ledger writes no expiry of 0 credits (an emptied lot expires silently)
      entry.credits !== "0"
    ) {
      expiries.push({
        at: Date.parse(entry.expiresAt),
        lotId: entry.lotId,
        credits: parseTrustedAmount<"credits">(entry.credits),
      });
    }
  }
  const windows: WindowForecast[] = [];
  for (const bucket of status.value.buckets) {
    // Stryker disable next-line ConditionalExpression: equivalent: a bucket the tier does not cover has only windows with limit 0, skipped below
    if (!bucket.covered) continue;
    for (const w of bucket.windows) {
      if (w.limit === "0") continue;
      const fills = run.value.full.find((f) => f.bucket === bucket.bucket && f.window === w.window);
      windows.push({
        bucket: bucket.bucket,
        window: w.window,
        label: w.label,
        remainingUnits: w.remaining,
        runsOutAt: fills === undefined ? null : formatInstant(asEpochMs(fills.from)),
        resetsAt: fills === undefined ? w.resetsAt : finiteInstant(fills.until),
      });
    }
  }
  return ok({
    at: formatInstant(at.value),
    until: formatInstant(until.value),
    projectedUsages: prepared.value.events.length,
    windows,
    credits: {
      balance: balance.value.total,
      runsOutAt: runsOut === null ? null : formatInstant(asEpochMs(runsOut)),
      expiresUnused: expiries
        .filter((e) => runsOut === null || e.at < runsOut)
        .map((e) => ({
          lotId: e.lotId,
          expiresAt: formatInstant(asEpochMs(e.at)),
          credits: formatAmount(e.credits),
        })),
    },
  });
}
