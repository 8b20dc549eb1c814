/**
 * The default news pipeline: what `tidings run` does without a pipeline name.
 * Article stages clean each record on its own; corpus stages (templates, dedupe) see the whole run.
 */
import { type PipelineParams, definePipeline } from "../src/pipeline.ts";
import { boilerplate } from "../src/stages/boilerplate.ts";
import { dedupe } from "../src/stages/dedupe.ts";
import { extract } from "../src/stages/extract.ts";
import { quality } from "../src/stages/quality.ts";
import { repeats } from "../src/stages/repeats.ts";
import { segment } from "../src/stages/segment.ts";
import { templates } from "../src/stages/templates.ts";

export default function news(_params: PipelineParams = { gazetteer: [], stateDir: null }) {
  return definePipeline({
    name: "news",
    description: "Scraped news: extract or segment, strip boilerplate, repair, check, deduplicate.",
    stages: [extract(), segment(), boilerplate(), repeats(), quality(), templates(), dedupe()],
  });
}
