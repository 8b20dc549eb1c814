/**
 * Words run together where a link or bold tag was stripped without its spaces:
 * `territoryHe was`, `an enhancedUS-Japan agreement`, `World War IIincluding`, `spacecooperation`,
 * `United StatesbidenPrime Minister`. A token is cut only where both sides are words the document or
 * the word list knows, and never where the token is a spelling the document uses more than once
 * (a brand such as `PlayStation` is written the same way every time; a glue slip is not).
 *
 * Each cut has a strength. Strong cuts rest on evidence that clean text rarely gives (a lower-case
 * word directly followed by a capital, an attested word pair, a name the document capitalises
 * elsewhere). Weak cuts (two capitalised words, two dictionary words) are applied only in a block
 * that also has a strong cut, where the glue is evidently the block's habit; elsewhere they are
 * reported for a person to judge.
 */
import { LOWER, classOf, codePointBefore, unitsOf } from "../text/chars.ts";
import type { DocumentEvidence } from "./evidence.ts";

export type GlueStrength = "strong" | "weak";

export interface GlueSplit {
  token: string;
  parts: string[];
  strength: GlueStrength;
  /** Which kinds of cut were made, for provenance. */
  kinds: string[];
}

export interface GlueContext {
  evidence: DocumentEvidence;
  words: ReadonlySet<string>;
  /** The document shows program code (identifiers such as `getElementById`, calls such as `x.y(`): camel case is meant there. */
  codeLike?: boolean;
}

/**
 * Signs of program code, each with a cheap test of a character it cannot match without, so that
 * prose (which rarely holds `_`, `()` or `=>`) is mostly judged by a few `includes`.
 */
const IDENTIFIER_SIGNS: ReadonlyArray<{ sign: RegExp; possible: (text: string) => boolean }> = [
  { sign: /\b[a-z]+(?:[A-Z][a-z\d]+){2,}\b/, possible: (t) => /[a-z][A-Z]/.test(t) },
  { sign: /\b[A-Za-z_]\w*\.\w+\(/, possible: (t) => t.includes("(") },
  { sign: /\w\(\)/, possible: (t) => t.includes("()") },
  { sign: /=>|[{};]\s*$/m, possible: (t) => t.includes("=>") || /[{};]/.test(t) },
  { sign: /\b[a-z]+_[a-z]+\b/, possible: (t) => t.includes("_") },
];

/** Whether a document's text shows program code. */
export function looksLikeCode(text: string): boolean {
  return IDENTIFIER_SIGNS.some(({ sign, possible }) => possible(text) && sign.test(text));
}

/** Words that open a sentence or clause; a lower-case word glued to one is a stripped sentence break (`territoryHe was`). */
const OPENERS = new Set(
  "The This That These Those He She It They We You In On At As But And Or So If When While After Before Since During His Her Its Our Their My There Here Yet Now Then Also However Meanwhile According For From With Under Over By To A An".split(" "),
);

/**
 * Short function words that a word glued to them cannot be part of. Glued after a word
 * (`pricesand`, `harvestwas`, `Ministrysaid`) or before a capital (`theMonetary`, `ofEurope`), they
 * mark a stripped space; no English word is such a word followed by a capitalised one.
 */
// Left out on purpose: `with` (`forthwith`, `withholding`), `will` (`goodwill`), `its` (`bandits`).
const GLUED_AFTER = new Set("and was were the that from have has had said which would".split(" "));
/** Function words that open a lower-case run glued to the next word (`thatfood`, `whichmeans`). */
const GLUED_BEFORE = new Set("that from which this".split(" "));
/** Function words glued to a following capitalised word (`theMonetary`, `ofEurope`, `andParis`). */
const BEFORE_CAPITAL = new Set("the of and that from with".split(" "));

/** Whether the `count` code points before `end` (or from `start`) are all lower-case letters. */
function lowerBefore(text: string, end: number, count: number): boolean {
  let i = end;
  for (let k = 0; k < count; k++) {
    const cp = codePointBefore(text, i);
    if (cp < 0 || (classOf(cp) & LOWER) === 0) return false;
    i -= unitsOf(cp);
  }
  return true;
}
function lowerFrom(text: string, start: number, count: number): boolean {
  let i = start;
  for (let k = 0; k < count; k++) {
    if (i >= text.length) return false;
    const cp = text.codePointAt(i) as number;
    if ((classOf(cp) & LOWER) === 0) return false;
    i += unitsOf(cp);
  }
  return true;
}

/** Two UTF-16 units as one number, a key of the tables below. */
const pairKey = (first: number, second: number): number => first * 0x10000 + second;

/** The words of a set by a pair of their letters (the last two, or the first two). */
function byPair(words: ReadonlySet<string>, pairOf: (word: string) => number): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const word of words) out.set(pairOf(word), [...(out.get(pairOf(word)) ?? []), word]);
  return out;
}

