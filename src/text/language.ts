/**
 * Guessing the language of a text: by script for the languages that have their own, by stop-word
 * share among the Latin-script languages we know. Returns an ISO 639-1 code, or null when unsure.
 */
import { STOP_WORDS } from "./stopwords.ts";
import { words } from "./measure.ts";
import { LETTER, NUMBER, classOf, unitsOf } from "./chars.ts";
import { CodeUnits } from "./units.ts";

const SCRIPTS: Array<[RegExp, (text: string) => string | null]> = [
  [/[\u3040-\u30ff]/u, () => "ja"],
  [/[\uac00-\ud7af]/u, () => "ko"],
  [/\p{Script=Han}/u, () => "zh"],
  [/\p{Script=Arabic}/u, (t) => (/[پچژگ]/u.test(t) ? "fa" : "ar")],
  [/\p{Script=Hebrew}/u, () => "he"],
  [/\p{Script=Greek}/u, () => "el"],
  [/\p{Script=Thai}/u, () => "th"],
  [/\p{Script=Devanagari}/u, () => "hi"],
  [/\p{Script=Cyrillic}/u, (t) => (/[іїєґ]/iu.test(t) ? "uk" : /[ыэъё]/iu.test(t) ? "ru" : byStopWords(t, ["ru", "uk"]))],
];

/** Runs of code units below U+00C0: what is left without them is the sample's letters outside Latin-1 and the like. */
const BELOW_C0 = /[\u0000-\u00bf]+/g;

/** Characters of a text that tell its script (and, of those, 2,500 its stop words). */
const SAMPLE = 3000;

function dominantScript(text: string): RegExp | null {
  const sample = text.slice(0, SAMPLE);
  // The code units from U+00C0 up are counted by the regex engine, which drops the runs of the others
  // much faster than a loop looks at each code unit. Then the ASCII letters are counted only until
  // there are enough of them for Latin script, whatever the rest of the sample holds: in a Latin text
  // that is a line or two. ((ascii + other) * 0.3 only grows with ascii, so the test once passed stays passed.)
  const other = sample.replace(BELOW_C0, "").length;
  let ascii = 0;
  // Latin script (accents included) needs no script test.
  if (other < (ascii + other) * 0.3) return null;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      ascii++;
      if (other < (ascii + other) * 0.3) return null;
    }
  }
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return null;
  for (const [re] of SCRIPTS) {
    const global = new RegExp(re.source, "gu");
    const n = sample.match(global)?.length ?? 0;
    if (n / letters > 0.3) return re;
  }
  return null;
}

/** The language among `candidates` whose stop words make up the largest share of the text. */
function byStopWords(text: string, candidates: readonly string[]): string | null {
  const ws = words(text.slice(0, 2500)).map((w) => w.toLowerCase());
  let best: string | null = null;
  let bestShare = 0;
  for (const lang of candidates) {
    const list = STOP_WORDS[lang];
    if (!list) continue;
    const share = ws.filter((w) => list.has(w)).length / Math.max(1, ws.length);
    if (share > bestShare) {
      bestShare = share;
      best = lang;
    }
  }
  return bestShare >= 0.1 ? best : null;
}

/** The languages with stop-word lists, in their order (the first wins a tie). */
const LANGUAGES = Object.keys(STOP_WORDS);
/** Each stop word, with a bit for every language that lists it. */
const STOP_WORD_LANGUAGES = new Map<string, number>();
LANGUAGES.forEach((lang, k) => {
  for (const w of STOP_WORDS[lang] ?? []) STOP_WORD_LANGUAGES.set(w, (STOP_WORD_LANGUAGES.get(w) ?? 0) | (1 << k));
});
/** The longest stop word, in UTF-16 units: lower-casing never shortens a word, so a longer one is none. */
const LONGEST_STOP_WORD = Math.max(...[...STOP_WORD_LANGUAGES.keys()].map((w) => w.length));

/**
 * A word of ASCII letters, `text.slice(start, end)`, as a number (base 27, a = 1), case ignored: its
 * key without a string. Up to as many letters as the longest stop word of ASCII letters has (eleven
 * at most, which keeps the number exact in a double); a longer word of ASCII letters is no stop word.
 */
const ASCII_KEY_LETTERS = Math.min(11, Math.max(0, ...[...STOP_WORD_LANGUAGES.keys()].filter((w) => /^[a-z]+$/.test(w)).map((w) => w.length)));
function asciiKey(text: string, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end; i++) key = key * 27 + ((text.charCodeAt(i) | 32) - 96);
  return key;
}

/** The stop words of up to six ASCII letters (all lower-case), by their number: looked up without lower-casing a string. */
const ASCII_STOP_WORD_LANGUAGES = new Map<number, number>();
for (const [w, mask] of STOP_WORD_LANGUAGES) if (/^[a-z]+$/.test(w) && w.length <= ASCII_KEY_LETTERS) ASCII_STOP_WORD_LANGUAGES.set(asciiKey(w, 0, w.length), mask);

/**
 * No stop word holds an ASCII digit, an apostrophe or a hyphen (lower-casing keeps those as they are),
 * so a word with one is none, and is not lower-cased to be looked up.
 */
