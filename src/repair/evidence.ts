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
  /** Count of capitalised tokens written next to another capitalised token (`Joe Biden`). */
  readonly inNamePhrase: ReadonlyMap<string, number>;
}

/** Letters only: a token is a run of letters (with marks); punctuation and digits separate tokens. */
export const TOKEN = /[\p{L}\p{M}]+/gu;

const bump = (map: Map<string, number>, key: string, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

export function gatherEvidence(texts: readonly string[]): DocumentEvidence {
  const tokens = new Map<string, number>();
  const lower = new Map<string, number>();
  const pairs = new Map<string, number>();
  const midCapitalised = new Map<string, number>();
  const inNamePhrase = new Map<string, number>();
  const capitalisedStart = /^\p{Lu}\p{Ll}/u;
  for (const text of texts) {
    let previous: string | null = null;
    let previousRaw: string | null = null;
    let last = 0;
    for (const m of text.matchAll(TOKEN)) {
      const word = m[0];
      const gap = text.slice(last, m.index);
      last = m.index + word.length;
      const sentenceStart = previous === null || /[.!?:;“"«]/u.test(gap);
      if (previous !== null && /^\s+$/u.test(gap)) bump(pairs, `${previous} ${word.toLowerCase()}`);
      bump(tokens, word);
      bump(lower, word.toLowerCase());
      if (!sentenceStart && /^\p{Lu}\p{Ll}/u.test(word)) bump(midCapitalised, word);
      if (previousRaw !== null && /^\s+$/u.test(gap) && capitalisedStart.test(word) && /^\p{Lu}/u.test(previousRaw)) {
        bump(inNamePhrase, word);
        if (capitalisedStart.test(previousRaw)) bump(inNamePhrase, previousRaw);
      }
      previous = word.toLowerCase();
      previousRaw = word;
    }
  }
  return { tokens, lower, pairs, midCapitalised, inNamePhrase };
}
