/**
 * fast-check arbitraries for ledger event sequences on the default catalog, biased to
 * the edges where billing rules break: gaps of 0 and 1 ms, 5-hour block edges ±1 ms
 * (00/05/10/15/20 UTC), Monday 00:00 UTC, month ends and Jan 31, a lot's expiry instant
 * ±1 ms (365 × 24 h after purchase, exclusive), a subscription's period end ±1 ms; usage
 * measures of 0, small, large, the long-context threshold, and values that hit exactly
 * the quota room left (and the room plus the credits left) or one smallest step more.
 *
 * A sequence is drawn as a list of *step specs* and turned into events by
 * {@link buildEvents}, which runs the ledger alongside so that specs such as "jump to the
 * expiry of a live lot" or "use exactly the room left" become concrete events. Shrinking
 * works on the specs, so a counterexample shrinks to a short story.
 */
import fc from "fast-check";
import {
  applyEvent,
  creditBalance,
  type LedgerEvent,
  type LedgerState,
  type MeasureName,
  quotaStatus,
} from "../../src";
import { toAtoms } from "./amounts";
import { freshLedger } from "./run";

export const secondMs = 1000;
export const hourMs = 3_600_000;
export const dayMs = 86_400_000;
/** Credit validity in the default catalog: 365 × 24 h, expiry exclusive. */
export const lotValidityMs = 365 * dayMs;

/** Every resource of the default catalog. */
export const resourceIds = [
  "MiniMax-M3",
  "MiniMax-M2.7",
  "speech-turbo",
  "speech-hd",
  "image-01",
  "music",
  "video-standard",
  "video-premium",
] as const;
export type ResourceId = (typeof resourceIds)[number];

/** The measures each resource prices (any other measure is refused). */
export const measuresOf: Readonly<Record<ResourceId, readonly MeasureName[]>> = {
  "MiniMax-M3": ["inputTokens", "outputTokens", "cacheReadTokens"],
  "MiniMax-M2.7": ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens"],
  "speech-turbo": ["characters"],
  "speech-hd": ["characters"],
  "image-01": ["images"],
  music: ["songs"],
  "video-standard": ["videos"],
  "video-premium": ["videos"],
};

export const tierIds = ["plus", "max", "ultra"] as const;
export type TierId = (typeof tierIds)[number];
export const packageIds = ["usd-5", "usd-25", "usd-100"] as const;

// ---------------------------------------------------------------------------------------
// Time

/** The first 5-hour block edge (00/05/10/15/20 UTC) strictly after `t`. */
export function nextBlockEdge(t: number): number {
  const dayStart = Math.floor(t / dayMs) * dayMs;
  for (const hour of [5, 10, 15, 20, 24]) {
    const edge = dayStart + hour * hourMs;
    if (edge > t) return edge;
  }
  return dayStart + dayMs;
}

/** The first Monday 00:00 UTC strictly after `t`. */
export function nextMonday(t: number): number {
  const dayStart = Math.floor(t / dayMs) * dayMs;
  const weekday = new Date(dayStart).getUTCDay();
  let monday = dayStart + ((1 - weekday + 7) % 7) * dayMs;
  if (monday <= t) monday += 7 * dayMs;
  return monday;
}

/** The first 1st-of-a-month 00:00 UTC strictly after `t` (so −1 ms is the month's last instant). */
export function nextMonthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The first Jan 31 at `offsetMs` into the day strictly after `t`. */
export function nextJan31(t: number, offsetMs: number): number {
  const year = new Date(t).getUTCFullYear();
  const candidate = Date.UTC(year, 0, 31) + offsetMs;
  return candidate > t ? candidate : Date.UTC(year + 1, 0, 31) + offsetMs;
}

