/**
 * `repeats`: a block printed twice inside one article (a pull quote, a paragraph a CMS emitted twice,
 * a title repeated above the body) is kept once. Blocks are compared after normalisation (NFKC,
 * case, punctuation and white space ignored); the first copy stays, later copies are removed with
 * rule `repeated-block`. Blocks with fewer than `minWords` words ("Share", "0") are left to the
 * boilerplate stage: their repetition says nothing.
 */
import { z } from "zod";
import { matchingKey } from "../dedupe/tokens.ts";
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
    const seen = new Set<string>();
    for (const block of draft.live()) {
      const { key, count } = matchingKey(block.text);
      if (count < ctx.options.minWords) continue;
      if (seen.has(key)) draft.remove(block, "repeated-block", "repeated-block");
      else seen.add(key);
    }
  },
});
