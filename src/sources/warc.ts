/**
 * Reading a WARC file (`.warc`, or `.warc.gz`, usually one gzip member per record), streamed record by
 * record. Each `response` record holding a successful HTTP response with an HTML or plain-text body
 * becomes one item; its url is the `WARC-Target-URI`, and its body is decoded by the BOM, the HTTP
 * charset, the page's meta charset, then a guess (see decode.ts). Every other record (request,
 * metadata, warcinfo, revisit, resource, redirects, images…) is not an input: it is passed over, and
 * counted by kind through `onSkip` (run.json's `inputs.skipped`).
 *
 * Indexing: the index of an item counts the items yielded before it, records and errors alike, so an
 * index is never used twice in a file.
 *
 * A corrupt record (no `WARC/1.x` line where a record should start, a missing or bad Content-Length,
 * a block that does not end where its length says) becomes a "corrupt-warc-record" error; reading
 * then resumes at the next line starting with `WARC/1.`. A record the file ends inside of becomes a
 * "truncated-warc-record" error (or "truncated-gzip" when the gzip stream was cut): every complete
 * record before it has been yielded. Damage inside a `.warc.gz` (a gzip member that will not inflate)
 * becomes a "corrupt-gzip" error, and reading resumes with the next gzip member: with one member per
 * record, as crawlers write them, one damaged record costs that record alone. A response record over `maxBytes` is skipped as "too-large"
 * without being held in memory.
 */
import { ByteReader } from "./byte-reader.ts";
import { openBytes } from "./bytes.ts";
import { decodeBytes, pageInput } from "./decode.ts";
import { SourceFailure, mib } from "./failure.ts";
import { parseHttpResponse } from "./http.ts";
import type { InputKind } from "./kinds.ts";
import type { SourceItem } from "./types.ts";

export interface WarcReadOptions {
  maxBytes: number;
  maxGzipRatio: number;
  /** Told of each record passed over (see ReadOptions.onSkip). */
  onSkip?: (what: string) => void;
}

const RECORD_START = Buffer.from("WARC/1.");
const VERSION_PREFIX = "WARC/";
const MAX_HEADER_LINE = 64 * 1024;
const MAX_HEADER_LINES = 500;

interface WarcHeaders {
  type: string;
  length: number;
  uri: string | null;
}

export async function* readWarc(abs: string, kind: InputKind, options: WarcReadOptions): AsyncGenerator<SourceItem> {
  let index = 0;
  try {
    const damages: string[] = [];
    const stream = await openBytes(abs, {
      gzip: kind.gzip,
      damages,
      cap: (size) => (kind.gzip ? Math.max(options.maxBytes, size * options.maxGzipRatio) : null),
      capLabel: `this file (${options.maxGzipRatio} times its compressed size)`,
    });
    const damage = (): SourceItem => ({
      ok: false,
      index: index++,
      reason: "corrupt-gzip",
      detail: `${damages.shift() ?? "damaged gzip data was skipped"}; a record it held or cut through is lost`,
    });
    const reader = new ByteReader(stream.chunks);
    for (;;) {
      await reader.skipLineEnds();
      const atEnd = await reader.atEnd();
      if (reader.takeCut()) {
        yield damage();
        continue;
      }
      if (atEnd) break;
      const start = reader.offset;
      const headers = await readHeaders(reader);
      if (headers.kind === "end") {
        if (reader.takeCut()) {
          yield damage();
          continue;
        }
        yield { ok: false, index: index++, reason: "truncated-warc-record", detail: `the file ends inside the header of the record at byte ${start}` };
        break;
      }
      if (headers.kind === "corrupt") {
        yield { ok: false, index: index++, reason: "corrupt-warc-record", detail: `record at byte ${start}: ${headers.detail}; skipped to the next record` };
        if (!(await reader.seekLineStarting(RECORD_START))) break;
        continue;
      }
      const { type, length, uri } = headers.value;
      const wanted = type === "response";
      const fits = length <= options.maxBytes;
      const block = await reader.take(length, wanted && fits);
      if (block.got < length) {
        if (reader.takeCut()) {
          yield damage();
          continue;
        }
        yield {
          ok: false,
          index: index++,
          reason: "truncated-warc-record",
          detail: `the file ends inside the ${type} record at byte ${start} (${block.got} of ${length} bytes)`,
        };
        break;
      }
      if (!(await endsCleanly(reader))) {
        yield {
          ok: false,
          index: index++,
          reason: "corrupt-warc-record",
          detail: `the ${type} record at byte ${start} does not end where its Content-Length (${length}) says; skipped to the next record`,
        };
        if (!(await reader.seekLineStarting(RECORD_START))) break;
        continue;
      }
      if (!wanted) {
        options.onSkip?.(`WARC ${type || "untyped"} record`);
        continue;
      }
      if (!fits) {
        yield {
          ok: false,
          index: index++,
          reason: "too-large",
          detail: `the response record at byte ${start} holds ${mib(length)}, over the ${mib(options.maxBytes)} cap for one record`,
        };
        continue;
      }
      const item = responseItem(block.data ?? Buffer.alloc(0), uri, index, options.maxBytes);
      if ("skipped" in item) {
        options.onSkip?.(item.skipped);
        continue;
      }
      index++;
      yield item;
    }
  } catch (error) {
    if (!(error instanceof SourceFailure)) throw error;
    yield error.at(index);
  }
}

