/**
 * Repair of mojibake: UTF-8 text that was decoded with a single-byte code page (once or twice).
 *
 * For each code page, every character that the page can produce is turned back into its byte, and
 * every run of bytes that forms a valid UTF-8 sequence is decoded again; characters outside such
 * runs are kept as they are, so a line that is only partly damaged is repaired only where it is
 * damaged. A candidate is accepted only when it is clearly less unnatural than the text it replaces
 * (see badness.ts); the best of all code pages wins, and the step repeats for double encoding.
 */
import { badness } from "./badness.ts";
import { CODECS, type Codec, windows1252Meaning } from "./codecs.ts";

/** A candidate must beat the text it replaces by at least this much badness. */
const MIN_GAIN = 1;
/** Double and triple encodings are repaired; more passes than this are never useful. */
const MAX_PASSES = 3;
/** How many readings are kept at each depth of the search. */
const BEAM = 3;

/**
 * For each code page, the characters it makes of a UTF-8 lead byte and of a continuation byte. A
 * plain space stands for a lost no-break space only in pages where that is a continuation byte
 * (0xA0 in windows-1252 and Latin-1; not in Mac Roman, where a closing quote is a lead byte and
 * "” " would otherwise look like damage in every English text).
 */
export const PAIRS: Array<{ lead: Set<string>; continuation: Set<string> }> = CODECS.map((codec) => {
  const lead = new Set<string>();
  const continuation = new Set<string>(["\ufffd"]);
  for (const [ch, byte] of codec.toByte) {
    if (byte >= 0xc2 && byte <= 0xf4) lead.add(ch);
    if (byte >= 0x80 && byte <= 0xbf) continuation.add(ch);
  }
  if (continuation.has("\u00a0")) continuation.add(" ");
  return { lead, continuation };
});
/**
 * For each UTF-16 unit, the code pages (one bit each) in which it is a lead, and those in which it
 * is a continuation: two characters can start a sequence in some page exactly when the first's lead
 * bits and the second's continuation bits meet. Leads and continuations are all single units.
 */
const LEAD_PAGES = new Uint16Array(0x10000);
const CONTINUATION_PAGES = new Uint16Array(0x10000);
if (PAIRS.length > 16) throw new Error("mojibake: more code pages than the page tables have bits for");
PAIRS.forEach(({ lead, continuation }, page) => {
  const mark = (table: Uint16Array, ch: string): void => {
    if (ch.length === 1) table[ch.charCodeAt(0)] = (table[ch.charCodeAt(0)] as number) | (1 << page);
  };
  for (const ch of lead) mark(LEAD_PAGES, ch);
  for (const ch of continuation) mark(CONTINUATION_PAGES, ch);
});

/** Finds the next unit outside ASCII; no lead is ASCII, and most text is. */
const NON_ASCII_UNIT = /[^\u0000-\u007f]/g;

/** encodingSigns: some code page could read two neighbouring characters as the start of a UTF-8 sequence. */
export const MOJIBAKE_SIGN = 1;
/** encodingSigns: the text holds a C1 control character (U+0080..U+009F). Not told when MOJIBAKE_SIGN is. */
export const C1_SIGN = 2;

/**
 * What one pass over the characters outside ASCII tells of a text (MOJIBAKE_SIGN, C1_SIGN), so that
 * the repairs of the encoding need not each search the text. The pass stops at the first sign of
 * mojibake: then the mojibake repair reads the whole text anyway.
 *
 * Leads and continuations are all single UTF-16 units, so the text is scanned unit by unit: a
 * surrogate is never a lead, and half of a pair is never a continuation. The regex engine jumps from
 * one unit outside ASCII to the next faster than a loop reads every unit: most paragraphs have a
 * few curly quotes and dashes, and nothing else outside ASCII.
 */
