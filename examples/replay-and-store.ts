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
  creditsToUsd,
  formatDecimal,
  formatUsd,
  type LedgerEntry,
  type LedgerEntryType,
  type LedgerEvent,
  parseLedger,
  serializeLedger,
  settle,
  sumAmounts,
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

const stored = serializeLedger(replayed.state);
const loaded = parseLedger(stored);
if (!loaded.ok) throw new Error(loaded.error.message);
const monthEnd = settle(loaded.value, "2026-07-01T00:00:00Z");
if (!monthEnd.ok) throw new Error(monthEnd.error.message);

// The month's totals from the audit entries, summed exactly by sumAmounts (no floating point).
const entries = [...replayed.entries, ...monthEnd.entries];
function entriesOf<T extends LedgerEntryType>(type: T): Extract<LedgerEntry, { type: T }>[] {
  return entries.filter((e): e is Extract<LedgerEntry, { type: T }> => e.type === type);
}

console.log(`events applied: ${replayed.applied}; stored ledger: ${stored.length} bytes`);
// Every usage is taken from each window of its bucket, so each window has its own total.
const consumed = entriesOf("quota.consumed");
for (const window of new Set(consumed.map((e) => e.window))) {
  const used = sumAmounts(consumed.filter((e) => e.window === window).map((e) => e.units));
  console.log(`quota used in window ${window} (list-price $): ${formatDecimal(used)}`);
}
const debited = sumAmounts(entriesOf("credits.debited").map((e) => e.credits));
const uncovered = sumAmounts(entriesOf("usage.uncovered").map((e) => e.credits));
console.log(
  `credits debited: ${formatDecimal(debited)} (${formatUsd(creditsToUsd(debited))}); uncovered: ${formatDecimal(uncovered)}`,
);
console.log(
  `subscription charged: ${formatUsd(sumAmounts(entriesOf("subscription.charged").map((e) => e.usd)))}`,
);

// Someone edits the Max price in the database: the stored catalog no longer equals the app's.
const edited = stored.replace('"monthlyPriceUsd":"50"', '"monthlyPriceUsd":"5"');
const refused = parseLedger(edited);
console.log(`edited price: ${refused.ok ? "accepted (!)" : `refused at ${refused.error.path.join(".")}`}`);
