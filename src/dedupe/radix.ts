/**
 * Stable sorting of (key, value) pairs of 32-bit numbers by key: a least-significant-digit radix
 * sort in three passes of 11 bits, linear in the number of pairs. Being stable, pairs with equal
 * keys stay in the order they were given, which the candidate search relies on.
 */

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;
const counts = new Uint32Array(BUCKETS * 3);

/** Scratch buffers for `sortPairs`, grown on demand and reused. */
export class PairScratch {
  keys: Int32Array = new Int32Array(0);
  values: Int32Array = new Int32Array(0);
  ensure(n: number): void {
    if (this.keys.length < n) {
      this.keys = new Int32Array(n);
      this.values = new Int32Array(n);
    }
  }
}

/** The same bits as signed numbers: a Uint32 above 2^31 would be read as a double, slowly. */
function signedView(a: Uint32Array | Int32Array, n: number): Int32Array {
  return a instanceof Int32Array ? a : new Int32Array(a.buffer, a.byteOffset, n);
}

/**
 * Sorts the first `n` pairs of `keys` and `values` by key (the keys' bits read as unsigned), in
 * place and stably.
 */
export function sortPairs(keyArray: Uint32Array | Int32Array, valueArray: Uint32Array | Int32Array, n: number, scratch: PairScratch, passes = 3): void {
  if (n < 2) return;
  scratch.ensure(n);
  const keys = signedView(keyArray, n);
  const values = signedView(valueArray, n);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    const d0 = k & MASK;
    const d1 = BUCKETS + ((k >>> DIGIT_BITS) & MASK);
    const d2 = 2 * BUCKETS + (k >>> (2 * DIGIT_BITS));
    counts[d0] = (counts[d0] as number) + 1;
    counts[d1] = (counts[d1] as number) + 1;
    counts[d2] = (counts[d2] as number) + 1;
  }
  let fromKeys = keys;
  let fromValues = values;
  let toKeys = scratch.keys;
  let toValues = scratch.values;
  for (let pass = 0; pass < passes; pass++) {
    const base = pass * BUCKETS;
    const shift = pass * DIGIT_BITS;
    // a digit all keys share moves nothing
    if (counts[base + (((fromKeys[0] as number) >>> shift) & MASK)] === n) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[base + b] as number;
      counts[base + b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = fromKeys[i] as number;
      const d = base + ((k >>> shift) & MASK);
      const at = counts[d] as number;
      counts[d] = at + 1;
      toKeys[at] = k;
      toValues[at] = fromValues[i] as number;
    }
    [fromKeys, toKeys] = [toKeys, fromKeys];
    [fromValues, toValues] = [toValues, fromValues];
  }
  if (fromKeys !== keys) {
    keys.set(fromKeys.subarray(0, n));
    values.set(fromValues.subarray(0, n));
  }
}

const LOW_BITS = 2 * DIGIT_BITS;
const LOW_MASK = (1 << LOW_BITS) - 1;

/**
 * Brings pairs with equal keys together (not into key order), keeping their given order among
 * them: a radix sort on the low 22 bits of the keys, then each run of equal low bits put in order
 * by the whole key (a few pairs at most, for hashes, by insertion; a long run, as keys that are not
 * hashes can make, by a stable counting sort on the high bits, whose result is the same). A pass
 * cheaper than `sortPairs`.
 */
export function groupPairs(keyArray: Uint32Array | Int32Array, valueArray: Uint32Array | Int32Array, n: number, scratch: PairScratch): void {
  if (n < 2) return;
  sortPairs(keyArray, valueArray, n, scratch, 2);
  const keys = signedView(keyArray, n);
  const values = signedView(valueArray, n);
  for (let start = 0; start < n; ) {
    const low = (keys[start] as number) & LOW_MASK;
    let end = start + 1;
    while (end < n && ((keys[end] as number) & LOW_MASK) === low) end++;
    if (end - start > LONG_RUN) {
      sortRunByHigh(keys, values, start, end, scratch);
      start = end;
      continue;
    }
    // stable insertion sort of the run by the high bits
    for (let i = start + 1; i < end; i++) {
      const k = keys[i] as number;
      const v = values[i] as number;
      const high = k >>> LOW_BITS;
      let j = i - 1;
      while (j >= start && (keys[j] as number) >>> LOW_BITS > high) {
        keys[j + 1] = keys[j] as number;
        values[j + 1] = values[j] as number;
        j--;
      }
      keys[j + 1] = k;
      values[j + 1] = v;
    }
    start = end;
  }
}

