/**
 * Incremental runs with --state: a later run finds duplicates of articles emitted by an earlier one
 * without re-reading them, and a run killed with SIGKILL, then simply run again, loses nothing and
 * indexes nothing twice.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPipeline } from "../src/cli.ts";
import { readIndex } from "../src/dedupe/index-store.ts";
import { run } from "../src/run.ts";
import { article, jsonlCorpus, rng } from "./support/corpus.ts";

const BIN = new URL("../bin/tidings.js", import.meta.url).pathname;
let dir = "";
const lines = async (path: string) => (await readFile(path, "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tidings-incr-"));
  await mkdir(join(dir, "day1"));
  await mkdir(join(dir, "day2"));
  const r = rng(99);
  const yesterday = Array.from({ length: 6 }, (_, i) => article(r, `y${i}`, false));
  for (const a of yesterday) await writeFile(join(dir, "day1", `${a.id}.txt`), a.text);
  // Today: two new stories, and yesterday's y2 republished with other junk around it.
  const today = Array.from({ length: 2 }, (_, i) => article(r, `t${i}`, false));
  for (const a of today) await writeFile(join(dir, "day2", `${a.id}.txt`), a.text);
  await writeFile(join(dir, "day2", "republished.txt"), `${(yesterday[2] as { text: string }).text}\n\nShare this article\n\nLeave a Reply`);
  await writeFile(join(dir, "big.jsonl"), `${[...jsonlCorpus(1200, 5, 0.05)].join("\n")}\n`);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("incremental runs (--state)", () => {
  it("finds today's copy of yesterday's article, by the index alone", async () => {
    const state = join(dir, "state");
    const pipeline = await loadPipeline("news", { gazetteer: [], stateDir: state });
    await run({ pipeline, inputs: [join(dir, "day1")], out: join(dir, "out1"), stateDir: state, workers: 0 });
    expect(readIndex(state).records.length).toBe(6);
    const stats = await run({ pipeline, inputs: [join(dir, "day2")], out: join(dir, "out2"), stateDir: state, workers: 0 });
    expect(stats.counts).toMatchObject({ inputs: 3, articles: 2, duplicates: 1 });
    const [dup] = await lines(join(dir, "out2", "duplicates.jsonl"));
    expect(dup.id).toBe("republished");
    expect(dup.duplicateOf).toBe("y2");
    expect(readIndex(state).records.length).toBe(8);
  });

  it("after SIGKILL, running again loses nothing and indexes nothing twice", async () => {
    // a checkpoint every 200 records: the first one shows the run is under way, and is when it is killed
    const tidings = (state: string, out: string) =>
      spawn(process.execPath, [BIN, "run", "--in", join(dir, "big.jsonl"), "--out", out, "--state", state, "--concurrency", "0", "--no-report", "--checkpoint-every", "200"], {
        stdio: "ignore",
        env: { ...process.env, TIDINGS_LOG_LEVEL: "warn" },
      });
    const exit = (child: ReturnType<typeof tidings>) => new Promise<number | null>((resolve) => child.on("exit", resolve));
    const clean = join(dir, "state-clean");
    expect(await exit(tidings(clean, join(dir, "clean")))).toBe(0);

    const state = join(dir, "state-killed");
    const child = tidings(state, join(dir, "killed"));
    const checkpoint = join(dir, "killed", ".tidings-tmp", "checkpoint.json");
    const started = Date.now();
    while (!existsSync(checkpoint) && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    await exit(child);
    expect(existsSync(join(dir, "killed", "articles.jsonl")), "the run was killed before it finished").toBe(false);
    expect(readIndex(state).records.length, "a killed run commits nothing to the index").toBe(0);
    expect(await exit(tidings(state, join(dir, "killed")))).toBe(0);
    for (const f of ["articles.jsonl", "duplicates.jsonl", "rejected.jsonl"]) {
      expect(await readFile(join(dir, "killed", f), "utf8"), f).toBe(await readFile(join(dir, "clean", f), "utf8"));
    }
    expect(readIndex(state).records).toEqual(readIndex(clean).records);
  }, 300_000);
});
