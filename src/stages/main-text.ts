/**
 * main-text: in a text dump of a whole page (menus, channel lists, share lines, footers and related
 * stories left around the article as lines), keeps the article's region and removes the rest. A dump
 * that is already article text is left alone: the stage acts only when many furniture lines lie
 * outside the main prose region. HTML inputs are the extract stage's business.
 */
import { z } from "zod";
import { type MainRegionPlan, DEFAULT_GATE, planMainRegion } from "../segment/main-region.ts";
import type { ProseFeatures } from "../segment/prose-score.ts";
import { defineStage } from "../stage.ts";
import { pageLanguage } from "../segment/page-language.ts";


/** Why a block outside the region goes, from where it is and what it looks like. */
function removalOf(f: ProseFeatures, before: boolean): { rule: string; category: string } {
  const prose = f.words >= 8 && f.endsSentence && !f.repeated;
  if (before) return prose ? { rule: "before-main-region", category: "page-chrome" } : { rule: "menu-before-article", category: "navigation" };
  return prose ? { rule: "after-main-region", category: "related-link" } : { rule: "links-after-article", category: "footer" };
}

export const mainText = defineStage({
  name: "main-text",
  description: "Keeps the article region of a whole-page text dump and removes the menus, lists and footers around it.",
  options: z
    .object({
      minFurniture: z.number().int().nonnegative().default(DEFAULT_GATE.minFurniture),
      minHead: z.number().int().nonnegative().default(DEFAULT_GATE.minHead),
      minFurnitureShare: z.number().min(0).max(1).default(DEFAULT_GATE.minFurnitureShare),
      maxProseBefore: z.number().nonnegative().default(DEFAULT_GATE.maxProseBefore),
    })
    .strict(),
  run(draft, ctx) {
    if (draft.raw.kind !== "text") return;
    const blocks = draft.live();
    if (blocks.length < 3) return;
    const language = draft.meta.language ?? pageLanguage(blocks.map((b) => b.text));
    const plan: MainRegionPlan = planMainRegion(
      blocks.map((b) => b.text),
      language,
      ctx.options,
    );
    ctx.log.debug({ id: draft.id, evidence: plan.evidence, region: plan.region, wholePage: plan.wholePage }, "main region");
    if (!plan.wholePage || plan.region === null) return;
    const { start, end } = plan.region;
    blocks.forEach((block, i) => {
      if (i >= start && i < end) return;
      const { rule, category } = removalOf(plan.features[i] as ProseFeatures, i < start);
      draft.remove(block, rule, category);
    });
  },
});
