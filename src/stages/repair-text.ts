/**
 * `repair-text`: repairs damaged text in live blocks, the title and the subtitle, recording every
 * change. In order: mojibake (UTF-8 read as a single-byte code page, once or twice), C1 control
 * characters and leftover HTML entities; words run together where markup was stripped; and the
 * phrase table (rules/repair-spinner.json): spinner synonyms with one reading are fixed, phrases
 * that are probably damaged but could be meant are flagged and left. Precision comes first: a
 * repair that could be wrong is flagged, not applied.
 */
import { z } from "zod";
import { loadPhraseRules, type PhraseRule } from "../repair/phrase-rules.ts";
import { repairEncoding, repairGluedWords, repairPhrases } from "../repair/text-repair.ts";
import { defineStage } from "../stage.ts";

export const SPINNER_RULES: PhraseRule[] = loadPhraseRules(new URL("./rules/repair-spinner.json", import.meta.url));

const options = z
  .object({
    /** Repair mojibake and C1 control characters. */
    mojibake: z.boolean().default(true),
    /** Decode leftover HTML entities whose reading is never in doubt (`&amp;`, `&#8217;`). */
    entities: z.boolean().default(true),
    /** Split words run together where a link or bold tag was stripped. */
    gluedWords: z.boolean().default(true),
    /** Where weak glue cuts are applied: in blocks that also have a strong cut, or never (flag only). */
    weakGlue: z.enum(["in-glued-blocks", "never"]).default("in-glued-blocks"),
    /** Remove U+FFFD (invalid UTF-8) hanging on a word; flag it between letters or between words. */
    replacementChars: z.boolean().default(true),
    /** Apply the spinner / translation phrase table. */
    phrases: z.boolean().default(true),
  })
  .strict();

export const repairText = defineStage({
  name: "repair-text",
  description: "Repairs mojibake, leftover entities, glued words and spinner phrases; flags what it cannot be sure of",
  options,
  run(draft, ctx) {
    repairEncoding(draft, ctx.options);
    if (ctx.options.gluedWords) repairGluedWords(draft, ctx.options);
    if (ctx.options.phrases) repairPhrases(draft, SPINNER_RULES);
  },
});
