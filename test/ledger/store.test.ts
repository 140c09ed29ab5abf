/**
 * Storing a ledger billed by a catalog other than the default: parseLedger takes the
 * app's catalogs, matches the stored one by id and content, and hands back the app's
 * own catalog object (validated once, never re-read from storage).
 */
import { describe, expect, it } from "vitest";
import {
  applyEvents,
  createLedger,
  defaultCatalog,
  extendCatalog,
  type LedgerState,
  parseLedger,
  tokenPlanChinaCatalog,
} from "../../src";
import { textOf } from "../support/text";

function ledgerOn(catalog: typeof defaultCatalog): LedgerState {
  const created = createLedger({ catalog });
  if (!created.ok) throw new Error(created.error.message);
  const applied = applyEvents(created.state, [
    { type: "subscribe", id: "s1", at: "2026-06-04T10:00:00Z", tier: "max" },
    { type: "purchase-credits", id: "p1", at: "2026-06-04T10:00:00Z", package: "usd-25" },
    { type: "usage", id: "u1", at: "2026-06-04T11:00:00Z", resource: "music", measures: { songs: 3 } },
  ]);
  if (!applied.ok) throw new Error(applied.error.message);
  return applied.state;
}

describe("parseLedger with the app's catalogs", () => {
  it("reads a China-site ledger when the app bills with that catalog, and hands back the app's object", () => {
    const text = textOf(ledgerOn(tokenPlanChinaCatalog));
    const parsed = parseLedger(text, { catalogs: [defaultCatalog, tokenPlanChinaCatalog] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.catalog).toBe(tokenPlanChinaCatalog);
    expect(textOf(parsed.value)).toBe(text);
  });

  it("refuses the same ledger under the default catalogs, naming the stored id", () => {
    const text = textOf(ledgerOn(tokenPlanChinaCatalog));
    const parsed = parseLedger(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe("invalid_state");
    expect(parsed.error.path).toEqual(["catalog", "id"]);
    expect(parsed.error.params).toEqual({ catalogId: "minimax-token-plan-v2-china" });
  });

  it("reads a ledger on an extended catalog, and refuses it once the app changed that catalog's prices", () => {
    const roomy = extendCatalog(defaultCatalog, {
      id: "roomy",
      tiers: { max: { limits: { general: { "5h": "40" } } } },
    });
    const pricier = extendCatalog(defaultCatalog, {
      id: "roomy",
      tiers: { max: { monthlyPriceUsd: "55", limits: { general: { "5h": "40" } } } },
    });
    if (!roomy.ok || !pricier.ok) throw new Error("fixture catalogs");
    const text = textOf(ledgerOn(roomy.value));
    const same = parseLedger(text, { catalogs: [roomy.value] });
    expect(same.ok && same.value.catalog).toBe(roomy.value);
    const changed = parseLedger(text, { catalogs: [pricier.value] });
    // The row names its catalog by id and fingerprint: the changed content is refused.
    expect(changed.ok === false && [changed.error.path, changed.error.params.catalogId]).toEqual([
      ["catalog", "fingerprint"],
      "roomy",
    ]);
  });

  it("a stored ledger whose keys come back in another order (as jsonb returns them) reads as the canonical state", () => {
    const state = ledgerOn(defaultCatalog);
    const text = textOf(state);
    const sortKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sortKeys)
        : typeof value === "object" && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .sort(([a], [b]) => a.length - b.length || (a < b ? -1 : 1))
                .map(([k, v]) => [k, sortKeys(v)]),
            )
          : value;
    const reordered = JSON.stringify(sortKeys(JSON.parse(text)));
    expect(reordered).not.toBe(text);
    const parsed = parseLedger(reordered);
    expect(parsed.ok && textOf(parsed.value)).toBe(text);
  });

  it("a parsed ledger goes on exactly like the stored one", () => {
    const state = ledgerOn(tokenPlanChinaCatalog);
    const parsed = parseLedger(textOf(state), { catalogs: [tokenPlanChinaCatalog] });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const next = [
      {
        type: "usage",
        id: "u2",
        at: "2026-06-04T12:00:00Z",
        resource: "MiniMax-M3",
        measures: { outputTokens: 50_000 },
      },
    ] as const;
    const a = applyEvents(state, next);
    const b = applyEvents(parsed.value, next);
    expect(a.ok && b.ok && textOf(b.state)).toBe(a.ok && textOf(a.state));
  });
});
