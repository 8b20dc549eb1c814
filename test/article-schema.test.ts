/**
 * The record's `text` must be its non-caption blocks joined by blank lines: the schema reads the text
 * in place against the blocks (isBodyText) rather than joining them again, and must agree with the
 * join on every case, including texts that hold blank lines of their own and texts that differ from
 * the body by one character.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArticleSchema, BLOCK_TYPES, type Block, bodyText, isBodyText } from "../src/article.ts";
import { Draft } from "../src/draft.ts";

const piece = fc.constantFrom("a", "b", " ", "\n", "\n\n", "é", "’", "😀", "Minister", ".");
const blockText = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(""));
const block = fc.record({ type: fc.constantFrom(...BLOCK_TYPES), text: blockText });
const blocks = fc.array(block, { maxLength: 6 });

/** A record as a draft writes it, with the blocks and text given. */
function record(blockList: Block[], text: string) {
  const draft = new Draft({ id: "a1", source: { path: "dump.jsonl", index: 0 }, raw: { kind: "text", content: "" } });
  return { ...draft.toArticle(), blocks: blockList, text };
}

describe("the record's text and its blocks", () => {
  it("isBodyText agrees with joining the blocks, for the body and for texts near it", () => {
    fc.assert(
      fc.property(blocks, fc.nat(), piece, (list, at, extra) => {
        const body = bodyText(list);
        expect(isBodyText(list, body)).toBe(true);
        // one piece inserted, one character removed: another text, unless it happens to be the same
        const k = body.length === 0 ? 0 : at % (body.length + 1);
        for (const other of [body.slice(0, k) + extra + body.slice(k), body.slice(0, k) + body.slice(k + 1), `${body}\n\n`, body.trimEnd()]) {
          expect(isBodyText(list, other)).toBe(other === body);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("the schema accepts a record whose text is its body and rejects one whose text is not", () => {
    fc.assert(
      fc.property(blocks, piece, (list, extra) => {
        const body = bodyText(list);
        expect(ArticleSchema.safeParse(record(list, body)).success).toBe(true);
        const wrong = ArticleSchema.safeParse(record(list, body + extra));
        expect(wrong.success).toBe(false);
        expect(wrong.error?.issues.some((issue) => issue.path.join(".") === "text")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
