/**
 * Which catalog window each payload window stands for (`src/remains/mapping.ts`), seen through
 * `reconcile`: the order of the name look-ups, the default windows by kind, and the refusals of
 * a mapping with their sentences, paths and params. Written to kill the mutants Stryker left
 * there; every result is computed inside its test.
 */
import { describe, expect, it } from "vitest";
import {
  type Catalog,
  defaultCatalog,
  extendCatalog,
  parseRemains,
  type RemainsMapping,
  reconcile,
} from "../../src";
import { emptyLedger, must, snapshotOf, V2_AT } from "../remains/support";

const resource = (bucket: string | null) => ({
  name: "x",
  kind: "text",
  bucket,
  quotaRate: "list-price",
  prices: { outputTokens: { usd: "1", per: 1_000_000 } },
  creditsEligible: true,
});

/**
 * The default catalog with names that clash: a resource `video` (in `general`) named like the
 * bucket `video`, a resource `VIDEO` (in `general`) that only a case-blind look-up takes for the
 * bucket, `Foo` (no bucket) and `foo` (in `extra`), and a bucket `extra` whose week comes first.
 */
const clashing: Catalog = must(
  extendCatalog(defaultCatalog, {
    id: "clashing-names",
    buckets: {
      extra: {
        name: "Extra",
        unit: "videos",
        windows: {
          week: { label: "weekly", kind: "calendar", every: "week", weekStartsOn: 1, timeZone: "UTC" },
          day: { label: "daily", kind: "calendar", every: "day", timeZone: "UTC" },
        },
      },
    },
    resources: {
      video: resource("general"),
      VIDEO: resource("general"),
      Foo: resource(null),
      foo: resource("extra"),
    },
  } as never),
);

/** The (row → bucket/window) pairs reconcile compared, for rows of the given names on a catalog. */
function pairsOf(names: readonly string[], catalog: Catalog): string[] {
  const snapshot = must(
    parseRemains({
      model_remains: names.map((name) => ({
        model_name: name,
        current_interval_status: 1,
        current_weekly_status: 1,
      })),
    }),
  );
  const result = must(reconcile(emptyLedger(catalog), snapshot, V2_AT));
  return result.compared.map((c) => `${c.row} → ${c.bucket}/${c.window}`);
}

describe("rows to buckets: exact names first, buckets before resources, then ignoring case", () => {
  it("a row named like a bucket is that bucket, even where a resource has the same name", () => {
    // Kills: the exact bucket look-up → undefined (`() => undefined`, `false`), and `exact ?? resource` → `&&`.
    expect(pairsOf(["video"], clashing)).toEqual(["video → video/daily"]);
  });

  it("a row named exactly like a resource is its bucket, before a case-blind bucket name", () => {
    // Kills: the exact resource look-up → undefined (`() => undefined`, `false`). "VIDEO" is the
    // resource in general; ignoring case it would be the bucket video.
    expect(pairsOf(["VIDEO"], clashing)).toEqual(["VIDEO → general/5h", "VIDEO → general/weekly"]);
  });

  it("a row named like a bucket in other letters is that bucket", () => {
    // Kills: the case-blind bucket look-up → undefined (`() => undefined`, `false`) and toLowerCase → toUpperCase.
    expect(pairsOf(["GENERAL"], defaultCatalog)).toEqual([
      "GENERAL → general/5h",
      "GENERAL → general/weekly",
    ]);
  });

  it("a resource without a bucket is passed over for the next one that has a bucket", () => {
    // Kills: `resource.bucket !== null` → true. Ignoring case, "FOO" is both Foo (no bucket) and foo (extra).
    expect(pairsOf(["FOO"], clashing)).toEqual(["FOO → extra/day", "FOO → extra/week"]);
  });

  it("interval is the bucket's first window that is not the week, even when the week comes first", () => {
    // Kills: `ids.find((id) => id !== weekly)` → `() => true` (the week would stand for both windows).
    expect(pairsOf(["extra"], clashing)).toEqual(["extra → extra/day", "extra → extra/week"]);
  });
});

describe("what a mapping leaves unpaired", () => {
  it("both windows mapped to null pair nothing, and every catalog window is listed as skipped", () => {
    // Kills: `windows.interval != null && …` → true (null and null are not "the same window").
    const mapping: RemainsMapping = { windows: { general: { interval: null, weekly: null } } };
    const result = must(reconcile(emptyLedger(), snapshotOf("current-v2.json"), V2_AT, { mapping }));
    expect(result.compared).toEqual([{ bucket: "video", window: "daily", row: "video" }]);
    expect(result.skipped).toEqual([
      { bucket: "general", window: "5h", row: "general", reason: "no payload window stands for it" },
      { bucket: "general", window: "weekly", row: "general", reason: "no payload window stands for it" },
    ]);
  });

  it("a catalog bucket without a row is skipped, saying so", () => {
    // Kills: the reason → "".
    const snapshot = must(
      parseRemains({ model_remains: [{ model_name: "general", current_interval_status: 1 }] }),
    );
    const result = must(reconcile(emptyLedger(), snapshot, V2_AT));
    expect(result.skipped).toContainEqual({
      bucket: "video",
      window: null,
      row: null,
      reason: "the payload has no row for this bucket",
    });
  });
});

describe("what a mapping may not say", () => {
  const refusal = (mapping: RemainsMapping) =>
    reconcile(emptyLedger(), snapshotOf("current-v2.json"), V2_AT, { mapping });

  it("a row sent to a bucket the catalog does not define", () => {
    // Kills: the message → "" and the params → {}.
    expect(refusal({ buckets: { general: "film" } })).toEqual({
      ok: false,
      error: {
        code: "unknown_bucket",
        message:
          'The mapping sends row "general" to bucket "film", which catalog "minimax-token-plan-v2" does not define.',
        path: ["mapping", "buckets", "general"],
        params: { bucket: "film" },
      },
    });
  });

  it("windows of a bucket the catalog does not define", () => {
    // Kills: the message → "" and the params → {}.
    expect(refusal({ windows: { film: {} } })).toEqual({
      ok: false,
      error: {
        code: "unknown_bucket",
        message: 'Catalog "minimax-token-plan-v2" has no bucket "film".',
        path: ["mapping", "windows", "film"],
        params: { bucket: "film" },
      },
    });
  });

  it("a window the bucket does not have: the sentence lists the bucket's windows", () => {
    // Kills: the message → "", the list of windows → [], and its separator → "".
    expect(refusal({ windows: { general: { interval: "3h" } } })).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: 'Bucket "general" has no window "3h"; it has 5h, weekly.',
        path: ["mapping", "windows", "general", "interval"],
        params: {},
      },
    });
  });

  it("both payload windows on one catalog window", () => {
    // Kills: the message → "".
    expect(refusal({ windows: { general: { interval: "weekly" } } })).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message:
          'The mapping pairs both payload windows of bucket "general" with window "weekly"; give each its own (or null).',
        path: ["mapping", "windows", "general"],
        params: {},
      },
    });
  });
});
