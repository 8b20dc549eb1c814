/**
 * Streams a JSON Lines file one parsed value at a time. A missing file yields nothing; a line that is
 * not JSON is counted, not thrown, so that one damaged line never hides the rest of a run's report.
 */
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { createInterface } from "node:readline";

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

export async function* readJsonLines(path: string, tally?: JsonLinesTally): AsyncGenerator<unknown> {
  if (!(await fileExists(path))) return;
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (tally) tally.malformed++;
      continue;
    }
    if (tally) tally.parsed++;
    yield value;
  }
}
