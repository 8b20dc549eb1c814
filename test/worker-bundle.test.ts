/**
 * Worker threads load their code as one bundle built at the start of a run (src/worker-bundle.ts).
 * The bundle must behave as the modules do: a pipeline outside the project, with a stage that reads
 * a file beside its own module, gives the same outputs on bundled workers as in one thread; a module
 * that the bundle cannot hold the same (one that hands `import.meta` on, whose `url` would then be the
 * bundle's, or imports a module by a path computed at run time) makes the run start its workers from
 * the modules instead, with the same outputs.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loadPipeline } from "../src/cli.ts";
import { run } from "../src/run.ts";
import { bundleWorker, defaultBundleCache, workerBundle } from "../src/worker-bundle.ts";
import { jsonlCorpus } from "./support/corpus.ts";
import { useTempDirs } from "./support/temp-dirs.ts";

const tempDir = useTempDirs("tidings-bundle-");
const SRC = (file: string) => JSON.stringify(fileURLToPath(new URL(`../src/${file}`, import.meta.url)));
const NEWS = JSON.stringify(fileURLToPath(new URL("../pipelines/news.ts", import.meta.url)));
const OUTPUTS = ["articles.jsonl", "duplicates.jsonl", "rejected.jsonl"];

/**
 * A user's pipeline in a folder of its own: the news pipeline plus a stage that rejects the articles
 * whose ids are listed in `held.txt` beside the module (read through import.meta.url).
 */
function pipelineSource(extra = ""): string {
  return `
import { readFileSync } from "node:fs";
import { extendPipeline } from ${SRC("pipeline.ts")};
import { defineStage } from ${SRC("stage.ts")};
import news from ${NEWS};
${extra}
const held = new Set(readFileSync(new URL("./held.txt", import.meta.url), "utf8").split("\\n").filter(Boolean));
const hold = defineStage({
  name: "hold",
  description: "Rejects the articles listed in held.txt.",
  run(draft) {
    if (held.has(draft.id)) draft.reject("held", "listed in held.txt");
  },
});
export default (params) => extendPipeline(news(params), { name: "held", after: "segment", stages: [hold] });
`;
}

async function setUp(source: string): Promise<{ dir: string; module: string; input: string; held: string[] }> {
  const dir = await tempDir();
  const module = join(dir, "held-pipeline.ts");
  await writeFile(module, source);
  const input = join(dir, "dump.jsonl");
  const lines = [...jsonlCorpus(300, 5, 0.05)];
  await writeFile(input, `${lines.join("\n")}\n`);
  const held = lines.filter((_, i) => i % 37 === 3).map((line) => (JSON.parse(line) as { id: string }).id);
  await writeFile(join(dir, "held.txt"), held.join("\n"));
  return { dir, module, input, held };
}

/**
 * Runs the pipeline with `workers` (from the first draft unless `when` says otherwise) and returns
 * its outputs and debug logs.
 */
async function runWith(
  setup: { dir: string; module: string; input: string },
  workers: number,
  when: { workersAfter?: number; workersAfterMs?: number; workersAfterBytes?: number } = { workersAfter: 0 },
) {
  const params = { gazetteer: [], stateDir: null };
  const pipeline = await loadPipeline(setup.module, params);
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const out = join(setup.dir, `out-${workers}`);
  await run({ pipeline, pipelineRef: { module: setup.module, params }, workers, ...when, inputs: [setup.input], out, log });
  const outputs = await Promise.all(OUTPUTS.map((f) => readFile(join(out, f), "utf8")));
  const stopped = logs.findIndex((entry) => String(entry.msg).startsWith("worker threads stopped"));
  const lastPass = logs.findLastIndex((entry) => entry.msg === "pass done");
  return { outputs, ready: logs.find((entry) => entry.msg === "worker threads ready"), stoppedBeforeLastPass: stopped >= 0 && stopped < lastPass, logs };
}

