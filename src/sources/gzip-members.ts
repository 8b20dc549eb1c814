/**
 * Gunzipping a stream of gzip members one member at a time, so that damage costs one member rather
 * than the rest of the file. Crawlers write `.warc.gz` as one member per record; a flipped byte in a
 * 1 GB crawl should lose that record, not the gigabyte after it.
 *
 * Each member's header is read here; its deflate body goes through a raw inflater of its own (one
 * synchronous call for a small body, a stream for a large one), which stops exactly at the body's end; the trailer's CRC-32 and length are then checked. When a body will
 * not inflate, or the bytes where a member should start are not a gzip header, reading resumes at the
 * next gzip header (`1f 8b 08`) after the damage. A checksum that does not match is reported, but the
 * member's framing is intact, so reading goes straight on to the next member.
 *
 * Every damage is reported the same way: its description is pushed to `damages`, then a zero-length
 * chunk is yielded where the output stops making sense, so the reader can drop a half-read record.
 * A stream that ends inside a member throws "truncated-gzip"; output past the cap throws "too-large".
 * Output is handed on as the inflater produces it, so nothing inflated before a cut is held back.
 */
import { createInflateRaw, crc32, inflateRawSync } from "node:zlib";
import { SourceFailure, errorText, mib } from "./failure.ts";

const SLICE = 32 * 1024;
/** A member whose body lies within this much buffered input and inflates to at most QUICK_OUTPUT is inflated in one call. */
const QUICK_INPUT = 4 * 1024 * 1024;
const QUICK_OUTPUT = 8 * 1024 * 1024;
const INFLATE_CHUNK = 64 * 1024;
const MAX_HEADER = 64 * 1024;
const MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);
const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;

export interface MemberStreamOptions {
  /** Most inflated bytes in all; null for no cap. */
  cap: number | null;
  capLabel: string;
  /** Where damage descriptions go, one for each zero-length chunk yielded. */
  damages: string[];
}

/** The compressed bytes: what has been read of the file and not yet used. */
class Compressed {
  buffer: Buffer = Buffer.alloc(0);
  pos = 0;
  /** File offset of `buffer[0]`. */
  base = 0;
  ended = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  get available(): number {
    return this.buffer.length - this.pos;
  }

  get offset(): number {
    return this.base + this.pos;
  }

  /** Reads until `n` bytes are available; false when the file ends first. */
  async ensure(n: number): Promise<boolean> {
    while (this.available < n) {
      if (this.ended) return false;
      const next = await this.source.next();
      if (next.done) {
        this.ended = true;
        return false;
      }
      this.base += this.pos;
      this.buffer = this.available > 0 ? Buffer.concat([this.buffer.subarray(this.pos), next.value]) : next.value;
      this.pos = 0;
    }
    return true;
  }

  byte(at: number): number {
    return this.buffer[this.pos + at] as number;
  }

  /** Skips to the next gzip header after the current position; false (all consumed) when none. */
  async seekMember(): Promise<boolean> {
    let from = this.pos + 1;
    for (;;) {
      const found = this.buffer.indexOf(MAGIC, from);
      if (found >= 0) {
        this.pos = found;
        return true;
      }
      this.pos = Math.max(this.pos, this.buffer.length - (MAGIC.length - 1));
      from = 0;
      if (!(await this.ensure(this.available + 1))) {
        this.pos = this.buffer.length;
        return false;
      }
    }
  }
}

type Header = { kind: "ok"; length: number } | { kind: "bad"; why: string } | { kind: "end" };

async function readHeader(input: Compressed): Promise<Header> {
  if (!(await input.ensure(10))) {
    // Fewer than 10 bytes left: the start of a header cut short, or stray bytes.
    for (let i = 0; i < Math.min(input.available, MAGIC.length); i++) {
      if (input.byte(i) !== MAGIC[i]) return { kind: "bad", why: "stray bytes after the last member" };
    }
    return { kind: "end" };
  }
  if (input.byte(0) !== 0x1f || input.byte(1) !== 0x8b || input.byte(2) !== 0x08) return { kind: "bad", why: "no gzip header" };
  const flags = input.byte(3);
  let length = 10;
  if (flags & FEXTRA) {
    if (!(await input.ensure(length + 2))) return { kind: "end" };
    length += 2 + input.byte(length) + input.byte(length + 1) * 256;
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    for (;;) {
      if (length > MAX_HEADER) return { kind: "bad", why: "a gzip header longer than 64 KiB" };
      if (!(await input.ensure(length + 1))) return { kind: "end" };
      if (input.byte(length++) === 0) break;
    }
  }
  if (flags & FHCRC) length += 2;
  return (await input.ensure(length)) ? { kind: "ok", length } : { kind: "end" };
}

