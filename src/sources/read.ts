/**
 * Reading one input file: dispatches on its kind (see kinds.ts) to the reader for it, and yields its
 * records one at a time. Bad input never throws: an unreadable, empty, binary, truncated or oversized
 * file, or a bad record inside one, is yielded as a `SourceError` with a stable reason, and reading
 * goes on with the next record where that makes sense. Only a programming error may throw.
 */
import { readDocument } from "./document.ts";
import { SUPPORTED_KINDS, inputKindOf } from "./kinds.ts";
import { readJsonl } from "./jsonl.ts";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_GZIP_RATIO, type InputFile, type ReadOptions, type SourceItem, type UnreadLine } from "./types.ts";
import { readWarc } from "./warc.ts";

export function readInput(file: InputFile, options?: ReadOptions & { unreadLines?: false }): AsyncGenerator<SourceItem>;
/** With `unreadLines`, JSONL lines come unread: `readJsonlLine` (jsonl.ts) reads each. */
export function readInput(file: InputFile, options: ReadOptions): AsyncGenerator<SourceItem | UnreadLine>;
export function readInput(file: InputFile, options: ReadOptions = {}): AsyncGenerator<SourceItem | UnreadLine> {
  // Returns the reader's own generator rather than delegating to it: one async hop less per record.
  if (file.problem) return single({ ok: false, index: 0, reason: file.problem.reason, detail: file.problem.detail });
  const kind = inputKindOf(file.path) ?? inputKindOf(file.abs);
  if (!kind) {
    return single({ ok: false, index: 0, reason: "unsupported-file", detail: `no reader for this kind of file; supported kinds: ${SUPPORTED_KINDS}` });
  }
  const limits = {
    maxBytes: positive(options.maxBytes, DEFAULT_MAX_BYTES),
    maxGzipRatio: positive(options.maxGzipRatio, DEFAULT_MAX_GZIP_RATIO),
    unreadLines: options.unreadLines === true,
    unreadMinBytes: options.unreadMinBytes ?? 0,
    onSkip: options.onSkip ?? (() => {}),
  };
  switch (kind.format) {
    case "text":
    case "html":
      return readDocument(file.abs, kind, limits.maxBytes);
    case "jsonl":
      return readJsonl(file.abs, kind, limits);
    case "warc":
      return readWarc(file.abs, kind, limits);
  }
}

async function* single(item: SourceItem): AsyncGenerator<SourceItem> {
  yield item;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
