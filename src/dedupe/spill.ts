/**
 * An append-only file of 32-bit values, for what a stage needs again only once or only in part:
 * written in large buffered appends, read back by position (or streamed from the start).
 *
 * The file is created on the first append and unlinked at once where the system allows it, so that
 * it lives exactly as long as its descriptor: a run that is killed leaves nothing behind. Where an
 * open file cannot be unlinked, it is deleted on `close`.
 */
import { closeSync, mkdirSync, openSync, readSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

const BUFFER_VALUES = 1 << 20;
let opened = 0;

function bytesOf(values: Uint32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

export class SpillFile {
  private readonly dir: string;
  private readonly name: string;
  private fd: number | null = null;
  /** The path while the file still has one (when it could not be unlinked at open). */
  private path: string | null = null;
  private buffer: Uint32Array | null = null;
  private buffered = 0;
  private flushed = 0;
  private closed = false;
  private readonly bufferValues: number;

  /** `bufferValues`: how many values are buffered before a write (4 MB of them unless told). */
  constructor(dir: string, name: string, bufferValues = BUFFER_VALUES) {
    this.dir = dir;
    this.name = name;
    this.bufferValues = Math.max(1, bufferValues);
  }

  /** Values appended so far. */
  get length(): number {
    return this.flushed + this.buffered;
  }

  /** Bytes on disk once flushed. */
  get bytes(): number {
    return this.length * 4;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error(`spill file ${this.name} is already closed`);
  }

  private open(): number {
    this.checkOpen();
    if (this.fd !== null) return this.fd;
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, `${this.name}-${process.pid}-${Date.now().toString(36)}-${opened++}.spill`);
    this.fd = openSync(path, "wx+");
    try {
      unlinkSync(path);
    } catch {
      this.path = path;
    }
    return this.fd;
  }

  /** Appends `values`; returns the position of the first one (in values). */
  append(values: Uint32Array): number {
    this.checkOpen();
    const at = this.length;
    this.buffer ??= new Uint32Array(this.bufferValues);
    if (this.buffered + values.length > this.buffer.length) this.flush();
    if (values.length > this.buffer.length) {
      this.writeAll(bytesOf(values));
      this.flushed += values.length;
    } else {
      this.buffer.set(values, this.buffered);
      this.buffered += values.length;
    }
    return at;
  }

  /** Appends one value. */
  push(value: number): void {
    this.checkOpen();
    this.buffer ??= new Uint32Array(this.bufferValues);
    if (this.buffered === this.buffer.length) this.flush();
    this.buffer[this.buffered++] = value;
  }

  /** Writes what is buffered. Reads see only flushed values. */
  flush(): void {
    if (this.buffered === 0 || !this.buffer) return;
    this.writeAll(bytesOf(this.buffer.subarray(0, this.buffered)));
    this.flushed += this.buffered;
    this.buffered = 0;
  }

  private writeAll(bytes: Uint8Array): void {
    const fd = this.open();
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, this.flushed * 4 + done);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot write the ${this.name} spill file in ${this.dir} (${reason}): it needs about 2 KB a 500-word article; free space there`);
    }
  }

  /** Reads `into.length` values from position `at` (in values) into `into`. */
  read(at: number, into: Uint32Array): void {
    if (into.length === 0) return;
    if (at + into.length > this.flushed) throw new Error(`spill file ${this.name}: read past the flushed end (flush first)`);
    const fd = this.open();
    const bytes = bytesOf(into);
    let done = 0;
    while (done < bytes.length) {
      const got = readSync(fd, bytes, done, bytes.length - done, at * 4 + done);
      if (got === 0) throw new Error(`spill file ${this.name}: unexpected end of file`);
      done += got;
    }
  }

  /** Calls `visit` with the file's values from the start, in chunks (each a view valid during the call). */
  scan(visit: (chunk: Uint32Array) => void, chunkValues = BUFFER_VALUES): void {
    this.flush();
    const chunk = new Uint32Array(Math.max(1, Math.min(chunkValues, this.flushed)));
    for (let at = 0; at < this.flushed; at += chunk.length) {
      const view = chunk.subarray(0, Math.min(chunk.length, this.flushed - at));
      this.read(at, view);
      visit(view);
    }
  }

  /** Closes and removes the file; further appends fail. */
  close(): void {
    this.closed = true;
    this.buffer = null;
    this.buffered = 0;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.path) rmSync(this.path, { force: true });
    this.path = null;
  }
}
