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

export class GrowableF64 {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  get(i: number): number {
    return this.data[i] as number;
  }
  /** The values pushed so far (a view). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
  get bytes(): number {
    return this.length * 8;
  }
}
