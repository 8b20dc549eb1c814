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
import { LETTER, MARK, NUMBER, UPPER, classOf, unitsOf } from "../repair/chars.ts";

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

/** For the token scan, of ASCII characters: a letter or digit, or one of `'.,&-`, which only continue a token. */
const START = 1;
const PUNCT = 2;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ASCII_CLASS[c] = START;
  else if (c === 39 || c === 46 || c === 44 || c === 38 || c === 45) ASCII_CLASS[c] = PUNCT;
}

/**
 * The tokens of a line, as `TOKEN` (below) finds them, in one pass over its characters: a letter or
 * digit, then the run of letters, digits, marks and `'’.,&-` after it up to its last letter, digit or
 * mark, then a period if one follows. Without a letter, digit or mark in that run, the token is the
 * first character and a period that follows it.
 *   TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.,&-]*[\p{L}\p{N}\p{M}]\.?|[\p{L}\p{N}]\.?/gu
 */
export function storyTokens(line: string): string[] {
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    let cp = line.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) cp = line.codePointAt(i) as number;
    const starts = cp < 128 ? ASCII_CLASS[cp] === START : (classOf(cp) & (LETTER | NUMBER)) !== 0;
    if (!starts) {
      i += unitsOf(cp);
      continue;
    }
    const start = i;
    i += unitsOf(cp);
    // the end of the token: after the last letter, digit or mark of the run, else after the first character
    let end = i;
    let j = i;
    while (j < n) {
      let c = line.charCodeAt(j);
      if (c < 128) {
        const k = ASCII_CLASS[c] as number;
        if (k === START) end = ++j;
        else if (k === PUNCT) j++;
        else break;
        continue;
      }
      if (c === 0x2019) {
        j++;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff) c = line.codePointAt(j) as number;
      if ((classOf(c) & (LETTER | NUMBER | MARK)) === 0) break;
      j += unitsOf(c);
      end = j;
    }
    if (end < n && line.charCodeAt(end) === 46) end++;
    out.push(line.slice(start, end));
    i = end;
  }
  return out;
}

/** Month names and their abbreviations, by their first letter (a-z): each form with its month. */
const MONTH_FORMS: Array<Array<readonly [string, string]>> = Array.from({ length: 26 }, () => []);
for (const [form, month] of [...MONTHS.map((m) => [m, m] as const), ...Object.entries(MONTH_ABBREVIATIONS)]) {
  (MONTH_FORMS[form.charCodeAt(0) - 97] as Array<readonly [string, string]>).push([form, month]);
}

/**
 * The month a word names, in any case ("May", "JAN", "sept"), or null. Compared a character at a
 * time, without lower-casing the word: only ASCII letters lower-case to the letters of a month name
 * (the Kelvin sign, the one other character that lower-cases to an ASCII letter, gives "k").
 */
export function monthOf(word: string): string | null {
  const n = word.length;
  // Month names are 3 to 9 letters: most words are ruled out by their length or first letter.
  if (n < 3 || n > 9) return null;
  const c0 = word.charCodeAt(0) | 32;
  if (c0 < 97 || c0 > 122) return null;
  next: for (const [form, month] of MONTH_FORMS[c0 - 97] as Array<readonly [string, string]>) {
    if (form.length !== n) continue;
    for (let i = 1; i < n; i++) {
      const c = word.charCodeAt(i);
      const f = form.charCodeAt(i);
      if (c !== f && c !== f - 32) continue next;
    }
    return month;
  }
  return null;
}

function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return (classOf(word.codePointAt(0) as number) & UPPER) !== 0;
}

/** A line in title case ("U.S. and Japan Unveil Plans for …"): its capitals do not mark names. */
function isTitleCase(line: string, words: readonly string[]): boolean {
  if (words.length > 25 || /[.!?]["”’)]?\s*$/.test(line)) return false;
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

/** Adds the features of a run of capitalised words (the whole run, and its last word), and empties the run. */
function flushRun(run: string[], features: Set<string>): void {
  if (run.length === 0) return;
  features.add(`e:${run.join(" ").toLowerCase()}`);
  if (run.length > 1) features.add(`e:${(run[run.length - 1] as string).toLowerCase()}`);
  run.length = 0;
}

/** The features of one report (title and body text). */
export function storyFeatures(text: string): StoryFeatures {
  const features = new Set<string>();
  const years = new Set<number>();
  // the capitalised words read so far that may name something
  const run: string[] = [];
  for (const line of text.normalize("NFKC").split(/\n+/)) {
    const raws = storyTokens(line);
    const words = raws.map(bareWord);
    const headline = isTitleCase(line, words);
    let sentenceStart = true;
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      const startsSentence = sentenceStart;
      // (a token never ends with "!" or "?", so only a period can end the sentence here)
      sentenceStart = endsSentence(raws[i] as string);
      const month = monthOf(word);
      if (month && (isCapitalised(word) || word.length > 3)) {
        flushRun(run, features);
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
        flushRun(run, features);
        years.add(Number(word));
        features.add(`d:${word}`);
        continue;
      }
      if (hasDigit(word)) {
        flushRun(run, features);
        if (word.length >= 2) features.add(`n:${word.replace(/,/g, "")}`);
        continue;
      }
      const capital = isCapitalised(word);
      if (capital && !headline && !((startsSentence || run.length === 0) && NOT_NAMES.has(word.toLowerCase()))) {
        run.push(word);
        if (sentenceStart) flushRun(run, features);
        continue;
      }
      flushRun(run, features);
    }
    flushRun(run, features);
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
