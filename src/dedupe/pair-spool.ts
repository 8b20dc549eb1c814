/**
 * Pairs of rows in bounded memory, however many there are.
 *
 * A candidate search can propose pairs by the tens of millions (short bodies from a small
 * vocabulary agree on whole bands by chance). `PairSpool` gathers them in a buffer of at most
 * `limit` pairs; when the buffer fills, its repeats are merged (sorted, each pair once with how
 * often it came); when that leaves it more than half full, it is written to a spill file as one
 * sorted run and emptied. `stream()` then gives every pair back once, in order, with how often it
 * was added in all: a merge of the runs and of what the buffer still holds. A search that fits in
 * its buffer never touches the disk, and gives the same pairs as one that spilled.
 *
 * `PairQueue` keeps pairs in the order they come, spilling them the same way, for a second pass.
 */
import { PairCounts, PairList } from "./pairs.ts";
import type { PairScratch } from "./radix.ts";
import { SpillFile } from "./spill.ts";

/** Pairs in order, each once: `next()` moves to the next pair (false at the end), then `a`, `b`, `times` tell it. */
export interface PairStream {
  a: number;
  b: number;
  /** How often the pair was added (counted up to 255). */
  times: number;
  next(): boolean;
}

export interface SpoolOptions {
  /** Pairs the buffer holds at most. */
  limit: number;
  /** Where runs are spilled, and the spill file's name. */
  dir: string;
  name: string;
  /** Whether how often a pair was added is kept (else each pair counts once per run). */
  counted: boolean;
  scratch: PairScratch;
}

/** Values a spill file buffers before it writes (the file's own default is larger). */
const FILE_BUFFER_VALUES = 1 << 16;

export class PairSpool {
  private readonly options: SpoolOptions;
  /** Pairs added since the last merge of repeats. */
  private readonly list = new PairList();
  /** For a counted spool: the distinct pairs merged so far, with their counts. */
  private counts: PairCounts | null;
  private file: SpillFile | null = null;
  /** Start and length (in pairs) of each run written. */
  private readonly runs: number[] = [];
  private readonly width: number;

  constructor(options: SpoolOptions) {
    this.options = { ...options, limit: Math.max(16, Math.floor(options.limit)) };
    this.counts = options.counted ? new PairCounts() : null;
    this.width = options.counted ? 3 : 2;
  }

  /** Runs written to disk so far. */
  get runCount(): number {
    return this.runs.length / 2;
  }

  /** Adds the pair {a, b}. */
  push(a: number, b: number): void {
    this.list.push(a, b);
    if (this.list.length >= this.options.limit) this.compact();
  }

  /** Merges the repeats of the buffer; writes it out as a run when it is still more than half full. */
  compact(): void {
    const { limit, scratch } = this.options;
    if (this.counts) {
      if (this.list.length > 0) this.counts.add(this.list, scratch);
      if (this.counts.length > limit / 2) {
        this.writeRun(this.counts.first, this.counts.second, this.counts.times, this.counts.length);
        this.counts = new PairCounts();
      }
      return;
    }
    this.list.distinct(scratch);
    if (this.list.length > limit / 2) {
      this.writeRun(this.list.first.data, this.list.second.data, null, this.list.length);
      this.list.first.length = 0;
      this.list.second.length = 0;
    }
  }

  private writeRun(first: Uint32Array, second: Uint32Array, times: Uint8Array | null, n: number): void {
    this.file ??= new SpillFile(this.options.dir, this.options.name, FILE_BUFFER_VALUES);
    const width = this.width;
    const chunk = new Uint32Array(Math.min(n, FILE_BUFFER_VALUES / 4) * width);
    const start = this.file.length / width;
    for (let i = 0; i < n; ) {
      const take = Math.min(n - i, chunk.length / width);
      for (let k = 0, at = 0; k < take; k++, at += width) {
        chunk[at] = first[i + k] as number;
        chunk[at + 1] = second[i + k] as number;
        if (times) chunk[at + 2] = times[i + k] as number;
      }
      this.file.append(chunk.subarray(0, take * width));
      i += take;
    }
    this.runs.push(start, n);
  }

  /**
   * Every pair added, once, in order (by first row, then second), with how often it was added.
   * Add nothing more once this is called.
   */
  stream(): PairStream {
    this.compact();
    if (this.runCount === 0) {
      // all in memory: no merge
      if (this.counts) return new MemoryCursor(this.counts.first, this.counts.second, this.counts.times, this.counts.length);
      return new MemoryCursor(this.list.first.data, this.list.second.data, null, this.list.length);
    }
    // what the buffer still holds becomes a run too, so that the merge reads one kind of source
    if (this.counts) {
      if (this.counts.length > 0) this.writeRun(this.counts.first, this.counts.second, this.counts.times, this.counts.length);
      this.counts = new PairCounts();
    } else if (this.list.length > 0) {
      this.writeRun(this.list.first.data, this.list.second.data, null, this.list.length);
      this.list.first.length = 0;
      this.list.second.length = 0;
    }
    const file = this.file as SpillFile;
    file.flush();
    const runs = this.runCount;
    // the read buffers of all runs together: about a quarter of the buffer's share of memory
    const chunk = Math.max(256, Math.floor(this.options.limit / 4 / runs));
    const sources: RunCursor[] = [];
    for (let r = 0; r < runs; r++) sources.push(new RunCursor(file, this.runs[2 * r] as number, this.runs[2 * r + 1] as number, this.width, chunk));
    return sources.length === 1 ? (sources[0] as RunCursor) : new MergedStream(sources);
  }

