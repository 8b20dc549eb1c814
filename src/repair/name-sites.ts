/**
 * Cheap tests run before the name patterns. Each pattern in name-repairs.ts starts with a lookbehind
 * and Unicode classes, which a regex engine tries at every position of a paragraph; most paragraphs
 * hold no place where the pattern could match at all. These scans find such places with `indexOf`
 * and a few character lookups, and a pattern runs only on text that has one. A scan may say yes where
 * the pattern then finds nothing, never the other way round.
 */
import { LETTER, LOWER, MARK, UPPER, classOf, codePointBefore, unitsOf } from "./chars.ts";

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const HYPHEN = 0x2d;
const OPENING_QUOTE = 0x201c;

/** `[\p{L}\p{M}'’-]`: a character that a name word is made of (what WORD_START looks behind for). */
function nameBody(cp: number): boolean {
  return (classOf(cp) & (LETTER | MARK)) !== 0 || cp === APOSTROPHE || cp === RIGHT_QUOTE || cp === HYPHEN;
}

/** NAME_WORD could start at `i`: a capital, then a lower-case letter or an apostrophe and a capital. */
export function nameWordAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const first = text.codePointAt(i) as number;
  if ((classOf(first) & UPPER) === 0) return false;
  const j = i + unitsOf(first);
  if (j >= text.length) return false;
  const second = text.codePointAt(j) as number;
  if ((classOf(second) & LOWER) !== 0) return true;
  if (second !== APOSTROPHE && second !== RIGHT_QUOTE) return false;
  const k = j + 1;
  return k < text.length && (classOf(text.codePointAt(k) as number) & UPPER) !== 0;
}

/**
 * WORD_START followed by NAME_WORD could end right before `end`: the run of name characters before
 * `end`, which a word start forces the match to begin with, opens like a name word.
 */
export function nameWordBefore(text: string, end: number): boolean {
  let i = end;
  for (let cp = codePointBefore(text, i); cp >= 0 && nameBody(cp); cp = codePointBefore(text, i)) i -= unitsOf(cp);
  return i < end && nameWordAt(text, i);
}

/** A name word, a period and a space, then another name word: `Lloyd. Austin`. */
export const CUT_BEFORE_NAME = 1;
/** A name word, a period and a space, then an opening quote: `spokesman John. “…`. */
export const CUT_BEFORE_QUOTE = 2;

let lastText: string | null = null;
let lastSites = 0;

/**
 * Which kinds of place a given name cut off by a period could be in the text (CUT_BEFORE_NAME,
 * CUT_BEFORE_QUOTE, as bits). The answer for the last text asked is kept: the name repairs ask one
 * after another about the same paragraph.
 */
export function cutNameSites(text: string): number {
  if (text === lastText) return lastSites;
  let sites = 0;
  for (let dot = text.indexOf(". "); dot >= 0 && sites !== (CUT_BEFORE_NAME | CUT_BEFORE_QUOTE); dot = text.indexOf(". ", dot + 2)) {
    const after = dot + 2;
    const kind = text.charCodeAt(after) === OPENING_QUOTE ? CUT_BEFORE_QUOTE : nameWordAt(text, after) ? CUT_BEFORE_NAME : 0;
    if (kind !== 0 && (sites & kind) === 0 && nameWordBefore(text, dot)) sites |= kind;
  }
  lastText = text;
  lastSites = sites;
  return sites;
}

/**
 * `<office> of <Place><Given>` could be in the text: after some ` of `, a capital, three or more
 * lower-case letters, then another capital (`of RomaniaAdrian`).
 */
export function gluedAfterOf(text: string): boolean {
  for (let of = text.indexOf(" of "); of >= 0; of = text.indexOf(" of ", of + 3)) {
    let i = of + 4;
    if (i >= text.length) return false;
    let cp = text.codePointAt(i) as number;
    if ((classOf(cp) & UPPER) === 0) continue;
    i += unitsOf(cp);
    let lower = 0;
    for (; i < text.length; i += unitsOf(cp)) {
      cp = text.codePointAt(i) as number;
      if ((classOf(cp) & LOWER) === 0) break;
      lower++;
    }
    if (lower >= 3 && i < text.length && (classOf(cp) & UPPER) !== 0) return true;
  }
  return false;
}

/** A name word, a space and a bracket, then another name word: `Meloni (Giorgia Meloni)`. */
export const GLOSS_AFTER_NAME = 1;
/** A bracket, then a capital: where a duplicated gloss `(Fumio Kishida)` could start. */
export const BRACKET_BEFORE_CAPITAL = 2;

let lastGlossText: string | null = null;
let lastGlossSites = 0;

/** Which kinds of place a gloss in brackets could be in the text (GLOSS_AFTER_NAME, BRACKET_BEFORE_CAPITAL, as bits). */
export function glossSites(text: string): number {
  if (text === lastGlossText) return lastGlossSites;
  let sites = 0;
  for (let open = text.indexOf("("); open >= 0 && sites !== (GLOSS_AFTER_NAME | BRACKET_BEFORE_CAPITAL); open = text.indexOf("(", open + 1)) {
    if ((classOf(text.codePointAt(open + 1) ?? 0) & UPPER) === 0) continue;
    sites |= BRACKET_BEFORE_CAPITAL;
    if (text.charCodeAt(open - 1) === 0x20 && nameWordAt(text, open + 1) && nameWordBefore(text, open - 1)) sites |= GLOSS_AFTER_NAME;
  }
  lastGlossText = text;
  lastGlossSites = sites;
  return sites;
}