describe("the workers' bundle", () => {
  it("holds every package as the absolute file Node loads, and every module's own place", async () => {
    const setup = await setUp(pipelineSource());
    const outfile = join(setup.dir, "worker.mjs");
    const built = await bundleWorker(setup.module, outfile);
    expect(built).toEqual({ url: pathToFileURL(outfile).href });
    const code = await readFile(outfile, "utf8");
    const specifiers = [...code.matchAll(/^import\s[^;]*?from\s*"([^"]+)"/gm)].map((m) => m[1] as string);
    expect(specifiers.length).toBeGreaterThan(3);
    for (const specifier of specifiers) expect(specifier).toMatch(/^(?:node:|file:\/\/)/);
    // the pipeline's own module and a stage's rule table are read from where they are, not from the bundle
    expect(code).toContain(JSON.stringify(pathToFileURL(setup.module).href));
    expect(code).toContain(JSON.stringify(pathToFileURL(fileURLToPath(new URL("../src/stages/boilerplate.ts", import.meta.url))).href));
    expect(code).not.toMatch(/import\.meta/);
  });

  it("runs a pipeline from another folder with the same outputs as one thread", async () => {
    const setup = await setUp(pipelineSource());
    const here = await runWith(setup, 0);
    const bundled = await runWith(setup, 2);
    expect(bundled.ready).toMatchObject({ bundled: true, workers: 2 });
    expect(bundled.outputs).toEqual(here.outputs);
    // the last pass has no work for workers: they are stopped before it, so that their memory is not held
    expect(bundled.stoppedBeforeLastPass).toBe(true);
    // the stage read its file beside its module on the workers too
    const rejected = (bundled.outputs[2] as string).trim().split("\n").filter(Boolean);
    expect(rejected.filter((line) => line.includes('"held"'))).toHaveLength(setup.held.length);
  }, 120_000);

  it("is not built for a module that hands import.meta on, or imports by a computed path: the workers load the modules", async () => {
    const setup = await setUp(pipelineSource(`const meta = import.meta;\nconst folder = new URL(".", meta.url);\nvoid folder;`));
    const built = await bundleWorker(setup.module, join(setup.dir, "worker.mjs"));
    expect(built).toHaveProperty("reason");
    // nor for one that imports a module by a path computed at run time (it would be resolved from
    // the bundle's folder); an import of a literal path is bundled
    const computed = await setUp(pipelineSource(`const helper = "./held-helper.ts";\nexport const loaded = () => import(helper);`));
    expect(await bundleWorker(computed.module, join(computed.dir, "worker.mjs"))).toHaveProperty("reason");
    const literal = await setUp(pipelineSource(`export const loaded = () => import("node:os");`));
    expect(await bundleWorker(literal.module, join(literal.dir, "worker.mjs"))).toHaveProperty("url");
    const here = await runWith(setup, 0);
    const loaded = await runWith(setup, 2);
    expect(loaded.ready).toMatchObject({ bundled: false, workers: 2 });
    expect(loaded.outputs).toEqual(here.outputs);
  }, 120_000);
});

