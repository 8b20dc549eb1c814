/**
 * An example of a custom pipeline: the news pipeline plus one stage of our own. Copy this file,
 * change the stage, and run it with `tidings run custom-example --in raw --out clean`.
 *
 * The stage below removes the time stamps that live blogs print between updates ("Updated 14:05
 * GMT", "Last updated: 9.32am"): a stage is a name, an options schema with defaults, and a function
 * of a draft. It changes the draft only through its methods, so each removal lands in provenance.
 */
import { z } from "zod";
import { type PipelineParams, extendPipeline } from "../src/pipeline.ts";
import { defineStage } from "../src/stage.ts";
import news from "./news.ts";

export const dropTimestamps = defineStage({
  name: "drop-timestamps",
  description: "Removes live-blog time stamp lines such as 'Updated 14:05 GMT'.",
  options: z.object({
    /** Words that may stand before the time. */
    prefixes: z.array(z.string()).default(["updated", "last updated", "posted", "published"]),
  }),
  run(draft, ctx) {
    const prefix = ctx.options.prefixes.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
    const stamp = new RegExp(`^(?:(?:${prefix})\\s*:?\\s*)?\\d{1,2}[:.]\\d{2}\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)?\\s*(?:gmt|utc|bst|cet|et|pt)?$`, "i");
    for (const block of draft.live()) {
      if (stamp.test(block.text)) draft.remove(block, "live-blog-timestamp", "timestamp");
    }
  },
});

export default function customExample(params: PipelineParams) {
  return extendPipeline(news(params), {
    name: "custom-example",
    description: "The news pipeline, with live-blog time stamps removed after the boilerplate stage.",
    after: "boilerplate",
    stages: [dropTimestamps()],
  });
}
