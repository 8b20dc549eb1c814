/**
 * Parallel and crash-safe: the outputs are byte-identical with 0, 1 or 2 worker threads, and a run
 * killed with SIGKILL then resumed with --resume writes exactly what an uninterrupted run writes.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPipeline } from "../src/cli.ts";
import { run } from "../src/run.ts";
import { jsonlCorpus } from "./support/corpus.ts";

const NEWS = new URL("../pipelines/news.ts", import.meta.url).pathname;
const BIN = new URL("../bin/tidings.js", import.meta.url).pathname;
const OUTPUTS = ["articles.jsonl", "duplicates.jsonl", "rejected.jsonl"];
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tidings-par-"));
  await writeFile(join(dir, "small.jsonl"), `${[...jsonlCorpus(400, 7, 0.1)].join("\n")}\n`);
  await writeFile(join(dir, "big.jsonl"), `${[...jsonlCorpus(1500, 11, 0.05)].join("\n")}\n`);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function outputs(out: string): Promise<string[]> {
  return Promise.all(OUTPUTS.map((f) => readFile(join(out, f), "utf8")));
}

describe("worker threads", () => {
  it("give byte-identical outputs with 0, 1 and 2 workers", async () => {
    const params = { gazetteer: [], stateDir: null };
    const pipeline = await loadPipeline(NEWS, params);
    const results: string[][] = [];
    for (const workers of [0, 1, 2]) {
      const out = join(dir, `w${workers}`);
      const stats = await run({ pipeline, pipelineRef: { module: NEWS, params }, workers, workersAfter: 0, inputs: [join(dir, "small.jsonl")], out });
      expect(stats.counts.inputs).toBe(400);
      results.push(await outputs(out));
    }
    expect(results[0]?.[0]?.split("\n").length).toBeGreaterThan(300);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  }, 300_000);
});

describe("the command run from another folder", () => {
  it("starts its worker threads (their loader is found from the project, not the working folder)", async () => {
    // 400 records: past the 256 a run handles before it starts workers
    const cwd = await mkdtemp(join(tmpdir(), "tidings-elsewhere-"));
    try {
      const child = spawn(process.execPath, [BIN, "run", "--in", join(dir, "small.jsonl"), "--out", "clean", "-c", "2", "--no-report"], {
        cwd,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, TIDINGS_LOG_LEVEL: "warn" },
      });
      let stderr = "";
      child.stderr?.on("data", (d) => {
        stderr += d;
      });
      expect(await finish(child), stderr).toBe(0);
      const params = { gazetteer: [], stateDir: null };
      const reference = join(dir, "elsewhere-w0");
      await run({ pipeline: await loadPipeline(NEWS, params), workers: 0, inputs: [join(dir, "small.jsonl")], out: reference });
      expect(await outputs(join(cwd, "clean"))).toEqual(await outputs(reference));
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});

function tidings(args: string[]) {
  return spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TIDINGS_LOG_LEVEL: "warn" } });
}

async function finish(child: ReturnType<typeof tidings>): Promise<number | null> {
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

describe("resume after SIGKILL", () => {
  it("finishes the job with nothing lost and nothing twice", async () => {
    const input = join(dir, "big.jsonl");
    const whole = join(dir, "whole");
    expect(await finish(tidings(["run", "--in", input, "--out", whole, "--concurrency", "0", "--no-report"]))).toBe(0);

    const killed = join(dir, "killed");
    const child = tidings(["run", "--in", input, "--out", killed, "--concurrency", "0", "--no-report", "--checkpoint-every", "250"]);
    const checkpoint = join(killed, ".tidings-tmp", "checkpoint.json");
    const started = Date.now();
    while (!existsSync(checkpoint) && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(checkpoint), "the run wrote a checkpoint").toBe(true);
    child.kill("SIGKILL");
    await finish(child);
    expect(existsSync(join(killed, "articles.jsonl")), "a killed run commits no output").toBe(false);

    const resumed = tidings(["run", "--in", input, "--out", killed, "--concurrency", "0", "--no-report", "--checkpoint-every", "250", "--resume"]);
    expect(await finish(resumed)).toBe(0);
    expect(await outputs(killed)).toEqual(await outputs(whole));
    const a = JSON.parse(await readFile(join(whole, "run.json"), "utf8"));
    const b = JSON.parse(await readFile(join(killed, "run.json"), "utf8"));
    expect(b.counts).toEqual(a.counts);
    expect(b.counts.inputs).toBe(1500);
  }, 300_000);
});
