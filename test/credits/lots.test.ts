import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addLot,
  balanceAt,
  compareDrawOrder,
  drawCredits,
  expireLots,
  expiringWithin,
  type Lot,
  type LotDraw,
  reverseDraws,
} from "../../src/credits";
import type { Scaled } from "../../src/money";
import { propertyParameters } from "../support/settings";

const c = (n: number | bigint) => (BigInt(n) * 10n ** 12n) as Scaled<"credits">;
const DAY = 86_400_000;
const YEAR = 365 * DAY;
const t0 = Date.UTC(2026, 0, 1);

function lot(id: string, purchasedAt: number, credits: number, expiresAt = purchasedAt + YEAR): Lot {
  return {
    id,
    kind: "purchase",
    purchasedAt,
    expiresAt,
    credits: c(credits),
    remaining: c(credits),
    priceUsd: 0n as Scaled<"usd">,
  };
}

describe("soonest-expiry-first", () => {
  it("orders by expiry, then purchase instant, then lot id", () => {
    const a = lot("b", t0, 1, t0 + 10);
    const b = lot("a", t0 + 1, 1, t0 + 10);
    const d = lot("a", t0, 1, t0 + 10);
    const e = lot("z", t0 + 5, 1, t0 + 9);
    const sorted = [a, b, d, e].sort(compareDrawOrder).map((l) => `${l.id}@${l.purchasedAt - t0}`);
    expect(sorted).toEqual(["z@5", "a@0", "b@0", "a@1"]);
  });

  it("draws the soonest-expiring lot first and splits across lots", () => {
    let lots = addLot([], lot("new", t0 + 100 * DAY, 5_000));
    lots = addLot(lots, lot("old", t0, 5_000));
    const draw = drawCredits(lots, c(6_000), t0 + 200 * DAY);
    expect(draw.draws).toEqual([
      { lotId: "old", credits: c(5_000), expiresAt: t0 + YEAR },
      { lotId: "new", credits: c(1_000), expiresAt: t0 + 100 * DAY + YEAR },
    ]);
    expect(draw.shortfall).toBe(0n);
    expect(lots[0]?.remaining).toBe(c(5_000)); // input untouched
  });

  it("the new lots take each draw from the very lot drawn, and leave the others as they were", () => {
    // In draw order: an expired "x", a drained "y", a live "x" (the id used again), then "z", "w".
    const expiredX = lot("x", t0 - YEAR, 100, t0 + DAY);
    const drainedY = { ...lot("y", t0, 100, t0 + 2 * DAY), remaining: c(0) };
    const liveX = lot("x", t0 + DAY, 100, t0 + 2 * DAY);
    const z = lot("z", t0 + DAY, 100, t0 + 3 * DAY);
    const w = lot("w", t0 + DAY, 100, t0 + 4 * DAY);
    const lots = [expiredX, drainedY, liveX, z, w];
    // At t0 + 1 day the first "x" has expired: 150 credits come from the live "x" (100) and "z" (50).
    const draw = drawCredits(lots, c(150), t0 + DAY);
    expect(draw.draws.map((d) => [d.lotId, d.expiresAt, d.credits])).toEqual([
      ["x", t0 + 2 * DAY, c(100)],
      ["z", t0 + 3 * DAY, c(50)],
    ]);
    expect(draw.lots.map((l) => [l.id, l.expiresAt, l.remaining])).toEqual([
      ["x", t0 + DAY, c(100)],
      ["y", t0 + 2 * DAY, c(0)],
      ["x", t0 + 2 * DAY, c(0)],
      ["z", t0 + 3 * DAY, c(50)],
      ["w", t0 + 4 * DAY, c(100)],
    ]);
  });

  it("a draw of nothing (or from nothing) returns the very same lots", () => {
    const lots = [lot("a", t0, 100)];
    expect(drawCredits(lots, c(0), t0 + 1).lots).toBe(lots);
    expect(drawCredits(lots, c(5), t0 + YEAR).lots).toBe(lots); // expired: nothing drawn
  });

  it("takes what exists and reports the shortfall, never going negative", () => {
    const draw = drawCredits([lot("a", t0, 100)], c(250), t0 + 1);
    expect(draw.drawn).toBe(c(100));
    expect(draw.shortfall).toBe(c(150));
    expect(draw.lots[0]?.remaining).toBe(0n);
  });
});

describe("expiry is exclusive: a lot is usable strictly before expiresAt", () => {
  const l = lot("a", t0, 100);
  it("one millisecond before expiry it pays; at the expiry instant it does not", () => {
    expect(drawCredits([l], c(1), t0 + YEAR - 1).drawn).toBe(c(1));
    expect(drawCredits([l], c(1), t0 + YEAR).drawn).toBe(0n);
    expect(balanceAt([l], t0 + YEAR - 1)).toBe(c(100));
    expect(balanceAt([l], t0 + YEAR)).toBe(0n);
  });

  it("expireLots removes due lots and records what each lost", () => {
    const spent = { ...lot("b", t0 + 1, 100), remaining: c(40) };
    const r = expireLots([l, spent], t0 + YEAR);
    expect(r.expired).toEqual([{ lotId: "a", credits: c(100), expiresAt: t0 + YEAR, at: t0 + YEAR }]);
    expect(r.lots.map((x) => x.id)).toEqual(["b"]);
    expect(expireLots([l], t0 + YEAR - 1).expired).toEqual([]);
  });

  it("lists what expires within a horizon", () => {
    expect(expiringWithin([l], t0 + YEAR - 30 * DAY, 30 * DAY).map((x) => x.id)).toEqual(["a"]);
    expect(expiringWithin([l], t0 + YEAR - 31 * DAY, 30 * DAY)).toEqual([]);
  });
});

