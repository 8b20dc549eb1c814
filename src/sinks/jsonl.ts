/**
 * A JSON Lines file written atomically: lines go to `<name>.partial` and the file takes its real
 * name only when the run commits, so a killed run never leaves a half-written output behind.
 * Writes are buffered and flushed with synchronous writes, so that after `flush()` the byte count is
 * exactly what the file holds: a checkpoint can record it, and a resumed run can cut the file back
 * to it.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, truncateSync, writeSync } from "node:fs";

const FLUSH_AT = 1 << 20;

export class JsonlSink {
  readonly path: string;
  private readonly partial: string;
  private fd: number | null;
  /** Lines are encoded straight into this buffer, and it is written when full. */
  private readonly buffer = Buffer.allocUnsafe(FLUSH_AT);
  private buffered = 0;
  /** Bytes in the file once flushed. */
  bytes: number;
  count = 0;

  /** Opens `<path>.partial`: fresh, or (resuming) cut back to `resumeAt` bytes and appended to. */
  constructor(path: string, resumeAt: number | null = null) {
    this.path = path;
    this.partial = `${path}.partial`;
    if (resumeAt === null) {
      this.fd = openSync(this.partial, "w");
      this.bytes = 0;
    } else {
      truncateSync(this.partial, resumeAt);
      this.fd = openSync(this.partial, "a");
      this.bytes = resumeAt;
    }
  }

  write(record: unknown): void {
    this.writeLine(JSON.stringify(record));
  }

  /** Writes one line already serialised (it must hold no newline). */
  writeLine(line: string): void {
    this.count++;
    // a UTF-16 code unit takes at most 3 bytes in UTF-8
    const most = 3 * line.length + 1;
    if (this.buffered + most > FLUSH_AT) this.flush();
    if (most > FLUSH_AT) {
      this.writeOut(Buffer.from(`${line}\n`, "utf8"));
      return;
    }
    this.buffered += this.buffer.write(line, this.buffered, "utf8");
    this.buffer[this.buffered++] = 10;
  }

  /** Hands everything written so far to the operating system. */
  flush(): void {
    if (this.buffered === 0 || this.fd === null) return;
    this.writeOut(this.buffer.subarray(0, this.buffered));
    this.buffered = 0;
  }

  private writeOut(data: Buffer): void {
    if (this.fd === null) return;
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off);
    this.bytes += data.length;
  }

  /** Flushes, syncs and gives the file its final name. */
  commit(): void {
    this.flush();
    if (this.fd !== null) {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = null;
    }
    renameSync(this.partial, this.path);
  }

  /** Closes without committing (the partial file stays for a resume, or is removed). */
  close(remove = false): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    if (remove) rmSync(this.partial, { force: true });
  }
}
