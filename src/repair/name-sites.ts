/**
 * Cheap tests run before the name patterns. Each pattern in name-repairs.ts starts with a lookbehind
 * and Unicode classes, which a regex engine tries at every position of a paragraph; most paragraphs
 * hold no place where the pattern could match at all. These scans find such places with `indexOf`
 * and a few character lookups, and a pattern runs only on text that has one. A scan may say yes where
 * the pattern then finds nothing, never the other way round.
 */
import { LETTER, LOWER, MARK, UPPER, classOf, codePointBefore, unitsOf } from "../text/chars.ts";

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const HYPHEN = 0x2d;
const OPENING_QUOTE = 0x201c;

/** `[\p{L}\p{M}'’-]`: a character that a name word is made of (what WORD_START looks behind for). */
export function nameBody(cp: number): boolean {
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

/** Where the NAME_WORD starting at `i` ends, or -1 when none starts there. */
export function nameWordEnd(text: string, i: number): number {
  return nameWordAt(text, i) ? nameBodyEnd(text, i) : -1;
}

/**
 * Where the run of name characters (nameBody) starting at `i` ends: runEnd with nameBody, written
 * out so that ASCII characters, nearly all of a name, are told by their code without a call.
 */
export function nameBodyEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c < 0x80) {
      if (((c | 0x20) - 0x61) >>> 0 < 26 || c === APOSTROPHE || c === HYPHEN) {
        j++;
        continue;
      }
      break;
    }
    const cp = c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(j) as number) : c;
    if (!nameBody(cp)) break;
    j += unitsOf(cp);
  }
  return j;
}

/** Where a run of characters that `inRun` accepts, starting at `i`, ends. */
function runEnd(text: string, i: number, inRun: (cp: number) => boolean): number {
  let j = i;
  while (j < text.length) {
    const cp = text.codePointAt(j) as number;
    if (!inRun(cp)) break;
    j += unitsOf(cp);
  }
  return j;
}

/**
 * A place where a given name may be cut off by a period: `Lloyd. Austin`, `Rich. Together, Rishi`,
 * `spokesman John. “…`. Each word is the whole run of name characters, as the patterns take it.
 */
export interface CutSite {
  /** The name word before the period. */
  given: string;
  /** The name word after the period and space, or null (then an opening quote follows). */
  next: string | null;
  /** The name word after `next` and a space or a comma and a space, or null. */
  following: string | null;
}

let lastText: string | null = null;
let lastSites: CutSite[] = [];

/**
 * Every place in the text where `WORD_START NAME_WORD \. ` is followed by a name word or an opening
 * quote. The patterns of the cut-name repairs match only at such places. The answer for the last
 * text asked is kept: the name repairs ask one after another about the same paragraph.
 */
export function cutNames(text: string): readonly CutSite[] {
  if (text === lastText) return lastSites;
  const sites: CutSite[] = [];
  for (let dot = text.indexOf(". "); dot >= 0; dot = text.indexOf(". ", dot + 2)) {
    const after = dot + 2;
    const quote = text.charCodeAt(after) === OPENING_QUOTE;
    if (!quote && !nameWordAt(text, after)) continue;
    let start = dot;
    for (let cp = codePointBefore(text, start); cp >= 0 && nameBody(cp); cp = codePointBefore(text, start)) start -= unitsOf(cp);
    if (start === dot || !nameWordAt(text, start)) continue;
    const given = text.slice(start, dot);
    if (quote) {
      sites.push({ given, next: null, following: null });
      continue;
    }
    const nextEnd = nameBodyEnd(text, after);
    let gap = nextEnd;
    if (text.charCodeAt(gap) === 0x2c) gap++;
    const following = text.charCodeAt(gap) === 0x20 && nameWordAt(text, gap + 1) ? text.slice(gap + 1, nameBodyEnd(text, gap + 1)) : null;
    sites.push({ given, next: text.slice(after, nextEnd), following });
  }
  lastText = text;
  lastSites = sites;
  return sites;
}

/** ` of `, then an ASCII capital or any character outside ASCII. */
const OF_CAPITAL = / of (?:[A-Z]|[^\u0000-\u007f])/g;

/**
 * `<office> of <Place><Given>` could be in the text: after some ` of `, a capital, three or more
 * lower-case letters, then another capital (`of RomaniaAdrian`).
 */