type HeaderResult = { kind: "ok"; value: WarcHeaders } | { kind: "corrupt"; detail: string } | { kind: "end" };

async function readHeaders(reader: ByteReader): Promise<HeaderResult> {
  const first = await reader.readLine(MAX_HEADER_LINE);
  if (first === null) return { kind: "end" };
  if (first === "too-long" || !first.toString("latin1").startsWith(VERSION_PREFIX)) {
    return { kind: "corrupt", detail: "no WARC/1.x version line where a record should start" };
  }
  const fields = new Map<string, string>();
  for (let n = 0; ; n++) {
    if (n > MAX_HEADER_LINES) return { kind: "corrupt", detail: `more than ${MAX_HEADER_LINES} header lines` };
    const line = await reader.readLine(MAX_HEADER_LINE);
    if (line === null) return { kind: "end" };
    if (line === "too-long") return { kind: "corrupt", detail: "a header line longer than 64 KiB" };
    if (line.length === 0) break;
    const text = line.toString("utf8");
    const colon = text.indexOf(":");
    if (colon <= 0) continue;
    const name = text.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, text.slice(colon + 1).trim());
  }
  const lengthText = fields.get("content-length");
  if (lengthText === undefined) return { kind: "corrupt", detail: "no Content-Length header" };
  if (!/^\d{1,15}$/.test(lengthText)) return { kind: "corrupt", detail: `a bad Content-Length: ${JSON.stringify(lengthText.slice(0, 40))}` };
  const uri = fields.get("warc-target-uri")?.replace(/^<(.*)>$/, "$1").trim() || null;
  return { kind: "ok", value: { type: (fields.get("warc-type") ?? "").toLowerCase(), length: Number(lengthText), uri } };
}

const BLOCK_END = Buffer.from("\r\n\r\n");

/**
 * After a block: the `\r\n\r\n` the format puts there (whatever follows it is the next record's
 * business), or, from lenient writers, other line ends and then the next record or the end of file.
 */
async function endsCleanly(reader: ByteReader): Promise<boolean> {
  if (await reader.startsWith(BLOCK_END)) {
    await reader.take(BLOCK_END.length, false);
    return true;
  }
  await reader.skipLineEnds();
  return (await reader.atEnd()) || (await reader.startsWith(Buffer.from(VERSION_PREFIX)));
}

function responseItem(block: Buffer, uri: string | null, index: number, maxBytes: number): SourceItem | { skipped: string } {
  const page = parseHttpResponse(block, maxBytes);
  if (page.kind === "skip") return { skipped: `WARC response: ${page.why}` };
  if (page.kind === "error") return { ok: false, index, reason: page.reason, detail: `${uri ?? "record"}: ${page.detail}` };
  const decoded = page.format === "html" ? pageInput(page.body, { declared: page.charset }) : decodeBytes(page.body, { declared: page.charset });
  if (!decoded.ok) {
    return { ok: false, index, reason: decoded.problem === "empty" ? "empty-record" : "binary-record", detail: `${uri ?? "record"}: ${decoded.detail}` };
  }
  const meta = uri ? { url: uri } : {};
  return { ok: true, index, id: null, raw: "raw" in decoded ? decoded.raw : { kind: page.format, content: decoded.text }, meta };
}
