/**
 * The provider's own numbers: read a saved usage-API payload (GET /v1/token_plan/remains),
 * print the bars, check a gateway's metering against it, start a ledger from it, and read
 * the provider's 2056 refusal. No network: the caller fetches, the library parses.
 * Run: npx tsx examples/remains.ts
 */
import { readFileSync } from "node:fs";
import {
  applyEvents,
  createLedger,
  ledgerFromRemains,
  parseRemains,
  parseUsageLimitError,
  quotaStatus,
  reconcile,
  remainsReport,
} from "token-plan";

const at = "2026-06-04T12:10:00Z"; // when the payload was fetched
const text = readFileSync(new URL("../test/remains/fixtures/current-v2.json", import.meta.url), "utf8");
const snapshot = parseRemains(text, { endpoint: "current", receivedAt: at });
if (!snapshot.ok)
  throw new Error(`${snapshot.error.code} at ${snapshot.error.path.join(".")}: ${snapshot.error.message}`);

console.log("The provider's bars:");
const report = remainsReport(snapshot.value, at);
if (!report.ok) throw new Error(report.error.message);
for (const row of report.value.rows) {
  console.log(
    `  ${row.bucket.padEnd(8)} ${row.label.padEnd(7)} [${row.bar}] ${row.percentText.padStart(8)}  ${row.countsText.padEnd(9)} ${row.countdownText}`,
  );
}

// A gateway's own ledger: Max since Monday, $7.20 of M3 output this block, no video yet.
const created = createLedger();
if (!created.ok) throw new Error(created.error.message);
const metered = applyEvents(created.state, [
  { type: "subscribe", id: "sub", at: "2026-06-01T00:00:00Z", tier: "max" },
  {
    type: "usage",
    id: "m3",
    at: "2026-06-04T10:30:00Z",
    resource: "MiniMax-M3",
    measures: { outputTokens: 6_000_000 },
  },
]);
if (!metered.ok) throw new Error(metered.error.message);

console.log("\nWhere the gateway's metering drifts from the provider's (tolerance 1 point):");
const drift = reconcile(metered.state, snapshot.value, at);
if (!drift.ok) throw new Error(drift.error.message);
for (const difference of drift.value.differences) console.log(`  ${difference.type}: ${difference.message}`);

console.log("\nA ledger started from the provider's numbers:");
const started = ledgerFromRemains(snapshot.value, { tier: "max", at });
if (!started.ok) throw new Error(started.error.message);
const status = quotaStatus(started.value.state, at);
if (!status.ok) throw new Error(status.error.message);
for (const bucket of status.value.buckets) {
  for (const w of bucket.windows) console.log(`  ${bucket.bucket}/${w.window}: ${w.used} of ${w.limit} used`);
}
for (const approximation of started.value.approximations) console.log(`  note: ${approximation.message}`);
const again = reconcile(started.value.state, snapshot.value, at);
console.log(
  `  differences with the snapshot: ${again.ok ? again.value.differences.length : again.error.message}`,
);

console.log("\nThe provider's refusal, read:");
const refusal = parseUsageLimitError(
  "5-hour usage limit reached for Token Plan Max (19834000/19834000 used), resets at 2026-06-04T15:00:00+08:00",
);
if (!refusal.ok) throw new Error(refusal.error.message);
const { bucket, window, tier, used, limit, resetsAt } = refusal.value;
console.log(`  ${bucket}/${window} on ${tier}: ${used}/${limit} used, resets at ${resetsAt}`);
