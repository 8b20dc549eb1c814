/**
 * Throughput of the JSONL reader against plain `readline` on the same generated file.
 *
 *   node --import tsx test/sources/bench/jsonl-throughput.ts [MiB=200]
 *
 * Writes a JSONL file of realistic article records to the system temp folder (removed afterwards),
 * then reads it several ways, in turn, three rounds, and prints each way's best MiB/s of wall time and
 * of CPU time (steadier when other work shares the machine), and the peak resident memory while it
 * ran (to show that the file is streamed rather than loaded).
 */
import { createReadStream, createWriteStream, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { readInput } from "../../../src/sources/read.ts";

const targetMiB = Number(process.argv[2] ?? 200);
const path = join(tmpdir(), `tidings-bench-${process.pid}.jsonl`);

const WORDS = "the minister said on friday that talks in Tokyo would resume after the summit Zürich São Paulo 東京 naïve café".split(" ");

async function generate(): Promise<void> {
  const out = createWriteStream(path);
  let written = 0;
  let n = 0;
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  while (written < targetMiB * 1048576) {
    const paragraphs: string[] = [];
    const count = 3 + (next() % 8);
    for (let p = 0; p < count; p++) {
      const words: string[] = [];
      const length = 40 + (next() % 80);
      for (let w = 0; w < length; w++) words.push(WORDS[next() % WORDS.length] as string);
      paragraphs.push(`${words.join(" ")}.`);
    }
    const line = `${JSON.stringify({
      id: `a-${n++}`,
      url: `https://news.example/${n}`,
      site: "news.example",
      title: paragraphs[0]?.slice(0, 60),
      publishedAt: "2024-04-10",
      text: paragraphs.join("\n\n"),
    })}\n`;
    written += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function viaReadInput(): Promise<number> {
  let n = 0;
  for await (const item of readInput({ root: path, path: "bench.jsonl", abs: path })) if (item.ok) n++;
  return n;
}

async function viaReadline(parse: boolean): Promise<number> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    if (line === "") continue;
    if (parse) JSON.parse(line);
    n++;
  }
  return n;
}

interface Method {
  label: string;
  run: () => Promise<number>;
  fastest: number;
  /** Least CPU time (user + system) of a round, in ms: steadier than wall time on a busy machine. */
  leastCpu: number;
  count: number;
  peak: number;
}

/** Runs the methods in turn, three rounds, so that a change in machine load hits them all alike. */
async function compare(methods: Method[], mib: number): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const method of methods) {
      let peak = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage.rss());
      }, 20);
      const started = performance.now();
      const cpu = process.cpuUsage();
      method.count = await method.run();
      method.fastest = Math.min(method.fastest, performance.now() - started);
      const used = process.cpuUsage(cpu);
      method.leastCpu = Math.min(method.leastCpu, (used.user + used.system) / 1000);
      clearInterval(sampler);
      method.peak = Math.max(method.peak, peak);
    }
  }
  for (const m of methods) {
    const rate = (mib / (m.fastest / 1000)).toFixed(0).padStart(5);
    const perCpu = (mib / (m.leastCpu / 1000)).toFixed(0).padStart(5);
    console.log(
      `${m.label.padEnd(34)} ${rate} MiB/s wall, ${perCpu} MiB per CPU-second  (${m.count} records, best of 3: ${m.fastest.toFixed(0)} ms, peak RSS ${(m.peak / 1048576).toFixed(0)} MiB)`,
    );
  }
}

const method = (label: string, run: () => Promise<number>): Method => ({
  label,
  run,
  fastest: Number.POSITIVE_INFINITY,
  leastCpu: Number.POSITIVE_INFINITY,
  count: 0,
  peak: 0,
});

try {
  await generate();
  const mib = statSync(path).size / 1048576;
  console.log(`JSONL file: ${mib.toFixed(1)} MiB, Node ${process.version}`);
  await compare(
    [
      method("readline, lines only", () => viaReadline(false)),
      method("readline + JSON.parse", () => viaReadline(true)),
      method("readInput (split, parse, fields)", viaReadInput),
    ],
    mib,
  );
} finally {
  rmSync(path, { force: true });
}
