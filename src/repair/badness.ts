/**
 * How unnatural a text looks, as a number: the sum of small penalties for what mis-decoded text
 * shows and clean text rarely does. Used only to compare a text with a candidate repair of it.
 *
 * The signals: characters from blocks that ordinary prose almost never uses (IPA, private use,
 * C1 controls, lone surrogates, replacement characters); an accented capital or symbol of the
 * kind that a UTF-8 lead byte becomes, directly followed by the kind of symbol a continuation byte
 * becomes (`Ã©`, `â€`); case flipping inside a word on non-ASCII letters (`rÃ©f`, `РґРѕ`); a math or
 * symbol character wedged inside a word (`g√¢teaux`); and two scripts meeting inside one word.
 */

import { LETTER, LOWER, SPACE, UPPER, classOf } from "../text/chars.ts";
import { codecNamed } from "./codecs.ts";

type Script = "latin" | "greek" | "cyrillic" | "hebrew" | "arabic" | "cjk" | "hangul" | "other";

/** Classes of one character (a code point; the empty string has none). */
const classOfChar = (ch: string): number => classOf(ch.codePointAt(0) ?? -1);
const isLetter = (ch: string): boolean => (classOfChar(ch) & LETTER) !== 0;
const isUpper = (ch: string): boolean => (classOfChar(ch) & UPPER) !== 0;
const isLower = (ch: string): boolean => (classOfChar(ch) & LOWER) !== 0;
/** `[\s\d]`: white space or an ASCII digit. */
const isSpaceOrDigit = (ch: string): boolean => {
  const cp = ch.codePointAt(0) ?? -1;
  return (cp >= 0x30 && cp <= 0x39) || (classOf(cp) & SPACE) !== 0;
};

/** Symbols a continuation byte (0x80..0xBF) turns into under windows-1252/latin-1, by how telling they are. */
const CONTINUATION_WEIGHT = new Map<string, number>();
for (const ch of "€‚ƒ„†‡ˆ‰‹›˜™•") CONTINUATION_WEIGHT.set(ch, 2);
for (const ch of "…‘’“”–—ŠŒŽšœžŸ") CONTINUATION_WEIGHT.set(ch, 1);
for (const ch of "\u00ad¡«»´·¸¨¯¬ªº¹²³¼½¾¿§¦±µ¶°") CONTINUATION_WEIGHT.set(ch, 1);
for (const ch of "¢£¤¥©®") CONTINUATION_WEIGHT.set(ch, 0.25);
for (let c = 0x80; c <= 0x9f; c++) CONTINUATION_WEIGHT.set(String.fromCharCode(c), 2);

/** Characters that a UTF-8 lead byte (0xC2..0xF4) turns into under the usual single-byte pages. */
const LEAD_CHARS = new Set(Array.from("ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö"));

/**
 * Pairs that other code pages leave: a lead byte as that page reads it, then a continuation byte as
 * that page reads it (`√©` from Mac Roman, `Рµ` from windows-1251, `├⌐` from DOS). Built from the
 * code page tables; the leads are only those that clean text in that script rarely shows before such
 * a character.
 */
const OTHER_PAGE_LEADS: ReadonlyArray<{ page: string; leads: string; low: number; high: number; inWord: boolean }> = [
  { page: "macintosh", leads: "√ƒ", low: 0x80, high: 0xbf, inWord: true },
  { page: "windows-1251", leads: "РС", low: 0x80, high: 0xbf, inWord: false },
  { page: "windows-1251", leads: "вГ", low: 0x80, high: 0x9f, inWord: false },
  { page: "windows-1250", leads: "ĂÄĹÂ", low: 0x80, high: 0xbf, inWord: true },
  { page: "windows-1257", leads: "ÄÅ", low: 0x80, high: 0xbf, inWord: true },
  { page: "cp437", leads: "├┬─┼╨╤Γ", low: 0x80, high: 0xbf, inWord: true },
];
/** lead -> followers -> whether the lead must sit inside a word (after a letter) to count. */
const OTHER_PAGE_PAIRS = new Map<string, Map<string, boolean>>();
for (const { page, leads, low, high, inWord } of OTHER_PAGE_LEADS) {
  const codec = codecNamed(page);
  for (const lead of leads) {
    const followers = OTHER_PAGE_PAIRS.get(lead) ?? new Map<string, boolean>();
    for (const [ch, byte] of codec.toByte) {
      if (byte >= low && byte <= high && (ch.codePointAt(0) ?? 0) >= 0xa0 && !followers.has(ch)) followers.set(ch, inWord);
    }
    OTHER_PAGE_PAIRS.set(lead, followers);
  }
}

