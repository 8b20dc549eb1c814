import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fingerprint } from "../../src/dedupe/fingerprint.ts";
import { SIGNATURE_BINS, agreeingBins, estimateJaccard } from "../../src/dedupe/signature.ts";
import { containment, jaccard, toSortedSet } from "../../src/dedupe/similarity.ts";
import { createWordHashes, finalMix, hashWords, matchingKey, matchingKeyHash, matchingWords, normaliseForMatching } from "../../src/dedupe/tokens.ts";

// ---- the reference: the former reading (normalise, lower-case, then scan), unchanged ----
function isSeparatorReference(code: number): boolean {
  if (code < 0xc0) return code !== 0xaa && code !== 0xb5 && code !== 0xba;
  if (code === 0xd7 || code === 0xf7) return true;
  if (code >= 0x2000 && code <= 0x2bff) return true;
  if (code >= 0x3000 && code <= 0x303f) return true;
  if (code >= 0xfe30 && code <= 0xfe4f) return true;
  if (code >= 0xff00 && code <= 0xff0f) return true;
  if (code >= 0xff1a && code <= 0xff20) return true;
  return false;
}
const isIdeographReference = (code: number): boolean => (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
function hashWordsReference(text: string): { a: number[]; b: number[] } {
  const s = normaliseForMatching(text);
  const a: number[] = [];
  const b: number[] = [];
  let ha = 0x811c9dc5;
  let hb = 0x9e3779b9;
  let inWord = false;
  const end = () => {
    a.push(ha >>> 0);
    b.push(finalMix(hb));
    inWord = false;
  };
  for (let i = 0; i <= s.length; i++) {
    const code = i < s.length ? s.charCodeAt(i) : 32;
    const wordChar = code < 0x80 ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) : !isSeparatorReference(code);
    if (wordChar && inWord && isIdeographReference(code)) end();
    if (wordChar) {
      if (!inWord) {
        ha = 0x811c9dc5;
        hb = 0x9e3779b9;
        inWord = true;
      }
      ha = Math.imul(ha ^ code, 0x01000193);
      hb = Math.imul(hb ^ code, 0x85ebca6b) ^ (hb >>> 13);
      if (isIdeographReference(code)) end();
    } else if (inWord) end();
  }
  return { a, b };
}

describe("word tokens", () => {
  it("ignore case, punctuation, quotes and spacing", () => {
    const a = createWordHashes();
    const b = createWordHashes();
    hashWords("“Don’t stop,” said O'Brien —  in Zürich.", a);
    hashWords("don t STOP said o brien in zürich", b);
    expect(a.count).toBe(8);
    expect([...a.a.subarray(0, a.count)]).toEqual([...b.a.subarray(0, b.count)]);
  });

  it("tell different words apart and split ideographs", () => {
    const a = createWordHashes();
    hashWords("cat cot 林芳正", a);
    expect(a.count).toBe(5);
    expect(new Set(a.a.subarray(0, a.count)).size).toBe(5);
    expect(matchingWords("Café, CAFÉ!")).toEqual(["café", "café"]);
  });

  it("are what the former reading gives, whether the text is read as it is or normalised first", () => {
    const pieces = [
      "a", "Z", "Hello", "WORLD", "42", " ", "  ", "\t", "\n", ".", ",", "'", "-", "@", "~", "\u007f", "\u0000", "é", "É", "ﬁ", "Ｒ", "林", "\u0301", "\ud800",
      "“", "”", "’", "—", "–", "…", "\u00a0", "\u2009", "\u200b", "¨", "´", "¸", "½", "²", "℃", "™", "\u20d7", "\u3000", "、", "\u00ad", "×", "«", "»", "•", "€", "\u2028",
      "Zürich", "ÉTÉ", "straße", "ẞ", "Łódź", "ΣΟΦΙΑ", "σοφία", "Москва", "İ", "ı", "ǅ", "ſ", "µ", "ª", "e\u0301", "Å", "\u212b", "\u1e9b\u0323",
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(""));
    // any unit of Latin, Greek and Cyrillic (and the general punctuation block), with ASCII between
    const scripts = fc
      .array(fc.oneof(fc.integer({ min: 0x80, max: 0x52f }), fc.integer({ min: 0x1e00, max: 0x206f }), fc.integer({ min: 0x20, max: 0x7e })), { maxLength: 40 })
      .map((codes) => String.fromCharCode(...codes));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 60 }), scripts), (t) => {
        const got = createWordHashes();
        const n = hashWords(t, got);
        const want = hashWordsReference(t);
        expect([...got.a.subarray(0, n)]).toEqual(want.a);
        expect([...got.b.subarray(0, n)]).toEqual(want.b);
      }),
      { numRuns: 3000 },
    );
    // each UTF-16 unit once, between letters and next to a capital: what the reading makes of a unit
    // is worked out once and kept in a table, so a unit read wrong would be read wrong everywhere
    const got = createWordHashes();
    for (let c = 0; c < 0x10000; c++) {
      const t = `ab${String.fromCharCode(c)}Cd ${String.fromCharCode(c)}`;
      const n = hashWords(t, got);
      const want = hashWordsReference(t);
      if (n !== want.a.length || want.a.some((h, k) => got.a[k] !== h || got.b[k] !== want.b[k])) throw new Error(`U+${c.toString(16)} read unlike the reference`);
    }
  });

  it("fold compatibility forms (NFKC): ligatures and full-width letters", () => {
    const a = fingerprint("the ﬁnal ＲＥＰＯＲＴ was published", 2);
    const b = fingerprint("The final report was published.", 2);
    expect([a.exactHi, a.exactLo]).toEqual([b.exactHi, b.exactLo]);
  });
});

