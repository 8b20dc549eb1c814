import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/html/extract-page.ts";
import { charsetParam, decodeBytes, pageInput, sniffHtmlCharset, usableCharset } from "../../src/sources/decode.ts";
import { utf8BytesOf } from "../../src/text/utf8-bytes.ts";
import { fromHex } from "./helpers.ts";

// "東京で日米首脳会談が開かれた。" in Shift_JIS, "日美两国领导人在华盛顿举行会谈。" in GBK,
// "Café déjà vu — “quoted” naïve façade €5" in windows-1252.
const SHIFT_JIS = fromHex("938c8b9e82c593fa95c48ef1945d89ef926b82aa8a4a82a982ea82bd8142");
const GBK = fromHex("c8d5c3c0c1bdb9fac1ecb5bcc8cbd4dabbaacaa2b6d9bed9d0d0bbe1ccb8a1a3");
const CP1252 = fromHex("436166e92064e96ae02076752097209371756f74656494206e61ef7665206661e7616465208035");

const page = (head: string, body: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`<!doctype html><html><head>${head}<title>t</title></head><body><p>`), body, Buffer.from("</p></body></html>")]);

function text(bytes: Uint8Array, hints = {}): string {
  const decoded = decodeBytes(bytes, hints);
  if (!decoded.ok) throw new Error(decoded.detail);
  return decoded.text;
}

describe("decodeBytes", () => {
  it("reads UTF-8", () => {
    expect(text(Buffer.from("Zürich, São Paulo, 東京"))).toBe("Zürich, São Paulo, 東京");
  });

  it("honours and drops a byte order mark", () => {
    expect(text(Buffer.concat([fromHex("efbbbf"), Buffer.from("naïve")]))).toBe("naïve");
    const le = Buffer.concat([fromHex("fffe"), Buffer.from("Kishida 岸田", "utf16le")]);
    expect(decodeBytes(le)).toEqual({ ok: true, text: "Kishida 岸田", encoding: "utf-16le" });
    const be = Buffer.from("Kishida 岸田", "utf16le").swap16();
    expect(text(Buffer.concat([fromHex("feff"), be]))).toBe("Kishida 岸田");
  });

  it("a BOM beats a meta charset", () => {
    const bytes = Buffer.concat([fromHex("efbbbf"), page('<meta charset="windows-1252">', Buffer.from("é"))]);
    expect(text(bytes, { html: true })).toContain("<p>é</p>");
  });

  it("reads UTF-16 without a mark rather than calling it binary", () => {
    const decoded = decodeBytes(Buffer.from("A plain English sentence, in UTF-16.", "utf16le"));
    expect(decoded).toEqual({ ok: true, text: "A plain English sentence, in UTF-16.", encoding: "utf-16le" });
  });

  it("decodes pages by their meta charset: shift_jis, gbk, windows-1252", () => {
    expect(text(page('<meta charset="Shift_JIS">', SHIFT_JIS), { html: true })).toContain("東京で日米首脳会談が開かれた。");
    const gbk = page('<meta http-equiv="Content-Type" content="text/html; charset=gbk">', GBK);
    expect(text(gbk, { html: true })).toContain("日美两国领导人在华盛顿举行会谈。");
    expect(text(page("<meta charset='windows-1252'>", CP1252), { html: true })).toContain("Café déjà vu — “quoted” naïve façade €5");
  });

  it("takes an XML declaration's encoding", () => {
    const xhtml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?>\n<html><body>'), SHIFT_JIS]);
    expect(text(xhtml, { html: true })).toContain("東京で");
  });

  it("lets a transport charset beat the meta tag", () => {
    expect(text(page('<meta charset="windows-1252">', GBK), { html: true, declared: "gbk" })).toContain("日美两国");
  });

  it("does not look for a meta charset in plain text", () => {
    const bytes = Buffer.concat([Buffer.from('Write <meta charset="shift_jis"> in your page. '), CP1252]);
    expect(text(bytes)).toContain("Café déjà vu");
  });

  it("prefers valid UTF-8 over a legacy declaration it contradicts", () => {
    expect(text(page('<meta charset="iso-8859-1">', Buffer.from("Café — naïve")), { html: true })).toContain("Café — naïve");
  });

  it("keeps a 7-bit ISO-2022-JP page in its declared encoding", () => {
    // "日本" in ISO-2022-JP: ESC $ B 0F 4B \x1b ( B
    const jis = Buffer.concat([Buffer.from('<meta charset="iso-2022-jp">'), fromHex("1b2442467c4b5c1b2842")]);
    expect(text(jis, { html: true })).toContain("日本");
  });

  it("guesses windows-1252 for invalid UTF-8 with no declaration", () => {
    expect(decodeBytes(CP1252)).toEqual({ ok: true, text: "Café déjà vu — “quoted” naïve façade €5", encoding: "windows-1252" });
  });

  it("reads mostly-UTF-8 with a few damaged bytes as UTF-8, marking the damage", () => {
    const bytes = Buffer.concat([Buffer.from("Zürich — São Paulo — Kraków — Málaga "), fromHex("ff"), Buffer.from(" end")]);
    const decoded = decodeBytes(bytes);
    expect(decoded.ok && decoded.encoding).toBe("utf-8");
    expect(decoded.ok && decoded.text).toBe("Zürich — São Paulo — Kraków — Málaga \uFFFD end");
  });

  it("refuses binary content", () => {
    const png = fromHex("89504e470d0a1a0a0000000d4948445200000010");
    expect(decodeBytes(png)).toMatchObject({ ok: false, problem: "binary" });
    const controls = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x61)));
    expect(decodeBytes(controls)).toMatchObject({ ok: false, problem: "binary" });
  });

  it("accepts text with a few control characters (form feeds, an odd escape)", () => {
    const bytes = Buffer.from(`Page one.\f\nPage two.\x1b[0m and a stray \x07 bell in a long line of ordinary prose.`);
    expect(decodeBytes(bytes).ok).toBe(true);
  });

  it("maps every windows-1252 punctuation byte, not just latin-1", () => {
    const bytes = Buffer.concat([fromHex("80 91 92 93 94 96 97 85 99".replace(/ /g, "")), Buffer.from(" ok")]);
    expect(text(bytes)).toBe("€‘’“”–—…™ ok");
  });

  it("reports empty content", () => {
    expect(decodeBytes(Buffer.alloc(0))).toMatchObject({ ok: false, problem: "empty" });
    expect(decodeBytes(fromHex("efbbbf"))).toMatchObject({ ok: false, problem: "empty" });
  });
});

