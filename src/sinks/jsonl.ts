/**
 * A JSON Lines file written atomically (see partial-file.ts): lines are encoded into one buffer that
 * is written when full, so that after `flush()` the byte count is exactly what the file holds.
 */
import { PartialFile } from "./partial-file.ts";

const FLUSH_AT = 1 << 20;
const NEWLINE = Buffer.from("\n");

export class JsonlSink extends PartialFile {
  /** Lines are encoded straight into this buffer, and it is written when full. */
  private readonly buffer = Buffer.allocUnsafe(FLUSH_AT);
  private buffered = 0;
  count = 0;

  write(record: unknown): void {
    this.writeLine(JSON.stringify(record));
  }

  /** Writes one line already serialised, as text or UTF-8 bytes (it must hold no newline). */
  writeLine(line: string | Uint8Array): void {
    if (typeof line !== "string") {
      this.writeBytes(line);
      return;
    }
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

  private writeBytes(line: Uint8Array): void {
    this.count++;
    if (this.buffered + line.length + 1 > FLUSH_AT) this.flush();
    if (line.length + 1 > FLUSH_AT) {
      this.writeOut(Buffer.concat([line, NEWLINE]));
      return;
    }
    this.buffer.set(line, this.buffered);
    this.buffered += line.length;
    this.buffer[this.buffered++] = 10;
  }

  /** Hands everything written so far to the operating system. */
  flush(): void {
    if (this.buffered === 0) return;
    this.writeOut(this.buffer.subarray(0, this.buffered));
    this.buffered = 0;
  }
}
