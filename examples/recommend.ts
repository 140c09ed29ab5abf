/**
 * Which plan should I buy, and when will I run out? Reads a Claude Code projects folder
 * (each streamed message counted once), ranks the plans, simulates the cheapest, then
 * forecasts when a Plus subscriber's windows and credits run out at a heavy pace.
 * Run: npx tsx examples/recommend.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  applyEvents,
  claudeCodeReader,
  createLedger,
  createUsageDedupe,
  forecast,
  recommendPlan,
  simulate,
} from "token-plan";

const folder = fileURLToPath(new URL("./logs/claude-code", import.meta.url));
const files = readdirSync(folder, { recursive: true, encoding: "utf8" })
  .filter((name) => name.endsWith(".jsonl"))
  .sort();

// 1. Read every line of every file; the dedupe keeps each message's largest copy.
const read = claudeCodeReader();
const dedupe = createUsageDedupe();
for (const file of files) {
  const lines = readFileSync(path.join(folder, file), "utf8").split("\n");
  lines.forEach((line, index) => {
    const result = read(line);
    if (result.kind === "error") console.warn(`${file}:${index + 1}: ${result.error.message}`);
    dedupe.add(result);
  });
}
const { events, notBilled, duplicates } = dedupe.finish();
console.log(
  `${events.length} usages (${duplicates} streamed or repeated copies dropped); not billed:`,
  notBilled,
);

// 2. Every plan, ranked by what this log would have cost.
const recommended = recommendPlan(events);
if (!recommended.ok) throw new Error(recommended.error.message);
for (const plan of recommended.value.plans) console.log(`${plan.totalUsd.padStart(4)} USD  ${plan.reason}`);

// 3. The cheapest option in full: exact totals from the ledger's entries.
const cheapest = recommended.value.cheapest;
const simulated = simulate(events, { plan: cheapest === "credits-only" ? "none" : cheapest });
if (!simulated.ok) throw new Error(simulated.error.message);
const s = simulated.value;
console.log(
  `${cheapest}: ${s.creditsPurchased} credits bought, ${s.creditsUsed} used, ${s.creditsLeft} left`,
);

// 4. A Plus subscriber with a $5 package on a heavy afternoon: 20 agent turns an hour, each
//    0.1M input + 25k output + 450k cache-read tokens of MiniMax-M3 ($0.03 + $0.03 + $0.027).
const created = createLedger();
if (!created.ok) throw new Error(created.error.message);
const ledger = applyEvents(created.state, [
  { type: "subscribe", id: "sub", at: "2026-06-08T08:00:00Z", tier: "plus" },
  { type: "purchase-credits", id: "pack", at: "2026-06-08T08:00:00Z", package: "usd-5" },
]);
if (!ledger.ok) throw new Error(ledger.error.message);
const pace = forecast(ledger.state, {
  at: "2026-06-08T10:00:00Z",
  until: "2026-06-08T20:00:00Z",
  burnRate: {
    usage: {
      resource: "MiniMax-M3",
      measures: { inputTokens: 100_000, outputTokens: 25_000, cacheReadTokens: 450_000 },
    },
    perHour: 20,
  },
});
if (!pace.ok) throw new Error(pace.error.message);
for (const w of pace.value.windows) console.log(`${w.label}: runs out ${w.runsOutAt ?? "not today"}`);
console.log(`credits: run out ${pace.value.credits.runsOutAt ?? "not today"}`);