/**
 * The words of GLUED_AFTER by their last two letters, and those of GLUED_BEFORE by their first two.
 * Most words of six letters or more end in a letter one of those ends in (`-ed`, `-es`, `-s`), but
 * few in the same two: one lookup settles most tokens, where comparing each word would not.
 */
const AFTER_BY_END = byPair(GLUED_AFTER, (w) => pairKey(w.charCodeAt(w.length - 2), w.charCodeAt(w.length - 1)));
const BEFORE_BY_START = byPair(GLUED_BEFORE, (w) => pairKey(w.charCodeAt(0), w.charCodeAt(1)));

/**
 * Four lower-case letters, then a function word, at the end of the token `text[start, end)`
 * (`pricesand`). The token is a whole run of letters, so the scan cannot leave it: the characters
 * around it are no letters.
 */
function endsInFunctionWord(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const candidates = AFTER_BY_END.get(pairKey(text.charCodeAt(end - 2), text.charCodeAt(end - 1)));
  if (candidates === undefined) return false;
  for (const word of candidates) {
    const at = end - word.length;
    if (at >= start && text.startsWith(word, at) && lowerBefore(text, at, 4)) return true;
  }
  return false;
}

/** A function word, then four lower-case letters, at the start of the token `text[start, end)` (`thatfood`). */
function startsWithFunctionWord(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const candidates = BEFORE_BY_START.get(pairKey(text.charCodeAt(start), text.charCodeAt(start + 1)));
  if (candidates === undefined) return false;
  for (const word of candidates) if (start + word.length <= end && text.startsWith(word, start) && lowerFrom(text, start + word.length, 4)) return true;
  return false;
}

/** A cheap test before the full judgement: a lower-case token, not a known word, that may be a function word glued to another. */
export function mayHoldFunctionWord(token: string, ctx: GlueContext): boolean {
  return holdsFunctionWord(token, 0, token.length, ctx.words);
}

/** mayHoldFunctionWord for the token `text[start, end)`, a whole run of letters, asking the word list only. */
export function holdsFunctionWord(text: string, start: number, end: number, words: ReadonlySet<string>): boolean {
  return (endsInFunctionWord(text, start, end) || startsWithFunctionWord(text, start, end)) && !words.has(text.slice(start, end).toLowerCase());
}

/** Acronyms that software and product names attach to a word (`watchOS`, `userID`): no glue there. */
const TECHNICAL_SUFFIXES = new Set("OS ID IDs UI UX API SDK DB JS IO PC TV CLI URL URI VM".split(" "));

const ROMAN = /^(?:II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XX)$/;
const isUpperStart = (w: string): boolean => /^\p{Lu}/u.test(w);
const isAllUpper = (w: string): boolean => /^\p{Lu}+$/u.test(w);
const isAllLower = (w: string): boolean => /^\p{Ll}+$/u.test(w);

/** The token as a whole is attested elsewhere, so it is a real spelling: leave it. */
function habitual(token: string, ctx: GlueContext): boolean {
  return (ctx.evidence.tokens.get(token) ?? 0) >= 2;
}

/** A lower-case word the document uses on its own, or the word list holds. */
function knownWord(word: string, ctx: GlueContext): boolean {
  const w = word.toLowerCase();
  return ctx.words.has(w) || (ctx.evidence.tokens.get(w) ?? 0) >= 1;
}

/** A capitalised or upper-case token the document uses on its own. */
function attested(word: string, ctx: GlueContext): boolean {
  return (ctx.evidence.tokens.get(word) ?? 0) >= 1;
}

/**
 * A name the document writes capitalised, met here in lower case (`biden` for `Biden`): not a word
 * of the list, never written in lower case elsewhere, and capitalised inside a name phrase at least
 * once (`Joe Biden`, `Biden Administration`), which an adjective like `Western` rarely is.
 */
export function lowerCasedName(word: string, ctx: GlueContext): boolean {
  if (word.length < 4 || !isAllLower(word) || ctx.words.has(word) || (ctx.evidence.tokens.get(word) ?? 0) > 0) return false;
  const capitalised = word[0]?.toUpperCase() + word.slice(1);
  return (ctx.evidence.inNamePhrase.get(capitalised) ?? 0) >= 1 && (ctx.evidence.tokens.get(capitalised) ?? 0) >= 2;
}

