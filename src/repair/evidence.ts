/**
 * What a document says about its own words: how often each word stands alone (as written and
 * lower-cased), which word pairs it uses, and which capitalised words it uses in mid-sentence (names).
 * Repairs ask it before they act: a split or a name is applied only when the text itself attests it.
 */
import { LETTER, MARK, SPACE, classOf, codePointBefore, unitsOf } from "../text/chars.ts";

export interface DocumentEvidence {
  /** Count of each token as written. */
  readonly tokens: ReadonlyMap<string, number>;
  /** Count of each token lower-cased. */
  readonly lower: ReadonlyMap<string, number>;
  /** Count of each adjacent token pair, lower-cased and joined by a space. */
  readonly pairs: ReadonlyMap<string, number>;
  /** Count of capitalised tokens seen not at the start of a sentence (a sign of a name). */
  readonly midCapitalised: ReadonlyMap<string, number>;
  /** Count of each adjacent token pair as written (case kept), joined by a space. */
  readonly exactPairs: ReadonlyMap<string, number>;
  /** Count of capitalised tokens written next to another capitalised token (`Joe Biden`). */
  readonly inNamePhrase: ReadonlyMap<string, number>;
}

/** Letters only: a token is a run of letters (with marks); punctuation and digits separate tokens. */
export const TOKEN = /[\p{L}\p{M}]+/gu;

const bump = (map: Map<string, number>, key: string, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

const isUpperChar = (ch: string | undefined): boolean => ch !== undefined && ch !== ch.toLowerCase();
const isLowerChar = (ch: string | undefined): boolean => ch !== undefined && ch !== ch.toUpperCase();
/** `Biden`, `Sánchez`: a capital, then a lower-case letter (an ASCII word is told without case mapping). */
function capitalised(word: string): boolean {
  const a = word.charCodeAt(0);
  const b = word.charCodeAt(1);
  if (a < 0x80 && b < 0x80) return a >= 65 && a <= 90 && b >= 97 && b <= 122;
  return isUpperChar(word[0]) && isLowerChar(word[1]);
}
const startsUpper = (word: string): boolean => {
  const a = word.charCodeAt(0);
  return a < 0x80 ? a >= 65 && a <= 90 : isUpperChar(word[0]);
};

/** What separates two tokens: only white space, or a sign that a sentence or clause ends (`.!?:;“"«`). */
export const GAP_SPACE = 1;
export const GAP_SENTENCE = 2;

function gapKind(text: string, from: number, to: number): number {
  let kind = from < to ? GAP_SPACE : 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3a || c === 0x3b || c === 0x201c || c === 0x22 || c === 0xab) kind |= GAP_SENTENCE;
    if ((kind & GAP_SPACE) !== 0 && c !== 0x20 && (classOf(c) & SPACE) === 0) kind &= ~GAP_SPACE;
  }
  return kind;
}

/** The tokens of one text in order, each with what separates it from the one before. */
export interface Tokens {
  words: string[];
  gaps: number[];
}

export function tokenize(text: string): Tokens {
  const words: string[] = [];
  const gaps: number[] = [];
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) cp = text.codePointAt(i) as number;
    if ((classOf(cp) & (LETTER | MARK)) === 0) {
      i += cp >= 0x10000 ? 2 : 1;
      continue;
    }
    const start = i;
    i += cp >= 0x10000 ? 2 : 1;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) c = text.codePointAt(i) as number;
      if ((classOf(c) & (LETTER | MARK)) === 0) break;
      i += c >= 0x10000 ? 2 : 1;
    }
    gaps.push(gapKind(text, last, start));
    words.push(text.slice(start, i));
    last = i;
  }
  return { words, gaps };
}

/** The adjacent token pairs of texts (white space only between them), lower-cased or as written, each counted on first use. */
function countPairs(tokenized: readonly Tokens[], lowerCased: boolean): Map<string, number> {
  const pairs = new Map<string, number>();
  for (const { words, gaps } of tokenized) {
    for (let k = 1; k < words.length; k++) {
      if (((gaps[k] as number) & GAP_SPACE) === 0) continue;
      const previous = words[k - 1] as string;
      const word = words[k] as string;
      bump(pairs, lowerCased ? `${previous.toLowerCase()} ${word.toLowerCase()}` : `${previous} ${word}`);
    }
  }
  return pairs;
}

/** The token counts of texts: every token, capitalised ones in mid-sentence, and those inside a name phrase. */
function countTokens(tokenized: readonly Tokens[]): { tokens: Map<string, number>; midCapitalised: Map<string, number>; inNamePhrase: Map<string, number> } {
  const tokens = new Map<string, number>();
  const midCapitalised = new Map<string, number>();
  const inNamePhrase = new Map<string, number>();
  for (const { words, gaps } of tokenized) {
    for (let k = 0; k < words.length; k++) {
      const word = words[k] as string;
      const gap = gaps[k] as number;
      bump(tokens, word);
      const cap = capitalised(word);
      if (!cap) continue;
      // A sentence starts at the first token and after a gap holding `.!?:;“"«`.
      if (k > 0 && (gap & GAP_SENTENCE) === 0) bump(midCapitalised, word);
      const previous = k > 0 ? (words[k - 1] as string) : null;
      if (previous !== null && (gap & GAP_SPACE) !== 0 && startsUpper(previous)) {
        bump(inNamePhrase, word);
        if (capitalised(previous)) bump(inNamePhrase, previous);
      }
    }
  }
  return { tokens, midCapitalised, inNamePhrase };
}

