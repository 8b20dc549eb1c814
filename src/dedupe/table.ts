/**
 * What duplicate detection remembers of every article of a run (and of earlier runs, from the
 * index): one row per article in compact columns. Rows from earlier runs have a signature but no
 * shingles; their text was not read again.
 */
import { type Fingerprint } from "./fingerprint.ts";
import { GrowableU32, GrowableU8, ShingleArena } from "./growable.ts";
import { SIGNATURE_BINS } from "./signature.ts";

export const FLAG_TRUNCATED = 1;
export const FLAG_EARLIER_RUN = 2;

export interface RowFacts {
  id: string;
  truncated: boolean;
  /** How much metadata the record carries (0..255), for the survivor rule. */
  metadata: number;
}

export class ArticleTable {
  readonly ids: string[] = [];
  readonly exactHi = new GrowableU32();
  readonly exactLo = new GrowableU32();
  readonly words = new GrowableU32();
  readonly flags = new GrowableU8();
  readonly metadata = new GrowableU8();
  readonly signatures = new GrowableU8(1024 * SIGNATURE_BINS);
  readonly shingles = new ShingleArena();

  get count(): number {
    return this.ids.length;
  }

  /** Adds an article of this run. Returns its row. */
  add(facts: RowFacts, print: Fingerprint): number {
    return this.push(facts.id, facts.truncated ? FLAG_TRUNCATED : 0, facts.metadata, print.exactHi, print.exactLo, print.words, print.signature, print.shingles);
  }

  /** Adds an article emitted by an earlier run (from the persistent index). */
  addEarlier(id: string, truncated: boolean, exactHi: number, exactLo: number, words: number, signature: Uint8Array): number {
    return this.push(id, FLAG_EARLIER_RUN | (truncated ? FLAG_TRUNCATED : 0), 0, exactHi, exactLo, words, signature, new Uint32Array(0));
  }

  private push(
    id: string,
    flags: number,
    metadata: number,
    exactHi: number,
    exactLo: number,
    words: number,
    signature: Uint8Array,
    shingles: Uint32Array,
  ): number {
    const row = this.ids.length;
    this.ids.push(id);
    this.flags.push(flags);
    this.metadata.push(Math.min(255, metadata));
    this.exactHi.push(exactHi);
    this.exactLo.push(exactLo);
    this.words.push(words);
    this.signatures.push(signature);
    this.shingles.add(shingles);
    return row;
  }

  isEarlier(row: number): boolean {
    return (this.flags.get(row) & FLAG_EARLIER_RUN) !== 0;
  }

  isTruncated(row: number): boolean {
    return (this.flags.get(row) & FLAG_TRUNCATED) !== 0;
  }

  sameExact(a: number, b: number): boolean {
    return this.exactHi.get(a) === this.exactHi.get(b) && this.exactLo.get(a) === this.exactLo.get(b) && this.words.get(a) > 0;
  }

  signature(row: number): Uint8Array {
    return this.signatures.data.subarray(row * SIGNATURE_BINS, (row + 1) * SIGNATURE_BINS);
  }

  /** Bytes held per article of this run and earlier runs (ids excluded). */
  bytesPerArticle(): number {
    if (this.count === 0) return 0;
    const columns = this.exactHi.bytes + this.exactLo.bytes + this.words.bytes + this.flags.bytes + this.metadata.bytes + this.signatures.bytes;
    return (columns + this.shingles.bytes) / this.count;
  }
}
