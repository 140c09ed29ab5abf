/**
 * What keeping every entry costs at the least, whatever the library does (issue 22):
 *
 *   npx tsx bench/entries-floor.ts [usages] [rounds]
 *
 * In chunks of 50,000 events, as `npm run bench` times the all-entries replay, interleaved
 * rounds of: the replay without entries (`none`), the replay with every entry (`all`), and
 * the floor: building, for the same chunk, plain objects with the same fields as its
 * entries, every string already made (a chunk's entries are made by an untimed replay
 * first, and the copies share their strings). The floor is what the allocation and garbage
 * collection of the entries' objects alone cost: no deciding, no formatting, no strings.
 * `(none + floor) ÷ none` is the ratio an all-entries replay of this entry shape cannot
 * go under. A second floor, `floor + strings`, builds the same copies from the entries'
 * numbers (amounts as atoms, instants as epoch ms, read untimed) and writes every string
 * with the library's own formatter (one per call, as `applyEvents` uses it): what the
 * entries' objects and their text cost, still with no deciding.
 */
import { applyEvents, createLedger, type LedgerEntry, type LedgerEvent, type LedgerState } from "../src";
import { OutputFormatter } from "../src/ledger/facts";
import { parseTrustedAmount, type Scaled } from "../src/money";
import { generateTrace } from "./trace";

const usages = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 5);
const chunk = 50_000;
const events = generateTrace({ usageEvents: usages }).events as readonly LedgerEvent[];
const created = createLedger();
if (!created.ok) throw new Error(created.error.message);
const empty = created.state;

/** A plain copy of an entry: one object literal per common type, sharing every string. */
function copyOf(e: LedgerEntry): object {
  switch (e.type) {
    case "quota.consumed":
      return {
        type: e.type,
        eventId: e.eventId,
        at: e.at,
        bucket: e.bucket,
        window: e.window,
        units: e.units,
      };
    case "usage.recorded":
      return {
        type: e.type,
        eventId: e.eventId,
        at: e.at,
        resource: e.resource,
        bucket: e.bucket,
        valueUsd: e.valueUsd,
        valueCredits: e.valueCredits,
        quotaUnits: e.quotaUnits,
        quotaCredits: e.quotaCredits,
        creditsDebited: e.creditsDebited,
        uncoveredCredits: e.uncoveredCredits,
        draws: e.draws.map((d) => ({ lotId: d.lotId, credits: d.credits, expiresAt: d.expiresAt })),
      };
    case "credits.debited":
      return { type: e.type, eventId: e.eventId, at: e.at, lotId: e.lotId, credits: e.credits };
    default:
      return { ...e };
  }
}

/** An entry's numbers, read back from its text (untimed): what the library formats from. */
type Raw = {
  readonly entry: LedgerEntry;
  readonly at: number;
  readonly amounts: readonly Scaled<"credits">[];
};

const atoms = (text: string): Scaled<"credits"> => parseTrustedAmount<"credits">(text);

function rawOf(e: LedgerEntry): Raw {
  const at = Date.parse(e.at);
  switch (e.type) {
    case "quota.consumed":
      return { entry: e, at, amounts: [atoms(e.units)] };
    case "usage.recorded":
      return {
        entry: e,
        at,
        amounts: [
          e.valueUsd,
          e.valueCredits,
          e.quotaUnits,
          e.quotaCredits,
          e.creditsDebited,
          e.uncoveredCredits,
        ].map(atoms),
      };
    case "credits.debited":
      return { entry: e, at, amounts: [atoms(e.credits)] };
    default:
      return { entry: e, at, amounts: [] };
  }
}

/** A copy of an entry whose strings are written again by `f` (amounts and `at`; draws as `copyOf`). */
function writtenOf(raw: Raw, f: OutputFormatter): object {
  const e = raw.entry;
  const a = raw.amounts;
  const at = f.instant(raw.at);
  switch (e.type) {
    case "quota.consumed":
      return {
        type: e.type,
        eventId: e.eventId,
        at,
        bucket: e.bucket,
        window: e.window,
        units: f.amount(a[0] as Scaled<"credits">),
      };
    case "usage.recorded":
      return {
        type: e.type,
        eventId: e.eventId,
        at,
        resource: e.resource,
        bucket: e.bucket,
        valueUsd: f.amount(a[0] as Scaled<"credits">),
        valueCredits: f.amount(a[1] as Scaled<"credits">),
        quotaUnits: f.amount(a[2] as Scaled<"credits">),
        quotaCredits: f.amount(a[3] as Scaled<"credits">),
        creditsDebited: f.amount(a[4] as Scaled<"credits">),
        uncoveredCredits: f.amount(a[5] as Scaled<"credits">),
        draws: e.draws.map((d) => ({ lotId: d.lotId, credits: d.credits, expiresAt: d.expiresAt })),
      };
    case "credits.debited":
      return {
        type: e.type,
        eventId: e.eventId,
        at,
        lotId: e.lotId,
        credits: f.amount(a[0] as Scaled<"credits">),
      };
    default:
      return { ...e };
  }
}

function replay(collect: boolean): number {
  let state: LedgerState = empty;
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += chunk) {
    const r = applyEvents(state, events.slice(i, i + chunk), { collectEntries: collect });
    if (!r.ok) throw new Error(r.error.message);
    state = r.state;
  }
  return performance.now() - t0;
}

/**
 * Times `build` on each chunk's entries (made first by an untimed replay): `prepare` runs
 * untimed, `build` is timed and returns the copies.
 */
function floorOf<T>(
  prepare: (entries: readonly LedgerEntry[]) => T,
  build: (prepared: T) => object[],
): number {
  let state: LedgerState = empty;
  let ms = 0;
  for (let i = 0; i < events.length; i += chunk) {
    const r = applyEvents(state, events.slice(i, i + chunk), { collectEntries: true });
    if (!r.ok) throw new Error(r.error.message);
    state = r.state;
    const prepared = prepare(r.entries);
    const t0 = performance.now();
    const kept = build(prepared);
    ms += performance.now() - t0;
    if (kept.length !== r.entries.length) throw new Error("lost an entry");
  }
  return ms;
}

const floor = (): number =>
  floorOf(
    (entries) => entries,
    (entries) => {
      const kept: object[] = [];
      for (const entry of entries) kept.push(copyOf(entry));
      return kept;
    },
  );

const floorWithStrings = (): number =>
  floorOf(
    (entries) => entries.map(rawOf),
    (raws) => {
      const formatter = new OutputFormatter();
      const kept: object[] = [];
      for (const raw of raws) kept.push(writtenOf(raw, formatter));
      return kept;
    },
  );

const times = { none: [] as number[], all: [] as number[], floor: [] as number[], strings: [] as number[] };
for (let round = 0; round < rounds; round++) {
  times.none.push(replay(false));
  times.all.push(replay(true));
  times.floor.push(floor());
  times.strings.push(floorWithStrings());
}
const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const [none, all, least, written] = [
  median(times.none),
  median(times.all),
  median(times.floor),
  median(times.strings),
];
console.log(
  `${events.length} events, medians of ${rounds}: none ${none.toFixed(0)} ms, all ${all.toFixed(0)} ms ` +
    `(${(all / none).toFixed(2)}×), floor ${least.toFixed(0)} ms: (none + floor) ÷ none = ${((none + least) / none).toFixed(2)}×; ` +
    `floor + strings ${written.toFixed(0)} ms: (none + floor + strings) ÷ none = ${((none + written) / none).toFixed(2)}×`,
);
