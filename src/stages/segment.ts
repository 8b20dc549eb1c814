/**
 * segment: a text dump into blocks. Each line (hard wraps joined) becomes a block typed by its shape
 * and neighbours (caption, heading, paragraph); a heading glued to the end of a paragraph is split
 * off; the head of the dump gives breadcrumb, title, byline, date and standfirst to the record.
 * HTML inputs are left to the extract stage.
 */
import { z } from "zod";
import {
  type HeaderOptions,
  headBlocks,
  stripBreadcrumb,
  takeByline,
  takeDateLine,
  takeDatelinePrefix,
  takeSubtitle,
  takeTitle,
  takeWireDateline,
} from "../segment/header.ts";
import { gluedHeading, lineType } from "../segment/classify.ts";
import { toLines } from "../segment/lines.ts";
import { CMS_ACCOUNTS as CMS_ACCOUNT_SET } from "../html/rule-tables.ts";
import { defineStage } from "../stage.ts";
import { BOILERPLATE_RULES } from "./boilerplate.ts";
import { ruleMatches } from "../rules/block-rules.ts";
import { wordCountUpTo } from "../text/measure.ts";

/** A line the boilerplate table calls junk (wherever it stands) is never the title. */
/** The largest word limit of a boilerplate rule: past it, a line's word count matters to none. */
const MOST_RULE_WORDS = Math.max(...BOILERPLATE_RULES.map((rule) => rule.maxWords));

const isJunkLine = (text: string): boolean => {
  // counted once here, not once for each rule, and only as far as the longest rule's limit
  const words = wordCountUpTo(text, MOST_RULE_WORDS + 1);
  return BOILERPLATE_RULES.some((rule) => ruleMatches(rule, text, words));
};

/** CMS accounts that sign articles (admin, editor …): one list for pages and text dumps. */
export const CMS_ACCOUNTS: string[] = [...CMS_ACCOUNT_SET];

export const segment = defineStage({
  name: "segment",
  description: "Splits a text dump into typed blocks and takes title, byline, date and standfirst from its head.",
  options: z
    .object({
      maxTitleWords: z.number().int().positive().default(30),
      subtitleRatio: z.number().positive().default(0.8),
      cmsAccounts: z.array(z.string()).default(CMS_ACCOUNTS),
      headDepth: z.number().int().positive().default(10),
      /**
       * The most blocks a dump is cut into; past them the rest is not read and the article says it is
       * truncated. (A 100 MB dump of 1.2 million paragraphs took 2.9 GB to clean whole: a dump much
       * larger could run a thread out of memory.)
       */
      maxBlocks: z.number().int().positive().default(20_000),
    })
    .strict(),
  run(draft, ctx) {
    if (draft.raw.kind !== "text" || draft.blocks.length > 0) return;
    const { lines, cut } = toLines(draft.raw.content, ctx.options.maxBlocks);
    if (cut) draft.setMeta("truncated", true, "segment:block-limit");
    lines.forEach((line, i) => {
      const prev = lines[i - 1]?.text ?? null;
      const next = lines[i + 1]?.text ?? null;
      draft.addBlock(lineType(line.text, prev, next), line.text, { line: line.line, standalone: line.standalone });
    });
    for (const block of draft.live()) {
      if (block.type !== "paragraph") continue;
      const glued = gluedHeading(block.text);
      if (glued) draft.splitOff(block, glued.index, "heading", "glued-heading", glued.heading);
    }
    const options: HeaderOptions = ctx.options;
    const head = headBlocks(draft, options.headDepth);
    stripBreadcrumb(draft, head);
    takeByline(draft, head, options);
    takeDateLine(draft, head);
    takeTitle(draft, headBlocks(draft, options.headDepth), options, isJunkLine);
    takeDatelinePrefix(draft, 4);
    takeWireDateline(draft, 3);
    takeSubtitle(draft, options, isJunkLine);
  },
});
