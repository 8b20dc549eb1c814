import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../src/sources/decode.ts";

/** Text as it appears in articles: any Unicode but C0 controls other than tab and line ends. */
const articleText = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 200 })
  .map((s) => s.replace(/[\u0000-\u0008\u000e-\u001f\ufeff]/g, ""))
  .filter((s) => s.length > 0);

describe("decodeBytes round trips", { timeout: 30_000 }, () => {
  it("reads any UTF-8 text back unchanged, with or without a meta charset claiming otherwise", () => {
    fc.assert(
      fc.property(articleText, fc.boolean(), (text, claim) => {
        const page = claim ? `<meta charset="windows-1252">${text}` : text;
        const decoded = decodeBytes(Buffer.from(page, "utf8"), { html: claim });
        expect(decoded).toMatchObject({ ok: true, text: page });
      }),
    );
  });

  it("reads any text written as UTF-16 with a byte order mark back unchanged", () => {
    fc.assert(
      fc.property(articleText, fc.boolean(), (text, bigEndian) => {
        const little = Buffer.from(text, "utf16le");
        const body = bigEndian ? Buffer.from(little).swap16() : little;
        const bom = Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
        expect(decodeBytes(Buffer.concat([bom, body]))).toMatchObject({ ok: true, text });
      }),
    );
  });
});