/** How the clock moves before a step. */
export type GapSpec =
  | { readonly kind: "zero" }
  | { readonly kind: "ms"; readonly ms: number }
  | { readonly kind: "blockEdge"; readonly delta: number }
  | { readonly kind: "monday"; readonly delta: number }
  | { readonly kind: "monthEnd"; readonly delta: number }
  | { readonly kind: "jan31"; readonly offsetMs: number; readonly delta: number }
  /** To the expiry of a live lot (picked by index), ± delta ms. */
  | { readonly kind: "expiry"; readonly pick: number; readonly delta: number }
  /** To the subscription's period end (renewal or lapse), ± delta ms. */
  | { readonly kind: "periodEnd"; readonly delta: number }
  | { readonly kind: "days"; readonly days: number; readonly ms: number };

const edgeDelta = fc.constantFrom(-1, 0, 1);

export const gapArb: fc.Arbitrary<GapSpec> = fc.oneof(
  { weight: 14, arbitrary: fc.constant<GapSpec>({ kind: "zero" }) },
  { weight: 6, arbitrary: fc.constant<GapSpec>({ kind: "ms", ms: 1 }) },
  {
    weight: 16,
    arbitrary: fc.integer({ min: 2, max: 5 * hourMs }).map((ms): GapSpec => ({ kind: "ms", ms })),
  },
  { weight: 14, arbitrary: edgeDelta.map((delta): GapSpec => ({ kind: "blockEdge", delta })) },
  { weight: 5, arbitrary: edgeDelta.map((delta): GapSpec => ({ kind: "monday", delta })) },
  { weight: 4, arbitrary: edgeDelta.map((delta): GapSpec => ({ kind: "monthEnd", delta })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ offsetMs: fc.constantFrom(0, 12 * hourMs, dayMs - 1), delta: edgeDelta })
      .map((r): GapSpec => ({ kind: "jan31", ...r })),
  },
  {
    weight: 6,
    arbitrary: fc
      .record({ pick: fc.nat({ max: 31 }), delta: edgeDelta })
      .map((r): GapSpec => ({ kind: "expiry", ...r })),
  },
  { weight: 4, arbitrary: edgeDelta.map((delta): GapSpec => ({ kind: "periodEnd", delta })) },
  {
    weight: 6,
    arbitrary: fc
      .record({ days: fc.integer({ min: 1, max: 45 }), ms: fc.integer({ min: 0, max: dayMs - 1 }) })
      .map((r): GapSpec => ({ kind: "days", ...r })),
  },
);

/** Where sequences start: edges (Jan 31, block ends, Sunday night, DST days) or anywhere in 2026–2028. */
export const startArb: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...[
        "2026-06-01T00:00:00.000Z", // catalog effective; a Monday; a block edge
        "2026-01-31T12:00:00.000Z", // Jan 31: renewals clamp to Feb 28
        "2028-01-31T23:59:59.999Z", // Jan 31 of a leap year, last ms
        "2026-06-04T14:59:59.999Z", // 1 ms before a 5-hour block edge
        "2026-06-07T23:59:59.999Z", // Sunday night: 1 ms before the week resets
        "2027-12-31T19:59:59.999Z", // year end, 1 ms before the last (4-hour) block
        "2026-03-08T06:59:59.999Z", // US DST starts (calendar-day grants in New York)
        "2026-10-25T00:59:59.999Z", // EU DST ends
      ].map((text) => Date.parse(text)),
    ),
  },
  {
    weight: 5,
    arbitrary: fc.integer({
      min: Date.parse("2026-01-01T00:00:00.000Z"),
      max: Date.parse("2028-12-31T23:59:59.999Z"),
    }),
  },
);

// ---------------------------------------------------------------------------------------
// Actions

type Validity = NonNullable<Extract<LedgerEvent, { type: "grant-credits" }>["validity"]>;

/** What a usage aims at when it is sized to the state: the quota room left, and the credits. */
export type RoomTarget =
  | "room"
  | "roomMinusOne"
  | "roomPlusOne"
  | "roomPlusCredits"
  | "roomPlusCreditsPlusOne";

