/**
 * Stop-word lookups for the main-text stage; the lists themselves live in src/text/stopwords.ts.
 */
import { STOP_WORDS } from "../text/stopwords.ts";

/** The stop words of a language, or null when we have no list for it (then only shape counts). */
export function stopWordsOf(language: string | null): ReadonlySet<string> | null {
  if (language === null) return null;
  return STOP_WORDS[language] ?? null;
}

/** Every stop-word list we have, by language. */
export function allStopWordLists(): Array<[string, ReadonlySet<string>]> {
  return Object.entries(STOP_WORDS);
}
