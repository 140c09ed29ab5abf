/**
 * Shared by the simulate tests: usage logs drawn at the edges where a segmented replay
 * could go wrong (block edges ±1 ms, equal instants, usages that fill a window or the
 * balance exactly, long gaps across renewals and expiries), test catalogs (short-lived
 * credits, a boost, sliding and session windows), and the reference: the strategy
 * written the obvious way, one `quoteUsage` and one `applyEvent` per usage.
 */
import fc from "fast-check";
import {
  applyEvent,
  type Catalog,
  createLedger,
  creditBalance,
  defaultCatalog,
  extendCatalog,
  type LedgerEntry,
  type LedgerState,
  quotaStatus,
  quoteUsage,
  type UsageEvent,
} from "../../src";
import { nextBlockEdge, nextMonday } from "../support/arbitraries";
import { slidingAndSessionCatalog } from "../support/catalogs";
import { atoms } from "../support/ledger";

const hourMs = 3_600_000;
const dayMs = 86_400_000;

function mustExtend(patch: Parameters<typeof extendCatalog>[1]): Catalog {
  const extended = extendCatalog(defaultCatalog, patch);
  if (!extended.ok) throw new Error(`fixture catalog: ${extended.error.message}`);
  return extended.value;
}

/** Credits valid two days, and Plus's 5-hour limit boosted 1.5× on 2026-06-02 from 06:00 to 18:00. */
export const shortCreditsCatalog: Catalog = mustExtend({
  id: "short-credits-boosted",
  credits: { validity: { rule: "elapsed-days", days: 2 } },
  tiers: {
    plus: {
      limits: {
        general: {
          "5h": {
            units: "6.596",
            boosts: [{ from: "2026-06-02T06:00:00Z", until: "2026-06-02T18:00:00Z", permille: 1500 }],
          },
        },
      },
    },
  },
});

export const testCatalogs = [defaultCatalog, shortCreditsCatalog, slidingAndSessionCatalog] as const;

/** How the clock moves before a usage. */
const gapArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: "ms" as const, ms: 0 }) },
  { weight: 3, arbitrary: fc.constant({ kind: "ms" as const, ms: 1 }) },
  {
    weight: 10,
    arbitrary: fc.integer({ min: 2, max: 2 * hourMs }).map((ms) => ({ kind: "ms" as const, ms })),
  },
  { weight: 5, arbitrary: fc.constantFrom(-1, 0, 1).map((delta) => ({ kind: "edge" as const, delta })) },
  { weight: 2, arbitrary: fc.constantFrom(-1, 0, 1).map((delta) => ({ kind: "monday" as const, delta })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 * dayMs }).map((ms) => ({ kind: "ms" as const, ms })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 20, max: 40 }).map((days) => ({ kind: "ms" as const, ms: days * dayMs })),
  },
);

