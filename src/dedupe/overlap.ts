/**
 * The overlap of two shingle sets given as raw hash lists (text order, repeats kept), without sorting
 * either: the first list goes into an open-addressing hash table, the second is looked up in it.
 * About one table probe per hash, where sorting would cost several passes over both lists.
 *
 * Hashes are finalised 32-bit hashes, so their low bits address the table directly. A slot has two
 * stamps, one saying it holds a hash of the current first list, one of the current second list: a
 * new list takes a new stamp, so nothing is cleared between pairs, and the first list's hashes stay
 * for the next pair when it has the same first list (pairs come sorted by their first article).
 */

/** Slots per entry at least: a sparse table makes probe chains short. */
const LOAD = 4;

export class SetOverlap {
  private keys = new Int32Array(1024);
  /** A slot holds a hash of the first list when its stamp here is `first`. */
  private firstStamps = new Uint32Array(1024);
  /** A slot holds a hash of the second list when its stamp here is `second` (alone, or as well as of the first). */
  private secondStamps = new Uint32Array(1024);
  private mask = 1023;
  private first = 0;
  private second = 0;
  /** Distinct hashes in the first list, in the second, and in both. */
  sizeA = 0;
  sizeB = 0;
  common = 0;

  /**
   * Counts the distinct hashes of `values[startA, startA + lengthA)`, of `values[startB, startB + lengthB)`,
   * and those in both. `sameFirst`: the first list is the one of the last call (its hashes may sit
   * elsewhere now), whose table is used again, so a run of pairs with one first list fills it once.
   */
  measure(values: Int32Array, startA: number, lengthA: number, startB: number, lengthB: number, sameFirst = false): void {
    if (!sameFirst || lengthA + lengthB > this.keys.length / LOAD) this.fillFirst(values, startA, lengthA, lengthB);
    else this.nextSecond();
    const { keys, firstStamps, secondStamps, mask, first, second } = this;
    let sizeB = 0;
    let common = 0;
    for (let i = startB, end = startB + lengthB; i < end; i++) {
      const h = values[i] as number;
      let slot = h & mask;
      for (;;) {
        const inFirst = firstStamps[slot] === first;
        const inSecond = secondStamps[slot] === second;
        if (!inFirst && !inSecond) {
          // empty for this pair: a hash of the second list only
          secondStamps[slot] = second;
          keys[slot] = h;
          sizeB++;
          break;
        }
        if (keys[slot] === h) {
          if (!inSecond) {
            secondStamps[slot] = second;
            sizeB++;
            common++;
          }
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    this.sizeB = sizeB;
    this.common = common;
  }

  /** A fresh table holding the first list, big enough for it and `more` hashes at a quarter full. */
  private fillFirst(values: Int32Array, start: number, length: number, more: number): void {
    const entries = length + more;
    if (entries > this.keys.length / LOAD) {
      let size = this.keys.length;
      while (entries > size / LOAD) size *= 2;
      this.keys = new Int32Array(size);
      this.firstStamps = new Uint32Array(size);
      this.secondStamps = new Uint32Array(size);
      this.mask = size - 1;
      this.first = 0;
      this.second = 0;
    }
    // stamps other than the current ones belong to earlier lists; when the numbers run out, start again
    if (++this.first > 0xfffffff0) {
      this.firstStamps.fill(0);
      this.first = 1;
    }
    this.nextSecond();
    const { keys, firstStamps, mask, first } = this;
    let sizeA = 0;
    for (let i = start, end = start + length; i < end; i++) {
      const h = values[i] as number;
      let slot = h & mask;
      for (;;) {
        // a slot of an earlier pair is empty (a current second-list stamp cannot be here yet)
        if (firstStamps[slot] !== first) {
          firstStamps[slot] = first;
          keys[slot] = h;
          sizeA++;
          break;
        }
        if (keys[slot] === h) break;
        slot = (slot + 1) & mask;
      }
    }
    this.sizeA = sizeA;
  }

  /** A fresh stamp for the second list of a pair. */
  private nextSecond(): void {
    if (++this.second > 0xfffffff0) {
      this.secondStamps.fill(0);
      this.second = 1;
    }
  }
}
