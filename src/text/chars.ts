/**
 * Character classes by code point, for scanners that stand in for Unicode-property regular
 * expressions on every paragraph. A class is what the matching `\p{..}` (or `\s`) escape says of the
 * code point; the answers for the Basic Multilingual Plane are cached in a table, so a scan costs a
 * lookup per character instead of a regex step.
 */

/** `\p{L}`: a letter. */
export const LETTER = 1;
/** `\p{M}`: a combining mark. */
export const MARK = 2;
/** `\p{Lu}`: an upper-case letter. */
export const UPPER = 4;
/** `\p{Ll}`: a lower-case letter. */
export const LOWER = 8;
/** `\p{N}`: a digit or other number. */
export const NUMBER = 16;
/** `\s`: white space. */
export const SPACE = 32;
const KNOWN = 128;

const TESTS: ReadonlyArray<readonly [number, RegExp]> = [
  [LETTER, /^\p{L}$/u],
  [MARK, /^\p{M}$/u],
  [UPPER, /^\p{Lu}$/u],
  [LOWER, /^\p{Ll}$/u],
  [NUMBER, /^\p{N}$/u],
  [SPACE, /^\s$/u],
];

function compute(cp: number): number {
  const ch = String.fromCodePoint(cp);
  let bits = 0;
  for (const [bit, test] of TESTS) if (test.test(ch)) bits |= bit;
  return bits;
}

const BMP = new Uint8Array(0x10000);
const ASTRAL = new Map<number, number>();

/** The class bits of one code point (none for -1 or NaN, which stand for no character). */
export function classOf(cp: number): number {
  if (!(cp >= 0)) return 0;
  if (cp < 0x10000) {
    const known = BMP[cp] as number;
    if (known !== 0) return known & ~KNOWN;
    const bits = compute(cp);
    BMP[cp] = bits | KNOWN;
    return bits;
  }
  let bits = ASTRAL.get(cp);
  if (bits === undefined) {
    bits = compute(cp);
    ASTRAL.set(cp, bits);
  }
  return bits;
}

/** The code point that ends right before `i`, or -1 at the start. */
export function codePointBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** How many UTF-16 units a code point takes. */
export const unitsOf = (cp: number): number => (cp >= 0x10000 ? 2 : 1);