/** What a usage measures: small, large enough to fill a window in a few, or zero. */
const usageShapeArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        resource: fc.constantFrom("MiniMax-M3", "MiniMax-M2.7"),
        output: fc.oneof(
          fc.constant(0),
          fc.integer({ min: 1, max: 2_000 }),
          fc.integer({ min: 100_000, max: 4_000_000 }),
        ),
        input: fc.integer({ min: 0, max: 600_000 }),
      })
      .map(({ resource, output, input }) => ({
        resource,
        measures: { inputTokens: input, outputTokens: output },
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .integer({ min: 1, max: 2_000 })
      .map((images) => ({ resource: "image-01", measures: { images } })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 40 }).map((songs) => ({ resource: "music", measures: { songs } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 4 })
      .map((videos) => ({ resource: "video-standard", measures: { videos } })),
  },
);

/** A usage log starting at an edge or anywhere in June 2026, each usage after the previous. */
export const usageLogArb: fc.Arbitrary<UsageEvent[]> = fc
  .record({
    start: fc.oneof(
      fc.constantFrom(Date.parse("2026-06-01T04:59:59.999Z"), Date.parse("2026-06-02T05:30:00Z")),
      fc.integer({ min: Date.parse("2026-06-01T00:00:00Z"), max: Date.parse("2026-06-30T00:00:00Z") }),
    ),
    steps: fc.array(fc.record({ gap: gapArb, shape: usageShapeArb }), { minLength: 0, maxLength: 40 }),
  })
  .map(({ start, steps }) => {
    let t = start;
    return steps.map(({ gap, shape }, i): UsageEvent => {
      if (gap.kind === "ms") t += gap.ms;
      else if (gap.kind === "edge") t = Math.max(t, nextBlockEdge(t) + gap.delta);
      else t = Math.max(t, nextMonday(t) + gap.delta);
      return { type: "usage", id: `log-${i}`, at: t, resource: shape.resource, measures: shape.measures };
    });
  });

/** The plans and strategies a property draws. */
export const planArb = fc.constantFrom("plus", "max", "ultra", "none");
export const strategyArb = fc.constantFrom("as-needed", "none", "usd-5", "usd-25");

/** What the reference run found, in the units simulate reports. */
export interface ReferenceRun {
  readonly entries: readonly LedgerEntry[];
  readonly purchases: readonly { readonly at: string; readonly beforeUsage: number }[];
  readonly full: readonly { bucket: string; window: string; from: string; until: string | null }[];
  readonly final: LedgerState;
  readonly creditsLeft: string;
}

function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify((r as unknown as { error: unknown }).error)}`);
  return r as Extract<T, { ok: true }>;
}

/**
 * The strategy the obvious way: subscribe at the first usage, buy a fixed package then,
 * and before each usage quote it and buy ceil(short ÷ package) packages when the balance
 * falls short; every usage applied alone. A window is full from the usage after which it
 * has nothing left until its reset then.
 */
export function referenceRun(
  catalog: Catalog,
  usages: readonly UsageEvent[],
  plan: string,
  strategy: string,
): ReferenceRun {
  let state = must(createLedger({ catalog }), "createLedger").state;
  const sorted = usages
    .map((u, i) => ({ u, i }))
    .sort((a, b) => (a.u.at as number) - (b.u.at as number) || a.i - b.i)
    .map(({ u }, k) => ({ ...u, id: `u${k}` }));
  const entries: LedgerEntry[] = [];
  const purchases: { at: string; beforeUsage: number }[] = [];
  const full: { bucket: string; window: string; from: string; until: string | null }[] = [];
  const apply = (event: Parameters<typeof applyEvent>[1]) => {
    const r = must(applyEvent(state, event), `apply ${event.id}`);
    state = r.state;
    entries.push(...r.entries);
    return r.outcome;
  };
  const packageId = strategy === "as-needed" ? "usd-5" : strategy === "none" ? null : strategy;
  const packageCredits =
    packageId === null ? 0n : atoms(`${catalog.credits.packages[packageId]?.credits ?? "0"}`);
  const first = sorted[0];
  if (first !== undefined) {
    if (plan !== "none") apply({ type: "subscribe", id: "plan", at: first.at, tier: plan });
    if (packageId !== null && strategy !== "as-needed") {
      apply({ type: "purchase-credits", id: "start", at: first.at, package: packageId });
      purchases.push({ at: new Date(first.at as number).toISOString(), beforeUsage: 0 });
    }
  }
  sorted.forEach((usage, k) => {
    if (packageId !== null) {
      const quote = must(quoteUsage(state, usage), "quote").value;
      const short = atoms(quote.creditsShort);
      if (short > 0n) {
        const count = (short + packageCredits - 1n) / packageCredits;
        for (let n = 0n; n < count; n++) {
          apply({ type: "purchase-credits", id: `buy-${k}-${n}`, at: usage.at, package: packageId });
          purchases.push({ at: new Date(usage.at as number).toISOString(), beforeUsage: k });
        }
      }
    }
    apply(usage);
    // A window is full while it has nothing left; the period runs to its reset then.
    const at = new Date(usage.at as number).toISOString();
    for (const bucket of must(quotaStatus(state, usage.at), "quotaStatus").value.buckets) {
      if (!bucket.covered) continue;
      for (const w of bucket.windows) {
        if (w.remaining !== "0" || w.limit === "0") continue;
        const last = [...full].reverse().find((f) => f.bucket === bucket.bucket && f.window === w.window);
        if (last !== undefined && (last.until === null || at < last.until)) {
          if (w.resetsAt === null || (last.until !== null && w.resetsAt > last.until))
            last.until = w.resetsAt;
        } else full.push({ bucket: bucket.bucket, window: w.window, from: at, until: w.resetsAt });
      }
    }
  });
  const lastAt = sorted[sorted.length - 1]?.at;
  const creditsLeft =
    lastAt === undefined ? "0" : must(creditBalance(state, lastAt), "creditBalance").value.total;
  return { entries, purchases, full, final: state, creditsLeft };
}

/** Sums an amount field over entries of one type, exactly. */
export function sumOf(
  entries: readonly LedgerEntry[],
  type: LedgerEntry["type"],
  pick: (e: LedgerEntry) => string,
): bigint {
  let total = 0n;
  for (const e of entries) if (e.type === type) total += atoms(pick(e));
  return total;
}
