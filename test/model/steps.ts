/**
 * Random scenarios for the differential test. A scenario is a list of step *specs*
 * ("a usage sized to the room left + 1 token", "1 ms before the next Monday"); each is
 * resolved into a concrete event against the model's state when it runs, so shrinking
 * keeps aiming at the edges. Event ids are readable: "usage-3" is the usage of step 3.
 */
import fc from "fast-check";
import type { LedgerEvent } from "../../src";
import { blockOf, nextMonthStart } from "./calendar";
import type { ReferenceModel } from "./model";
import { Dec } from "./money";
import { type MeasureId, type Price, resourceIds, resourceRules, type TierId, tierIds } from "./rules";

export type EdgeTarget = "5h" | "week" | "day" | "month" | "periodEnd" | "expiry";

export type TimeSpec =
  | { readonly kind: "gap"; readonly ms: number }
  | { readonly kind: "edge"; readonly target: EdgeTarget; readonly offset: number; readonly pick: number }
  | { readonly kind: "stale"; readonly ms: number };

export type SizeSpec =
  | { readonly kind: "fixed"; readonly measures: Partial<Record<MeasureId, number>> }
  | {
      readonly kind: "edge";
      readonly measure: MeasureId;
      /** Aim at the quota room left, or at room + every credit. */
      readonly target: "room" | "room+credits";
      readonly delta: number;
    };

export type ActionSpec =
  | { readonly kind: "subscribe"; readonly tier: TierId }
  | { readonly kind: "cancel" }
  | { readonly kind: "change-tier"; readonly tier: TierId }
  | { readonly kind: "purchase"; readonly package: string }
  | { readonly kind: "purchase-custom"; readonly credits: string }
  | { readonly kind: "grant"; readonly credits: string; readonly days: number | null }
  | { readonly kind: "usage"; readonly resource: string; readonly size: SizeSpec; readonly priority: boolean }
  | { readonly kind: "void"; readonly pick: number }
  | { readonly kind: "pay-arrears"; readonly credits: string | null }
  | { readonly kind: "settle" }
  | { readonly kind: "resend"; readonly pick: number; readonly mode: "same" | "other-format" | "conflict" };

export interface StepSpec {
  readonly time: TimeSpec;
  readonly action: ActionSpec;
  /** Send `at` as epoch ms instead of an ISO string. */
  readonly atAsMs: boolean;
  /** Queries run at the clock and again this much later. */
  readonly probeMs: number;
  /** The step runs this many times in a row (e.g. fill 16 blocks in a row to reach the weekly cap). */
  readonly repeat: number;
}

export interface Scenario {
  readonly start: number;
  readonly eventIdsRemembered: number;
  readonly steps: readonly StepSpec[];
}

/** A resolved step: an event to apply, or an instant to settle to. */
export type ResolvedStep =
  | { readonly kind: "event"; readonly event: LedgerEvent }
  | { readonly kind: "settle"; readonly at: number };

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const measureMax = 1_000_000_000_000;

// ---------------------------------------------------------------- arbitraries

const gapArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2000 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 6 * hour }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 10 * day }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 * day }) },
);

const timeArb: fc.Arbitrary<TimeSpec> = fc.oneof(
  { weight: 6, arbitrary: gapArb.map((ms): TimeSpec => ({ kind: "gap", ms })) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("edge" as const),
      target: fc.constantFrom<EdgeTarget>("5h", "week", "day", "month", "periodEnd", "expiry"),
      offset: fc.constantFrom(-1, 0, 1),
      pick: fc.nat(7),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 3 * day }).map((ms): TimeSpec => ({ kind: "stale", ms })),
  },
);

const countArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 999, 511_999, 512_000, 512_001, 1_000_000) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(1_000_000_000, measureMax) },
);

const smallCountArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 8 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 1, arbitrary: fc.constantFrom(1_000_000, measureMax) },
);

function measuresOf(resource: string): MeasureId[] {
  const rule = resourceRules[resource];
  return rule === undefined ? [] : (Object.keys(rule.prices) as MeasureId[]);
}

function isTokenMeasure(m: MeasureId): boolean {
  return m.endsWith("Tokens") || m === "characters";
}

function fixedMeasuresArb(resource: string): fc.Arbitrary<Partial<Record<MeasureId, number>>> {
  const shape: Partial<Record<MeasureId, fc.Arbitrary<number>>> = {};
  for (const m of measuresOf(resource)) shape[m] = isTokenMeasure(m) ? countArb : smallCountArb;
  return fc.record(shape, { requiredKeys: [] }) as fc.Arbitrary<Partial<Record<MeasureId, number>>>;
}

