/**
 * The fingerprint of one body: what duplicate detection keeps of an article.
 * - `exact`: a 64-bit hash of the normalised word sequence (two 32-bit halves);
 * - `shingles`: the 32-bit hashes of every run of `k` consecutive words (in text order, repeats kept);
 * - `signature`: a one-permutation MinHash of the shingle set (see signature.ts).
 */
import { type WordHashes, createWordHashes, finalMix, hashWords } from "./tokens.ts";
import { SIGNATURE_BINS, writeSignature } from "./signature.ts";

export interface Fingerprint {
  exactHi: number;
  exactLo: number;
  words: number;
  shingles: Uint32Array;
  signature: Uint8Array;
}

const scratch: { words: WordHashes; shingles: Uint32Array } = {
  words: createWordHashes(),
  shingles: new Uint32Array(4096),
};

/** The number of shingles of `k` words in a body of `words` words (a short body is one shingle). */
export function shingleCount(words: number, k: number): number {
  return words === 0 ? 0 : words < k ? 1 : words - k + 1;
}

/** Hashes of the word shingles of the words in `words`, written into `out` (grown when needed). */
export function shingleHashes(words: WordHashes, k: number, out: Uint32Array): Uint32Array {
  const n = words.count;
  const count = shingleCount(n, k);
  const dest = out.length >= count ? out : new Uint32Array(Math.max(count, out.length * 2));
  const a = words.a;
  for (let i = 0; i < count; i++) {
    let h = 0x2545f491 ^ k;
    const end = Math.min(i + k, n);
    for (let j = i; j < end; j++) {
      h = Math.imul((h << 5) | (h >>> 27), 0x9e3779b1) ^ (a[j] as number);
    }
    dest[i] = finalMix(h);
  }
  return dest.subarray(0, count);
}

/** The fingerprint of a body text with shingles of `k` words. */
export function fingerprint(text: string, k: number): Fingerprint {
  const print = fingerprintView(text, k);
  return { ...print, shingles: print.shingles.slice() };
}

/**
 * The fingerprint of a body text, its shingles a view of a reused buffer that the next call
 * overwrites: for a caller that copies them away at once.
 */
export function fingerprintView(text: string, k: number): Fingerprint {
  const words = scratch.words;
  const n = hashWords(text, words);
  let hi = 0x6a09e667 ^ n;
  let lo = 0xbb67ae85 ^ n;
  for (let i = 0; i < n; i++) {
    hi = Math.imul((hi << 7) | (hi >>> 25), 0x01000193) ^ (words.a[i] as number);
    lo = Math.imul((lo << 11) | (lo >>> 21), 0x85ebca6b) ^ (words.b[i] as number);
  }
  const view = shingleHashes(words, k, scratch.shingles);
  if (view.buffer !== scratch.shingles.buffer) scratch.shingles = new Uint32Array(view.buffer);
  const shingles = view;
  const signature = new Uint8Array(SIGNATURE_BINS);
  writeSignature(shingles, signature);
  return { exactHi: finalMix(hi), exactLo: finalMix(lo ^ hi), words: n, shingles, signature };
}
