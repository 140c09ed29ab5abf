/**
 * Hostile strings (issue 23, item 7): an amount of 10^7 digits is refused by its length
 * before any conversion, so the refusal costs microseconds and its message stays short.
 * Run alone: npx tsx bench/hostile.ts
 */
import { fileURLToPath } from "node:url";
import { applyEvent, createLedger, parseCredits } from "../src";

export interface HostileRow {
  readonly call: string;
  readonly medianMs: number;
  readonly messageChars: number;
}

export function benchHostile(rounds = 7): readonly HostileRow[] {
  const created = createLedger();
  if (!created.ok) throw new Error(created.error.message);
  const nines = "9".repeat(10_000_000);
  const calls: [string, () => { ok: boolean; error?: { message: string } }][] = [
    ["parseCredits of 10^7 digits", () => parseCredits(nines)],
    [
      "purchase of 10^7-digit credits",
      () => applyEvent(created.state, { type: "purchase-credits", id: "p", at: 0, credits: nines }),
    ],
  ];
  return calls.map(([call, run]) => {
    const times: number[] = [];
    let messageChars = 0;
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const r = run();
      times.push(performance.now() - t0);
      messageChars = r.ok ? 0 : (r.error?.message.length ?? 0);
    }
    times.sort((a, b) => a - b);
    return { call, medianMs: Math.round((times[times.length >> 1] as number) * 1000) / 1000, messageChars };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(benchHostile());
}
