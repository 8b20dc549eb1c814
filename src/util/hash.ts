/** Hashes for keys that stay in memory or on disk in place of strings. */
import { LETTER, NUMBER, classOf } from "../text/chars.ts";
import { fold } from "../text/measure.ts";
import { CodeUnits } from "../text/units.ts";

/** A 53-bit hash of a string (two 32-bit multiply-xor lanes). */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return finish53(h1, h2);
}

/** The 53-bit hash of the two lanes once every code unit is in. */
function finish53(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The copy of the code units foldHash53 reads. */
const FOLD_UNITS = new CodeUnits();

/**
 * `hash53(fold(text))` without building the folded string: the words of the text (runs of letters
 * and digits), lower-cased, one space between them, hashed as they are scanned. Templates hash every
 * short line of every article this way. Letters that fold to one letter of their own, whatever is
 * around them (ASCII, and most of Latin, Greek and Cyrillic), are hashed as their lower case; text
 * with any other letter (one that lower-cases to two, composes or decomposes under NFKC, or depends on
 * its neighbours) is folded first, the slow way.
 */
export function foldHash53(text: string): number {
  const u = FOLD_UNITS.load(text);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let inWord = false;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    let c = u[i] as number;
    if (c >= 128) {
      const kind = kindOf(c);
      if (kind === SEPARATOR) {
        inWord = false;
        continue;
      }
      if (kind !== SIMPLE_LETTER) return hash53(fold(text));
      c = LOWER[c] as number;
    } else {
      const upper = c >= 65 && c <= 90;
      if (!(upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
        inWord = false;
        continue;
      }
      if (upper) c += 32;
    }
    if (!inWord) {
      if (any) {
        h1 = Math.imul(h1 ^ 32, 2654435761);
        h2 = Math.imul(h2 ^ 32, 1597334677);
      }
      inWord = true;
      any = true;
    }
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return finish53(h1, h2);
}

/**
 * The lower case of a UTF-16 unit from 128 up when lower-casing it is that unit alone, whatever is
 * around it: itself for a unit that is neither letter nor digit and has no lower case, its one-unit
 * lower case for a letter of Latin, Greek or Cyrillic (as `kindOf` says); -1 for any other unit.
 */
export function simpleLower(c: number): number {
  const kind = kindOf(c);
  return kind === SIMPLE_LETTER ? (LOWER[c] as number) : kind === SEPARATOR ? c : -1;
}

/** The one-unit lower case of a letter of Latin, Greek or Cyrillic that lower-cases alone (see `kindOf`), else -1. */
export function simpleLetterLower(c: number): number {
  return kindOf(c) === SIMPLE_LETTER ? (LOWER[c] as number) : -1;
}

/** What folding does with a UTF-16 unit from 128 up (0: not known yet). */
const SEPARATOR = 1;
const SIMPLE_LETTER = 2;
const OTHER = 3;
const KIND = new Uint8Array(0x10000);
/** The lower case of each SIMPLE_LETTER unit. */
const LOWER = new Uint16Array(0x10000);

/**
 * Latin (with Latin-1 and the Latin extensions), Greek and Cyrillic: scripts where two letters never
 * compose under NFKC, and where lower-casing one letter never depends on the others, except final
 * sigma (below).
 */
function inSimpleScript(c: number): boolean {
  return (c >= 0x00c0 && c <= 0x024f) || (c >= 0x0370 && c <= 0x052f) || (c >= 0x1e00 && c <= 0x1fff);
}

/**
 * A unit's kind, worked out once: a separator when folding drops it and lower-casing leaves it alone;
 * a simple letter when it is a letter or digit of a simple script whose lower case is one unit, again
 * a letter or digit, that NFKC leaves alone; anything else sends the text the slow way.
 */
function kindOf(c: number): number {
  const known = KIND[c] as number;
  if (known !== 0) return known;
  const ch = String.fromCharCode(c);
  const surrogate = c >= 0xd800 && c <= 0xdfff;
  let kind = OTHER;
  if (!surrogate && (classOf(c) & (LETTER | NUMBER)) === 0) {
    if (ch.toLowerCase() === ch) kind = SEPARATOR;
  } else if (!surrogate && inSimpleScript(c) && c !== 0x03a3) {
    // (capital sigma lower-cases to a final or a medial sigma, as the letters around it say)
    const lower = ch.toLowerCase();
    if (lower.length === 1 && (classOf(lower.charCodeAt(0)) & (LETTER | NUMBER)) !== 0 && lower.normalize("NFKC") === lower) {
      kind = SIMPLE_LETTER;
      LOWER[c] = lower.charCodeAt(0);
    }
  }
  KIND[c] = kind;
  return kind;
}
