/**
 * A draft counts a block's words once per text (stages ask again and again): whatever the order of
 * limits asked and of changes to the text, the answer is the count of the text as it stands.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Draft } from "../src/draft.ts";
import { wordCountUpTo } from "../src/text/measure.ts";

const TEXTS = ["", "one", "one two three", "Harbour fees rise again as the port board meets", "東京タワー 見学", "don't stop — state-owned firms", "a b c d e f g h i j k l m n o p"];

describe("a draft's word counts", () => {
  it("are wordCountUpTo of the block's text as it stands, however asked", () => {
    const step = fc.oneof(
      fc.record({ ask: fc.oneof(fc.integer({ min: -1, max: 20 }), fc.constant(Infinity)), block: fc.nat({ max: 1 }) }),
      fc.record({ text: fc.constantFrom(...TEXTS), block: fc.nat({ max: 1 }), how: fc.constantFrom("setText", "assign", "sameContent") }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const draft = new Draft({ id: "d", source: { path: "x", index: 0 }, raw: { kind: "text", content: "" } });
        const blocks = [draft.addBlock("paragraph", "first block of words"), draft.addBlock("paragraph", "second")];
        for (const s of steps) {
          const block = blocks[s.block];
          if (!block) throw new Error("a block was not added");
          if ("ask" in s) {
            expect(draft.wordsOf(block, s.ask)).toBe(wordCountUpTo(block.text, s.ask));
          } else if (s.how === "setText") {
            if (s.text !== "" && s.text !== block.text) draft.setText(block, s.text, "test");
          } else if (s.how === "assign") {
            block.text = s.text;
          } else {
            // an equal text in a string of its own: counted the same
            block.text = [...block.text].join("");
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("count a text once for a lower limit and again for a higher one", () => {
    const draft = new Draft({ id: "d", source: { path: "x", index: 0 }, raw: { kind: "text", content: "" } });
    const block = draft.addBlock("paragraph", "one two three four five six");
    if (!block) throw new Error("no block");
    expect(draft.wordsOf(block, 3)).toBe(3);
    expect(draft.wordsOf(block, 2)).toBe(2);
    expect(draft.wordsOf(block, 10)).toBe(6);
    expect(draft.wordsOf(block)).toBe(6);
    expect(draft.wordsOf(block, 4)).toBe(4);
    expect(draft.wordsOf(block, 0)).toBe(0);
  });
});
