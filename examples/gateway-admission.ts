/**
 * An API gateway's hot path: before a request runs, ask whether it may (quoteUsage);
 * after it ran, record what it really used (applyEvent). When quota is full and credits
 * are short, answer like the provider does: which window, used/total, when it resets.
 * Run: npx tsx examples/gateway-admission.ts
 */
import { applyEvent, createLedger, type LedgerState, quoteUsage, timeUntilAvailable } from "token-plan";

const created = createLedger();
if (!created.ok) throw new Error(created.error.message);
let account: LedgerState = created.state;

const subscribed = applyEvent(account, {
  type: "subscribe",
  id: "sub",
  at: "2026-06-04T09:00:00Z",
  tier: "plus",
});
if (!subscribed.ok) throw new Error(subscribed.error.message);
account = subscribed.state;

/** The gateway's admission check for an estimated request. */
function admit(state: LedgerState, at: string, outputTokens: number): { ok: boolean; reason: string } {
  const quote = quoteUsage(state, { at, resource: "MiniMax-M3", measures: { outputTokens } });
  if (!quote.ok) return { ok: false, reason: `${quote.error.code}: ${quote.error.message}` };
  if (quote.value.allowed) return { ok: true, reason: `ok, paid by ${quote.value.paidBy.join(" + ")}` };
  const retry = timeUntilAvailable(state, quote.value.quota.required, at);
  const retryAt = retry.ok && retry.value.at !== null ? ` Retry at ${retry.value.at}.` : "";
  return { ok: false, reason: `2056 ${quote.value.limit?.message ?? "no quota"}.${retryAt}` };
}

let minute = 0;
for (const tokens of [2_000_000, 2_000_000, 1_500_000, 1_000_000]) {
  const at = new Date(Date.UTC(2026, 5, 4, 10, minute)).toISOString();
  minute += 15;
  const decision = admit(account, at, tokens);
  console.log(
    `${at.slice(11, 16)} ${String(tokens).padStart(9)} output tokens → ${decision.ok ? "run" : "refuse"}: ${decision.reason}`,
  );
  if (!decision.ok) continue;
  const ran = applyEvent(account, {
    type: "usage",
    id: `req-${minute}`,
    at,
    resource: "MiniMax-M3",
    measures: { outputTokens: tokens },
  });
  if (!ran.ok) throw new Error(ran.error.message);
  account = ran.state;
}
