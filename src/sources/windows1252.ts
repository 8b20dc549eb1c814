/**
 * windows-1252, written out: Node 20's TextDecoder reads this label as ISO-8859-1, so the bytes
 * 0x80-0x9F (curly quotes, dashes, the euro sign) would come out as C1 control characters. Five bytes
 * are undefined in windows-1252; as in the WHATWG encoding standard, they stay the C1 code point.
 */

const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const C1 = /[\x80-\x9f]/g;

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  return latin1.replace(C1, (c) => String.fromCharCode(HIGH[c.charCodeAt(0) - 0x80] as number));
}
