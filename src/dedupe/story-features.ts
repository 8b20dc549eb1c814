/**
 * What a report says about its event, as a set of features for grouping reports into stories:
 * - names (`e:`): runs of capitalised words ("Prime Minister Fumio Kishida"), and the last word of
 *   each run of two or more ("kishida"), so that a full name and a surname meet;
 * - dates (`d:`): a month with its day ("d:january-13") or year ("d:january-2023"), and years;
 * - numbers (`n:`): figures such as "2,400" or "4.5", which rarely repeat across events.
 * Common words are left out on purpose: measured on the seed reports and the test fixtures, adding
 * them narrowed the gap between reports of one event and reports of different events.
 * A capitalised word at the start of a sentence counts as a name only when it is not a common
 * sentence opener ("The", "In", "After"…). Years mentioned are also returned, to tell events apart.
 */

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH_ABBREVIATIONS: Record<string, string> = {
  jan: "january",
  feb: "february",
  mar: "march",
  apr: "april",
  jun: "june",
  jul: "july",
  aug: "august",
  sep: "september",
  sept: "september",
  oct: "october",
  nov: "november",
  dec: "december",
};

/** Words that open sentences or sit capitalised in titles without naming anything. */
const NOT_NAMES = new Set(
  (
    "a an the and or but if in on at of for to from by with as after before during while when where " +
    "this that these those it its he she they we you i his her their our my your there here then " +
    "mr mrs ms dr said says according also however meanwhile but yet so not no yes one two three " +
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow " +
    "both some many most more all each every other another such what which who whom whose why how " +
    "share read more home news photo video advertisement"
  ).split(" "),
);

export interface StoryFeatures {
  features: Set<string>;
  years: Set<number>;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.,&-]*[\p{L}\p{N}\p{M}]\.?|[\p{L}\p{N}]\.?/gu;

const MONTH_SET = new Set<string>(MONTHS);

/** First letters of month names and abbreviations (a, d, f, j, m, n, o, s), lower-cased. */
const MONTH_INITIALS = new Set([97, 100, 102, 106, 109, 110, 111, 115]);

function monthOf(word: string): string | null {
  // Month names are 3 to 9 ASCII letters: most words are ruled out without lower-casing them.
  if (word.length < 3 || word.length > 9 || !MONTH_INITIALS.has(word.charCodeAt(0) | 32)) return null;
  const w = word.toLowerCase();
  if (MONTH_SET.has(w)) return w;
  return MONTH_ABBREVIATIONS[w] ?? null;
}

function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(word);
}

/** A line in title case ("U.S. and Japan Unveil Plans for …"): its capitals do not mark names. */
function isTitleCase(line: string, words: readonly string[]): boolean {
  if (/[.!?]["”’)]?\s*$/.test(line) || words.length > 25) return false;
  const lettered = words.filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  if (lettered.length < 4) return false;
  return lettered.filter(isCapitalised).length / lettered.length >= 0.8;
}

/** "U.S." and "Jan." end with a period without ending the sentence. */
function endsSentence(raw: string): boolean {
  if (!raw.endsWith(".")) return false;
  const body = raw.slice(0, -1);
  return !(body.includes(".") || (body.length <= 3 && isCapitalised(body)) || monthOf(body) !== null);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** One or two ASCII digits. */
function isDay(word: string): boolean {
  return (word.length === 1 || word.length === 2) && isDigit(word.charCodeAt(0)) && isDigit(word.charCodeAt(word.length - 1));
}

/** 19xx or 20xx. */
function isYear(word: string): boolean {
  if (word.length !== 4) return false;
  const a = word.charCodeAt(0);
  const b = word.charCodeAt(1);
  return ((a === 49 && b === 57) || (a === 50 && b === 48)) && isDigit(word.charCodeAt(2)) && isDigit(word.charCodeAt(3));
}

/** An ASCII digit anywhere in the word (what \d matches without the u flag). */
function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (isDigit(word.charCodeAt(i))) return true;
  return false;
}

/** A token without trailing periods and commas, then without a possessive "'s". */
function bareWord(raw: string): string {
  let end = raw.length;
  while (end > 0 && (raw.charCodeAt(end - 1) === 46 || raw.charCodeAt(end - 1) === 44)) end--;
  let word = end === raw.length ? raw : raw.slice(0, end);
  if (word.length >= 2 && word.charCodeAt(word.length - 1) === 115) {
    const q = word.charCodeAt(word.length - 2);
    if (q === 39 || q === 0x2019) word = word.slice(0, -2);
  }
  return word;
}

/** The features of one report (title and body text). */
export function storyFeatures(text: string): StoryFeatures {
  const features = new Set<string>();
  const years = new Set<number>();
  for (const line of text.normalize("NFKC").split(/\n+/)) {
    const raws = line.match(TOKEN) ?? [];
    const words = raws.map(bareWord);
    const headline = isTitleCase(line, words);
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 0) {
        features.add(`e:${run.join(" ").toLowerCase()}`);
        if (run.length > 1) features.add(`e:${(run[run.length - 1] as string).toLowerCase()}`);
      }
      run = [];
    };
    let sentenceStart = true;
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      const startsSentence = sentenceStart;
      // (a token never ends with "!" or "?", so only a period can end the sentence here)
      sentenceStart = endsSentence(raws[i] as string);
      const month = monthOf(word);
      if (month && (isCapitalised(word) || word.length > 3)) {
        flush();
        const next = words[i + 1] ?? "";
        const after = words[i + 2] ?? "";
        if (isDay(next)) features.add(`d:${month}-${Number(next)}`);
        const year = isYear(next) ? next : isYear(after) ? after : null;
        if (year) features.add(`d:${month}-${year}`);
        const before = words[i - 1] ?? "";
        if (isDay(before)) features.add(`d:${month}-${Number(before)}`);
        continue;
      }
      if (isYear(word)) {
        flush();
        years.add(Number(word));
        features.add(`d:${word}`);
        continue;
      }
      if (hasDigit(word)) {
        flush();
        if (word.length >= 2) features.add(`n:${word.replace(/,/g, "")}`);
        continue;
      }
      const capital = isCapitalised(word);
      if (capital && !headline && !((startsSentence || run.length === 0) && NOT_NAMES.has(word.toLowerCase()))) {
        run.push(word);
        if (sentenceStart) flush();
        continue;
      }
      flush();
    }
    flush();
  }
  return { features, years };
}

/** A 32-bit hash of a feature (two multiply-xor rounds over its UTF-16 units). */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A report's features as sorted, distinct 32-bit hashes: what the story table keeps. */
export function featureHashes(features: Iterable<string>): Uint32Array {
  const hashes = Uint32Array.from(features, hash32).sort();
  let n = 0;
  for (let k = 0; k < hashes.length; k++) if (k === 0 || hashes[k] !== hashes[k - 1]) hashes[n++] = hashes[k] as number;
  return hashes.slice(0, n);
}
