/**
 * The headline of a whole-page dump, from where the article is: the line that prints the page title
 * just above the article region, else the nearest line above the region shaped like a headline
 * (not a date, a byline, a caption or a sentence). Menu lines at the top of the page ("Front Page",
 * "Skip to content") are what the head of the dump offers as a title when the page has none.
 */
import { isCaption } from "./classify.ts";
import { titleParts } from "./headline.ts";
import { BYLINE, titleShaped } from "./header.ts";
import { endsLikeSentence, wordCountUpTo, words } from "../text/measure.ts";
import { carriesDate } from "./threads.ts";

export interface HeadlineSearch {
  /** Lines that print the page title (indexes into the texts), in order. */
  printed: readonly number[];
  /** Most lines between the headline and the first line of the article. */
  reach: number;
  /** Most words of a headline. */
  maxWords: number;
  /** A line the boilerplate rules call junk is no headline. */
  isJunk: (text: string) => boolean;
}

/** Index of the line above the region (`start`, `end`) that prints the page title, or null. */
export function printedHeadlineAbove(start: number, search: HeadlineSearch): number | null {
  const from = Math.max(0, start - search.reach - 1);
  for (let i = search.printed.length - 1; i >= 0; i--) {
    const h = search.printed[i] as number;
    if (h < start && h >= from) return h;
  }
  return null;
}

/**
 * Index of the nearest line above the region shaped like a headline, or null. Share buttons and
 * pictures may stand between headline and article, so the search goes twice as far as a printed
 * headline's, but not past a paragraph: prose above the headline belongs to something else.
 */
export function headlineShapedAbove(texts: readonly string[], start: number, search: HeadlineSearch): number | null {
  const from = Math.max(0, start - 2 * search.reach - 1);
  for (let i = start - 1; i >= from; i--) {
    const text = texts[i] as string;
    if (endsLikeSentence(text) && wordCountUpTo(text, 25) >= 25) return null;
    if (text.split(" ").length < 3 || !titleShaped(text, search.maxWords)) continue;
    if (/[:;,]$/.test(text) || carriesDate(text) || BYLINE.test(text) || isCaption(text) || search.isJunk(text)) continue;
    return i;
  }
  return null;
}

/** Content words of a text: lower-cased words of four letters or more, numbers aside. */
function contentWords(text: string): string[] {
  return words(text.toLowerCase()).filter((w) => w.length >= 4 && !/^\d/.test(w));
}

/**
 * Share of a title's content words that the article also uses: a headline speaks of its article.
 * A page title is taken part by part ("Headline | Site"): the best part counts.
 */
export function topicOverlap(title: string, article: ReadonlySet<string>): number {
  let best = 0;
  for (const part of titleParts(title)) {
    const ws = contentWords(part);
    if (ws.length === 0) continue;
    let n = 0;
    for (const w of ws) if (article.has(w)) n++;
    best = Math.max(best, n / ws.length);
  }
  return best;
}

/** The content words of the article's lines. */
export function articleWords(texts: readonly string[], start: number, end: number): Set<string> {
  const out = new Set<string>();
  for (let i = start; i < end; i++) for (const w of contentWords(texts[i] as string)) out.add(w);
  return out;
}
