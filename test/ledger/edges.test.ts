/**
 * Edges of the ledger that the stories do not reach: long batches and the bounded id
 * memory, lots expiring together, a bucket a tier leaves out, sliding defaults, states
 * that were not validated, and stored ledgers whose clock was tampered with.
 */
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  creditBalance,
  defaultCatalog,
  defineCatalog,
  extendCatalog,
  type LedgerEvent,
  parseLedger,
  quotaStatus,
  quoteUsage,
  timeUntilAvailable,
} from "../../src";
import { newLedger, Story } from "../support/ledger";
import { remembered, textOf, withRemembered } from "../support/text";

const t0 = Date.UTC(2026, 5, 1, 1);
const music = (i: number, at = t0 + i * 1000): LedgerEvent => ({
  type: "usage",
  id: `u${i}`,
  at,
  resource: "music",
  measures: { songs: 1 },
});

describe("the bounded memory of event ids", () => {
  const created = newLedger();
  const small = withRemembered(created, 8);
  const batch = applyEvents(
    small,
    Array.from({ length: 700 }, (_, i) => music(i)),
  );
  if (!batch.ok) throw new Error(batch.error.message);

  it("keeps exactly the last N ids, in order, after a long batch", () => {
    expect(remembered(batch.state).map((e) => e[0])).toEqual(
      Array.from({ length: 8 }, (_, i) => `u${692 + i}`),
    );
  });

  it("still recognises a remembered duplicate, inside a batch and alone", () => {
    const again = applyEvents(batch.state, [music(699), music(700)]);
    expect(again.ok && [again.applied, again.duplicates]).toEqual([1, 1]);
    const alone = applyEvent(batch.state, music(695));
    expect(alone.ok && alone.duplicate).toBe(true);
  });

  it("a forgotten id re-sent with its old instant is refused as before the clock", () => {
    const old = applyEvent(batch.state, music(10));
    expect(old.ok === false && old.error.code).toBe("event_before_clock");
  });

  it("inside one long batch, a forgotten id is new again and a remembered one is a duplicate", () => {
    // Ids cycle through 20 names with 8 remembered: each comes back after it was forgotten,
    // long after the id index was built, compacted and rebuilt (it keeps forgotten entries).
    const cycling = (i: number): LedgerEvent => ({ ...music(i), id: `c${i % 20}` });
    const events = Array.from({ length: 600 }, (_, i) => cycling(i));
    // c19 and c12 are among the last 8 (duplicates); c11 was last applied at 591 (forgotten).
    events.push(cycling(599), cycling(592), { ...music(600), id: "c11" });
    const r = applyEvents(small, events);
    expect(r.ok && [r.applied, r.duplicates]).toEqual([601, 2]);
    expect(r.ok && remembered(r.state).map((e) => e[0])).toEqual([
      "c13",
      "c14",
      "c15",
      "c16",
      "c17",
      "c18",
      "c19",
      "c11",
    ]);
  });

  it("replay of the long batch equals step by step", () => {
    let state = small;
    for (let i = 0; i < 700; i++) {
      const r = applyEvent(state, music(i));
      if (!r.ok) throw new Error(r.error.message);
      state = r.state;
    }
    expect(textOf(state)).toBe(textOf(batch.state));
  });
});

describe("credits: lots that expire together", () => {
  it("creditBalance groups credits that expire at the same instant", () => {
    const story = new Story();
    story.apply({ type: "grant-credits", id: "g1", at: "2026-06-01T00:00:00Z", credits: "100" });
    story.apply({ type: "grant-credits", id: "g2", at: "2026-06-01T00:00:00Z", credits: "250" });
    story.apply({ type: "purchase-credits", id: "p", at: "2026-06-02T00:00:00Z", package: "usd-5" });
    const b = creditBalance(story.state, "2027-05-20T00:00:00Z");
    expect(b.ok && b.value.expiring).toEqual([
      { expiresAt: "2027-06-01T00:00:00.000Z", credits: "350" },
      { expiresAt: "2027-06-02T00:00:00.000Z", credits: "5000" },
    ]);
    expect(b.ok && b.value.lots.map((l) => l.id)).toEqual(["g1", "g2", "p"]);
  });
});

