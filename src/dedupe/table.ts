/**
 * What duplicate detection remembers of every article of a run (and of earlier runs, from the
 * index): one row per article in compact columns. The shingles of this run's rows are not kept in
 * memory: they wait in a spill file (see shingle-store.ts) until finish verifies candidate pairs.
 * Rows from earlier runs have a signature but no shingles; their text was not read again.
 */
import { type Fingerprint, shingleCount } from "./fingerprint.ts";
import { GrowableU32, GrowableU8 } from "./growable.ts";
import { ShingleStore } from "./shingle-store.ts";
import { SIGNATURE_BINS } from "./signature.ts";

export const FLAG_TRUNCATED = 1;
export const FLAG_EARLIER_RUN = 2;
/** Bits 2-3 of the flags: the row's number of anchors, counted up to 2. */
const ANCHORS_SHIFT = 2;

export interface RowFacts {
  id: string;
  truncated: boolean;
  /** How much metadata the record carries (0..255), for the survivor rule. */
  metadata: number;
  /** A hash of what tells this draft apart from another with the same id (its source), for apply. */
  keyHash: number;
}

export interface TableOptions {
  /** Words per shingle, to know how many shingles a row of so many words has. */
  shingleSize: number;
  /** Where the shingles of this run's rows are spilled. */
  spillDir: string;
}

export class ArticleTable {
  readonly ids: string[] = [];
  readonly exactHi = new GrowableU32();
  readonly exactLo = new GrowableU32();
  readonly words = new GrowableU32();
  readonly keyHash = new GrowableU32();
  readonly flags = new GrowableU8();
  readonly metadata = new GrowableU8();
  readonly signatures = new GrowableU8(1024 * SIGNATURE_BINS);
  readonly shingles: ShingleStore;
  private readonly shingleSize: number;

  constructor(options: TableOptions) {
    this.shingleSize = options.shingleSize;
    this.shingles = new ShingleStore(options.spillDir, (row) => this.shingleCount(row));
  }

  get count(): number {
    return this.ids.length;
  }

  /** Adds an article of this run with its anchors (see candidates.ts). Returns its row. */
  add(facts: RowFacts, print: Fingerprint, anchors: Uint32Array): number {
    const flags = (facts.truncated ? FLAG_TRUNCATED : 0) | (Math.min(2, anchors.length) << ANCHORS_SHIFT);
    const row = this.push(facts.id, flags, facts.metadata, facts.keyHash, print.exactHi, print.exactLo, print.words, print.signature);
    this.shingles.add(print.shingles, anchors);
    return row;
  }

  /** Adds an article emitted by an earlier run (from the persistent index). */
  addEarlier(id: string, truncated: boolean, exactHi: number, exactLo: number, words: number, signature: Uint8Array): number {
    const row = this.push(id, FLAG_EARLIER_RUN | (truncated ? FLAG_TRUNCATED : 0), 0, 0, exactHi, exactLo, words, signature);
    this.shingles.add(null, null);
    return row;
  }

  private push(
    id: string,
    flags: number,
    metadata: number,
    keyHash: number,
    exactHi: number,
    exactLo: number,
    words: number,
    signature: Uint8Array,
  ): number {
    const row = this.ids.length;
    this.ids.push(id);
    this.flags.push(flags);
    this.metadata.push(Math.min(255, metadata));
    this.keyHash.push(keyHash >>> 0);
    this.exactHi.push(exactHi);
    this.exactLo.push(exactLo);
    this.words.push(words);
    this.signatures.push(signature);
    return row;
  }

  isEarlier(row: number): boolean {
    return (this.flags.get(row) & FLAG_EARLIER_RUN) !== 0;
  }

  isTruncated(row: number): boolean {
    return (this.flags.get(row) & FLAG_TRUNCATED) !== 0;
  }

  /** The row's number of distinct anchors, counted up to 2 (0 for rows of earlier runs). */
  anchorsUpTo2(row: number): number {
    return (this.flags.get(row) >> ANCHORS_SHIFT) & 3;
  }

  /** The number of shingles stored for a row (none for rows of earlier runs). */
  shingleCount(row: number): number {
    return this.isEarlier(row) ? 0 : shingleCount(this.words.get(row), this.shingleSize);
  }

  sameExact(a: number, b: number): boolean {
    return this.exactHi.get(a) === this.exactHi.get(b) && this.exactLo.get(a) === this.exactLo.get(b) && this.words.get(a) > 0;
  }

  signature(row: number): Uint8Array {
    return this.signatures.data.subarray(row * SIGNATURE_BINS, (row + 1) * SIGNATURE_BINS);
  }

  /**
   * Bytes held in memory per article: the columns, the shingle store's block positions, and an
   * estimate of the ids (a string header of 16 bytes, one byte a character, 8 bytes rounding, and the slot).
   */
  bytesPerArticle(): number {
    if (this.count === 0) return 0;
    const columns =
      this.exactHi.bytes + this.exactLo.bytes + this.words.bytes + this.keyHash.bytes + this.flags.bytes + this.metadata.bytes + this.signatures.bytes;
    let ids = 0;
    for (const id of this.ids) ids += 8 + Math.ceil((16 + id.length * (/^[\x00-\xff]*$/.test(id) ? 1 : 2)) / 8) * 8;
    return (columns + this.shingles.memoryBytes + ids) / this.count;
  }

  /** Bytes of this run's shingles and anchors spilled to disk, per article. */
  spillBytesPerArticle(): number {
    return this.count === 0 ? 0 : this.shingles.diskBytes / this.count;
  }

  /** Frees the spilled shingles (after finish). */
  closeSpill(): void {
    this.shingles.close();
  }

  /** Frees every column once nothing will read the table again (it is empty after). */
  release(): void {
    this.closeSpill();
    this.ids.length = 0;
    for (const column of [this.exactHi, this.exactLo, this.words, this.keyHash]) {
      column.data = new Uint32Array(0);
      column.length = 0;
    }
    for (const column of [this.flags, this.metadata, this.signatures]) {
      column.data = new Uint8Array(0);
      column.length = 0;
    }
  }
}
