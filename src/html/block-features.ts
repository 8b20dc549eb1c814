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

/** Letters and digits (ASCII, and anything past Latin-1 punctuation that is not a space or general punctuation). */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  return !((c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || c === 0xd7 || c === 0xf7 || (c >= 0xff00 && c <= 0xff0f));
}

function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff66 && c <= 0xff9f);
}

function isSentenceEnd(c: number): boolean {
  // . ! ? … 。 ！ ？
  return c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 0x3002 || c === 0xff01 || c === 0xff1f;
}

function isCloser(c: number): boolean {
  // " ” » ) ’ : ;
  return c === 34 || c === 0x201d || c === 0xbb || c === 41 || c === 0x2019 || c === 58 || c === 59;
}

/** One pass over the text: words, and sentence ends (end punctuation, maybe closed by a quote, before a space or the end). */
export function featuresOf(block: Pick<TextBlock, "text" | "linkChars">): BlockFeatures {
  const text = block.text;
  const chars = text.length;
  let words = 0;
  let sentences = 0;
  let inWord = false;
  let endSeen = false;
  for (let i = 0; i < chars; i++) {
    const c = text.charCodeAt(i);
    if (isCjk(c)) {
      // Chinese and Japanese write no spaces: two characters count as a word.
      words += 0.5;
      inWord = false;
      endSeen = false;
      continue;
    }
    if (isWordChar(c)) {
      if (!inWord) words++;
      inWord = true;
      endSeen = false;
      continue;
    }
    inWord = false;
    if (isSentenceEnd(c)) endSeen = true;
    else if (c === 32 || c === 10) {
      if (endSeen) sentences++;
      endSeen = false;
    } else if (!isCloser(c)) endSeen = false;
    else if (c === 58 || c === 59) endSeen = true;
  }
  if (endSeen) sentences++;
  words = Math.round(words);
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
