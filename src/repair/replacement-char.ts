/**
 * U+FFFD REPLACEMENT CHARACTER left where a decoder met bytes that were not valid UTF-8. What the
 * bytes stood for is lost; where they hang on one side of a word (`outside���`, `���Hello`) they were
 * most often an emoji, a dash or a quote, and removing them gives the text a reader expects. Where
 * they stand between letters (`Bj�rn`, `don�t`) or alone between spaces (`prices � and`), a letter
 * or a dash may be missing: that is flagged, not guessed.
 */
import type { Draft, DraftBlock } from "../draft.ts";

/** A word (possibly empty) with one or more runs of U+FFFD inside or around it. */
// Anchored at a word start, so a long run of letters is scanned once, not once per letter.
const WORD_WITH_REPLACEMENT = /(?<![\p{L}\p{M}\p{N}])[\p{L}\p{M}\p{N}]*(?:\uFFFD+[\p{L}\p{M}\p{N}]*)+/gu;
/** A run of U+FFFD with a letter or digit on both sides. */
const INSIDE_WORD = /[\p{L}\p{M}\p{N}]\uFFFD+[\p{L}\p{M}\p{N}]/u;

export function hasReplacementChar(text: string): boolean {
  return text.includes("\uFFFD");
}

/**
 * Removes U+FFFD runs that hang on one side of a word, recording each as a `replacement-char`
 * repair; flags runs between letters and runs standing alone. Returns the number of removals.
 */
export function repairReplacementChars(draft: Draft, block: DraftBlock): number {
  if (!hasReplacementChar(block.text)) return 0;
  return draft.rewrite(block, "replacement-char", new RegExp(WORD_WITH_REPLACEMENT.source, "gu"), (m) => {
    const word = m[0];
    const stripped = word.replace(/\uFFFD+/gu, "");
    if (INSIDE_WORD.test(word)) {
      draft.flag(context(m), "replacement-char", `invalid bytes inside "${word}": a letter may be missing`);
      return null;
    }
    const before = m.input[m.index - 1];
    const after = m.input[m.index + word.length];
    const alone = (before === undefined || /\s/u.test(before)) && (after === undefined || /\s/u.test(after));
    if (stripped === "" && alone) {
      draft.flag(context(m), "replacement-char", "invalid bytes between words: a dash, quote or word may be missing");
      return null;
    }
    return stripped;
  });
}

function context(m: RegExpExecArray): string {
  const from = Math.max(0, m.index - 30);
  return m.input.slice(from, m.index + m[0].length + 30).trim();
}
