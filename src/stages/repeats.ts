/**
 * `repeats`: a block printed twice inside one article (a pull quote, a paragraph a CMS emitted twice,
 * a title repeated above the body) is kept once. Blocks are compared after normalisation (NFKC,
 * case, punctuation and white space ignored); the first copy stays, later copies are removed with
 * rule `repeated-block`. Blocks with fewer than `minWords` words ("Share", "0") are left to the
 * boilerplate stage: their repetition says nothing.
 */
import { z } from "zod";
import { matchingKey, matchingKeyHash } from "../dedupe/tokens.ts";
import { defineStage } from "../stage.ts";

const options = z
  .object({
    /** Blocks shorter than this many words are not considered. */
    minWords: z.number().int().min(1).default(3),
    /**
     * Also on HTML pages. Off by default: a page that shows a block twice usually means it (a recipe's
     * steps, an FAQ, a product's features), while a text dump that does is a scraping artifact.
     */
    pages: z.boolean().default(false),
  })
  .strict();

/** How many words from each end of a block make its edge key. */
const EDGE_WORDS = 2;

/**
 * The letters from U+00C0 to U+024F (accented Latin letters) that NFKC leaves as they are: "é" is
 * one, "ĳ" (which becomes "ij") and "ſ" (which becomes "s") are not. None of them composes with a
 * letter before it, so next to ASCII they stay what they are in the normalised text.
 */
const LATIN_FIRST = 0xc0;
const LATIN_LAST = 0x24f;
const STABLE_LATIN = new Uint8Array(LATIN_LAST - LATIN_FIRST + 1);
for (let c = LATIN_FIRST; c <= LATIN_LAST; c++) {
  const ch = String.fromCharCode(c);
  if (/^\p{L}$/u.test(ch) && ch.normalize("NFKC") === ch) STABLE_LATIN[c - LATIN_FIRST] = 1;
}

/** A code unit that is a word's character, in the text and in its normalised form alike. */
const isAsciiWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= LATIN_FIRST && c <= LATIN_LAST && STABLE_LATIN[c - LATIN_FIRST] === 1);

/**
 * Code units that the normalisation for matching (NFKC, lower case) leaves as they are and that belong
 * to no word: ASCII other than letters and digits, and the common quotes and dashes. None decomposes,
 * none composes with what is next to it, so a normalised text starts and ends as the text does
 * wherever it is made of these and of ASCII letters and digits.
 */
function isPlainSeparator(c: number): boolean {
  if (c < 128) return !isAsciiWordCode(c);
  return c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || c === 0x2013 || c === 0x2014;
}

/**
 * The first (or last) EDGE_WORDS words of `matchingKey(text).key`, read straight from the text where
 * its end is made of ASCII letters and digits, the accented Latin letters NFKC leaves alone, and plain
 * separators; null where it holds anything else (a mark, a ligature, another script), whose
 * normalisation may change the words. Lower-casing goes code unit by code unit here as in the key.
 */
function plainEdgeWords(text: string, fromEnd: boolean): string | null {
  const n = text.length;
  const out: string[] = [];
  if (!fromEnd) {
    let i = 0;
    while (out.length < EDGE_WORDS) {
      while (i < n && isPlainSeparator(text.charCodeAt(i))) i++;
      if (i === n) break;
      if (!isAsciiWordCode(text.charCodeAt(i))) return null;
      const start = i;
      while (i < n && isAsciiWordCode(text.charCodeAt(i))) i++;
      // the word must end at a plain separator (or the end): anything else (a mark) may go on with it
      if (i < n && !isPlainSeparator(text.charCodeAt(i))) return null;
      out.push(text.slice(start, i).toLowerCase());
    }
    return out.join(" ");
  }
  let i = n;
  while (out.length < EDGE_WORDS) {
    while (i > 0 && isPlainSeparator(text.charCodeAt(i - 1))) i--;
    if (i === 0) break;
    if (!isAsciiWordCode(text.charCodeAt(i - 1))) return null;
    const end = i;
    while (i > 0 && isAsciiWordCode(text.charCodeAt(i - 1))) i--;
    if (i > 0 && !isPlainSeparator(text.charCodeAt(i - 1))) return null;
    out.push(text.slice(i, end).toLowerCase());
  }
  return out.reverse().join(" ");
}

/**
 * The first and last EDGE_WORDS words of the block's matching key: two blocks with one key have one
 * edge key. Read from the ends of the text when they are plain, from the key itself otherwise.
 */
export function edgeKey(text: string): string {
  const head = plainEdgeWords(text, false);
  const tail = head === null ? null : plainEdgeWords(text, true);
  if (head !== null && tail !== null) return `${head}|${tail}`;
  return edgeKeyOf(matchingKey(text).key);
}

/** `edgeKey` from the matching key itself. */
export function edgeKeyOf(key: string): string {
  const words = key === "" ? [] : key.split(" ");
  return `${words.slice(0, EDGE_WORDS).join(" ")}|${words.slice(-EDGE_WORDS).join(" ")}`;
}

export const repeats = defineStage({
  name: "repeats",
  description: "Removes later copies of a block printed twice inside one article",
  options,
  run(draft, ctx) {
    if (draft.raw.kind === "html" && !ctx.options.pages) return;
    // The blocks kept so far, by the hash of their key; keys are built only where two hashes meet.
    const seen = new Map<number, { text: string; key: string | null }[]>();
    const keyOf = (kept: { text: string; key: string | null }): string => (kept.key ??= matchingKey(kept.text).key);
    // A block whose edge key no other block has has a key of its own: it is no copy and has none, and
    // is not hashed. Most blocks of an article are such, and their edge keys are read off their ends.
    const live = draft.live();
    const edges = live.map((block) => edgeKey(block.text));
    const blocksByEdge = new Map<string, number>();
    for (const edge of edges) blocksByEdge.set(edge, (blocksByEdge.get(edge) ?? 0) + 1);
    for (let b = 0; b < live.length; b++) {
      if ((blocksByEdge.get(edges[b] as string) as number) < 2) continue;
      const block = live[b] as (typeof live)[number];
      const { hash, count } = matchingKeyHash(block.text);
      if (count < ctx.options.minWords) continue;
      const same = seen.get(hash);
      if (same === undefined) {
        seen.set(hash, [{ text: block.text, key: null }]);
        continue;
      }
      const key = matchingKey(block.text).key;
      if (same.some((kept) => keyOf(kept) === key)) draft.remove(block, "repeated-block", "repeated-block");
      else same.push({ text: block.text, key });
    }
  },
});
