/** Small helpers for the repair tests: a draft from paragraphs, and one stage run over it. */
import { Draft, type DraftMeta } from "../../src/draft.ts";
import { runArticleStages } from "../../src/process.ts";
import type { ArticleStage, Stage } from "../../src/stage.ts";

export function draftOf(paragraphs: readonly string[], meta: Partial<DraftMeta> = {}, id = "doc"): Draft {
  const draft = new Draft({ id, source: { path: `${id}.txt`, index: 0 }, raw: { kind: "text", content: paragraphs.join("\n\n") }, meta });
  for (const p of paragraphs) draft.addBlock("paragraph", p);
  return draft;
}

export async function runStages(draft: Draft, stages: readonly Stage[]): Promise<Draft> {
  await runArticleStages(draft, stages as ArticleStage[]);
  return draft;
}

/** Text of the first block after running the stages over `[text, ...context]`. */
export async function repairFirst(stages: readonly Stage[], text: string, context: readonly string[] = []): Promise<{ text: string; draft: Draft }> {
  const draft = await runStages(draftOf([text, ...context]), stages);
  return { text: draft.blocks[0]?.text ?? "", draft };
}
