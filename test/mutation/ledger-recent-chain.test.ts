/**
 * The id indexes of src/ledger/recent.ts, as Stryker's survivors there showed untested: the
 * call's hash-chained table told two ids with the same FNV-1a hash apart (through its growth
 * and as ids are forgotten); the shared index of a state made in an earlier call found an id
 * at the first position of a chunk; and a state that a later call extended answered from its
 * own memory, not from the entry that call left in the index the two share.
 *
 * Every state is built inside its test: Stryker switches a mutant on before the tests run,
 * not while a file is collected.
 */
import { describe, expect, it } from "vitest";
import { applyEvent, applyEvents, createLedger, type LedgerEvent, type LedgerState } from "../../src";
import { fingerprint, type NormalizedEvent } from "../../src/ledger/events";
import { RecentLog, recentChunkLength } from "../../src/ledger/recent";

const t0 = Date.UTC(2026, 5, 1);

/** FNV-1a over UTF-16 code units, 32 bits (the call's index hashes ids so). */
function fnv1a(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Two pairs of ids whose hashes are equal: they share a bucket of every table size. */
const pairs = [
  ["call-46469", "call-253384"],
  ["call-46468", "call-253385"],
] as const;

function cancelOf(id: string, i: number): NormalizedEvent {
  return { type: "cancel", id, at: t0 + i };
}

function fresh(eventIdsRemembered?: number): LedgerState {
  const created = createLedger(eventIdsRemembered === undefined ? {} : { eventIdsRemembered });
  if (!created.ok) throw new Error(created.error.message);
  return created.state;
}

const usage = (id: string, i: number, songs = 0): LedgerEvent => ({
  type: "usage",
  id,
  at: t0 + i * 1000,
  resource: "music",
  measures: { songs },
});

describe("the call's id index: ids whose hashes collide", () => {
  it("the pairs do collide (the premise of the tests below)", () => {
    for (const [a, b] of pairs) expect(fnv1a(a)).toBe(fnv1a(b));
  });

  it("each is found as itself, never as the other, as the table grows and as ids are forgotten", () => {
    const max = 40;
    const log = new RecentLog([], max, 0);
    const expectKnown = (known: readonly NormalizedEvent[], unknown: readonly string[]) => {
      for (const e of known) expect(log.fingerprintOf(e.id), e.id).toBe(fingerprint(e));
      for (const id of unknown) expect(log.fingerprintOf(id), id).toBeNull();
    };
    const [[a, b], [c, d]] = pairs;
    // The older of each pair alone: its twin is not it.
    const ea = cancelOf(a, 0);
    log.push(ea, null);
    expectKnown([ea], [b, c, d]);
    const ec = cancelOf(c, 1);
    log.push(ec, null);
    expectKnown([ea, ec], [b, d]);
    // The twins, with other instants (other fingerprints): each answers with its own.
    const eb = cancelOf(b, 2);
    const ed = cancelOf(d, 3);
    log.push(eb, null);
    log.push(ed, null);
    expectKnown([ea, eb, ec, ed], []);
    // Enough others to fill the memory (40) and grow the table from 16 buckets to 64: the
    // chains are linked again.
    const others = Array.from({ length: 36 }, (_, k) => cancelOf(`other-${k}`, 10 + k));
    for (const e of others) log.push(e, null);
    expectKnown([ea, eb, ec, ed, ...others], []);
    // Two more forget the first two (a, then c): their twins stay.
    log.push(cancelOf("x-1", 100), null);
    log.push(cancelOf("x-2", 101), null);
    expectKnown([eb, ed], [a, c]);
    // Sent again, a forgotten one is new (and its push forgets its twin, the oldest now).
    const again = cancelOf(a, 200);
    log.push(again, null);
    expectKnown([again, ed], [b, c]);
  });

  it("a usage record is its own id's, not its twin's", () => {
    const [a, b] = pairs[0];
    const created = fresh();
    const r = applyEvents(created, [usage(a, 0, 1), usage(b, 1, 2)]);
    if (!r.ok) throw new Error(r.error.message);
    const voided = applyEvents(created, [
      usage(a, 0, 1),
      usage(b, 1, 2),
      { type: "void-usage", id: "v-b", at: t0 + 5000, usageId: b },
      { type: "void-usage", id: "v-a", at: t0 + 6000, usageId: a },
      usage(b, 1, 2),
    ]);
    if (!voided.ok) throw new Error(voided.error.message);
    expect([voided.applied, voided.duplicates]).toEqual([4, 1]);
    // Voided in the call, the twin is refused a second void; the other is not voided by it.
    const twice = applyEvents(voided.state, [{ type: "void-usage", id: "v-b2", at: t0 + 7000, usageId: b }]);
    expect(twice.ok ? "applied" : twice.error.code).toBe("usage_already_voided");
  });
});

describe("the shared index of a state made in an earlier call", () => {
  it("finds the first id of every chunk: a retry of each remembered usage is a duplicate, in one later call", () => {
    // 200 usages, 128 remembered: 72…199, in chunks that start at 72, 128 and 192.
    const made = applyEvents(
      fresh(),
      Array.from({ length: 200 }, (_, i) => usage(`u-${i}`, i)),
    );
    if (!made.ok) throw new Error(made.error.message);
    expect(made.state.recentEvents.map((chunk) => chunk[0]?.[0])).toEqual(["u-72", "u-128", "u-192"]);
    expect(recentChunkLength).toBe(64);
    const retries = Array.from({ length: 128 }, (_, k) => usage(`u-${72 + k}`, 72 + k));
    const again = applyEvents(made.state, retries);
    if (!again.ok) throw new Error(again.error.message);
    expect([again.applied, again.duplicates]).toEqual([0, 128]);
    for (const id of ["u-128", "u-192"]) {
      const one = applyEvent(made.state, usage(id, Number(id.slice(2))));
      expect(one.ok && one.duplicate, id).toBe(true);
      const changed = applyEvent(made.state, { ...usage(id, 300), at: t0 + 300_000 });
      expect(changed.ok ? "applied" : changed.error.code, id).toBe("conflict");
    }
  });

  it("voids the first usage of a chunk in a later call, once", () => {
    const made = applyEvents(
      fresh(),
      Array.from({ length: 200 }, (_, i) => usage(`u-${i}`, i, 1)),
    );
    if (!made.ok) throw new Error(made.error.message);
    const voided = applyEvents(made.state, [
      { type: "void-usage", id: "v-1", at: t0 + 300_000, usageId: "u-128" },
      { type: "void-usage", id: "v-2", at: t0 + 301_000, usageId: "u-128" },
    ]);
    expect(voided.ok ? "applied" : [voided.error.code, voided.error.path[0]]).toEqual([
      "usage_already_voided",
      1,
    ]);
    const once = applyEvent(made.state, {
      type: "void-usage",
      id: "v-1",
      at: t0 + 300_000,
      usageId: "u-128",
    });
    if (!once.ok) throw new Error(once.error.message);
    expect(Number(once.state.arrearsCredits)).toBeLessThan(Number(made.state.arrearsCredits));
  });

  it("an id a later call added to a child is new to the parent (it is past the parent's memory)", () => {
    // 40 remembered (above the 32 a memory only scans): lookups go through the shared index.
    const made = applyEvents(
      fresh(),
      Array.from({ length: 40 }, (_, i) => usage(`u-${i}`, i)),
    );
    if (!made.ok) throw new Error(made.error.message);
    const parent = made.state;
    const child = applyEvent(parent, usage("x", 50));
    if (!child.ok) throw new Error(child.error.message);
    expect(applyEvent(child.state, usage("x", 50))).toMatchObject({ ok: true, duplicate: true });
    // The parent never saw "x": the same usage, or one with other content, is new there.
    expect(applyEvent(parent, usage("x", 50))).toMatchObject({ ok: true, duplicate: false });
    expect(applyEvent(parent, usage("x", 51))).toMatchObject({ ok: true, duplicate: false });
    const replay = applyEvents(parent, [usage("x", 52), usage("x", 52)]);
    expect(replay.ok && [replay.applied, replay.duplicates]).toEqual([1, 1]);
  });
});
