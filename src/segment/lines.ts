/**
 * A text dump as lines: whitespace normalised, hard-wrapped lines joined back into paragraphs, and
 * each line's layout noted (did it stand alone between blank lines?).
 */
export interface Line {
  text: string;
  /** 0-based line number in the dump where it starts. */
  line: number;
  /** Blank lines (or the edges of the dump) on both sides. */
  standalone: boolean;
}

const SPACES = /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

export function normaliseLine(text: string): string {
  return isNormalLine(text) ? text : text.replace(INVISIBLE, "").replace(SPACES, " ").trim();
}

/**
 * Code units that the normalisation may remove or change, or that `trim` removes at an end, other
 * than a single space: ASCII controls, and outside ASCII the SPACES, the INVISIBLE and the other white
 * space and line terminators of JavaScript; and two spaces in a row.
 */
const MAY_CHANGE = /[\x00-\x1f\xa0\xad\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]| {2}/;

/**
 * A line the normalisation leaves as it is: no such code unit, and spaces only single and between
 * other characters. Most lines of a dump are, and are then returned without building new strings. The
 * regex engine runs the test about twice as fast as a loop over the line's code units.
 */
function isNormalLine(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (text.charCodeAt(0) === 0x20 || text.charCodeAt(n - 1) === 0x20) return false;
  return !MAY_CHANGE.test(text);
}

/**
 * Splits a dump into non-empty lines, joining lines that a hard wrap cut mid-sentence: at most
 * `maxLines` of them (`cut` says whether the dump went on past them).
 */
export function toLines(content: string, maxLines = Number.POSITIVE_INFINITY): { lines: Line[]; cut: boolean } {
  // (most dumps have no carriage return: no need to copy them to replace none)
  const raw = (content.includes("\r") ? content.replace(/\r\n?/g, "\n") : content).split("\n").map(normaliseLine);
  const out: Line[] = [];
  for (let i = 0; i < raw.length; i++) {
    const text = raw[i] as string;
    if (text === "") continue;
    const blankBefore = i === 0 || raw[i - 1] === "";
    const blankAfter = i === raw.length - 1 || raw[i + 1] === "";
    const prev = out[out.length - 1];
    if (prev && !blankBefore && isWrapContinuation(prev.text, text)) {
      prev.text = `${prev.text} ${text}`;
      prev.standalone = prev.standalone && blankAfter;
      continue;
    }
    if (out.length >= maxLines) return { lines: out, cut: true };
    out.push({ text, line: i, standalone: blankBefore && blankAfter });
  }
  return { lines: out, cut: false };
}

/**
 * A line continues the previous one when the previous was cut mid-sentence by a hard wrap: it is
 * long, does not end a sentence or a clause, and this one starts in lower case.
 */
function isWrapContinuation(prev: string, next: string): boolean {
  if (prev.length < 40) return false;
  if (/[.!?:;…"”’)\]]$/u.test(prev)) return false;
  return /^[\p{Ll}]/u.test(next);
}
