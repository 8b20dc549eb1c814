/**
 * The language of a whole-page dump, for weighing stop words. Menus and link lists carry few stop
 * words, so the guess is made on the sentence-like lines only; when the usual detector is unsure, the
 * language whose stop words are most common there is taken if they are common enough to mean prose.
 */
import { detectLanguage } from "../text/language.ts";
import { endsLikeSentence, wordCountUpTo, words } from "../text/measure.ts";
import { allStopWordLists } from "./more-stopwords.ts";

/** Below this share of stop words, no known language is a better guess than none. */
const MIN_SHARE = 0.08;

export function pageLanguage(texts: readonly string[]): string | null {
  const prose = texts.filter((t) => endsLikeSentence(t) && wordCountUpTo(t, 8) >= 8);
  const sample = (prose.length > 0 ? prose : texts).join("\n");
  const detected = detectLanguage(sample);
  if (detected) return detected;
  const ws = words(sample.slice(0, 20000)).map((w) => w.toLowerCase());
  if (ws.length < 20) return null;
  let best: string | null = null;
  let bestShare = MIN_SHARE;
  for (const [lang, list] of allStopWordLists()) {
    let n = 0;
    for (const w of ws) if (list.has(w)) n++;
    if (n / ws.length > bestShare) {
      bestShare = n / ws.length;
      best = lang;
    }
  }
  return best;
}