export async function* gunzipMembers(source: AsyncIterator<Buffer>, options: MemberStreamOptions): AsyncGenerator<Buffer> {
  const input = new Compressed(source);
  let total = 0;
  let members = 0;
  const counted = (chunk: Buffer): Buffer => {
    total += chunk.length;
    if (options.cap !== null && total > options.cap) {
      throw new SourceFailure(
        "too-large",
        `gunzipped content passes the ${mib(options.cap)} cap for ${options.capLabel} (a gzip bomb, or a cap to raise)`,
      );
    }
    return chunk;
  };
  const damaged = (detail: string): Buffer => {
    options.damages.push(detail);
    return Buffer.alloc(0);
  };

  // After damage, failures that produced nothing (false gzip headers inside the damaged data) are
  // skipped quietly: the reader has already been told, and has nothing new to drop.
  let quiet = false;
  for (;;) {
    const start = input.offset;
    const header = await readHeader(input);
    if (header.kind === "end") {
      if (input.available === 0) return;
      throw new SourceFailure("truncated-gzip", `the file ends inside the gzip header at byte ${start}: it was cut short`);
    }
    if (header.kind === "bad") {
      if (members === 0) throw new SourceFailure("corrupt-gzip", `not a gzip file: ${header.why} at byte ${start}`);
      // Zeros after a member are padding (some writers fill a block), at the end or between members.
      if (await skipZeros(input)) return;
      if (input.offset > start && (await startsMember(input))) continue;
      const resumed = await input.seekMember();
      if (!quiet) yield damaged(`${header.why} at byte ${start}; ${resumed ? `resumed at the next gzip member, byte ${input.offset}` : "no gzip member after it"}`);
      quiet = true;
      if (!resumed) return;
      continue;
    }
    input.pos += header.length;
    members++;
    const room = options.cap === null ? QUICK_OUTPUT : Math.min(QUICK_OUTPUT, options.cap - total + 1);
    const quick = await inflateWhole(input, room);
    let body: Body;
    if (quick.kind === "ok") {
      if (quick.output.length > 0) yield counted(quick.output);
      body = { kind: "ok", crc: crc32(quick.output), size: quick.output.length };
    } else if (quick.kind === "error") {
      body = { kind: "error", why: quick.why, size: 0 };
    } else {
      body = yield* inflateBody(input, counted);
    }
    if (body.kind === "truncated") {
      throw new SourceFailure("truncated-gzip", `the file ends inside the gzip member at byte ${start}: it was cut short`);
    }
    if (body.kind === "error") {
      const resumed = await input.seekMember();
      if (!quiet || body.size > 0) {
        const where = resumed ? `resumed at the next member, byte ${input.offset}` : "no gzip member after it";
        yield damaged(`the gzip member at byte ${start} is damaged (${body.why}); ${where}`);
      }
      quiet = true;
      if (!resumed) return;
      continue;
    }
    if (!(await input.ensure(8))) throw new SourceFailure("truncated-gzip", `the file ends inside the trailer of the gzip member at byte ${start}`);
    const crc = input.buffer.readUInt32LE(input.pos);
    const size = input.buffer.readUInt32LE(input.pos + 4);
    input.pos += 8;
    quiet = false;
    if (crc !== body.crc || size !== body.size % 2 ** 32) {
      yield damaged(`the gzip member at byte ${start} does not match its checksum: its content may be wrong`);
    }
  }
}

type Quick = { kind: "ok"; output: Buffer } | { kind: "error"; why: string } | { kind: "stream" };

/**
 * Inflates a member's body in one synchronous call when it is small: most are (a WARC record, a few
 * JSONL lines), and this saves a stream per member. Large bodies, and bodies cut by the end of the
 * file (whose output up to the cut must still be handed on), are left to the streaming inflater.
 */
async function inflateWhole(input: Compressed, maxOutput: number): Promise<Quick> {
  for (;;) {
    try {
      const result = inflateRawSync(input.buffer.subarray(input.pos), { info: true, chunkSize: INFLATE_CHUNK, maxOutputLength: Math.max(1, maxOutput) }) as unknown as {
        buffer: Buffer;
        engine: { bytesWritten: number };
      };
      input.pos += result.engine.bytesWritten;
      return { kind: "ok", output: result.buffer };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ERR_BUFFER_TOO_LARGE") return { kind: "stream" };
      if (code !== "Z_BUF_ERROR") return { kind: "error", why: errorText(error) };
      // The body goes on past the buffered input: buffer more, up to a point.
      if (input.available >= QUICK_INPUT) return { kind: "stream" };
      if (!(await input.ensure(Math.min(input.available * 2 + SLICE, QUICK_INPUT)))) return { kind: "stream" };
    }
  }
}

type Body = { kind: "ok"; crc: number; size: number } | { kind: "error"; why: string; size: number } | { kind: "truncated" };

/** Inflates one member's deflate body, leaving the input just after it. */
async function* inflateBody(input: Compressed, counted: (chunk: Buffer) => Buffer): AsyncGenerator<Buffer, Body> {
  const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
  const output: Buffer[] = [];
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const signal = (): void => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  inflater.on("data", (chunk: Buffer) => output.push(chunk));
  inflater.on("error", (error: Error) => {
    failure ??= error;
    signal();
  });
  inflater.on("end", () => {
    ended = true;
    signal();
  });
  let crc = 0;
  let size = 0;
  try {
    for (;;) {
      if (input.available === 0 && !(await input.ensure(1))) return { kind: "truncated" };
      const slice = input.buffer.subarray(input.pos, input.pos + Math.min(SLICE, input.available));
      const before = inflater.bytesWritten;
      await new Promise<void>((resolve) => {
        wake = resolve;
        inflater.write(slice, signal);
      });
      for (let chunk = output.shift(); chunk; chunk = output.shift()) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        yield counted(chunk);
      }
      if (failure) return { kind: "error", why: errorText(failure), size };
      // The inflater takes a whole slice unless the body ends inside it.
      input.pos += ended ? inflater.bytesWritten - before : slice.length;
      if (ended) return { kind: "ok", crc, size };
    }
  } finally {
    inflater.destroy();
  }
}

/** Skips zero bytes; true when the input ends in them. */
async function skipZeros(input: Compressed): Promise<boolean> {
  for (;;) {
    while (input.available > 0) {
      if (input.byte(0) !== 0) return false;
      input.pos++;
    }
    if (!(await input.ensure(1))) return true;
  }
}

async function startsMember(input: Compressed): Promise<boolean> {
  if (!(await input.ensure(MAGIC.length))) return false;
  return input.byte(0) === MAGIC[0] && input.byte(1) === MAGIC[1] && input.byte(2) === MAGIC[2];
}
