/**
 * What a text block looks like, in numbers that hold on any site: length, words, share of link
 * text, sentence punctuation. From these, a block is judged prose ("good"), page furniture ("bad")
 * or undecided ("short"), the way jusText does, and given a weight for scoring its containers.
 */
import type { TextBlock } from "./linearise.ts";

export type BlockClass = "good" | "short" | "bad";

export interface BlockFeatures {
  chars: number;
  words: number;
  linkDensity: number;
  /** Ends like a sentence, or holds sentence punctuation inside. */
  sentences: number;
}

const WORDS = /[\p{L}\p{N}]+/gu;
const SENTENCE_END = /[.!?。！？…:;"”»)]\s|[.!?。！？…"”»]$/gu;

export function featuresOf(block: Pick<TextBlock, "text" | "linkChars">): BlockFeatures {
  const chars = block.text.length;
  const words = block.text.match(WORDS)?.length ?? 0;
  const sentences = block.text.match(SENTENCE_END)?.length ?? 0;
  return { chars, words, linkDensity: chars === 0 ? 0 : block.linkChars / chars, sentences };
}

/** Prose, furniture, or too short to tell on its own. */
export function classify(f: BlockFeatures): BlockClass {
  if (f.linkDensity > 0.5 && !(f.words >= 25 && f.sentences >= 2 && f.linkDensity < 0.8)) return "bad";
  if (f.words >= 10 && (f.sentences >= 1 || f.chars >= 150) && f.linkDensity <= 0.4) return "good";
  if (f.words >= 30 && f.linkDensity <= 0.5) return "good";
  return "short";
}

/**
 * How much a block says that its container holds an article: long, punctuated, link-free text
 * counts most; link lists count against.
 */
export function proseWeight(f: BlockFeatures): number {
  if (f.linkDensity > 0.5) return -f.chars * f.linkDensity * 0.25;
  if (f.words < 5) return 0;
  const punctuated = f.sentences > 0 ? 1 : 0.4;
  return f.chars * (1 - f.linkDensity) * punctuated;
}