/** What a step does. */
export type ActionSpec =
  | {
      readonly kind: "usage";
      readonly resource: ResourceId;
      readonly measures: Readonly<Partial<Record<MeasureName, number>>>;
      readonly serviceTier: "standard" | "priority" | null;
    }
  | { readonly kind: "room"; readonly bucket: "general" | "video"; readonly target: RoomTarget }
  | { readonly kind: "purchase"; readonly package: (typeof packageIds)[number]; readonly idPrefix: string }
  | {
      readonly kind: "purchaseCustom";
      /** Credits = steps × 5,000 (+ 2,500 when `offStep`, which the catalog refuses). */
      readonly steps: number;
      readonly offStep: boolean;
      readonly asNumber: boolean;
      readonly idPrefix: string;
    }
  | {
      readonly kind: "grant";
      readonly credits: string;
      readonly validity: Validity | null;
      readonly idPrefix: string;
    }
  | {
      readonly kind: "subscription";
      /** "auto" picks a command the current subscription accepts; the others are sent as is. */
      readonly op: "auto" | "subscribe" | "cancel" | "change-tier";
      readonly tier: TierId;
      readonly preferCancel: boolean;
    }
  /** Voids an earlier usage (picked by index from the most recent; may already be voided). */
  | { readonly kind: "void"; readonly pick: number }
  /** Pays arrears from credits: all of them (`credits` null) or up to an amount. */
  | { readonly kind: "payArrears"; readonly credits: string | null }
  /** Re-sends an earlier event at the current instant, same content; `flipAt` writes `at` in the other form. */
  | { readonly kind: "resend"; readonly pick: number; readonly flipAt: boolean };

/** A usage measure biased to 0, small, large and the long-context threshold (512,000 input tokens). */
export const tokenCountArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 1000 }) },
  { weight: 5, arbitrary: fc.integer({ min: 1001, max: 5_000_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 5_000_001, max: 2_000_000_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(511_999, 512_000, 512_001) },
);

/** A count of images, songs or videos: 0, a few, many. */
export const itemCountArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 6 }) },
  { weight: 3, arbitrary: fc.integer({ min: 7, max: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: 301, max: 2_000_000 }) },
);

function measuresArb(resource: ResourceId): fc.Arbitrary<Partial<Record<MeasureName, number>>> {
  const names = measuresOf[resource];
  const model: Partial<Record<MeasureName, fc.Arbitrary<number>>> = {};
  for (const name of names) {
    model[name] = name === "images" || name === "songs" || name === "videos" ? itemCountArb : tokenCountArb;
  }
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Partial<Record<MeasureName, number>>>;
}

/** A usage of any resource with measures it prices. */
export const usageActionArb: fc.Arbitrary<ActionSpec> = fc.constantFrom(...resourceIds).chain((resource) =>
  fc.record({
    kind: fc.constant("usage" as const),
    resource: fc.constant(resource),
    measures: measuresArb(resource),
    serviceTier: fc.oneof(
      { weight: 6, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constant("standard" as const) },
      { weight: 2, arbitrary: fc.constant("priority" as const) },
    ),
  }),
);

const idPrefixArb = fc.constantFrom("lot-", "Z", "a");

/** A grant amount: one atom, round numbers, odd decimals. */
export const grantCreditsArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("0.000000000001", "0.5", "1", "190", "5000", "123.456789") },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 200_000 }).map(String) },
  {
    weight: 2,
    arbitrary: fc
      .bigInt({ min: 1n, max: 50_000n * 10n ** 12n })
      .map((atoms) => `${atoms / 10n ** 12n}.${(atoms % 10n ** 12n).toString().padStart(12, "0")}`)
      .map((text) => text.replace(/\.?0+$/, "")),
  },
);

const validityArb: fc.Arbitrary<Validity | null> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 1, max: 3 }).map((days): Validity => ({ rule: "elapsed-days", days })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        days: fc.integer({ min: 1, max: 2 }),
        timeZone: fc.constantFrom("UTC", "America/New_York", "Asia/Shanghai"),
      })
      .map((r): Validity => ({ rule: "calendar-days", ...r })),
  },
  { weight: 1, arbitrary: fc.constant<Validity>({ rule: "anniversary", years: 1, timeZone: "UTC" }) },
);