const usageArb: fc.Arbitrary<ActionSpec> = fc.constantFrom(...resourceIds).chain((resource) =>
  fc.record({
    kind: fc.constant("usage" as const),
    resource: fc.constant(resource),
    size: fc.oneof(
      fixedMeasuresArb(resource).map((measures): SizeSpec => ({ kind: "fixed", measures })),
      fc.record({
        kind: fc.constant("edge" as const),
        measure: fc.constantFrom(...measuresOf(resource)),
        target: fc.constantFrom<"room" | "room+credits">("room", "room+credits"),
        delta: fc.constantFrom(-1, 0, 1),
      }),
    ),
    priority: fc.boolean(),
  }),
);

const grantCreditsArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("1", "100", "2500.5", "0.001", "0.000000000001", "5000"),
  fc.integer({ min: 1, max: 200_000 }).map(String),
);

const customCreditsArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 40 }).map((k) => String(k * 5000)) },
  { weight: 1, arbitrary: fc.constantFrom("0", "2500", "4999", "7500", "5000.5", "10000.0") },
);

const actionArb: fc.Arbitrary<ActionSpec> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(...tierIds).map((tier): ActionSpec => ({ kind: "subscribe", tier })),
  },
  { weight: 1, arbitrary: fc.constant<ActionSpec>({ kind: "cancel" }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...tierIds).map((tier): ActionSpec => ({ kind: "change-tier", tier })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom("usd-5", "usd-25", "usd-100")
      .map((p): ActionSpec => ({ kind: "purchase", package: p })),
  },
  {
    weight: 1,
    arbitrary: customCreditsArb.map((credits): ActionSpec => ({ kind: "purchase-custom", credits })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("grant" as const),
      credits: grantCreditsArb,
      days: fc.option(fc.constantFrom(1, 2, 7, 30, 365, 400), { nil: null }),
    }),
  },
  { weight: 10, arbitrary: usageArb },
  {
    weight: 2,
    arbitrary: fc.integer({ min: -1, max: 5 }).map((pick): ActionSpec => ({ kind: "void", pick })),
  },
  { weight: 1, arbitrary: fc.constant<ActionSpec>({ kind: "settle" }) },
  {
    weight: 1,
    arbitrary: fc
      .option(fc.constantFrom("0.5", "150", "1000", "99999"), { nil: null })
      .map((credits): ActionSpec => ({ kind: "pay-arrears", credits })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("resend" as const),
      pick: fc.nat(50),
      mode: fc.constantFrom<"same" | "other-format" | "conflict">("same", "same", "other-format", "conflict"),
    }),
  },
);

const randomStepArb: fc.Arbitrary<StepSpec> = fc.record({
  time: timeArb,
  action: actionArb,
  atAsMs: fc.boolean(),
  probeMs: fc.oneof(fc.constant(0), gapArb),
  repeat: fc.oneof(
    { weight: 12, arbitrary: fc.constant(1) },
    { weight: 1, arbitrary: fc.integer({ min: 2, max: 20 }) },
  ),
});

/** At each next 5-hour block start, a usage of exactly the room left: enough of them reach the weekly cap. */
const fillRunArb: fc.Arbitrary<StepSpec> = fc
  .record({
    time: fc.record({
      kind: fc.constant("edge" as const),
      target: fc.constant<EdgeTarget>("5h"),
      offset: fc.constantFrom(0, 0, 1),
      pick: fc.constant(0),
    }),
    action: fc.record({
      kind: fc.constant("usage" as const),
      resource: fc.constantFrom("MiniMax-M3", "MiniMax-M2.7", "speech-hd"),
      size: fc.record({
        kind: fc.constant("edge" as const),
        measure: fc.constantFrom<MeasureId>("outputTokens", "characters"),
        target: fc.constant<"room" | "room+credits">("room"),
        delta: fc.constantFrom(0, 0, 1),
      }),
      priority: fc.boolean(),
    }),
    atAsMs: fc.boolean(),
    probeMs: fc.constant(0),
    repeat: fc.integer({ min: 8, max: 20 }),
  })
  .map((step): StepSpec => {
    // outputTokens for text, characters for speech.
    const measure: MeasureId = step.action.resource === "speech-hd" ? "characters" : "outputTokens";
    return { ...step, action: { ...step.action, size: { ...step.action.size, measure } } };
  });