describe("reversal", () => {
  it("returns credits to their lots in reverse order of the draw", () => {
    const lots = [lot("old", t0, 100), lot("new", t0 + DAY, 100)];
    const draw = drawCredits(lots, c(150), t0 + 2 * DAY);
    const back = reverseDraws(draw.lots, draw.draws, t0 + 3 * DAY);
    expect(back.returned.map((r) => r.lotId)).toEqual(["new", "old"]);
    expect(back.lots.map((x) => x.remaining)).toEqual([c(100), c(100)]);
  });

  it("a later lot that reuses an expired lot's id gets nothing back", () => {
    const old = lot("A", t0, 100);
    const draw = drawCredits([old], c(60), t0 + DAY);
    const reused = lot("A", t0 + YEAR, 100); // the old lot expired; a new purchase took its id
    const back = reverseDraws([reused], draw.draws, t0 + YEAR + DAY);
    expect(back.returned).toEqual([]);
    expect(back.expired).toEqual([{ lotId: "A", credits: c(60), expiresAt: t0 + YEAR }]);
    expect(back.lots[0]?.remaining).toBe(c(100));
  });

  it("credits returned to an expired lot are reported as expired, not resurrected", () => {
    const lots = [lot("old", t0, 100), lot("new", t0 + DAY, 100)];
    const draw = drawCredits(lots, c(150), t0 + 2 * DAY);
    const later = expireLots(draw.lots, t0 + YEAR);
    const back = reverseDraws(later.lots, draw.draws, t0 + YEAR);
    expect(back.returned).toEqual([{ lotId: "new", credits: c(50), expiresAt: t0 + DAY + YEAR }]);
    expect(back.expired).toEqual([{ lotId: "old", credits: c(100), expiresAt: t0 + YEAR }]);
  });
});

describe("properties over random purchase / draw / expire / reverse sequences", () => {
  const gap = fc.oneof(
    fc.constantFrom(0, 1, YEAR - 1, YEAR, YEAR + 1),
    fc.integer({ min: 0, max: 200 * DAY }),
  );
  const ops = fc.array(
    fc.oneof(
      fc.record({
        op: fc.constant("buy" as const),
        gap,
        credits: fc.constantFrom(5_000, 25_000, 100_000, 1),
      }),
      fc.record({ op: fc.constant("draw" as const), gap, credits: fc.integer({ min: 0, max: 60_000 }) }),
      fc.record({ op: fc.constant("reverse" as const), gap }),
      fc.record({ op: fc.constant("expire" as const), gap }),
    ),
    { maxLength: 40 },
  );

  it("purchased = remaining + drawn − reversed + expired per lot; never negative; order respected; no expired draw", () => {
    fc.assert(
      fc.property(ops, (sequence) => {
        let lots: readonly Lot[] = [];
        let at = t0;
        const book = new Map<string, { bought: bigint; drawn: bigint; reversed: bigint; expired: bigint }>();
        const draws: LotDraw[][] = [];
        let n = 0;
        for (const step of sequence) {
          at += step.gap;
          const expiry = expireLots(lots, at);
          for (const e of expiry.expired) {
            const b = book.get(e.lotId);
            if (b) b.expired += e.credits;
          }
          lots = expiry.lots;
          if (step.op === "buy") {
            const l = lot(`lot-${n++}`, at, step.credits);
            book.set(l.id, { bought: l.credits, drawn: 0n, reversed: 0n, expired: 0n });
            lots = addLot(lots, l);
          } else if (step.op === "draw") {
            const frozen = Object.freeze(lots.map((x) => Object.freeze({ ...x })));
            const d = drawCredits(frozen, c(step.credits), at);
            // Every lot touched was live; every earlier live lot was emptied.
            for (const taken of d.draws) {
              const i = frozen.findIndex((x) => x.id === taken.lotId);
              expect(frozen[i]?.expiresAt).toBeGreaterThan(at);
              for (const earlier of d.lots.slice(0, i))
                if (earlier.expiresAt > at) expect(earlier.remaining).toBe(0n);
              const b = book.get(taken.lotId);
              if (b) b.drawn += taken.credits;
            }
            expect(d.drawn + d.shortfall).toBe(c(step.credits));
            lots = d.lots;
            draws.push(d.draws.slice());
          } else if (step.op === "reverse") {
            const last = draws.pop();
            if (last === undefined) continue;
            const r = reverseDraws(lots, last, at);
            for (const x of r.returned) {
              const b = book.get(x.lotId);
              if (b) b.reversed += x.credits;
            }
            lots = r.lots;
          }
          for (const l of lots) expect(l.remaining >= 0n).toBe(true);
          for (let i = 1; i < lots.length; i++)
            expect(compareDrawOrder(lots[i - 1] as Lot, lots[i] as Lot)).toBeLessThan(0);
        }
        for (const [id, b] of book) {
          const remaining = lots.find((l) => l.id === id)?.remaining ?? 0n;
          expect(b.bought).toBe(remaining + b.drawn - b.reversed + b.expired);
        }
      }),
      propertyParameters(),
    );
  });
});
