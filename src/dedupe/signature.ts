/**
 * One-permutation MinHash with 8-bit values (after Li, Owen and Zhang's one-permutation hashing,
 * with densification by rotation, and Li and König's b-bit minwise hashing).
 *
 * Every shingle hash is looked at once: its top bits choose one of `SIGNATURE_BINS` bins and the bin
 * keeps its smallest hash. An empty bin borrows from the next non-empty bin to its right, mixed with
 * the distance, so that two empty bins agree exactly when their donors do. Each bin is then reduced to
 * 8 bits. Two signatures agree in a bin with probability J + (1 − J)/256, where J is the Jaccard
 * similarity of the two shingle sets; `estimateJaccard` inverts that.
 */
import { finalMix } from "./tokens.ts";

export const SIGNATURE_BINS = 96;
const EMPTY = 0xffffffff;
const mins = new Uint32Array(SIGNATURE_BINS);
const filled = new Uint8Array(SIGNATURE_BINS);

/** Writes the signature of a set of shingle hashes (repeats are harmless) into `out`. */
export function writeSignature(shingles: Uint32Array, out: Uint8Array): void {
  mins.fill(EMPTY);
  filled.fill(0);
  const scale = SIGNATURE_BINS / 4294967296;
  for (let i = 0; i < shingles.length; i++) {
    const h = shingles[i] as number;
    const bin = (h * scale) | 0;
    if (h <= (mins[bin] as number)) {
      mins[bin] = h;
      filled[bin] = 1;
    }
  }
  if (shingles.length === 0) {
    out.fill(0);
    return;
  }
  for (let bin = 0; bin < SIGNATURE_BINS; bin++) {
    let donor = bin;
    let distance = 0;
    while (filled[donor] === 0) {
      donor = (donor + 1) % SIGNATURE_BINS;
      distance++;
    }
    const value = distance === 0 ? (mins[donor] as number) : finalMix((mins[donor] as number) + Math.imul(distance, 0x9e3779b9));
    out[bin] = finalMix(value ^ bin) & 0xff;
  }
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures. */
export function estimateJaccard(a: Uint8Array, b: Uint8Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_BINS; i++) if (a[i] === b[i]) same++;
  return jaccardFromAgreement(same);
}

/** Estimated Jaccard similarity of two sets whose signatures agree in `same` bins. */
export function jaccardFromAgreement(same: number): number {
  const p = same / SIGNATURE_BINS;
  const chance = 1 / 256;
  return Math.max(0, Math.min(1, (p - chance) / (1 - chance)));
}

/** 32-bit words of one signature. */
export const SIGNATURE_WORDS = SIGNATURE_BINS / 4;

/**
 * The number of bins in which signatures `a` and `b` agree, from `words`, a 32-bit view of
 * signatures stored one after the other: four bins compared at once, without a view per signature.
 */
export function agreeingBins(words: Uint32Array | Int32Array, a: number, b: number): number {
  let same = 0;
  const atA = a * SIGNATURE_WORDS;
  const atB = b * SIGNATURE_WORDS;
  for (let i = 0; i < SIGNATURE_WORDS; i++) {
    const x = (words[atA + i] as number) ^ (words[atB + i] as number);
    // the top bit of each byte that is zero in x, that is, of each bin where they agree
    const zero = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
    same += Math.imul((zero >>> 7) & 0x01010101, 0x01010101) >>> 24;
  }
  return same;
}
