/**
 * The id memory's index (shared by successive states of one ledger, a cache never stored)
 * answers exactly what a plain scan of the state's remembered events answers, however the
 * states branch: an older state reused after newer ones were made from it, ids forgotten and
 * sent again, memories longer than the length below which the index is not used.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvent, createLedger, type LedgerEvent, type LedgerState } from "../../src";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { remembered as memoryOf } from "../support/text";

const t0 = Date.UTC(2026, 5, 1);

/** A step: which earlier state to continue from, and which id (from a small set, so ids repeat). */
const stepArb = fc.record({
  from: fc.nat(),
  id: fc.integer({ min: 0, max: 45 }),
  songs: fc.constantFrom(0, 1),
});

describe("id index agrees with the memory", () => {
  it(
    "a retry is a duplicate exactly when a scan of the state's memory finds its id",
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(33, 36, 40),
          fc.array(stepArb, { minLength: 40, maxLength: 120, size: "max" }),
          (remembered, steps) => {
            const created = createLedger({ eventIdsRemembered: remembered });
            if (!created.ok) throw new Error(created.error.message);
            // Each state with the latest instant of its branch and the events its branch sent, by id.
            type Branch = { state: LedgerState; at: number; sent: ReadonlyMap<string, LedgerEvent> };
            const states: Branch[] = [{ state: created.state, at: t0, sent: new Map() }];
            for (const step of steps) {
              // Mostly continue the newest state; sometimes branch from an older one.
              const pick = step.from % 3 === 0 ? step.from % states.length : states.length - 1;
              const { state, at, sent } = states[pick] as Branch;
              const id = `req-${step.id}`;
              const known = sent.get(id);
              const event: LedgerEvent = known ?? {
                type: "usage",
                id,
                at: at + 1000,
                resource: "music",
                measures: { songs: step.songs },
              };
              const inMemory = memoryOf(state).some((e) => e[0] === id);
              const r = applyEvent(state, { ...event, at: Math.max(at, Number(event.at)) } as LedgerEvent);
              if (inMemory) {
                // Same id: a duplicate if the content is the same (same instant), else a conflict.
                const sameContent = Math.max(at, Number(event.at)) === Number(event.at);
                if (sameContent) expect(r.ok && r.duplicate, `${id} remembered`).toBe(true);
                else expect(r.ok ? "ok" : r.error.code, `${id} remembered, other instant`).toBe("conflict");
                continue;
              }
              expect(r.ok && !r.duplicate, `${id} not remembered: applied`).toBe(true);
              if (!r.ok) continue;
              const applied = { ...event, at: Math.max(at, Number(event.at)) } as LedgerEvent;
              states.push({ state: r.state, at: Number(applied.at), sent: new Map(sent).set(id, applied) });
              // The memory itself: the last `remembered` distinct ids of this branch, newest last.
              expect(memoryOf(r.state).length).toBeLessThanOrEqual(remembered);
              expect(memoryOf(r.state).at(-1)?.[0]).toBe(id);
            }
          },
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
