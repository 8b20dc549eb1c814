/**
 * The `tidings` command. Results go to stdout, diagnostics (pino logs, progress) to stderr.
 *
 * Exit codes: 0 the command did its job (a run that rejected some records still succeeded: see
 * rejected.jsonl); 1 the command failed while working (an output folder that cannot be written, a
 * stage that cannot start); 2 the command line or a file it names is wrong (missing input, unknown
 * pipeline, invalid gazetteer): nothing was done.
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { articleJsonSchema } from "./article.ts";
import { createLogger } from "./log.ts";
import { type Pipeline, type PipelineModule, type PipelineParams, resolvePipeline } from "./pipeline.ts";
import { type RunProgress, run } from "./run.ts";
import { TIDINGS_VERSION } from "./sinks/stats.ts";
import { ProgressLine } from "./progress.ts";

const PACKAGE_ROOT = new URL("..", import.meta.url);

/** An error in what the user asked for: exit code 2 and a message that says what to change. */
export class UsageError extends Error {}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number (0 or more)");
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a number above 0");
  return n;
}

/** Finds a pipeline module by name (under pipelines/) or by path. */
export function findPipelineModule(nameOrPath: string): string {
  const candidates = /[/\\]|\.[cm]?[jt]s$/.test(nameOrPath)
    ? [resolve(nameOrPath)]
    : [".ts", ".js"].map((ext) => new URL(`pipelines/${nameOrPath}${ext}`, PACKAGE_ROOT).pathname);
  const file = candidates.find((c) => existsSync(c));
  if (!file) {
    throw new UsageError(`no pipeline "${nameOrPath}": looked for ${candidates.join(", ")}. Give a name under pipelines/ or a path to a module.`);
  }
  return file;
}

/** Finds a pipeline by name (a module under pipelines/) or by path, and builds it. */
export async function loadPipeline(nameOrPath: string, params: PipelineParams): Promise<Pipeline> {
  const file = findPipelineModule(nameOrPath);
  const mod = (await import(pathToFileURL(file).href)) as { default?: PipelineModule };
  if (!mod.default) throw new UsageError(`pipeline module ${file} has no default export (export default definePipeline(...) or a function returning one)`);
  return resolvePipeline(mod.default, params);
}

async function loadGazetteerFile(path: string | undefined) {
  if (!path) return [];
  if (!existsSync(path)) throw new UsageError(`--names: no such file: ${path}`);
  const { loadGazetteer } = await import("./repair/gazetteer.ts");
  try {
    return await loadGazetteer(path);
  } catch (error) {
    throw new UsageError(`--names ${path}: ${(error as Error).message}`);
  }
}

interface RunFlags {
  in: string[];
  out: string;
  names?: string;
  state?: string;
  concurrency?: number;
  resume: boolean;
  checkpointEvery: number;
  reportMax: number;
  timeout: number;
  report: boolean;
  progress: boolean;
  logLevel?: string;
}

async function runCommand(pipelineName: string | undefined, flags: RunFlags): Promise<void> {
  const log = createLogger({ level: flags.logLevel });
  for (const input of flags.in) {
    if (!existsSync(input)) throw new UsageError(`--in: no such file or folder: ${input}`);
  }
  if (existsSync(flags.out) && !statSync(flags.out).isDirectory()) {
    throw new UsageError(`--out ${flags.out} is a file: give a folder (it is created if missing)`);
  }
  const gazetteer = await loadGazetteerFile(flags.names);
  const stateDir = flags.state ? resolve(flags.state) : null;
  const params = { gazetteer, stateDir };
  const module = findPipelineModule(pipelineName ?? "news");
  const pipeline = await loadPipeline(module, params);
  const progress = flags.progress && process.stderr.isTTY ? new ProgressLine(process.stderr) : null;
  log.info({ pipeline: pipeline.name, inputs: flags.in, out: flags.out }, "run started");
  const stats = await run({
    pipeline,
    inputs: flags.in,
    out: flags.out,
    pipelineRef: { module, params },
    workers: flags.concurrency,
    articleTimeoutMs: flags.timeout * 1000,
    resume: flags.resume,
    checkpointEvery: flags.checkpointEvery,
    stateDir,
    log,
    onProgress: progress ? (p: RunProgress) => progress.update(p) : undefined,
  });
  progress?.done();
  let reportNote = "";
  if (flags.report && stats.counts.articles > flags.reportMax) {
    // The report holds an index row of every article while it is built (~2 KB each): past this many
    // it would need more memory than the run itself. It can still be written on purpose.
    log.warn({ articles: stats.counts.articles, max: flags.reportMax }, `report.html not written: too many articles; \`tidings report ${flags.out}\` writes it`);
    reportNote = ", report skipped: too many articles";
  } else if (flags.report) {
    const { writeReport } = await import("./report/index.ts");
    const written = await writeReport(flags.out);
    reportNote = `, report ${written.path}`;
  }
  const c = stats.counts;
  process.stdout.write(
    `tidings: ${c.inputs} inputs -> ${c.articles} articles, ${c.duplicates} duplicates, ${c.rejected} rejected in ${(stats.ms / 1000).toFixed(1)} s (${flags.out}/articles.jsonl${reportNote})\n`,
  );
}

