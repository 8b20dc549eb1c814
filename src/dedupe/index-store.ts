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
 * A run killed while appending leaves a torn batch at the end: its length or checksum does not match,
 * so it is ignored when read and cut off before the next append. Earlier batches are never rewritten.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
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
  const path = join(dir, INDEX_FILE);
  if (!existsSync(path)) return { records: [], validBytes: 0, fileBytes: 0, batches: 0 };
  const buf = readFileSync(path);
  const records: IndexRecord[] = [];
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
    if (crc32(payload) !== sum) break;
    const parsed = parseRecords(payload, count);
    if (!parsed) break;
    records.push(...parsed);
    at = start + length;
    batches++;
  }
  return { records, validBytes: at, fileBytes: buf.length, batches };
}

function parseRecords(payload: Buffer, count: number): IndexRecord[] | null {
  const out: IndexRecord[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at >= payload.length) return null;
    const idLength = payload[at] as number;
    if (at + 1 + idLength + FIXED_RECORD_BYTES - 1 > payload.length) return null;
    const id = payload.toString("utf8", at + 1, at + 1 + idLength);
    let p = at + 1 + idLength;
    const flags = payload[p] as number;
    const exactHi = payload.readUInt32LE(p + 1);
    const exactLo = payload.readUInt32LE(p + 5);
    const words = payload.readUInt32LE(p + 9);
    p += 13;
    const signature = new Uint8Array(payload.subarray(p, p + SIGNATURE_BINS));
    out.push({ id, truncated: (flags & 1) === 1, exactHi, exactLo, words, signature });
    at = p + SIGNATURE_BINS;
  }
  return at === payload.length ? out : null;
}

/** Bytes one record takes on disk. */
export function recordBytes(id: string): number {
  return Buffer.byteLength(id, "utf8") + FIXED_RECORD_BYTES;
}

/** Whether an id fits in a record. */
export function fitsIndex(id: string): boolean {
  return Buffer.byteLength(id, "utf8") <= MAX_ID_BYTES;
}

function encode(records: readonly IndexRecord[]): Buffer {
  let size = 0;
  for (const r of records) size += Buffer.byteLength(r.id, "utf8") + FIXED_RECORD_BYTES;
  const buf = Buffer.alloc(size);
  let at = 0;
  for (const r of records) {
    const idLength = buf.write(r.id, at + 1, "utf8");
    if (idLength > MAX_ID_BYTES) throw new Error(`dedupe index: id "${r.id}" is longer than ${MAX_ID_BYTES} bytes`);
    buf[at] = idLength;
    let p = at + 1 + idLength;
    buf[p] = r.truncated ? 1 : 0;
    buf.writeUInt32LE(r.exactHi >>> 0, p + 1);
    buf.writeUInt32LE(r.exactLo >>> 0, p + 5);
    buf.writeUInt32LE(r.words >>> 0, p + 9);
    p += 13;
    buf.set(r.signature.subarray(0, SIGNATURE_BINS), p);
    at = p + SIGNATURE_BINS;
  }
  return buf;
}

/**
 * Appends one batch of records and makes it durable. A torn tail left by an earlier crash
 * (`validBytes` < file size) is cut off first. Returns the bytes written.
 */
export function appendBatch(dir: string, records: readonly IndexRecord[], validBytes: number): number {
  if (records.length === 0) return 0;
  mkdirSync(dir, { recursive: true });
  const payload = encode(records);
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(records.length, 4);
  header.writeUInt32LE(payload.length, 8);
  header.writeUInt32LE(crc32(payload), 12);
  const fd = openSync(join(dir, INDEX_FILE), "a+");
  try {
    if (fstatSync(fd).size > validBytes) ftruncateSync(fd, validBytes);
    writeSync(fd, Buffer.concat([header, payload]));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return HEADER_BYTES + payload.length;
}
