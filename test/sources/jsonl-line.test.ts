/**
 * A JSONL line of valid UTF-8 is parsed as its bytes (see utf8-bytes.ts): every record must come out
 * as reading the decoded line gives it, whatever its characters, escapes, spaces or errors.
 */
import { isUtf8 } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readJsonlLine } from "../../src/sources/jsonl.ts";
import { parseJsonlRecord } from "../../src/sources/jsonl-record.ts";
import { decodeWindows1252 } from "../../src/sources/windows1252.ts";
import { mostlyAscii, utf8BytesOf } from "../../src/text/utf8-bytes.ts";

/** What reading the decoded line gives (the reader as it was before the bytes were parsed). */
function decodedReading(bytes: Uint8Array, index = 3, lineNo = 7): ReturnType<typeof parseJsonlRecord> {
  const buffer = Buffer.from(bytes);
  let text = buffer.toString("utf8");
  if (text.includes("\uFFFD") && !isUtf8(buffer)) text = decodeWindows1252(buffer);
  return parseJsonlRecord(text, index, lineNo);
}

/** Some characters of a JSON text written as escapes: `\uXXXX` for each code unit picked. */
function escapeSome(json: string, pick: (unit: number) => boolean): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x5c) {
      out += json.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === 0x22) inString = !inString;
    out += inString && c !== 0x22 && pick(c) ? `\\u${c.toString(16).padStart(4, "0")}` : json[i];
  }
  return out;
}

const words = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.constantFrom("Café", " Zürich ", "\u00a0à\u00a0", "東京 ", "“quoted”", "😀", "a\u2028b", "", "   ", "tab\there", "<p>é</p>"),
);
const field = fc.oneof(words, fc.constant(null), fc.integer(), fc.constant(undefined));
const record = fc.record(
  {
    id: field,
    url: field,
    site: field,
    title: field,
    date: field,
    // (mostly ASCII, as most pages are, or not)
    html: fc.oneof(words.map((w) => `<html><body><p class="x">${w}</p>${"<p>Some plain words.</p>".repeat(12)}</body></html>`), words, fc.constant(7)),
    text: words,
    "__proto__": words,
  },
  { requiredKeys: [] },
);

describe("a JSONL line read as its bytes", () => {
  it("gives every record, error and field as reading the decoded line does", () => {
    let asBytes = 0;
    fc.assert(
      fc.property(record, fc.nat(5), fc.func(fc.boolean()), (value, escapes, picked) => {
        let json = JSON.stringify(value);
        // none, ASCII ones only (as `\u003c`), or any of them (as Python's json writes them)
        if (escapes === 1) json = escapeSome(json, (unit) => unit < 0x80 && picked(unit));
        if (escapes === 2) json = escapeSome(json, (unit) => unit >= 0x80);
        if (escapes === 3) json = json.slice(0, Math.max(0, json.length - 3));
        const bytes = Buffer.from(json, "utf8");
        const read = readJsonlLine(bytes, 3, 7);
        expect(read).toEqual(decodedReading(bytes));
        // pages of lines mostly in ASCII, with a plain "html" key and no wide escape, do come as their bytes (the path under test is taken)
        const plainKey = json.includes('"html"') && !/\\u(?!00[0-7])/.test(json) && mostlyAscii(Buffer.from(json, "utf8"));
        if (read.ok && read.raw.kind === "html" && plainKey) expect(utf8BytesOf(read.raw)).not.toBeNull();
        if (read.ok && utf8BytesOf(read.raw) !== null) asBytes++;
      }),
      { numRuns: 1000 },
    );
    // (about 47 of 1,000 on average, sd ~7: the path is taken, with room to spare)
    expect(asBytes).toBeGreaterThan(15);
  });

  it("reads invalid UTF-8 as windows-1252, as before, and never as bytes", () => {
    // windows-1252 bytes: é, then curly quotes
    const bytes = Buffer.concat([Buffer.from('{"html":"<p>caf'), Buffer.from([0xe9, 0x20, 0x93]), Buffer.from("x"), Buffer.from([0x94]), Buffer.from('</p>","title":" T'), Buffer.from([0xe9]), Buffer.from(' "}')]);
    const read = readJsonlLine(bytes, 0, 0);
    expect(read).toEqual(decodedReading(bytes, 0, 0));
    expect(read.ok && read.raw.content).toBe("<p>café “x”</p>");
    expect(read.ok && read.meta.title).toBe("Té");
    expect(read.ok && utf8BytesOf(read.raw)).toBeNull();
  });

  it("trims only whitespace, not the bytes of a character that ends in 0xA0 or 0x85", () => {
    // "à" is C3 A0 and "Å" is C3 85: as one-byte characters their second bytes are spaces to trim()
    const bytes = Buffer.from(JSON.stringify({ text: "t", title: " voilà", site: "Å", id: " à " }), "utf8");
    const read = readJsonlLine(bytes, 0, 0);
    expect(read.ok && read.meta).toEqual({ title: "voilà", site: "Å" });
    expect(read.ok && read.id).toBe("à");
  });
});

describe("which lines are read as bytes", () => {
  it("a page mostly in ASCII, but not one mostly in other characters (decoding it whole costs less)", () => {
    const english = Buffer.from(JSON.stringify({ html: `<p>${"The council met on Tuesday and agreed the budget after a long debate about the port, the schools and the roads; the mayor called it “a fair result” for the town. ".repeat(40)}</p>` }), "utf8");
    const japanese = Buffer.from(JSON.stringify({ html: `<p>${"東京で会議が開かれた。".repeat(40)}</p>` }), "utf8");
    for (const [bytes, asBytes] of [[english, true], [japanese, false]] as const) {
      const read = readJsonlLine(bytes, 0, 0);
      expect(read).toEqual(decodedReading(bytes, 0, 0));
      expect(read.ok && utf8BytesOf(read.raw) !== null).toBe(asBytes);
    }
  });
});
