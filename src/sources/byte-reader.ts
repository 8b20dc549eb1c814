/**
 * A pull reader over a stream of byte chunks, for formats framed by header lines and byte counts
 * (WARC). It keeps only the unread rest of the current chunk; `take` can skip a large block without
 * holding it. Errors from the underlying stream (a `SourceFailure`) pass through unchanged.
 *
 * A zero-length chunk marks a cut: the bytes before and after it do not belong together (damage was
 * skipped there). The unread bytes before it are dropped, the operation under way ends as if the
 * stream had ended, and `takeCut()` says so; reading then goes on with the bytes after the cut.
 */

export class ByteReader {
  private buffer: Buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;
  private cut = false;
  /** Bytes consumed so far, for messages that say where a problem is. */
  offset = 0;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private get available(): number {
    return this.buffer.length - this.pos;
  }

  /** Pulls one more chunk into the buffer; false at the end of the stream. */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    if (next.value.length === 0) {
      this.cut = true;
      this.buffer = Buffer.alloc(0);
      this.pos = 0;
      return false;
    }
    this.buffer = this.available > 0 ? Buffer.concat([this.buffer.subarray(this.pos), next.value]) : next.value;
    this.pos = 0;
    return true;
  }

  /** Whether a cut was met since the last call (and forgets it). */
  takeCut(): boolean {
    const cut = this.cut;
    this.cut = false;
    return cut;
  }

  /** True when nothing is left to read (or a cut was met: see `takeCut`). */
  async atEnd(): Promise<boolean> {
    while (this.available === 0) {
      if (!(await this.more())) return true;
    }
    return false;
  }

  /**
   * Reads one line, without its `\r\n` or `\n`. Returns null at the end of the stream, and "too-long"
   * (having consumed nothing) when no line end comes within `max` bytes.
   */
  async readLine(max: number): Promise<Buffer | null | "too-long"> {
    let from = this.pos;
    for (;;) {
      const newline = this.buffer.indexOf(10, from);
      if (newline >= 0 && newline - this.pos <= max) {
        let end = newline;
        if (end > this.pos && this.buffer[end - 1] === 13) end--;
        const line = this.buffer.subarray(this.pos, end);
        this.consume(newline + 1 - this.pos);
        return line;
      }
      if (newline >= 0 || this.available > max) return "too-long";
      from = this.buffer.length;
      const start = this.pos;
      if (!(await this.more())) {
        if (this.available === 0) return null;
        const line = this.buffer.subarray(this.pos);
        this.consume(this.available);
        return line;
      }
      from -= start; // the buffer was rebased to the unread rest
    }
  }

  /**
   * Consumes `length` bytes, returning them when `keep` is true (else they are dropped as they pass).
   * `got` is less than `length` when the stream ended first.
   */
  async take(length: number, keep: boolean): Promise<{ data: Buffer | null; got: number }> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < length) {
      if (this.available === 0 && !(await this.more())) break;
      const n = Math.min(length - got, this.available);
      if (keep) parts.push(this.buffer.subarray(this.pos, this.pos + n));
      this.consume(n);
      got += n;
    }
    const data = keep ? (parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, got)) : null;
    return { data, got };
  }

  /** Skips line ends (`\r`, `\n`); returns how many bytes it skipped. */
  async skipLineEnds(): Promise<number> {
    let skipped = 0;
    for (;;) {
      while (this.available > 0) {
        const byte = this.buffer[this.pos];
        if (byte !== 10 && byte !== 13) return skipped;
        this.consume(1);
        skipped++;
      }
      if (!(await this.more())) return skipped;
    }
  }

  /** Whether the unread bytes start with `prefix` (reads ahead as needed, consumes nothing). */
  async startsWith(prefix: Buffer): Promise<boolean> {
    while (this.available < prefix.length) {
      if (!(await this.more())) return false;
    }
    return this.buffer.compare(prefix, 0, prefix.length, this.pos, this.pos + prefix.length) === 0;
  }

  /**
   * Skips ahead to the next occurrence of `marker` at the start of a line (or right here), leaving
   * it unread.
   * Returns false (having consumed everything) when there is none.
   */
  async seekLineStarting(marker: Buffer): Promise<boolean> {
    if (await this.startsWith(marker)) return true;
    const needle = Buffer.concat([Buffer.from("\n"), marker]);
    for (;;) {
      const found = this.buffer.indexOf(needle, this.pos);
      if (found >= 0) {
        this.consume(found + 1 - this.pos);
        return true;
      }
      // Keep a tail that may hold the start of a marker cut by the chunk boundary.
      const keep = Math.min(this.available, needle.length - 1);
      this.consume(this.available - keep);
      if (!(await this.more())) {
        this.consume(this.available);
        // Right after a cut is as good a place to start again as a marker.
        return this.cut;
      }
    }
  }

  private consume(n: number): void {
    this.pos += n;
    this.offset += n;
  }
}