  /** Drops the buffer and the spill file. */
  close(): void {
    this.list.first.length = 0;
    this.list.second.length = 0;
    this.list.first.data = new Uint32Array(0);
    this.list.second.data = new Uint32Array(0);
    this.counts = this.options.counted ? new PairCounts() : null;
    this.file?.close();
    this.file = null;
    this.runs.length = 0;
  }
}

/** Sorted distinct pairs held in memory. */
class MemoryCursor implements PairStream {
  a = 0;
  b = 0;
  times = 1;
  private at = -1;
  constructor(
    private readonly first: Uint32Array,
    private readonly second: Uint32Array,
    private readonly counts: Uint8Array | null,
    private readonly n: number,
  ) {}
  next(): boolean {
    const at = ++this.at;
    if (at >= this.n) return false;
    this.a = this.first[at] as number;
    this.b = this.second[at] as number;
    if (this.counts) this.times = this.counts[at] as number;
    return true;
  }
}

/** A run in a spill file, read a chunk at a time. */
class RunCursor implements PairStream {
  a = 0;
  b = 0;
  times = 1;
  private readonly buffer: Uint32Array;
  /** Next value to read in the buffer, and how many it holds. */
  private at = 0;
  private held = 0;
  /** Next pair of the run to load into the buffer, and where the run ends (in pairs). */
  private nextPair: number;
  private readonly end: number;
  constructor(
    private readonly file: SpillFile,
    start: number,
    length: number,
    private readonly width: number,
    chunkPairs: number,
  ) {
    this.nextPair = start;
    this.end = start + length;
    this.buffer = new Uint32Array(Math.min(length, chunkPairs) * width);
  }
  next(): boolean {
    if (this.at >= this.held) {
      const take = Math.min(this.end - this.nextPair, this.buffer.length / this.width);
      if (take <= 0) return false;
      const view = this.buffer.subarray(0, take * this.width);
      this.file.read(this.nextPair * this.width, view);
      this.nextPair += take;
      this.held = view.length;
      this.at = 0;
    }
    const at = this.at;
    this.a = this.buffer[at] as number;
    this.b = this.buffer[at + 1] as number;
    if (this.width === 3) this.times = this.buffer[at + 2] as number;
    this.at = at + this.width;
    return true;
  }
}

/** The pairs of several sorted sources, each once, with their counts added up (to 255). */
class MergedStream implements PairStream {
  a = 0;
  b = 0;
  times = 0;
  /** A binary heap of the sources that have a current pair, smallest pair on top. */
  private readonly heap: RunCursor[] = [];
  constructor(sources: RunCursor[]) {
    for (const s of sources) if (s.next()) this.heap.push(s);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  next(): boolean {
    const heap = this.heap;
    if (heap.length === 0) return false;
    const top = heap[0] as RunCursor;
    const a = top.a;
    const b = top.b;
    let times = 0;
    do {
      const c = heap[0] as RunCursor;
      times += c.times;
      if (!c.next()) {
        const last = heap.pop() as RunCursor;
        if (heap.length === 0) break;
        heap[0] = last;
      }
      this.down(0);
    } while ((heap[0] as RunCursor).a === a && (heap[0] as RunCursor).b === b);
    this.a = a;
    this.b = b;
    this.times = Math.min(255, times);
    return true;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[i] as RunCursor;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(heap[right] as RunCursor, heap[child] as RunCursor)) child = right;
      const c = heap[child] as RunCursor;
      if (!before(c, item)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = item;
  }
}

function before(x: RunCursor, y: RunCursor): boolean {
  return x.a < y.a || (x.a === y.a && x.b < y.b);
}

/**
 * Pairs kept in the order they are added, for one pass over them later: at most `limit` in memory,
 * the rest written to a spill file a buffer at a time.
 */
export class PairQueue {
  /** Rows of the pairs in memory, two values a pair; grown by doubling up to `limit` pairs. */
  private buffer = new Uint32Array(2048);
  private used = 0;
  private file: SpillFile | null = null;
  private readonly dir: string;
  private readonly name: string;
  private readonly limitValues: number;
  private count = 0;

  constructor(limit: number, dir: string, name: string) {
    this.limitValues = 2 * Math.max(16, Math.floor(limit));
    if (this.buffer.length > this.limitValues) this.buffer = new Uint32Array(this.limitValues);
    this.dir = dir;
    this.name = name;
  }

  get length(): number {
    return this.count;
  }

  push(a: number, b: number): void {
    if (this.used === this.buffer.length) {
      if (this.buffer.length < this.limitValues) {
        const grown = new Uint32Array(Math.min(this.limitValues, this.buffer.length * 2));
        grown.set(this.buffer);
        this.buffer = grown;
      } else {
        this.file ??= new SpillFile(this.dir, this.name, FILE_BUFFER_VALUES);
        this.file.append(this.buffer);
        this.used = 0;
      }
    }
    this.buffer[this.used++] = a;
    this.buffer[this.used++] = b;
    this.count++;
  }

  /**
   * Calls `visit(pairs, n)` with the pairs in the order they were added, a chunk at a time:
   * `pairs` holds each pair's two rows one after the other (a view valid during the call).
   */
  forEachChunk(visit: (pairs: Uint32Array, n: number) => void): void {
    if (this.file) {
      const file = this.file;
      file.flush();
      const chunk = new Uint32Array(this.buffer.length);
      for (let at = 0; at < file.length; at += chunk.length) {
        const view = chunk.subarray(0, Math.min(chunk.length, file.length - at));
        file.read(at, view);
        visit(view, view.length / 2);
      }
    }
    if (this.used > 0) visit(this.buffer.subarray(0, this.used), this.used / 2);
  }

  /** Drops the pairs and the spill file. */
  close(): void {
    this.buffer = new Uint32Array(0);
    this.used = 0;
    this.file?.close();
    this.file = null;
  }
}