interface Piece {
  text: string;
}

/** Cuts a run of one case pattern (`Statesbiden`, `spacecooperation`) into two known words, if it can. */
function splitRun(run: string, ctx: GlueContext): { parts: string[]; strength: GlueStrength; kind: string } | null {
  if (run.length < 7 || ctx.words.has(run.toLowerCase()) || (ctx.evidence.tokens.get(run) ?? 0) >= 2) return null;
  let best: { parts: string[]; strength: GlueStrength; kind: string } | null = null;
  let ties = 0;
  for (let k = 4; k <= run.length - 3; k++) {
    const left = run.slice(0, k);
    const right = run.slice(k);
    if (!/^\p{Ll}/u.test(right)) continue;
    if (right.length < 4 && !GLUED_AFTER.has(right)) continue;
    const leftKnown = isUpperStart(left) ? attested(left, ctx) || knownWord(left, ctx) : knownWord(left, ctx);
    if (!leftKnown) continue;
    const capitalised = isUpperStart(left);
    let found: { strength: GlueStrength; kind: string } | null = null;
    // Two lower-case words run together are also how compounds are written (`livestream`, `codebase`),
    // even when the document spells them apart elsewhere: such a cut is weak.
    if (!capitalised && ((GLUED_AFTER.has(right) && ctx.words.has(left)) || (GLUED_BEFORE.has(left) && right.length >= 4 && ctx.words.has(right)))) {
      // A function word glued to a word (`pricesand`, `thatfood`): compounds are never made of these.
      found = { strength: "strong", kind: "function-word" };
    } else if ((ctx.evidence.pairs.get(`${left.toLowerCase()} ${right}`) ?? 0) >= 1) found = { strength: "weak", kind: "attested-pair" };
    else if (lowerCasedName(right, ctx)) found = { strength: "weak", kind: "name-after-word" };
    else if (!capitalised && left.length >= 4 && right.length >= 4 && ctx.words.has(left) && ctx.words.has(right)) {
      found = { strength: "weak", kind: "dictionary-pair" };
    } else if (capitalised && left.length >= 4 && ctx.words.has(left.toLowerCase()) && (GLUED_AFTER.has(right) || (right.length >= 5 && right.endsWith("ed") && ctx.words.has(right)))) {
      // `Committeewanted`, `Ministrysaid`: a capitalised word, then a verb or function word. Brands made
      // of two words (`Facebook`, `Snapchat`) do not end in one.
      found = { strength: "weak", kind: "word-then-verb" };
    }
    if (found === null) continue;
    const candidate = { parts: [left, right], ...found };
    if (best === null || (best.strength === "weak" && found.strength === "strong")) {
      best = candidate;
      ties = 0;
    } else if (best.strength === found.strength) {
      ties++;
    }
  }
  return best !== null && ties === 0 ? best : null;
}

/**
 * Cuts a token at its case boundaries: lower to upper (`territoryHe`), and an upper-case run to a
 * lower-case word (`IIincluding`).
 */
function caseChunks(token: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  for (let i = 1; i < token.length; i++) {
    const a = token[i - 1] as string;
    const b = token[i] as string;
    const lowerToUpper = /\p{Ll}/u.test(a) && /\p{Lu}/u.test(b);
    const upperRunToWord = /\p{Lu}/u.test(a) && /\p{Ll}/u.test(b) && i - start >= 2 && isAllUpper(token.slice(start, i)) && /^\p{Ll}{3}/u.test(token.slice(i));
    if (lowerToUpper || upperRunToWord) {
      chunks.push(token.slice(start, i));
      start = i;
    }
  }
  chunks.push(token.slice(start));
  return chunks;
}

