/**
 * The default news pipeline: what `tidings run` does without a pipeline name.
 * Article stages clean each record on its own; corpus stages (templates, names-corpus, dedupe,
 * stories) see the whole run. `tidings stages` lists them with their options.
 */
import { type PipelineParams, definePipeline } from "../src/pipeline.ts";
import { boilerplate } from "../src/stages/boilerplate.ts";
import { dedupe } from "../src/stages/dedupe.ts";
import { extract } from "../src/stages/extract.ts";
import { mainText } from "../src/stages/main-text.ts";
import { names } from "../src/stages/names.ts";
import { namesCorpus } from "../src/stages/names-corpus.ts";
import { quality } from "../src/stages/quality.ts";
import { repairText } from "../src/stages/repair-text.ts";
import { repeats } from "../src/stages/repeats.ts";
import { segment } from "../src/stages/segment.ts";
import { stories } from "../src/stages/stories.ts";
import { templates } from "../src/stages/templates.ts";

export default function news(params: PipelineParams = { gazetteer: [], stateDir: null }) {
  return definePipeline({
    name: "news",
    description: "Scraped news: extract or segment, strip boilerplate, repair text and names, check, deduplicate, group stories.",
    stages: [
      extract(),
      segment(),
      boilerplate(),
      mainText(),
      repeats(),
      repairText(),
      names({ gazetteer: params.gazetteer }),
      quality(),
      templates(),
      namesCorpus({ gazetteer: params.gazetteer }),
      dedupe(),
      stories(),
    ],
  });
}
