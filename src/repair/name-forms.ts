/**
 * Personal-name forms in a text, for decisions across a corpus: the two- and three-word capitalised
 * runs that look like a person's name (titles stripped, no common English word as family name), and
 * the capitalised words that stand alone (a family name is written alone far more often than a
 * given name: `Kishida said` vs `Fumio said`).
 */
import { UPPER, classOf, codePointBefore } from "../text/chars.ts";
import { TITLE_WORDS } from "./name-patterns.ts";
import { nameBody, nameWordEnd } from "./name-sites.ts";

/** A capital in ASCII, or any character outside it: where a run can start. */
const RUN_START = /[A-Z\u0080-\uffff]/g;

/**
 * The runs of capitalised words, as `(?<![\p{L}\p{M}'’.-])NAME_WORD(?: NAME_WORD)*` finds them, in
 * one pass over the text: a run starts at a capital that no word character or period precedes and
 * takes each following name word that one space separates from it. The regex engine jumps to each
 * place a run can start (most characters are ASCII, and of those only A-Z are capitals) faster than
 * a loop reads every character; half of a surrogate pair it stops at is read with its other half.
 */
export function nameRuns(text: string): string[] {
  const runs: string[] = [];
  RUN_START.lastIndex = 0;
  while (RUN_START.test(text)) {
    const i = RUN_START.lastIndex - 1;
    const cp = text.codePointAt(i) as number;
    if ((classOf(cp) & UPPER) === 0) continue;
    const before = codePointBefore(text, i);
    let end = before >= 0 && (nameBody(before) || before === 0x2e) ? -1 : nameWordEnd(text, i);
    if (end < 0) continue;
    for (let next = 0; text.charCodeAt(end) === 0x20 && (next = nameWordEnd(text, end + 1)) >= 0; ) end = next;
    runs.push(text.slice(i, end));
    RUN_START.lastIndex = end;
  }
  return runs;
}

export interface NameForms {
  /** Candidate full names (2 or 3 words) in the text, each once. */
  names: Set<string>;
  /** Capitalised words written alone (no capitalised neighbour), with counts. */
  alone: Map<string, number>;
}

export function nameForms(text: string, words: ReadonlySet<string>): NameForms {
  const names = new Set<string>();
  const alone = new Map<string, number>();
  addNameForms(text, words, names, alone);
  return { names, alone };
}

/** nameForms, adding to sets the caller keeps (over the texts of one document, say). */
export function addNameForms(text: string, words: ReadonlySet<string>, names: Set<string>, alone: Map<string, number>): void {
  for (let run of nameRuns(text)) {
    // A possessive is not part of the name: `Kishida's` is `Kishida`.
    if (run.endsWith("'s") || run.endsWith("’s")) run = run.slice(0, -2);
    if (!run.includes(" ")) {
      alone.set(run, (alone.get(run) ?? 0) + 1);
      continue;
    }
    // The name is what follows the last title or common word (`Japanese Prime Minister Kishida
    // Fumio`). The words are read from the end, one space apart, so that the reading stops at that
    // word, or as soon as the name would be longer than three words.
    let wordEnd = run.length;
    let nameStart = run.length;
    let length = 0;
    while (length <= 3) {
      const space = run.lastIndexOf(" ", wordEnd - 1);
      const word = run.slice(space + 1, wordEnd);
      if (TITLE_WORDS.has(word) || words.has(word.toLowerCase())) break;
      length++;
      nameStart = space + 1;
      if (space < 0) break;
      wordEnd = space;
    }
    if (length < 2 || length > 3) continue;
    names.add(run.slice(nameStart));
  }
}
