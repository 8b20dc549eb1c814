/**
 * The spill a pass after the first writes for the next: the drafts that live on, in order, each as
 * its spill line. Most passes hand most drafts on as the very bytes they read (nothing to apply,
 * features kept from before), and a pass that hands on every one would copy a file of hundreds of
 * megabytes line by line into a file just like it. So nothing is written while every draft so far
 * went through as it came: the file is then the input itself (a second name for it), or, from the
 * first draft that does not, the input's lines so far copied at once by the system and the rest
 * written as usual.
 */
import { copyFileSync, linkSync, rmSync, statSync } from "node:fs";
import { JsonlSink } from "./jsonl.ts";

export class PassSpill {
  private sink: JsonlSink | null = null;
  /** Bytes of the input (whole lines) handed on before the sink was opened. */
  private prefix = 0;

  /**
   * `input`: the spill this pass reads, whose lines are each followed by one newline (as JsonlSink
   * writes them); `path`: the spill to write.
   */
  constructor(
    private readonly input: string,
    readonly path: string,
  ) {}

  /** A draft handed on as the bytes of its line in the input, which is read in order. */
  handOn(line: Uint8Array): void {
    if (this.sink) this.sink.writeLine(line);
    else this.prefix += line.length + 1;
  }

  /** A draft that lives on with a line of its own (changed by the pass). */
  write(line: string | Uint8Array): void {
    this.open().writeLine(line);
  }

  /** A draft that leaves the run here: the spill is no longer the input as it stands. */
  skip(): void {
    this.open();
  }

  private open(): JsonlSink {
    if (this.sink) return this.sink;
    if (this.prefix === 0) {
      this.sink = new JsonlSink(this.path);
    } else {
      // the input's lines so far, copied by the system (no pass through this process), then cut
      copyFileSync(this.input, `${this.path}.partial`);
      this.sink = new JsonlSink(this.path, this.prefix);
    }
    return this.sink;
  }

  /** Gives the spill its name (not synced: a temporary file). */
  commit(): void {
    if (!this.sink && this.prefix === statSync(this.input).size) {
      // every line handed on: the spill is the input; a second name, or a copy where links fail
      rmSync(this.path, { force: true });
      try {
        linkSync(this.input, this.path);
      } catch {
        copyFileSync(this.input, this.path);
      }
      return;
    }
    this.open().commit(false);
  }

  /** Closes without committing (the run failed): the partial file is removed. */
  close(): void {
    this.sink?.close(true);
  }
}