describe("quota status without a plan, and a bucket the tier leaves out", () => {
  it("without a subscription every bucket is uncovered with 0/0 windows", () => {
    const s = quotaStatus(newLedger(), "2026-06-01T00:00:00Z");
    expect(s.ok && s.value.tier).toBeNull();
    expect(s.ok && s.value.buckets.map((b) => [b.bucket, b.covered, b.windows.map((w) => w.limit)])).toEqual([
      ["general", false, ["0", "0"]],
      ["video", false, ["0"]],
    ]);
  });

  it("a tier without the bucket at all: credits pay and the quote names it 0/0 with no reset", () => {
    const data = JSON.parse(JSON.stringify(defaultCatalog));
    delete data.tiers.plus.limits.video;
    const catalog = defineCatalog({ ...data, id: "plus-without-video" });
    if (!catalog.ok) throw new Error(catalog.error.message);
    const story = new Story(catalog.value);
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
    const q = quoteUsage(story.state, {
      at: "2026-06-01T01:00:00Z",
      resource: "video-standard",
      measures: { videos: 1 },
    });
    expect(q.ok && q.value.limit?.message).toBe("daily usage limit reached for Token Plan Plus (0/0 used)");
    // It names the bucket's first window (by id and label), not the bucket.
    expect(q.ok && [q.value.limit?.bucket, q.value.limit?.window, q.value.limit?.label]).toEqual([
      "video",
      "daily",
      "daily",
    ]);
    expect(timeUntilAvailable(story.state, "1", "2026-06-01T01:00:00Z", { bucket: "video" })).toEqual({
      ok: true,
      value: { at: null, waitMs: null, reason: "not-in-tier" },
    });
    const status = quotaStatus(story.state, "2026-06-01T01:00:00Z");
    expect(status.ok && status.value.buckets[1]?.covered).toBe(false);
  });
});

describe("windows in the ledger", () => {
  it("a sliding window without a resolution coalesces per 1/300 of its duration (1 minute for 5 hours)", () => {
    const sliding = extendCatalog(defaultCatalog, {
      id: "sliding-5h",
      buckets: { general: { windows: { "5h": { label: "5-hour", kind: "sliding", duration: "PT5H" } } } },
    });
    if (!sliding.ok) throw new Error(sliding.error.message);
    const story = new Story(sliding.value);
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
    story.usage({ id: "a", at: "2026-06-01T10:00:01Z", resource: "music", measures: { songs: 1 } });
    story.usage({ id: "b", at: "2026-06-01T10:00:59Z", resource: "music", measures: { songs: 1 } });
    const records = story.state.windows["general/5h"];
    expect(records?.kind === "sliding" && records.records.length).toBe(1);
    const s = quotaStatus(story.state, "2026-06-01T10:01:00Z");
    expect(s.ok && s.value.buckets[0]?.windows[0]?.resetsAt).toBe("2026-06-01T15:00:59.000Z");
  });

  it("more units than a window's limit never fit", () => {
    const story = new Story();
    story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
    const r = timeUntilAvailable(story.state, "6.597", "2026-06-01T01:00:00Z");
    expect(r.ok && r.value).toEqual({ at: null, waitMs: null, reason: "exceeds-limit" });
  });
});

describe("states that were not validated", () => {
  it("a JSON copy of a state is refused until parseLedger validates it", () => {
    const copy = JSON.parse(textOf(newLedger()));
    const r = applyEvent(copy, music(1));
    expect(r.ok === false && [r.error.code, r.error.path]).toEqual(["invalid_state", []]);
    const parsed = parseLedger(copy);
    expect(parsed.ok && applyEvent(parsed.value, music(1)).ok).toBe(true);
  });
});

describe("the usage fast path defers anything unusual to the schema", () => {
  it.each([
    ["an empty service tier", { serviceTier: "" }, false],
    ["metadata", { metadata: { model: "MiniMax-M3", agent: 3, retry: false } }, true],
    ["a priority service tier", { serviceTier: "priority" }, true],
  ])("%s", (_name, extra, ok) => {
    const r = applyEvent(newLedger(), { ...music(1), ...extra } as LedgerEvent);
    expect(r.ok).toBe(ok);
  });
});

describe("parseLedger refuses a clock behind what the ledger holds", () => {
  const story = new Story();
  story.apply({ type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" });
  story.usage({ id: "u", at: "2026-06-01T10:00:00Z", resource: "music", measures: { songs: 1 } });
  const json = JSON.parse(textOf(story.state));

  it.each([
    ["a window used after the clock", (s: typeof json) => (s.windows["general/5h"].lastAtMs = s.clockMs + 1)],
    [
      "a period that starts after the clock",
      (s: typeof json) => (s.subscription.periodStartMs = s.clockMs + 1),
    ],
    [
      "a usage after the clock",
      (s: typeof json) => {
        // The record's second field is the usage's instant.
        const fields = s.recentEvents[1][1].split(" ");
        fields[1] = String(s.clockMs + 1);
        s.recentEvents[1][1] = fields.join(" ");
      },
    ],
  ])("%s", (_name, tamper) => {
    const copy = structuredClone(json);
    tamper(copy);
    const r = parseLedger(copy);
    expect(r.ok === false && [r.error.code, r.error.path]).toEqual(["invalid_state", ["clockMs"]]);
  });
});