const NO_STOP_WORD_IS_JOINED = ![...STOP_WORD_LANGUAGES.keys()].some((w) => /[0-9'’-]/.test(w));

/** What each ASCII code unit is to a word: a letter, a digit, a joiner (apostrophe, hyphen) or nothing (0). */
const ASCII_LETTER = 1;
const ASCII_DIGIT = 2;
const ASCII_JOINER = 3;
const ASCII_KIND = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ASCII_KIND[c] = ASCII_LETTER;
  else if (c >= 48 && c <= 57) ASCII_KIND[c] = ASCII_DIGIT;
  else if (c === 39 || c === 45) ASCII_KIND[c] = ASCII_JOINER;
}

/** The copy of the code units countStopWords reads. */
const SAMPLE_UNITS = new CodeUnits();

/**
 * Counts the words of a sample as `words` finds them (`[\p{L}\p{N}][\p{L}\p{N}'’-]*`) and, per
 * language, the words that are its stop words once lower-cased; returns the number of words. One scan,
 * no array of words: a word of ASCII letters is looked up by its number, made as the scan reads it; a
 * word longer than any stop word, or with an ASCII digit, apostrophe or hyphen (which no stop word
 * has), not at all; only the rest is lower-cased as a string.
 */
export function countStopWords(sample: string, counts: number[]): number {
  const u = SAMPLE_UNITS.load(sample);
  const n = sample.length;
  let total = 0;
  let i = 0;
  while (i < n) {
    let c = u[i] as number;
    // between words: ASCII by table, the rest by class
    if (c < 128) {
      if (ASCII_KIND[c] !== ASCII_LETTER && ASCII_KIND[c] !== ASCII_DIGIT) {
        i++;
        continue;
      }
    } else {
      if (c >= 0xd800 && c <= 0xdbff) c = sample.codePointAt(i) as number;
      if (!wordStart(c)) {
        i += unitsOf(c);
        continue;
      }
    }
    const start = i;
    // the word runs on over letters, digits, apostrophes and hyphens
    // `letters` while the word is ASCII letters only, `key` its number (see asciiKey) as far as
    // ASCII_KEY_LETTERS; `joined` once it has an ASCII digit, an apostrophe or a hyphen
    let letters = c < 128 && ASCII_KIND[c] === ASCII_LETTER;
    let joined = c < 128 && ASCII_KIND[c] === ASCII_DIGIT;
    let key = letters ? (c | 32) - 96 : 0;
    i += unitsOf(c);
    while (i < n) {
      let d = u[i] as number;
      if (d < 128) {
        const kind = ASCII_KIND[d] as number;
        if (kind === 0) break;
        if (kind === ASCII_LETTER) {
          if (letters && i - start < ASCII_KEY_LETTERS) key = key * 27 + ((d | 32) - 96);
        } else {
          letters = false;
          joined = true;
        }
        i++;
        continue;
      }
      if (d === 0x2019) joined = true;
      else {
        if (d >= 0xd800 && d <= 0xdbff) d = sample.codePointAt(i) as number;
        if (!wordStart(d)) break;
      }
      letters = false;
      i += unitsOf(d);
    }
    total++;
    const length = i - start;
    if (length > LONGEST_STOP_WORD || (joined && NO_STOP_WORD_IS_JOINED)) continue;
    let mask: number;
    if (letters && length <= ASCII_KEY_LETTERS) mask = ASCII_STOP_WORD_LANGUAGES.get(key) ?? 0;
    else mask = STOP_WORD_LANGUAGES.get(sample.slice(start, i).toLowerCase()) ?? 0;
    for (let k = 0; mask !== 0; k++, mask >>>= 1) if (mask & 1) counts[k] = (counts[k] as number) + 1;
  }
  return total;
}

/** `[\p{L}\p{N}]`, of a code point. */
function wordStart(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return (classOf(cp) & (LETTER | NUMBER)) !== 0;
}

export function detectLanguage(text: string): string | null {
  return detectFrom(text, () => text);
}

/**
 * `detectLanguage(`${head}\n${body}`)`, without joining the two: only the first 3,000 characters
 * are read but for a few scripts' rules, and a joined string is copied whole when first read (a
 * 5 KB article's title and body: 10 KB made for 3 KB read).
 */
export function detectLanguageOf(head: string, body: string): string | null {
  return detectFrom(`${head}\n${body.slice(0, SAMPLE)}`, () => `${head}\n${body}`);
}

/** Detects from `start`, the text's first SAMPLE characters or more; `whole` gives all of it. */
function detectFrom(start: string, whole: () => string): string | null {
  const script = dominantScript(start);
  if (script) {
    const entry = SCRIPTS.find(([re]) => re === script);
    return entry ? entry[1](whole()) : null;
  }
  // one lookup a word: which languages list it as a stop word (a bit per language)
  const counts = new Array<number>(LANGUAGES.length).fill(0);
  const total = countStopWords(start.slice(0, 2500), counts);
  if (total < 8) return null;
  return languageOfCounts(counts, total);
}

/**
 * The language whose stop words make at least 12% of `total` words and half again as many as any
 * other's, from the stop-word count of each language (in the order of `STOP_WORDS`); else null.
 */
export function languageOfCounts(counts: readonly number[], total: number): string | null {
  let best: string | null = null;
  let bestShare = 0;
  let second = 0;
  LANGUAGES.forEach((lang, k) => {
    const share = (counts[k] as number) / total;
    if (share > bestShare) {
      second = bestShare;
      bestShare = share;
      best = lang;
    } else if (share > second) second = share;
  });
  return bestShare >= 0.12 && bestShare >= second * 1.5 ? best : null;
}
