/**
 * Word tokens for duplicate detection, hashed on the fly. The text is NFKC-normalised and
 * lower-cased; a word is a run of letters, digits or marks (each CJK ideograph or kana is a word
 * of its own); punctuation, symbols and white space only separate words. So two bodies that differ
 * only in case, spacing, quotes or punctuation give the same words.
 *
 * Each word gets two independent 32-bit hashes (FNV-1a and a multiply-xorshift hash), written into
 * reusable buffers, so that a whole article is tokenised without allocating a string per word.
 */
import { LETTER, MARK, NUMBER, classOf, unitsOf } from "../text/chars.ts";
import { CodeUnits } from "../text/units.ts";
import { simpleLetterLower } from "../util/hash.ts";

/** Reusable word-hash buffers: `a[i]` and `b[i]` are the two hashes of word i. */
export interface WordHashes {
  a: Uint32Array;
  b: Uint32Array;
  count: number;
}

export function createWordHashes(capacity = 4096): WordHashes {
  return { a: new Uint32Array(capacity), b: new Uint32Array(capacity), count: 0 };
}

/** Punctuation and symbols outside ASCII that separate words (general punctuation, arrows, maths, CJK marks…). */
function isSeparator(code: number): boolean {
  if (code < 0xc0) return code !== 0xaa && code !== 0xb5 && code !== 0xba;
  if (code === 0xd7 || code === 0xf7) return true;
  if (code >= 0x2000 && code <= 0x2bff) return true;
  if (code >= 0x3000 && code <= 0x303f) return true;
  if (code >= 0xfe30 && code <= 0xfe4f) return true;
  if (code >= 0xff00 && code <= 0xff0f) return true;
  if (code >= 0xff1a && code <= 0xff20) return true;
  return false;
}

/** Ideographs and kana: written without spaces, so each character is a word. */
function isIdeograph(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

function grow(words: WordHashes): void {
  const a = new Uint32Array(words.a.length * 2);
  const b = new Uint32Array(words.b.length * 2);
  a.set(words.a);
  b.set(words.b);
  words.a = a;
  words.b = b;
}

/** Normalises the text as duplicate detection sees it (for display and tests). */
export function normaliseForMatching(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * Tokenises `text` into `out` (reset first) and returns the number of words. Text of ASCII, of
 * separators that normalising leaves separators (curly quotes, dashes, no-break spaces…) and of
 * Latin, Greek and Cyrillic letters that lower-case alone and that NFKC leaves alone is read as it
 * is, lower-cased as it goes: normalising it first would change nothing else. Text with anything
 * else in it (a combining mark, an ideograph, a ligature) is normalised first.
 */
export function hashWords(text: string, out: WordHashes): number {
  const count = scanPlainWords(text, out);
  return count >= 0 ? count : scanWords(normaliseForMatching(text), out);
}

/** For each UTF-16 unit from 128 up: 1 when it is a plain separator (see below), 2 when not, 0 not known yet. */
const PLAIN_SEPARATOR = new Uint8Array(0x10000);

/**
 * A unit that separates words, and whose NFKC form, lower-cased, is separators only, whatever stands
 * next to it: reading it as a space tokenises the text as normalising it first would.
 */
function plainSeparator(c: number): boolean {
  let known = PLAIN_SEPARATOR[c] as number;
  if (known === 0) {
    const ch = String.fromCharCode(c);
    const form = ch.normalize("NFKC");
    let plain = !(c >= 0xd800 && c <= 0xdfff) && isSeparator(c) && `a${ch}a`.normalize("NFKC") === `a${form}a`;
    const lower = form.toLowerCase();
    for (let i = 0; plain && i < lower.length; i++) {
      const u = lower.charCodeAt(i);
      plain = u < 0x80 ? !((u >= 97 && u <= 122) || (u >= 48 && u <= 57) || (u >= 65 && u <= 90)) : isSeparator(u);
    }
    known = plain ? 1 : 2;
    PLAIN_SEPARATOR[c] = known;
  }
  return known === 1;
}

/**
 * What the plain reading makes of each UTF-16 unit, in one table so that the loop over a text asks
 * one array and calls nothing: SEPARATES for a separator, the unit lower-cased for a letter or digit
 * it can read as it is, GENERAL for a unit that sends the text the general way, UNKNOWN for a unit
 * not seen yet (worked out once, by `learnPlain`).
 */
const SEPARATES = 0;
const GENERAL = 0xfffe;
const UNKNOWN = 0xffff;
const PLAIN_UNIT = new Uint16Array(0x10000).fill(UNKNOWN);
for (let c = 0; c < 0x80; c++) {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) PLAIN_UNIT[c] = c;
  else if (c >= 65 && c <= 90) PLAIN_UNIT[c] = c + 32;
  else PLAIN_UNIT[c] = SEPARATES;
}

function learnPlain(c: number): number {
  // a letter that NFKC leaves alone and that lower-cases alone (never to these two non-characters)
  const lower = plainSeparator(c) ? SEPARATES : simpleLetterLower(c);
  const unit = lower < 0 ? GENERAL : lower;
  PLAIN_UNIT[c] = unit;
  return unit;
}

const WORD_UNITS = new CodeUnits();

/** The two hashes of a word before its first unit (FNV-1a's offset, and a multiply-xorshift seed). */
const A0 = 0x811c9dc5;
const B0 = 0x9e3779b9;
/** The two hashes after one more unit. */
const stepA = (h: number, unit: number): number => Math.imul(h ^ unit, 0x01000193);
const stepB = (h: number, unit: number): number => Math.imul(h ^ unit, 0x85ebca6b) ^ (h >>> 13);

/** A finished word's two hashes, as word `count` of `out` (grown when full). */
function putWord(out: WordHashes, count: number, ha: number, hb: number): void {
  if (count === out.a.length) grow(out);
  out.a[count] = ha >>> 0;
  out.b[count] = finalMix(hb);
}

/**
 * The word hashes of the text as given into `out`, lower-cased as it is read, or -1 as soon as a
 * unit shows that it needs normalising first. (A letter of Latin, Greek or Cyrillic never composes
 * with the letter next to it under NFKC: only combining marks, which send the text the general way, do.)
 */
function scanPlainWords(s: string, out: WordHashes): number {
  const units = WORD_UNITS.load(s);
  let count = 0;
  let ha = A0;
  let hb = B0;
  let inWord = false;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let code = PLAIN_UNIT[units[i] as number] as number;
    if (code >= GENERAL) {
      if (code === UNKNOWN) code = learnPlain(units[i] as number);
      if (code === GENERAL) return -1;
    }
    if (code !== SEPARATES) {
      ha = stepA(ha, code);
      hb = stepB(hb, code);
      inWord = true;
    } else if (inWord) {
      putWord(out, count++, ha, hb);
      ha = A0;
      hb = B0;
      inWord = false;
    }
  }
  if (inWord) putWord(out, count++, ha, hb);
  out.count = count;
  return count;
}

