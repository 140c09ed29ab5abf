/**
 * Runs an event sequence through the public API one event at a time, keeping every state,
 * result and entry, so a property can look at any step. Refused events leave the state
 * unchanged (that is the contract) and are kept in the log with their error.
 */
import {
  type Applied,
  applyEvent,
  createLedger,
  type LedgerEntry,
  type LedgerEvent,
  type LedgerState,
  type Refusal,
  type Result,
} from "../../src";

/** One event applied: the state before and after, and what `applyEvent` answered. */
export interface Step {
  readonly index: number;
  readonly event: LedgerEvent;
  /** Epoch ms of the event's `at`. */
  readonly at: number;
  readonly before: LedgerState;
  readonly result: Applied | Refusal;
  readonly after: LedgerState;
}

/** A whole run. */
export interface Run {
  readonly initial: LedgerState;
  readonly steps: readonly Step[];
  readonly final: LedgerState;
  /** The events `applyEvent` accepted (duplicates included), in order: a sequence `applyEvents` takes whole. */
  readonly accepted: readonly LedgerEvent[];
  /** Every entry of every accepted step, in order. */
  readonly entries: readonly LedgerEntry[];
}

/** A new ledger on the default catalog, remembering `eventIdsRemembered` ids (default 256). */
export function freshLedger(eventIdsRemembered?: number): LedgerState {
  const created = createLedger(eventIdsRemembered === undefined ? {} : { eventIdsRemembered });
  if (!created.ok) throw new Error(`createLedger refused: ${created.error.message}`);
  return created.state;
}

/** Epoch ms of an event instant (ISO with an offset, epoch ms, or a Date). */
export function instantMs(at: string | number | Date): number {
  const ms = typeof at === "number" ? at : new Date(at).getTime();
  if (!Number.isSafeInteger(ms)) throw new Error(`not an instant: ${String(at)}`);
  return ms;
}

/** Folds `events` with `applyEvent`, keeping every step. */
export function runEvents(events: readonly LedgerEvent[], initial: LedgerState = freshLedger()): Run {
  const steps: Step[] = [];
  const accepted: LedgerEvent[] = [];
  const entries: LedgerEntry[] = [];
  let state = initial;
  events.forEach((event, index) => {
    const result = applyEvent(state, event);
    const after = result.ok ? result.state : state;
    steps.push({ index, event, at: instantMs(event.at), before: state, result, after });
    if (result.ok) {
      accepted.push(event);
      entries.push(...result.entries);
    }
    state = after;
  });
  return { initial, steps, final: state, accepted, entries };
}

/** The value of a query, or a thrown error naming the refusal (queries on valid states must answer). */
export function unwrap<T>(result: Result<T, { readonly code: string; readonly message: string }>): T {
  if (!result.ok) throw new Error(`unexpected refusal ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The receipt of a usage step, or null (refused, duplicate, not a usage). */
export function receiptOf(step: Step) {
  if (!step.result.ok || step.result.duplicate || step.result.outcome.type !== "usage") return null;
  return step.result.outcome;
}

/** The usage an event describes, as `quoteUsage` takes it (same id, instant, resource, measures). */
export function usageInputOf(event: Extract<LedgerEvent, { type: "usage" }>) {
  const { type: _type, ...usage } = event;
  return usage;
}

/** The entries a step produced (none when refused or a duplicate). */
export function entriesOf(step: Step): readonly LedgerEntry[] {
  return step.result.ok ? step.result.entries : [];
}

/** The steps that applied a usage for the first time, with their receipt and usage event. */
export function usageSteps(run: Run) {
  const out = [];
  for (const step of run.steps) {
    const receipt = receiptOf(step);
    if (receipt === null || step.event.type !== "usage") continue;
    out.push({ step, receipt, event: step.event });
  }
  return out;
}

/** The clock of a state, or `fallback` before its first event. */
export function clockOf(state: LedgerState, fallback: number): number {
  return state.clockMs ?? fallback;
}
