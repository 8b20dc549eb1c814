/**
 * The shape of a line: its words reduced to their case class and its numbers to one digit, with the
 * punctuation kept. "joe123 says:" and "Mary says:" differ; "November 19, 2019 at 6:34 am" and
 * "May 2, 2018 at 10:05 pm" share the shape "A 0, 0 a 0:0 a". A shape printed again and again marks
 * the separators of a list of records (comments, teasers, search results), not the article.
 *
 * A word starts with an upper-case letter (A) or a lower-case or caseless one (a) and runs on over
 * letters, marks, apostrophes and hyphens; a number is digits, maybe grouped by "." or ",". Runs of
 * white space become one space. One scan over the characters, ASCII by table.
 */
const UPPER = /\p{Lu}/u;
const LOWER_OR_CASELESS = /[\p{Ll}\p{Lo}]/u;
const WORD_TAIL = /[\p{L}\p{M}'’-]/u;
const DIGIT = /\p{N}/u;
const SPACE = /\s/u;

// Kinds of character, and the kind packed with the character's length in UTF-16 units.
const UP = 1;
const LOW = 2;
const TAIL = 3;
const DIG = 4;
const SP = 5;
const OTHER = 6;
const KIND = 7;
const WIDE = 8;

/** What the character at `i` is, for the scan (letters that cannot start a word still continue one). */
function kindAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) {
    if (c >= 97 && c <= 122) return LOW;
    if (c >= 65 && c <= 90) return UP;
    if (c === 32 || (c >= 9 && c <= 13)) return SP;
    if (c >= 48 && c <= 57) return DIG;
    return c === 39 || c === 45 ? TAIL : OTHER;
  }
  const cp = text.codePointAt(i) as number;
  const wide = cp > 0xffff ? WIDE : 0;
  const ch = wide ? String.fromCodePoint(cp) : (text[i] as string);
  if (UPPER.test(ch)) return UP | wide;
  if (LOWER_OR_CASELESS.test(ch)) return LOW | wide;
  if (WORD_TAIL.test(ch)) return TAIL | wide;
  if (DIGIT.test(ch)) return DIG | wide;
  if (SPACE.test(ch)) return SP | wide;
  return OTHER | wide;
}

const sizeOf = (k: number): number => (k & WIDE ? 2 : 1);

export function lineShape(text: string): string {
  let out = "";
  let space = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const k = kindAt(text, i);
    const kind = k & KIND;
    if (kind === SP) {
      space = out !== "";
      i += sizeOf(k);
      continue;
    }
    if (space) {
      out += " ";
      space = false;
    }
    if (kind === UP || kind === LOW) {
      out += kind === UP ? "A" : "a";
      i += sizeOf(k);
      while (i < n) {
        const next = kindAt(text, i);
        const nk = next & KIND;
        if (nk !== UP && nk !== LOW && nk !== TAIL) break;
        i += sizeOf(next);
      }
    } else if (kind === DIG) {
      out += "0";
      i += sizeOf(k);
      while (i < n) {
        const next = kindAt(text, i);
        if ((next & KIND) === DIG) {
          i += sizeOf(next);
          continue;
        }
        // "1.5", "12,000": a separator followed by a digit goes on with the number.
        const c = text.charCodeAt(i);
        if ((c === 46 || c === 44) && i + 1 < n && (kindAt(text, i + 1) & KIND) === DIG) {
          i += 1;
          continue;
        }
        break;
      }
    } else {
      const size = sizeOf(k);
      out += size === 1 ? text[i] : text.slice(i, i + size);
      i += size;
    }
  }
  return out;
}

/** How many lines of the page have each line's shape. */
export function shapeCounts(texts: readonly string[]): number[] {
  const shapes = texts.map(lineShape);
  const counts = new Map<string, number>();
  for (const s of shapes) counts.set(s, (counts.get(s) ?? 0) + 1);
  return shapes.map((s) => counts.get(s) ?? 0);
}
