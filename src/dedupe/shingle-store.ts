/**
 * The shingles of this run's articles, kept on disk until finish instead of in memory.
 *
 * Observe appends each article's shingle hashes (in text order, repeats kept) to one spill file and
 * its anchors (its row, their count, then the hashes) to another. Memory keeps only where each block of 64 rows
 * starts in the shingle file; a row's length is derived from its word count, so a row's place is
 * found by adding up at most 63 lengths. Finish streams the anchors from the start, and reads back
 * the shingles of only the rows a candidate pair needs, in batches sorted by position.
 */
import { GrowableF64 } from "./growable.ts";
import { SpillFile } from "./spill.ts";

const BLOCK = 64;

export class ShingleStore {
  private readonly shingles: SpillFile;
  private readonly anchors: SpillFile;
  private readonly blockStart = new GrowableF64();
  private readonly lengthOf: (row: number) => number;
  private rows = 0;
  private anchorValues = 0;

  /** `lengthOf(row)` is the number of shingles of a row that was added (0 for a row added without). */
  constructor(dir: string, lengthOf: (row: number) => number) {
    this.shingles = new SpillFile(dir, "dedupe-shingles");
    this.anchors = new SpillFile(dir, "dedupe-anchors");
    this.lengthOf = lengthOf;
  }

  /**
   * Adds the next row: its shingle hashes and its anchors, or null for a row whose shingles are not
   * known (an article of an earlier run), which has no place in either file.
   */
  add(shingles: Uint32Array | null, anchors: Uint32Array | null): void {
    if (this.rows % BLOCK === 0) this.blockStart.push(this.shingles.length);
    const expected = this.lengthOf(this.rows);
    if ((shingles?.length ?? 0) !== expected) {
      throw new Error(`shingle store: row ${this.rows} has ${shingles?.length ?? 0} shingles where its word count gives ${expected}`);
    }
    if (shingles) {
      this.shingles.append(shingles);
      const list = anchors ?? new Uint32Array(0);
      this.anchors.push(this.rows);
      this.anchors.push(list.length);
      this.anchors.append(list);
      this.anchorValues += list.length;
    }
    this.rows++;
  }

  /** Anchors stored, over all rows. */
  get anchorCount(): number {
    return this.anchorValues;
  }

  /** Where the shingles of `row` start in the spill file (in values). */
  start(row: number): number {
    const block = Math.floor(row / BLOCK);
    let at = this.blockStart.get(block);
    for (let r = block * BLOCK; r < row; r++) at += this.lengthOf(r);
    return at;
  }

  /**
   * Calls `visit(row, anchors)` for each row stored with shingles, in the order they were added
   * (`anchors` is a view valid during the call).
   */
  forEachAnchors(visit: (row: number, anchors: Uint32Array) => void): void {
    let row = -1;
    let pending = new Uint32Array(64);
    // -2: the next value is a row; -1: it is the row's count of anchors
    let want = -2;
    let have = 0;
    this.anchors.scan((chunk) => {
      let at = 0;
      while (at < chunk.length) {
        if (want === -2) {
          row = chunk[at++] as number;
          want = -1;
          continue;
        }
        if (want === -1) {
          want = chunk[at++] as number;
          have = 0;
          if (pending.length < want) pending = new Uint32Array(want);
        }
        const take = Math.min(want - have, chunk.length - at);
        pending.set(chunk.subarray(at, at + take), have);
        have += take;
        at += take;
        if (have === want) {
          visit(row, pending.subarray(0, want));
          want = -2;
        }
      }
    });
    if (want !== -2) throw new Error("shingle store: the anchor file ends inside a row");
  }

  /**
   * Reads the shingles of `rows` (ascending, distinct; the first `n`) into `out`, one after the
   * other, rows next to each other in the file in one read. Returns where each row starts in `out`,
   * and after the last one, where it ends.
   */
  read(rows: Uint32Array, n: number, out: Uint32Array): Uint32Array {
    this.shingles.flush();
    const starts = new Uint32Array(n + 1);
    let used = 0;
    let runFile = -1;
    let runOut = 0;
    let runLength = 0;
    const flushRun = (): void => {
      if (runLength > 0) this.shingles.read(runFile, out.subarray(runOut, runOut + runLength));
      runLength = 0;
    };
    // the place of the previous row read, to walk on from it inside one block
    let lastRow = -1;
    let lastAt = 0;
    for (let k = 0; k < n; k++) {
      const row = rows[k] as number;
      const length = this.lengthOf(row);
      starts[k] = used;
      if (length > 0) {
        let at: number;
        if (lastRow >= 0 && Math.floor(lastRow / BLOCK) === Math.floor(row / BLOCK)) {
          at = lastAt;
          for (let r = lastRow; r < row; r++) at += this.lengthOf(r);
        } else {
          at = this.start(row);
        }
        lastRow = row;
        lastAt = at;
        if (runLength > 0 && at === runFile + runLength) {
          runLength += length;
        } else {
          flushRun();
          runFile = at;
          runOut = used;
          runLength = length;
        }
      }
      used += length;
    }
    flushRun();
    starts[n] = used;
    return starts;
  }

  /** Bytes kept in memory. */
  get memoryBytes(): number {
    return this.blockStart.bytes;
  }

  /** Bytes written to the spill files. */
  get diskBytes(): number {
    return this.shingles.bytes + this.anchors.bytes;
  }

  /** Closes and removes the spill files. */
  close(): void {
    this.shingles.close();
    this.anchors.close();
  }
}
