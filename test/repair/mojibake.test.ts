import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { badness } from "../../src/repair/badness.ts";
import { CODECS, type Codec } from "../../src/repair/codecs.ts";
import { fixEncoding, fixMojibake } from "../../src/repair/mojibake.ts";

/** What a careless reader makes of UTF-8: each byte shown as `codec` shows it. */
function misread(text: string, codec: Codec): string {
  const charOf = new Map<number, string>();
  for (const [ch, byte] of codec.toByte) if (!charOf.has(byte) && !/[\u0080-\u009f]/u.test(ch)) charOf.set(byte, ch);
  for (const [ch, byte] of codec.toByte) if (!charOf.has(byte)) charOf.set(byte, ch);
  return Array.from(new TextEncoder().encode(text), (b) => (b < 0x80 ? String.fromCharCode(b) : (charOf.get(b) ?? "\ufffd"))).join("");
}

const codec = (name: string): Codec => CODECS.find((c) => c.name === name) as Codec;

/** Real words of several languages; sentences made of them are clean text. */
const WORDS = [
  "the", "minister", "said", "on", "Tuesday", "café", "naïve", "résumé", "Zürich", "Gröbenzell", "Straße", "München",
  "São", "Paulo", "coração", "niño", "años", "Kraków", "Łódź", "źródło", "Dvořák", "Škoda", "Москва", "новости",
  "Ελλάδα", "Beyoğlu", "Reykjavík", "Ærø", "don’t", "“quoted”", "—", "–", "€40", "£5", "naïveté", "Sánchez",
];
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 9 }).map((w) => w.join(" "));

describe("fixMojibake", () => {
  it("repairs UTF-8 read as windows-1252, in prose of many languages", () => {
    fc.assert(
      fc.property(sentence, (clean) => {
        const broken = misread(clean, codec("windows-1252"));
        fc.pre(broken !== clean);
        expect(fixMojibake(broken)?.text).toBe(clean);
      }),
      { numRuns: 300, seed: 20230113 },
    );
  });

  it("repairs text encoded twice", () => {
    const clean = "The café in Zürich doesn’t open before noon.";
    const twice = misread(misread(clean, codec("windows-1252")), codec("windows-1252"));
    const fixed = fixMojibake(twice);
    expect(fixed?.text).toBe(clean);
    expect(fixed?.codecs).toEqual(["windows-1252", "windows-1252"]);
  });

  it("repairs Mac Roman and windows-1251 misreadings", () => {
    expect(fixMojibake(misread("Le gâteau de Gérard est très bon", codec("macintosh")))?.text).toBe("Le gâteau de Gérard est très bon");
    expect(fixMojibake(misread("Новости из Москвы", codec("windows-1251")))?.text).toBe("Новости из Москвы");
  });

  it("leaves clean text alone, whatever its language", () => {
    fc.assert(
      fc.property(sentence, (clean) => {
        expect(fixMojibake(clean)).toBeNull();
      }),
      { numRuns: 300, seed: 20230113 },
    );
  });

  it("repairs only the damaged part of a line that is partly clean", () => {
    expect(fixMojibake("Classificação: SÃ©rie A")?.text).toBe("Classificação: Série A");
  });

  it("keeps odd but deliberate text: maths, emoticons, brand marks", () => {
    for (const text of ["(-1/2)! = √π", "NESTLÉ® and ZZAJÉ’s", "OK ¬´ sure", "Offering 5×£35 pin ups"]) expect(fixMojibake(text)).toBeNull();
  });
});

describe("badness", () => {
  it("scores mojibake above its repair", () => {
    expect(badness("donâ€™t")).toBeGreaterThan(badness("don’t"));
    expect(badness("CafÃ©")).toBeGreaterThan(badness("Café"));
  });
  it("gives clean text no penalty", () => {
    expect(badness("Dvořák played in Kraków and Москва.")).toBe(0);
  });
});

describe("fixEncoding", () => {
  it("reads C1 controls as windows-1252 and decodes unambiguous entities", () => {
    expect(fixEncoding("\u0093Yes\u0094 &amp; no&#8230;")).toBe("“Yes” & no…");
  });
  it("keeps entities whose reading is in doubt and undefined C1 bytes", () => {
    expect(fixEncoding("10 &frac14; cups \u0081")).toBe("10 &frac14; cups \u0081");
  });
});