const isLetterOrMark = (cp: number): boolean => (classOf(cp) & (LETTER | MARK)) !== 0;

/** Whether a string is one token: letters and marks only, at least one. */
function isToken(word: string): boolean {
  if (word === "") return false;
  for (let i = 0; i < word.length; ) {
    const cp = word.codePointAt(i) as number;
    if (!isLetterOrMark(cp)) return false;
    i += unitsOf(cp);
  }
  return true;
}

/** Whether `word` stands at `at` in the text as a whole token: no letter or mark touches it on either side. */
function tokenAt(text: string, word: string, at: number): boolean {
  return text.startsWith(word, at) && !isLetterOrMark(codePointBefore(text, at)) && !(at + word.length < text.length && isLetterOrMark(text.codePointAt(at + word.length) as number));
}

/** How often `word` stands as a whole token in the texts. */
function countToken(texts: readonly string[], word: string): number {
  if (!isToken(word)) return 0;
  let n = 0;
  for (const text of texts) for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) if (tokenAt(text, word, at)) n++;
  return n;
}

/** How often the token `a` is followed, across white space only, by the token `b` (`${a} ${b}`). */
function countExactPair(texts: readonly string[], key: string): number {
  const space = key.indexOf(" ");
  const a = key.slice(0, space);
  const b = key.slice(space + 1);
  if (space < 0 || !isToken(a) || !isToken(b)) return 0;
  let n = 0;
  for (const text of texts) {
    for (let at = text.indexOf(a); at >= 0; at = text.indexOf(a, at + 1)) {
      if (!tokenAt(text, a, at)) continue;
      let next = at + a.length;
      while (next < text.length) {
        const c = text.charCodeAt(next);
        if (c !== 0x20 && (classOf(c) & SPACE) === 0) break;
        next++;
      }
      if (next > at + a.length && tokenAt(text, b, next)) n++;
    }
  }
  return n;
}

/**
 * Counts that are worked out per key while few keys are asked for (a search of the texts for each),
 * and counted in full once many are. Most documents ask about a handful of words, and the search
 * costs far less than counting every token; either way the answer is the same.
 */
class LazyCounts implements ReadonlyMap<string, number> {
  private map: Map<string, number> | null = null;
  private readonly answered = new Map<string, number | undefined>();

  constructor(
    private readonly build: () => Map<string, number>,
    private readonly count: ((key: string) => number) | null,
  ) {}

  private full(): Map<string, number> {
    this.map ??= this.build();
    return this.map;
  }

  get(key: string): number | undefined {
    if (this.map !== null || this.count === null) return this.full().get(key);
    if (this.answered.has(key)) return this.answered.get(key);
    if (this.answered.size >= SEARCHED_KEYS) return this.full().get(key);
    const n = this.count(key);
    const answer = n > 0 ? n : undefined;
    this.answered.set(key, answer);
    return answer;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    return this.full().size;
  }

  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    this.full().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, number]> {
    return this.full().entries();
  }

  keys(): MapIterator<string> {
    return this.full().keys();
  }

  values(): MapIterator<number> {
    return this.full().values();
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.full()[Symbol.iterator]();
  }
}

/** How many keys a count answers by searching the texts before it counts in full. */
const SEARCHED_KEYS = 128;

/**
 * The evidence of the last document asked for: repair-text and names both ask for the same texts
 * when repair-text changed nothing, which is most documents. Evidence is read-only, so sharing it
 * is safe.
 */
let last: { texts: readonly string[]; evidence: DocumentEvidence } | null = null;

export function gatherEvidence(texts: readonly string[]): DocumentEvidence {
  if (last && last.texts.length === texts.length && last.texts.every((t, i) => t === texts[i])) return last.evidence;
  const evidence = collectEvidence(texts);
  last = { texts: [...texts], evidence };
  return evidence;
}

/** The evidence of texts, every count made at once (what gatherEvidence's answers must agree with). */
export function countEvidence(texts: readonly string[]): Omit<DocumentEvidence, "lower"> {
  const tokenized = texts.map(tokenize);
  return { ...countTokens(tokenized), pairs: countPairs(tokenized, true), exactPairs: countPairs(tokenized, false) };
}

function collectEvidence(texts: readonly string[]): DocumentEvidence {
  const own = [...texts];
  let tokenized: Tokens[] | null = null;
  const tokenizedOnce = (): Tokens[] => {
    tokenized ??= own.map(tokenize);
    return tokenized;
  };
  let counted: ReturnType<typeof countTokens> | null = null;
  const tokensOnce = () => {
    counted ??= countTokens(tokenizedOnce());
    return counted;
  };
  const tokens = new LazyCounts(() => tokensOnce().tokens, (word) => countToken(own, word));
  const midCapitalised = new LazyCounts(() => tokensOnce().midCapitalised, null);
  const inNamePhrase = new LazyCounts(() => tokensOnce().inNamePhrase, null);
  const pairs = new LazyCounts(() => countPairs(tokenizedOnce(), true), null);
  const exactPairs = new LazyCounts(() => countPairs(tokenizedOnce(), false), (key) => countExactPair(own, key));
  let lower: Map<string, number> | null = null;
  return {
    tokens,
    // Counted from the tokens when asked: each lower-cased form first seen where its first spelling was.
    get lower() {
      if (lower === null) {
        lower = new Map<string, number>();
        for (const [word, n] of tokens) bump(lower, word.toLowerCase(), n);
      }
      return lower;
    },
    pairs,
    exactPairs,
    midCapitalised,
    inNamePhrase,
  };
}
