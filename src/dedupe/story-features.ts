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
import { LETTER, MARK, NUMBER, SPACE, UPPER, classOf, unitsOf } from "../text/chars.ts";
import { CodeUnits } from "../text/units.ts";
import { simpleLower } from "../util/hash.ts";
import { GrowableU32 } from "./growable.ts";

/** Month names, lower-case (exported for the tests' reference reading). */
export const MONTHS = [
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
export const MONTH_ABBREVIATIONS: Record<string, string> = {
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
export const NOT_NAMES = new Set(
  (
    "a an the and or but if in on at of for to from by with as after before during while when where " +
    "this that these those it its he she they we you i his her their our my your there here then " +
    "mr mrs ms dr said says according also however meanwhile but yet so not no yes one two three " +
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow " +
    "both some many most more all each every other another such what which who whom whose why how " +
    "share read more home news photo video advertisement"
  ).split(" "),
);

/** No word longer than this is in NOT_NAMES (in UTF-16 units, which lower-casing does not shorten for these). */
const LONGEST_NOT_NAME = Math.max(...[...NOT_NAMES].map((w) => w.length));

/** NOT_NAMES by first letter (a-z) and length, as months are below (all are ASCII letters, lower-case). */
const NOT_NAME_FORMS: string[][] = Array.from({ length: 26 * (LONGEST_NOT_NAME + 1) }, () => []);
for (const word of NOT_NAMES) (NOT_NAME_FORMS[(word.charCodeAt(0) - 97) * (LONGEST_NOT_NAME + 1) + word.length] as string[]).push(word);

/**
 * Whether the word `text[start, end)` lower-cases to one of NOT_NAMES. The words are ASCII letters:
 * a word of ASCII is compared a letter at a time, either case; one with any other unit is asked of
 * its lower-cased string (only the Kelvin sign lower-cases to an ASCII letter, "k", in no such word).
 */
function isNotNameIn(u: Uint16Array, text: string, start: number, end: number): boolean {
  const n = end - start;
  if (n > LONGEST_NOT_NAME) return false;
  for (let i = start; i < end; i++) if ((u[i] as number) >= 128) return NOT_NAMES.has(text.slice(start, end).toLowerCase());
  const c0 = (u[start] as number) | 32;
  if (c0 < 97 || c0 > 122) return false;
  const forms = NOT_NAME_FORMS[(c0 - 97) * (LONGEST_NOT_NAME + 1) + n] as string[];
  next: for (let k = 0; k < forms.length; k++) {
    const form = forms[k] as string;
    for (let i = 1; i < n; i++) {
      const c = u[start + i] as number;
      if (c !== form.charCodeAt(i) && c !== form.charCodeAt(i) - 32) continue next;
    }
    return true;
  }
  return false;
}

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
 * The tokens are left in `tokens` as positions in the line, not as strings: most are read a few
 * characters at a time and never need a string of their own.
 */
function scanTokens(u: Uint16Array, text: string, from: number, to: number, tokens: Tokens): void {
  tokens.count = 0;
  const n = to;
  let i = from;
  while (i < n) {
    let cp = u[i] as number;
    if (cp >= 0xd800 && cp <= 0xdbff) cp = text.codePointAt(i) as number;
    const starts = cp < 128 ? ASCII_CLASS[cp] === START : (classOf(cp) & (LETTER | NUMBER)) !== 0;
    if (!starts) {
      i += unitsOf(cp);
      continue;
    }
    const start = i;
    let digit = cp >= 48 && cp <= 57;
    i += unitsOf(cp);
    // the end of the token: after the last letter, digit or mark of the run, else after the first character
    let end = i;
    let j = i;
    while (j < n) {
      let c = u[j] as number;
      if (c < 128) {
        const k = ASCII_CLASS[c] as number;
        if (k === START) {
          if (c <= 57) digit = true;
          end = ++j;
        } else if (k === PUNCT) j++;
        else break;
        continue;
      }
      if (c === 0x2019) {
        j++;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff) c = text.codePointAt(j) as number;
      if ((classOf(c) & (LETTER | NUMBER | MARK)) === 0) break;
      j += unitsOf(c);
      end = j;
    }
    if (end < n && u[end] === 46) end++;
    tokens.add(start, end, bareEnd(u, start, end), digit);
    i = end;
  }
}

/** A copy of `a` in an array twice as long. */
function doubled(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The tokens of one line as positions in the text: where each starts, where it ends, and where its
 * bare word ends (without trailing periods and commas, then without a possessive "'s"); and whether
 * it holds an ASCII digit (what \d matches without the u flag). Reused from line to line.
 */
class Tokens {
  count = 0;
  start = new Int32Array(256);
  end = new Int32Array(256);
  bare = new Int32Array(256);
  digit = new Uint8Array(256);

  add(start: number, end: number, bare: number, digit: boolean): void {
    if (this.count === this.start.length) {
      this.start = doubled(this.start);
      this.end = doubled(this.end);
      this.bare = doubled(this.bare);
      const more = new Uint8Array(this.digit.length * 2);
      more.set(this.digit);
      this.digit = more;
    }
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.bare[this.count] = bare;
    this.digit[this.count] = digit ? 1 : 0;
    this.count++;
  }
}

/** The copy of the code units of the report being read (or of the word or line the helpers below read). */
const REPORT_UNITS = new CodeUnits();

/** The tokens of a line as strings (for tests). */
export function storyTokens(line: string): string[] {
  const tokens = new Tokens();
  scanTokens(REPORT_UNITS.load(line), line, 0, line.length, tokens);
  return Array.from({ length: tokens.count }, (_, k) => line.slice(tokens.start[k], tokens.end[k]));
}

/**
 * Month names and their abbreviations, by first letter (a-z) and length (3-9): the forms, and the
 * month each names at the same place. Every token of a report is asked, so the lookup is two indexes
 * and a few character compares, without iterators.
 */
const MONTH_FORMS: string[][] = Array.from({ length: 26 * 10 }, () => []);
const MONTH_OF_FORM: string[][] = Array.from({ length: 26 * 10 }, () => []);
for (const [form, month] of [...MONTHS.map((m) => [m, m] as const), ...Object.entries(MONTH_ABBREVIATIONS)]) {
  const slot = (form.charCodeAt(0) - 97) * 10 + form.length;
  (MONTH_FORMS[slot] as string[]).push(form);
  (MONTH_OF_FORM[slot] as string[]).push(month);
}

/**
 * The month a word names, in any case ("May", "JAN", "sept"), or null. Compared a character at a
 * time, without lower-casing the word: only ASCII letters lower-case to the letters of a month name
 * (the Kelvin sign, the one other character that lower-cases to an ASCII letter, gives "k").
 */
export function monthOf(word: string): string | null {
  return monthIn(REPORT_UNITS.load(word), 0, word.length);
}

/** monthOf of the word at `[start, end)` of the code units `u`. */
function monthIn(u: Uint16Array, start: number, end: number): string | null {
  const n = end - start;
  // Month names are 3 to 9 letters: most words are ruled out by their length or first letter.
  if (n < 3 || n > 9) return null;
  const c0 = (u[start] as number) | 32;
  if (c0 < 97 || c0 > 122) return null;
  const slot = (c0 - 97) * 10 + n;
  const forms = MONTH_FORMS[slot] as string[];
  next: for (let k = 0; k < forms.length; k++) {
    const form = forms[k] as string;
    for (let i = 1; i < n; i++) {
      const c = u[start + i] as number;
      const f = form.charCodeAt(i);
      if (c !== f && c !== f - 32) continue next;
    }
    return (MONTH_OF_FORM[slot] as string[])[k] as string;
  }
  return null;
}

/** The word starting at `start` starts with a capital (`/^\p{Lu}/u`). */
function capitalAt(u: Uint16Array, text: string, start: number): boolean {
  const c = u[start] as number;
  if (c < 128) return c >= 65 && c <= 90;
  return (classOf(text.codePointAt(start) as number) & UPPER) !== 0;
}

/** A line (`text[from, to)`) in title case ("U.S. and Japan Unveil Plans for …"): its capitals do not mark names. */
function isTitleCase(u: Uint16Array, text: string, from: number, to: number, tokens: Tokens): boolean {
  if (tokens.count > 25 || lineEndsSentence(u, from, to)) return false;
  // the words of more than three characters that start with a letter
  let lettered = 0;
  let capitalised = 0;
  for (let k = 0; k < tokens.count; k++) {
    const start = tokens.start[k] as number;
    if ((tokens.bare[k] as number) - start <= 3 || (classOf(text.codePointAt(start) as number) & LETTER) === 0) continue;
    lettered++;
    if (capitalAt(u, text, start)) capitalised++;
  }
  if (lettered < 4) return false;
  return capitalised / lettered >= 0.8;
}

/**
 * The line `[from, to)` ends as a sentence does: a period, "!" or "?", maybe a closing quote or
 * bracket, then only white space (`/[.!?]["”’)]?\s*$/`).
 */
function lineEndsSentence(u: Uint16Array, from: number, to: number): boolean {
  let e = to;
  while (e > from && (classOf(u[e - 1] as number) & SPACE) !== 0) e--;
  if (e === from) return false;
  const last = u[e - 1] as number;
  if (last === 46 || last === 33 || last === 63) return true;
  if (!(last === 34 || last === 0x201d || last === 0x2019 || last === 41) || e - 1 === from) return false;
  const before = u[e - 2] as number;
  return before === 46 || before === 33 || before === 63;
}

/** Where the bare word of the token `[start, end)` ends: without trailing periods and commas, then without a possessive "'s". */
function bareEnd(u: Uint16Array, start: number, end: number): number {
  let e = end;
  while (e > start && (u[e - 1] === 46 || u[e - 1] === 44)) e--;
  if (e - start >= 2 && u[e - 1] === 115) {
    const q = u[e - 2];
    if (q === 39 || q === 0x2019) e -= 2;
  }
  return e;
}

/** "U.S." and "Jan." end with a period without ending the sentence: of the token `[start, end)`. */
function endsSentence(u: Uint16Array, text: string, start: number, end: number): boolean {
  if (u[end - 1] !== 46) return false;
  const bodyEnd = end - 1;
  for (let i = start; i < bodyEnd; i++) if (u[i] === 46) return false;
  if (bodyEnd - start <= 3 && capitalAt(u, text, start)) return false;
  return monthIn(u, start, bodyEnd) === null;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** One or two ASCII digits: as a day of the month, or -1. */
function dayIn(u: Uint16Array, start: number, end: number): number {
  const n = end - start;
  if (n !== 1 && n !== 2) return -1;
  const a = u[start] as number;
  const b = u[end - 1] as number;
  if (!isDigit(a) || !isDigit(b)) return -1;
  return n === 1 ? a - 48 : (a - 48) * 10 + (b - 48);
}

/** 19xx or 20xx. */
function isYearIn(u: Uint16Array, start: number, end: number): boolean {
  if (end - start !== 4) return false;
  const a = u[start] as number;
  const b = u[start + 1] as number;
  return ((a === 49 && b === 57) || (a === 50 && b === 48)) && isDigit(u[start + 2] as number) && isDigit(u[start + 3] as number);
}

/**
 * Where a scan of a report puts its features. Names come as a run of words, each `[start, end)` in
 * the text: the feature is `e:` and the words lower-cased, one space between them.
 */
interface FeatureSink {
  /** A feature given as its string (dates, years). */
  add(feature: string): void;
  /** `e:` and the words `from` to `to` (exclusive) of the run, lower-cased, one space between them. */
  name(u: Uint16Array, text: string, run: Run, from: number, to: number): void;
  /** `n:` and the figure `text[start, end)` without its commas. */
  figure(u: Uint16Array, text: string, start: number, end: number): void;
}

/** The capitalised words read so far in the current line that may name something, as positions in the text. */
class Run {
  count = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);

  push(start: number, end: number): void {
    if (this.count === this.start.length) {
      this.start = doubled(this.start);
      this.end = doubled(this.end);
    }
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.count++;
  }
}

/** Adds the features of a run of capitalised words (the whole run, and its last word), and empties the run. */
function flushRun(u: Uint16Array, text: string, run: Run, sink: FeatureSink): void {
  if (run.count === 0) return;
  sink.name(u, text, run, 0, run.count);
  if (run.count > 1) sink.name(u, text, run, run.count - 1, run.count);
  run.count = 0;
}

/** The words of a run as the string of its feature. */
function nameFeature(text: string, run: Run, from: number, to: number): string {
  const words: string[] = [];
  for (let k = from; k < to; k++) words.push(text.slice(run.start[k], run.end[k]));
  return `e:${words.join(" ").toLowerCase()}`;
}

/** Keeps features as strings. */
class StringFeatures implements FeatureSink {
  readonly features = new Set<string>();
  add(feature: string): void {
    this.features.add(feature);
  }
  name(_u: Uint16Array, text: string, run: Run, from: number, to: number): void {
    this.features.add(nameFeature(text, run, from, to));
  }
  figure(_u: Uint16Array, text: string, start: number, end: number): void {
    this.features.add(`n:${text.slice(start, end).replace(/,/g, "")}`);
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/**
 * Keeps features as their `hash32`, hashed as the words are read rather than built as strings. A word
 * holding a letter that lower-cases other than alone into one unit (see `simpleLower`) is built as a
 * string and hashed, so that the hash is always that of the string.
 */
class HashedFeatures implements FeatureSink {
  private readonly hashes = new GrowableU32(256);

  private push(hash: number): void {
    this.hashes.push(hash);
  }

  add(feature: string): void {
    this.push(hash32(feature));
  }

  name(u: Uint16Array, text: string, run: Run, from: number, to: number): void {
    // "e:"
    let h = Math.imul(Math.imul(FNV_OFFSET ^ 101, FNV_PRIME) ^ 58, FNV_PRIME);
    for (let k = from; k < to; k++) {
      if (k > from) h = Math.imul(h ^ 32, FNV_PRIME);
      const end = run.end[k] as number;
      for (let i = run.start[k] as number; i < end; i++) {
        let c = u[i] as number;
        if (c < 128) {
          if (c >= 65 && c <= 90) c += 32;
        } else {
          c = simpleLower(c);
          if (c < 0) {
            this.push(hash32(nameFeature(text, run, from, to)));
            return;
          }
        }
        h = Math.imul(h ^ c, FNV_PRIME);
      }
    }
    this.push(finish32(h));
  }

  figure(u: Uint16Array, _text: string, start: number, end: number): void {
    // "n:"
    let h = Math.imul(Math.imul(FNV_OFFSET ^ 110, FNV_PRIME) ^ 58, FNV_PRIME);
    for (let i = start; i < end; i++) {
      const c = u[i] as number;
      if (c !== 44) h = Math.imul(h ^ c, FNV_PRIME);
    }
    this.push(finish32(h));
  }

  /** The hashes, sorted and distinct (as `featureHashes` gives them). */
  sorted(): Uint32Array {
    return sortedDistinct(this.hashes.data.slice(0, this.hashes.length));
  }
}

const LINE_TOKENS = new Tokens();
const LINE_RUN = new Run();

/** The features of one report (title and body text), as strings (the readable form, and the tests'). */
export function storyFeatures(text: string): StoryFeatures {
  const sink = new StringFeatures();
  const years = new Set<number>();
  scanReport(text, sink, years);
  return { features: sink.features, years };
}

/**
 * The features of one report as sorted, distinct 32-bit hashes: `featureHashes(storyFeatures(text).features)`,
 * without building the features' strings.
 */
export function storyFeatureHashes(text: string): Uint32Array {
  return storyFeatureHashesOf([text]);
}

/**
 * `storyFeatureHashes(parts.join("\n"))` without joining them (a title, a subtitle and a 5 KB body
 * made a 10 KB string for each article): the scan reads line by line, nothing carries from one line
 * to the next, and a line break is a boundary of NFKC normalisation, so each part is scanned alone.
 */
export function storyFeatureHashesOf(parts: readonly string[]): Uint32Array {
  const sink = new HashedFeatures();
  for (const part of parts) scanReport(part, sink, null);
  return sink.sorted();
}

function scanReport(report: string, sink: FeatureSink, years: Set<number> | null): void {
  const run = LINE_RUN;
  run.count = 0;
  const tokens = LINE_TOKENS;
  const text = report.normalize("NFKC");
  const u = REPORT_UNITS.load(text);
  const length = text.length;
  // line by line, a line ending at a line break (empty lines hold no token)
  let lineEnd = -1;
  while (lineEnd < length) {
    const lineStart = lineEnd + 1;
    lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = length;
    if (lineEnd === lineStart) continue;
    scanTokens(u, text, lineStart, lineEnd, tokens);
    const count = tokens.count;
    const { start: starts, end: ends, bare: bares, digit: digits } = tokens;
    const headline = isTitleCase(u, text, lineStart, lineEnd, tokens);
    let sentenceStart = true;
    for (let i = 0; i < count; i++) {
      // the bare word is text[from, to)
      const from = starts[i] as number;
      const to = bares[i] as number;
      const startsSentence = sentenceStart;
      // (a token never ends with "!" or "?", so only a period can end the sentence here)
      sentenceStart = endsSentence(u, text, from, ends[i] as number);
      const month = monthIn(u, from, to);
      if (month && (capitalAt(u, text, from) || to - from > 3)) {
        flushRun(u, text, run, sink);
        const next = i + 1 < count ? dayIn(u, starts[i + 1] as number, bares[i + 1] as number) : -1;
        if (next >= 0) sink.add(`d:${month}-${next}`);
        let year: string | null = null;
        if (i + 1 < count && isYearIn(u, starts[i + 1] as number, bares[i + 1] as number)) year = text.slice(starts[i + 1], bares[i + 1]);
        else if (i + 2 < count && isYearIn(u, starts[i + 2] as number, bares[i + 2] as number)) year = text.slice(starts[i + 2], bares[i + 2]);
        if (year) sink.add(`d:${month}-${year}`);
        const before = i > 0 ? dayIn(u, starts[i - 1] as number, bares[i - 1] as number) : -1;
        if (before >= 0) sink.add(`d:${month}-${before}`);
        continue;
      }
      if (isYearIn(u, from, to)) {
        flushRun(u, text, run, sink);
        const word = text.slice(from, to);
        years?.add(Number(word));
        sink.add(`d:${word}`);
        continue;
      }
      if (digits[i] === 1) {
        flushRun(u, text, run, sink);
        if (to - from >= 2) sink.figure(u, text, from, to);
        continue;
      }
      if (capitalAt(u, text, from) && !headline) {
        if (!((startsSentence || run.count === 0) && isNotNameIn(u, text, from, to))) {
          run.push(from, to);
          if (sentenceStart) flushRun(u, text, run, sink);
          continue;
        }
      }
      flushRun(u, text, run, sink);
    }
    flushRun(u, text, run, sink);
  }
}

/** A 32-bit hash of a feature (FNV-1a over its UTF-16 units, then a final mix). */
function hash32(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return finish32(h);
}

function finish32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A report's features as sorted, distinct 32-bit hashes: what the story table keeps. */
export function featureHashes(features: Iterable<string>): Uint32Array {
  return sortedDistinct(Uint32Array.from(features, hash32));
}

/** `hashes` (an array of its own, sorted in place) without repeats. */
function sortedDistinct(hashes: Uint32Array): Uint32Array {
  hashes.sort();
  let n = 0;
  for (let k = 0; k < hashes.length; k++) if (k === 0 || hashes[k] !== hashes[k - 1]) hashes[n++] = hashes[k] as number;
  return hashes.slice(0, n);
}