export function encodingSigns(text: string): number {
  let signs = 0;
  NON_ASCII_UNIT.lastIndex = 0;
  while (NON_ASCII_UNIT.test(text)) {
    const i = NON_ASCII_UNIT.lastIndex - 1;
    const unit = text.charCodeAt(i);
    if (unit <= 0x9f) signs |= C1_SIGN;
    if (i + 1 < text.length && ((LEAD_PAGES[unit] as number) & (CONTINUATION_PAGES[text.charCodeAt(i + 1)] as number)) !== 0) return MOJIBAKE_SIGN;
  }
  return signs;
}

/** Whether some code page could read two neighbouring characters as the start of a UTF-8 sequence. */
export function mayHoldMojibake(text: string): boolean {
  return (encodingSigns(text) & MOJIBAKE_SIGN) !== 0;
}

/** Stands for a byte that an earlier decoder replaced by U+FFFD: it can be any continuation byte. */
const LOST = -1;
/** Stands for a plain space that may have been a no-break space (byte 0xA0) before. */
const SPACE = 0x20;

type Bytes = readonly (number | undefined)[];

function isContinuation(b: number | undefined): b is number {
  return b !== undefined && b >= 0x80 && b <= 0xbf;
}

/**
 * Decodes, inside `bytes`, the UTF-8 sequence starting at `i`. Returns the character and the number
 * of bytes used, or null when there is none. Surrogate pairs encoded one half at a time (CESU-8, as
 * old MySQL and Java wrote emoji) are joined.
 */
function decodeAt(bytes: Bytes, i: number): { ch: string; used: number; lossy: boolean } | null {
  const exact = utf8At(bytes, i);
  if (exact !== null) return { ...exact, lossy: false };
  const b0 = bytes[i];
  if (b0 === undefined || b0 < 0xc2 || b0 > 0xf4) return null;
  const need = b0 < 0xe0 ? 1 : b0 < 0xf0 ? 2 : 3;
  const tail = bytes.slice(i + 1, i + 1 + need);
  if (tail.length < need) return null;
  // A lost byte inside a sequence: the character is gone, but the sequence is one character.
  if (tail.some((b) => b === LOST) && tail.every((b) => b === LOST || isContinuation(b))) {
    return { ch: "\ufffd", used: need + 1, lossy: true };
  }
  // A no-break space (0xA0) that was turned into a plain space on the way.
  // Only inside a word (a letter follows), and not for `Ã `, which redecode reads as `à ` by itself.
  const spaces = tail.flatMap((b, k) => (b === SPACE ? [k] : []));
  const follower = bytes[i + 1 + need];
  const inWord = follower !== undefined && follower !== SPACE && follower !== LOST && (follower >= 0x80 || /[A-Za-z]/.test(String.fromCharCode(follower)));
  if (spaces.length === 1 && inWord && b0 !== 0xc3) {
    const patched = [...bytes.slice(i, i + 1 + need)];
    patched[1 + (spaces[0] as number)] = 0xa0;
    const seq = utf8At(patched, 0);
    if (seq !== null) return { ...seq, lossy: true };
  }
  return null;
}

function utf8At(bytes: Bytes, i: number): { ch: string; used: number } | null {
  const b0 = bytes[i];
  if (b0 === undefined || b0 < 0xc2 || b0 > 0xf4) return null;
  const b1 = bytes[i + 1];
  if (!isContinuation(b1)) return null;
  if (b0 < 0xe0) return { ch: String.fromCodePoint(((b0 & 0x1f) << 6) | (b1 & 0x3f)), used: 2 };
  const b2 = bytes[i + 2];
  if (!isContinuation(b2)) return null;
  if (b0 < 0xf0) {
    if (b0 === 0xe0 && b1 < 0xa0) return null;
    const cp = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const low = bytes[i + 3] === 0xed ? utf8At3(bytes, i + 3) : null;
      if (low !== null && low >= 0xdc00 && low <= 0xdfff) {
        return { ch: String.fromCodePoint(0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00)), used: 6 };
      }
      return null;
    }
    if (cp >= 0xdc00 && cp <= 0xdfff) return null;
    return { ch: String.fromCodePoint(cp), used: 3 };
  }
  const b3 = bytes[i + 3];
  if (!isContinuation(b3)) return null;
  if ((b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 >= 0x90)) return null;
  const cp = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
  return { ch: String.fromCodePoint(cp), used: 4 };
}

