/**
 * A finance job: replay a month of usage in one call, store the ledger as JSON, load it
 * back and continue exactly where it stopped; then print the month's statement from the
 * audit entries. A stored ledger cannot smuggle in other prices: its catalog must equal
 * one the app bills with (here the default), or `parseLedger` refuses it.
 * Run: npx tsx examples/replay-and-store.ts
 */
import {
  applyEvents,
  createLedger,
  type LedgerEvent,
  parseLedger,
  serializeLedger,
  settle,
} from "token-plan";

const created = createLedger();
if (!created.ok) throw new Error(created.error.message);

const events: LedgerEvent[] = [
  { type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier: "max" },
  { type: "purchase-credits", id: "pack", at: "2026-06-01T00:00:00Z", package: "usd-25" },
];
// One request every 10 minutes for 30 days: 4,320 requests of 300k in + 60k out tokens ($0.162 each).
for (let i = 0; i < 30 * 24 * 6; i++) {
  events.push({
    type: "usage",
    id: `req-${i}`,
    at: Date.UTC(2026, 5, 1, 0, 5) + i * 600_000,
    resource: "MiniMax-M3",
    measures: { inputTokens: 300_000, outputTokens: 60_000 },
  });
}

const replayed = applyEvents(created.state, events, { collectEntries: true });
if (!replayed.ok) throw new Error(replayed.error.message);

const written = serializeLedger(replayed.state);
if (!written.ok) throw new Error(written.error.message);
const stored = written.value;
const loaded = parseLedger(stored);
if (!loaded.ok) throw new Error(loaded.error.message);
const monthEnd = settle(loaded.value, "2026-07-01T00:00:00Z");
if (!monthEnd.ok) throw new Error(monthEnd.error.message);

const sum = (type: string, field: "credits" | "units" | "usd") =>
  replayed.entries
    .concat(monthEnd.entries)
    .filter((e) => e.type === type)
    .reduce((total, e) => total + Number((e as unknown as Record<string, string>)[field]), 0);

console.log(`events applied: ${replayed.applied}; stored ledger: ${stored.length} bytes`);
console.log(
  `quota used (list-price $, counted once per window): ${(sum("quota.consumed", "units") / 2).toFixed(4)}`,
);
console.log(
  `credits debited: ${sum("credits.debited", "credits")}; uncovered: ${sum("usage.uncovered", "credits")}`,
);
console.log(`subscription charged: $${sum("subscription.charged", "usd")}`);

// Someone edits the catalog reference in the database: it no longer names the app's catalog.
const edited = stored.replace(/"fingerprint":"[^"]*"/, '"fingerprint":"0"');
const refused = parseLedger(edited);
console.log(`edited price: ${refused.ok ? "accepted (!)" : `refused at ${refused.error.path.join(".")}`}`);
