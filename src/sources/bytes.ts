/**
 * The bytes of an input file as a stream of chunks, gunzipped when the file is gzip-compressed
 * (several concatenated gzip members are read as one stream, as `gzip -c a b > ab.gz` makes them).
 * Readers of one record a line or a member can ask to step over damage instead (`damages`).
 * Whatever stops the reading becomes a `SourceFailure`: the file cannot be opened ("unreadable-file"),
 * the gzip stream ends early ("truncated-gzip") or is not gzip ("corrupt-gzip"), or the output passes
 * the cap ("too-large"), which is checked chunk by chunk so a gzip bomb never fills memory.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
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
    const info = await stat(abs);
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
  if (!options.gzip) return { size, chunks: plainChunks(abs, cap, options.capLabel) };
  if (options.damages) return { size, chunks: memberChunks(abs, cap, options.capLabel, options.damages) };
  return { size, chunks: gunzipChunks(abs, cap, options.capLabel) };
}

async function* memberChunks(abs: string, cap: number | null, capLabel: string, damages: string[]): AsyncGenerator<Buffer> {
  const compressed = plainChunks(abs, null, capLabel);
  try {
    yield* gunzipMembers(compressed, { cap, capLabel, damages });
  } finally {
    await compressed.return(undefined);
  }
}

async function* plainChunks(abs: string, cap: number | null, capLabel: string): AsyncGenerator<Buffer> {
  const input = createReadStream(abs, { highWaterMark: READ_CHUNK });
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

async function* gunzipChunks(abs: string, cap: number | null, capLabel: string): AsyncGenerator<Buffer> {
  const input = createReadStream(abs, { highWaterMark: READ_CHUNK });
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
