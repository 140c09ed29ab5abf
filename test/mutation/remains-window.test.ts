/**
 * One payload window read (`src/remains/window.ts`): the notes it writes, with their path,
 * topic and sentence, and the edges of its figures and instants: written to kill the mutants
 * Stryker left there. One-row payloads; every snapshot is read inside its test.
 */
import { describe, expect, it } from "vitest";
import { limits, parseRemains } from "../../src";
import { must, onePayload, oneRow } from "../remains/support";

const row0 = (field: string) => ["model_remains", 0, field];
const tenZ = Date.parse("2026-06-04T10:00:00Z");

describe("the notes on a window's counts", () => {
  it("a total without a usage count: a counts note at the usage field, naming the total", () => {
    // Kills: topic "counts" → "", and the message → "".
    const snapshot = oneRow({ current_interval_total_count: 100, current_interval_status: 1 });
    expect(snapshot.notes).toEqual([
      {
        path: row0("current_interval_usage_count"),
        topic: "counts",
        message:
          "The row sends a total (100) but no usage count: what is used is known only from the percentage.",
      },
    ]);
    // Kills: `used !== null && limit !== null` → true (no count: no share from the counts).
    expect(snapshot.buckets[0]?.interval).toMatchObject({ limit: "100", used: null, usedPercent: null });
  });

  it("a usage count without a total: a counts note at the usage field, and the count is ignored", () => {
    // Kills: topic "counts" → "" in the second note, and the usage path → [].
    const snapshot = oneRow({ current_interval_usage_count: 5 });
    expect(snapshot.notes).toEqual([
      {
        path: row0("current_interval_usage_count"),
        topic: "counts",
        message: "A usage count (5) without a total is meaningless; it is ignored.",
      },
      {
        path: row0("current_interval_status"),
        topic: "status",
        message: "The row has no status, and nothing says how much is left: status unknown.",
      },
    ]);
  });

  it("legacy: a remaining count equal to the total is all remaining, without a note", () => {
    // Kills: `calc.compare(count, limit) > 0` → `>= 0` and → true (only a count above the total is noted).
    const snapshot = oneRow(
      { current_interval_total_count: 10, current_interval_usage_count: 10, current_interval_status: 1 },
      { endpoint: "legacy" },
    );
    expect(snapshot.notes).toEqual([]);
    expect(snapshot.buckets[0]?.interval).toMatchObject({
      used: "0",
      remaining: "10",
      usedPercent: "0",
      percentSource: "counts",
    });
  });

  it("current: a share from the counts is marked as such", () => {
    // Kills: percentSource "counts" → "". 3 of 8 used = 37.5 %.
    const snapshot = oneRow(
      { current_interval_total_count: 8, current_interval_usage_count: 3, current_interval_status: 1 },
      { endpoint: "current" },
    );
    expect(snapshot.buckets[0]?.interval).toMatchObject({ usedPercent: "37.5", percentSource: "counts" });
  });
});

describe("the notes on a window's status", () => {
  it("a status that contradicts the room left keeps the provider's, with a status note", () => {
    // Kills: topic "status" → "" in the contradiction note. Status 2 (exhausted) with 40 % remaining.
    const snapshot = oneRow({ current_interval_status: 2, current_interval_remaining_percent: 40 });
    expect(snapshot.notes).toEqual([
      {
        path: row0("current_interval_status"),
        topic: "status",
        message: "Status 2 says exhausted, but the figures say normal; the provider's status is kept.",
      },
    ]);
    expect(snapshot.buckets[0]?.interval.status).toBe("exhausted");
  });

  it("no status and no room: the status is unknown, and the note says that nothing tells", () => {
    // Kills: `room === null` → false, and its message → "". A start instant alone is a window, but not a status.
    const snapshot = oneRow({ start_time: tenZ });
    expect(snapshot.notes).toEqual([
      {
        path: row0("current_interval_status"),
        topic: "status",
        message: "The row has no status, and nothing says how much is left: status unknown.",
      },
    ]);
    expect(snapshot.buckets[0]?.interval).toMatchObject({
      status: "unknown",
      windowStart: "2026-06-04T10:00:00.000Z",
    });
  });
});

