/**
 * A finance job: replay a month of usage in one call, store the ledger as JSON, load it
 * back and continue exactly where it stopped; then print the month's statement from the
 * audit entries, exact (`statement`, and the amount helpers for display). A stored
 * ledger cannot smuggle in other prices: its catalog must equal one the app bills with
 * (here the default), or `parseLedger` refuses it.
 * Run: npx tsx examples/replay-and-store.ts
 */
import {
  applyEvents,
  createLedger,
  creditsToUsd,
  formatDecimal,
  formatUsd,
  type LedgerEvent,
  parseLedger,
  serializeLedger,
  settle,
  statement,
  sumAmounts,
} from "token-plan";

const created = createLedger();
if (!created.ok) throw new Error(created.error.message);

const events: LedgerEvent[] = [
  { type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier: "max" },
  { type: "purchase-credits", id: "pack", at: "2026-06-01T00:00:00Z", package: "usd-25" },
];
// One request every 3 minutes for 30 days: 14,400 requests of 300k in + 60k out tokens ($0.162
// each). That is $16.20 per 5-hour block (under Max's $19.834) but $544.32 a week (over its
// $297.51): once a week is full, the credits pay, and when they are gone, arrears open.
for (let i = 0; i < 30 * 24 * 20; i++) {
  events.push({
    type: "usage",
    id: `req-${i}`,
    at: Date.UTC(2026, 5, 1, 0, 1) + i * 180_000,
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

// June's statement from the audit entries, exact (the July 1 renewal belongs to July).
const june = statement([...replayed.entries, ...monthEnd.entries], {
  from: "2026-06-01T00:00:00Z",
  to: "2026-07-01T00:00:00Z",
});
if (!june.ok) throw new Error(june.error.message);
const { credits, quota, subscription } = june.value;

console.log(`events applied: ${replayed.applied}; stored ledger: ${stored.length} bytes`);
// Every usage is taken from each window of its bucket, so each window has its own total.
for (const w of quota)
  console.log(`quota used in window ${w.window} (list-price $): ${formatDecimal(w.used)}`);
const { arrears } = june.value;
console.log(`credits used: ${formatDecimal(credits.used)} (${formatUsd(creditsToUsd(credits.used))})`);
console.log(
  `arrears opened: ${formatDecimal(arrears.opened)} credits (${formatUsd(creditsToUsd(arrears.opened))})`,
);
console.log(`subscription charged in June: ${formatUsd(subscription.chargedUsd)}`);
const renewal = sumAmounts(
  monthEnd.entries.flatMap((e) => (e.type === "subscription.charged" ? [e.usd] : [])),
);
console.log(`charged at the July 1 renewal: ${formatUsd(renewal)}`);

// Someone edits the catalog reference in the database: it no longer names the app's catalog.
const edited = stored.replace(/"fingerprint":"[^"]*"/, '"fingerprint":"0"');
const refused = parseLedger(edited);
console.log(`edited price: ${refused.ok ? "accepted (!)" : `refused at ${refused.error.path.join(".")}`}`);
