/**
 * Features kept beside a spill file: one record per spill line, in the same order, holding what the
 * pass that wrote the line already knows of the draft's future: its features for the corpus stage
 * that observed it (when that stage's decide wants them) and for the corpus stages ahead.
 *
 * A record is its parts' count, then each part behind its byte length (0: nothing kept); a part is
 * features as features-codec.ts writes them (typed arrays stay compact). Parts stay encoded until a
 * pass needs them, so that handing the rest on to the next pass is a copy of bytes.
 * The file is written as `<path>.partial` and takes its name when the pass is done, so a reader
 * never sees half of one.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { decodeFeatures, encodeFeatures } from "./features-codec.ts";
import { PartialFile } from "./sinks/partial-file.ts";

/** Features as bytes, read back only where needed. */
export class Serialized {
  constructor(readonly bytes: Buffer) {}
  /** Bytes that came from another thread (a plain Uint8Array after the crossing). */
  static fromBytes(bytes: Uint8Array): Serialized {
    return new Serialized(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  static of(value: unknown): Serialized | null {
    return value == null ? null : value instanceof Serialized ? value : new Serialized(encodeFeatures(value));
  }
  value(): unknown {
    return decodeFeatures(this.bytes);
  }
}

/** What a pass keeps of one draft. */
export interface Kept {
  /** Its features for the stage that observed it, for that stage's decide (null: not kept). */
  own: Serialized | null;
  /** Its features for the stages ahead, in order (null where not computed). */
  ahead: (Serialized | null)[];
}

const FLUSH_AT = 1 << 20;

export class KeptFeaturesWriter extends PartialFile {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Writes one draft's record: its own features, then those for the stages ahead (values or bytes). */
  write(own: unknown, ahead: readonly unknown[]): void {
    const parts = [own, ...ahead].map((f) => Serialized.of(f));
    const head = Buffer.allocUnsafe(4 + 4 * parts.length);
    head.writeUInt32LE(parts.length, 0);
    parts.forEach((part, k) => head.writeUInt32LE(part ? part.bytes.length : 0, 4 + 4 * k));
    this.chunks.push(head);
    this.buffered += head.length;
    for (const part of parts) {
      if (!part) continue;
      this.chunks.push(part.bytes);
      this.buffered += part.bytes.length;
    }
    if (this.buffered >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.chunks.length === 0) return;
    this.writeOut(Buffer.concat(this.chunks));
    this.chunks = [];
    this.buffered = 0;
  }

  /** Flushes and gives the file its final name (a temporary file: no sync). */
  override commit(): void {
    super.commit(false);
  }
}

/** Reads a kept-features file record by record, in step with its spill file. */
export class KeptFeaturesReader {
  private fd: number | null;
  private buffer = Buffer.alloc(FLUSH_AT);
  private start = 0;
  private end = 0;
  private eof = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, "r");
  }

  /** The next record; throws if the file ends early. */
  next(): Kept {
    const count = this.take(4).readUInt32LE(0);
    const lengths = this.take(4 * count);
    const sizes: number[] = [];
    for (let k = 0; k < count; k++) sizes.push(lengths.readUInt32LE(4 * k));
    const parts = sizes.map((n) => (n === 0 ? null : new Serialized(Buffer.from(this.take(n)))));
    return { own: parts[0] ?? null, ahead: parts.slice(1) };
  }

  /** The next `n` bytes (a view valid until the next call). */
  private take(n: number): Buffer {
    if (this.end - this.start < n) this.fill(n);
    const view = this.buffer.subarray(this.start, this.start + n);
    this.start += n;
    return view;
  }

  private fill(n: number): void {
    if (this.buffer.length < n) {
      const bigger = Buffer.alloc(Math.max(n, this.buffer.length * 2));
      this.buffer.copy(bigger, 0, this.start, this.end);
      this.buffer = bigger;
    } else {
      this.buffer.copy(this.buffer, 0, this.start, this.end);
    }
    this.end -= this.start;
    this.start = 0;
    while (this.end < n && !this.eof && this.fd !== null) {
      const got = readSync(this.fd, this.buffer, this.end, this.buffer.length - this.end, null);
      if (got === 0) this.eof = true;
      this.end += got;
    }
    if (this.end < n) throw new Error(`kept features file ${this.path} ends early`);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
