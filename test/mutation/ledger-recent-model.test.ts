/**
 * The working copy of the id memory (`RecentLog`) against a plain list, as Stryker's
 * survivors in src/ledger/recent.ts asked (issue 23): whatever is pushed, voided, looked up,
 * written out and read back in, on a branch of any earlier state, the log answers what a list
 * of the last `max` events answers, and writes that list in the chunks its version fixes.
 * The list is the whole model: no chunks, no index, no compaction.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fingerprint, type NormalizedEvent } from "../../src/ledger/events";
import {
  chunkRecent,
  flattenRecent,
  type RecentEvents,
  RecentLog,
  recentChunkLength,
  recentEventJson,
  type UsageRecord,
} from "../../src/ledger/recent";
import { parseTrustedAmount } from "../../src/money";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";

const t0 = Date.UTC(2026, 5, 1);

interface Item {
  readonly id: string;
  readonly print: string;
  readonly record: UsageRecord | null;
}

/** A state of the memory: its chunks, its version (events applied so far) and the model list. */
interface Snapshot {
  readonly chunks: RecentEvents;
  readonly version: number;
  readonly list: readonly Item[];
}

type Op =
  | { readonly kind: "push"; readonly id: number; readonly usage: boolean; readonly units: number }
  | { readonly kind: "void"; readonly id: number }
  | { readonly kind: "look"; readonly id: number }
  | { readonly kind: "write"; readonly from: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("push" as const),
      id: fc.nat(90),
      usage: fc.boolean(),
      units: fc.nat(3),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("void" as const), id: fc.nat(90) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("look" as const), id: fc.nat(90) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("write" as const), from: fc.nat() }) },
);

function eventOf(id: string, at: number, usage: boolean): NormalizedEvent {
  return usage
    ? {
        type: "usage",
        id,
        at,
        resource: "music",
        measures: { songs: 1 },
        serviceTier: "standard",
        metadata: null,
      }
    : { type: "cancel", id, at };
}

function recordOfUnits(at: number, units: number): UsageRecord {
  return {
    at,
    bucket: "general",
    quotaUnits: parseTrustedAmount<"quota">(String(units)),
    tier: "max",
    draws:
      units === 3
        ? [{ lotId: "pack-1", credits: parseTrustedAmount<"credits">("1.5"), expiresAt: t0 + 1 }]
        : [],
    uncoveredCredits: parseTrustedAmount<"credits">("0"),
    voided: false,
    hit: null,
  };
}

describe("RecentLog agrees with a plain list of the last events", () => {
  it(
    "lookups, voids and the written memory, across writes, reads and branches",
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(1, 3, 36, 40, 70),
          fc.array(opArb, { minLength: 100, maxLength: 260, size: "max" }),
          (max, ops) => {
            const snapshots: Snapshot[] = [{ chunks: [], version: 0, list: [] }];
            let current = snapshots[0] as Snapshot;
            let log = new RecentLog(current.chunks, max, current.version);
            let list: Item[] = [];
            let version = 0;
            let at = t0;
            for (const [step, op] of ops.entries()) {
              const id = `e${"id" in op ? op.id : 0}`;
              const inList = list.findIndex((item) => item.id === id);
              switch (op.kind) {
                case "push": {
                  if (inList >= 0) break; // the ledger pushes only ids it does not remember
                  at += 1000;
                  const event = eventOf(id, at, op.usage);
                  const record = op.usage ? recordOfUnits(at, op.units) : null;
                  log.push(event, record);
                  list.push({ id, print: fingerprint(event), record });
                  if (list.length > max) list = list.slice(1);
                  version++;
                  break;
                }
                case "void": {
                  const item = list[inList];
                  if (item?.record == null || item.record.voided) break;
                  log.markVoided(id);
                  list[inList] = { ...item, record: { ...item.record, voided: true } };
                  break;
                }
                case "look":
                  break;
                case "write": {
                  const written = log.toJson();
                  // One time in four the memory comes back as a store reads it: the same
                  // chunks, without the index the library hangs on them.
                  const chunks = op.from % 4 === 1 ? chunkRecent(flattenRecent(written), version) : written;
                  const snapshot = { chunks, version, list };
                  // The memory written is the list, in the chunks its version fixes.
                  expect(flattenRecent(chunks)).toEqual(
                    list.map((i) => recentEventJson(i.id, i.print, i.record)),
                  );
                  expect(chunks).toEqual(chunkRecent(flattenRecent(chunks), version));
                  for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(recentChunkLength);
                  snapshots.push(snapshot);
                  // Go on from this state, or (one time in three) from an earlier one: a branch.
                  current =
                    op.from % 3 === 0 ? (snapshots[op.from % snapshots.length] as Snapshot) : snapshot;
                  log = new RecentLog(current.chunks, max, current.version);
                  list = [...current.list];
                  version = current.version;
                  break;
                }
              }
              // The op's id, and every fifth step every id of the set (remembered, forgotten or
              // never sent), answer as the list does.
              const byId = new Map(list.map((item) => [item.id, item]));
              for (let n = 0; n <= 90; n++) {
                const probe = `e${n}`;
                if (probe !== id && step % 5 !== 0) continue;
                const expected = byId.get(probe);
                expect(log.fingerprintOf(probe)).toBe(expected?.print ?? null);
                if (probe === id || n % 8 === 0) expect(log.usageOf(probe)).toEqual(expected?.record ?? null);
              }
            }
            expect(flattenRecent(log.toJson())).toEqual(
              list.map((i) => recentEventJson(i.id, i.print, i.record)),
            );
          },
        ),
        propertyParameters(100),
      );
    },
    propertyTimeoutMs,
  );

  it("a memory nothing changed is written back as the same chunks (shared, not copied)", () => {
    const log = new RecentLog([], 5, 0);
    for (let i = 0; i < 7; i++) log.push(eventOf(`e${i}`, t0 + i, false), null);
    const chunks = log.toJson();
    expect(new RecentLog(chunks, 5, 7).toJson()).toBe(chunks);
    // A void changes the chunk that holds the usage and only that one.
    const more = new RecentLog([], 200, 0);
    for (let i = 0; i < 130; i++) more.push(eventOf(`u${i}`, t0 + i, true), recordOfUnits(t0 + i, 1));
    const before = more.toJson();
    const next = new RecentLog(before, 200, 130);
    next.markVoided("u70");
    const after = next.toJson();
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).toBe(before[2]);
    expect(before[1]?.[70 - 64]?.[1]).toMatch(/ 0$/);
    expect(after[1]?.[70 - 64]?.[1]).toMatch(/ 1$/);
  });
});
