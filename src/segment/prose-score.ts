/**
 * How much a line of a text dump reads like article prose. Each block gets features that hold on any
 * site (words, stop-word share of its language, sentence ends, capitalised words, digits, list
 * bullets, whether the page prints it more than once) and a signed score: prose scores its length
 * in words, page furniture (menu entries, share buttons, footer links) scores below zero.
 */
import { endsLikeSentence, sentenceCount, words } from "../text/measure.ts";
import { stopWordsOf } from "./more-stopwords.ts";

/** Characters of scripts written without spaces: about two of them make a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;

/** Could the text hold such characters? Thai, CJK and astral code units only; most text has none. */
function mayHaveUnspaced(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x2e80 || (c >= 0x0e00 && c <= 0x0e7f)) return true;
  }
  return false;
}

export interface ProseFeatures {
  /** Words, without a leading list bullet (runs of Chinese or Japanese characters count two to a word). */
  words: number;
  /** Share of stop words of the page's language (null when the language is unknown). */
  stopDensity: number | null;
  endsSentence: boolean;
  sentences: number;
  /** Share of words that start with a capital letter. */
  capitalised: number;
  /** Share of words that are numbers. */
  numeric: number;
  /** The line was printed as a list item ("* Home", "+ Sports", "• World"). */
  bulleted: boolean;
  /** The same line (folded) appears elsewhere on the page. */
  repeated: boolean;
}

export interface ScoreWeights {
  /** Stop-word share at which a line is neither prose nor furniture by its words. */
  stopPivot: number;
  /** Stop-word share above (and below) the pivot that counts as fully prose (or fully not). */
  stopSpan: number;
  /** Shortest line (in words) scored by its length; shorter ones get a fixed small score. */
  proseWords: number;
  /** Cost of one line of furniture, before its words. */
  lineCost: number;
  /** Most a long non-prose line can cost, beyond its line cost. */
  longLineCap: number;
  /** Cost of a short line that reads like a list item rather than a menu entry (negative: as furniture). */
  listItemCost: number;
}

export const DEFAULT_WEIGHTS: ScoreWeights = { stopPivot: 0.2, stopSpan: 0.12, proseWords: 8, lineCost: 2, longLineCap: 4, listItemCost: 1 };

const BULLET = /^(?:[*+•·▪◦‣–-]|\d{1,2}[.)])\s+/u;

export function stripBullet(text: string): { text: string; bulleted: boolean } {
  const m = BULLET.exec(text);
  if (m && !/^\d/.test(m[0])) return { text: text.slice(m[0].length), bulleted: true };
  return { text, bulleted: false };
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Is the character at `i` a letter or digit? ASCII by table; returns its length in UTF-16 units, or 0. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  const cp = text.codePointAt(i) as number;
  const size = cp > 0xffff ? 2 : 1;
  return LETTER_OR_DIGIT.test(size === 1 ? (text[i] as string) : String.fromCodePoint(cp)) ? size : 0;
}

export interface WordStats {
  /** Words as `words()` finds them: a letter or digit, then letters, digits, apostrophes, hyphens. */
  count: number;
  /** Words that are stop words (lower-cased) of the list given. */
  stops: number;
  /** Words whose first character changes when lower-cased. */
  capitalised: number;
  /** Words that start with an ASCII digit. */
  numeric: number;
}

/** The words of a text counted in one scan, without making a list of them. */
export function wordStats(text: string, stops: ReadonlySet<string> | null): WordStats {
  const out: WordStats = { count: 0, stops: 0, capitalised: 0, numeric: 0 };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const size = wordCharAt(text, i);
    if (size === 0) {
      i++;
      continue;
    }
    const start = i;
    i += size;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 39 || c === 45 || c === 0x2019) {
        i++;
        continue;
      }
      const next = wordCharAt(text, i);
      if (next === 0) break;
      i += next;
    }
    out.count++;
    const first = text[start] as string;
    if (first !== first.toLowerCase()) out.capitalised++;
    else if (first >= "0" && first <= "9") out.numeric++;
    if (stops !== null && stops.has(text.slice(start, i).toLowerCase())) out.stops++;
  }
  return out;
}

export function proseFeatures(raw: string, language: string | null, repeated: boolean): ProseFeatures {
  const { text, bulleted } = raw === "*" || raw === "+" || raw === "•" ? { text: "", bulleted: true } : stripBullet(raw);
  const stops = stopWordsOf(language);
  const ws = wordStats(text, stops);
  const unspaced = mayHaveUnspaced(text) ? (text.match(UNSPACED)?.length ?? 0) : 0;
  const n = unspaced > 0 ? Math.round(unspaced / 2) + words(text.replace(UNSPACED, " ")).length : ws.count;
  return {
    words: n,
    stopDensity: stops === null || ws.count === 0 ? null : ws.stops / ws.count,
    endsSentence: endsLikeSentence(text),
    sentences: sentenceCount(text),
    capitalised: ws.count === 0 ? 0 : ws.capitalised / ws.count,
    numeric: ws.count === 0 ? 0 : ws.numeric / ws.count,
    bulleted,
    repeated,
  };
}

/**
 * How prose-like the words are, from -1 (a menu entry) to 1 (a sentence of running text). Without a
 * known language, sentence shape alone decides.
 */
export function proseLikeness(f: ProseFeatures, w: ScoreWeights = DEFAULT_WEIGHTS): number {
  let p = f.stopDensity === null ? 0.2 : clamp((f.stopDensity - w.stopPivot) / w.stopSpan, -1, 1);
  p += f.endsSentence ? 0.4 : -0.4;
  if (f.sentences >= 2) p += 0.2;
  // Every word capitalised is a title, a name list or a menu; running text has few capitals.
  if (f.capitalised > 0.6 && f.words >= 3) p -= (f.capitalised - 0.6) * 2;
  if (f.bulleted) p -= 0.3;
  if (f.repeated) p -= 0.8;
  return clamp(p, -1, 1);
}

/** The block's score for the main-region search: its weight as prose, or its cost as furniture. */
export function blockScore(f: ProseFeatures, w: ScoreWeights = DEFAULT_WEIGHTS): number {
  if (f.words === 0) return -1;
  const p = proseLikeness(f, w);
  // A long line that is not prose (a list of ingredients, a row of links) costs no more than a few
  // menu lines: long lines are rare in furniture, and a wrong guess must not sink the article.
  if (f.words >= w.proseWords) return p > 0 ? p * f.words : Math.max(p * f.words, -w.longLineCap) - w.lineCost;
  // A short line: a one-line sentence or quote is a little prose; anything else is furniture.
  if (p > 0.3 && f.endsSentence) return 1;
  if (w.listItemCost >= 0 && looksLikeListItem(f)) return -w.listItemCost;
  return -(w.lineCost + f.words * 0.5);
}

/**
 * A short line that reads like an item of a list in the text (a product, a result, a stat line):
 * several words, mostly not capitalised. Menu entries are one to three words, mostly capitalised.
 */
export function looksLikeListItem(f: ProseFeatures): boolean {
  return f.words >= 4 && f.capitalised < 0.5 && !f.repeated;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
