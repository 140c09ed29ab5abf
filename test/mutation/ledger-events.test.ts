/**
 * Events at the boundary, as Stryker's survivors in src/ledger/events.ts showed untested
 * (issue 23): the hand-written usage check takes every plain well-formed usage (and leaves
 * the rest to zod), and an event's fingerprint changes with every field of its content and
 * with nothing else.
 */
import { describe, expect, it } from "vitest";
import { type LedgerEvent, measureNames } from "../../src";
import { eventFingerprint, fastUsageEvent, parseEvent } from "../../src/ledger/events";

const at = Date.UTC(2026, 5, 4, 9, 30);
/** A normalised usage's measures with none given. */
const noMeasures = Object.fromEntries(measureNames.map((name) => [name, 0]));

describe("the hand-written usage check", () => {
  const plain = {
    type: "usage",
    id: "req-1",
    at,
    resource: "MiniMax-M3",
    measures: { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 5, cacheWriteTokens: 7 },
  };

  it("takes a plain usage with epoch ms, with an ISO instant, and with a service tier", () => {
    for (const event of [
      plain,
      { ...plain, at: "2026-06-04T17:30:00+08:00" },
      { ...plain, serviceTier: "priority" },
      { ...plain, measures: {} },
      { ...plain, measures: { songs: 0, characters: 1_000_000_000_000 } },
      { ...plain, at: -0 },
      // Optional fields present as undefined, and ids of the longest length, are still plain.
      { ...plain, serviceTier: undefined, metadata: undefined },
      { ...plain, id: "i".repeat(128), resource: "r".repeat(128), serviceTier: "s".repeat(128) },
    ]) {
      const fast = fastUsageEvent(event);
      expect(fast, JSON.stringify(event)).not.toBeNull();
      const strict = parseEvent(event, [], false);
      if (!strict.ok) throw new Error(strict.error.message);
      expect(fast).toEqual(strict.value);
    }
    expect(fastUsageEvent({ ...plain, at: "2026-06-04T17:30:00+08:00" })?.at).toBe(at);
    expect(fastUsageEvent({ ...plain, serviceTier: "priority" })).toMatchObject({ serviceTier: "priority" });
    expect(fastUsageEvent(plain)).toMatchObject({ serviceTier: "standard", metadata: null });
    expect(Object.is(fastUsageEvent({ ...plain, at: -0 })?.at, 0)).toBe(true);
  });

  it("copies the measures: the caller's object is not the event's", () => {
    const fast = fastUsageEvent(plain);
    if (fast === null || fast.type !== "usage") throw new Error("expected the fast path to take it");
    // Every measure name, in one shape: the given ones as given, the others 0.
    expect(fast.measures).toStrictEqual({ ...noMeasures, ...plain.measures });
    expect(Object.keys(fast.measures)).toEqual([...measureNames]);
    expect(fast.measures).not.toBe(plain.measures);
  });

  it("leaves to zod what is not plain or not well formed", () => {
    for (const event of [
      null,
      "usage",
      { ...plain, type: "cancel" },
      { ...plain, id: "" },
      { ...plain, id: "x".repeat(129) },
      { ...plain, id: 5 },
      { ...plain, resource: "" },
      { ...plain, resource: "x".repeat(129) },
      { ...plain, serviceTier: "" },
      { ...plain, serviceTier: "x".repeat(129) },
      { ...plain, serviceTier: 1 },
      { ...plain, metadata: { team: "a" } },
      { ...plain, measures: null },
      { ...plain, measures: [] },
      { ...plain, measures: "1" },
      { ...plain, measures: { bogus: 1 } },
      { ...plain, measures: { songs: -1 } },
      { ...plain, measures: { songs: 1.5 } },
      { ...plain, measures: { songs: 1_000_000_000_001 } },
      { ...plain, measures: { songs: "1" } },
      { ...plain, extra: 1 },
      { ...plain, at: 1.5 },
      { ...plain, at: -1 },
      { ...plain, at: 253_402_300_800_000 },
      { ...plain, at: "yesterday" },
    ]) {
      expect(fastUsageEvent(event), JSON.stringify(event)).toBeNull();
    }
    // An `at` of the last instant of 9999 is still taken by hand.
    expect(fastUsageEvent({ ...plain, at: 253_402_300_799_999 })).not.toBeNull();
  });
});

