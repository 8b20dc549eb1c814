/**
 * Names that lost their capital, and their spaces, where a link around them was stripped:
 * `weber said the fund…` at the start of a sentence, `Chancellor of GermanyweberPresident of
 * RomaniaAdrian Popescu`. Each repair rests on a sign that holds on any site: a sentence never starts
 * in lower case, a name the text itself uses as the subject of a speech verb is a name wherever it
 * is glued between two capitalised words, and `<office> of <Place><Given> <Family>` is how news copy
 * introduces an office holder.
 */
import type { Draft, DraftBlock } from "../draft.ts";
import type { NameContext } from "./name-repairs.ts";
import { LOWER, classOf, codePointBefore, unitsOf } from "../text/chars.ts";
import { TITLE_WORDS, escapeRegExp } from "./name-patterns.ts";
import { gluedAfterOf } from "./name-sites.ts";

const SPEECH_VERBS = "said|says|told|added|argued|wrote|explained|noted|warned|stressed|insisted|replied";
/** A lower-case word opening a block or a sentence, then a speech verb: the subject of the sentence. */
const SENTENCE_START_SUBJECT = new RegExp(`(?:^|(?<=[.!?]["”’]? ))(\\p{Ll}{3,})(?= (?:${SPEECH_VERBS})(?![\\p{L}]))`, "gu");

/** A speech verb after a space, as SENTENCE_START_SUBJECT's lookahead has it. */
const SPEECH_VERB = new RegExp(` (?:${SPEECH_VERBS})(?![\\p{L}])`, "gu");

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** The space before `start` follows a sentence end: `.`, `!` or `?`, perhaps then a closing quote. */
function afterSentenceEnd(text: string, start: number): boolean {
  if (text[start - 1] !== " ") return false;
  const before = text[start - 2];
  if (before === "." || before === "!" || before === "?") return true;
  if (before !== '"' && before !== "”" && before !== "’") return false;
  const end = text[start - 3];
  return end === "." || end === "!" || end === "?";
}

/**
 * The matches of SENTENCE_START_SUBJECT in a text, in order, found from the speech verbs back (a
 * text holds few of them) rather than by trying the lookbehind at every position.
 */
export function sentenceStartSubjects(text: string): string[] {
  const out: string[] = [];
  // exec from the module's pattern rather than matchAll, which copies the pattern on every call.
  SPEECH_VERB.lastIndex = 0;
  for (let m = SPEECH_VERB.exec(text); m !== null; m = SPEECH_VERB.exec(text)) {
    const end = m.index;
    let start = end;
    let letters = 0;
    for (let cp = codePointBefore(text, start); cp >= 0 && (classOf(cp) & LOWER) !== 0; cp = codePointBefore(text, start)) {
      start -= unitsOf(cp);
      letters++;
    }
    if (letters >= 3 && (start === 0 || afterSentenceEnd(text, start))) out.push(text.slice(start, end));
  }
  return out;
}

/**
 * The lower-case words that open a sentence as the subject of a speech verb (`weber said`) and are
 * no English word: names that lost their capital. Gathered over the whole document first, so that a
 * glued form in an earlier paragraph can be repaired too.
 */
export function lowerCasedSubjects(texts: readonly string[], ctx: NameContext): Set<string> {
  const found = new Set<string>();
  for (const text of texts) {
    for (const word of sentenceStartSubjects(text)) if (!ctx.words.has(word)) found.add(word);
  }
  return found;
}

/** `weber said the fund…` → `Weber said the fund…`, for the words lowerCasedSubjects found. */
export function sentenceStartName(draft: Draft, block: DraftBlock, subjects: ReadonlySet<string>): number {
  if (subjects.size === 0 || ![...subjects].some((word) => block.text.includes(word))) return 0;
  return draft.rewrite(block, "lower-cased-name", new RegExp(SENTENCE_START_SUBJECT.source, "gu"), (m) => {
    const word = m[1] as string;
    return subjects.has(word) ? capitalise(word) : null;
  });
}

/**
 * `GermanyweberPresident` → `Germany Weber President`: a name the document knows (one of
 * `subjects`), lower-cased and glued between two capitalised words.
 */
export function gluedLowerCasedName(draft: Draft, block: DraftBlock, subjects: ReadonlySet<string>): number {
  const names = [...subjects].filter((n) => n.length >= 4);
  if (!names.some((name) => block.text.includes(name))) return 0;
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}])(\\p{Lu}\\p{Ll}{3,})(${names.map(escapeRegExp).join("|")})(\\p{Lu}\\p{Ll}+)`, "gu");
  return draft.rewrite(block, "lower-cased-name", pattern, (m) => `${m[1]} ${capitalise(m[2] as string)} ${m[3]}`);
}

const TITLES = [...TITLE_WORDS].filter((t) => /^\p{Lu}\p{Ll}+$/u.test(t)).map(escapeRegExp).join("|");

/**
 * `President of RomaniaAdrian Popescu` → `President of Romania Adrian Popescu`: after an office and
 * `of`, a place glued to a given name that the family name follows. Only for a glued form the
 * document writes once whose second part is no English word: `CEO of BlackRock Larry Fink` keeps its
 * company, and a company the text names again (`HarperCollins … HarperCollins said`) is left.
 */
export function gluedPlaceAndGivenName(draft: Draft, block: DraftBlock, ctx: NameContext): number {
  if (!gluedAfterOf(block.text)) return 0;
  const pattern = new RegExp(`(?<=(?:${TITLES}) of )(\\p{Lu}\\p{Ll}{3,})(\\p{Lu}\\p{Ll}{2,})(?= \\p{Lu}\\p{Ll})`, "gu");
  return draft.rewrite(block, "glued-given-name", pattern, (m) => {
    const place = m[1] as string;
    const given = m[2] as string;
    if ((ctx.evidence.tokens.get(m[0]) ?? 0) > 1 || ctx.words.has(given.toLowerCase())) return null;
    return `${place} ${given}`;
  });
}
