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
 * Code units that the normalisation may remove or change, or that `trim` removes at an end: ASCII
 * controls and the space, and outside ASCII the SPACES, the INVISIBLE and the other white space and
 * line terminators of JavaScript.
 */
function mayChange(c: number): boolean {
  if (c <= 0x20) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0xad ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * A line the normalisation leaves as it is: no such code unit but single spaces between other
 * characters. Most lines of a dump are, and are then returned without building new strings.
 */
function isNormalLine(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c > 0x20 && c < 0xa0) || !mayChange(c)) continue;
    if (c !== 0x20 || i === 0 || i === n - 1 || text.charCodeAt(i - 1) === 0x20) return false;
  }
  return true;
}

/** Splits a dump into non-empty lines, joining lines that a hard wrap cut mid-sentence. */
export function toLines(content: string): Line[] {
  const raw = content.replace(/\r\n?/g, "\n").split("\n").map(normaliseLine);
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
    out.push({ text, line: i, standalone: blankBefore && blankAfter });
  }
  return out;
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
