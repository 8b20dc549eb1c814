/**
 * Reading one input file: dispatches on its kind (see kinds.ts) to the reader for it, and yields its
 * records one at a time. Bad input never throws: an unreadable, empty, binary, truncated or oversized
 * file, or a bad record inside one, is yielded as a `SourceError` with a stable reason, and reading
 * goes on with the next record where that makes sense. Only a programming error may throw.
 */
import { readDocument } from "./document.ts";
import { SUPPORTED_KINDS, inputKindOf } from "./kinds.ts";
import { readJsonl } from "./jsonl.ts";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_GZIP_RATIO, type InputFile, type ReadOptions, type SourceItem } from "./types.ts";
import { readWarc } from "./warc.ts";

export async function* readInput(file: InputFile, options: ReadOptions = {}): AsyncGenerator<SourceItem> {
  if (file.problem) {
    yield { ok: false, index: 0, reason: file.problem.reason, detail: file.problem.detail };
    return;
  }
  const kind = inputKindOf(file.path) ?? inputKindOf(file.abs);
  if (!kind) {
    yield { ok: false, index: 0, reason: "unsupported-file", detail: `no reader for this kind of file; supported kinds: ${SUPPORTED_KINDS}` };
    return;
  }
  const limits = {
    maxBytes: positive(options.maxBytes, DEFAULT_MAX_BYTES),
    maxGzipRatio: positive(options.maxGzipRatio, DEFAULT_MAX_GZIP_RATIO),
  };
  switch (kind.format) {
    case "text":
    case "html":
      yield* readDocument(file.abs, kind, limits.maxBytes);
      return;
    case "jsonl":
      yield* readJsonl(file.abs, kind, limits);
      return;
    case "warc":
      yield* readWarc(file.abs, kind, limits);
      return;
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
