/**
 * Progress on stderr, only on a terminal (never in a pipe, never on stdout): the file
 * being read and its line count, redrawn at most five times a second.
 */
import type { CliIo } from "./io";

const drawEveryMs = 200;
/** Lines between clock reads: reading the clock per line would cost more than the line. */
const checkEveryLines = 4096;

export class Progress {
  private lastDrawMs = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(private readonly io: CliIo) {}

  /** Called per line read. */
  tick(file: string, line: number): void {
    if (!this.io.stderrIsTTY || line % checkEveryLines !== 0) return;
    const now = this.io.nowMs();
    if (now - this.lastDrawMs < drawEveryMs) return;
    this.lastDrawMs = now;
    this.drawn = true;
    this.io.stderr(`\r\x1b[Kreading ${file}: ${line.toLocaleString("en-US")} lines`);
  }

  /** A message of its own, such as "replaying 4 plans…" (terminal only). */
  note(text: string): void {
    if (!this.io.stderrIsTTY) return;
    this.drawn = true;
    this.io.stderr(`\r\x1b[K${text}`);
  }

  /** Clears the progress line. */
  done(): void {
    if (this.drawn) this.io.stderr("\r\x1b[K");
    this.drawn = false;
  }
}
