/**
 * The README's TypeScript code blocks, as a test reads them: every ```ts fence, in order,
 * with the line it starts on and whether an explicit `<!-- not-run: reason -->` comment
 * (just before the fence, blank lines allowed between) opts it out of being run.
 */

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** The reason given by a `<!-- not-run: reason -->` comment, or null: the block is run. */
  readonly notRun: string | null;
}

const notRunMarker = /^<!--\s*not-run:\s*(.+?)\s*-->$/;

/** Every ```ts (or ```typescript) block of a Markdown text. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript)\s*$/.exec(lines[i] ?? "");
    if (open === null) {
      if (/^```/.test(lines[i] ?? "")) i = closingFence(lines, i); // skip other languages' blocks whole
      continue;
    }
    const close = closingFence(lines, i);
    let before = i - 1;
    while (before >= 0 && (lines[before] ?? "").trim() === "") before--;
    const marker = notRunMarker.exec((lines[before] ?? "").trim());
    blocks.push({
      line: i + 1,
      code: `${lines.slice(i + 1, close).join("\n")}\n`,
      notRun: marker?.[1] ?? null,
    });
    i = close;
  }
  return blocks;
}

function closingFence(lines: readonly string[], open: number): number {
  for (let j = open + 1; j < lines.length; j++) if (/^```\s*$/.test(lines[j] ?? "")) return j;
  throw new Error(`README: the code block opened at line ${open + 1} is never closed`);
}