/** Leads so common in mojibake (UTF-8 read as latin-1) that they count even at a word's end. */
const STRONG_LEADS = "ÃÂâ";

/** Latin Extended-A letters that ordinary text almost never holds (they come out of bad decoding). */
const RARE_EXTENDED_A = new Set(Array.from("ĠġĦħĿŀŉŦŧŊŋĲĳĨĩĬĭŎŏĈĉĜĝĤĥĴĵŜŝĔĕĶĸĻļŅņŖŗĢģŨũ"));

/** Symbols that are at home inside words (`Ke$ha`, `AT&T`, `don’t`, `e-mail`), so not suspicious there. */
const WORD_SAFE_SYMBOLS = new Set(Array.from("'’‘-‐.,&/_:@#$%+*=!?()[]\"“”¢£¤¥©®™°"));

export function rarity(cp: number): number {
  if (cp < 0x80) return cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d ? 1 : 0;
  if (cp <= 0x9f) return 2;
  if (cp === 0x17f) return 2;
  if (cp <= 0x17f) return RARE_EXTENDED_A.has(String.fromCharCode(cp)) ? 1 : 0;
  if (cp <= 0x24f) {
    const common = (cp >= 0x218 && cp <= 0x21b) || cp === 0x1a0 || cp === 0x1a1 || cp === 0x1af || cp === 0x1b0 || (cp >= 0x1cd && cp <= 0x1dc) || cp === 0x192;
    return common ? 0 : 2;
  }
  if (cp <= 0x2af) return 3;
  if (cp <= 0x2ff) return 1;
  if (cp <= 0x36f) return 0.5;
  if (cp <= 0x45f) return 0;
  if (cp <= 0x4ff) return 1;
  if (cp <= 0x58f) return 2;
  if (cp <= 0x6ff) return 0;
  if (cp <= 0x8ff) return 3;
  if (cp <= 0xe7f) return 0;
  if (cp <= 0x10ff) return 1;
  if (cp <= 0x1dff) return 2;
  if (cp <= 0x1fff) return 0;
  if (cp <= 0x2bff) return 0;
  if (cp <= 0x2dff) return 2;
  if (cp <= 0x2e7f) return 1;
  if (cp <= 0x9fff) return 0;
  if (cp <= 0xabff) return 2;
  if (cp <= 0xd7af) return 0;
  if (cp <= 0xdfff) return 4;
  if (cp <= 0xf8ff) return 4;
  if (cp <= 0xfaff) return 1;
  if (cp <= 0xfb4f) return 0;
  if (cp <= 0xfdff) return 1;
  if (cp <= 0xfe0f) return 0;
  if (cp <= 0xfe6f) return 1;
  if (cp <= 0xffef) return 0;
  if (cp === 0xfffd) return 1;
  if (cp <= 0xffff) return 3;
  if (cp >= 0x1f000 && cp <= 0x1faff) return 0;
  if (cp >= 0x20000 && cp <= 0x3ffff) return 0;
  return 2;
}

function scriptOf(ch: string): Script {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x250 || (cp >= 0x1e00 && cp <= 0x1eff)) return "latin";
  if ((cp >= 0x370 && cp <= 0x3ff) || (cp >= 0x1f00 && cp <= 0x1fff)) return "greek";
  if (cp >= 0x400 && cp <= 0x52f) return "cyrillic";
  if (cp >= 0x590 && cp <= 0x5ff) return "hebrew";
  if (cp >= 0x600 && cp <= 0x6ff) return "arabic";
  if ((cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0x20000 && cp <= 0x3ffff)) return "cjk";
  if (cp >= 0xac00 && cp <= 0xd7af) return "hangul";
  return "other";
}