describe("charset helpers", () => {
  it("finds a meta charset only in the first 4 KiB", () => {
    expect(sniffHtmlCharset(Buffer.from('<head><meta charset="utf-8">'))).toBe("utf-8");
    expect(sniffHtmlCharset(Buffer.from(`<head>${" ".repeat(5000)}<meta charset="gbk">`))).toBeNull();
    expect(sniffHtmlCharset(Buffer.from('<meta name="description" content="about charsets">'))).toBeNull();
  });

  it("reads the charset parameter of a Content-Type", () => {
    expect(charsetParam('text/html; charset="GBK"')).toBe("GBK");
    expect(charsetParam("text/html;charset=shift_jis")).toBe("shift_jis");
    expect(charsetParam("text/html")).toBeNull();
    expect(charsetParam(null)).toBeNull();
  });

  it("normalises labels and refuses unknown ones", () => {
    expect(usableCharset("latin1")).toBe("windows-1252");
    expect(usableCharset(" Shift-JIS ")).toBe("shift_jis");
    expect(usableCharset("utf-16")).toBe("utf-8");
    expect(usableCharset("klingon-8")).toBeNull();
    expect(usableCharset(null)).toBeNull();
  });
});

describe("pageInput", () => {
  const pieces = fc.oneof(
    fc.constantFrom('<meta charset="gbk">', '<meta charset="windows-1252">', "<p>", "</p>", "plain words ", "\u00a0", "“", "é", "東京", "\ufeff"),
    fc.string({ unit: "grapheme", maxLength: 6 }),
    fc.uint8Array({ maxLength: 4 }).map((b) => Buffer.from(b).toString("latin1")),
  );
  const bodies = fc.array(fc.tuple(pieces, fc.boolean()), { maxLength: 40 }).map((parts) =>
    // each piece as UTF-8, or as its UTF-16 code units cut to bytes (legacy or broken bytes)
    Buffer.concat(parts.map(([piece, utf8]) => (utf8 ? Buffer.from(piece, "utf8") : Buffer.from(piece, "latin1")))),
  );
  const marks = fc.constantFrom(Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe]), Buffer.from([0]));

  it("reads a page as decodeBytes does, whatever its bytes, mark or declared charset", () => {
    let asBytes = 0;
    fc.assert(
      fc.property(marks, bodies, fc.constantFrom(null, "utf-8", "iso-8859-1", "shift_jis", "nonsense"), (mark, body, declared) => {
        const bytes = Buffer.concat([mark, Buffer.from("<html><body>" + "<p>Mostly ASCII text of a page.</p>".repeat(8)), body]);
        const page = pageInput(bytes, { declared });
        const decoded = decodeBytes(bytes, { html: true, declared });
        if (!decoded.ok) expect(page).toEqual(decoded);
        else {
          expect(page.ok && page.raw).toEqual({ kind: "html", content: decoded.text });
          const kept = page.ok ? utf8BytesOf(page.raw) : null;
          if (kept !== null) {
            asBytes++;
            // and what extraction finds in the bytes is what it finds in the text
            expect(extractPage(kept, null)).toEqual(extractPage(decoded.text, null));
          }
        }
      }),
      { numRuns: 600 },
    );
    expect(asBytes).toBeGreaterThan(50);
  });

  it("keeps a UTF-8 page mostly in ASCII as its bytes, and decodes any other", () => {
    const english = Buffer.from(`<p>${"The mayor called the vote “a fair result” for the town, and the council agreed. ".repeat(20)}</p>`);
    const japanese = Buffer.from(`<p>${"東京で会議が開かれた。".repeat(20)}</p>`);
    const legacy = page('<meta charset="windows-1252">', CP1252);
    for (const [bytes, asBytes] of [[english, true], [japanese, false], [legacy, false]] as const) {
      const read = pageInput(bytes);
      expect(read.ok && utf8BytesOf(read.raw) !== null).toBe(asBytes);
      expect(read.ok && read.raw.content).toBe(text(bytes, { html: true }));
    }
  });
});
