import { applyEvent, createLedger, creditBalance, quoteUsage } from "token-plan";

const created = createLedger(); // the current Token Plan (defaultCatalog)
if (!created.ok) throw new Error(created.error.message);
let state = created.state;

for (const event of [
  { type: "subscribe", id: "sub-1", at: "2026-06-01T08:00:00Z", tier: "max" },
  { type: "purchase-credits", id: "pack-1", at: "2026-06-01T08:05:00Z", package: "usd-5" },
  {
    type: "usage",
    id: "req-1",
    at: "2026-06-04T14:10:00Z",
    resource: "MiniMax-M3",
    measures: { inputTokens: 12_345, outputTokens: 2_000 },
  },
] as const) {
  const result = applyEvent(state, event);
  if (!result.ok)
    throw new Error(`${result.error.code} at ${result.error.path.join(".")}: ${result.error.message}`);
  state = result.state;
  if (result.outcome.type === "usage") console.log(result.outcome.valueUsd, result.outcome.paidBy); // "0.0061035" ["quota"]
}

const quote = quoteUsage(state, { at: "2026-06-04T14:20:00Z", resource: "music", measures: { songs: 1 } });
if (quote.ok) console.log(quote.value.allowed, quote.value.valueCredits); // true "150"
const balance = creditBalance(state, "2026-06-04T14:20:00Z");
if (balance.ok) console.log(balance.value.total, balance.value.lots[0]?.expiresAt); // "5000" "2027-06-01T08:05:00.000Z"
