/**
 * Small measures of a piece of text that stages weigh: words, sentence endings, stop-word density,
 * case. Language-neutral where it can be; the stop-word lists cover the languages we detect.
 */
import { LETTER, NUMBER, SPACE, classOf } from "./chars.ts";
import { STOP_WORDS } from "./stopwords.ts";
import { CodeUnits } from "./units.ts";

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Is the UTF-16 code unit at `i` part of a word (`[\p{L}\p{N}]`)? ASCII by a small table, the rest
 * by the cached class table; a surrogate (half of an astral character) counts as part of a word.
 */
function isWordChar(text: string, i: number): boolean {
  return isWordCode(text.charCodeAt(i));
}

/** 1 for the ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ASCII_WORD[c] = 1;

/** `isWordChar` of a code unit already read. */
function isWordCode(c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return (classOf(c) & (LETTER | NUMBER)) !== 0;
}

/** Chinese characters and Japanese kana: scripts written without spaces. */
function isSpaceless(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/**
 * Number of words: runs of letters and digits (apostrophes and hyphens inside a word keep it whole).
 * In scripts written without spaces (Chinese, Japanese) two characters count as a word, about the
 * length of a word there.
 */
export function wordCount(text: string): number {
  return wordCountUpTo(text, Infinity);
}

/**
 * `Math.min(wordCount(text), limit)`: the count stops at `limit`, so that a test such as "at least 25
 * words" or "more than 120 words" reads only as much of a long text as it needs. (The count only grows
 * as the scan goes on, so reaching the limit early means the whole text reaches it.)
 */
export function wordCountUpTo(text: string, limit: number): number {
  if (limit <= 0) return limit;
  let n = 0;
  let spaceless = 0;
  let inWord = false;
  const length = text.length;
  // A chunk at a time, read from a copy of its code units (see units.ts): a short limit on a long
  // text still stops after the chunk that reaches it.
  for (let from = 0; from < length; from += COUNT_CHUNK) {
    const to = Math.min(length, from + COUNT_CHUNK);
    const u = COUNT_UNITS.load(from === 0 && to === length ? text : text.slice(from, to));
    for (let k = 0; k < to - from; k++) {
      const code = u[k] as number;
      // ASCII first, by table: most characters of most texts are, and need no other test
      if (code < 128) {
        if (ASCII_WORD[code] === 1) {
          if (!inWord) {
            if (++n + ((spaceless + 1) >> 1) >= limit) return limit;
            inWord = true;
          }
          continue;
        }
      } else if (code >= 0x3040 && isSpaceless(code)) {
        spaceless++;
        inWord = false;
        if (n + ((spaceless + 1) >> 1) >= limit) return limit;
        continue;
      } else if (isWordCode(code)) {
        if (!inWord) {
          if (++n + ((spaceless + 1) >> 1) >= limit) return limit;
          inWord = true;
        }
        continue;
      }
      // ' ’ - inside a word (don't, state-owned) do not end it
      const i = from + k;
      if (inWord && (code === 39 || code === 0x2019 || code === 45) && i + 1 < length && isWordCode(text.charCodeAt(i + 1))) continue;
      inWord = false;
    }
  }
  return n + Math.ceil(spaceless / 2);
}

/** UTF-16 units wordCountUpTo reads at a time. */
const COUNT_CHUNK = 4096;
/** The copy of the code units wordCountUpTo reads (a chunk at a time). */
const COUNT_UNITS = new CodeUnits();

/**
 * Ends like a sentence: a full stop, question or exclamation mark, maybe followed by quotes
 * (`/[.!?…。！？][\s"'”’»)\]]*$/u`). Read from the end: the pattern, anchored there only, would be tried
 * at every position of the text. The closing characters and the marks are two sets apart, so the mark
 * must stand right before the run of closing characters at the end.
 */
export function endsLikeSentence(text: string): boolean {
  let i = text.length;
  while (i > 0 && isClosing(text.charCodeAt(i - 1))) i--;
  if (i === 0) return false;
  const c = text.charCodeAt(i - 1);
  return c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 0x3002 || c === 0xff01 || c === 0xff1f;
}

/** `[\s"'”’»)\]]`: white space, a closing quote or bracket. */
function isClosing(c: number): boolean {
  if (c === 32 || c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0xbb) return true;
  return (classOf(c) & SPACE) !== 0;
}

/** Number of sentence ends inside the text (a rough sentence count). */
export function sentenceCount(text: string): number {
  const m = text.match(/[.!?…。！？]+[\s"'”’»)\]]*(?=\s+["'“‘«(]?\p{Lu}|$)/gu);
  return m ? m.length : 0;
}

/** Share of words that are stop words of the given language (or of English when unknown). */
export function stopWordDensity(text: string, language: string | null = null): number {
  const list = STOP_WORDS[language ?? "en"] ?? STOP_WORDS.en;
  const ws = words(text);
  if (ws.length === 0) return 0;
  let n = 0;
  for (const w of ws) if (list?.has(w.toLowerCase())) n++;
  return n / ws.length;
}

/** Share of letters that are upper-case. */
export function upperRatio(text: string): number {
  let letters = 0;
  let upper = 0;
  for (const ch of text) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (ch !== ch.toLowerCase()) upper++;
    }
  }
  return letters === 0 ? 0 : upper / letters;
}

/** Share of words (of 4+ letters, stop words aside) that start with a capital: high in titles. */
export function titleCaseRatio(text: string): number {
  const ws = words(text).filter((w) => w.length >= 4 && !STOP_WORDS.en?.has(w.toLowerCase()));
  if (ws.length === 0) return 0;
  return ws.filter((w) => /^\p{Lu}/u.test(w)).length / ws.length;
}

/**
 * Whether `fold(text)` is sure to be longer than `length`, told without folding: each ASCII letter or
 * digit of the text stays a character of its own in the folded text (lower-casing maps it to one
 * ASCII character, and NFKC neither drops it nor composes it with a neighbouring letter or digit), so
 * a text with more of them than `length` folds to something longer. The scan stops once it has seen
 * enough: a long paragraph is not folded to be compared with a short title.
 */
export function foldsLongerThan(text: string, length: number): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) && ++n > length) return true;
  }
  return false;
}

/**
 * Normalises text for comparing blocks: case folded, and everything but letters and digits (quotes,
 * punctuation, spacing) reduced to single spaces.
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Each run of word characters is copied whole, one space between runs.
  let out = "";
  let start = -1;
  let wide = false;
  const n = lower.length;
  for (let i = 0; i < n; i++) {
    if (isWordChar(lower, i)) {
      if (start < 0) start = i;
      if (lower.charCodeAt(i) >= 128) wide = true;
    } else if (start >= 0) {
      out = out === "" ? lower.slice(start, i) : `${out} ${lower.slice(start, i)}`;
      start = -1;
    }
  }
  if (start >= 0) out = out === "" ? lower.slice(start) : `${out} ${lower.slice(start)}`;
  // Compatibility forms (ligatures, full-width letters) only occur outside ASCII.
  return wide ? out.normalize("NFKC") : out;
}