function utf8At3(bytes: Bytes, i: number): number | null {
  const [b0, b1, b2] = [bytes[i], bytes[i + 1], bytes[i + 2]];
  if (b0 === undefined || !isContinuation(b1) || !isContinuation(b2)) return null;
  return ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
}

/** The byte a character stands for in `codec`, as redecode reads it (undefined: none). */
function byteOf(code: number, ch: string, codec: Codec): number | undefined {
  if (code === 0xfffd) return LOST;
  return code < 0x80 ? code : codec.toByte.get(ch);
}

/**
 * Whether redecode could decode anything: every sequence it decodes (exact, with lost bytes, with a
 * no-break space turned plain, or `Ã ` before a word) is a lead byte (0xC2..0xF4) followed by as many
 * bytes as the lead asks for, each a continuation byte, a lost byte or a space. Every byte stands for
 * one UTF-16 unit, so the text is read unit by unit: half of a surrogate pair stands for no byte, as
 * the pair does.
 */
export function mayDecode(text: string, codec: Codec): boolean {
  for (let i = 0; i + 1 < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    const b0 = byteOf(code, text[i] as string, codec);
    if (b0 === undefined || b0 < 0xc2 || b0 > 0xf4) continue;
    const need = b0 < 0xe0 ? 1 : b0 < 0xf0 ? 2 : 3;
    let k = 1;
    for (; k <= need && i + k < text.length; k++) {
      const b = byteOf(text.charCodeAt(i + k), text[i + k] as string, codec);
      if (b !== LOST && b !== SPACE && !isContinuation(b)) break;
    }
    if (k > need) return true;
  }
  return false;
}

/**
 * Re-reads the text as if its characters were bytes of `codec`, decoding the valid UTF-8 runs and
 * keeping everything else. Returns null when nothing could be decoded.
 */
export function redecode(text: string, codec: Codec): string | null {
  return mayDecode(text, codec) ? decodeRuns(text, codec) : null;
}

/** redecode without its pre-test (exported so that a test can hold the two to the same answers). */
export function decodeRuns(text: string, codec: Codec): string | null {
  const chars = Array.from(text);
  const bytes = chars.map((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0xfffd) return LOST;
    return code < 0x80 ? code : codec.toByte.get(ch);
  });
  // What is kept as it is, is copied from the text in stretches: `kept` is where the stretch not yet
  // copied starts, `unit` where chars[i] starts.
  let out = "";
  let decoded = 0;
  let i = 0;
  let unit = 0;
  let kept = 0;
  const pass = (count: number): void => {
    for (let k = 0; k < count; k++) unit += (chars[i + k] as string).length;
    i += count;
  };
  while (i < chars.length) {
    const b0 = bytes[i];
    // Only a lead byte starts a sequence; `Ã` (C3) is one.
    if (b0 !== undefined && b0 >= 0xc2 && b0 <= 0xf4) {
      const seq = decodeAt(bytes, i);
      if (seq !== null) {
        out += text.slice(kept, unit) + seq.ch;
        decoded++;
        pass(seq.used);
        kept = unit;
        continue;
      }
      // `à` is C3 A0; a no-break space that became a plain space leaves "Ã " before a lower-case word.
      if (b0 === 0xc3 && bytes[i + 1] === 0x20 && /^\p{Ll}/u.test(chars[i + 2] === " " ? (chars[i + 3] ?? "") : (chars[i + 2] ?? ""))) {
        const before = chars[i - 1];
        if (before === undefined || /[\s\p{Ll}'’]/u.test(before)) {
          out += `${text.slice(kept, unit)}à`;
          decoded++;
          pass(chars[i + 2] === " " ? 2 : 1);
          kept = unit;
          continue;
        }
      }
    }
    pass(1);
  }
  return decoded > 0 ? out + text.slice(kept) : null;
}

export interface MojibakeFix {
  text: string;
  /** The code pages undone, outermost first (two for double encoding). */
  codecs: string[];
}

