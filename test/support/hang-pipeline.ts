/**
 * A pipeline for the time-limit test: the news pipeline plus a stage that never returns on an
 * article whose id is "hang" (as a catastrophic regex would).
 */
import { extendPipeline, type PipelineParams } from "../../src/pipeline.ts";
import { defineStage } from "../../src/stage.ts";
import news from "../../pipelines/news.ts";

const hang = defineStage({
  name: "hang",
  description: "Loops forever on the article with id 'hang'.",
  run(draft) {
    if (draft.id !== "hang") return;
    let spins = 0;
    for (;;) spins++;
  },
});

export default (params: PipelineParams) => extendPipeline(news(params), { name: "hang", after: "segment", stages: [hang] });