export const actionArb: fc.Arbitrary<ActionSpec> = fc.oneof(
  { weight: 36, arbitrary: usageActionArb },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant("room" as const),
      bucket: fc.constantFrom("general" as const, "general" as const, "video" as const),
      target: fc.constantFrom<RoomTarget>(
        "room",
        "roomMinusOne",
        "roomPlusOne",
        "roomPlusCredits",
        "roomPlusCreditsPlusOne",
      ),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("purchase" as const),
      package: fc.constantFrom(...packageIds),
      idPrefix: idPrefixArb,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("purchaseCustom" as const),
      steps: fc.integer({ min: 1, max: 40 }),
      offStep: fc.oneof(
        { weight: 6, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
      asNumber: fc.boolean(),
      idPrefix: idPrefixArb,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("grant" as const),
      credits: grantCreditsArb,
      validity: validityArb,
      idPrefix: idPrefixArb,
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant("subscription" as const),
      op: fc.constantFrom(
        "auto" as const,
        "auto" as const,
        "auto" as const,
        "subscribe" as const,
        "cancel" as const,
        "change-tier" as const,
      ),
      tier: fc.constantFrom(...tierIds),
      preferCancel: fc.boolean(),
    }),
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("void" as const), pick: fc.nat({ max: 31 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("payArrears" as const),
      credits: fc.oneof(
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom("0.000000000001", "1", "150", "1000", "99999") },
      ),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("resend" as const),
      pick: fc.nat({ max: 31 }),
      flipAt: fc.boolean(),
    }),
  },
);

/** One step: move the clock, then act; `isoAt` writes `at` as ISO-8601 (else epoch ms). */
export interface StepSpec {
  readonly gap: GapSpec;
  readonly action: ActionSpec;
  readonly isoAt: boolean;
}

