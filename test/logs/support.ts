/** Builders for log lines, as the tools write them. */

/** One Claude Code `assistant` entry carrying usage. */
export function claudeCodeLine(options: {
  readonly messageId?: string;
  readonly requestId?: string;
  readonly timestamp?: unknown;
  readonly model?: unknown;
  readonly usage?: Readonly<Record<string, unknown>>;
  readonly uuid?: string;
}): string {
  const message: Record<string, unknown> = {
    id: options.messageId,
    type: "message",
    role: "assistant",
    model: options.model ?? "MiniMax-M2.7",
    content: [{ type: "text", text: "Done." }],
    usage: options.usage ?? { input_tokens: 1200, output_tokens: 300 },
  };
  return JSON.stringify({
    parentUuid: "p-1",
    isSidechain: false,
    userType: "external",
    cwd: "/home/dev/app",
    sessionId: "s-1",
    version: "2.0.14",
    type: "assistant",
    message,
    requestId: options.requestId,
    uuid: options.uuid ?? "u-1",
    timestamp: options.timestamp ?? "2026-06-04T09:30:00.000Z",
  });
}

/** One OpenAI-compatible chat completion record. */
export function openAiLine(options: {
  readonly id?: string;
  readonly created?: unknown;
  readonly model?: unknown;
  readonly prompt?: unknown;
  readonly completion?: unknown;
  readonly cached?: unknown;
}): string {
  return JSON.stringify({
    id: options.id ?? "chatcmpl-1",
    object: "chat.completion",
    created: options.created ?? 1_780_565_400,
    model: "model" in options ? options.model : "MiniMax-M3",
    usage: {
      prompt_tokens: options.prompt ?? 1500,
      completion_tokens: options.completion ?? 200,
      total_tokens: 1700,
      prompt_tokens_details: { cached_tokens: options.cached ?? 1000 },
    },
  });
}
