/**
 * The repeats stage hashes only the blocks whose edge key (the first and last words of the matching
 * key) another block shares. That is only right if the edge key read off the ends of the text is the
 * one the matching key gives, for any text: checked here on text built from what normalisation changes
 * (ligatures, full-width and compatibility characters, combining marks, letters whose lower case is
 * longer, final sigma, surrogates) next to the plain characters the fast path reads. And the stage
 * must remove exactly what hashing every block removed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchingKey, matchingKeyHash } from "../../src/dedupe/tokens.ts";
import { Draft } from "../../src/draft.ts";
import { silentLogger } from "../../src/log.ts";
import { edgeKey, edgeKeyOf, repeats } from "../../src/stages/repeats.ts";

const PIECES = [
  " ", "  ", "\t", "\n", ".", ",", "!", "'", "-", "(", ")", "\"", "_", "/", "“", "”", "‘", "’", "–", "—", "…", "\u00a0", "\u2009", "\u200b", "\u00ad",
  "a", "b", "Z", "0", "7", "the", "The", "THE", "said", "Said", "talks", "x1",
  "é", "É", "Valparaíso", "Gdańsk", "e\u0301", "\u0301", "\u0327", "ﬁ", "ﬁre", "Ｒ", "²", "½", "İ", "ı", "ß", "ẞ", "Σ", "ΟΔΟΣ", "\u212a", "ǅ", "Ǆ", "ǈ", "ĳ", "ŉ", "ſ", "Ŀ", "ª", "º", "×", "ÿ", "Ÿ", "ȿ", "ɏ", "ɐ", "𝐀", "😀", "\ud800", "\udc00", "東京", "ひらがな", "Москва", "٣",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join(""));

describe("edge keys", () => {
  it("edgeKey is the edge of the matching key, however the text is written", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(edgeKey(t)).toBe(edgeKeyOf(matchingKey(t).key));
      }),
      { numRuns: 20000 },
    );
    // every code unit of the accented Latin range, at either end, alone, beside a mark and beside ASCII
    for (let c = 0xa0; c <= 0x2ff; c++) {
      const ch = String.fromCharCode(c);
      for (const t of [ch, `${ch} a b`, `a b ${ch}`, `${ch}x y`, `y x${ch}`, `${ch}\u0301 a`, `a ${ch}\u0301`, `A${ch}B c d`, `d c A${ch}B`, `e\u0301${ch} z`]) {
        expect(edgeKey(t), `U+${c.toString(16)}: ${t}`).toBe(edgeKeyOf(matchingKey(t).key));
      }
    }
    for (const t of ["", " ", "“", "a", "A b", "a b c", "a b c d e", "ﬁne day", "day ﬁne", "the ΟΔΟΣ", "e\u0301a b", "a b\u0301", "x’s day—then", "Ｒ2 d2", "1² 2"]) {
      expect(edgeKey(t), t).toBe(edgeKeyOf(matchingKey(t).key));
    }
  });
});

/** The stage as it was: every block hashed. */
function repeatsReference(draft: Draft, minWords: number): void {
  const seen = new Map<number, { text: string; key: string | null }[]>();
  const keyOf = (kept: { text: string; key: string | null }): string => (kept.key ??= matchingKey(kept.text).key);
  for (const block of draft.live()) {
    const { hash, count } = matchingKeyHash(block.text);
    if (count < minWords) continue;
    const same = seen.get(hash);
    if (same === undefined) {
      seen.set(hash, [{ text: block.text, key: null }]);
      continue;
    }
    const key = matchingKey(block.text).key;
    if (same.some((kept) => keyOf(kept) === key)) draft.remove(block, "repeated-block", "repeated-block");
    else same.push({ text: block.text, key });
  }
}

function draftOf(lines: string[]): Draft {
  const draft = new Draft({ id: "d", source: { path: "d.txt", index: 0 }, raw: { kind: "text", content: lines.join("\n") } });
  for (const l of lines) draft.addBlock("paragraph", l);
  return draft;
}

describe("repeats with edge keys", () => {
  // few words, so that blocks often share their edges, their keys, or both
  const WORDS = ["the", "The", "talks", "TALKS", "said", "ﬁre", "fire", "é", "É", "e\u0301", "İ", "i\u0307", "ĳ", "ij", "Ｒ", "r", "ΟΔΟΣ", "οδος", "2", "²"];
  const SEPARATORS = [" ", "  ", ", ", ". ", "“", "”", "’", "—", "\u00a0", "-", ""];
  const block = fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 0, maxLength: 6 })
    .map((parts) => parts.map(([w, s]) => w + s).join(""));
  it("removes what hashing every block removed", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(block, { maxLength: 8 }), fc.integer({ min: 1, max: 3 }), async (lines, minWords) => {
        const expected = draftOf(lines);
        repeatsReference(expected, minWords);
        const draft = draftOf(lines);
        const stage = repeats({ minWords });
        if (stage.kind !== "article") throw new Error("article stage expected");
        draft.stage = stage.name;
        await stage.run(draft, { options: stage.options as never, log: silentLogger, stateDir: null });
        expect(draft.live().map((b) => b.text)).toEqual(expected.live().map((b) => b.text));
      }),
      { numRuns: 3000 },
    );
  });
});
