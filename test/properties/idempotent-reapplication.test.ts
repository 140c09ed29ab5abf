/**
 * Idempotent re-application: re-applying an event already applied (same content, `at`
 * written in either form) returns outcome "duplicate", no entries, and a state with
 * identical content, right after it and at the end of the sequence; the same id with a
 * changed payload is refused with "conflict" and the state is unchanged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvent, type LedgerEvent, type LedgerOutcome, type LedgerState } from "../../src";
import { eventSequenceArb, measuresOf, packageIds, type ResourceId, tierIds } from "../support/arbitraries";
import { runEvents } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { textOf as storedText } from "../support/text";

/** The same event with `at` in the other form (ISO ⇄ epoch ms): the same content. */
function flipAt(event: LedgerEvent): LedgerEvent {
  const at = event.at;
  return { ...event, at: typeof at === "number" ? new Date(at).toISOString() : new Date(at).getTime() };
}

function otherOf<T>(values: readonly T[], current: T): T {
  return values[(values.indexOf(current) + 1) % values.length] as T;
}

/** The same id with other content that still names things the catalog knows. */
function changed(event: LedgerEvent, shiftAt: boolean): LedgerEvent {
  if (shiftAt) {
    const at = typeof event.at === "number" ? event.at : new Date(event.at).getTime();
    return { ...event, at: at + 1 };
  }
  switch (event.type) {
    case "usage": {
      const name = measuresOf[event.resource as ResourceId][0] ?? "inputTokens";
      return { ...event, measures: { ...event.measures, [name]: (event.measures[name] ?? 0) + 1 } };
    }
    case "subscribe":
    case "change-tier":
      return { ...event, tier: otherOf(tierIds, event.tier as (typeof tierIds)[number]) };
    case "cancel":
      return { ...event, at: (typeof event.at === "number" ? event.at : new Date(event.at).getTime()) + 1 };
    case "purchase-credits":
      return event.package !== undefined
        ? { ...event, package: otherOf(packageIds, event.package as (typeof packageIds)[number]) }
        : { ...event, credits: String(Number(event.credits) + 5000) };
    case "grant-credits":
      return { ...event, credits: `1${String(event.credits)}` };
    case "void-usage":
      return { ...event, usageId: `${event.usageId}-other` };
    case "pay-arrears":
      return { ...event, credits: event.credits === undefined ? "1" : `1${String(event.credits)}` };
  }
}

/** Serialised states, each computed once (serialising carries the whole catalog). */
const texts = new WeakMap<LedgerState, string>();
function textOf(state: LedgerState): string {
  let text = texts.get(state);
  if (text === undefined) {
    text = storedText(state);
    texts.set(state, text);
  }
  return text;
}

/** A retry gets the first receipt of a usage or a lot, and `duplicate` for other events. */
function expectDuplicate(state: LedgerState, event: LedgerEvent, first: LedgerOutcome): void {
  const again = applyEvent(state, event);
  if (!again.ok)
    throw new Error(`re-applying ${event.id} refused: ${again.error.code} ${again.error.message}`);
  expect(again.duplicate).toBe(true);
  if (first.type === "usage" || first.type === "credits") expect(again.outcome).toEqual(first);
  else expect(again.outcome).toEqual({ type: "duplicate", eventId: event.id, eventType: event.type });
  expect(again.entries).toEqual([]);
  if (again.state !== state) expect(textOf(again.state)).toBe(textOf(state));
}

function expectConflict(state: LedgerState, event: LedgerEvent): void {
  const result = applyEvent(state, event);
  expect(result.ok, `changed ${event.id} was accepted`).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe("conflict");
    expect(result.error.path).toEqual(["id"]);
  }
}

describe("idempotent re-application", () => {
  it(
    "same id + same content → duplicate, state unchanged; other content → conflict, state unchanged",
    () => {
      fc.assert(
        fc.property(eventSequenceArb(), fc.boolean(), (events, shiftAt) => {
          const run = runEvents(events);
          const touched = new Set<LedgerState>();
          for (const step of run.steps) {
            if (!step.result.ok) continue;
            for (const state of [step.after, run.final]) {
              textOf(state);
              touched.add(state);
              expectDuplicate(state, step.event, step.result.outcome);
              expectDuplicate(state, flipAt(step.event), step.result.outcome);
              expectConflict(state, changed(step.event, shiftAt));
            }
          }
          // Neither the duplicates nor the conflicts changed the states they were applied to.
          for (const state of touched) expect(textOf(state)).toBe(textOf(state));
        }),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
