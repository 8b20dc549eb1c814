/**
 * What a document says about its own words: how often each word stands alone (as written and
 * lower-cased), which word pairs it uses, and which capitalised words it uses in mid-sentence (names).
 * Repairs ask it before they act: a split or a name is applied only when the text itself attests it.
 */

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
/** `Biden`, `Sánchez`: a capital, then a lower-case letter. */
const capitalised = (word: string): boolean => isUpperChar(word[0]) && isLowerChar(word[1]);
const SENTENCE_GAP = /[.!?:;“"«]/;
const SPACE_GAP = /^\s+$/;

/** Word pairs are asked for rarely and cost the most to count: they are counted on first use. */
function countPairs(texts: readonly string[]): { pairs: Map<string, number>; exactPairs: Map<string, number> } {
  const pairs = new Map<string, number>();
  const exactPairs = new Map<string, number>();
  for (const text of texts) {
    let previous: string | null = null;
    let last = 0;
    for (const m of text.matchAll(TOKEN)) {
      const word = m[0];
      const gap = text.slice(last, m.index);
      last = m.index + word.length;
      if (previous !== null && (gap === " " || SPACE_GAP.test(gap))) {
        bump(pairs, `${previous.toLowerCase()} ${word.toLowerCase()}`);
        bump(exactPairs, `${previous} ${word}`);
      }
      previous = word;
    }
  }
  return { pairs, exactPairs };
}

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

function collectEvidence(texts: readonly string[]): DocumentEvidence {
  const tokens = new Map<string, number>();
  const lower = new Map<string, number>();
  const midCapitalised = new Map<string, number>();
  const inNamePhrase = new Map<string, number>();
  let counted: { pairs: Map<string, number>; exactPairs: Map<string, number> } | null = null;
  const pairsOnce = () => {
    counted ??= countPairs(texts);
    return counted;
  };
  for (const text of texts) {
    let previous: string | null = null;
    let previousRaw: string | null = null;
    let last = 0;
    for (const m of text.matchAll(TOKEN)) {
      const word = m[0];
      const gap = text.slice(last, m.index);
      last = m.index + word.length;
      const lowerWord = word.toLowerCase();
      const spaced = gap === " " || SPACE_GAP.test(gap);
      const sentenceStart = previous === null || SENTENCE_GAP.test(gap);
      bump(tokens, word);
      bump(lower, lowerWord);
      const cap = capitalised(word);
      if (!sentenceStart && cap) bump(midCapitalised, word);
      if (previousRaw !== null && spaced && cap && isUpperChar(previousRaw[0])) {
        bump(inNamePhrase, word);
        if (capitalised(previousRaw)) bump(inNamePhrase, previousRaw);
      }
      previous = lowerWord;
      previousRaw = word;
    }
  }
  return {
    tokens,
    lower,
    get pairs() {
      return pairsOnce().pairs;
    },
    get exactPairs() {
      return pairsOnce().exactPairs;
    },
    midCapitalised,
    inNamePhrase,
  };
}
