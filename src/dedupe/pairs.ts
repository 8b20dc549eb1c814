/**
 * A list of unordered pairs of rows, kept as two columns of 32-bit numbers (the smaller row first),
 * sorted by (first, second) with two stable radix sorts instead of a comparison sort.
 */
import { GrowableU32 } from "./growable.ts";
import { PairScratch, sortPairs } from "./radix.ts";

export class PairList {
  readonly first = new GrowableU32();
  readonly second = new GrowableU32();

  get length(): number {
    return this.first.length;
  }

  /** Adds the pair {a, b}. */
  push(a: number, b: number): void {
    if (a < b) {
      this.first.push(a);
      this.second.push(b);
    } else {
      this.first.push(b);
      this.second.push(a);
    }
  }

  /** Sorts the pairs by (first, second). */
  sort(scratch = new PairScratch()): void {
    const n = this.length;
    sortPairs(this.second.data, this.first.data, n, scratch);
    sortPairs(this.first.data, this.second.data, n, scratch);
  }

  /**
   * Sorts, then calls `visit(a, b, times)` once per distinct pair, in order, with the number of
   * times it was added.
   */
  forEachDistinct(visit: (a: number, b: number, times: number) => void, scratch?: PairScratch): void {
    this.sort(scratch);
    const n = this.length;
    const first = this.first.data;
    const second = this.second.data;
    for (let i = 0; i < n; ) {
      const a = first[i] as number;
      const b = second[i] as number;
      let j = i + 1;
      while (j < n && first[j] === a && second[j] === b) j++;
      visit(a, b, j - i);
      i = j;
    }
  }

  /** Sorts and removes repeated pairs. */
  distinct(scratch?: PairScratch): void {
    let n = 0;
    const first = this.first.data;
    const second = this.second.data;
    this.forEachDistinct((a, b) => {
      first[n] = a;
      second[n] = b;
      n++;
    }, scratch);
    this.first.length = n;
    this.second.length = n;
  }

  /** Where the pair {a, b} is in a sorted list, or -1 (binary search). */
  indexOf(a: number, b: number): number {
    const [x, y] = a < b ? [a, b] : [b, a];
    const first = this.first.data;
    const second = this.second.data;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const f = first[mid] as number;
      if (f < x || (f === x && (second[mid] as number) < y)) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.length && first[lo] === x && second[lo] === y ? lo : -1;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.first.data.byteLength + this.second.data.byteLength;
  }
}