describe("a window's instants", () => {
  it("an end no later than the start is noted at the end field, naming both instants", () => {
    // Kills: `start >= end` → `>`, the end path → [], topic "time" → "" and the message → "".
    const snapshot = oneRow({ start_time: tenZ, end_time: tenZ, current_interval_status: 1 });
    expect(snapshot.notes).toEqual([
      {
        path: row0("end_time"),
        topic: "time",
        message:
          "The window ends (2026-06-04T10:00:00.000Z) no later than it starts (2026-06-04T10:00:00.000Z).",
      },
    ]);
  });

  it("an end without a start is not compared with anything", () => {
    // Kills: `start !== null && end !== null && start >= end` → true.
    const snapshot = oneRow({ end_time: tenZ, current_interval_status: 1 });
    expect(snapshot.notes).toEqual([]);
    expect(snapshot.buckets[0]?.interval.resetsAt).toBe("2026-06-04T10:00:00.000Z");
  });

  it("a start of 0 (epoch) reads as absent", () => {
    // Kills: `ms === null || ms === 0 ? null : ms` → false.
    const snapshot = oneRow({ start_time: 0, end_time: tenZ, current_interval_status: 1 });
    expect(snapshot.buckets[0]?.interval.windowStart).toBeNull();
    expect(snapshot.notes).toEqual([]);
  });

  it("a bare remains_time is noted at its own field with the time topic; without one, no note", () => {
    // Kills: the remains_time path → [], topic "time" → "", and `remainsMs !== null` → true.
    expect(oneRow({ remains_time: 1000, current_interval_status: 1 }).notes).toEqual([
      {
        path: row0("remains_time"),
        topic: "time",
        message:
          "The row gives only remains_time (ms to the end, counted when the provider answered): pass { receivedAt } to know the reset instant.",
      },
    ]);
    expect(oneRow({ current_interval_status: 1 }).notes).toEqual([]);
  });

  it("remains_time counts from receivedAt up to the last instant, and not beyond it", () => {
    // Kills: `end <= instantMaxMs` → `<` and → true. The last instant is 9999-12-31T23:59:59.999Z.
    const receivedAt = limits.instantMaxMs - 1000;
    const atLast = oneRow({ remains_time: 1000, current_interval_status: 1 }, { receivedAt });
    expect(atLast.buckets[0]?.interval.resetsAt).toBe("9999-12-31T23:59:59.999Z");
    const past = oneRow({ remains_time: 1001, current_interval_status: 1 }, { receivedAt });
    expect(past.buckets[0]?.interval.resetsAt).toBeNull();
  });

  it("remains_time without receivedAt gives no end, and receivedAt without remains_time neither", () => {
    // Kills the guard of the counted end: `receivedAtMs === null || remainsMs === null` → false or `&&`
    // (null + 1000 would be an end in 1970).
    expect(
      oneRow({ remains_time: 1000, current_interval_status: 1 }).buckets[0]?.interval.resetsAt,
    ).toBeNull();
    const noRemains = oneRow({ current_interval_status: 1 }, { receivedAt: tenZ });
    expect(noRemains.buckets[0]?.interval.resetsAt).toBeNull();
    const both = oneRow({ remains_time: 3_600_000, current_interval_status: 1 }, { receivedAt: tenZ });
    expect(both.buckets[0]?.interval.resetsAt).toBe("2026-06-04T11:00:00.000Z");
  });
});

describe("fields sent as undefined", () => {
  it("read as absent: a row of undefined fields is an unknown window, like an empty row", () => {
    // Kills: `value === undefined ? null : value` → false.
    const undefinedFields = {
      current_interval_status: undefined,
      current_interval_total_count: undefined,
      current_interval_usage_count: undefined,
      start_time: undefined,
    };
    const read = must(parseRemains(onePayload(undefinedFields)));
    const empty = must(parseRemains(onePayload({})));
    expect(read.buckets[0]?.interval).toEqual(empty.buckets[0]?.interval);
    expect(read.buckets[0]?.interval.status).toBe("unknown");
    expect(read.notes).toEqual([]);
  });
});

describe("second-round survivors", () => {
  it("legacy: a remaining count above the total is noted at the usage field, and read as all remaining", () => {
    // Kills: topic "counts" → "" of that note. 20 remaining of a total of 10.
    const snapshot = oneRow(
      { current_interval_total_count: 10, current_interval_usage_count: 20, current_interval_status: 1 },
      { endpoint: "legacy" },
    );
    expect(snapshot.notes).toEqual([
      {
        path: row0("current_interval_usage_count"),
        topic: "counts",
        message: "The remaining count 20 exceeds the total in force 10; read as all remaining.",
      },
    ]);
    expect(snapshot.buckets[0]?.interval).toMatchObject({ used: "0", remaining: "10" });
  });

  it("remains_time with receivedAt needs no note", () => {
    // Kills: `context.receivedAtMs === null` → true in the remains_time note.
    expect(oneRow({ remains_time: 1000, current_interval_status: 1 }, { receivedAt: tenZ }).notes).toEqual(
      [],
    );
  });
});
