/**
 * Property: parseRemains never throws, whatever JSON it is given (arbitrary JSON, the
 * documented fields with wild values, mutated fixtures, truncated text). It answers a
 * snapshot whose every bucket has both windows, or a typed error; and the snapshot is
 * plain JSON that the renderer, reconcile and ledgerFromRemains take without throwing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ledgerErrorCodes,
  ledgerFromRemains,
  parseRemains,
  type RemainsSnapshot,
  type Result,
  reconcile,
  remainsReport,
} from "../../src";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { payloadArb, rowFieldNames } from "./arbitraries";
import { emptyLedger, fixture, fixtureText } from "./support";

const statuses = ["normal", "exhausted", "unlimited", "notInPlan", "unknown"];
const canonical = /^(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;
const ledger = emptyLedger();

/** What every answer of parseRemains must be. */
function checkAnswer(
  result: Result<RemainsSnapshot, { code: string; message: string; path: readonly unknown[] }>,
): void {
  if (!result.ok) {
    expect(ledgerErrorCodes).toContain(result.error.code);
    expect(result.error.message.length).toBeGreaterThan(10);
    expect(Array.isArray(result.error.path)).toBe(true);
    return;
  }
  const snapshot = result.value;
  // Plain JSON: it survives a round trip through text (unknown fields keep the input's own values, -0 included).
  const text = JSON.stringify(snapshot);
  expect(JSON.stringify(JSON.parse(text))).toBe(text);
  expect(JSON.parse(text).buckets).toEqual(
    snapshot.buckets.map((b) => ({ ...b, unknownFields: JSON.parse(JSON.stringify(b.unknownFields)) })),
  );
  for (const bucket of snapshot.buckets) {
    for (const window of [bucket.interval, bucket.weekly]) {
      expect(typeof window).toBe("object");
      expect(statuses).toContain(window.status);
      for (const amount of [window.limit, window.used, window.remaining, window.usedPercent]) {
        if (amount !== null) expect(amount).toMatch(canonical);
      }
    }
  }
  const at = "2026-06-04T12:10:00Z";
  expect(remainsReport(snapshot, at).ok).toBe(true);
  expect(reconcile(ledger, snapshot, at).ok).toBe(true);
  expect(ledgerFromRemains(snapshot, { tier: "max", at }).ok).toBe(true);
}

const fixtureNames = [
  "current-v2.json",
  "legacy-v1.json",
  "coding-plan.json",
  "unlimited-weekly.json",
  "plus-video-not-in-plan.json",
  "boost-current-permill.json",
  "missing-fields.json",
];

/** A fixture with one field of one row replaced (or removed). */
const mutatedFixtureArb = fc
  .record({
    name: fc.constantFrom(...fixtureNames),
    row: fc.nat({ max: 3 }),
    field: fc.oneof(fc.constantFrom(...rowFieldNames), fc.string({ maxLength: 6 })),
    value: fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(null, "", "1e9", -1, 101, "3", 0),
    ),
  })
  .map(({ name, row, field, value }) => {
    const payload = fixture(name) as { model_remains: Record<string, unknown>[] };
    const target = payload.model_remains[row % payload.model_remains.length];
    if (target !== undefined) {
      if (value === undefined) delete target[field];
      else target[field] = value;
    }
    return payload;
  });

describe("parseRemains never throws", () => {
  it(
    "on arbitrary JSON values",
    () => {
      fc.assert(
        fc.property(fc.jsonValue(), (json) => checkAnswer(parseRemains(json))),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  it(
    "on the documented fields holding wild values, bare or in data",
    () => {
      fc.assert(
        fc.property(fc.oneof(payloadArb(0), payloadArb(1), payloadArb(4)), (payload) =>
          checkAnswer(parseRemains(payload)),
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  it(
    "on mutated fixtures, with or without a named endpoint",
    () => {
      fc.assert(
        fc.property(mutatedFixtureArb, fc.constantFrom(undefined, "current", "legacy"), (payload, endpoint) =>
          checkAnswer(parseRemains(payload, endpoint === undefined ? {} : { endpoint })),
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );

  it(
    "on fixture text cut anywhere, or any string",
    () => {
      const texts = fixtureNames.map(fixtureText);
      fc.assert(
        fc.property(
          fc.oneof(
            fc
              .tuple(fc.constantFrom(...texts), fc.nat())
              .map(([text, cut]) => text.slice(0, cut % (text.length + 1))),
            fc.string(),
          ),
          (text) => checkAnswer(parseRemains(text)),
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
