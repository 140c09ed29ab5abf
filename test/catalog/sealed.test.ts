/**
 * What marks a catalog as validated. Another copy of the package (the other build, or
 * another version) seals its catalogs with the same registered symbol; this copy
 * compiles such a catalog on first sight. These tests play the other copy by hand.
 */
import { describe, expect, it } from "vitest";
import { applyEvent, type Catalog, createLedger, defaultCatalog } from "../../src";

/** What another copy's `sealCatalog` leaves: frozen canonical data with the shared mark. */
function sealedElsewhere(data: unknown): Catalog {
  const copy = structuredClone(data) as object;
  Object.defineProperty(copy, Symbol.for("token-plan.catalog/v1"), { value: true });
  return Object.freeze(copy) as Catalog;
}

const codeOf = (r: { ok: true } | { ok: false; error: { code: string } }) => (r.ok ? "ok" : r.error.code);

describe("a catalog sealed by another copy of the package", () => {
  it("is accepted and bills exactly as this copy's own", () => {
    const foreign = sealedElsewhere(defaultCatalog);
    const created = createLedger({ catalog: foreign });
    const home = createLedger();
    if (!created.ok || !home.ok) throw new Error("createLedger refused");
    const event = { type: "subscribe", id: "s", at: "2026-06-01T00:00:00Z", tier: "plus" } as const;
    const away = applyEvent(created.state, event);
    const here = applyEvent(home.state, event);
    expect(away.ok && away.outcome).toEqual(here.ok && here.outcome);
  });

  it("is refused when its mark is on data that does not compile (a forged mark), not a crash", () => {
    const forged = sealedElsewhere({ id: "forged" });
    expect(codeOf(createLedger({ catalog: forged }))).toBe("invalid_catalog");
    // A second look answers the same (the verdict is remembered, not recomputed differently).
    expect(codeOf(createLedger({ catalog: forged }))).toBe("invalid_catalog");
  });

  it("must be frozen: a marked object that can still change is no sealed catalog", () => {
    const open = structuredClone(defaultCatalog) as object;
    Object.defineProperty(open, Symbol.for("token-plan.catalog/v1"), { value: true });
    expect(codeOf(createLedger({ catalog: open as Catalog }))).toBe("invalid_catalog");
  });

  it("carries its mark only as a hidden property: a spread copy is no catalog", () => {
    const mark = Object.getOwnPropertyDescriptor(defaultCatalog, Symbol.for("token-plan.catalog/v1"));
    expect(mark).toMatchObject({ value: true, enumerable: false });
    expect(codeOf(createLedger({ catalog: { ...defaultCatalog } }))).toBe("invalid_catalog");
  });
});
