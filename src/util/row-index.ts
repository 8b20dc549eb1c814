/**
 * A compact map from 53-bit keys (hashes of record refs) to rows: open addressing with linear
 * probing over two typed arrays, about 24 bytes an entry at the lowest fill. Corpus stages use it to
 * find a record's row again in apply without keeping a string, or a Map entry, per record.
 */
export class RowIndex {
  private keys: Float64Array;
  private rows: Int32Array;
  private mask: number;
  private used = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size).fill(-1);
    this.rows = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.used;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.keys.byteLength + this.rows.byteLength;
  }

  /** Sets the row of `key` (a non-negative integer below 2^53). */
  set(key: number, row: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    let at = this.slot(key);
    while (this.keys[at] !== -1 && this.keys[at] !== key) at = (at + 1) & this.mask;
    if (this.keys[at] === -1) this.used++;
    this.keys[at] = key;
    this.rows[at] = row;
  }

  get(key: number): number | undefined {
    let at = this.slot(key);
    for (;;) {
      const k = this.keys[at] as number;
      if (k === key) return this.rows[at] as number;
      if (k === -1) return undefined;
      at = (at + 1) & this.mask;
    }
  }

  private slot(key: number): number {
    // mix the high and low halves, so that keys differing in either land apart
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296) >>> 0;
    return (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 0) & this.mask;
  }

  private grow(): void {
    const keys = this.keys;
    const rows = this.rows;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.rows = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.used = 0;
    for (let i = 0; i < keys.length; i++) if ((keys[i] as number) !== -1) this.set(keys[i] as number, rows[i] as number);
  }
}
