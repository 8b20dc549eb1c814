/**
 * The bytes of an input file as a stream of chunks, gunzipped when the file is gzip-compressed
 * (several concatenated gzip members are read as one stream, as `gzip -c a b > ab.gz` makes them).
 * Readers of one record a line or a member can ask to step over damage instead (`damages`).
 * Whatever stops the reading becomes a `SourceFailure`: the file cannot be opened ("unreadable-file"),
 * the gzip stream ends early ("truncated-gzip") or is not gzip ("corrupt-gzip"), or the output passes
 * the cap ("too-large"), which is checked chunk by chunk so a gzip bomb never fills memory. A small
 * plain file comes as one chunk, read at once (see WHOLE_READ_MAX).
 */
import { createReadStream, readFileSync, statSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { SourceFailure, errorText, mib } from "./failure.ts";
import { gunzipMembers } from "./gzip-members.ts";

const READ_CHUNK = 1024 * 1024;
const GUNZIP_CHUNK = 64 * 1024;

export interface ByteStreamOptions {
  gzip: boolean;
  /** Most bytes of (uncompressed) content to read; null for no cap. */
  cap: (compressedSize: number) => number | null;
  /** What the cap protects, for the message: "a single document", say. */
  capLabel: string;
  /**
   * For readers that can step over damage (one record a line or a member): when given, a gzip file
   * is read member by member (gzip-members.ts), and damage inside it, instead of ending the stream,
   * is described here and marked by a zero-length chunk at the point where it was skipped.
   */
  damages?: string[];
}

export interface ByteStream {
  /** Size of the file on disk. */
  size: number;
  chunks: AsyncGenerator<Buffer>;
}

/** Opens a file for reading; fails before reading a byte when it is not a readable, non-empty file. */
export async function openBytes(abs: string, options: ByteStreamOptions): Promise<ByteStream> {
  let size: number;
  try {
    // (synchronous: the file system's threads and a promise cost more than the call on this thread)
    const info = statSync(abs);
    if (!info.isFile()) {
      throw new SourceFailure("unreadable-file", info.isDirectory() ? "this is a folder, not a file" : "this is not a regular file");
    }
    size = info.size;
  } catch (error) {
    if (error instanceof SourceFailure) throw error;
    throw new SourceFailure("unreadable-file", `cannot read this file: ${errorText(error)}`);
  }
  if (size === 0) throw new SourceFailure("empty-file", "the file is empty (0 bytes)");
  const cap = options.cap(size);
  if (!options.gzip && cap !== null && size > cap) {
    throw new SourceFailure("too-large", `the file holds ${mib(size)}, over the ${mib(cap)} cap for ${options.capLabel}`);
  }
  if (!options.gzip && size <= WHOLE_READ_MAX) return { size, chunks: wholeFile(abs, cap, options.capLabel) };
  if (!options.gzip) return { size, chunks: plainChunks(abs, cap, options.capLabel, size) };
  if (options.damages) return { size, chunks: memberChunks(abs, cap, options.capLabel, options.damages, size) };
  return { size, chunks: gunzipChunks(abs, cap, options.capLabel, size) };
}

async function* memberChunks(abs: string, cap: number | null, capLabel: string, damages: string[], size: number): AsyncGenerator<Buffer> {
  const compressed = plainChunks(abs, null, capLabel, size);
  try {
    yield* gunzipMembers(compressed, { cap, capLabel, damages });
  } finally {
    await compressed.return(undefined);
  }
}

/**
 * Files up to this size are read in one synchronous call rather than streamed: a stream's machinery,
 * or the promise API's four round trips, cost more than reading a small file outright (a folder of
 * 5,000 files of ~2 KB: ~0.2 ms a file on the thread that reads them).
 */
const WHOLE_READ_MAX = 256 * 1024;

async function* wholeFile(abs: string, cap: number | null, capLabel: string): AsyncGenerator<Buffer> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (error) {
    throw new SourceFailure("unreadable-file", `reading failed: ${errorText(error)}`);
  }
  // The size was checked before reading; this catches a file that grew while being read.
  if (cap !== null && bytes.length > cap) throw new SourceFailure("too-large", `the file grew past the ${mib(cap)} cap for ${capLabel} while being read`);
  yield bytes;
}

/**
 * The size of the reads of a streamed file of `size` bytes: a small one (a gzipped page, say) in one
 * read of its size and one more to find its end, not into a fresh buffer of READ_CHUNK each (a folder
 * of 5,000 small files allocated 5 GB of read buffers that way, a fifth of its run's time collecting
 * garbage).
 */
function readSize(size: number): number {
  return Math.min(READ_CHUNK, size + 1);
}

async function* plainChunks(abs: string, cap: number | null, capLabel: string, size: number): AsyncGenerator<Buffer> {
  const input = createReadStream(abs, { highWaterMark: readSize(size) });
  let total = 0;
  try {
    for await (const chunk of input) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      // The size was checked before reading; this catches a file that grew while being read.
      if (cap !== null && total > cap) throw new SourceFailure("too-large", `the file grew past the ${mib(cap)} cap for ${capLabel} while being read`);
      yield buffer;
    }
  } catch (error) {
    if (error instanceof SourceFailure) throw error;
    throw new SourceFailure("unreadable-file", `reading failed: ${errorText(error)}`);
  } finally {
    input.destroy();
  }
}

async function* gunzipChunks(abs: string, cap: number | null, capLabel: string, size: number): AsyncGenerator<Buffer> {
  const input = createReadStream(abs, { highWaterMark: readSize(size) });
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK });
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let total = 0;
  try {
    for await (const chunk of gunzip) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      if (cap !== null && total > cap) {
        throw new SourceFailure(
          "too-large",
          `gunzipped content passes the ${mib(cap)} cap for ${capLabel} (a gzip bomb, or a cap to raise with maxBytes)`,
        );
      }
      yield buffer;
    }
  } catch (error) {
    if (error instanceof SourceFailure) throw error;
    throw gzipFailure(error, total);
  } finally {
    input.unpipe(gunzip);
    input.destroy();
    gunzip.destroy();
  }
}

function gzipFailure(error: unknown, total: number): SourceFailure {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "Z_BUF_ERROR") {
    return new SourceFailure("truncated-gzip", `the gzip stream ends early, after ${total} bytes of content: the file was cut short`);
  }
  if (code === "Z_DATA_ERROR" || code === "Z_STREAM_ERROR") {
    return new SourceFailure("corrupt-gzip", `not a valid gzip stream after ${total} bytes of content: ${errorText(error)}`);
  }
  return new SourceFailure("unreadable-file", `reading failed: ${errorText(error)}`);
}
