/**
 * main-text: in a text dump of a whole page (menus, channel lists, share lines, footers and related
 * stories left around the article as lines), keeps the article's region and removes the rest. A dump
 * that is already article text is left alone: the stage acts only when many furniture lines lie
 * around the main prose region, with menus above it. HTML inputs are the extract stage's business.
 * On a whole page, the headline right above the article becomes the title: the page title printed
 * there without the site's name, or a headline-shaped line when the head of the dump offered a menu
 * entry ("Front Page", "Skip to content") as the title.
 */
import { z } from "zod";
import { DEFAULT_REGION_OPTIONS as D, type MainRegionPlan, pageLines, planMainRegion, tooLittleFurniture } from "../segment/main-region.ts";
import { headlineLines } from "../segment/headline.ts";
import { pageLanguage } from "../segment/page-language.ts";
import { articleWords, headlineShapedAbove, printedHeadlineAbove, topicOverlap } from "../segment/page-title.ts";
import type { ProseFeatures } from "../segment/prose-score.ts";
import { ruleMatches } from "../rules/block-rules.ts";
import { defineStage } from "../stage.ts";
import { fold, wordCountUpTo } from "../text/measure.ts";
import { BOILERPLATE_RULES } from "./boilerplate.ts";

/** Below this share of its words used in the article, a title from the head of the dump is doubtful. */
const WEAK_TITLE = 0.5;

/** A line the boilerplate table calls junk is never the headline. */
/** The largest word limit of a boilerplate rule: past it, a line's word count matters to none. */
const MOST_RULE_WORDS = Math.max(...BOILERPLATE_RULES.map((rule) => rule.maxWords));

const isJunkLine = (text: string): boolean => {
  // counted once here, not once for each rule, and only as far as the longest rule's limit
  const words = wordCountUpTo(text, MOST_RULE_WORDS + 1);
  return BOILERPLATE_RULES.some((rule) => ruleMatches(rule, text, words));
};

/** Why a block outside the region goes, from where it is and what it looks like. */
function removalOf(f: ProseFeatures, before: boolean): { rule: string; category: string } {
  const prose = f.words >= 8 && f.endsSentence && !f.repeated;
  if (before) return prose ? { rule: "prose-before-main-region", category: "page-chrome" } : { rule: "menu-before-main-region", category: "navigation" };
  return prose ? { rule: "prose-after-main-region", category: "related-link" } : { rule: "links-after-main-region", category: "footer" };
}

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);
const factor = z.number().nonnegative();

export const mainTextOptions = z
  .object({
    minFurniture: count.default(D.minFurniture),
    minFurnitureShare: share.default(D.minFurnitureShare),
    minHead: count.default(D.minHead),
    maxProseBefore: factor.default(D.maxProseBefore),
    runGrowth: factor.default(D.runGrowth),
    shapeRepeats: count.default(D.shapeRepeats),
    shapeCost: factor.default(D.shapeCost),
    contextWindow: count.default(D.contextWindow),
    contextStrength: factor.default(D.contextStrength),
    contextFloor: share.default(D.contextFloor),
    headlineReach: count.default(D.headlineReach),
    headlineMinShare: share.default(D.headlineMinShare),
  })
  .strict();

export const mainText = defineStage({
  name: "main-text",
  description: "Keeps the article region of a whole-page text dump and removes the menus, lists and footers around it.",
  options: mainTextOptions,
  run(draft, ctx) {
    if (draft.raw.kind !== "text") return;
    const blocks = draft.live();
    // A whole page has at least minFurniture furniture lines: a shorter dump is an article.
    if (blocks.length < Math.max(3, ctx.options.minFurniture)) return;
    const texts = blocks.map((b) => b.text);
    const folded = texts.map(fold);
    const language = draft.meta.language ?? pageLanguage(texts);
    const lines = pageLines(texts, language, folded);
    // The cheap gate: too little furniture, whatever the region, and the dump is an ordinary article.
    if (tooLittleFurniture(lines, ctx.options)) return;
    const firstLine = draft.raw.content.split("\n", 20).find((l) => l.trim() !== "") ?? null;
    const headlines = [...new Set([...headlineLines(texts, draft.meta.title, folded), ...headlineLines(texts, firstLine, folded)])].sort((a, b) => a - b);
    const plan: MainRegionPlan = planMainRegion(texts, language, ctx.options, headlines, lines);
    ctx.log.debug({ id: draft.id, evidence: plan.evidence, region: plan.region, wholePage: plan.wholePage }, "main region");
    if (!plan.wholePage || plan.region === null) return;
    const { start, end } = plan.region;
    // The headline is the title-shaped line right above the article, not a menu line from the top.
    const search = { printed: headlines, reach: ctx.options.headlineReach, maxWords: 30, isJunk: isJunkLine };
    let headline = printedHeadlineAbove(start, search);
    if (headline === null) {
      // A line shaped like a headline above the article wins over a title from the head of the dump
      // that speaks little of the article ("Skip to content" speaks of nothing), if it speaks more.
      const shaped = headlineShapedAbove(texts, start, search);
      if (shaped !== null) {
        const article = articleWords(texts, start, end);
        const now = draft.meta.title ? topicOverlap(draft.meta.title, article) : -1;
        if (now < WEAK_TITLE && topicOverlap(texts[shaped] as string, article) > now) headline = shaped;
      }
    }
    if (headline !== null) {
      draft.setMeta("title", texts[headline] as string, "headline-above-region");
      draft.remove(blocks[headline] as (typeof blocks)[number], "title-line", "metadata");
    }
    blocks.forEach((block, i) => {
      if (i >= start && i < end) return;
      const { rule, category } = removalOf(plan.features[i] as ProseFeatures, i < start);
      draft.remove(block, rule, category);
    });
  },
});
