/**
 * Recording a whole-text repair as the small span that changed, so that provenance shows
 * `donâ€™t -> don’t` rather than two copies of a paragraph.
 */
import type { Draft, DraftBlock } from "../draft.ts";

/** The changed stretch between two versions of a text, widened to whole words. */
export function changedSpan(before: string, after: string): { start: number; end: number; replacement: string } | null {
  if (before === after) return null;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  while (start > 0 && !/\s/u.test(before[start - 1] as string)) start--;
  while (endB < before.length && !/\s/u.test(before[endB] as string)) {
    endB++;
    endA++;
  }
  return { start, end: endB, replacement: after.slice(start, endA) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces a block's text by `after`, recording only the changed span as the repair. */
export function rewriteWhole(draft: Draft, block: DraftBlock, after: string, rule: string): void {
  const span = changedSpan(block.text, after);
  if (span === null) return;
  const before = block.text.slice(span.start, span.end);
  if (before.trim() === "") {
    draft.setText(block, after, rule);
    return;
  }
  const pattern = new RegExp(escapeRegExp(before), "gu");
  const done = draft.rewrite(block, rule, pattern, (m) => (m.index === span.start ? span.replacement : null));
  if (done === 0 || block.text !== after.trim()) draft.setText(block, after, rule);
}
