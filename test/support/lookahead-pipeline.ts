/**
 * A pipeline for the lookahead test: two corpus stages in a row, both written with the split hooks.
 * `trim-marked` removes the last paragraph of the articles whose id ends in 3, and decides from each
 * draft's own features (it asks for them); `count-words` flags every article with its word count as
 * its features saw it. The runner computes count-words' features in the first pass and hands them on
 * for the drafts that trim-marked leaves alone; the others must be counted again, after the trim.
 *
 * Calls to each features hook are counted per thread, for the test to read on 0 workers.
 */
import { definePipeline, type PipelineParams } from "../../src/pipeline.ts";
import { defineCorpusStage, refKey } from "../../src/stage.ts";
import { segment } from "../../src/stages/segment.ts";
import { wordCount } from "../../src/text/measure.ts";

export const calls = { trim: 0, count: 0, decideWithFeatures: 0, decideWithout: 0, applied: 0, decidedBeforeApplied: 0 };

interface TrimFeatures {
  marked: boolean;
  paragraphs: number;
}

export const trimMarked = defineCorpusStage({
  name: "trim-marked",
  description: "Removes the last paragraph of articles whose id ends in 3.",
  createState: () => ({ marked: new Set<string>() }),
  features(draft): TrimFeatures {
    calls.trim++;
    return { marked: draft.id.endsWith("3"), paragraphs: draft.live().length };
  },
  collect(f: TrimFeatures, ref, state) {
    if (f.marked && f.paragraphs > 1) state.marked.add(refKey(ref));
  },
  decideSeesFeatures: true,
  decide(ref, state, _ctx, features) {
    if (features) calls.decideWithFeatures++;
    else calls.decideWithout++;
    // with its features, a draft that is not marked is known to need nothing
    if (features && !features.marked) return undefined;
    return state.marked.has(refKey(ref)) ? true : undefined;
  },
  // every draft is decided by now: the state can go
  applied(state) {
    calls.applied++;
    calls.decidedBeforeApplied = calls.decideWithFeatures + calls.decideWithout;
    state.marked.clear();
  },
  applyDecision(draft) {
    const last = draft.live().at(-1);
    if (last) draft.remove(last, "trim-marked", "test");
  },
});

export const countWords = defineCorpusStage({
  name: "count-words",
  description: "Flags each article with its word count as observed.",
  createState: () => ({ words: new Map<string, number>() }),
  features(draft) {
    calls.count++;
    return { words: wordCount(draft.text()) };
  },
  collect(f: { words: number }, ref, state) {
    state.words.set(refKey(ref), f.words);
  },
  decide: (ref, state) => state.words.get(refKey(ref)),
  applyDecision(draft, words: number) {
    draft.flag(`words ${words}`, "observed-words", "word count as observed");
  },
});

/**
 * Like trim-marked, but for most drafts (ids not ending in 7), and, when `hinted`, saying as it
 * collects which drafts it will likely trim (`likelyDecides`): the runner then stops computing
 * count-words' features in the first pass, where most would be thrown away.
 */
function trimMost(hinted: boolean) {
  const marked = (id: string) => !id.endsWith("7");
  return defineCorpusStage({
    name: "trim-most",
    description: "Removes the last paragraph of articles whose id does not end in 7.",
    createState: () => ({ marked: new Set<string>() }),
    features(draft): TrimFeatures {
      calls.trim++;
      return { marked: marked(draft.id), paragraphs: draft.live().length };
    },
    collect(f: TrimFeatures, ref, state) {
      if (f.marked && f.paragraphs > 1) state.marked.add(refKey(ref));
    },
    ...(hinted ? { likelyDecides: (f: TrimFeatures) => f.marked && f.paragraphs > 1 } : {}),
    decideSeesFeatures: true,
    decide: (ref, state, _ctx, features) => (features && !features.marked ? undefined : state.marked.has(refKey(ref)) ? true : undefined),
    applyDecision(draft) {
      const last = draft.live().at(-1);
      if (last) draft.remove(last, "trim-marked", "test");
    },
  });
}

export const mostTrimmed = (hinted: boolean) =>
  definePipeline({ name: "most-trimmed", description: "a corpus stage that changes most drafts, then another", stages: [segment(), trimMost(hinted)(), countWords()] });

export default (_params?: PipelineParams) =>
  definePipeline({ name: "lookahead", description: "two corpus stages in a row", stages: [segment(), trimMarked(), countWords()] });
