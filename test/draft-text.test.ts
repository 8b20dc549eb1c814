/**
 * A draft keeps the body it last joined (several stages read it in a row): whatever is done to its
 * blocks between reads, through the draft or straight on a block or the list, the body is the live
 * non-caption blocks as they stand, joined by blank lines.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyText } from "../src/article.ts";
import { Draft } from "../src/draft.ts";

const TEXTS = ["Harbour fees rise again", "The board meets on Monday.", "Photo: Lena Vogt", "東京タワー 見学", "“We listened,” she said."];

describe("a draft's body", () => {
  it("is the live non-caption blocks as they stand, however they changed since it was last read", () => {
    const step = fc.oneof(
      fc.constant({ op: "read" as const }),
      fc.record({ op: fc.constantFrom("assign" as const, "sameContent" as const, "setText" as const), block: fc.nat(), text: fc.constantFrom(...TEXTS) }),
      fc.record({ op: fc.constantFrom("remove" as const, "unremove" as const, "caption" as const, "paragraph" as const, "drop" as const, "swap" as const), block: fc.nat() }),
      fc.record({ op: fc.constant("add" as const), text: fc.constantFrom(...TEXTS), after: fc.option(fc.nat()) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const draft = new Draft({ id: "d", source: { path: "x", index: 0 }, raw: { kind: "text", content: "" } });
        for (const t of TEXTS.slice(0, 3)) draft.addBlock("paragraph", t);
        for (const s of steps) {
          const blocks = draft.blocks;
          const block = "block" in s && blocks.length > 0 ? blocks[s.block % blocks.length] : undefined;
          if (s.op === "read") {
            expect(draft.text()).toBe(bodyText(draft.live()));
          } else if (s.op === "add") {
            const after = s.after === null || blocks.length === 0 ? undefined : blocks[s.after % blocks.length];
            draft.addBlock("paragraph", s.text, {}, after);
          } else if (!block) {
            continue;
          } else if (s.op === "assign") {
            block.text = s.text;
          } else if (s.op === "sameContent") {
            // the same words as a new string: the body must not change
            block.text = [...block.text].join("");
          } else if (s.op === "setText") {
            if (s.text !== block.text) draft.setText(block, s.text, "test");
          } else if (s.op === "remove") {
            draft.remove(block, "test", "test");
          } else if (s.op === "unremove") {
            block.removed = null;
          } else if (s.op === "caption" || s.op === "paragraph") {
            block.type = s.op;
          } else if (s.op === "drop") {
            blocks.splice(blocks.indexOf(block), 1);
          } else if (s.op === "swap") {
            const at = blocks.indexOf(block);
            if (at > 0) [blocks[at - 1], blocks[at]] = [blocks[at] as (typeof blocks)[number], blocks[at - 1] as (typeof blocks)[number]];
          }
        }
        expect(draft.text()).toBe(bodyText(draft.live()));
      }),
      { numRuns: 500 },
    );
  });

  it("is read again from blocks whose texts repeat (the same text in two blocks, one removed)", () => {
    const draft = new Draft({ id: "d", source: { path: "x", index: 0 }, raw: { kind: "text", content: "" } });
    const a = draft.addBlock("paragraph", "Same line") as NonNullable<ReturnType<Draft["addBlock"]>>;
    draft.addBlock("paragraph", "Same line");
    expect(draft.text()).toBe("Same line\n\nSame line");
    draft.remove(a, "test", "test");
    expect(draft.text()).toBe("Same line");
  });
});
