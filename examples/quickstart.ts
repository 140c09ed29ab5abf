/**
 * Quick start: a Plus subscriber fills the 5-hour window, overflows into prepaid
 * credits, and we print the usage bars, the credit balance and the receipts.
 * Run: npm run demo
 */
import {
  applyEvent,
  createLedger,
  creditBalance,
  type LedgerEvent,
  type LedgerState,
  quotaStatus,
  quoteUsage,
  type UsageReceipt,
} from "token-plan";

function apply(state: LedgerState, event: LedgerEvent) {
  const result = applyEvent(state, event);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}

function bar(percent: number, width = 30): string {
  const filled = Math.round((Math.min(percent, 100) / 100) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
}

const created = createLedger();
if (!created.ok) throw new Error(created.error.message);
let state = created.state;

// A Plus subscription ($20/month) and a $25 credit pack (25,000 credits, valid 365 days).
state = apply(state, { type: "subscribe", id: "sub-1", at: "2026-06-01T08:00:00Z", tier: "plus" }).state;
state = apply(state, {
  type: "purchase-credits",
  id: "pack-1",
  at: "2026-06-01T08:05:00Z",
  package: "usd-25",
}).state;

// An afternoon of agent work in the 10:00–15:00 UTC block. Each request is 500k input and
// 500k output tokens of MiniMax-M3: 0.5 × $0.30 + 0.5 × $1.20 = $0.75 of list price.
// Plus has $6.596 of list price per 5-hour block: 8 requests fit ($6.00), the 9th splits.
const receipts: UsageReceipt[] = [];
for (let i = 0; i < 12; i++) {
  const at = new Date(Date.UTC(2026, 5, 4, 11, 0) + i * 12 * 60_000).toISOString();
  const usage: LedgerEvent = {
    type: "usage",
    id: `req-${i + 1}`,
    at,
    resource: "MiniMax-M3",
    measures: { inputTokens: 500_000, outputTokens: 500_000 },
  };
  const result = apply(state, usage);
  state = result.state;
  if (result.outcome.type === "usage") receipts.push(result.outcome);
}

console.log("Receipts (quota first, then credits):");
for (const r of receipts) {
  const lots = r.credits.lots.map((l) => `${l.credits} from ${l.lotId}`).join(", ") || "-";
  console.log(
    `  ${r.eventId.padEnd(6)} ${r.at.slice(11, 16)}  $${r.valueUsd.padEnd(5)} quota $${r.quota.units.padEnd(6)} credits ${r.credits.debited.padEnd(5)} (${lots})  paid by ${r.paidBy.join(" + ")}`,
  );
}

const now = "2026-06-04T13:30:00Z";
const status = quotaStatus(state, now);
if (!status.ok) throw new Error(status.error.message);
console.log(`\nUsage bars at ${now} (tier ${status.value.tier}):`);
for (const bucket of status.value.buckets) {
  for (const w of bucket.windows) {
    if (w.limit === "0") {
      console.log(`  ${`${bucket.bucket}/${w.label}`.padEnd(16)} not included in this tier: credits pay`);
      continue;
    }
    console.log(
      `  ${`${bucket.bucket}/${w.label}`.padEnd(16)} ${bar(w.usedPercent)} ${String(w.usedPercent).padStart(6)}%  ${w.used}/${w.limit}  resets ${w.resetsAt ?? "-"}`,
    );
  }
}

const balance = creditBalance(state, now, { horizon: "P400D" });
if (!balance.ok) throw new Error(balance.error.message);
console.log(`\nCredits: ${balance.value.total} usable`);
for (const lot of balance.value.lots) {
  console.log(`  lot ${lot.id}: ${lot.remaining} of ${lot.credits} left, expires ${lot.expiresAt}`);
}

const quote = quoteUsage(state, { at: now, resource: "MiniMax-M3", measures: { outputTokens: 1_000_000 } });
if (!quote.ok) throw new Error(quote.error.message);
console.log(`\nMay a 1M-output-token request run now? ${quote.value.allowed ? "yes" : "no"}`);
console.log(`  ${quote.value.limit?.message ?? "quota has room"}`);
console.log(
  `  it would cost ${quote.value.creditsNeeded} credits of ${quote.value.creditsAvailable} available`,
);
