/**
 * Throughput of the WARC reader on a generated crawl: one gzip member per record, as crawlers write.
 *
 *   node --import tsx test/sources/bench/warc-throughput.ts [pages=3000]
 *
 * Each page is a request record plus a response record with a ~30 KB HTML page (every tenth one
 * chunked, every fifth gzip-encoded). Prints pages/s and MiB/s of uncompressed WARC, best of three,
 * by wall time and by CPU time (steadier when other work shares the machine).
 */
import { createWriteStream, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readInput } from "../../../src/sources/read.ts";
import { chunked, httpResponse, request, response } from "../warc-builder.ts";

const pages = Number(process.argv[2] ?? 3000);
const path = join(tmpdir(), `tidings-bench-${process.pid}.warc.gz`);
const PARAGRAPH = "<p>The ministers met for two hours in Tokyo and agreed to deepen cooperation on security, trade and technology, officials said.</p>\n";

async function generate(): Promise<number> {
  const out = createWriteStream(path);
  let raw = 0;
  for (let i = 0; i < pages; i++) {
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>Story ${i}</title></head><body>${PARAGRAPH.repeat(230)}</body></html>`;
    const headers: Record<string, string> = { "Content-Type": "text/html; charset=utf-8" };
    let body: Buffer = Buffer.from(html);
    if (i % 5 === 0) {
      body = gzipSync(body);
      headers["Content-Encoding"] = "gzip";
    }
    if (i % 10 === 3) {
      body = chunked(body, [4096, 4096]);
      headers["Transfer-Encoding"] = "chunked";
    }
    for (const record of [request(`https://news.example/${i}`), response(`https://news.example/${i}`, httpResponse(body, headers))]) {
      raw += record.length;
      if (!out.write(gzipSync(record, { level: 1 }))) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return raw;
}

try {
  const raw = await generate();
  const mib = raw / 1048576;
  console.log(`WARC: ${pages} pages, ${mib.toFixed(1)} MiB uncompressed, ${(statSync(path).size / 1048576).toFixed(1)} MiB gzipped, Node ${process.version}`);
  let fastest = Number.POSITIVE_INFINITY;
  let leastCpu = Number.POSITIVE_INFINITY;
  let count = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    count = 0;
    for await (const item of readInput({ root: path, path: "bench.warc.gz", abs: path })) if (item.ok) count++;
    fastest = Math.min(fastest, performance.now() - started);
    const used = process.cpuUsage(cpu);
    leastCpu = Math.min(leastCpu, (used.user + used.system) / 1000);
  }
  const seconds = fastest / 1000;
  const cpuSeconds = leastCpu / 1000;
  console.log(
    `readInput .warc.gz: ${count} pages, ${(count / seconds).toFixed(0)} pages/s, ${(mib / seconds).toFixed(0)} MiB/s uncompressed (best of 3: ${fastest.toFixed(0)} ms wall)`,
  );
  console.log(`  per CPU-second: ${(count / cpuSeconds).toFixed(0)} pages, ${(mib / cpuSeconds).toFixed(0)} MiB uncompressed`);
} finally {
  rmSync(path, { force: true });
}