describe("set measures", () => {
  it("compute Jaccard and containment on shingle sets", () => {
    const a = toSortedSet(Uint32Array.from([5, 1, 3, 3, 9]));
    const b = toSortedSet(Uint32Array.from([1, 3, 7]));
    expect([...a]).toEqual([1, 3, 5, 9]);
    expect(jaccard(a, b)).toBeCloseTo(2 / 5);
    expect(containment(b, a)).toBeCloseTo(2 / 3);
  });
});

describe("MinHash signature", () => {
  it("estimates the Jaccard similarity of word-shingle sets within 0.15", () => {
    const vocabulary = Array.from({ length: 400 }, (_, i) => `w${i}`);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 399 }), { minLength: 150, maxLength: 400 }),
        fc.integer({ min: 0, max: 100 }),
        (ids, cut) => {
          const words = ids.map((i) => vocabulary[i] as string);
          const other = [...words.slice(0, Math.floor((words.length * cut) / 100)), "edited", ...words.slice(Math.floor((words.length * cut) / 100) + 5)];
          const a = fingerprint(words.join(" "), 3);
          const b = fingerprint(other.join(" "), 3);
          const real = jaccard(toSortedSet(a.shingles), toSortedSet(b.shingles));
          expect(Math.abs(estimateJaccard(a.signature, b.signature) - real)).toBeLessThan(0.15);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it("counts the bins two stored signatures agree in four at a time, as a bin-by-bin count does", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: SIGNATURE_BINS, maxLength: SIGNATURE_BINS }),
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: SIGNATURE_BINS - 1 }), fc.oneof(fc.constantFrom(0x80, 0x01, 0x7f, 0xff), fc.integer({ min: 1, max: 255 }))),
          { maxLength: SIGNATURE_BINS },
        ),
        (first, changed) => {
          const second = first.slice();
          // bins changed in any of their bits: the top one alone, the low ones, all
          for (const [bin, flip] of changed) second[bin] = (second[bin] as number) ^ flip;
          const stored = new Uint8Array(3 * SIGNATURE_BINS);
          stored.set(first, SIGNATURE_BINS);
          stored.set(second, 2 * SIGNATURE_BINS);
          let same = 0;
          for (let i = 0; i < SIGNATURE_BINS; i++) if (first[i] === second[i]) same++;
          const words = new Int32Array(stored.buffer);
          expect(agreeingBins(words, 1, 2)).toBe(same);
          expect(agreeingBins(words, 2, 1)).toBe(same);
          expect(agreeingBins(words, 1, 1)).toBe(SIGNATURE_BINS);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe("matching key", () => {
  const PIECES = [
    " ", "  ", "\n", "\t", "\u00a0", ".", ", ", "'", "’", "-", "“", "_", "0", "42", "½", "٣", "a", "Z", "é", "É", "ß", "İ", "ı", "\u212a", "ǅ",
    "\u0301", "e\u0301", "ﬁ", "Ｒ", "𝐀", "😀", "\ud800", "\udc00", "Москва", "ΟΔΟΣ", "東京", "ひらがな", "한국", "مصر", "हिन्दी", "The", "don't",
  ];
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(""));

  it("is the matching words joined by spaces, with their count", () => {
    fc.assert(
      fc.property(text, (t) => {
        const words = matchingWords(t);
        expect(matchingKey(t)).toEqual({ key: words.join(" "), count: words.length });
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(text, (t) => {
        // the hash is a function of the key: the key itself, read again, hashes the same
        const { key, count } = matchingKey(t);
        expect(matchingKeyHash(t)).toEqual({ hash: matchingKeyHash(key).hash, count });
      }),
      { numRuns: 3000 },
    );
    for (const t of ["", " ", "’", "Don’t stop", "\u0301", "a\u0301b c", "ﬁnal ＲＥＰＯＲＴ", "𝐀𝐁"]) {
      const words = matchingWords(t);
      expect(matchingKey(t)).toEqual({ key: words.join(" "), count: words.length });
    }
  });
});

describe("matching key hash", () => {
  it("tells apart texts with different keys", () => {
    const keys = new Set<string>();
    const hashes = new Set<number>();
    for (let i = 0; i < 20000; i++) {
      const t = `block ${i} ${i % 7 === 0 ? "" : "of"} text ${String.fromCharCode(97 + (i % 26))}`;
      keys.add(matchingKey(t).key);
      hashes.add(matchingKeyHash(t).hash);
    }
    expect(hashes.size).toBe(keys.size);
    expect(matchingKeyHash("ab c").hash).not.toBe(matchingKeyHash("a bc").hash);
    expect(matchingKeyHash("ab c").hash).toBe(matchingKeyHash("AB, c!").hash);
  });
});
