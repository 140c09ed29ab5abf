/**
 * The Claude Code reader with the dedupe counts each message once, with its final usage,
 * however its copies are spread: streamed copies with a partial output count, the same
 * message in a subagent file and in a resumed session, files read in any order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claudeCodeReader, createUsageDedupe } from "../../src";
import { propertyParameters, propertyTimeoutMs } from "../support/settings";
import { claudeCodeLine } from "./support";

interface Message {
  readonly id: string;
  readonly requestId: string | null;
  readonly model: "MiniMax-M2.7" | "claude-sonnet-4-5";
  readonly input: number;
  readonly output: number;
  readonly atMs: number;
  /** Partial output counts of the earlier streamed copies (each below the final one). */
  readonly partials: readonly number[];
  /** Extra full copies (subagent file, resumed session). */
  readonly copies: number;
}

const messagesArb = fc
  .uniqueArray(
    fc.record({
      id: fc.stringMatching(/^msg_[a-z0-9]{1,6}$/),
      requestId: fc.option(fc.stringMatching(/^req_[a-z0-9]{1,6}$/), { nil: null }),
      model: fc.constantFrom("MiniMax-M2.7" as const, "claude-sonnet-4-5" as const),
      input: fc.nat({ max: 50_000 }),
      output: fc.integer({ min: 2, max: 8_000 }),
      atMs: fc.integer({ min: Date.parse("2026-06-01T00:00:00Z"), max: Date.parse("2026-06-30T00:00:00Z") }),
      fractions: fc.array(fc.double({ min: 0, max: 0.99, noNaN: true }), { maxLength: 3 }),
      copies: fc.nat({ max: 2 }),
    }),
    { selector: (m) => m.id, maxLength: 12 },
  )
  .map((ms) =>
    ms.map(
      ({ fractions, ...m }): Message => ({ ...m, partials: fractions.map((f) => Math.floor(f * m.output)) }),
    ),
  );

function linesOf(m: Message): string[] {
  const line = (output: number, delayMs: number) =>
    claudeCodeLine({
      messageId: m.id,
      ...(m.requestId === null ? {} : { requestId: m.requestId }),
      model: m.model,
      timestamp: new Date(m.atMs + delayMs).toISOString(),
      usage: { input_tokens: m.input, output_tokens: output },
    });
  // Streamed copies come first and earlier; the final copy and its duplicates carry the full count.
  return [
    ...m.partials.map((p, k) => line(p, k)),
    ...Array.from({ length: 1 + m.copies }, () => line(m.output, 10)),
  ];
}

describe("the Claude Code reader counts each message once with its final usage", () => {
  it(
    "across files and in any order of lines",
    () => {
      fc.assert(
        fc.property(
          messagesArb.chain((messages) =>
            fc.record({
              messages: fc.constant(messages),
              // Each line goes to one of three files; files and lines within them are shuffled.
              placed: fc.shuffledSubarray(
                messages.flatMap((m) => linesOf(m)),
                { minLength: messages.flatMap((m) => linesOf(m)).length },
              ),
            }),
          ),
          ({ messages, placed }) => {
            const read = claudeCodeReader();
            const dedupe = createUsageDedupe();
            for (const line of placed) dedupe.add(read(line));
            const { events, notBilled, duplicates } = dedupe.finish();
            const billed = messages.filter((m) => m.model === "MiniMax-M2.7");
            const key = (m: Message) => (m.requestId === null ? m.id : `${m.id}:${m.requestId}`);
            expect(events.map((e) => [e.id, e.measures.outputTokens, e.at]).sort()).toEqual(
              billed.map((m) => [key(m), m.output, m.atMs + 10]).sort(),
            );
            const unbilled = messages.length - billed.length;
            expect(notBilled).toEqual(unbilled === 0 ? {} : { "claude-sonnet-4-5": unbilled });
            expect(duplicates).toBe(placed.length - messages.length);
          },
        ),
        propertyParameters(),
      );
    },
    propertyTimeoutMs,
  );
});
