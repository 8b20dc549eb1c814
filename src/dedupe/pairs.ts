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

/** Sorted distinct pairs, each with the number of times it was added (counted up to 255). */
export class PairCounts {
  first: Uint32Array = new Uint32Array(0);
  second: Uint32Array = new Uint32Array(0);
  times: Uint8Array = new Uint8Array(0);
  length = 0;

  /**
   * Adds every pair of `list` and empties it: the list is made distinct, then merged into these
   * counts, so memory holds distinct pairs rather than every sighting of them.
   */
  add(list: PairList, scratch?: PairScratch): void {
    const more = new Uint8Array(list.length);
    const listFirst = list.first.data;
    const listSecond = list.second.data;
    let n = 0;
    list.forEachDistinct((a, b, times) => {
      listFirst[n] = a;
      listSecond[n] = b;
      more[n] = Math.min(255, times);
      n++;
    }, scratch);
    const size = this.length + n;
    const first = new Uint32Array(size);
    const second = new Uint32Array(size);
    const times = new Uint8Array(size);
    let i = 0;
    let k = 0;
    let out = 0;
    while (i < this.length || k < n) {
      const order =
        i >= this.length ? 1 : k >= n ? -1 : (this.first[i] as number) - (listFirst[k] as number) || (this.second[i] as number) - (listSecond[k] as number);
      if (order <= 0) {
        first[out] = this.first[i] as number;
        second[out] = this.second[i] as number;
        times[out] = Math.min(255, (this.times[i] as number) + (order === 0 ? (more[k] as number) : 0));
        i++;
        if (order === 0) k++;
      } else {
        first[out] = listFirst[k] as number;
        second[out] = listSecond[k] as number;
        times[out] = more[k] as number;
        k++;
      }
      out++;
    }
    this.first = first.subarray(0, out);
    this.second = second.subarray(0, out);
    this.times = times.subarray(0, out);
    this.length = out;
    list.first.length = 0;
    list.second.length = 0;
  }
}