/** Runs of equal low bits longer than this are sorted by counting, not by insertion (quadratic). */
const LONG_RUN = 64;
const HIGH_BUCKETS = 1 << (32 - LOW_BITS);
const highCounts = new Uint32Array(HIGH_BUCKETS);

/**
 * Sorts the pairs in [start, end) by the high bits of their keys, stably (a counting sort through
 * the scratch buffers, which `sortPairs` has made at least `end` long).
 */
function sortRunByHigh(keys: Int32Array, values: Int32Array, start: number, end: number, scratch: PairScratch): void {
  highCounts.fill(0);
  for (let i = start; i < end; i++) {
    const d = (keys[i] as number) >>> LOW_BITS;
    highCounts[d] = (highCounts[d] as number) + 1;
  }
  let sum = 0;
  for (let d = 0; d < HIGH_BUCKETS; d++) {
    const c = highCounts[d] as number;
    highCounts[d] = sum;
    sum += c;
  }
  const toKeys = scratch.keys;
  const toValues = scratch.values;
  for (let i = start; i < end; i++) {
    const k = keys[i] as number;
    const d = k >>> LOW_BITS;
    const at = highCounts[d] as number;
    highCounts[d] = at + 1;
    toKeys[at] = k;
    toValues[at] = values[i] as number;
  }
  keys.set(toKeys.subarray(0, end - start), start);
  values.set(toValues.subarray(0, end - start), start);
}

const SMALL = 32;
const BYTE_BUCKETS = 256;
const byteCounts = new Uint32Array(BYTE_BUCKETS * 4);
let scratchValues = new Int32Array(1024);

/**
 * Sorts 32-bit numbers in place: by insertion for a few, else by a radix sort in four passes of a
 * byte. (The built-in sort of a Uint32Array is a comparison sort over boxed numbers, several times
 * slower for the few hundred hashes of one article.)
 */
export function sortU32(values: Uint32Array): Uint32Array {
  const n = values.length;
  if (n <= SMALL) {
    for (let i = 1; i < n; i++) {
      const v = values[i] as number;
      let j = i - 1;
      while (j >= 0 && (values[j] as number) > v) {
        values[j + 1] = values[j] as number;
        j--;
      }
      values[j + 1] = v;
    }
    return values;
  }
  if (scratchValues.length < n) scratchValues = new Int32Array(Math.max(n, scratchValues.length * 2));
  // the same bits as signed numbers: a Uint32 above 2^31 would be read as a double
  const signed = new Int32Array(values.buffer, values.byteOffset, n);
  byteCounts.fill(0);
  for (let i = 0; i < n; i++) {
    const v = signed[i] as number;
    const d0 = v & 0xff;
    const d1 = BYTE_BUCKETS + ((v >>> 8) & 0xff);
    const d2 = 2 * BYTE_BUCKETS + ((v >>> 16) & 0xff);
    const d3 = 3 * BYTE_BUCKETS + (v >>> 24);
    byteCounts[d0] = (byteCounts[d0] as number) + 1;
    byteCounts[d1] = (byteCounts[d1] as number) + 1;
    byteCounts[d2] = (byteCounts[d2] as number) + 1;
    byteCounts[d3] = (byteCounts[d3] as number) + 1;
  }
  let from: Int32Array = signed;
  let to: Int32Array = scratchValues;
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * BYTE_BUCKETS;
    const shift = pass * 8;
    if (byteCounts[base + (((from[0] as number) >>> shift) & 0xff)] === n) continue;
    let sum = 0;
    for (let b = 0; b < BYTE_BUCKETS; b++) {
      const c = byteCounts[base + b] as number;
      byteCounts[base + b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const v = from[i] as number;
      const d = base + ((v >>> shift) & 0xff);
      const at = byteCounts[d] as number;
      byteCounts[d] = at + 1;
      to[at] = v;
    }
    [from, to] = [to, from];
  }
  if (from !== signed) signed.set(from.subarray(0, n));
  return values;
}
