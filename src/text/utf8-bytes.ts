/**
 * UTF-8 text held as its bytes: a one-byte string with one character per byte (what a "latin1" read
 * of the bytes gives), decoded only where a part of it is taken.
 *
 * Why: V8 decodes UTF-8 that is not pure ASCII byte by byte, and keeps the result as a two-byte string
 * (all of it, for one curly quote); a 100 KB page then becomes a 200 KB string, which V8 allocates
 * outside its young heap, and every later parse reads twice the memory. Measured on generated
 * ~100 KB pages with a few dozen non-ASCII characters each: decoding a JSONL line and parsing its
 * JSON took ~5.5 ns a byte, the same on the bytes ~1.1; reading a line and extracting its page,
 * 3.6 ms a page before, 3.1-3.3 ms from the bytes.
 *
 * It works for markup because everything a tokenizer decides on is ASCII (`<`, quotes, `&`, names,
 * spaces), and a UTF-8 byte sequence is all bytes over 0x7f: a part cut at ASCII characters never
 * splits a character, and decodes on its own to the same text as within the whole.
 */
import type { RawInput } from "../draft.ts";

const HIGH_RUN = /[\x80-\xff]+/g;
const HIGH = /[\x80-\xff]/;

const decode = (bytes: string): string => Buffer.from(bytes, "latin1").toString("utf8");

/** The text of UTF-8 bytes held as a one-byte string (the string itself when it is all ASCII). */
export function decodeUtf8Bytes(bytes: string): string {
  return HIGH.test(bytes) ? decode(bytes) : bytes;
}

/** A text's UTF-8 bytes as a one-byte string, and its parts decoded as they are taken. */
export class Utf8Bytes {
  /** Where the runs of bytes over 0x7f start and end, in order: start, end, start, end... (found on first use). */
  private runs: number[] | null = null;
  /** The run at or after the last part taken (parts are mostly taken in order). */
  private at = 0;
  private decoded: string | null = null;

  /** `bytes`: valid UTF-8, one byte per character. */
  constructor(readonly bytes: string) {}

  /** The decoded text of bytes `start` to `end`, which must not cut a character (cut at ASCII). */
  slice(start: number, end: number): string {
    const part = this.bytes.slice(start, end);
    return this.hasHighIn(start, end) ? decode(part) : part;
  }

  /** The whole text, decoded (once). */
  text(): string {
    this.decoded ??= decodeUtf8Bytes(this.bytes);
    return this.decoded;
  }

  private hasHighIn(start: number, end: number): boolean {
    const runs = (this.runs ??= findRuns(this.bytes));
    let i = this.at;
    while (i > 0 && (runs[i - 1] as number) > start) i -= 2;
    while (i < runs.length && (runs[i + 1] as number) <= start) i += 2;
    this.at = i;
    return i < runs.length && (runs[i] as number) < end;
  }
}

function findRuns(bytes: string): number[] {
  const runs: number[] = [];
  HIGH_RUN.lastIndex = 0;
  for (let m = HIGH_RUN.exec(bytes); m !== null; m = HIGH_RUN.exec(bytes)) runs.push(m.index, m.index + m[0].length);
  return runs;
}

/**
 * Whether UTF-8 bytes are mostly ASCII: at most one in 8 of their 4-byte words holds a byte over 0x7f.
 * Parsing the bytes pays where their parts are mostly ASCII: a part holding other characters is
 * decoded on its own, which costs more than decoding the whole. Measured on generated pages with more
 * and more of their text in Japanese: extraction from the bytes was the faster down to one such word
 * in 3, and the slower at one in 1.8. Of 711 real pages (the WCXB set), the median has one in ~600
 * and 3 have more than one in 32. Reads four bytes at a time.
 */
export function mostlyAscii(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let at = 0;
  let high = 0;
  // up to the first 4-byte boundary of the buffer, then whole words, then the bytes left
  const head = Math.min(n, (4 - ((bytes.byteOffset + at) & 3)) & 3);
  for (; at < head; at++) if ((bytes[at] as number) > 0x7f) high++;
  const words = (n - at) >> 2;
  if (words > 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + at, words);
    for (let i = 0; i < words; i++) if (((view[i] as number) & 0x80808080) !== 0) high++;
    at += words << 2;
  }
  for (; at < n; at++) if ((bytes[at] as number) > 0x7f) high++;
  return high <= n >> 5;
}

/** Where a raw input made by `htmlOfUtf8Bytes` keeps its bytes (a symbol: not copied, not serialised). */
const BYTES = Symbol("utf8 bytes");

/**
 * An HTML raw input whose page is given as UTF-8 bytes: `content` is decoded when first read (by a
 * stage of one's own, or a copy of the input), while extraction parses the bytes (`utf8BytesOf`).
 * Setting `content` replaces the page, bytes and all.
 */
export function htmlOfUtf8Bytes(bytes: Utf8Bytes): RawInput {
  const raw = { kind: "html" } as RawInput & { [BYTES]?: Utf8Bytes };
  let replaced: string | null = null;
  Object.defineProperty(raw, "content", {
    enumerable: true,
    get: () => replaced ?? bytes.text(),
    set: (value: string) => {
      replaced = value;
      raw[BYTES] = undefined;
    },
  });
  Object.defineProperty(raw, BYTES, { value: bytes, writable: true });
  return raw;
}

/** The bytes of a raw input made by `htmlOfUtf8Bytes` (while its content is theirs); null for any other. */
export function utf8BytesOf(raw: RawInput): Utf8Bytes | null {
  return (raw as { [BYTES]?: Utf8Bytes })[BYTES] ?? null;
}

/** A page kept as its bytes, as it crosses to another thread: `content` holds the bytes, one char a byte. */
type SentBytes = RawInput & { utf8Bytes: true };

/**
 * A raw input as it is sent to a worker thread. Structured cloning reads `content`, which would
 * decode a page kept as its bytes (on the sending thread, and in full); the bytes go instead.
 */
export function rawToSend(raw: RawInput): RawInput {
  const bytes = utf8BytesOf(raw);
  if (bytes === null) return raw;
  const sent: SentBytes = { kind: "html", content: bytes.bytes, utf8Bytes: true };
  return sent;
}

/** A raw input as `rawToSend` sent it, made again on the receiving thread. */
export function rawReceived(raw: RawInput): RawInput {
  return (raw as Partial<SentBytes>).utf8Bytes === true ? htmlOfUtf8Bytes(new Utf8Bytes(raw.content)) : raw;
}