describe("a bundle kept between runs", () => {
  /** A pipeline that imports a package of its own (in the folder's node_modules). */
  async function withPackage(): Promise<{ dir: string; module: string; packageFile: string }> {
    const setup = await setUp(pipelineSource(`import { mark } from "tidings-test-package";\nexport const marked = mark;`));
    const pkg = join(setup.dir, "node_modules", "tidings-test-package");
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, "package.json"), JSON.stringify({ name: "tidings-test-package", version: "1.0.0", main: "index.js" }));
    const packageFile = join(pkg, "index.js");
    await writeFile(packageFile, "exports.mark = 1;\n");
    return { ...setup, packageFile };
  }

  it("is used again while its modules' text and its packages' files are as they were, and built again when one changes", async () => {
    const setup = await withPackage();
    const cache = join(setup.dir, "cache");
    const outfile = (n: number) => join(setup.dir, `worker-${n}.mjs`);
    const first = await workerBundle(setup.module, outfile(1), cache);
    expect(first).toEqual({ url: pathToFileURL(outfile(1)).href, kept: false });
    const second = await workerBundle(setup.module, outfile(2), cache);
    expect(second).toEqual({ url: pathToFileURL(outfile(2)).href, kept: true });
    expect(await readFile(outfile(2), "utf8")).toBe(await readFile(outfile(1), "utf8"));

    // the pipeline module's text changes: built again, with the new text
    await writeFile(setup.module, pipelineSource(`import { mark } from "tidings-test-package";\nexport const marked = mark + 41;`));
    expect(await workerBundle(setup.module, outfile(3), cache)).toMatchObject({ kept: false });
    expect(await readFile(outfile(3), "utf8")).toContain("mark + 41");
    expect(await workerBundle(setup.module, outfile(4), cache)).toMatchObject({ kept: true });

    // a package file the bundle imports is rewritten (as an install does): built again
    await utimes(setup.packageFile, new Date(), new Date(Date.now() + 5000));
    expect(await workerBundle(setup.module, outfile(5), cache)).toMatchObject({ kept: false });
    expect(await workerBundle(setup.module, outfile(6), cache)).toMatchObject({ kept: true });
    // one bundle is kept for the module: the one built before it is removed
    expect((await readdir(cache)).filter((f) => f.endsWith(".mjs"))).toHaveLength(1);

    // a module that is gone: its bundle goes when another is kept; and so does a bundle no manifest
    // names (two runs built one module at once) once it is an hour old, not before
    const other = await withPackage();
    await rm(setup.module);
    const orphan = (n: number) => join(cache, `worker-${String(n).repeat(24)}.mjs`);
    await writeFile(orphan(1), "");
    await utimes(orphan(1), new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    await writeFile(orphan(2), "");
    await workerBundle(other.module, join(other.dir, "w.mjs"), cache);
    expect(existsSync(orphan(1))).toBe(false);
    expect(existsSync(orphan(2))).toBe(true);
    await rm(orphan(2));
    const left = await readdir(cache);
    expect(left.filter((f) => f.endsWith(".mjs"))).toHaveLength(1);
    expect(left.filter((f) => f.endsWith(".json"))).toHaveLength(1);
    expect(await workerBundle(other.module, join(other.dir, "w2.mjs"), cache)).toMatchObject({ kept: true });
  }, 60_000);

  it("is built as ever when the cache cannot be read or written", async () => {
    const setup = await withPackage();
    // a cache "folder" that is a file: nothing can be kept in it
    const blocked = join(setup.dir, "not-a-folder");
    await writeFile(blocked, "");
    for (let n = 0; n < 2; n++) expect(await workerBundle(setup.module, join(setup.dir, `w${n}.mjs`), blocked)).toMatchObject({ kept: false });
    // a manifest that is not JSON, or names a bundle that is gone: built again (and kept again)
    const cache = join(setup.dir, "cache");
    await workerBundle(setup.module, join(setup.dir, "a.mjs"), cache);
    const manifest = (await readdir(cache)).find((f) => f.endsWith(".json")) as string;
    await writeFile(join(cache, manifest), "{not json");
    expect(await workerBundle(setup.module, join(setup.dir, "b.mjs"), cache)).toMatchObject({ kept: false });
    const bundle = (await readdir(cache)).find((f) => f.endsWith(".mjs")) as string;
    await rm(join(cache, bundle));
    expect(await workerBundle(setup.module, join(setup.dir, "c.mjs"), cache)).toMatchObject({ kept: false });
    expect(await workerBundle(setup.module, join(setup.dir, "d.mjs"), cache)).toMatchObject({ kept: true });
    // none at all: built every time
    expect(await workerBundle(setup.module, join(setup.dir, "e.mjs"), null)).toMatchObject({ kept: false });
  }, 60_000);

  it("is not kept for a module the bundle cannot hold", async () => {
    const setup = await setUp(pipelineSource(`const meta = import.meta;\nvoid meta;`));
    const cache = join(setup.dir, "cache");
    expect(await workerBundle(setup.module, join(setup.dir, "w.mjs"), cache)).toHaveProperty("reason");
    expect(await workerBundle(setup.module, join(setup.dir, "w.mjs"), cache)).toHaveProperty("reason");
  }, 60_000);

  it("lives where TIDINGS_CACHE_DIR says, else in the user's cache folder", () => {
    expect(defaultBundleCache({ TIDINGS_CACHE_DIR: "/srv/cache/tidings" })).toBe("/srv/cache/tidings");
    expect(defaultBundleCache({ TIDINGS_CACHE_DIR: "" })).toBeNull();
    expect(defaultBundleCache({ XDG_CACHE_HOME: "/home/u/.xdg-cache" })).toBe("/home/u/.xdg-cache/tidings");
    // a relative XDG_CACHE_HOME is not a cache folder (the XDG rule): the home's .cache is used
    expect(defaultBundleCache({ XDG_CACHE_HOME: "relative" })).toMatch(/\/\.cache\/tidings$/);
  });
});

describe("when workers start", () => {
  it("at once for an input that holds workersAfterBytes, however few its records", async () => {
    const setup = await setUp(pipelineSource());
    const never = { workersAfter: 1e9, workersAfterMs: 1e9 };
    const small = await runWith(setup, 2, { ...never, workersAfterBytes: 1e12 });
    expect(small.ready, "an input under the size starts no workers before the other thresholds").toBeUndefined();
    const big = await runWith(setup, 2, { ...never, workersAfterBytes: 1000 });
    expect(big.ready).toMatchObject({ bundled: true, workers: 2 });
    expect(big.outputs).toEqual(small.outputs);
  }, 120_000);
});

describe("a worker between passes", () => {
  it("collects its garbage in full when asked", async () => {
    // (the runner asks before each corpus stage's finish; the collector is not callable in a worker
    // unless the worker makes it so, which this holds to working)
    const pool = new Piscina({
      filename: new URL("../src/worker.ts", import.meta.url).href,
      execArgv: ["--import", import.meta.resolve("tsx")],
      minThreads: 1,
      maxThreads: 1,
      workerData: { pipeline: { module: fileURLToPath(new URL("../pipelines/news.ts", import.meta.url)), params: { gazetteer: [], stateDir: null } }, clocks: new SharedArrayBuffer(8), positions: new SharedArrayBuffer(8) },
    });
    try {
      const collected = (await pool.run({ pass: -2, drafts: [], decisions: [], slot: 0 })) as { heapBefore: number; heapAfter: number };
      // a fresh worker holds the garbage of loading its modules: a full collection frees some of it
      expect(collected.heapBefore).toBeGreaterThan(0);
      expect(collected.heapAfter).toBeLessThan(collected.heapBefore);
    } finally {
      await pool.destroy();
    }
  }, 60_000);
});
