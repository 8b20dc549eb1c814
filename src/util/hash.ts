/** Hashes for keys that stay in memory or on disk in place of strings. */
import { LETTER, NUMBER, classOf } from "../text/chars.ts";
import { fold } from "../text/measure.ts";

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

/**
 * `hash53(fold(text))` without building the folded string: the words of the text (runs of letters
 * and digits), lower-cased, one space between them, hashed as they are scanned. Templates hash every
 * short line of every article this way. Text whose folding is not plain ASCII lower-casing (a letter
 * or digit outside ASCII, a character that changes under lower-casing) is folded first, the slow way.
 */
export function foldHash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let inWord = false;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) {
      if (!plainSeparator(c)) return hash53(fold(text));
      inWord = false;
      continue;
    }
    const upper = c >= 65 && c <= 90;
    if (!(upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      if (any) {
        h1 = Math.imul(h1 ^ 32, 2654435761);
        h2 = Math.imul(h2 ^ 32, 1597334677);
      }
      inWord = true;
      any = true;
    }
    if (upper) c += 32;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return finish53(h1, h2);
}

/** For each UTF-16 unit from 128 up: 1 when folding treats it as a plain separator, 2 when not, 0 unknown. */
const SEPARATOR = new Uint8Array(0x10000);

/** Whether a non-ASCII unit separates words in `fold` and is left alone by lower-casing. */
function plainSeparator(c: number): boolean {
  let known = SEPARATOR[c] as number;
  if (known === 0) {
    const ch = String.fromCharCode(c);
    const separator = !(c >= 0xd800 && c <= 0xdfff) && (classOf(c) & (LETTER | NUMBER)) === 0 && ch.toLowerCase() === ch;
    known = separator ? 1 : 2;
    SEPARATOR[c] = known;
  }
  return known === 1;
}
