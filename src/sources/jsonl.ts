/**
 * Reading a JSONL (`.jsonl`, `.ndjson`) file: one article a line, streamed, so a file of any size is
 * read in bounded memory. Each line may be at most `maxBytes` long ("too-large" otherwise).
 *
 * Indexing: blank lines (empty or whitespace only) are skipped and take no index; the index of a
 * record is its 0-based number among the non-blank lines, so a malformed line still takes its index
 * and the records after it keep theirs. Error details give the 1-based physical line number.
 *
 * Lines should be UTF-8, as JSON requires; a UTF-8 byte order mark on the first line is dropped, and
 * a line that is not valid UTF-8 is read as windows-1252 rather than rejected.
 *
 * Damage inside a `.jsonl.gz` (a member that will not inflate) costs the line it cuts through: that
 * index becomes a "corrupt-gzip" error, and reading resumes at the next gzip member.
 *
 * A file with no non-blank line at all yields one "empty-file" error, so that it is accounted for.
 *
 * A cut gzip stream (`.jsonl.gz`): every complete line before the cut is yielded, then one
 * "truncated-gzip" error at the index of the line that was cut (or the next one).
 */
import { isUtf8 } from "node:buffer";
import { mostlyAscii } from "../text/utf8-bytes.ts";
import { openBytes } from "./bytes.ts";
import { SourceFailure, mib } from "./failure.ts";
import { parseJsonlRecord } from "./jsonl-record.ts";
import type { InputKind } from "./kinds.ts";
import { LineSplitter, type SplitLine } from "./lines.ts";
import type { SourceItem, UnreadLine } from "./types.ts";
import { decodeWindows1252 } from "./windows1252.ts";

/** A JSON escape that may stand for a character over U+007F (or an escaped backslash before a "u"). */
const WIDE_ESCAPE = /\\u(?!00[0-7])/;
const HTML_KEY = Buffer.from('"html"');

export interface JsonlReadOptions {
  maxBytes: number;
  maxGzipRatio: number;
  /** Yield each non-blank line unread (see `UnreadLine`); `readJsonlLine` reads it later. */
  unreadLines?: boolean;
  /** Lines shorter than this are read here even so. */
  unreadMinBytes?: number;
}

/**
 * One non-blank JSONL line as its source item: decoded as UTF-8 (or as windows-1252 when it is not
 * valid UTF-8), then parsed.
 */
export function readJsonlLine(bytes: Uint8Array, index: number, lineNo: number): SourceItem {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // A page in valid UTF-8 that is mostly ASCII is parsed as its bytes (much faster: see utf8-bytes.ts),
  // unless an escape would put a character over U+007F among them; a record that fails is read again
  // below, for its error's words. (A text body would have to be decoded after all, which costs more
  // than it saves: only a line that may hold an "html" field goes this way. Either way reads the same.)
  if (buffer.indexOf(HTML_KEY) !== -1 && mostlyAscii(buffer) && isUtf8(buffer)) {
    const latin1 = buffer.toString("latin1");
    if (!WIDE_ESCAPE.test(latin1)) {
      const item = parseJsonlRecord(latin1, index, lineNo, true);
      if (item.ok) return item;
    }
  }
  // Invalid UTF-8 always leaves a U+FFFD behind, so only lines showing one need the full check.
  let text = buffer.toString("utf8");
  if (text.includes("\uFFFD") && !isUtf8(buffer)) text = decodeWindows1252(buffer);
  return parseJsonlRecord(text, index, lineNo);
}

export async function* readJsonl(abs: string, kind: InputKind, options: JsonlReadOptions): AsyncGenerator<SourceItem | UnreadLine> {
  const splitter = new LineSplitter(options.maxBytes);
  let index = 0;
  let first = true;
  let batch: (SourceItem | UnreadLine)[] = [];
  const damages: string[] = [];
  const onLine = (line: SplitLine): void => {
    if (line.kind === "too-long") {
      batch.push({
        ok: false,
        index: index++,
        reason: "too-large",
        detail: `line ${line.lineNo + 1} holds ${mib(line.length)}, over the ${mib(options.maxBytes)} cap for one line`,
      });
      return;
    }
    let bytes = line.bytes;
    if (line.lineNo === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (isBlank(bytes)) return;
    // (a line is often a view of a bigger chunk: an unread one gets a copy of its own)
    if (options.unreadLines && bytes.length >= (options.unreadMinBytes ?? 0)) batch.push({ ok: "unread", index: index++, lineNo: line.lineNo, bytes: new Uint8Array(bytes) });
    else batch.push(readJsonlLine(bytes, index++, line.lineNo));
  };
  try {
    const stream = await openBytes(abs, {
      gzip: kind.gzip,
      damages,
      cap: (size) => (kind.gzip ? Math.max(options.maxBytes, size * options.maxGzipRatio) : null),
      capLabel: `this file (${options.maxGzipRatio} times its compressed size)`,
    });
    for await (const chunk of stream.chunks) {
      if (chunk.length === 0) {
        // Damaged gzip data was skipped here: the line it cut through is lost, the rest goes on.
        splitter.cut();
        const detail = damages.shift() ?? "damaged gzip data was skipped";
        yield { ok: false, index: index++, reason: "corrupt-gzip", detail };
        continue;
      }
      if (first) {
        first = false;
        if (chunk.subarray(0, 8192).includes(0)) {
          // after a damaged gzip member, the first text read comes after that member's error item
          yield { ok: false, index, reason: "binary-file", detail: "NUL bytes in the first 8 KiB: this is not a JSONL text file" };
          return;
        }
      }
      splitter.push(chunk, onLine);
      if (batch.length > 0) {
        yield* batch;
        batch = [];
      }
    }
    splitter.end(onLine);
    yield* batch;
    if (index === 0) yield { ok: false, index: 0, reason: "empty-file", detail: "the file holds no records, only blank lines" };
  } catch (error) {
    if (!(error instanceof SourceFailure)) throw error;
    yield* batch;
    yield error.at(index);
  }
}

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}
