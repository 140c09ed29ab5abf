/**
 * Usages made ready to replay: validated by the ledger's own parser and reference check,
 * put in time order (stable), renamed `u0`, `u1`, … (a simulation takes every usage as
 * its own fact: deduplicate logs before), and priced once with the catalog's own pricing,
 * so the replay can tell in advance which stretches need no decision.
 */
import { assert } from "../assert";
import { type Catalog, compiledOf, priceUsage, quotaUnitsOf } from "../catalog";
import { type LedgerError, ledgerError, withPathPrefix } from "../errors";
import { checkReferences, createLedger, type LedgerEvent, parseEvent, Work } from "../ledger";
import { eventsPerCallMax } from "../limits";
import { calc, type Scaled } from "../money";
import { err, ok, type Result } from "../result";

type UsageEvent = Extract<LedgerEvent, { type: "usage" }>;

/** Usages ready to replay, in time order, with what the replay reads of each. Internal. */
export interface PreparedUsages {
  readonly events: readonly UsageEvent[];
  /** Epoch ms of each usage. */
  readonly at: readonly number[];
  /** The index each usage had in the caller's list (for error paths). */
  readonly originalIndex: readonly number[];
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

/** Validates, orders, renames and prices `usages` for `catalog`. */
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
  if (!created.ok) return created;
  const work = new Work(created.state);
  const compiled = compiledOf(catalog);
  const bucketIds = Object.keys(catalog.buckets);
  const bucketIndex = new Map(bucketIds.map((id, index) => [id, index]));
  const n = usages.length;
  const parsed: Extract<ReturnType<typeof parseEvent>, { ok: true }>["value"][] = new Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    // The path is built only for an error (this loop runs once per usage).
    const event = parseEvent(usages[i]);
    if (!event.ok) return err(withPathPrefix(event.error, [...path, i]));
    const value = event.value;
    if (value.type !== "usage") {
      return err(
        ledgerError("invalid_input", `A simulation replays usage events only; got a "${value.type}" event.`, [
          ...path,
          i,
          "type",
        ]),
      );
    }
    const referenceError = checkReferences(work, value);
    if (referenceError !== null) return err(withPathPrefix(referenceError, [...path, i]));
    if (i > 0 && value.at < (parsed[i - 1]?.at ?? 0)) sorted = false;
    parsed[i] = value;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  if (!sorted) order.sort((a, b) => (parsed[a]?.at ?? 0) - (parsed[b]?.at ?? 0) || a - b);
  const events: UsageEvent[] = new Array(n);
  const at: number[] = new Array(n);
  const valueCredits: Scaled<"credits">[] = new Array(n);
  const units: Scaled<"quota">[] = new Array(n);
  const bucket: number[] = new Array(n);
  const eligible: boolean[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const event = parsed[order[k] as number];
    assert(event !== undefined && event.type === "usage", "a prepared usage went missing");
    const resource = compiled.resources.get(event.resource);
    const multiplier = compiled.serviceTiers.get(event.serviceTier);
    assert(resource !== undefined && multiplier !== undefined, "an unchecked usage reached pricing");
    const valueUsd = priceUsage(resource, event.measures, multiplier, compiled.usageValueRounding);
    events[k] =
      event.serviceTier === "standard"
        ? { type: "usage", id: `u${k}`, at: event.at, resource: event.resource, measures: event.measures }
        : {
            type: "usage",
            id: `u${k}`,
            at: event.at,
            resource: event.resource,
            measures: event.measures,
            serviceTier: event.serviceTier,
          };
    at[k] = event.at;
    valueCredits[k] = calc.usdToCredits(valueUsd);
    units[k] = quotaUnitsOf(resource, event.measures, valueUsd);
    bucket[k] = resource.bucket === null ? -1 : (bucketIndex.get(resource.bucket) ?? -1);
    eligible[k] = resource.creditsEligible;
  }
  return ok({ events, at, originalIndex: order, valueCredits, units, bucket, eligible, bucketIds });
}
