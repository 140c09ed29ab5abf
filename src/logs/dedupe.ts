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
  for (const value of Object.values(event.measures)) total += value ?? 0;
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
  return { kind: "not-billed", model: result.model, tokens: result.tokens, at: result.at };
}

/** True when `candidate` should replace `kept`: more tokens, or as many and earlier. */
function isLarger(candidate: Kept, kept: Kept): boolean {
  return candidate.tokens > kept.tokens || (candidate.tokens === kept.tokens && candidate.at < kept.at);
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
  const keyless: Kept[] = [];
  let duplicates = 0;
  return {
    add(result) {
      if (result.kind !== "usage" && result.kind !== "not-billed") return;
      const candidate = keptOf(result);
      if (result.key === null) {
        keyless.push(candidate);
        return;
      }
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
      for (const kept of keyless) take(kept);
      events.sort((a, b) => (a.at as number) - (b.at as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      // fromEntries defines own properties, so a model named "__proto__" stays a plain key.
      const models = [...notBilled.keys()].sort();
      return {
        events,
        notBilled: Object.fromEntries(models.map((m) => [m, notBilled.get(m) ?? 0])),
        duplicates,
      };
    },
  };
}