/** Reading C1 controls as windows-1252 punctuation, tried alongside the code pages. */
const C1_READING: Codec = { name: "c1-as-windows-1252", toByte: new Map() };

interface Candidate {
  text: string;
  bad: number;
  codecs: string[];
}

/**
 * Repairs mojibake in one string, or returns null when it finds none it trusts. The search keeps the
 * few least-bad readings at each depth (a double encoding can look worse half-way through), and
 * accepts the best reading found at any depth.
 */
export function fixMojibake(text: string): MojibakeFix | null {
  if (!mayHoldMojibake(text)) return null;
  // C1 controls are read as windows-1252 punctuation only when the text itself holds them, not
  // when a decoding step produced them.
  const readers = /[\u0080-\u009f]/u.test(text) ? [...CODECS, C1_READING] : CODECS;
  const read = (from: string, codec: Codec): string | null => (codec === C1_READING ? fixC1Controls(from) : redecode(from, codec));
  // Most texts that pass the pre-test hold nothing that a reader decodes: they need no badness score.
  const firstReadings = readers.map((codec) => read(text, codec));
  if (firstReadings.every((decoded) => decoded === null)) return null;
  const start: Candidate = { text, bad: badness(text), codecs: [] };
  let best = start;
  let frontier = [start];
  for (let depth = 0; depth < MAX_PASSES && frontier.length > 0; depth++) {
    const next: Candidate[] = [];
    const seen = new Set<string>();
    for (const from of frontier) {
      for (let k = 0; k < readers.length; k++) {
        const codec = readers[k] as Codec;
        const decoded = from === start ? (firstReadings[k] as string | null) : read(from.text, codec);
        if (decoded === null || seen.has(decoded)) continue;
        seen.add(decoded);
        const candidate = { text: decoded, bad: badness(decoded), codecs: [...from.codecs, codec.name] };
        next.push(candidate);
        if (candidate.bad < best.bad) best = candidate;
      }
    }
    next.sort((a, b) => a.bad - b.bad);
    frontier = next.slice(0, BEAM);
  }
  if (best === start || best.bad > start.bad - MIN_GAIN) return null;
  return { text: best.text, codecs: best.codecs };
}

/** C1 control characters that windows-1252 gives a meaning to (`\x93` is “), read that way. */
export function fixC1Controls(text: string): string | null {
  if (!/[\u0080-\u009f]/u.test(text)) return null;
  const out = text.replace(/[\u0080-\u009f]/gu, (c1) => windows1252Meaning(c1) ?? c1);
  return out === text ? null : out;
}

/**
 * HTML entities left in text, for the few whose reading is never in doubt. Named entities outside
 * this list (`&frac14;` after a stray byte, say) are left: they may be literal text.
 */
const ENTITIES: Record<string, string> = {
  amp: "&",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  mdash: "—",
  ndash: "–",
  hellip: "…",
};

export const ENTITY_PATTERN = /&(?:#(\d{2,6})|#x([0-9a-f]{2,5})|([a-z]+));/giu;

/** The character an entity stands for, or null when it is not one we decode. */
export function decodeEntity(match: RegExpExecArray): string | null {
  const [, dec, hex, name] = match;
  let cp: number | null = null;
  if (dec !== undefined) cp = Number.parseInt(dec, 10);
  else if (hex !== undefined) cp = Number.parseInt(hex, 16);
  if (cp !== null) {
    const printable = cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp <= 0x9f) && !(cp >= 0xd800 && cp <= 0xdfff) && cp <= 0x10ffff;
    return printable ? String.fromCodePoint(cp) : null;
  }
  return name !== undefined ? (ENTITIES[name] ?? null) : null;
}

/** The encoding-level repairs in the order the stage applies them: mojibake, then C1 controls, then entities. */
export function fixEncoding(text: string): string {
  let out = fixMojibake(text)?.text ?? text;
  out = fixC1Controls(out) ?? out;
  return out.replace(ENTITY_PATTERN, (...args: unknown[]) => {
    const m = args as unknown as RegExpExecArray;
    return decodeEntity(m) ?? (m[0] as string);
  });
}
