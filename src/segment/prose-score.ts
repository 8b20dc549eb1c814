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

export function proseFeatures(raw: string, language: string | null, repeated: boolean): ProseFeatures {
  const { text, bulleted } = raw === "*" || raw === "+" || raw === "•" ? { text: "", bulleted: true } : stripBullet(raw);
  const ws = words(text);
  const unspaced = text.match(UNSPACED)?.length ?? 0;
  const n = unspaced > 0 ? Math.round(unspaced / 2) + words(text.replace(UNSPACED, " ")).length : ws.length;
  const stops = stopWordsOf(language);
  let stopHits = 0;
  if (stops) for (const w of ws) if (stops.has(w.toLowerCase())) stopHits++;
  let caps = 0;
  let digits = 0;
  for (const w of ws) {
    const first = w.charAt(0);
    if (first !== first.toLowerCase()) caps++;
    else if (first >= "0" && first <= "9") digits++;
  }
  return {
    words: n,
    stopDensity: stops === null || ws.length === 0 ? null : stopHits / ws.length,
    endsSentence: endsLikeSentence(text),
    sentences: sentenceCount(text),
    capitalised: ws.length === 0 ? 0 : caps / ws.length,
    numeric: ws.length === 0 ? 0 : digits / ws.length,
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
