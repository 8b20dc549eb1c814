/**
 * Splitting a byte stream into lines on `\n` without reading it whole, by hand rather than with
 * readline (it is faster, and a line's bytes can be checked before they become a string). A line
 * longer than the cap is never assembled: its bytes are counted and dropped until its end.
 */

export type SplitLine =
  /** The bytes of one line, without its `\n` (a trailing `\r` is left for the caller to trim). */
  | { kind: "line"; bytes: Buffer; lineNo: number }
  /** A line over the cap, dropped; `length` counts its bytes. */
  | { kind: "too-long"; lineNo: number; length: number };

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private skipping = false;
  /** 0-based number of the line being assembled, counting every line of the stream. */
  private lineNo = 0;

  constructor(private readonly maxLine: number) {}

  /** Feeds a chunk; calls `emit` for each line the chunk completes. */
  push(chunk: Buffer, emit: (line: SplitLine) => void): void {
    let start = 0;
    while (start <= chunk.length) {
      const newline = chunk.indexOf(10, start);
      if (newline < 0) {
        this.hold(chunk.subarray(start));
        return;
      }
      this.finish(chunk.subarray(start, newline), emit);
      start = newline + 1;
    }
  }

  /** Ends the stream: emits the last line when it had no `\n` after it. */
  end(emit: (line: SplitLine) => void): void {
    if (this.pendingLength > 0 || this.skipping) this.finish(Buffer.alloc(0), emit);
  }

  /**
   * Drops the line being assembled, whose bytes were cut off by damage in the stream; returns
   * whether there was one (it then counts as a line, so later line numbers stay as they were).
   */
  cut(): boolean {
    const had = this.pendingLength > 0 || this.skipping;
    if (had) this.lineNo++;
    this.pending = [];
    this.pendingLength = 0;
    this.skipping = false;
    return had;
  }

  /** Bytes held of a line not yet ended (to tell whether a cut stream broke a line). */
  get partial(): number {
    return this.pendingLength;
  }

  private hold(piece: Buffer): void {
    if (piece.length === 0) return;
    this.pendingLength += piece.length;
    if (this.skipping) return;
    if (this.pendingLength > this.maxLine) {
      this.skipping = true;
      this.pending = [];
      return;
    }
    this.pending.push(piece);
  }

  private finish(last: Buffer, emit: (line: SplitLine) => void): void {
    const length = this.pendingLength + last.length;
    const lineNo = this.lineNo++;
    if (this.skipping || length > this.maxLine) {
      emit({ kind: "too-long", lineNo, length });
    } else if (this.pending.length === 0) {
      emit({ kind: "line", bytes: last, lineNo });
    } else {
      this.pending.push(last);
      emit({ kind: "line", bytes: Buffer.concat(this.pending, length), lineNo });
    }
    this.pending = [];
    this.pendingLength = 0;
    this.skipping = false;
  }
}
