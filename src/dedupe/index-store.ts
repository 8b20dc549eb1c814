/**
 * The persistent duplicate index (`--state <dir>`): what later runs need to recognise copies of
 * articles emitted by earlier runs, without reading those articles again.
 *
 * One append-only file, `dedupe-index.bin`, made of batches: one batch per run, written in a single
 * append and fsync'd at the end of the run. A batch is a 16-byte header (magic "TDX1", record count,
 * payload length, CRC-32 of the payload) and its records. A record is: id length (1 byte), the id
 * (UTF-8, at most 90 bytes), flags (1 byte), the exact hash (8 bytes), the word count (4 bytes) and
 * the 96-byte signature: at most 200 bytes per article.
 *
 * A batch is written payload first, then its header, then made durable. A run killed while appending
 * leaves a torn batch at the end: no header, or a length or checksum that does not match, so it is
 * ignored when read and cut off before the next append. Earlier batches are never rewritten.
 */
import { closeSync, constants, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { SIGNATURE_BINS } from "./signature.ts";

export const INDEX_FILE = "dedupe-index.bin";
const MAGIC = 0x31584454; // "TDX1" little-endian
const HEADER_BYTES = 16;
export const MAX_ID_BYTES = 90;
const FIXED_RECORD_BYTES = 1 + 1 + 8 + 4 + SIGNATURE_BINS;

export interface IndexRecord {
  id: string;
  truncated: boolean;
  exactHi: number;
  exactLo: number;
  words: number;
  signature: Uint8Array;
}

export interface IndexContents {
  records: IndexRecord[];
  /** Bytes of valid batches; anything after is a torn write. */
  validBytes: number;
  fileBytes: number;
  batches: number;
}

/** Reads every complete batch of the index in `dir` (none when the file does not exist). */
export function readIndex(dir: string): IndexContents {
  const records: IndexRecord[] = [];
  const summary = scanIndex(dir, (r) => {
    records.push({ ...r, signature: new Uint8Array(r.signature) });
  });
  return { records, ...summary };
}

/**
 * Calls `visit` with each record of every complete batch of the index in `dir`, in order, without
 * keeping them: a record's signature is a view of the file's bytes, valid during the call. A batch
 * is visited only once its checksum and layout are found whole.
 */
export function scanIndex(dir: string, visit: (record: IndexRecord) => void): Omit<IndexContents, "records"> {
  const path = join(dir, INDEX_FILE);
  if (!existsSync(path)) return { validBytes: 0, fileBytes: 0, batches: 0 };
  const buf = readFileSync(path);
  let at = 0;
  let batches = 0;
  while (at + HEADER_BYTES <= buf.length) {
    if (buf.readUInt32LE(at) !== MAGIC) break;
    const count = buf.readUInt32LE(at + 4);
    const length = buf.readUInt32LE(at + 8);
    const sum = buf.readUInt32LE(at + 12);
    const start = at + HEADER_BYTES;
    if (start + length > buf.length) break;
    const payload = buf.subarray(start, start + length);
    if (crc32(payload) !== sum || !parseRecords(payload, count, null)) break;
    parseRecords(payload, count, visit);
    at = start + length;
    batches++;
  }
  return { validBytes: at, fileBytes: buf.length, batches };
}

/** Walks the `count` records of a payload, visiting each when `visit` is given; false when they do not fill it exactly. */
function parseRecords(payload: Buffer, count: number, visit: ((record: IndexRecord) => void) | null): boolean {
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at >= payload.length) return false;
    const idLength = payload[at] as number;
    if (at + 1 + idLength + FIXED_RECORD_BYTES - 1 > payload.length) return false;
    let p = at + 1 + idLength;
    if (visit) {
      const id = payload.toString("utf8", at + 1, p);
      const flags = payload[p] as number;
      const exactHi = payload.readUInt32LE(p + 1);
      const exactLo = payload.readUInt32LE(p + 5);
      const words = payload.readUInt32LE(p + 9);
      const signature = payload.subarray(p + 13, p + 13 + SIGNATURE_BINS);
      visit({ id, truncated: (flags & 1) === 1, exactHi, exactLo, words, signature });
    }
    p += 13;
    at = p + SIGNATURE_BINS;
  }
  return at === payload.length;
}

/** Bytes one record takes on disk. */
export function recordBytes(id: string): number {
  return Buffer.byteLength(id, "utf8") + FIXED_RECORD_BYTES;
}

/** Whether an id fits in a record. */
export function fitsIndex(id: string): boolean {
  return Buffer.byteLength(id, "utf8") <= MAX_ID_BYTES;
}

/** Writes one record at `at` in `buf`; returns where the next one goes. */
function encodeInto(buf: Buffer, at: number, r: IndexRecord): number {
  if (!fitsIndex(r.id)) throw new Error(`dedupe index: id "${r.id}" is longer than ${MAX_ID_BYTES} bytes`);
  const idLength = buf.write(r.id, at + 1, "utf8");
  buf[at] = idLength;
  let p = at + 1 + idLength;
  buf[p] = r.truncated ? 1 : 0;
  buf.writeUInt32LE(r.exactHi >>> 0, p + 1);
  buf.writeUInt32LE(r.exactLo >>> 0, p + 5);
  buf.writeUInt32LE(r.words >>> 0, p + 9);
  p += 13;
  buf.set(r.signature.subarray(0, SIGNATURE_BINS), p);
  return p + SIGNATURE_BINS;
}

const CHUNK_BYTES = 1 << 20;

function writeAllAt(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

/**
 * Appends one batch of the records `records` yields (read once, encoded a chunk at a time, so that
 * a large batch is never held whole in memory) and makes it durable. A torn tail left by an earlier
 * crash (`validBytes` < file size) is cut off first. Returns the bytes written and the records.
 */
export function appendRecords(dir: string, records: Iterable<IndexRecord>, validBytes: number): { bytes: number; count: number } {
  let fd: number | null = null;
  const chunk = Buffer.alloc(CHUNK_BYTES);
  let used = 0;
  let length = 0;
  let sum = 0;
  let count = 0;
  const flush = (): number => {
    if (fd === null) {
      mkdirSync(dir, { recursive: true });
      fd = openSync(join(dir, INDEX_FILE), constants.O_RDWR | constants.O_CREAT);
      if (fstatSync(fd).size > validBytes) ftruncateSync(fd, validBytes);
    }
    const bytes = chunk.subarray(0, used);
    sum = crc32(bytes, sum);
    writeAllAt(fd, bytes, validBytes + HEADER_BYTES + length);
    length += used;
    used = 0;
    return fd;
  };
  try {
    for (const r of records) {
      if (used + MAX_ID_BYTES + FIXED_RECORD_BYTES > chunk.length) flush();
      used = encodeInto(chunk, used, r);
      count++;
    }
    // nothing to append: the file is left as it is
    if (count === 0) return { bytes: 0, count: 0 };
    const file = flush();
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(count, 4);
    header.writeUInt32LE(length, 8);
    header.writeUInt32LE(sum >>> 0, 12);
    writeAllAt(file, header, validBytes);
    fsyncSync(file);
    return { bytes: HEADER_BYTES + length, count };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Appends one batch of records and makes it durable. A torn tail left by an earlier crash
 * (`validBytes` < file size) is cut off first. Returns the bytes written.
 */
export function appendBatch(dir: string, records: readonly IndexRecord[], validBytes: number): number {
  return appendRecords(dir, records, validBytes).bytes;
}
