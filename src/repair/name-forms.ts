/**
 * Personal-name forms in a text, for decisions across a corpus: the two- and three-word capitalised
 * runs that look like a person's name (titles stripped, no common English word as family name), and
 * the capitalised words that stand alone (a family name is written alone far more often than a
 * given name: `Kishida said` vs `Fumio said`).
 */
import { NAME_WORD, TITLE_WORDS } from "./name-patterns.ts";

const RUN = new RegExp(`(?<![\\p{L}\\p{M}'’.-])${NAME_WORD}(?: ${NAME_WORD})*(?![\\p{L}\\p{M}])`, "gu");

export interface NameForms {
  /** Candidate full names (2 or 3 words) in the text, each once. */
  names: Set<string>;
  /** Capitalised words written alone (no capitalised neighbour), with counts. */
  alone: Map<string, number>;
}

export function nameForms(text: string, words: ReadonlySet<string>): NameForms {
  const names = new Set<string>();
  const alone = new Map<string, number>();
  for (const m of text.matchAll(RUN)) {
    const parts = m[0].replace(/['’]s$/u, "").split(" ");
    if (parts.length === 1) {
      const w = parts[0] as string;
      alone.set(w, (alone.get(w) ?? 0) + 1);
      continue;
    }
    // The name is what follows the last title or common word (`Japanese Prime Minister Kishida Fumio`).
    let cut = -1;
    parts.forEach((p, i) => {
      if (TITLE_WORDS.has(p) || words.has(p.toLowerCase())) cut = i;
    });
    const name = parts.slice(cut + 1);
    if (name.length < 2 || name.length > 3) continue;
    names.add(name.join(" "));
  }
  return { names, alone };
}