export const stepArb: fc.Arbitrary<StepSpec> = fc.record({
  gap: gapArb,
  action: actionArb,
  isoAt: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

// ---------------------------------------------------------------------------------------
// From specs to events

/** `t` as an event writes it: ISO-8601 with Z (seconds-only when whole) or epoch ms. */
export function atText(t: number, iso: boolean): string | number {
  if (!iso) return t;
  const text = new Date(t).toISOString();
  return t % secondMs === 0 ? text.replace(".000Z", "Z") : text;
}

function epochOf(at: string | number | Date): number {
  return typeof at === "number" ? at : new Date(at).getTime();
}

function moveClock(t: number, gap: GapSpec, state: LedgerState): number {
  switch (gap.kind) {
    case "zero":
      return t;
    case "ms":
      return t + gap.ms;
    case "blockEdge":
      return nextBlockEdge(t) + gap.delta;
    case "monday":
      return nextMonday(t) + gap.delta;
    case "monthEnd":
      return nextMonthStart(t) + gap.delta;
    case "jan31":
      return nextJan31(t, gap.offsetMs) + gap.delta;
    case "expiry": {
      const lot = state.lots[gap.pick % Math.max(1, state.lots.length)];
      return lot === undefined ? t : lot.expiresAtMs + gap.delta;
    }
    case "periodEnd":
      return state.subscription === null ? t : state.subscription.periodEndMs + gap.delta;
    case "days":
      return t + gap.days * dayMs + gap.ms;
  }
}

const atomsPerUnit = 10n ** 12n;
/** 15 × 10⁻⁹ USD: the grid every standard-tier price and limit of the default catalog sits on. */
const usdGridAtoms = 15_000n;
const measureMaxCount = 1_000_000_000_000n;
/** One image-01 (0.0035 USD) in atoms, and how far it sits off the 15-nano grid (5 nano). */
const imagePriceAtoms = 3_500_000_000n;
const imageOffGridAtoms = 5_000n;

function minRemaining(state: LedgerState, t: number, bucket: string): bigint {
  const status = quotaStatus(state, t);
  if (!status.ok) return 0n;
  const found = status.value.buckets.find((b) => b.bucket === bucket);
  if (found === undefined || !found.covered) return 0n;
  let room: bigint | null = null;
  for (const w of found.windows) {
    const r = toAtoms(w.remaining);
    room = room === null || r < room ? r : room;
  }
  return room ?? 0n;
}

function creditsLeft(state: LedgerState, t: number): bigint {
  const balance = creditBalance(state, t);
  return balance.ok ? toAtoms(balance.value.total) : 0n;
}

/** MiniMax-M2.7 cache measures worth exactly `steps` × 15 × 10⁻⁹ USD (375 = 25 steps, 60 = 4 steps). */
function gridMeasures(steps: bigint): Partial<Record<MeasureName, number>> {
  let s = steps < 0n ? 0n : steps;
  let write = s % 4n;
  if (write * 25n > s) {
    s -= write; // too small to hit exactly: the nearest step below
    write = 0n;
  }
  let read = (s - write * 25n) / 4n;
  if (read > measureMaxCount) read = measureMaxCount;
  return { cacheWriteTokens: Number(write), cacheReadTokens: Number(read) };
}

function roomEvents(
  id: string,
  at: string | number,
  t: number,
  state: LedgerState,
  bucket: "general" | "video",
  target: RoomTarget,
): LedgerEvent[] {
  const room = minRemaining(state, t, bucket);
  const withCredits = target === "roomPlusCredits" || target === "roomPlusCreditsPlusOne";
  const credits = withCredits ? creditsLeft(state, t) : 0n;
  const nudge =
    target === "roomPlusOne" || target === "roomPlusCreditsPlusOne"
      ? 1n
      : target === "roomMinusOne"
        ? -1n
        : 0n;
  if (bucket === "general") {
    // Credits are worth 1/1,000 USD each; the quota counts list-price USD.
    let target = room + credits / 1000n;
    // Off the 15-nano-USD grid by 5 or 10 nano (plus's 6.596 limit, image prices): 1 or 2
    // images first (0.0035 USD each, ≡ 5 nano mod 15) bring what is left onto it.
    const off = target % usdGridAtoms;
    const images = off === 0n || off % imageOffGridAtoms !== 0n ? 0n : off / imageOffGridAtoms;
    const before: LedgerEvent[] = [];
    if (images > 0n && target >= images * imagePriceAtoms) {
      before.push({
        type: "usage",
        id: `${id}i`,
        at,
        resource: "image-01",
        measures: { images: Number(images) },
      });
      target -= images * imagePriceAtoms;
    }
    const steps = target / usdGridAtoms + nudge;
    return [...before, { type: "usage", id, at, resource: "MiniMax-M2.7", measures: gridMeasures(steps) }];
  }
  const videos = room / atomsPerUnit + credits / (190n * atomsPerUnit) + nudge;
  return [
    {
      type: "usage",
      id,
      at,
      resource: "video-standard",
      measures: { videos: Number(videos < 0n ? 0n : videos) },
    },
  ];
}

function subscriptionEvent(
  id: string,
  at: string | number,
  state: LedgerState,
  spec: Extract<ActionSpec, { kind: "subscription" }>,
): LedgerEvent {
  const current = state.subscription;
  let op = spec.op;
  if (op === "auto") {
    if (current === null || current.status !== "active") op = "subscribe";
    else op = spec.preferCancel ? "cancel" : "change-tier";
  }
  switch (op) {
    case "subscribe":
      return { type: "subscribe", id, at, tier: spec.tier };
    case "cancel":
      return { type: "cancel", id, at };
    default: {
      let tier: TierId = spec.tier;
      if (spec.op === "auto" && current !== null && current.tier === tier) {
        tier = tierIds[(tierIds.indexOf(tier) + 1) % tierIds.length] ?? "plus";
      }
      return { type: "change-tier", id, at, tier };
    }
  }
}

function actionEvents(
  index: number,
  at: string | number,
  t: number,
  state: LedgerState,
  action: Exclude<ActionSpec, { kind: "resend" }>,
  usageIds: readonly string[],
): LedgerEvent[] {
  const id = `e${index}`;
  switch (action.kind) {
    case "usage": {
      const base = { type: "usage" as const, id, at, resource: action.resource, measures: action.measures };
      return [action.serviceTier === null ? base : { ...base, serviceTier: action.serviceTier }];
    }
    case "room":
      return roomEvents(id, at, t, state, action.bucket, action.target);
    case "purchase":
      return [{ type: "purchase-credits", id: `${action.idPrefix}${index}`, at, package: action.package }];
    case "purchaseCustom": {
      const credits = action.steps * 5000 + (action.offStep ? 2500 : 0);
      return [
        {
          type: "purchase-credits",
          id: `${action.idPrefix}${index}`,
          at,
          credits: action.asNumber ? credits : String(credits),
        },
      ];
    }
    case "grant": {
      const base = {
        type: "grant-credits" as const,
        id: `${action.idPrefix}${index}`,
        at,
        credits: action.credits,
      };
      return [action.validity === null ? base : { ...base, validity: action.validity }];
    }
    case "subscription":
      return [subscriptionEvent(id, at, state, action)];
    case "payArrears":
      return [
        action.credits === null
          ? { type: "pay-arrears", id, at }
          : { type: "pay-arrears", id, at, credits: action.credits },
      ];
    case "void":
      return [
        {
          type: "void-usage",
          id,
          at,
          usageId:
            usageIds[usageIds.length - 1 - (action.pick % Math.max(1, usageIds.length))] ?? "no-such-usage",
        },
      ];
  }
}

/**
 * Turns step specs into a time-sorted event list, running the ledger alongside (with
 * `applyEvent`) so that state-sized specs become concrete. Refused events stay in the list:
 * they are part of what a caller may send.
 */
export function buildEvents(start: number, specs: readonly StepSpec[]): LedgerEvent[] {
  let state = freshLedger();
  let t = start;
  const events: LedgerEvent[] = [];
  const usageIds: string[] = [];
  for (const spec of specs) {
    let made: readonly LedgerEvent[];
    if (spec.action.kind === "resend") {
      const here = events.filter((e) => epochOf(e.at) === t);
      const original = here[spec.action.pick % Math.max(1, here.length)];
      if (original === undefined) continue;
      made = [
        spec.action.flipAt ? { ...original, at: atText(t, typeof original.at === "number") } : original,
      ];
    } else {
      t = Math.max(t, moveClock(t, spec.gap, state));
      made = actionEvents(events.length, atText(t, spec.isoAt), t, state, spec.action, usageIds);
    }
    for (const event of made) {
      const applied = applyEvent(state, event);
      if (applied.ok) {
        state = applied.state;
        if (applied.outcome.type === "usage") usageIds.push(applied.outcome.eventId);
      }
      events.push(event);
    }
  }
  return events;
}

/** Options of {@link eventSequenceArb}. */
export interface SequenceOptions {
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** A time-sorted event sequence (sorted non-decreasing `at`) with all the biases above. */
export function eventSequenceArb(options: SequenceOptions = {}): fc.Arbitrary<LedgerEvent[]> {
  const { minLength = 0, maxLength = 30 } = options;
  return fc
    .tuple(startArb, fc.array(stepArb, { minLength, maxLength, size: "max" }))
    .map(([start, specs]) => buildEvents(start, specs));
}

/**
 * How many event ids a ledger remembers: mostly the default (256, more than any sequence
 * here), sometimes so few that ids are forgotten mid-sequence (a re-sent event is then
 * new again, an old usage can no longer be voided).
 */
export const eventIdsRememberedArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(256) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 }) },
);