/** The word hashes of `s`, NFKC-normalised and lower-cased already, into `out`. */
function scanWords(s: string, out: WordHashes): number {
  let count = 0;
  let ha = A0;
  let hb = B0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const word = code < 0x80 ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) : !isSeparator(code);
    // a word ends before anything else than a letter or digit, and before an ideograph, which is a
    // word of its own
    if (inWord && !(word && !isIdeograph(code))) {
      putWord(out, count++, ha, hb);
      ha = A0;
      hb = B0;
      inWord = false;
    }
    if (!word) continue;
    if (isIdeograph(code)) putWord(out, count++, stepA(A0, code), stepB(B0, code));
    else {
      ha = stepA(ha, code);
      hb = stepB(hb, code);
      inWord = true;
    }
  }
  if (inWord) putWord(out, count++, ha, hb);
  out.count = count;
  return count;
}

/** The words themselves (allocating): for features that need the strings, and for tests. */
export function matchingWords(text: string): string[] {
  return normaliseForMatching(text).match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/**
 * Calls `visit` with where each word of `matchingWords` starts and ends in `s` (the normalised text):
 * runs of letters, digits and marks, found with one scan instead of a regex.
 */
function forEachMatchingWord(s: string, visit: (start: number, end: number) => void): void {
  const n = s.length;
  let start = -1;
  let i = 0;
  while (i < n) {
    let cp = s.charCodeAt(i);
    let word: boolean;
    if (cp < 0x80) word = (cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90);
    else {
      if (cp >= 0xd800 && cp <= 0xdbff) cp = s.codePointAt(i) as number;
      word = (classOf(cp) & (LETTER | NUMBER | MARK)) !== 0;
    }
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      visit(start, i);
      start = -1;
    }
    i += unitsOf(cp);
  }
  if (start >= 0) visit(start, n);
}

/** The words of `matchingWords` joined by single spaces, and how many there are, without an array of words. */
export function matchingKey(text: string): { key: string; count: number } {
  const s = normaliseForMatching(text);
  let key = "";
  let count = 0;
  forEachMatchingWord(s, (start, end) => {
    key = count === 0 ? s.slice(start, end) : `${key} ${s.slice(start, end)}`;
    count++;
  });
  return { key, count };
}

/**
 * A 53-bit hash of `matchingKey`'s key (of its UTF-16 units, words and the spaces between them), and
 * the number of words, without building the key: equal keys have equal hashes, so only texts whose
 * hashes are equal need their keys compared.
 */
export function matchingKeyHash(text: string): { hash: number; count: number } {
  const s = normaliseForMatching(text);
  let ha = A0;
  let hb = B0;
  let count = 0;
  forEachMatchingWord(s, (start, end) => {
    if (count > 0) {
      ha = stepA(ha, 32);
      hb = stepB(hb, 32);
    }
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      ha = stepA(ha, c);
      hb = stepB(hb, c);
    }
    count++;
  });
  return { hash: (ha >>> 0) * 0x200000 + (finalMix(hb) >>> 11), count };
}

export function finalMix(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}
