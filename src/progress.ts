/**
 * A one-line progress display for terminals: redrawn in place at most a few times a second.
 */
import type { WriteStream } from "node:tty";
import type { RunProgress } from "./run.ts";

export class ProgressLine {
  private last = 0;
  private readonly started = Date.now();
  private shown = false;

  constructor(private readonly out: WriteStream) {}

  update(p: RunProgress): void {
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const secs = (now - this.started) / 1000;
    const rate = secs > 0 ? Math.round(p.done / secs) : 0;
    const line = `pass ${p.pass}/${p.passes}  read ${p.read}  done ${p.done}  ${rate}/s  ${secs.toFixed(0)} s`;
    this.out.write(`\r${line.padEnd(Math.min(this.out.columns ?? 80, 100) - 1)}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.out.write("\r\u001b[2K");
  }
}
