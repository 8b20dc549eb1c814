/**
 * Single-byte code pages that UTF-8 text is commonly mis-decoded with. Each codec maps a character
 * back to the byte it was decoded from, so that mis-decoded text can be turned back into its bytes.
 * Every codec is "sloppy": a C1 control character (U+0080..U+009F) that the page does not define
 * stands for its own byte value, the way browsers and many libraries let such bytes through.
 */

export interface Codec {
  readonly name: string;
  /** Character -> byte (0x80..0xFF). ASCII characters are not listed: they stand for themselves. */
  readonly toByte: ReadonlyMap<string, number>;
}

/** The upper half of IBM code page 437 (DOS), bytes 0x80..0xFF in order: not decodable by WHATWG TextDecoder. */
const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

/**
 * Windows-1252 bytes 0x80..0x9F (U+FFFD where the page defines none). Written out because some Node
 * releases decode the label "windows-1252" as plain latin-1 there.
 */
const WINDOWS_1252_C1 = "€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ";

function highHalf(label: string): string {
  if (label === "cp437") return CP437_HIGH;
  if (label === "windows-1252") {
    const upper = Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)).join("");
    return WINDOWS_1252_C1 + upper;
  }
  if (label === "latin-1") return Array.from({ length: 128 }, (_, i) => String.fromCharCode(0x80 + i)).join("");
  const bytes = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
  return new TextDecoder(label).decode(bytes);
}

function buildCodec(label: string): Codec {
  const toByte = new Map<string, number>();
  const chars = Array.from(highHalf(label));
  chars.forEach((ch, i) => {
    if (ch !== "\ufffd" && !toByte.has(ch)) toByte.set(ch, 0x80 + i);
  });
  for (let b = 0x80; b <= 0x9f; b++) {
    const c1 = String.fromCharCode(b);
    if (!toByte.has(c1)) toByte.set(c1, b);
  }
  return { name: label, toByte };
}

/** The code pages tried, most common first (the order breaks ties). */
export const CODECS: readonly Codec[] = [
  "windows-1252",
  "latin-1",
  "macintosh",
  "windows-1251",
  "windows-1250",
  "iso-8859-2",
  "windows-1257",
  "cp437",
].map(buildCodec);

export function codecNamed(name: string): Codec {
  const codec = CODECS.find((c) => c.name === name);
  if (!codec) throw new Error(`unknown code page "${name}"`);
  return codec;
}

/** Windows-1252's meaning of a C1 control character, or null where the code page leaves it undefined. */
export function windows1252Meaning(c1: string): string | null {
  const code = c1.charCodeAt(0);
  if (code < 0x80 || code > 0x9f) return null;
  const ch = WINDOWS_1252_C1[code - 0x80];
  return ch === undefined || ch === "\ufffd" ? null : ch;
}
