/**
 * The overlap of two shingle sets given as raw hash lists (text order, repeats kept), without sorting
 * either: the first list goes into an open-addressing hash table, the second is looked up in it.
 * About one table probe per hash, where sorting would cost several passes over both lists.
 *
 * Hashes are finalised 32-bit hashes, so their low bits address the table directly. Each slot has a
 * stamp: the number of the pair it was filled for (times four) plus what it holds, so nothing is
 * cleared between pairs.
 */

/** What a slot of the current pair holds (added to the pair's stamp base). */
const OF_FIRST = 1;
const OF_BOTH = 2;
const OF_SECOND = 3;
/** Slots per entry at least: a sparse table makes probe chains short. */
const LOAD = 4;

export class SetOverlap {
  private keys = new Int32Array(1024);
  private stamps = new Uint32Array(1024);
  private mask = 1023;
  private base = 0;
  /** Distinct hashes in the first list, in the second, and in both. */
  sizeA = 0;
  sizeB = 0;
  common = 0;

  /** Counts the distinct hashes of `values[startA, startA + lengthA)`, of `values[startB, startB + lengthB)`, and those in both. */
  measure(values: Int32Array, startA: number, lengthA: number, startB: number, lengthB: number): void {
    this.prepare(lengthA + lengthB);
    const { keys, stamps, mask, base } = this;
    const first = base + OF_FIRST;
    const both = base + OF_BOTH;
    const second = base + OF_SECOND;
    let sizeA = 0;
    for (let i = startA, end = startA + lengthA; i < end; i++) {
      const h = values[i] as number;
      let slot = h & mask;
      for (;;) {
        if ((stamps[slot] as number) < first) {
          stamps[slot] = first;
          keys[slot] = h;
          sizeA++;
          break;
        }
        if (keys[slot] === h) break;
        slot = (slot + 1) & mask;
      }
    }
    let sizeB = 0;
    let common = 0;
    for (let i = startB, end = startB + lengthB; i < end; i++) {
      const h = values[i] as number;
      let slot = h & mask;
      for (;;) {
        const stamp = stamps[slot] as number;
        if (stamp < first) {
          stamps[slot] = second;
          keys[slot] = h;
          sizeB++;
          break;
        }
        if (keys[slot] === h) {
          if (stamp === first) {
            stamps[slot] = both;
            sizeB++;
            common++;
          }
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    this.sizeA = sizeA;
    this.sizeB = sizeB;
    this.common = common;
  }

  /** A fresh stamp base for a pair of lists of `entries` hashes in all, with the table at most a quarter full. */
  private prepare(entries: number): void {
    if (entries > this.keys.length / LOAD) {
      let size = this.keys.length;
      while (entries > size / LOAD) size *= 2;
      this.keys = new Int32Array(size);
      this.stamps = new Uint32Array(size);
      this.mask = size - 1;
      this.base = 0;
    }
    // stamps below the base belong to earlier pairs; when the numbers run out, start again
    this.base += 4;
    if (this.base > 0xfffffff0) {
      this.stamps.fill(0);
      this.base = 4;
    }
  }
}
