/**
 * quality: decides whether what is left is an article. It sets the language when the input did not
 * say, and rejects (with a reason) a record with no body text or too little of it.
 */
import { z } from "zod";
import { defineStage } from "../stage.ts";
import { detectLanguage } from "../text/language.ts";
import { wordCount } from "../text/measure.ts";

export const quality = defineStage({
  name: "quality",
  description: "Sets the language and rejects records that are not articles (no body, or too short).",
  options: z
    .object({
      /** Fewest words of body text an article may have. */
      minWords: z.number().int().nonnegative().default(25),
    })
    .strict(),
  run(draft, ctx) {
    const body = draft.text();
    if (!draft.meta.language) {
      const language = detectLanguage(`${draft.meta.title ?? ""}\n${body}`);
      if (language) draft.setMeta("language", language, "detected");
    }
    const prose = draft.live().filter((b) => b.type !== "caption" && b.type !== "heading");
    if (prose.length === 0) {
      const removed = draft.removed.length;
      return draft.reject(
        "no-text",
        removed > 0 ? `every block was removed (${removed} removals; see the provenance of the stages before)` : "the input held no text",
      );
    }
    const n = wordCount(body);
    if (n < ctx.options.minWords) {
      return draft.reject("too-short", `${n} words of body text; an article needs at least ${ctx.options.minWords} (option minWords)`);
    }
  },
});
