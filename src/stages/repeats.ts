/**
 * `repeats`: a block printed twice inside one article (a pull quote, a paragraph a CMS emitted twice,
 * a title repeated above the body) is kept once. Blocks are compared after normalisation (NFKC,
 * case, punctuation and white space ignored); the first copy stays, later copies are removed with
 * rule `repeated-block`. Blocks with fewer than `minWords` words ("Share", "0") are left to the
 * boilerplate stage: their repetition says nothing.
 */
import { z } from "zod";
import { matchingKey, matchingKeyHash } from "../dedupe/tokens.ts";
import { defineStage } from "../stage.ts";

const options = z
  .object({
    /** Blocks shorter than this many words are not considered. */
    minWords: z.number().int().min(1).default(3),
    /**
     * Also on HTML pages. Off by default: a page that shows a block twice usually means it (a recipe's
     * steps, an FAQ, a product's features), while a text dump that does is a scraping artifact.
     */
    pages: z.boolean().default(false),
  })
  .strict();

export const repeats = defineStage({
  name: "repeats",
  description: "Removes later copies of a block printed twice inside one article",
  options,
  run(draft, ctx) {
    if (draft.raw.kind === "html" && !ctx.options.pages) return;
    // The blocks kept so far, by the hash of their key; keys are built only where two hashes meet.
    const seen = new Map<number, { text: string; key: string | null }[]>();
    const keyOf = (kept: { text: string; key: string | null }): string => (kept.key ??= matchingKey(kept.text).key);
    for (const block of draft.live()) {
      const { hash, count } = matchingKeyHash(block.text);
      if (count < ctx.options.minWords) continue;
      const same = seen.get(hash);
      if (same === undefined) {
        seen.set(hash, [{ text: block.text, key: null }]);
        continue;
      }
      const key = matchingKey(block.text).key;
      if (same.some((kept) => keyOf(kept) === key)) draft.remove(block, "repeated-block", "repeated-block");
      else same.push({ text: block.text, key });
    }
  },
});
