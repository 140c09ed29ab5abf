/**
 * The id memory's text and its working copy, as Stryker's survivors in src/ledger/recent.ts
 * showed untested (issue 23): a record's missing fields (`-`), its voided flag and full window
 * read back from a memory made in an earlier call or read from text, the voided flag found
 * without reading the rest, a void and a second void inside one call, and a frozen state's
 * shared id index.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  createLedger,
  type LedgerEvent,
  type LedgerState,
  parseLedger,
  type RecentEventJson,
} from "../../src";
import { chunkRecent, isVoidedJson, printOf, recentEventJson, recordOf } from "../../src/ledger/recent";
import { formatAmount, type Scaled } from "../../src/money";
import { deepFreeze } from "../support/freeze";
import { textOf } from "../support/text";

const at = Date.UTC(2026, 5, 4, 9, 30);

/** An amount's text, or "none" when there is no amount. */
const text = (amount: Scaled<"quota" | "credits"> | undefined): string =>
  amount === undefined ? "none" : formatAmount(amount);

/** Records as the state stores them: a non-usage, a usage without bucket or tier, a voided one, a full window, draws. */
const samples = [
  ["sub-1", "3nh0c2ew5jq"],
  ["song-1", `1kq6w5y1zq4 ${at} - 0 - 150 0`],
  ["song-2", `1kq6w5y1zq4 ${at} general 0.15 max 0 1`],
  ["req-1", `2aa ${at} general 6.596 plus 0.5 0 5h 6.596 6.596 ${at + 3_600_000}`],
  ["req-2", `2ab ${at} general 1 plus 0 0 weekly 98.94 98.94 -`],
  ["req-3", `2ac ${at} general 0 plus 0 0`, [["pack-1", "1234.5", at + 86_400_000]]],
] as unknown as readonly RecentEventJson[];

describe("a remembered event's text", () => {
  it("a non-usage is its fingerprint: no record, not voided", () => {
    const json = samples[0] as RecentEventJson;
    expect(recordOf(json)).toBeNull();
    expect(printOf(json)).toBe("3nh0c2ew5jq");
    expect(isVoidedJson(json)).toBe(false);
  });

  it("`-` is a missing bucket or tier; the amounts and the flag read back", () => {
    const r = recordOf(samples[1] as RecentEventJson);
    expect(r).not.toBeNull();
    expect(r?.at).toBe(at);
    expect(r?.bucket).toBeNull();
    expect(r?.tier).toBeNull();
    expect(text(r?.quotaUnits)).toBe("0");
    expect(text(r?.uncoveredCredits)).toBe("150");
    expect(r?.voided).toBe(false);
    expect(r?.hit).toBeNull();
    expect(r?.draws).toEqual([]);
    expect(printOf(samples[1] as RecentEventJson)).toBe("1kq6w5y1zq4");
  });

  it("a voided usage reads as voided, by recordOf and by isVoidedJson", () => {
    const json = samples[2] as RecentEventJson;
    expect(recordOf(json)?.voided).toBe(true);
    expect(recordOf(json)?.bucket).toBe("general");
    expect(recordOf(json)?.tier).toBe("max");
    expect(isVoidedJson(json)).toBe(true);
    expect(isVoidedJson(samples[1] as RecentEventJson)).toBe(false);
  });

  it("the full window: its id, used, limit and reset, or no reset (`-`)", () => {
    const hit = recordOf(samples[3] as RecentEventJson)?.hit;
    expect(hit?.window).toBe("5h");
    expect(text(hit?.used)).toBe("6.596");
    expect(text(hit?.limit)).toBe("6.596");
    expect(hit?.resetsAt).toBe(at + 3_600_000);
    expect(recordOf(samples[4] as RecentEventJson)?.hit?.resetsAt).toBeNull();
    expect(text(recordOf(samples[4] as RecentEventJson)?.hit?.limit)).toBe("98.94");
  });

  it("draws read back with their credits and the lot's expiry", () => {
    const r = recordOf(samples[5] as RecentEventJson);
    expect(r?.draws.map((d) => [d.lotId, formatAmount(d.credits), d.expiresAt])).toEqual([
      ["pack-1", "1234.5", at + 86_400_000],
    ]);
  });

  it("writing what was read gives the same text back, every sample", () => {
    for (const json of samples) expect(recentEventJson(json[0], printOf(json), recordOf(json))).toEqual(json);
  });

  it("isVoidedJson reads the seventh field, not the one after it nor the one before", () => {
    // The full window's id starts with "1": only the seventh field (0) says voided.
    expect(isVoidedJson(["u", `ab ${at} general 2 plus 0 0 1h 2 2 -`])).toBe(false);
    // The field before the flag ends in "0": the flag itself (1) says voided.
    expect(isVoidedJson(["u", `ab ${at} general 2 plus 0 1`])).toBe(true);
    // A one-character first field: the count of fields starts at the very first space.
    expect(isVoidedJson(["u", "a 1 - 0 - 0 1"])).toBe(true);
    // A non-usage whose fingerprint starts with "1" is not a voided usage.
    expect(isVoidedJson(["u", "1abc"])).toBe(false);
    // Fewer than seven fields is not a voided usage.
    expect(isVoidedJson(["u", "ab 1 - 0 - 0"])).toBe(false);
  });

  it("chunkRecent starts a chunk at every 64th sequence number, wherever the list starts", () => {
    const events = Array.from({ length: 130 }, (_, i): RecentEventJson => [`e${i}`, "ab"]);
    // Version 140: the first event is number 10, so chunks hold 10..63, 64..127, 128..139.
    expect(chunkRecent(events, 140).map((c) => c.length)).toEqual([54, 64, 12]);
    expect(chunkRecent(events, 130).map((c) => c.length)).toEqual([64, 64, 2]);
  });
});

