/**
 * boilerplate: removes the blocks that are not the article. Two signals, in order:
 * 1. the rule table (rules/boilerplate.json): patterns for whole blocks, each with a category, a
 *    length limit and a position (head, tail, anywhere);
 * 2. context: a short block whose neighbours on both sides are boilerplate is boilerplate too (the
 *    fragments of a footer), and a heading left with nothing of the article after it goes with them.
 * Every removal is recorded with its rule and category.
 */
import { z } from "zod";
import type { Draft, DraftBlock } from "../draft.ts";
import { type BlockRule, loadRuleTable, ruleMatches } from "../rules/block-rules.ts";
import { defineStage } from "../stage.ts";
import { endsLikeSentence, wordCountUpTo } from "../text/measure.ts";

export const BOILERPLATE_RULES: BlockRule[] = loadRuleTable(new URL("./rules/boilerplate.json", import.meta.url));

/** Categories that mean "moved into a field", not "junk": they do not make neighbours suspect. */
const NOT_JUNK = new Set(["metadata"]);

function isJunk(block: DraftBlock): boolean {
  return block.removed !== null && !NOT_JUNK.has(block.removed.category);
}

/**
 * Where a block sits, by words rather than by block count, so that removing a few one-word blocks
 * does not move the others between zones: the head is the first third of the words, the tail the
 * last third.
 */
function inZone(where: BlockRule["where"], start: number, end: number, total: number): boolean {
  if (where === "any" || total === 0) return true;
  if (where === "head") return start < total / 3;
  return end > (total * 2) / 3;
}

function applyRules(draft: Draft, rules: readonly BlockRule[], disabled: ReadonlySet<string>): void {
  const live = draft.live();
  // the rules that apply to this input at all, in their order: chosen once, not once per block
  const kind = draft.raw.kind;
  const active = rules.filter((rule) => !disabled.has(rule.id) && (rule.input === "any" || rule.input === kind));
  const counts = live.map((b) => draft.wordsOf(b));
  const total = counts.reduce((a, b) => a + b, 0);
  let start = 0;
  live.forEach((block, index) => {
    const n = counts[index] as number;
    const end = start + n;
    const blockStart = start;
    start = end;
    for (const rule of active) {
      if (n > rule.maxWords || !inZone(rule.where, blockStart, end, total)) continue;
      if (!ruleMatches(rule, block.text, n)) continue;
      if (rule.effect === "truncated") {
        // An excerpt marker only means "truncated" at the very end of the text.
        const after = live.slice(index + 1).filter((b) => b.removed === null);
        if (after.every((b) => wordCountUpTo(b.text, 13) <= 12)) draft.setMeta("truncated", true, rule.id);
      }
      draft.remove(block, rule.id, rule.category);
      break;
    }
  });
}

/** Nearest block before/after in reading order, removed or not (null at the edges). */
function neighbour(blocks: DraftBlock[], index: number, step: -1 | 1): DraftBlock | null {
  const i = index + step;
  return i >= 0 && i < blocks.length ? (blocks[i] as DraftBlock) : null;
}

/** A headline in a list of links: a few words, no sentence ending. */
function headlineShaped(text: string): boolean {
  const n = wordCountUpTo(text, 21);
  return n >= 2 && n <= 20 && !endsLikeSentence(text);
}

function applyContext(draft: Draft, maxWords: number): void {
  const blocks = draft.blocks.filter((b) => b.removed === null || isJunk(b));
  let changed = true;
  while (changed) {
    changed = false;
    blocks.forEach((block, i) => {
      if (block.removed) return;
      const prev = neighbour(blocks, i, -1);
      const next = neighbour(blocks, i, 1);
      const prevJunk = prev === null || isJunk(prev);
      const nextJunk = next === null || isJunk(next);
      const junkSide = (prev !== null && isJunk(prev)) || (next !== null && isJunk(next));
      if (!prevJunk || !nextJunk || !junkSide) return;
      // counted as far as maxWords + 1: a longer block is not short, whatever its count
      const n = wordCountUpTo(block.text, maxWords + 1);
      const short = n <= maxWords && (!endsLikeSentence(block.text) || n <= 4);
      if (short) {
        draft.remove(block, "between-boilerplate", "boilerplate-context");
        changed = true;
      }
    });
  }
  // A recommendation or related-links heading opens a list: the headlines under it go with it.
  const live2 = draft.live();
  for (const opener of draft.blocks) {
    if (opener.removed?.category !== "recommendation" && opener.removed?.rule !== "related-heading") continue;
    const after = draft.blocks.slice(draft.blocks.indexOf(opener) + 1);
    for (const block of after) {
      if (block.removed) {
        if (isJunk(block)) continue;
        break;
      }
      if (!live2.includes(block) || !headlineShaped(block.text)) break;
      draft.remove(block, "recommendation-list", "recommendation");
    }
  }
  // A heading with no article text after it introduced what was removed.
  const live = draft.live();
  for (let i = live.length - 1; i >= 0; i--) {
    const block = live[i] as DraftBlock;
    if (block.type !== "heading") break;
    const after = draft.blocks.slice(draft.blocks.indexOf(block) + 1);
    if (after.some(isJunk)) draft.remove(block, "orphan-heading", "boilerplate-context");
    else break;
  }
}

export const boilerplate = defineStage({
  name: "boilerplate",
  description: "Removes boilerplate blocks by the rule table and by their boilerplate neighbours.",
  options: z
    .object({
      /** Rule ids to switch off. */
      disable: z.array(z.string()).default([]),
      /** Longest block (in words) that its boilerplate neighbours can take with them. */
      contextMaxWords: z.number().int().nonnegative().default(12),
    })
    .strict(),
  run(draft, ctx) {
    applyRules(draft, BOILERPLATE_RULES, new Set(ctx.options.disable));
    applyContext(draft, ctx.options.contextMaxWords);
  },
});
