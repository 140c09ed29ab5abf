/**
 * The gateway's cost, in memory: a request loads one account's stored ledger, quotes the
 * usage, records it and stores the ledger again. Measured side by side with `applyEvent`
 * alone on the same state, for a week-old account (one request a second, 36-character
 * request ids) in two configurations: the ledger remembers its ids (the default), and a
 * store holds idempotency (the ledger remembers only a few, for voids). Also the cost of
 * `applyEvent` by the size of the id memory (256 versus 4,096 ids).
 * Run alone: npx tsx bench/gateway.ts (npm run bench runs it too).
 */
import { Bench } from "tinybench";
import {
  applyEvent,
  applyEvents,
  createLedger,
  type LedgerEvent,
  type LedgerState,
  parseLedger,
  quoteUsage,
  serializeLedger,
} from "../src";
import { agentWeek, type TraceEvent } from "./trace";

/** A request id as gateways make them: a UUID-shaped 36-character string, deterministic. */
export function uuidOf(i: number): string {
  const hex = (i * 2654435761 + 0x9e3779b9).toString(16).padStart(12, "0").slice(-12);
  return `8f14e45f-ceea-467f-a0e6-${hex}`;
}

function withUuids(events: readonly TraceEvent[]): LedgerEvent[] {
  let n = 0;
  return events.map((e) => (e.type === "usage" ? { ...e, id: uuidOf(n++) } : e)) as LedgerEvent[];
}

/** A week-old heavy account (one request a second, UUID ids), remembering `eventIdsRemembered` ids (default: the core's). */
export function weekOld(
  eventIdsRemembered: number | undefined,
  events: readonly LedgerEvent[] = withUuids(agentWeek({ startMs: Date.UTC(2026, 5, 8) })),
): LedgerState {
  const created = createLedger(eventIdsRemembered === undefined ? {} : { eventIdsRemembered });
  if (!created.ok) throw new Error(created.error.message);
  const r = applyEvents(created.state, events);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

function textOf(state: LedgerState): string {
  const t = serializeLedger(state);
  if (!t.ok) throw new Error(t.error.message);
  return t.value;
}

export interface GatewayResults {
  readonly storedBytes: { readonly ledgerIdempotency: number; readonly storeIdempotency: number };
  readonly requestNs: { readonly ledgerIdempotency: number; readonly storeIdempotency: number };
  readonly applyEventNs: { readonly ledgerIdempotency: number; readonly storeIdempotency: number };
  readonly requestRatio: { readonly ledgerIdempotency: number; readonly storeIdempotency: number };
  readonly memoryRatio: number;
  readonly applyEventNsByMemory: { readonly ids256: number; readonly ids4096: number };
}

/** Runs the gateway measures; the store keeps idempotency with `storeRemembered` ids left in the row. */
export async function benchGateway(storeRemembered = 16): Promise<GatewayResults> {
  const events = withUuids(agentWeek({ startMs: Date.UTC(2026, 5, 8) }));
  // The default settings (the ledger remembers its ids), and a store that keeps idempotency.
  const configs = { ledgerIdempotency: undefined, storeIdempotency: storeRemembered } as const;
  const states = {
    ledgerIdempotency: weekOld(configs.ledgerIdempotency, events),
    storeIdempotency: weekOld(configs.storeIdempotency, events),
  };
  const texts = {
    ledgerIdempotency: textOf(states.ledgerIdempotency),
    storeIdempotency: textOf(states.storeIdempotency),
  };
  const last = states.ledgerIdempotency.clockMs ?? 0;
  // Each request one millisecond after the last, so chained states always move forward.
  const usage = (i: number): Extract<LedgerEvent, { type: "usage" }> => ({
    type: "usage",
    id: uuidOf(10_000_000 + i),
    at: last + 1000 + i,
    resource: "MiniMax-M3",
    measures: { inputTokens: 15_000, outputTokens: 1_200, cacheReadTokens: 60_000 },
  });
  let sink: unknown;
  let i = 0;
  const bench = new Bench({ time: 1000, warmupTime: 250, throws: true });
  for (const key of ["ledgerIdempotency", "storeIdempotency"] as const) {
    const state = states[key];
    const text = texts[key];
    bench.add(`${key}: applyEvent`, () => {
      sink = applyEvent(state, usage(i++));
    });
    bench.add(`${key}: request`, () => {
      const loaded = parseLedger(text);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const event = usage(i++);
      const { type: _t, ...input } = event;
      const quote = quoteUsage(loaded.value, input);
      if (!quote.ok) throw new Error(quote.error.message);
      const applied = applyEvent(loaded.value, event);
      if (!applied.ok) throw new Error(applied.error.message);
      sink = serializeLedger(applied.state);
    });
  }
  // The id memory's cost: the same chain of requests on states remembering 256 and 4,096 ids.
  const chains = { ids256: weekOld(256, events), ids4096: weekOld(4096, events) };
  for (const key of ["ids256", "ids4096"] as const) {
    bench.add(`memory ${key}: applyEvent chained`, () => {
      const r = applyEvent(chains[key], usage(i++));
      if (!r.ok) throw new Error(r.error.message);
      chains[key] = r.state;
    });
  }
  await bench.run();
  const ns = (name: string): number => {
    const result = bench.tasks.find((t) => t.name === name)?.result;
    if (result === undefined || !("latency" in result)) throw new Error(`no result for ${name}`);
    return result.latency.p50 * 1e6;
  };
  if (sink === undefined) throw new Error("nothing measured");
  const applyNs = {
    ledgerIdempotency: ns("ledgerIdempotency: applyEvent"),
    storeIdempotency: ns("storeIdempotency: applyEvent"),
  };
  const requestNs = {
    ledgerIdempotency: ns("ledgerIdempotency: request"),
    storeIdempotency: ns("storeIdempotency: request"),
  };
  const byMemory = {
    ids256: ns("memory ids256: applyEvent chained"),
    ids4096: ns("memory ids4096: applyEvent chained"),
  };
  return {
    storedBytes: {
      ledgerIdempotency: Buffer.byteLength(texts.ledgerIdempotency),
      storeIdempotency: Buffer.byteLength(texts.storeIdempotency),
    },
    requestNs,
    applyEventNs: applyNs,
    requestRatio: {
      ledgerIdempotency: requestNs.ledgerIdempotency / applyNs.ledgerIdempotency,
      storeIdempotency: requestNs.storeIdempotency / applyNs.storeIdempotency,
    },
    memoryRatio: byMemory.ids4096 / byMemory.ids256,
    applyEventNsByMemory: byMemory,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchGateway();
  console.log(JSON.stringify(r, null, 2));
}
