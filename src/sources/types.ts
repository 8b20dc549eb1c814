/**
 * What sources yield. A source reads one input file and yields its records one at a time; a record
 * that cannot be read is yielded as an error (it becomes a `rejected.jsonl` entry), never thrown.
 */
import type { DraftMeta, RawInput } from "../draft.ts";

/** A reason a found file cannot be read, known before reading it (an unsupported kind, say). */
export interface InputProblem {
  reason: string;
  detail: string;
}

/** One input file found under an `--in` root. */
export interface InputFile {
  /** The `--in` root it was found under (a folder, or the file itself). */
  root: string;
  /** Path relative to the root, with `/` separators; for a file given directly, its base name. */
  path: string;
  /** Absolute path on disk. */
  abs: string;
  /**
   * Set by the walk when the file cannot be read at all (its kind is not supported, its folder cannot
   * be listed): `readInput` then yields this as the file's only item, a `SourceError` at index 0.
   */
  problem?: InputProblem;
}

/**
 * A root that cannot be walked at all (it does not exist, or cannot be listed). The run cannot do
 * what was asked, so the command line turns this into an error exit. It has no `abs`, which is how
 * it is told apart from an `InputFile` (or use `isWalkError`).
 */
export interface WalkError {
  ok: false;
  /** The root as it was given. */
  root: string;
  /** "missing-root" or "unreadable-root". */
  reason: string;
  /** What a person needs to read to fix the command line. */
  message: string;
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

/**
 * A JSONL line read but not yet decoded or parsed (with `ReadOptions.unreadLines`): whoever works on
 * the record turns it into its `SourceItem` with `readJsonlLine`, exactly as the reader would have.
 * The runner reads this way so that the costly part of reading (decoding and parsing big lines) is
 * done on the worker threads, not in the one thread that reads every file.
 */
export interface UnreadLine {
  ok: "unread";
  /** 0-based index of the record within the file. */
  index: number;
  /** 0-based physical line number (for error details). */
  lineNo: number;
  /** The line's bytes, in a buffer of their own (so that sending them elsewhere sends only them). */
  bytes: Uint8Array;
}

export interface ReadOptions {
  /**
   * The most bytes one item may hold in memory (default 256 MiB): a whole `.txt`/`.html` file (after
   * gunzip), one JSONL line, one WARC record. Larger ones become a "too-large" error, found without
   * ever buffering more than this.
   */
  maxBytes?: number;
  /**
   * Gzip bomb guard for streamed kinds (`.jsonl.gz`, `.warc.gz`), whose total output is not held in
   * memory: reading stops with "too-large" once the output passes this many times the compressed
   * size (or `maxBytes`, whichever is larger). Default 100; real text compresses 3-15 times.
   */
  maxGzipRatio?: number;
  /** Yield JSONL lines as `UnreadLine`s instead of parsing them here (see `UnreadLine`). */
  unreadLines?: boolean;
  /** With `unreadLines`: lines shorter than this many bytes are read here all the same (default 0). */
  unreadMinBytes?: number;
  /**
   * Called for each record passed over as not an article at all (in a WARC: a request, a redirect, an
   * image...), with what it was; such a record is not an input and is not yielded.
   */
  onSkip?: (what: string) => void;
}

export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MAX_GZIP_RATIO = 100;

export function isWalkError(item: InputFile | WalkError): item is WalkError {
  return !("abs" in item);
}
