/**
 * The hand-written state check (`isStateShape`, parseLedger's fast path for stored text)
 * accepts only what the zod state schema accepts, and accepts every ledger this library
 * writes: calendar, sliding and session windows, lots, usages with draws, arrears.
 * Mutations of real stored ledgers (a field removed, replaced by another JSON value, or
 * an extra field) probe the boundary: whatever the fast check accepts, zod accepts too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvents, createLedger, type LedgerState } from "../../src";
import { printOf, type RecentEventJson, recentEventJson, recordOf } from "../../src/ledger/recent";
import { stateSchema } from "../../src/ledger/serialize";
import { isRecentRecordText, isStateShape } from "../../src/ledger/stateShape";
import { instantMaxMs } from "../../src/limits";
import { isCanonicalAmount } from "../../src/money";
import { eventIdsRememberedArb, eventSequenceArb } from "../support/arbitraries";
import { slidingAndSessionCatalog } from "../support/catalogs";
import { freshLedger, runEvents } from "../support/run";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { textOf } from "../support/text";

const otherCatalog = slidingAndSessionCatalog;

/** A stored ledger from a random sequence, on the default catalog or one with sliding and session windows. */
const storedArb = fc
  .tuple(eventSequenceArb(), eventIdsRememberedArb, fc.boolean())
  .map(([events, remembered, other]) => {
    let initial: LedgerState = freshLedger(remembered);
    if (other) {
      const created = createLedger({ catalog: otherCatalog, eventIdsRemembered: remembered });
      if (!created.ok) throw new Error(created.error.message);
      initial = created.state;
    }
    return JSON.parse(textOf(runEvents(events, initial).final)) as unknown;
  });

/** Every path to a value inside JSON data. */
function pathsOf(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) pathsOf(value[i], [...path, i], out);
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) if (path[0] !== "catalog") pathsOf(v, [...path, k], out);
  }
  return out;
}

/** Values that are right somewhere in a ledger and wrong elsewhere. */
// biome-ignore format: a table of probe values
const replacements: readonly unknown[] = [
  null, true, 0, 1, -1, 1.5, 2 ** 53, 253_402_300_800_000, "", "x", "1", "0.10", "01", "-1", "1e3",
  "calendar", "sliding", "session", "purchase", "active", [], [1, 2, 3], ["a", "1", 0], {}, { kind: "calendar" },
  "x".repeat(129), "y".repeat(201),
];
const replacementArb = fc.constantFrom<unknown>(...replacements);

type Mutation = {
  readonly at: number;
  readonly how: "delete" | "replace" | "extra" | "rename";
  readonly value: unknown;
};
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  how: fc.constantFrom("delete", "replace", "replace", "extra"),
  value: replacementArb,
});

function mutate(root: unknown, m: Mutation): unknown {
  const copy = JSON.parse(JSON.stringify(root)) as unknown;
  const paths = pathsOf(copy).filter((p) => p.length > 0);
  const path = paths[m.at % paths.length] as (string | number)[];
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (m.how === "rename") {
    // The field moves to a key of 201 characters (longer than any key a ledger allows).
    if (!Array.isArray(parent)) {
      parent["k".repeat(201)] = parent[last];
      delete parent[last];
    }
  } else if (m.how === "delete") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (m.how === "replace") parent[last] = m.value;
  else if (typeof parent[last] === "object" && parent[last] !== null && !Array.isArray(parent[last])) {
    (parent[last] as Record<string, unknown>).extra = m.value;
  } else if (Array.isArray(parent[last])) (parent[last] as unknown[]).push(m.value);
  else parent[last] = m.value;
  return copy;
}

describe("isStateShape against the zod state schema", () => {
  it(
    "accepts every ledger the library writes",
    () => {
      fc.assert(
        fc.property(storedArb, (stored) => {
          expect(isStateShape(stored)).toBe(true);
          // zod's output is the input itself, key order included: using the input is the same.
          expect(JSON.stringify(stateSchema.parse(stored))).toBe(JSON.stringify(stored));
        }),
        propertyParameters(200),
      );
    },
    propertyTimeoutMs,
  );

  it(
    "accepts a mutated ledger only when zod does",
    () => {
      let accepted = 0;
      let refused = 0;
      fc.assert(
        fc.property(storedArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (stored, mutations) => {
          const mutated = mutations.reduce(mutate, stored);
          if (isStateShape(mutated)) {
            accepted++;
            const viaZod = stateSchema.safeParse(mutated);
            expect(viaZod.success && JSON.stringify(viaZod.data)).toBe(JSON.stringify(mutated));
          } else refused++;
        }),
        propertyParameters(),
      );
      // The probe reaches both sides of the boundary.
      expect(accepted).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    },
    propertyTimeoutMs,
  );
});

/** One path per distinct field (array positions folded), for a systematic probe. */
function fieldPaths(value: unknown): (string | number)[][] {
  const seen = new Set<string>();
  return pathsOf(value).filter((path) => {
    if (path.length === 0) return false;
    const shape = path.map((k) => (typeof k === "number" ? "#" : k)).join(".");
    if (seen.has(shape)) return false;
    seen.add(shape);
    return true;
  });
}

