/**
 * Writes the example usage logs in this folder, deterministically (one seeded PRNG per
 * log, never Math.random): `npx tsx examples/logs/generate.ts`. See README.md beside it
 * for what each log is. Run by CI like every example: it regenerates the files in memory
 * and checks they equal the committed ones (`--write` writes them instead).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
/** Monday 2026-06-01 00:00 UTC: the first day of every log. */
const june1 = Date.UTC(2026, 5, 1);

/** mulberry32 (public domain): a tiny seeded PRNG, uniform on [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], skewed toward min by `power` (1 = uniform). */
function between(rand: () => number, min: number, max: number, power = 1): number {
  return min + Math.floor(rand() ** power * (max - min + 1));
}

const iso = (ms: number): string => new Date(ms).toISOString();
const weekday = (ms: number): number => (new Date(ms).getUTCDay() + 6) % 7; // 0 = Monday

/** A light hobbyist: evenings and weekends, a few requests at a time, for four weeks (own JSONL). */
function hobbyist(): string {
  const rand = prng(101);
  const lines: string[] = [];
  let n = 0;
  for (let d = 0; d < 28; d++) {
    const dayStart = june1 + d * day;
    const weekend = weekday(dayStart) >= 5;
    if (rand() > (weekend ? 0.8 : 0.45)) continue;
    let t =
      dayStart +
      (weekend ? between(rand, 10, 16) : between(rand, 19, 21)) * hour +
      between(rand, 0, 59) * minute;
    const requests = between(rand, 4, 14);
    for (let k = 0; k < requests; k++) {
      t += between(rand, 1, 9) * minute + between(rand, 0, 59) * 1000;
      const image = rand() < 0.08;
      const event = image
        ? {
            type: "usage",
            id: `hobby-${++n}`,
            at: iso(t),
            resource: "image-01",
            measures: { images: between(rand, 1, 4) },
          }
        : {
            type: "usage",
            id: `hobby-${++n}`,
            at: iso(t),
            resource: "MiniMax-M2.7",
            measures: {
              inputTokens: between(rand, 800, 6_000, 2),
              outputTokens: between(rand, 150, 2_500, 2),
              cacheReadTokens: between(rand, 0, 30_000, 2),
            },
          };
      lines.push(JSON.stringify(event));
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A daily coder: weekdays 09:00–18:00 UTC for four weeks, steady agent turns on MiniMax-M3
 * with cache reads, and a long push now and then that fills a Plus 5-hour block (own CSV).
 */
function dailyCoder(): string {
  const rand = prng(202);
  const rows = ["id,at,resource,inputTokens,outputTokens,cacheReadTokens"];
  let n = 0;
  for (let d = 0; d < 28; d++) {
    const dayStart = june1 + d * day;
    if (weekday(dayStart) >= 5) continue;
    const push = rand() < 0.35; // a heavy afternoon, until 19:30
    let t = dayStart + 9 * hour + between(rand, 0, 40) * minute;
    const end = dayStart + (push ? 19.5 : 18) * hour;
    while (t < end) {
      const heavy = push && t >= dayStart + 15 * hour;
      t += (heavy ? between(rand, 2, 5) : between(rand, 6, 14)) * minute;
      if (t >= end) break;
      const input = heavy ? between(rand, 60_000, 150_000) : between(rand, 10_000, 60_000, 2);
      const output = heavy ? between(rand, 15_000, 35_000) : between(rand, 1_000, 6_000, 2);
      const cache = heavy ? between(rand, 300_000, 600_000) : between(rand, 40_000, 200_000, 2);
      rows.push(`coder-${++n},${iso(t)},MiniMax-M3,${input},${output},${cache}`);
    }
  }
  return `${rows.join("\n")}\n`;
}

/**
 * A heavy agent user: long-context agent runs from 07:00 to 23:00 every weekday and
 * 10:00–15:00 at the weekend, for one week, logged by an OpenAI-compatible proxy
 * (`created` in epoch seconds, cached tokens inside the prompt tokens). Over 512,000 new
 * input tokens a MiniMax-M3 request is priced at the long-context rates.
 */
function heavyAgent(): string {
  const rand = prng(303);
  const lines: string[] = [];
  let n = 0;
  for (let d = 0; d < 7; d++) {
    const dayStart = june1 + d * day;
    const weekend = weekday(dayStart) >= 5;
    let t = dayStart + (weekend ? 10 : 7) * hour + between(rand, 0, 30) * minute;
    const end = dayStart + (weekend ? 15 : 23) * hour;
    while (t < end) {
      t += between(rand, 5, 14) * minute;
      if (t >= end) break;
      const cached = between(rand, 0, 200_000);
      const prompt = cached + between(rand, 520_000, 820_000);
      lines.push(
        JSON.stringify({
          id: `chatcmpl-${(++n).toString(36).padStart(5, "0")}`,
          object: "chat.completion",
          created: Math.floor(t / 1000),
          model: "MiniMax-M3",
          usage: {
            prompt_tokens: prompt,
            completion_tokens: between(rand, 6_000, 30_000),
            prompt_tokens_details: { cached_tokens: cached },
          },
        }),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

interface ClaudeMessage {
  readonly session: string;
  readonly sidechain: boolean;
  readonly model: string;
  readonly at: number;
  readonly id: string;
  readonly request: string;
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
}

/**
 * A small Claude Code projects folder (Claude Code pointed at the provider's
 * Anthropic-compatible endpoint): two sessions of one project, a subagent file, and a
 * resumed session that repeats the end of the first. Streaming writes each assistant
 * message two or three times, the early copies with a partial `output_tokens`. A few
 * turns ran on claude-sonnet-4-5 (not priced by the catalog), one is `<synthetic>`.
 */
function claudeCode(): Record<string, string> {
  const rand = prng(404);
  const hex = (length: number) => Array.from({ length }, () => Math.floor(rand() * 16).toString(16)).join("");
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const first = uuid();
  const second = uuid();
  const resumed = uuid();
  const cwd = "/home/dev/webapp";
  const entry = (session: string, sidechain: boolean, fields: Record<string, unknown>) =>
    JSON.stringify({
      parentUuid: uuid(),
      isSidechain: sidechain,
      userType: "external",
      cwd,
      sessionId: session,
      version: "2.0.14",
      gitBranch: "main",
      ...fields,
      uuid: uuid(),
    });
  const user = (session: string, at: number, text: string, sidechain = false) =>
    entry(session, sidechain, { type: "user", message: { role: "user", content: text }, timestamp: iso(at) });
  const assistant = (m: ClaudeMessage, output: number, delayMs: number) =>
    entry(m.session, m.sidechain, {
      type: "assistant",
      message: {
        id: m.id,
        type: "message",
        role: "assistant",
        model: m.model,
        content: [{ type: "text", text: output === m.output ? "Done: the tests pass." : "Working on it" }],
        stop_reason: output === m.output ? "end_turn" : null,
        stop_sequence: null,
        usage: {
          input_tokens: m.input,
          cache_creation_input_tokens: m.cacheWrite,
          cache_read_input_tokens: m.cacheRead,
          output_tokens: output,
          service_tier: "standard",
        },
      },
      requestId: m.request,
      timestamp: iso(m.at + delayMs),
    });
  /** A message's lines: one or two streamed partial copies, then the final one. */
  const streamed = (m: ClaudeMessage): string[] => {
    const copies = between(rand, 1, 2);
    const partials = Array.from({ length: copies }, (_, k) =>
      assistant(m, Math.max(1, Math.floor(m.output * (k + 1) * 0.2)), k * 800),
    );
    return [...partials, assistant(m, m.output, copies * 800 + between(rand, 500, 4000))];
  };
  const message = (
    session: string,
    at: number,
    sidechain: boolean,
    model = "MiniMax-M2.7",
  ): ClaudeMessage => ({
    session,
    sidechain,
    model,
    at,
    id: `msg_${hex(24)}`,
    request: `req_${hex(24)}`,
    input: between(rand, 3, 40),
    output: between(rand, 200, 3_500, 2),
    cacheRead: between(rand, 8_000, 90_000),
    cacheWrite: between(rand, 0, 6_000, 3),
  });

  const sessionLines = (session: string, startMs: number, turns: number, sonnetEvery: number) => {
    const lines: string[] = [];
    const messages: ClaudeMessage[] = [];
    let t = startMs;
    for (let k = 0; k < turns; k++) {
      t += between(rand, 1, 6) * minute;
      lines.push(user(session, t, k === 0 ? "Add a dark mode toggle to the settings page" : "Go on"));
      const m = message(
        session,
        t + 2000,
        false,
        k % sonnetEvery === sonnetEvery - 1 ? "claude-sonnet-4-5" : "MiniMax-M2.7",
      );
      messages.push(m);
      lines.push(...streamed(m));
    }
    return { lines, messages, endMs: t };
  };

  const one = sessionLines(first, june1 + 2 * day + 9 * hour, 18, 7);
  // A synthetic placeholder Claude Code writes after an interrupted request: never billed.
  one.lines.push(
    entry(first, false, {
      type: "assistant",
      message: {
        id: `msg_${hex(24)}`,
        type: "message",
        role: "assistant",
        model: "<synthetic>",
        content: [{ type: "text", text: "No response requested." }],
        usage: {
          input_tokens: 0,
          output_tokens: 0,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
      timestamp: iso(one.endMs + minute),
      isApiErrorMessage: false,
    }),
  );
  one.lines.push(
    JSON.stringify({ type: "summary", summary: "Dark mode toggle in settings", leafUuid: uuid() }),
  );

  // A subagent the first session started: its own file, and its messages also echoed in the session.
  const agent: string[] = [];
  const agentMessages: ClaudeMessage[] = [];
  let ta = june1 + 2 * day + 9 * hour + 20 * minute;
  agent.push(user(first, ta, "Search the codebase for theme variables", true));
  for (let k = 0; k < 6; k++) {
    ta += between(rand, 1, 3) * minute;
    const m = message(first, ta, true);
    agentMessages.push(m);
    agent.push(...streamed(m));
  }
  const echoed = agentMessages.slice(0, 2).map((m) => assistant(m, m.output, 5000));
  one.lines.splice(12, 0, ...echoed);

  const two = sessionLines(second, june1 + 3 * day + 14 * hour, 14, 5);
  // The first session resumed the next morning: Claude Code copies its last messages into the new file.
  const again = sessionLines(resumed, june1 + 3 * day + 8 * hour, 6, 100);
  const carried = one.messages.slice(-3).map((m) => assistant(m, m.output, 3000));
  const projectDir = "claude-code/projects/-home-dev-webapp";
  return {
    [`${projectDir}/${first}.jsonl`]: `${one.lines.join("\n")}\n`,
    [`${projectDir}/${first}/subagents/agent-${hex(8)}.jsonl`]: `${agent.join("\n")}\n`,
    [`${projectDir}/${second}.jsonl`]: `${two.lines.join("\n")}\n`,
    [`${projectDir}/${resumed}.jsonl`]: `${[...carried, ...again.lines].join("\n")}\n`,
  };
}

const files: Record<string, string> = {
  "hobbyist.jsonl": hobbyist(),
  "daily-coder.csv": dailyCoder(),
  "heavy-agent.jsonl": heavyAgent(),
  ...claudeCode(),
};

const write = process.argv.includes("--write");
const stale: string[] = [];
for (const [name, text] of Object.entries(files)) {
  const target = path.join(here, name);
  if (write) {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    continue;
  }
  let committed = "";
  try {
    committed = readFileSync(target, "utf8");
  } catch {
    // missing: stale
  }
  if (committed !== text) stale.push(name);
}
if (stale.length > 0) {
  console.error(
    `examples/logs: out of date, run npx tsx examples/logs/generate.ts --write: ${stale.join(", ")}`,
  );
  process.exit(1);
}
const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
console.log(
  `${write ? "wrote" : "checked"} ${Object.keys(files).length} logs, ${Math.round(bytes / 1024)} KB`,
);