function ledger(events: readonly LedgerEvent[]): LedgerState {
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  const r = applyEvents(created.state, events);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

/** The same ledger read back from its stored text (a memory with no id index). */
function reread(state: LedgerState): LedgerState {
  const read = parseLedger(textOf(state));
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

const song = (id: string, minutes: number): LedgerEvent => ({
  type: "usage",
  id,
  at: at + minutes * 60_000,
  resource: "music",
  measures: { songs: 1 },
});

describe("a memory made in an earlier call, or read from text", () => {
  // No plan and no credits: the song ($0.15 = 150 credits) is all arrears; no bucket's quota, no tier.
  const noPlan = ledger([song("song-1", 0)]);

  for (const [name, state] of [
    ["made by the library", noPlan],
    ["read from text", reread(noPlan)],
  ] as const) {
    it(`${name}: a retried usage without a tier gets its first receipt again`, () => {
      const again = applyEvent(state, song("song-1", 0));
      if (!again.ok) throw new Error(again.error.message);
      expect(again.duplicate).toBe(true);
      const receipt = again.outcome;
      if (receipt.type !== "usage") throw new Error(`expected a usage receipt, got ${receipt.type}`);
      expect(receipt.uncoveredCredits).toBe("150");
      expect(receipt.quota.units).toBe("0");
      expect(receipt.bucket).toBe("general");
      expect(receipt.limit).toBeNull();
    });

    it(`${name}: a void cancels the arrears, and a second void in a later call is refused`, () => {
      const voided = applyEvent(state, { type: "void-usage", id: "v1", at: at + 60_000, usageId: "song-1" });
      if (!voided.ok) throw new Error(voided.error.message);
      expect(voided.state.arrearsCredits).toBe("0");
      for (const next of [voided.state, reread(voided.state)]) {
        const twice = applyEvent(next, { type: "void-usage", id: "v2", at: at + 120_000, usageId: "song-1" });
        expect(twice.ok).toBe(false);
        if (!twice.ok) expect(twice.error.code).toBe("usage_already_voided");
      }
    });
  }

  it("a full window read back: a retry names the same window, used, limit and reset", () => {
    // Plus: 6.596 list-price USD per 5-hour block. 10,000,000 output tokens of MiniMax-M3 = $12.
    const big: LedgerEvent = {
      type: "usage",
      id: "big",
      at: at + 60_000,
      resource: "MiniMax-M3",
      measures: { outputTokens: 10_000_000 },
    };
    const state = ledger([{ type: "subscribe", id: "sub", at, tier: "plus" }, big]);
    for (const s of [state, reread(state)]) {
      const again = applyEvent(s, big);
      if (!again.ok) throw new Error(again.error.message);
      const receipt = again.outcome;
      if (receipt.type !== "usage") throw new Error(`expected a usage receipt, got ${receipt.type}`);
      expect(receipt.limit).toEqual({
        bucket: "general",
        window: "5h",
        label: "5-hour",
        tier: "Plus",
        used: "6.596",
        limit: "6.596",
        resetsAt: "2026-06-04T10:00:00.000Z",
        message:
          "5-hour usage limit reached for Token Plan Plus (6.596/6.596 used), resets at 2026-06-04T10:00:00.000Z",
      });
    }
  });
});

describe("the working copy of one call", () => {
  it("a usage voided in the same call cannot be voided again in it", () => {
    const created = createLedger();
    if (!created.ok) throw new Error(created.error.message);
    const r = applyEvents(
      created.state,
      [
        song("song-1", 0),
        { type: "void-usage", id: "v1", at: at + 60_000, usageId: "song-1" },
        { type: "void-usage", id: "v2", at: at + 120_000, usageId: "song-1" },
      ],
      { onRefusal: "skip" },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.applied).toBe(2);
    expect(r.refusals.map((x) => [x.index, x.error.code])).toEqual([[2, "usage_already_voided"]]);
    expect(r.state.arrearsCredits).toBe("0");
  });

  it("a frozen state's id index is copied, not written: an old id is still found", () => {
    // 40 remembered events (more than the 32 a memory scans): lookups go through the index,
    // whose map is built on the first lookup; frozen, it is built on a copy.
    const state = deepFreeze(ledger(Array.from({ length: 40 }, (_, i) => song(`song-${i}`, i))));
    const again = applyEvent(state, song("song-3", 3));
    if (!again.ok) throw new Error(again.error.message);
    expect(again.duplicate).toBe(true);
    const other = applyEvent(state, { ...song("song-5", 5), at: at + 5 * 60_000 + 1 });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe("conflict");
  });
});
