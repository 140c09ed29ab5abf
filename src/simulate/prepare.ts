/**
 * Usages made ready to replay: validated by the ledger's own parser and reference check,
 * put in time order (stable), and priced once with the catalog's own pricing, so the
 * replay can tell in advance which stretches need no decision. A simulation takes every
 * usage as its own fact (deduplicate logs before): when two usages next to each other in
 * time share an id, or an id could meet the replay's own, or a usage is not in the plain
 * form (`at` in epoch ms, no metadata), every usage is replayed under a new id `u0`,
 * `u1`, …; otherwise the caller's events are replayed as they are (no copy).
 */
import { assert } from "../assert";
import { type Catalog, compiledOf, priceUsage, quotaUnitsOf } from "../catalog";
import { type LedgerError, ledgerError, withPathPrefix } from "../errors";
import { checkReferences, createLedger, type LedgerEvent, parseEvent, Work } from "../ledger";
import { eventsPerCallMax } from "../limits";
import { calc, type Scaled } from "../money";
import { err, ok, type Result } from "../result";

type UsageEvent = Extract<LedgerEvent, { type: "usage" }>;
type ParsedUsage = Extract<Extract<ReturnType<typeof parseEvent>, { ok: true }>["value"], { type: "usage" }>;

/** Usages ready to replay, in time order, with what the replay reads of each. Internal. */
export interface PreparedUsages {
  readonly events: readonly UsageEvent[];
  /** Epoch ms of each usage. */
  readonly at: readonly number[];
  /** The list-price value in credits. */
  readonly valueCredits: readonly Scaled<"credits">[];
  /** Quota units the usage needs in its bucket. */
  readonly units: readonly Scaled<"quota">[];
  /** The index of its bucket in {@link bucketIds}, or -1 when the resource draws on no bucket. */
  readonly bucket: readonly number[];
  /** Whether credits may pay for the resource. */
  readonly eligible: readonly boolean[];
  readonly bucketIds: readonly string[];
}

/** Ids the replay gives its own events start with this. */
export const replayIdPrefix = "simulate-";

/**
 * A usage the caller wrote in the plain form the replay can take as it is. Renaming is for
 * speed only (the ledger's fast path takes epoch ms without metadata), except for an id that
 * could meet the replay's own: so a mutant that renames more, or keeps a non-plain usage, is
 * equivalent; keeping an id the replay uses is killed by the tests of that case.
 */
// Stryker disable next-line BlockStatement: equivalent: every usage would then be renamed
function isPlain(input: unknown, event: ParsedUsage): boolean {
  const raw = input as { at?: unknown; metadata?: unknown };
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: equivalent (see above), but the id test and the whole result forced true, which are killed
  return typeof raw.at === "number" && raw.metadata === undefined && !event.id.startsWith(replayIdPrefix);
}