const stepArb: fc.Arbitrary<StepSpec> = fc.oneof(
  { weight: 15, arbitrary: randomStepArb },
  { weight: 1, arbitrary: fillRunArb },
);

const interestingStarts = [
  "2026-06-01T00:00:00.000Z",
  "2026-01-31T10:00:00.000Z",
  "2026-12-31T23:59:59.999Z",
  "2028-02-29T12:00:00.000Z",
  "2026-06-07T23:59:59.999Z",
  "2026-03-31T04:59:59.999Z",
  "2027-01-29T19:59:59.999Z",
].map((s) => Date.parse(s));

/** Scenarios of up to `maxSteps` steps. */
export function scenarioArb(maxSteps: number): fc.Arbitrary<Scenario> {
  return fc.record({
    start: fc.oneof(
      fc.constantFrom(...interestingStarts),
      fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2030-01-01T00:00:00Z") }),
    ),
    eventIdsRemembered: fc.constantFrom(256, 256, 256, 1, 3, 8),
    steps: fc.array(stepArb, { minLength: 1, maxLength: maxSteps, size: "max" }),
  });
}

// ---------------------------------------------------------------- resolution

function edgeInstant(model: ReferenceModel, base: number, spec: Extract<TimeSpec, { kind: "edge" }>): number {
  const peek = model.peek(base);
  switch (spec.target) {
    case "5h":
      return blockOf("5h", base).end;
    case "week":
      return blockOf("weekly", base).end;
    case "day":
      return blockOf("daily", base).end;
    case "month":
      return nextMonthStart(base);
    case "periodEnd":
      return peek.subscription?.periodEnd ?? blockOf("5h", base).end;
    case "expiry": {
      const lot = peek.lots[spec.pick % Math.max(peek.lots.length, 1)];
      return lot?.expiresAt ?? blockOf("5h", base).end;
    }
  }
}

function instantFor(model: ReferenceModel, start: number, time: TimeSpec): number {
  const base = model.clock ?? start;
  switch (time.kind) {
    case "gap":
      return base + time.ms;
    case "stale":
      return base - time.ms;
    case "edge":
      return Math.max(base, edgeInstant(model, base, time) + time.offset);
  }
}

function priceOf(resource: string, measure: MeasureId, long: boolean): Price {
  const rule = resourceRules[resource];
  const prices = long && rule?.longContext !== undefined ? rule.longContext.prices : rule?.prices;
  const price = prices?.[measure];
  if (price === undefined) throw new Error(`no price for ${resource} ${measure}`);
  return price;
}

/** How many of `measure` make `targetUsd` of value: floor, then ± delta. */
function countFor(
  resource: string,
  measure: MeasureId,
  targetUsd: Dec,
  priority: boolean,
  delta: number,
): number {
  const multiplier = priority ? new Dec("1.5") : new Dec(1);
  const unitUsd = (long: boolean) => {
    const p = priceOf(resource, measure, long);
    return new Dec(p.usd).div(p.per).times(multiplier);
  };
  let count = targetUsd.div(unitUsd(false)).floor();
  const longAbove = resourceRules[resource]?.longContext?.above;
  if (measure === "inputTokens" && longAbove !== undefined && count.gt(longAbove)) {
    count = targetUsd.div(unitUsd(true)).floor();
  }
  const n = count.plus(delta);
  if (n.isNegative()) return 0;
  return n.gt(measureMax) ? measureMax : n.toNumber();
}

function measuresFor(
  model: ReferenceModel,
  at: number,
  action: Extract<ActionSpec, { kind: "usage" }>,
): Partial<Record<MeasureId, number>> {
  const size = action.size;
  if (size.kind === "fixed") return size.measures;
  const peek = model.peek(Math.max(at, model.clock ?? at));
  const credits = size.target === "room+credits" ? new Dec(peek.creditsTotal) : new Dec(0);
  if (size.measure === "videos") {
    const price = priceOf(action.resource, "videos", false);
    const perVideoCredits = new Dec(price.usd).times(1000).times(action.priority ? "1.5" : "1");
    const videos = new Dec(peek.roomVideos).plus(credits.div(perVideoCredits).floor()).plus(size.delta);
    return { videos: Math.max(0, Math.min(videos.toNumber(), measureMax)) };
  }
  const targetUsd = new Dec(peek.roomGeneralUsd).plus(credits.div(1000));
  return { [size.measure]: countFor(action.resource, size.measure, targetUsd, action.priority, size.delta) };
}