export function gluedAfterOf(text: string): boolean {
  // The regex engine jumps to each ` of ` before an ASCII capital or a character outside ASCII:
  // most ` of ` are followed by a lower-case word.
  OF_CAPITAL.lastIndex = 0;
  while (OF_CAPITAL.test(text)) {
    let i = OF_CAPITAL.lastIndex - 1;
    OF_CAPITAL.lastIndex = i;
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

/** `[\p{L}\p{M}'’.-]`: what the first word of a duplicated gloss is made of. */
function glossBody(cp: number): boolean {
  return nameBody(cp) || cp === 0x2e;
}

/** A place where a gloss in brackets may follow a word: `Meloni (Giorgia Meloni)`, `Kishida(Fumio Kishida)`. */
export interface GlossSite {
  /** The name word right before ` (`, or null when there is none. */
  form: string | null;
  /** The name word right after the bracket, or null when a capital but no name word opens it. */
  first: string | null;
  /** The run of `[\p{L}\p{M}'’.-]` after the bracket (the first word of a duplicated gloss). */
  run: string;
  /** Where the bracket is. */
  open: number;
}

let lastGlossText: string | null = null;
let lastGlossSites: GlossSite[] = [];

/** Every bracket in the text that a capital follows, with the words around it. */
export function glossSites(text: string): readonly GlossSite[] {
  if (text === lastGlossText) return lastGlossSites;
  const sites: GlossSite[] = [];
  for (let open = text.indexOf("("); open >= 0; open = text.indexOf("(", open + 1)) {
    if ((classOf(text.codePointAt(open + 1) ?? 0) & UPPER) === 0) continue;
    const nameAfter = nameWordAt(text, open + 1);
    const first = nameAfter ? text.slice(open + 1, nameBodyEnd(text, open + 1)) : null;
    let form: string | null = null;
    if (nameAfter && text.charCodeAt(open - 1) === 0x20) {
      let start = open - 1;
      for (let cp = codePointBefore(text, start); cp >= 0 && nameBody(cp); cp = codePointBefore(text, start)) start -= unitsOf(cp);
      if (start < open - 1 && nameWordAt(text, start)) form = text.slice(start, open - 1);
    }
    sites.push({ form, first, run: text.slice(open + 1, runEnd(text, open + 1, glossBody)), open });
  }
  lastGlossText = text;
  lastGlossSites = sites;
  return sites;
}

/** The run of letters and marks that ends at `end` holds a capital (`\p{Lu}[\p{L}\p{M}]*` can end there). */
function capitalBefore(text: string, end: number): boolean {
  let i = end;
  for (let cp = codePointBefore(text, i); cp >= 0; cp = codePointBefore(text, i)) {
    const bits = classOf(cp);
    if ((bits & (LETTER | MARK)) === 0) return false;
    if ((bits & UPPER) !== 0) return true;
    i -= unitsOf(cp);
  }
  return false;
}

/** A space, then an ASCII capital or any character outside ASCII. */
const SPACE_BEFORE_CAPITAL = / (?:[A-Z]|[^\u0000-\u007f])/g;

/**
 * lowerCasedName could change the text: a run of four or more lower-case letters that is no English
 * word stands after a word holding a capital and a space, and before a space and a capital
 * (`States biden Prime`).
 */
export function lowerCaseBetweenCapitals(text: string, words: ReadonlySet<string>): boolean {
  // From each space before a capital, back over the word before it: capitals are the rarer side.
  // The regex engine finds each space before an ASCII capital or a character outside ASCII (which
  // the class table then judges) faster than a search for every space would.
  SPACE_BEFORE_CAPITAL.lastIndex = 0;
  while (SPACE_BEFORE_CAPITAL.test(text)) {
    const space = SPACE_BEFORE_CAPITAL.lastIndex - 2;
    SPACE_BEFORE_CAPITAL.lastIndex = space + 1;
    if (text.charCodeAt(space + 1) >= 0x80 && (classOf(text.codePointAt(space + 1) as number) & UPPER) === 0) continue;
    let start = space;
    let letters = 0;
    for (let cp = codePointBefore(text, start); cp >= 0 && (classOf(cp) & LOWER) !== 0; cp = codePointBefore(text, start)) {
      start -= unitsOf(cp);
      letters++;
    }
    if (letters < 4 || text.charCodeAt(start - 1) !== 0x20 || !capitalBefore(text, start - 1)) continue;
    if (!words.has(text.slice(start, space))) return true;
  }
  return false;
}