describe("isStateShape, probed field by field", () => {
  it(
    "for every field of a stored ledger: removed, replaced by each probe value, or given an extra field or element, the fast check accepts only what zod accepts",
    () => {
      let probes = 0;
      fc.assert(
        fc.property(storedArb, (stored) => {
          for (const path of fieldPaths(stored)) {
            const at = pathsOf(stored).findIndex((p) => p.join("\u0000") === path.join("\u0000")) - 1;
            const mutations: Mutation[] = [
              { at, how: "delete", value: null },
              { at, how: "extra", value: 1 },
              { at, how: "rename", value: null },
              ...replacements.map((value) => ({ at, how: "replace" as const, value })),
            ];
            for (const m of mutations) {
              const mutated = mutate(stored, m);
              probes++;
              if (isStateShape(mutated)) {
                const viaZod = stateSchema.safeParse(mutated);
                expect(viaZod.success && JSON.stringify(viaZod.data)).toBe(JSON.stringify(mutated));
              }
            }
          }
        }),
        propertyParameters(40),
      );
      expect(probes).toBeGreaterThan(1000);
    },
    propertyTimeoutMs,
  );

  it(
    "a stored ledger with an extra top-level field is not accepted by the fast check",
    () => {
      fc.assert(
        fc.property(storedArb, fc.constantFrom<unknown>(null, 0, "x", {}, []), (stored, value) => {
          const mutated = { ...(stored as Record<string, unknown>), extra: value };
          expect(isStateShape(mutated)).toBe(false);
          expect(stateSchema.safeParse(mutated).success).toBe(false);
        }),
        propertyParameters(100),
      );
    },
    propertyTimeoutMs,
  );
});

describe("parseLedger's fast path", () => {
  it("is taken for stored text, and gives the same state as the zod path", () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const r = applyEvents(created.state, [
      { type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" },
      { type: "purchase-credits", id: "p", at: "2026-06-01T00:00:00Z", package: "usd-5" },
      { type: "usage", id: "u", at: "2026-06-01T01:00:00Z", resource: "music", measures: { songs: 50 } },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    const stored = JSON.parse(textOf(r.state)) as unknown;
    expect(isStateShape(stored)).toBe(true);
    const viaZod = stateSchema.safeParse(stored);
    expect(viaZod.success && JSON.stringify(viaZod.data)).toBe(JSON.stringify(stored));
  });
});

/** Field by field, independently of the record's pattern: what a usage record may hold. */
function recordOracle(text: string): boolean {
  const fields = text.split(" ");
  if (fields.length !== 7 && fields.length !== 11) return false;
  const [print, at, bucket, units, tier, uncovered, voided, window, used, limit, resetsAt] =
    fields as string[];
  const ms = (f: string | undefined) =>
    f !== undefined && /^\d+$/.test(f) && String(Number(f)) === f && Number(f) <= 999_999_999_999_999;
  const catalogId = (f: string | undefined) =>
    f !== undefined && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(f);
  const amount = (f: string | undefined) => f !== undefined && isCanonicalAmount(f);
  return (
    /^[0-9a-z]{1,16}$/.test(print as string) &&
    ms(at) &&
    (bucket === "-" || catalogId(bucket)) &&
    amount(units) &&
    (tier === "-" || catalogId(tier)) &&
    amount(uncovered) &&
    (voided === "0" || voided === "1") &&
    (fields.length === 7 ||
      (catalogId(window) &&
        amount(used) &&
        amount(limit) &&
        (resetsAt === "-" || (ms(resetsAt) && Number(resetsAt) <= instantMaxMs))))
  );
}

/** Tokens that are right in one field of a record and wrong in another. */
// biome-ignore format: a table of probe values
const fieldProbes = [
  "", "-", "0", "1", "01", "1.0", "1.5", "-1", "x", "X", "a b", "5h", "general", "max", "9".repeat(15),
  "253402300799999", "253402300800000", "1781481600000", "/g", "a/b", "0.000000000001", "0.0000000000001",
];

describe("a usage record in the stored text", () => {
  it(
    "is accepted exactly when each field holds what it may, and then reads back to the same text",
    () => {
      let accepted = 0;
      let refused = 0;
      fc.assert(
        fc.property(
          storedArb,
          fc.nat(),
          fc.nat(),
          fc.constantFrom(...fieldProbes),
          fc.constantFrom("replace", "insert", "delete"),
          (stored, which, field, probe, how) => {
            const usages = (stored as { recentEvents: RecentEventJson[] }).recentEvents.filter((json) =>
              json[1].includes(" "),
            );
            const json = usages[which % Math.max(1, usages.length)];
            if (json === undefined) return;
            const fields = json[1].split(" ");
            const at = field % (fields.length + 1);
            if (how === "replace") fields[at] = probe;
            else if (how === "insert") fields.splice(at, 0, probe);
            else fields.splice(at, 1);
            const text = fields.join(" ");
            const ok = isRecentRecordText(text);
            expect(ok).toBe(recordOracle(text));
            if (ok) {
              accepted++;
              const edited: RecentEventJson =
                json[2] === undefined ? [json[0], text] : [json[0], text, json[2]];
              expect(recentEventJson(edited[0], printOf(edited), recordOf(edited))).toEqual(edited);
            } else refused++;
          },
        ),
        propertyParameters(),
      );
      expect(accepted).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    },
    propertyTimeoutMs,
  );
});
