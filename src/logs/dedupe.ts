/**
 * Counting each message once. A streamed message is written several times (earlier copies
 * with a partial `output_tokens`), and one message can appear in a session file, in a
 * subagent file and in a resumed session. The accumulator keeps, per key, the copy with
 * the largest usage; its memory is bounded by the number of distinct keys.
 */
import type { LogLineResult, UsageEvent } from "./types";

/**
 * What {@link createUsageDedupe} gives back: each message once, with its largest copy.
 *
 * @example
 * const d: DedupedUsages = dedupe.finish();
 * d.notBilled; //=> { "claude-sonnet-4-5": 3 }
 */
export interface DedupedUsages {
  /** Every billed usage once, in time order (ties by id). */
  readonly events: readonly UsageEvent[];
  /** Messages (each counted once) per model the catalog does not price. */
  readonly notBilled: Readonly<Record<string, number>>;
  /** Copies dropped because a larger (or equal, earlier) copy of the same message was kept. */
  readonly duplicates: number;
}

/**
 * A streaming accumulator of log lines: `add` each line's result, in any order and across
 * any number of files, then `finish`. Results without a key (the library's own formats)
 * are all kept; skips and errors are ignored.
 *
 * @example
 * const dedupe = createUsageDedupe();
 * for (const line of lines) dedupe.add(read(line));
 * dedupe.finish().events.length; //=> 42
 */
export interface UsageDedupe {
  /** Takes one line's result. */
  add(result: LogLineResult): void;
  /** The messages so far, each once (the accumulator can go on taking lines). */
  finish(): DedupedUsages;
}

type Kept =
  | { readonly kind: "usage"; readonly event: UsageEvent; readonly tokens: number; readonly at: number }
  | { readonly kind: "not-billed"; readonly model: string; readonly tokens: number; readonly at: number };

function tokensOf(event: UsageEvent): number {
  let total = 0;
  for (const value of Object.values(event.measures)) total += value as number;
  return total;
}

function keptOf(result: Extract<LogLineResult, { kind: "usage" | "not-billed" }>): Kept {
  if (result.kind === "usage") {
    return {
      kind: "usage",
      event: result.event,
      tokens: tokensOf(result.event),
      at: result.event.at as number,
    };
  }
  // Stryker disable next-line StringLiteral: equivalent: `finish` tells the two kinds apart by `kind === "usage"` only
  return { kind: "not-billed", model: result.model, tokens: result.tokens, at: result.at };
}

/** True when `candidate` should replace `kept`: more tokens, or as many and earlier. */
function isLarger(candidate: Kept, kept: Kept): boolean {
  return candidate.tokens > kept.tokens || (candidate.tokens === kept.tokens && candidate.at < kept.at);
}

const byTimeThenId = (a: UsageEvent, b: UsageEvent): number =>
  (a.at as number) - (b.at as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** True when the events are already in the order {@link byTimeThenId} gives (a log usually is). */
// The check only spares the sort of a list already in order (sorting it changes nothing, the
// sort is stable), so a mutant that makes it answer "not in order" is equivalent.
// Stryker disable next-line BlockStatement: equivalent: the events are then always sorted
function inTimeOrder(events: readonly UsageEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent when it answers "not in order" (`true`, `>= 0`); `false` and `<= 0` are killed by tests
    if (byTimeThenId(events[i - 1] as UsageEvent, events[i] as UsageEvent) > 0) return false;
  }
  // Stryker disable next-line BooleanLiteral: equivalent: the events are then always sorted
  return true;
}

/**
 * A new accumulator that counts each message once, keeping the copy with the largest usage
 * (most tokens; on a tie, the earliest). See {@link UsageDedupe}.
 *
 * @example
 * const dedupe = createUsageDedupe();
 * dedupe.add(read(partialCopy));
 * dedupe.add(read(finalCopy));
 * dedupe.finish().duplicates; //=> 1
 */
export function createUsageDedupe(): UsageDedupe {
  const byKey = new Map<string, Kept>();
  /** Usages without a key (the library's own formats), or the model of an unbilled one. */
  const keyless: (UsageEvent | string)[] = [];
  let duplicates = 0;
  return {
    add(result) {
      if (result.kind !== "usage" && result.kind !== "not-billed") return;
      if (result.key === null) {
        // Nothing to compare a keyless usage with: keep it as it is.
        keyless.push(result.kind === "usage" ? result.event : result.model);
        return;
      }
      const candidate = keptOf(result);
      const kept = byKey.get(result.key);
      if (kept === undefined) {
        byKey.set(result.key, candidate);
        return;
      }
      duplicates++;
      if (isLarger(candidate, kept)) byKey.set(result.key, candidate);
    },
    finish() {
      const events: UsageEvent[] = [];
      const notBilled = new Map<string, number>();
      const take = (kept: Kept): void => {
        if (kept.kind === "usage") events.push(kept.event);
        else notBilled.set(kept.model, (notBilled.get(kept.model) ?? 0) + 1);
      };
      for (const kept of byKey.values()) take(kept);
      for (const item of keyless) {
        if (typeof item === "string") notBilled.set(item, (notBilled.get(item) ?? 0) + 1);
        else events.push(item);
      }
      // Stryker disable next-line ConditionalExpression: equivalent when always true (sorting events already in order changes nothing); `false` is killed by tests
      if (!inTimeOrder(events)) events.sort(byTimeThenId);
      // fromEntries defines own properties, so a model named "__proto__" stays a plain key.
      const models = [...notBilled.keys()].sort();
      return {
        events,
        notBilled: Object.fromEntries(models.map((m) => [m, notBilled.get(m) as number])),
        duplicates,
      };
    },
  };
}
