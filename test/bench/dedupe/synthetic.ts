/**
 * Synthetic ~500-word articles for the scale benchmark, generated from an index alone so that a
 * corpus of a million articles can be streamed twice without keeping it. Words follow a Zipf-like
 * distribution over a 40,000-word vocabulary of made-up words; every `copyEvery`-th article is an
 * edited copy of an earlier one, so that the index has real work to do.
 *
 * Partial overlaps come with it: article i draws its words from a mulberry32 stream seeded with
 * i·2654435761+1, and the stream of article i+281,548 starts 92 draws after that of article i (of
 * i+563,096, 184 draws after). Beyond 281,548 articles such pairs share a run of 408 (or 316) words:
 * Jaccard about 0.69 (0.46), below the thresholds but close enough that the signature cannot rule
 * them out, so a million-article corpus holds about a million pairs that must be verified on their
 * shingle sets. They are kept: syndicated news has such pairs too, and they are what verification
 * at scale has to cope with.
 */
import { Rng } from "./rng.ts";

const SYLLABLES = ["ka", "lo", "mi", "ra", "te", "vu", "sen", "dor", "pli", "ast", "qu", "bel", "on", "ix", "mar", "tu", "gre", "no", "sha", "vel"];

function buildVocabulary(size: number): string[] {
  const rng = new Rng(7);
  const words = new Set<string>(["the", "of", "and", "to", "in", "a", "that", "is", "for", "on"]);
  while (words.size < size) {
    let w = "";
    for (let s = 0, n = 2 + rng.int(3); s < n; s++) w += rng.pick(SYLLABLES);
    words.add(w);
  }
  return [...words];
}

const VOCABULARY = buildVocabulary(40_000);
/** Pre-drawn word ranks with a Zipf (s = 1) shape, so drawing a word costs one random index. */
const DRAWS = (() => {
  const rng = new Rng(11);
  const n = VOCABULARY.length;
  const cumulative = new Float64Array(n);
  let h = 0;
  for (let r = 1; r <= n; r++) {
    h += 1 / r;
    cumulative[r - 1] = h;
  }
  const out = new Uint16Array(1 << 20);
  for (let i = 0; i < out.length; i++) {
    const u = rng.next() * h;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return out;
})();

function original(index: number, words = 500): string {
  const rng = new Rng(index * 2654435761 + 1);
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(VOCABULARY[DRAWS[rng.int(DRAWS.length)] as number] as string);
    if (i % 17 === 16) out.push(".");
    if (i % 90 === 89) out.push("\n\n");
  }
  return out.join(" ");
}

export interface SyntheticArticle {
  id: string;
  text: string;
  /** Index of the article this one copies, or -1. */
  copyOf: number;
}

export function syntheticId(index: number): string {
  return `s${String(index).padStart(8, "0")}`;
}

/** The index of the article that article `index` copies, or -1 (without generating any text). */
export function copySource(index: number, copyEvery = 50): number {
  return copyEvery > 0 && index % copyEvery === copyEvery - 1 && index >= 10 ? index - 1 - (index % 7) : -1;
}

export function syntheticArticle(index: number, copyEvery = 50): SyntheticArticle {
  const id = syntheticId(index);
  const source = copySource(index, copyEvery);
  if (source >= 0) {
    const words = original(source).split(" ");
    const rng = new Rng(index);
    for (let e = 0; e < 5; e++) words[rng.int(words.length)] = "edited";
    return { id, text: words.join(" "), copyOf: source };
  }
  return { id, text: original(index), copyOf: -1 };
}
