/**
 * Streams a JSON Lines file one parsed value at a time. A missing file yields nothing; a line that is
 * not JSON is counted, not thrown, so that one damaged line never hides the rest of a run's report.
 * Lines are cut from the raw bytes (faster than readline), then decoded one by one.
 */
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";

export interface JsonLinesTally {
  /** Lines that held a JSON value. */
  parsed: number;
  /** Non-blank lines that could not be parsed. */
  malformed: number;
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

const NEWLINE = 0x0a;

function parseLine(bytes: Buffer, tally: JsonLinesTally | undefined): { ok: true; value: unknown } | { ok: false } {
  const line = bytes.toString("utf8");
  if (line.trim() === "") return { ok: false };
  try {
    const value: unknown = JSON.parse(line);
    if (tally) tally.parsed++;
    return { ok: true, value };
  } catch {
    if (tally) tally.malformed++;
    return { ok: false };
  }
}

export async function* readJsonLines(path: string, tally?: JsonLinesTally): AsyncGenerator<unknown> {
  if (!(await fileExists(path))) return;
  let rest: Buffer | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let data: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    let end = data.indexOf(NEWLINE, start);
    while (end >= 0) {
      const parsed = parseLine(data.subarray(start, end), tally);
      if (parsed.ok) yield parsed.value;
      start = end + 1;
      end = data.indexOf(NEWLINE, start);
    }
    rest = start < data.length ? Buffer.from(data.subarray(start)) : null;
    data = Buffer.alloc(0);
  }
  if (rest) {
    const parsed = parseLine(rest, tally);
    if (parsed.ok) yield parsed.value;
  }
}
