/** Drives a corpus stage through createState, observe, finish, apply and close, as the runner does. */
import type { Draft } from "../../src/draft.ts";
import { silentLogger } from "../../src/log.ts";
import type { CorpusStage, Stage, StageContext } from "../../src/stage.ts";

export interface CorpusRunOptions {
  /** The drafts in the order apply sees them, when it is not the order observe saw. */
  applyOrder?: readonly Draft[];
  /** More context for the stage (a temporary folder, say). */
  extra?: Record<string, unknown>;
}

export async function runCorpusStage(
  stage: Stage,
  drafts: readonly Draft[],
  stateDir: string | null = null,
  options: CorpusRunOptions = {},
): Promise<Record<string, unknown>> {
  if (stage.kind !== "corpus") throw new Error(`${stage.name} is not a corpus stage`);
  const s: CorpusStage = stage;
  const ctx: StageContext<never> = { ...options.extra, options: s.options as never, log: silentLogger, stateDir };
  const st = await s.createState(ctx);
  for (const d of drafts) {
    d.stage = s.name;
    await s.observe(d, st, ctx);
  }
  await s.finish(st, ctx);
  for (const d of options.applyOrder ?? drafts) await s.apply(d, st, ctx);
  await s.close(st, ctx, { committed: true });
  return s.describe(st);
}

/** A deterministic shuffle (mulberry32). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
