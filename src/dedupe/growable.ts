/** Typed arrays that grow by doubling: compact per-article columns without an object per article. */

export class GrowableU32 {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  get(i: number): number {
    return this.data[i] as number;
  }
  get bytes(): number {
    return this.length * 4;
  }
}

export class GrowableU8 {
  data: Uint8Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint8Array(capacity);
  }
  /** Appends `values` (one value, or a run of bytes). */
  push(values: number | Uint8Array): void {
    const add = typeof values === "number" ? 1 : values.length;
    if (this.length + add > this.data.length) {
      const next = new Uint8Array(Math.max(this.data.length * 2, this.length + add));
      next.set(this.data);
      this.data = next;
    }
    if (typeof values === "number") this.data[this.length] = values;
    else this.data.set(values, this.length);
    this.length += add;
  }
  get(i: number): number {
    return this.data[i] as number;
  }
  get bytes(): number {
    return this.length;
  }
}

/** Shingle hashes of many articles in large shared chunks, addressed by (chunk, offset, length). */
export class ShingleArena {
  private readonly chunkSize: number;
  private readonly chunks: Uint32Array[] = [];
  private used = 0;
  private stored = 0;
  readonly chunkOf = new GrowableU32();
  readonly offsetOf = new GrowableU32();
  readonly lengthOf = new GrowableU32();

  constructor(chunkSize = 1 << 22) {
    this.chunkSize = chunkSize;
  }

  /** Stores the hashes of the next article. */
  add(hashes: Uint32Array): void {
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || this.used + hashes.length > chunk.length) {
      chunk = new Uint32Array(Math.max(this.chunkSize, hashes.length));
      this.chunks.push(chunk);
      this.used = 0;
    }
    chunk.set(hashes, this.used);
    this.chunkOf.push(this.chunks.length - 1);
    this.offsetOf.push(this.used);
    this.lengthOf.push(hashes.length);
    this.used += hashes.length;
    this.stored += hashes.length;
  }

  /** The hashes of article `i` (a view, not a copy). */
  get(i: number): Uint32Array {
    const chunk = this.chunks[this.chunkOf.get(i)] as Uint32Array;
    const start = this.offsetOf.get(i);
    return chunk.subarray(start, start + this.lengthOf.get(i));
  }

  /** Bytes of hashes stored and of their addresses (chunks are allocated ahead in 16 MB steps). */
  get bytes(): number {
    return this.stored * 4 + this.chunkOf.bytes + this.offsetOf.bytes + this.lengthOf.bytes;
  }

  /** Frees the hashes once they are no longer needed. */
  clear(): void {
    this.chunks.length = 0;
    this.used = 0;
  }
}