function otherFormat(at: string | number | Date): string | number {
  if (at instanceof Date) return at.toISOString();
  return typeof at === "number" ? new Date(at).toISOString() : Date.parse(at);
}

function conflicting(event: LedgerEvent, pick: number): LedgerEvent {
  const at = typeof event.at === "number" ? event.at : new Date(event.at).getTime();
  if (pick % 2 === 0) return { ...event, at: at + 1000 };
  switch (event.type) {
    case "subscribe":
    case "change-tier":
      return { ...event, tier: event.tier === "plus" ? "ultra" : "plus" };
    case "purchase-credits":
      if (event.package === undefined)
        return { ...event, credits: event.credits === "5000" ? "10000" : "5000" };
      return { ...event, package: event.package === "usd-5" ? "usd-25" : "usd-5" };
    case "grant-credits":
      return { ...event, credits: "7" };
    case "usage":
      return event.resource === "music"
        ? { ...event, resource: "image-01", measures: { images: 1 } }
        : { ...event, resource: "music", measures: { songs: 1 } };
    default:
      return { ...event, at: at + 1000 };
  }
}

/** What a scenario run has sent so far (resends and voids pick from it). */
export interface Sent {
  readonly events: LedgerEvent[];
  readonly usageIds: string[];
}

/** Resolves step `index` of a scenario into an event or a settle, against the model's state. */
export function resolveStep(
  model: ReferenceModel,
  scenario: Scenario,
  stepIndex: number,
  repetition: number,
  sent: Sent,
): ResolvedStep {
  const spec = scenario.steps[stepIndex];
  if (spec === undefined) throw new Error(`no step ${stepIndex}`);
  const index = repetition === 0 ? `${stepIndex}` : `${stepIndex}-${repetition}`;
  const at = instantFor(model, scenario.start, spec.time);
  const atOut: string | number = spec.atAsMs ? at : new Date(at).toISOString();
  const action = spec.action;
  switch (action.kind) {
    case "settle":
      return { kind: "settle", at };
    case "subscribe":
      return {
        kind: "event",
        event: { type: "subscribe", id: `sub-${index}`, at: atOut, tier: action.tier },
      };
    case "cancel":
      return { kind: "event", event: { type: "cancel", id: `cancel-${index}`, at: atOut } };
    case "change-tier":
      return {
        kind: "event",
        event: { type: "change-tier", id: `tier-${index}`, at: atOut, tier: action.tier },
      };
    case "purchase":
      return {
        kind: "event",
        event: { type: "purchase-credits", id: `buy-${index}`, at: atOut, package: action.package },
      };
    case "purchase-custom":
      return {
        kind: "event",
        event: { type: "purchase-credits", id: `buy-${index}`, at: atOut, credits: action.credits },
      };
    case "grant":
      return {
        kind: "event",
        event:
          action.days === null
            ? { type: "grant-credits", id: `grant-${index}`, at: atOut, credits: action.credits }
            : {
                type: "grant-credits",
                id: `grant-${index}`,
                at: atOut,
                credits: action.credits,
                validity: { rule: "elapsed-days", days: action.days },
              },
      };
    case "usage": {
      const measures = measuresFor(model, at, action);
      const event: LedgerEvent = action.priority
        ? {
            type: "usage",
            id: `usage-${index}`,
            at: atOut,
            resource: action.resource,
            measures,
            serviceTier: "priority",
          }
        : { type: "usage", id: `usage-${index}`, at: atOut, resource: action.resource, measures };
      return { kind: "event", event };
    }
    case "void": {
      const ids = sent.usageIds;
      const usageId =
        action.pick < 0 || ids.length === 0
          ? "usage-unknown"
          : (ids[ids.length - 1 - (action.pick % ids.length)] ?? "usage-unknown");
      return { kind: "event", event: { type: "void-usage", id: `void-${index}`, at: atOut, usageId } };
    }
    case "pay-arrears":
      return {
        kind: "event",
        event:
          action.credits === null
            ? { type: "pay-arrears", id: `pay-${index}`, at: atOut }
            : { type: "pay-arrears", id: `pay-${index}`, at: atOut, credits: action.credits },
      };
    case "resend": {
      const original = sent.events[action.pick % Math.max(sent.events.length, 1)];
      if (original === undefined) return { kind: "settle", at };
      if (action.mode === "same") return { kind: "event", event: original };
      if (action.mode === "other-format")
        return { kind: "event", event: { ...original, at: otherFormat(original.at) } };
      return { kind: "event", event: conflicting(original, action.pick) };
    }
  }
}
