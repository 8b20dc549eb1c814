/**
 * Exact set measures over shingle hashes: Jaccard |A∩B|/|A∪B| and containment |A∩B|/|A|.
 * Inputs are sorted sets without repeats (see `toSortedSet`).
 */
import { sortU32 } from "./radix.ts";

/** Sorted copy of the hashes with repeats removed. */
export function toSortedSet(hashes: Uint32Array): Uint32Array {
  return sortedSetInPlace(hashes.slice());
}

/** Sorts `hashes` in place and returns the view of it without repeats. */
export function sortedSetInPlace(hashes: Uint32Array): Uint32Array {
  return withoutRepeats(sortU32(hashes));
}

/** Removes repeats from sorted `hashes` in place; returns the view of the set. */
export function withoutRepeats(hashes: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < hashes.length; i++) {
    if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[n++] = hashes[i] as number;
  }
  return hashes.subarray(0, n);
}

export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common;
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const common = intersectionSize(a, b);
  return common / (a.length + b.length - common);
}

/** The share of `part` found in `whole`. */
export function containment(part: Uint32Array, whole: Uint32Array): number {
  if (part.length === 0) return 0;
  return intersectionSize(part, whole) / part.length;
}
