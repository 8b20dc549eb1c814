/**
 * What sources yield. A source reads one input file and yields its records one at a time; a record
 * that cannot be read is yielded as an error (it becomes a `rejected.jsonl` entry), never thrown.
 */
import type { DraftMeta, RawInput } from "../draft.ts";

/** One input file found under an `--in` root. */
export interface InputFile {
  /** The `--in` root it was found under (a folder, or the file itself). */
  root: string;
  /** Path relative to the root, with `/` separators; for a file given directly, its base name. */
  path: string;
  /** Absolute path on disk. */
  abs: string;
}

export interface SourceRecord {
  ok: true;
  /** 0-based index of the record within the file. */
  index: number;
  /** The input's own id, when it has one (a JSONL `id`, a WARC record id is not used). */
  id: string | null;
  raw: RawInput;
  meta: Partial<DraftMeta>;
}

export interface SourceError {
  ok: false;
  /** 0-based index of the record within the file (0 when the whole file failed). */
  index: number;
  /** Short, stable reason, e.g. "unreadable-file", "malformed-json", "truncated-gzip". */
  reason: string;
  /** What a person needs to understand and fix it. */
  detail: string;
}

export type SourceItem = SourceRecord | SourceError;
