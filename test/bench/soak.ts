/**
 * bench:soak: a run over many mixed dumps (text, HTML, JSONL, WARC, gzip, and broken files of every
 * kind) must finish without a crash, account for every input record once, and agree with run.json.
 *   npm run bench:soak                 10,000 files
 *   npm run bench:soak -- --files 2000
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { article, rng } from "../support/corpus.ts";
import { page } from "../support/pages.ts";

const at = process.argv.indexOf("--files");
const files = at >= 0 ? Number(process.argv[at + 1]) : 10_000;
const root = new URL("./.cache/soak/", import.meta.url).pathname;
const input = join(root, "in");
const out = join(root, "out");
rmSync(root, { recursive: true, force: true });
const r = rng(2024);
let expected = 0;

function warc(records: Array<{ url: string; html: string }>): string {
  return records
    .map(({ url, html }) => {
      const body = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(html)}\r\n\r\n${html}`;
      return `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: ${url}\r\nWARC-Date: 2024-03-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:${Math.floor(r() * 1e12)}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}\r\n\r\n`;
    })
    .join("");
}

for (let i = 0; i < files; i++) {
  const dir = join(input, `site${i % 25}`);
  mkdirSync(dir, { recursive: true });
  const kind = i % 20;
  const a = article(r, `f${i}`);
  const name = join(dir, `f${i}`);
  if (kind < 8) {
    writeFileSync(`${name}.txt`, a.text);
    expected += 1;
  } else if (kind < 10) {
    writeFileSync(`${name}.txt.gz`, gzipSync(a.text));
    expected += 1;
  } else if (kind < 12) {
    writeFileSync(`${name}.html`, page(i, 20_000));
    expected += 1;
  } else if (kind < 14) {
    const lines = Array.from({ length: 5 }, (_, k) => JSON.stringify({ id: `j${i}-${k}`, text: article(r, "x").text }));
    if (kind === 13) lines.splice(2, 0, "{ broken json");
    writeFileSync(`${name}.jsonl`, `${lines.join("\n")}\n`);
    expected += lines.length;
  } else if (kind === 14) {
    writeFileSync(`${name}.warc.gz`, gzipSync(warc([{ url: `https://w.example/${i}/a`, html: page(i, 15_000) }, { url: `https://w.example/${i}/b`, html: page(i + 1, 15_000) }])));
    expected += 2;
  } else if (kind === 15) {
    writeFileSync(`${name}.txt`, "");
    expected += 1;
  } else if (kind === 16) {
    writeFileSync(`${name}.txt`, Buffer.from(Array.from({ length: 512 }, () => Math.floor(r() * 256))));
    expected += 1;
  } else if (kind === 17) {
    writeFileSync(`${name}.txt.gz`, gzipSync(a.text).subarray(0, 30));
    expected += 1;
  } else if (kind === 18) {
    writeFileSync(`${name}.html`, `<html><body>${"<div>".repeat(20_000)}deep${"</div>".repeat(20_000)}</body></html>`);
    expected += 1;
  } else {
    writeFileSync(`${name}.txt`, Buffer.concat([Buffer.from(a.text.slice(0, 200)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(a.text.slice(200))]));
    expected += 1;
  }
}

const started = Date.now();
const run = spawnSync(process.execPath, [new URL("../../bin/tidings.js", import.meta.url).pathname, "run", "--in", input, "--out", out, "--no-progress"], {
  encoding: "utf8",
  env: { ...process.env, TIDINGS_LOG_LEVEL: "warn" },
  maxBuffer: 1 << 26,
});
const seconds = (Date.now() - started) / 1000;
const count = (f: string) => readFileSync(join(out, f), "utf8").split("\n").filter(Boolean).length;
const stats = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
const a = count("articles.jsonl");
const d = count("duplicates.jsonl");
const j = count("rejected.jsonl");
process.stdout.write(`${run.stdout}`);
process.stdout.write(
  `files ${files}, input records ${expected}; exit ${run.status}; ${seconds.toFixed(1)} s\n` +
    `articles ${a} + duplicates ${d} + rejected ${j} = ${a + d + j} (run.json: inputs ${stats.counts.inputs}, articles ${stats.counts.articles}, duplicates ${stats.counts.duplicates}, rejected ${stats.counts.rejected})\n` +
    `rejected by reason: ${JSON.stringify(stats.rejectedBy)}\n` +
    `${a + d + j === expected && stats.counts.inputs === expected && run.status === 0 ? "OK: every input accounted for once" : "MISMATCH"}\n`,
);
if (run.status !== 0) process.stderr.write(run.stderr.slice(-4000));
