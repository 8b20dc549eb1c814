import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Utf8Bytes, decodeUtf8Bytes, htmlOfUtf8Bytes, mostlyAscii, rawReceived, rawToSend, utf8BytesOf } from "../../src/text/utf8-bytes.ts";

/** A text's UTF-8 bytes as a one-byte string, as a JSONL line read as latin1 gives them. */
const bytesOf = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

/** Well-formed text mixing ASCII structure with one- to four-byte characters. */
const mixedText = fc
  .array(fc.oneof(fc.constantFrom("<", ">", "&", " ", "a", "Z", "\n", "=", '"'), fc.string({ unit: "grapheme", maxLength: 4 }), fc.constantFrom("é", "’", "日本", "😀", "\u00a0", "Ā")), { maxLength: 80 })
  .map((parts) => parts.join(""));

/** The byte offsets of a text's ASCII characters, and its end: where a tokenizer may cut it. */
function asciiCuts(bytes: string): number[] {
  const cuts = [0, bytes.length];
  for (let i = 0; i < bytes.length; i++) if (bytes.charCodeAt(i) < 0x80) cuts.push(i, i + 1);
  return [...new Set(cuts)].sort((a, b) => a - b);
}

describe("UTF-8 bytes held as a one-byte string", () => {
  it("decodes any part cut at ASCII characters as the bytes decode, taken in any order", () => {
    fc.assert(
      fc.property(mixedText, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }), (text, picks) => {
        const bytes = bytesOf(text);
        const raw = Buffer.from(text, "utf8");
        const cuts = asciiCuts(bytes);
        const view = new Utf8Bytes(bytes);
        for (const [a, b] of picks) {
          const x = cuts[a % cuts.length] as number;
          const y = cuts[b % cuts.length] as number;
          const [start, end] = x <= y ? [x, y] : [y, x];
          expect(view.slice(start, end)).toBe(raw.subarray(start, end).toString("utf8"));
        }
        expect(view.text()).toBe(text);
        expect(decodeUtf8Bytes(bytes)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("gives ASCII parts as they are, and a part next to or between non-ASCII runs right", () => {
    const text = "ab “cd” ef — gh 😀";
    const bytes = bytesOf(text);
    const view = new Utf8Bytes(bytes);
    const at = (s: string): number => Buffer.from(text.slice(0, text.indexOf(s)), "utf8").length;
    // in order, then back again (the view remembers where it was)
    expect(view.slice(0, 3)).toBe("ab ");
    expect(view.slice(at("cd"), at("cd") + 2)).toBe("cd");
    expect(view.slice(at("ef"), bytes.length)).toBe("ef — gh 😀");
    expect(view.slice(0, at("cd"))).toBe("ab “");
    expect(view.slice(at("gh"), at("gh") + 3)).toBe("gh ");
    expect(view.slice(3, 3)).toBe("");
    expect(decodeUtf8Bytes("plain")).toBe("plain");
  });
});

describe("an HTML input given as UTF-8 bytes", () => {
  const page = "<p>Café “Zürich” — 東京</p>";

  it("reads, copies and serialises as its decoded page, and hands its bytes to extraction", () => {
    const raw = htmlOfUtf8Bytes(new Utf8Bytes(bytesOf(page)));
    expect(raw.kind).toBe("html");
    expect(raw.content).toBe(page);
    expect(utf8BytesOf(raw)?.bytes).toBe(bytesOf(page));
    expect(JSON.parse(JSON.stringify(raw))).toEqual({ kind: "html", content: page });
    expect({ ...raw }).toEqual({ kind: "html", content: page });
    const cloned = structuredClone(raw);
    expect(cloned).toEqual({ kind: "html", content: page });
    // a copy is a plain input: no bytes go with it
    expect(utf8BytesOf(cloned)).toBeNull();
    expect(utf8BytesOf({ kind: "html", content: page })).toBeNull();
  });

  it("crosses to another thread as its bytes, and is made again there", () => {
    const raw = htmlOfUtf8Bytes(new Utf8Bytes(bytesOf(page)));
    const sent = structuredClone(rawToSend(raw));
    // the bytes, not the decoded page, go across
    expect(sent.content).toBe(bytesOf(page));
    const received = rawReceived(sent);
    expect(received.content).toBe(page);
    expect(utf8BytesOf(received)?.bytes).toBe(bytesOf(page));
    // any other input goes as it is
    const plain = { kind: "html" as const, content: page };
    expect(rawToSend(plain)).toBe(plain);
    expect(rawReceived(structuredClone(plain))).toEqual(plain);
  });

  it("is replaced whole when its content is set", () => {
    const raw = htmlOfUtf8Bytes(new Utf8Bytes(bytesOf(page)));
    raw.content = "<p>other</p>";
    expect(raw.content).toBe("<p>other</p>");
    expect(utf8BytesOf(raw)).toBeNull();
  });
});

describe("mostly ASCII", () => {
  /** Bytes before the buffer's first 4-byte boundary one by one, then aligned words, then the rest. */
  function highUnits(bytes: Uint8Array): number {
    let high = 0;
    let i = 0;
    while (i < bytes.length && (bytes.byteOffset + i) % 4 !== 0) if ((bytes[i++] as number) > 0x7f) high++;
    for (; i + 4 <= bytes.length; i += 4) if (bytes.subarray(i, i + 4).some((b) => b > 0x7f)) high++;
    for (; i < bytes.length; i++) if ((bytes[i] as number) > 0x7f) high++;
    return high;
  }

  it("allows one unit in 8 holding a byte over 0x7f, wherever the bytes start in their buffer", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(3), fc.integer({ min: 0, max: 100 }), (random, offset, asciiShare) => {
        // mostly ASCII, or not, in any proportion
        const bytes = random.map((b) => (b % 100 < asciiShare ? b & 0x7f : b | 0x80));
        const buffer = new Uint8Array(bytes.length + offset);
        buffer.set(bytes, offset);
        const view = buffer.subarray(offset);
        expect(mostlyAscii(view)).toBe(highUnits(view) <= view.length >> 5);
      }),
      { numRuns: 1000 },
    );
    expect(mostlyAscii(Buffer.from("<p>plain ASCII</p>".repeat(50)))).toBe(true);
    expect(mostlyAscii(Buffer.from("<p>東京</p>".repeat(50)))).toBe(false);
    expect(mostlyAscii(Buffer.from(`<p>${"The council met on Tuesday and agreed the budget after a long debate about the port, the schools and the roads; the mayor called it “a fair result” for the town. ".repeat(50)}</p>`))).toBe(true);
  });
});
