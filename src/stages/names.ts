/**
 * `names`: repairs personal names inside one article from the article's own evidence, then applies
 * the gazetteer. In order: duplicated glosses, a cut given name with the full name glossed, doubled
 * given names, a wrong form with the right one glossed, names cut off before a quote or before the
 * full name, the interpunct read as a period (only where the full name is written elsewhere), and
 * lower-cased names: a name opening a sentence in lower case (`weber said`), the same name glued
 * between capitalised words, a given name glued to a place after `<office> of`. Each change is a
 * recorded repair; a suspicion without evidence is a flag.
 */
import { z } from "zod";
import type { Draft } from "../draft.ts";
import { type DocumentEvidence, gatherEvidence } from "../repair/evidence.ts";
import { gluedLowerCasedName, gluedPlaceAndGivenName, lowerCasedSubjects, sentenceStartName } from "../repair/name-glue.ts";
import type { GazetteerEntry } from "../pipeline.ts";
import {
  type CompiledGazetteer,
  type NameContext,
  applyGazetteer,
  compileGazetteer,
  doubledGivenName,
  duplicateGloss,
  glossCounts,
  interpunct,
  interpunctHabit,
  interpunctWithGloss,
  lowerCasedName,
  truncatedBeforeFullName,
  truncatedBeforeQuote,
  wrongFormGlossed,
} from "../repair/name-repairs.ts";
import { forEachText } from "../repair/text-repair.ts";
import { englishWords } from "../repair/word-list.ts";
import { flagSameOffice } from "../repair/same-role.ts";
import { defineStage } from "../stage.ts";

const GazetteerEntrySchema = z.object({ canonical: z.string().min(1), aliases: z.array(z.string().min(1)) }).strict();

const options = z
  .object({
    /** Canonical names and their aliases (the `--names` file), applied on word boundaries. */
    gazetteer: z.array(GazetteerEntrySchema).default([]),
  })
  .strict();

function evidenceOf(draft: Draft): NameContext {
  const texts = [...draft.live().map((b) => b.text), draft.meta.title ?? "", draft.meta.subtitle ?? ""];
  // Gathered from the texts as they are now, when a repair first asks for it: most documents give
  // no repair a place to look.
  let evidence: DocumentEvidence | null = null;
  const ctx: NameContext = {
    get evidence() {
      evidence ??= gatherEvidence(texts);
      return evidence;
    },
    words: englishWords(),
    glosses: glossCounts(texts),
  };
  ctx.interpunctHabit = interpunctHabit(texts, ctx);
  return ctx;
}

/**
 * Each gazetteer compiled once, however many articles the stage sees (it was compiled for every
 * article: with 100,000 names, most of a run's time).
 */
const compiled = new WeakMap<object, CompiledGazetteer>();

function compiledGazetteer(gazetteer: readonly GazetteerEntry[]): CompiledGazetteer {
  let found = compiled.get(gazetteer);
  if (found === undefined) {
    found = compileGazetteer(gazetteer);
    compiled.set(gazetteer, found);
  }
  return found;
}

export const names = defineStage({
  name: "names",
  description: "Repairs mangled personal names from the article's own evidence, then applies the gazetteer",
  options,
  run(draft, stage) {
    const ctx = evidenceOf(draft);
    const subjects = lowerCasedSubjects(draft.live().map((b) => b.text), ctx);
    const gazetteer = compiledGazetteer(stage.options.gazetteer);
    forEachText(draft, "names", (block) => {
      sentenceStartName(draft, block, subjects);
      gluedLowerCasedName(draft, block, subjects);
      gluedPlaceAndGivenName(draft, block, ctx);
      // Cheap tests first: most paragraphs hold no bracket and no name cut by a period.
      if (block.text.includes("(")) {
        duplicateGloss(draft, block);
        interpunctWithGloss(draft, block);
        wrongFormGlossed(draft, block, ctx);
      }
      if (block.text.includes(". ")) {
        doubledGivenName(draft, block, ctx);
        truncatedBeforeQuote(draft, block, ctx);
        truncatedBeforeFullName(draft, block, ctx);
        interpunct(draft, block, ctx);
      }
      lowerCasedName(draft, block, ctx);
      applyGazetteer(draft, block, gazetteer);
    });
    flagSameOffice(draft, draft.live().map((b) => b.text));
  },
});