/** Past this many articles a run does not write report.html by itself (see above). */
export const REPORT_MAX_ARTICLES = 250_000;

export function buildProgram(): Command {
  const program = new Command();
  // Set before the commands are added, so that they inherit it: errors come back to main().
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .name("tidings")
    .description("Clean scraped news: read raw dumps, strip boilerplate, repair names and text, remove duplicates, write typed records.")
    .version(TIDINGS_VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      `
Exit codes: 0 done (rejected records are listed in rejected.jsonl), 1 failed while working,
2 wrong command line or input file (nothing was done).

Examples:
  tidings run --in raw --out clean
  tidings run --in dumps/2024-05-01 --out clean --names pipelines/gazetteers/news.yaml --state .tidings-state
  tidings run my-pipeline --in raw --out clean       (pipelines/my-pipeline.ts)
  tidings schema > article.schema.json`,
    );

  program
    .command("run")
    .description("Clean raw dumps into article records.")
    .argument("[pipeline]", "a module under pipelines/ (or a path to one); default: news")
    .requiredOption("-i, --in <paths...>", "input files or folders (.txt .html .htm .jsonl .ndjson .warc, each maybe .gz)")
    .requiredOption("-o, --out <dir>", "output folder: articles.jsonl, duplicates.jsonl, rejected.jsonl, run.json, report.html")
    .option("-n, --names <file.yaml>", "gazetteer of names: a YAML list of { canonical, aliases: [...] }")
    .option("-s, --state <dir>", "folder for state kept between runs (the duplicate index), so later runs find duplicates of earlier ones")
    .option("-c, --concurrency <n>", "worker threads for the article stages (default: one per core; 0 runs them in the main thread)", wholeNumber)
    .option("--timeout <seconds>", "the longest one article may take in the article stages before it is rejected, stopped mid-stage (with --concurrency 0: as the stage that ran over returns)", positiveNumber, 60)
    .option("--resume", "finish a run that was killed, from its last checkpoint in --out (same pipeline and inputs)", false)
    .option("--checkpoint-every <n>", "records between checkpoints, the most a killed run has to redo", wholeNumber, 2000)
    .option("--no-report", "do not write report.html")
    .option("--report-max <n>", "articles past which report.html is not written (it holds ~2 KB an article while built; `tidings report` writes it anyway)", wholeNumber, REPORT_MAX_ARTICLES)
    .option("--no-progress", "no progress line on a terminal")
    .option("--log-level <level>", "pino log level: fatal, error, warn, info, debug, trace, silent (default: info, or TIDINGS_LOG_LEVEL)")
    .addHelpText(
      "after",
      `
Every input record ends in exactly one of articles.jsonl, duplicates.jsonl or rejected.jsonl;
run.json counts them and times each stage. Logs go to stderr as JSON (pretty on a terminal).`,
    )
    .action(async (pipeline: string | undefined, flags: RunFlags) => runCommand(pipeline, flags));

  program
    .command("schema")
    .description("Print the JSON Schema of an article record (generated from the zod schema).")
    .action(() => {
      process.stdout.write(`${JSON.stringify(articleJsonSchema(), null, 2)}\n`);
    });

  program
    .command("report")
    .description("Write report.html for the outputs of an earlier run.")
    .argument("<out-dir>", "the --out folder of the run")
    .action(async (outDir: string) => {
      if (!existsSync(resolve(outDir, "articles.jsonl"))) throw new UsageError(`${outDir} holds no articles.jsonl: give the --out folder of a run`);
      const { writeReport } = await import("./report/index.ts");
      const written = await writeReport(outDir);
      process.stdout.write(`${written.path}\n`);
    });

  program
    .command("stages")
    .description("List the stages of a pipeline, in order, with their options.")
    .argument("[pipeline]", "a module under pipelines/ (or a path to one); default: news")
    .action(async (name: string | undefined) => {
      const pipeline = await loadPipeline(name ?? "news", { gazetteer: [], stateDir: null });
      for (const stage of pipeline.stages) {
        process.stdout.write(`${stage.name} (${stage.kind}): ${stage.description}\n    options: ${JSON.stringify(stage.options)}\n`);
      }
    });

  const names = program.command("names").description("Work with names across a run.");
  names
    .command("suggest")
    .description("Print candidate gazetteer aliases found in a run's articles, with their evidence, as YAML to review and append.")
    .requiredOption("-o, --out <dir>", "the --out folder of the run")
    .action(async (flags: { out: string }) => {
      const path = resolve(flags.out, "articles.jsonl");
      if (!existsSync(path)) throw new UsageError(`${flags.out} holds no articles.jsonl: give the --out folder of a run`);
      const { namesSuggest } = await import("./commands/names-suggest.ts");
      process.stdout.write(await namesSuggest(path));
    });

  return program;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // `tidings stages | head`: a reader that stops early is not an error
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0 || error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
      return 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`tidings: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`tidings: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