export function badness(text: string): number {
  const chars = Array.from(text);
  let score = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) continue;
    score += rarity(cp);
    const next = chars[i + 1];
    const prev = chars[i - 1];
    if (next !== undefined) score += pairWeight(chars, i);
    if (prev !== undefined && isLetter(ch) && isLetter(prev)) {
      if (isUpper(ch) && isLower(prev)) score += 0.5;
      else if (isUpper(ch) && isUpper(prev) && next !== undefined && isLower(next) && (prev.codePointAt(0) ?? 0) >= 0x80) score += 0.5;
      score += scriptMix(scriptOf(prev), scriptOf(ch));
    }
    if (next !== undefined && isLetter(ch) && isLetter(next) && (next.codePointAt(0) ?? 0) < 0x80) {
      score += scriptMix(scriptOf(ch), scriptOf(next));
    }
    // A lone lead-byte capital between spaces (`Ã perturber`, `Å veices`): a letter that lost its partner.
    const alone = prev === undefined || prev === " " || (ch === "Ã" && prev !== undefined && /[\p{Ll}'’]/u.test(prev));
    if (alone && next === " " && "ÃÅÐÑ".includes(ch)) {
      const word = chars[i + 2] === " " && ch === "Ã" ? chars[i + 3] : chars[i + 2];
      if (isLower(word ?? "")) score += 1;
    }
  }
  score += wedgedSymbols(chars);
  return score;
}

/** Greek letters inside Latin words are ordinary in science (`TNFα`); other mixes are not. */
function scriptMix(a: Script, b: Script): number {
  if (a === b) return 0;
  if ((a === "latin" && b === "greek") || (a === "greek" && b === "latin")) return 0.5;
  return 1;
}

/** The weight of the pair chars[i], chars[i + 1] as a trace of a mis-decoded UTF-8 sequence. */
function pairWeight(chars: readonly string[], i: number): number {
  const prev = chars[i - 1];
  const ch = chars[i] as string;
  const next = chars[i + 1] as string;
  const after = chars[i + 2];
  let weight = 0;
  const afterLetter = after !== undefined && isLetter(after);
  if (LEAD_CHARS.has(ch)) {
    weight = CONTINUATION_WEIGHT.get(next) ?? 0;
    if (next === "\u00a0") {
      // A no-break space is telling inside a word or before a space (`Ã\u00a0 l'office`), not before a capital.
      weight = after === undefined || after === " " || isLower(after) ? 1 : 0.25;
    } else if ((ch === "Ã" && "©®¢£¤".includes(next)) || (ch === "Â" && weight > 0)) {
      // é, î, â, ã, ä, and Â before a symbol (`Â£`, `Â°`): the commonest mojibake of all. (`Ã¥`,
      // å, is left weak: it is rare outside Scandinavian text, and `Ã¥` may be meant.)
      weight = Math.max(weight, 1);
    } else if (ch === "ï" && next === "¿") {
      weight = 2;
    } else if (next === "’" && after === "s" && !isLetter(chars[i + 3] ?? "")) {
      weight = 0; // a possessive or plural: "a lot of Ã’s"
    } else if (weight > 0 && !afterLetter && "…‘’“”–—™".includes(next) && !STRONG_LEADS.includes(ch)) {
      weight = 0.5;
    }
  }
  if (ch === "×" && (CONTINUATION_WEIGHT.get(next) ?? 0) > 0 && after === "×") weight = 1;
  const inWord = OTHER_PAGE_PAIRS.get(ch)?.get(next);
  if (weight === 0 && inWord !== undefined) {
    const placed = !inWord || (prev !== undefined && isLetter(prev));
    if (placed) weight = afterLetter || !inWord || ch === "√" || ch === "ƒ" ? 1 : 0.5;
  }
  return weight;
}

/** Runs of symbols sitting between two letters of one word (`g√¢teaux`): one point per run. */
function wedgedSymbols(chars: readonly string[]): number {
  let score = 0;
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] as string;
    if (!isLetter(ch)) {
      i++;
      continue;
    }
    let j = i + 1;
    let suspicious = false;
    while (j < chars.length) {
      const c = chars[j] as string;
      if (isLetter(c) || isSpaceOrDigit(c)) break;
      if (!WORD_SAFE_SYMBOLS.has(c)) suspicious = true;
      j++;
    }
    if (j > i + 1 && j < chars.length && suspicious && isLetter(chars[j] as string)) score += 1;
    i = j;
  }
  return score;
}
