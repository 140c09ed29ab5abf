/**
 * The id memory's index is shared by successive states; an older state reused later must
 * still answer from its own memory. Each story below is one that a shared index can get
 * wrong, with the answer a plain scan of the state's memory gives.
 */
import { describe, expect, it } from "vitest";
import { applyEvent, createLedger, type LedgerEvent, type LedgerState } from "../../src";

const t0 = Date.UTC(2026, 5, 1);
const usage = (id: string, i: number): LedgerEvent => ({
  type: "usage",
  id,
  at: t0 + i * 1000,
  resource: "music",
  measures: { songs: 0 },
});

/** A chain of states remembering 33 ids (past the length below which the memory is only scanned). */
function chain(ids: readonly string[], from: LedgerState, start: number): LedgerState[] {
  const out: LedgerState[] = [];
  let state = from;
  ids.forEach((id, k) => {
    const r = applyEvent(state, usage(id, start + k));
    if (!r.ok) throw new Error(r.error.message);
    state = r.state;
    out.push(state);
  });
  return out;
}

function fresh(): LedgerState {
  const created = createLedger({ eventIdsRemembered: 33 });
  if (!created.ok) throw new Error(created.error.message);
  return created.state;
}

describe("id memory across branching states", () => {
  it("an old state still knows an id that a newer state forgot and applied again", () => {
    const first = chain(
      Array.from({ length: 40 }, (_, i) => `r${i}`),
      fresh(),
      0,
    );
    const old = first[36] as LedgerState; // remembers r4 … r36
    const newer = chain(
      Array.from({ length: 40 }, (_, i) => `q${i}`),
      first[39] as LedgerState,
      40,
    ).at(-1) as LedgerState;
    const again = applyEvent(newer, usage("r10", 80)); // forgotten there: applied anew
    expect(again.ok && again.duplicate).toBe(false);
    const retry = applyEvent(old, usage("r10", 10)); // remembered here: a duplicate
    expect(retry.ok && retry.duplicate).toBe(true);
  });

  it("two branches from one state each know only their own new id", () => {
    const base = chain(
      Array.from({ length: 35 }, (_, i) => `r${i}`),
      fresh(),
      0,
    ).at(-1) as LedgerState;
    const a = applyEvent(base, usage("a", 100));
    const b = applyEvent(base, usage("b", 100));
    if (!a.ok || !b.ok) throw new Error("branches refused");
    expect(applyEvent(a.state, usage("a", 100))).toMatchObject({ ok: true, duplicate: true });
    expect(applyEvent(b.state, usage("b", 100))).toMatchObject({ ok: true, duplicate: true });
    expect(applyEvent(a.state, usage("b", 101))).toMatchObject({ ok: true, duplicate: false });
    expect(applyEvent(b.state, usage("a", 101))).toMatchObject({ ok: true, duplicate: false });
  });
});
