/**
 * Turning the bytes of a document into text. The order of evidence, strongest first:
 *
 * 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE): it is always right;
 * 2. binary content (a NUL byte, or more than 10% control characters in the first 8 KiB) is refused,
 *    except text that is plainly UTF-16 without a mark (every other byte NUL);
 * 3. bytes that are valid UTF-8 and not plain ASCII are UTF-8, whatever a header or a meta tag claims:
 *    pages that declare latin-1 but send UTF-8 are common, legacy text that happens to be valid
 *    UTF-8 is all but unheard of;
 * 4. the charset the transport declared (an HTTP Content-Type header), then for HTML a
 *    `<meta charset>`, a `<meta http-equiv="Content-Type">` or an XML declaration in the first 4 KiB;
 * 5. otherwise a guess: UTF-8 with replacement characters when most non-ASCII bytes form valid UTF-8
 *    sequences (a few damaged bytes in a UTF-8 file), else a legacy encoding (guess.ts): GBK, Big5,
 *    Shift_JIS, EUC-JP or EUC-KR when the text reads plainly as one, else windows-1252, the usual
 *    legacy encoding of scraped western news.
 */
import { isUtf8 } from "node:buffer";
import { TextDecoder } from "node:util";
import type { RawInput } from "../draft.ts";
import { Utf8Bytes, htmlOfUtf8Bytes, mostlyAscii } from "../text/utf8-bytes.ts";
import { guessLegacyEncoding } from "./guess.ts";
import { decodeWindows1252 } from "./windows1252.ts";

export interface DecodeHints {
  /** The bytes are an HTML page: look for a meta charset. */
  html?: boolean;
  /** A charset the transport declared, e.g. from an HTTP Content-Type header. */
  declared?: string | null;
}

export type Decoded =
  | { ok: true; text: string; encoding: string }
  | { ok: false; problem: "empty" | "binary"; detail: string };

const SNIFF_BYTES = 8192;
const META_BYTES = 4096;
const MAX_CONTROL_SHARE = 0.1;

export function decodeBytes(bytes: Uint8Array, hints: DecodeHints = {}): Decoded {
  const chosen = chooseEncoding(bytes, hints);
  if (!chosen.ok) return chosen;
  return { ok: true, text: decodeAs(chosen.encoding, bytes.subarray(chosen.from)), encoding: chosen.encoding };
}

/**
 * An HTML page's raw input, read as `decodeBytes` reads it. A page in valid UTF-8 that is mostly
 * ASCII is kept as its bytes, decoded only where read (see utf8-bytes.ts): its tree is built faster
 * from them, and is the same.
 */
export function pageInput(bytes: Uint8Array, hints: Omit<DecodeHints, "html"> = {}): { ok: true; raw: RawInput } | Extract<Decoded, { ok: false }> {
  const chosen = chooseEncoding(bytes, { ...hints, html: true });
  if (!chosen.ok) return chosen;
  const body = bytes.subarray(chosen.from);
  if (chosen.encoding === "utf-8" && mostlyAscii(body) && isUtf8(body)) {
    const latin1 = Buffer.from(body.buffer, body.byteOffset, body.length).toString("latin1");
    return { ok: true, raw: htmlOfUtf8Bytes(new Utf8Bytes(latin1)) };
  }
  return { ok: true, raw: { kind: "html", content: decodeAs(chosen.encoding, body) } };
}

/** The encoding the bytes are read in, from byte `from` on (after a byte order mark); or why they are not text. */
function chooseEncoding(bytes: Uint8Array, hints: DecodeHints): { ok: true; encoding: string; from: number } | Extract<Decoded, { ok: false }> {
  if (bytes.length === 0) return { ok: false, problem: "empty", detail: "the content is empty (0 bytes)" };
  const bom = byteOrderMark(bytes);
  if (bom) {
    if (bytes.length === bom.length) return { ok: false, problem: "empty", detail: "the content is only a byte order mark" };
    return { ok: true, encoding: bom.encoding, from: bom.length };
  }
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.includes(0)) {
    const wide = utf16WithoutMark(sample);
    if (wide) return { ok: true, encoding: wide, from: 0 };
    return { ok: false, problem: "binary", detail: "NUL bytes in the first 8 KiB: this is not text" };
  }
  const controls = countControls(sample);
  if (controls > sample.length * MAX_CONTROL_SHARE) {
    return {
      ok: false,
      problem: "binary",
      detail: `${controls} control characters in the first ${sample.length} bytes: this is not text`,
    };
  }
  const valid = isUtf8(bytes);
  const ascii = valid && isAscii(bytes);
  if (valid && !ascii) return { ok: true, encoding: "utf-8", from: 0 };
  const declared = usableCharset(hints.declared) ?? (hints.html ? usableCharset(sniffHtmlCharset(bytes)) : null);
  if (ascii) {
    // ASCII reads the same in every declared encoding but the 7-bit escape ones.
    return { ok: true, encoding: declared === "iso-2022-jp" ? declared : "utf-8", from: 0 };
  }
  if (declared && declared !== "utf-8") return { ok: true, encoding: declared, from: 0 };
  return { ok: true, encoding: mostlyUtf8(bytes) ? "utf-8" : guessLegacyEncoding(bytes), from: 0 };
}

/** The charset an HTML page declares in its first 4 KiB (meta charset, http-equiv, XML declaration). */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_BYTES)).toString("latin1");
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:+-]+)/i.exec(head);
  if (meta?.[1]) return meta[1];
  const xml = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:+-]+)["']/i.exec(head);
  return xml?.[1] ?? null;
}

/** The charset parameter of a Content-Type value (`text/html; charset="gbk"` gives `gbk`). */
export function charsetParam(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return match?.[1] ?? null;
}

/**
 * The canonical name of a charset label this runtime can decode, or null for an unknown one. A page
 * that claims UTF-16 while its bytes are ASCII-compatible is read as UTF-8, as browsers do.
 */
export function usableCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  let encoding: string;
  try {
    encoding = decoderFor(label.trim().toLowerCase()).encoding;
  } catch {
    return null;
  }
  return encoding === "utf-16le" || encoding === "utf-16be" ? "utf-8" : encoding;
}

/** Decodes with a canonical encoding name (as `usableCharset` returns). */
export function decodeAs(encoding: string, bytes: Uint8Array): string {
  if (encoding === "windows-1252") return decodeWindows1252(bytes);
  if (encoding === "utf-8") return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");
  return decoderFor(encoding).decode(bytes);
}

const decoders = new Map<string, TextDecoder>();

function decoderFor(label: string): TextDecoder {
  let decoder = decoders.get(label);
  if (!decoder) {
    // Throws RangeError for a label the runtime does not know; callers of usableCharset catch it.
    decoder = new TextDecoder(label, { ignoreBOM: true });
    decoders.set(label, decoder);
  }
  return decoder;
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

/** UTF-16 text without a mark: most of its ASCII letters leave every other byte NUL. */
function utf16WithoutMark(sample: Uint8Array): "utf-16le" | "utf-16be" | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.02) return "utf-16le";
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.02) return "utf-16be";
  return null;
}

/** C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape. */
function countControls(sample: Uint8Array): number {
  let count = 0;
  for (const byte of sample) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) {
      count++;
    }
  }
  return count;
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}

/** Whether valid UTF-8 sequences outnumber stray high bytes at least three to one. */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let sequences = 0;
  let stray = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      i += length;
    } else {
      stray++;
      i++;
    }
  }
  return sequences > 0 && sequences >= stray * 3;
}