/** Validates, orders, prices (and renames when needed) `usages` for `catalog`. */
export function prepareUsages(
  catalog: Catalog,
  usages: readonly unknown[],
  path: readonly (string | number)[],
): Result<PreparedUsages, LedgerError> {
  if (!Array.isArray(usages))
    return err(ledgerError("invalid_input", "Expected an array of usage events.", path));
  if (usages.length > eventsPerCallMax) {
    return err(
      ledgerError("limit_exceeded", `At most ${eventsPerCallMax} usages per simulation.`, path, {
        eventsPerCallMax,
      }),
    );
  }
  const created = createLedger({ catalog });
  // Stryker disable next-line StringLiteral: invariant message, a bug report only
  assert(created.ok, "a sealed catalog was refused by createLedger");
  const work = new Work(created.state);
  const compiled = compiledOf(catalog);
  const bucketIds = Object.keys(catalog.buckets);
  // A resource in no bucket (null) is not in the map: its index is -1.
  const bucketIndex = new Map<string | null, number>(bucketIds.map((id, index) => [id, index]));
  const n = usages.length;
  // One pass: check and price each usage, keeping only what the replay reads (holding
  // every parsed event until the end would cost more in garbage collection than the rest).
  // Stryker disable ArrayDeclaration: equivalent: an array made with its length is only faster to fill
  const at: number[] = new Array(n);
  const valueCredits: Scaled<"credits">[] = new Array(n);
  const units: Scaled<"quota">[] = new Array(n);
  const bucket: number[] = new Array(n);
  const eligible: boolean[] = new Array(n);
  // Stryker restore ArrayDeclaration
  // `sorted` and `plain` only spare a sort and a rename: a mutant that makes either false
  // (more sorting or renaming) is equivalent; one that keeps a wrong `true` is killed.
  // Stryker disable next-line BooleanLiteral: equivalent: the usages are then always sorted
  let sorted = true;
  // Stryker disable next-line BooleanLiteral: equivalent: the usages are then always renamed
  let plain = true;
  // Stryker disable next-line StringLiteral: equivalent: it is compared only from the second usage on
  let previousId = "";
  for (let i = 0; i < n; i++) {
    // The path is built only for an error (this loop runs once per usage).
    const input = usages[i];
    const parsed = parseEvent(input);
    if (!parsed.ok) return err(withPathPrefix(parsed.error, [...path, i]));
    const event = parsed.value;
    if (event.type !== "usage") {
      return err(
        ledgerError("invalid_input", `A simulation replays usage events only; got a "${event.type}" event.`, [
          ...path,
          i,
          "type",
        ]),
      );
    }
    const referenceError = checkReferences(work, event);
    if (referenceError !== null) return err(withPathPrefix(referenceError, [...path, i]));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: at i = 0 both tests below are false
    if (i > 0) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent when more usages are sorted (true, `<=`); `>=` is killed
      if (event.at < (at[i - 1] as number)) sorted = false;
      // Stryker disable next-line ConditionalExpression: equivalent: more usages renamed
      if (event.id === previousId) plain = false;
    }
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: more usages renamed
    if (plain && !isPlain(input, event)) plain = false;
    previousId = event.id;
    const resource = compiled.resources.get(event.resource);
    const multiplier = compiled.serviceTiers.get(event.serviceTier);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: invariant: checkReferences priced the usage first
    assert(resource !== undefined && multiplier !== undefined, "an unchecked usage reached pricing");
    const valueUsd = priceUsage(resource, event.measures, multiplier, compiled.usageValueRounding);
    at[i] = event.at;
    valueCredits[i] = calc.usdToCredits(valueUsd);
    units[i] = quotaUnitsOf(resource, event.measures, valueUsd);
    bucket[i] = bucketIndex.get(resource.bucket) ?? -1;
    eligible[i] = resource.creditsEligible;
  }
  const inputs = usages as readonly UsageEvent[];
  // Stryker disable next-line ConditionalExpression: equivalent: sorting usages already in order changes nothing
  if (sorted) {
    const events = plain ? inputs : inputs.map((u, k) => renamed(u, at[k] as number, k));
    return ok({ events, at, valueCredits, units, bucket, eligible, bucketIds });
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort(
    (a, b) =>
      (at[a] as number) - (at[b] as number) ||
      // Stryker disable next-line ArithmeticOperator: equivalent: the sort is stable and the indexes start in order
      a - b,
  );
  // Neighbours changed: an id may now sit next to itself.
  for (let k = 1; k < n && plain; k++) {
    if ((inputs[order[k - 1] as number] as UsageEvent).id === (inputs[order[k] as number] as UsageEvent).id)
      plain = false;
  }
  const pick = <T>(values: readonly T[]): T[] => order.map((i) => values[i] as T);
  const ordered = pick(inputs);
  const orderedAt = pick(at);
  return ok({
    events: plain ? ordered : ordered.map((u, k) => renamed(u, orderedAt[k] as number, k)),
    at: orderedAt,
    valueCredits: pick(valueCredits),
    units: pick(units),
    bucket: pick(bucket),
    eligible: pick(eligible),
    bucketIds,
  });
}

/** A checked usage under the replay's own id, in the plain form (epoch ms, no metadata). */
function renamed(usage: UsageEvent, atMs: number, k: number): UsageEvent {
  const out: { -readonly [K in keyof UsageEvent]: UsageEvent[K] } = {
    type: "usage",
    id: `u${k}`,
    at: atMs,
    resource: usage.resource,
    measures: usage.measures,
  };
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: equivalent: the ledger reads a missing tier as "standard" (leaving it out keeps the plain form)
  if (usage.serviceTier !== undefined && usage.serviceTier !== "standard")
    out.serviceTier = usage.serviceTier;
  return out;
}
