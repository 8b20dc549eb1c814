/**
 * The article's headline inside a whole-page dump. The page title (the record's title, or the dump's
 * first line) usually carries the site's name ("Headline | Site", "Headline - Site"); the headline
 * alone is printed again right above the article. Finding it anchors the article's start.
 */
import { fold, wordCount } from "../text/measure.ts";

const SEPARATORS = /\s+(?:\||-|–|—|::|:|•|·|»)\s+/u;

/** The title and the parts a site separator splits it into ("Headline | Site"). */
export function titleParts(title: string): string[] {
  const parts = title.split(SEPARATORS);
  return parts.length > 1 ? [title, ...parts] : [title];
}

/** The forms a headline may take in the page: the whole title and its longer parts. */
export function headlineForms(title: string): string[] {
  const forms = new Set<string>();
  const whole = fold(title);
  if (wordCount(whole) >= 3) forms.add(whole);
  for (const part of title.split(SEPARATORS)) {
    const f = fold(part);
    if (wordCount(f) >= 3) forms.add(f);
  }
  return [...forms];
}

/** Indexes of the lines that print the headline (`folded`: the lines folded, if already known). */
export function headlineLines(texts: readonly string[], title: string | null, folded?: readonly string[]): number[] {
  if (!title) return [];
  const forms = new Set(headlineForms(title));
  if (forms.size === 0) return [];
  const at: number[] = [];
  texts.forEach((t, i) => {
    if (forms.has(folded ? (folded[i] as string) : fold(t))) at.push(i);
  });
  return at;
}
