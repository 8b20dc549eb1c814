/**
 * What kind of block a line of a text dump is, from its own shape and its neighbours: a caption
 * (a photo description with a credit), a bare heading line, or a paragraph.
 */
import type { BlockType } from "../article.ts";
import { SPACE, classOf } from "../text/chars.ts";
import { endsLikeSentence, wordCount, wordCountUpTo } from "../text/measure.ts";

/** A photo credit closing a caption: "(Credit: Name/Getty Images)", "(Photo by X/AFP)", "REUTERS/Name". */
const CREDIT_TAIL =
  /(?:\((?:photo(?:graph)?s?|image|picture|credit|foto|courtesy|source|file)\b[^()]{0,100}\)|\b(?:getty images|afp|reuters|ap photo|epa|shutterstock|xinhua|bloomberg|anadolu)(?:\s*via\s*[\w .]+)?\)?|\b[A-Z]{2,}\/[A-Z][\w.' -]{2,40})\s*\.?$/i;
/** A caption's opening words: "The picture shows", "Pictured:", "Photo:", "File photo". */
const CAPTION_HEAD = /^(?:the (?:picture|photo|image|photograph) (?:shows|above)|pictured\b|photo:|image:|caption:|file photo\b|in this (?:photo|image|file photo))/i;

/**
 * What CREDIT_TAIL's second form needs somewhere: an agency's name. Searched for only in the words at
 * the end of the line (see `creditWordsAtEnd`): "separate" has "epa" in it, and most lines would
 * otherwise be searched for a credit at their end.
 */
const CREDIT_WORD = /getty images|afp|reuters|ap photo|epa|shutterstock|xinhua|bloomberg|anadolu/i;

/**
 * What CREDIT_TAIL needs: a closing bracket at the end, before white space and a full stop (first
 * form), an agency's name among the words at the end (second form), or a slash (third form). A line
 * with none is not searched for a credit: the regex, anchored at the end only, is tried at every
 * position of the line.
 */
function hasCreditTail(text: string): boolean {
  if (!text.includes("/") && !endsWithBracket(text) && !CREDIT_WORD.test(creditWordsAtEnd(text))) return false;
  return CREDIT_TAIL.test(text);
}

const isSpaceCode = (c: number): boolean => (classOf(c) & SPACE) !== 0;

/** `/\)\s*\.?$/`: a closing bracket, then only white space and maybe a full stop. */
function endsWithBracket(text: string): boolean {
  let i = text.length;
  if (i > 0 && text.charCodeAt(i - 1) === 46) i--;
  while (i > 0 && isSpaceCode(text.charCodeAt(i - 1))) i--;
  return i > 0 && text.charCodeAt(i - 1) === 41;
}

/**
 * The end of the line where CREDIT_TAIL's second form can lie when the line does not end with a
 * bracket (that is `endsWithBracket`'s case): the longest run of `[\w .]` and white space at the end.
 * The agency's name, "via", the words after it and the closing `\s*\.?` are all made of those.
 */
function creditWordsAtEnd(text: string): string {
  let start = text.length;
  while (start > 0) {
    const c = text.charCodeAt(start - 1);
    // \w without the u flag: ASCII letters, digits and the underscore
    const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!word && c !== 46 && c !== 32 && !isSpaceCode(c)) break;
    start--;
  }
  return text.slice(start);
}

export function isCaption(text: string): boolean {
  // the patterns first: most lines match neither, and are then not counted
  return (CAPTION_HEAD.test(text) || hasCreditTail(text)) && wordCountUpTo(text, 121) <= 120;
}

/**
 * A bare heading line: short, no sentence or clause ending, starts like a title, and sits between
 * longer blocks. Navigation-like lines also match this shape; the boilerplate stage decides on them.
 */
export function isHeadingLine(text: string, prev: string | null, next: string | null): boolean {
  if (prev === null || next === null || text.length > 100) return false;
  if (/[.,;:]$/.test(text) || (endsLikeSentence(text) && !/\?$/.test(text))) return false;
  if (!/^["“‘'(]?[\p{Lu}\p{N}]/u.test(text)) return false;
  if (!/\p{L}{3,}/u.test(text)) return false;
  const n = wordCountUpTo(text, 13);
  if (n === 0 || n > 12) return false;
  // A heading introduces prose: the next block is a real paragraph.
  return endsLikeSentence(next) && wordCountUpTo(next, 15) >= 15;
}

export function lineType(text: string, prev: string | null, next: string | null): BlockType {
  if (isCaption(text)) return "caption";
  if (isHeadingLine(text, prev, next)) return "heading";
  return "paragraph";
}

/** ".", "!" or "?". */
const isSentenceStop = (c: number): boolean => c === 46 || c === 33 || c === 63;

/**
 * A heading glued to the end of a paragraph, where a tag was stripped with no space left:
 * `… even greater.”‘A Steadfast Ally’`. Returns where the heading starts and its text, or null.
 */
export function gluedHeading(text: string): { index: number; heading: string } | null {
  // The heading is the last two characters or more, none of them a full stop, question or exclamation
  // mark: a paragraph that ends with one in its last two code units (most do) has none, and is not
  // searched with the pattern, which is tried at every position of the paragraph.
  const length = text.length;
  if (length < 3 || isSentenceStop(text.charCodeAt(length - 1)) || isSentenceStop(text.charCodeAt(length - 2))) return null;
  const m = /[.!?]["”’»]?(?=[“‘"']?\p{Lu})(?<tail>[^.!?\s][^.!?]{1,90})$/u.exec(text);
  if (!m?.groups) return null;
  const tail = m.groups.tail as string;
  const index = text.length - tail.length;
  let heading = tail.trim();
  const n = wordCount(heading);
  if (n < 1 || n > 10) return null;
  if (/[,;:]$/.test(heading)) return null;
  const pair = /^([‘“"'])(.*)([’”"'])$/u.exec(heading);
  if (pair) heading = (pair[2] as string).trim();
  else if (/["“”‘’]/u.test(heading)) return null;
  if (!/^\p{Lu}/u.test(heading)) return null;
  return { index, heading };
}
