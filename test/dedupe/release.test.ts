/**
 * Once every draft is decided, a run without --state has no further use for the dedupe table: the
 * stage lets it go (the passes after it do not carry ~150 bytes an article) and still reports the
 * same summary. With --state the table stays, for the index written when the run commits.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.ts";
import { type CorpusStage, type StageContext, refOf } from "../../src/stage.ts";
import { dedupe } from "../../src/stages/dedupe.ts";
import { article, nearCopy, rng } from "../support/corpus.ts";
import { draftOf } from "./fixtures.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function corpus() {
  const r = rng(31);
  const originals = Array.from({ length: 12 }, (_, i) => article(r, `o${i}`, false));
  const copies = originals.slice(0, 4).map((a, i) => nearCopy(r, a, `c${i}`));
  return [...originals, ...copies].map((a, i) => draftOf(a.id, a.text, {}, "corpus.jsonl", i));
}

async function decideAll(stateDir: string | null) {
  const stage = dedupe() as CorpusStage;
  const tempDir = mkdtempSync(join(tmpdir(), "tidings-release-"));
  dirs.push(tempDir);
  const ctx: StageContext<never> = { options: stage.options as never, log: silentLogger, stateDir, tempDir };
  const state = (await stage.createState(ctx)) as { table: { count: number } };
  const drafts = corpus();
  for (const d of drafts) await stage.observe(d, state, ctx);
  await stage.finish(state, ctx);
  const decisions = drafts.map((d) => stage.decided?.decide(refOf(d), state, ctx));
  const before = stage.describe(state);
  const rows = state.table.count;
  stage.applied(state, ctx);
  return { stage, state, ctx, decisions, before, rows };
}

describe("dedupe after every draft is decided", () => {
  it("lets its table go without --state, and describes the run as before", async () => {
    const { stage, state, ctx, decisions, before, rows } = await decideAll(null);
    expect(decisions.filter((d) => typeof d === "object" && d !== null && "duplicateOf" in d).length).toBeGreaterThan(0);
    expect(rows).toBe(16);
    expect(state.table.count).toBe(0);
    expect(stage.describe(state)).toEqual(before);
    await stage.close(state, ctx, { committed: true });
    expect(stage.describe(state)).toEqual(before);
  });

  it("keeps its table with --state, for the index it writes at the end", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidings-release-state-"));
    dirs.push(stateDir);
    const { stage, state, ctx, rows } = await decideAll(stateDir);
    expect(state.table.count).toBe(rows);
    await stage.close(state, ctx, { committed: true });
    const described = stage.describe(state) as { index: { committed: boolean; appendedRecords: number } };
    expect(described.index.committed).toBe(true);
    expect(described.index.appendedRecords).toBeGreaterThan(0);
  });
});