describe("what parseEvent answers", () => {
  const error = (input: unknown) => {
    const r = parseEvent(input);
    if (r.ok) throw new Error(`expected a refusal of ${JSON.stringify(input)}`);
    return { code: r.error.code, path: r.error.path, message: r.error.message };
  };
  const notAnEvent = "Expected an event object with a type, an id and an instant `at`.";
  const typeList =
    "Expected type to be one of subscribe, cancel, change-tier, purchase-credits, grant-credits, usage, void-usage, pay-arrears at type.";

  it("not an object, or an object without a known type", () => {
    for (const input of [null, [], "usage", 5])
      expect(error(input)).toEqual({ code: "invalid_input", path: [], message: notAnEvent });
    for (const input of [{}, { type: "nope", id: "a", at: 0 }, { type: 5 }])
      expect(error(input)).toEqual({ code: "unknown_event_type", path: ["type"], message: typeList });
  });

  it("an unknown field named like an identifier is an unknown field, not a bad id", () => {
    expect(error({ type: "cancel", id: "a", at: 0, tier: "max" })).toEqual({
      code: "invalid_input",
      path: ["tier"],
      message: 'Unknown field "tier"; remove it or check its spelling at tier.',
    });
  });

  it("a measure that is not a whole count, or above the bound, with its message", () => {
    const usage = (songs: unknown) => ({
      type: "usage",
      id: "a",
      at: 0,
      resource: "music",
      measures: { songs },
    });
    for (const songs of [1.5, -1, Number.NaN])
      expect(error(usage(songs))).toEqual({
        code: "invalid_measure",
        path: ["measures", "songs"],
        message: "Expected a whole number (a non-negative count) at measures.songs.",
      });
    // Not whole and above the bound: not a count, first.
    expect(error(usage(1_500_000_000_000.5)).code).toBe("invalid_measure");
    expect(parseEvent(usage(0), [], false).ok).toBe(true);
    expect(parseEvent(usage(1_000_000_000_000), [], false).ok).toBe(true);
    expect(error(usage(1_000_000_000_001))).toEqual({
      code: "limit_exceeded",
      path: ["measures", "songs"],
      message: "A measure is at most 1000000000000 at measures.songs.",
    });
  });

  it("each type normalised to exactly its own fields", () => {
    const value = (input: unknown) => {
      const r = parseEvent(input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const base = { id: "e", at };
    expect(value({ ...base, type: "cancel" })).toStrictEqual({ type: "cancel", id: "e", at });
    expect(value({ ...base, type: "subscribe", tier: "max" })).toStrictEqual({
      type: "subscribe",
      id: "e",
      at,
      tier: "max",
    });
    expect(value({ ...base, type: "change-tier", tier: "max" })).toStrictEqual({
      type: "change-tier",
      id: "e",
      at,
      tier: "max",
    });
    expect(value({ ...base, type: "void-usage", usageId: "u" })).toStrictEqual({
      type: "void-usage",
      id: "e",
      at,
      usageId: "u",
    });
    expect(value({ ...base, type: "purchase-credits", package: "usd-5" })).toStrictEqual({
      type: "purchase-credits",
      id: "e",
      at,
      package: "usd-5",
      credits: null,
    });
    expect(value({ ...base, type: "pay-arrears" })).toStrictEqual({
      type: "pay-arrears",
      id: "e",
      at,
      credits: null,
    });
    expect(value({ ...base, type: "grant-credits", credits: "1" })).toMatchObject({
      type: "grant-credits",
      validity: null,
      reason: null,
    });
    expect(
      value({ ...base, type: "usage", resource: "music", measures: {}, metadata: { a: 1 } }),
    ).toStrictEqual({
      type: "usage",
      id: "e",
      at,
      resource: "music",
      measures: noMeasures,
      serviceTier: "standard",
      metadata: { a: 1 },
    });
  });
});

describe("an event's fingerprint", () => {
  const print = (event: LedgerEvent): string => {
    const r = eventFingerprint(event);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const base = { id: "e1", at };
  /** Each event, and variants that differ from it in one field of its content. */
  const families: readonly (readonly [LedgerEvent, ...LedgerEvent[]])[] = [
    [
      { ...base, type: "usage", resource: "music", measures: { songs: 1 } },
      { ...base, type: "usage", resource: "music", measures: { songs: 2 } },
      { ...base, type: "usage", resource: "music", measures: { songs: 1, characters: 1 } },
      { ...base, type: "usage", resource: "image-01", measures: { songs: 1 } },
      { ...base, type: "usage", resource: "music", measures: { songs: 1 }, serviceTier: "priority" },
      { ...base, type: "usage", resource: "music", measures: { songs: 1 }, metadata: { team: "a" } },
      { ...base, type: "usage", resource: "music", measures: { songs: 1 }, metadata: { team: "b" } },
      { ...base, type: "usage", resource: "music", measures: { songs: 1 }, metadata: { team: 1 } },
      { ...base, id: "e2", type: "usage", resource: "music", measures: { songs: 1 } },
      { ...base, at: at + 1, type: "usage", resource: "music", measures: { songs: 1 } },
    ],
    [
      { ...base, type: "purchase-credits", package: "usd-5" },
      { ...base, type: "purchase-credits", package: "usd-25" },
      { ...base, type: "purchase-credits", credits: "5000" },
      { ...base, type: "purchase-credits", credits: "10000" },
      { ...base, at: at + 1, type: "purchase-credits", package: "usd-5" },
    ],
    [
      { ...base, type: "grant-credits", credits: "100" },
      { ...base, type: "grant-credits", credits: "200" },
      { ...base, type: "grant-credits", credits: "100", reason: "promo" },
      { ...base, type: "grant-credits", credits: "100", validity: { rule: "elapsed-days", days: 30 } },
      { ...base, at: at + 1, type: "grant-credits", credits: "100" },
    ],
    [
      { ...base, type: "subscribe", tier: "plus" },
      { ...base, type: "subscribe", tier: "max" },
      { ...base, type: "change-tier", tier: "plus" },
      { ...base, at: at + 1, type: "subscribe", tier: "plus" },
    ],
    [
      { ...base, type: "cancel" },
      { ...base, at: at + 1, type: "cancel" },
      { ...base, id: "e2", type: "cancel" },
    ],
    [
      { ...base, type: "void-usage", usageId: "u1" },
      { ...base, type: "void-usage", usageId: "u2" },
      { ...base, at: at + 1, type: "void-usage", usageId: "u1" },
    ],
    [
      { ...base, type: "pay-arrears" },
      { ...base, type: "pay-arrears", credits: "10" },
      { ...base, type: "pay-arrears", credits: "20" },
      { ...base, at: at + 1, type: "pay-arrears" },
    ],
  ];

  it("differs whenever one field of the content differs", () => {
    const all = families.flat().map(print);
    expect(new Set(all).size).toBe(all.length);
  });

  it("is the same for the same content however it is written", () => {
    const usage: LedgerEvent = {
      ...base,
      type: "usage",
      resource: "music",
      measures: { songs: 1, characters: 0 },
      metadata: { b: 2, a: "x" },
    };
    // A zero measure is a missing one; metadata key order is not content; the instant's spelling neither.
    expect(print(usage)).toBe(
      print({
        ...base,
        at: "2026-06-04T09:30:00.000Z",
        type: "usage",
        resource: "music",
        measures: { songs: 1 },
        metadata: { a: "x", b: 2 },
      }),
    );
    expect(print({ ...base, type: "usage", resource: "music", measures: { songs: 1 } })).toBe(
      print({ ...base, type: "usage", resource: "music", measures: { songs: 1 }, serviceTier: "standard" }),
    );
    expect(print({ ...base, type: "pay-arrears", credits: "10" })).toBe(
      print({ ...base, type: "pay-arrears", credits: 10 }),
    );
  });

  it("stays what it was: stored ledgers keep fingerprints, so a new one would turn a retry into a conflict", () => {
    const pinned: readonly (readonly [LedgerEvent, string])[] = [
      [{ ...base, type: "usage", resource: "music", measures: { songs: 1 } }, "137lzsxvtu7"],
      [
        {
          ...base,
          type: "usage",
          resource: "MiniMax-M3",
          measures: { inputTokens: 1200, outputTokens: 300 },
          serviceTier: "priority",
          metadata: { team: "a", n: 1 },
        },
        "c58n4a16un",
      ],
      [{ ...base, type: "purchase-credits", package: "usd-5" }, "21wbl3lsaxt"],
      [{ ...base, type: "purchase-credits", credits: "5000" }, "1oq5w252kn0"],
      [{ ...base, type: "grant-credits", credits: "100" }, "1f4bxsw2nda"],
      [
        {
          ...base,
          type: "grant-credits",
          credits: "100",
          reason: "promo",
          validity: { rule: "elapsed-days", days: 30 },
        },
        "yuysqzr621",
      ],
      [{ ...base, type: "subscribe", tier: "plus" }, "u2jz5xne9w"],
      [{ ...base, type: "change-tier", tier: "max" }, "zvj1lptwkq"],
      [{ ...base, type: "cancel" }, "1ry6yu36io7"],
      [{ ...base, type: "void-usage", usageId: "u1" }, "108d4g2pktf"],
      [{ ...base, type: "pay-arrears" }, "e9lvji7z9q"],
      [{ ...base, type: "pay-arrears", credits: "10" }, "dxktqs1ywy"],
    ];
    for (const [event, expected] of pinned) expect(print(event), event.type).toBe(expected);
  });

  it("refuses what parseEvent refuses, with its error", () => {
    const bad = {
      ...base,
      type: "usage",
      resource: "music",
      measures: { songs: -1 },
    } as unknown as LedgerEvent;
    const r = eventFingerprint(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual((parseEvent(bad) as { error: unknown }).error);
  });
});
