/**
 * A pipeline for the split corpus-stage test: the news pipeline plus a corpus stage written with the
 * split hooks, which ranks articles by length (features and applyDecision run wherever the draft is,
 * collect and decide where the state is) and flags each article with its rank.
 */
import { extendPipeline, type PipelineParams } from "../../src/pipeline.ts";
import { defineCorpusStage, refKey } from "../../src/stage.ts";
import { wordCount } from "../../src/text/measure.ts";
import news from "../../pipelines/news.ts";

interface RankState {
  lengths: Map<string, number>;
  rank: Map<string, number>;
}

export const rankByLength = defineCorpusStage({
  name: "rank-by-length",
  description: "Flags every article with its rank by length across the run (longest first).",
  createState: (): RankState => ({ lengths: new Map(), rank: new Map() }),
  features: (draft) => ({ words: wordCount(draft.text()) }),
  collect(features: { words: number }, ref, state) {
    state.lengths.set(refKey(ref), features.words);
  },
  finish(state) {
    const order = [...state.lengths].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
    order.forEach(([key], i) => state.rank.set(key, i + 1));
  },
  decide: (ref, state) => state.rank.get(refKey(ref)),
  applyDecision(draft, rank: number) {
    draft.flag(`rank ${rank}`, "length-rank", "rank by length across the run");
  },
});

export default (params: PipelineParams) => extendPipeline(news(params), { name: "rank", after: "quality", stages: [rankByLength()] });