/** Whether the boundary between two chunks is a glue slip, and how sure that is. */
function judgeBoundary(left: string, right: string, ctx: GlueContext, nextIsCode: boolean, nameFollows: boolean, endsClause: boolean): { strength: GlueStrength; kind: string } | null {
  if (BEFORE_CAPITAL.has(left) && /^\p{Lu}\p{Ll}{2}/u.test(right) && !nextIsCode) {
    // `theMonetary Policy`, `thePresident of`: glue inside a running phrase. A lone word ending a
    // clause (`Examples include ESPN and theScore.`) may be a brand written that way: weak.
    return { strength: endsClause ? "weak" : "strong", kind: "function-word-then-capital" };
  }
  // `DeputiesRodrigo Albuquerque`: a capitalised word, then a name that is not a word and goes on
  // with another capitalised word. Weak: `HarperCollins Publishers` has the same shape.
  if (nameFollows && left.length >= 4 && /^\p{Lu}\p{Ll}/u.test(left) && ctx.words.has(left.toLowerCase()) && /^\p{Lu}\p{Ll}{2,}$/u.test(right) && !ctx.words.has(right.toLowerCase()) && !attested(right, ctx)) {
    return { strength: "weak", kind: "word-then-name" };
  }
  if (isAllUpper(left) && left.length >= 2 && isAllLower(right)) {
    if (right.length < 4 || !knownWord(right, ctx)) return null;
    if (ROMAN.test(left)) return { strength: "strong", kind: "numeral-then-word" };
    // `MLflow`, `DBpedia`: products are written this way too.
    return attested(left, ctx) ? { strength: "weak", kind: "acronym-then-word" } : null;
  }
  const rightKnown = isAllUpper(right)
    ? right.length >= 2 && attested(right, ctx)
    : right.length >= 2 && (ctx.words.has(right.toLowerCase()) || attested(right, ctx));
  if (!rightKnown || left.length < 4) return null;
  if (isAllLower(left)) {
    if (!knownWord(left, ctx) && !lowerCasedName(left, ctx)) return null;
    // Strong only when the capital starts something a word glued to it cannot continue: an
    // acronym the text uses (`enhancedUS`), a sentence opener (`territoryHe`), or a name the text
    // writes inside a name phrase (`bidenPrime Minister`). `imageType`, `findIn` are identifiers.
    const name = (ctx.evidence.inNamePhrase.get(right) ?? 0) >= 1 && (ctx.evidence.midCapitalised.get(right) ?? 0) >= 1;
    if (TECHNICAL_SUFFIXES.has(right)) return null;
    const strong = (isAllUpper(right) && attested(right, ctx)) || (OPENERS.has(right) && !nextIsCode) || name;
    return { strength: strong ? "strong" : "weak", kind: "word-then-capital" };
  }
  if (isUpperStart(left) && attested(left, ctx) && right.length >= 3) return { strength: "weak", kind: "capital-then-capital" };
  return null;
}

/**
 * The cut of one token, or null when the token should stay as it is. `following` is the text right
 * after the token: glue is followed by prose (a space and a word), an identifier by `(`, `.` or `=`.
 */
/** The text after a token goes on with another capitalised word: the token ends in the first word of a name. */
const NAME_FOLLOWS = /^ \p{Lu}\p{Ll}/u;

export function splitGluedToken(token: string, ctx: GlueContext, following = " "): GlueSplit | null {
  const nextIsCode = !/^(?:\s|$|[,;:!?'’”")\]]|\.(?:\s|$))/u.test(following);
  if (token.length < 6 || habitual(token, ctx)) return null;
  // The code test is asked second: it reads the whole document, and capitalised tokens never need it.
  if (/^\p{Ll}/u.test(token) && ctx.codeLike) return null;
  const chunks = caseChunks(token);
  const pieces: Piece[][] = [];
  const kinds: string[] = [];
  // A token is strong glue when one of its case-boundary cuts is; a token with only lower-case
  // cuts (`spacecooperation`, `Statesbiden`) is weak.
  let strength: GlueStrength = "weak";
  let cuts = 0;
  for (const chunk of chunks) {
    const run = splitRun(chunk, ctx);
    if (run) {
      pieces.push(run.parts.map((text) => ({ text })));
      kinds.push(run.kind);
      if (run.strength === "strong") strength = "strong";
      cuts++;
    } else {
      pieces.push([{ text: chunk }]);
    }
  }
  const out: string[] = [];
  for (let c = 0; c < pieces.length; c++) {
    const chunkPieces = pieces[c] as Piece[];
    if (c === 0) {
      for (const piece of chunkPieces) out.push(piece.text);
      continue;
    }
    const left = out[out.length - 1] as string;
    const right = (chunkPieces[0] as Piece).text;
    const last = c === pieces.length - 1 && chunkPieces.length === 1;
    const verdict = judgeBoundary(left, right, ctx, nextIsCode, last && NAME_FOLLOWS.test(following), last && !/^ \p{L}/u.test(following));
    // One case boundary that is not a glue slip means the token is written this way on purpose
    // (`numberOfFrames`, `McDonald`): leave all of it.
    if (!verdict) return null;
    for (const piece of chunkPieces) out.push(piece.text);
    kinds.push(verdict.kind);
    if (verdict.strength === "strong") strength = "strong";
    cuts++;
  }
  if (cuts === 0 || out.length < 2) return null;
  return { token, parts: out, strength, kinds };
}
