import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { INDEX_FILE, type IndexRecord, appendBatch, appendRecords, readIndex, scanIndex } from "../../src/dedupe/index-store.ts";
import { SIGNATURE_BINS } from "../../src/dedupe/signature.ts";
import { dedupe } from "../../src/stages/dedupe.ts";
import { RATES_WIRE, STORM_WIRE, STRIKE_WIRE, draftOf } from "./fixtures.ts";
import { runCorpusStage } from "./run-corpus.ts";

const dirs: string[] = [];
function stateDir(): string {
  const d = mkdtempSync(join(tmpdir(), "tidings-index-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function record(id: string, seed: number): IndexRecord {
  const signature = new Uint8Array(SIGNATURE_BINS).map((_, i) => (i * 31 + seed) & 0xff);
  return { id, truncated: seed % 2 === 1, exactHi: 0x12345678 + seed, exactLo: 0xfedcba98 - seed, words: 400 + seed, signature };
}

describe("dedupe index file", () => {
  it("reads back what was appended, batch after batch", () => {
    const dir = stateDir();
    const first = [record("a", 1), record("b-é", 2)];
    appendBatch(dir, first, 0);
    const afterFirst = readIndex(dir);
    appendBatch(dir, [record("c", 3)], afterFirst.validBytes);
    const all = readIndex(dir);
    expect(all.batches).toBe(2);
    expect(all.records.map((r) => r.id)).toEqual(["a", "b-é", "c"]);
    expect(all.records[1]).toEqual(first[1]);
    expect(all.validBytes).toBe(all.fileBytes);
  });

  it("keeps every record at or under 200 bytes for ids up to 90 bytes", () => {
    const dir = stateDir();
    const n = 50;
    appendBatch(dir, Array.from({ length: n }, (_, i) => record(`x`.repeat(90 - String(i).length) + i, i)), 0);
    expect((statSync(join(dir, INDEX_FILE)).size - 16) / n).toBeLessThanOrEqual(200);
  });

  it("ignores a torn batch at the end (a run killed while writing) and cuts it off before the next append", () => {
    const dir = stateDir();
    appendBatch(dir, [record("kept", 1)], 0);
    const good = statSync(join(dir, INDEX_FILE)).size;
    // a second batch of which only part reached the disk
    const scratch = stateDir();
    appendBatch(scratch, [record("torn-1", 2), record("torn-2", 3)], 0);
    const whole = readFileSync(join(scratch, INDEX_FILE));
    appendFileSync(join(dir, INDEX_FILE), whole.subarray(0, whole.length - 40));

    const read = readIndex(dir);
    expect(read.records.map((r) => r.id)).toEqual(["kept"]);
    expect(read.validBytes).toBe(good);
    expect(read.fileBytes).toBeGreaterThan(good);

    appendBatch(dir, [record("next", 4)], read.validBytes);
    expect(readIndex(dir).records.map((r) => r.id)).toEqual(["kept", "next"]);
  });

  it("ignores a batch whose bytes were damaged (checksum mismatch)", () => {
    const dir = stateDir();
    appendBatch(dir, [record("one", 1)], 0);
    const size = statSync(join(dir, INDEX_FILE)).size;
    appendBatch(dir, [record("two", 2)], size);
    const buf = readFileSync(join(dir, INDEX_FILE));
    buf[buf.length - 5] = (buf[buf.length - 5] as number) ^ 0xff;
    writeFileSync(join(dir, INDEX_FILE), buf);
    expect(readIndex(dir).records.map((r) => r.id)).toEqual(["one"]);
  });

  it("writes a batch from records made one at a time, over many chunks, and reads a batch of 200,000 back", () => {
    const dir = stateDir();
    appendBatch(dir, [record("first", 1)], 0);
    const before = readIndex(dir).validBytes;
    const n = 200_000;
    function* many(): Generator<IndexRecord> {
      for (let i = 0; i < n; i++) yield record(`r${i}`, i % 251);
    }
    const written = appendRecords(dir, many(), before);
    expect(written.count).toBe(n);
    expect(statSync(join(dir, INDEX_FILE)).size).toBe(before + written.bytes);
    let seen = 0;
    let last: IndexRecord | null = null;
    const summary = scanIndex(dir, (r) => {
      seen++;
      last = { ...r, signature: new Uint8Array(r.signature) };
    });
    expect(summary).toMatchObject({ batches: 2, validBytes: before + written.bytes });
    expect(seen).toBe(n + 1);
    expect(last).toEqual(record(`r${n - 1}`, (n - 1) % 251));
    expect(readIndex(dir).records).toHaveLength(n + 1);
  });

  it("leaves the file as it is when there is nothing to append", () => {
    const dir = stateDir();
    expect(appendRecords(dir, [], 0)).toEqual({ bytes: 0, count: 0 });
    expect(readIndex(dir).fileBytes).toBe(0);
    appendBatch(dir, [record("one", 1)], 0);
    appendFileSync(join(dir, INDEX_FILE), "torn");
    const size = statSync(join(dir, INDEX_FILE)).size;
    appendRecords(dir, [], readIndex(dir).validBytes);
    expect(statSync(join(dir, INDEX_FILE)).size).toBe(size);
  });

  it("reads garbage as an empty index", () => {
    const dir = stateDir();
    writeFileSync(join(dir, INDEX_FILE), "not an index at all");
    const read = readIndex(dir);
    expect(read.records).toEqual([]);
    expect(read.validBytes).toBe(0);
  });
});

describe("dedupe stage with a damaged index", () => {
  it("still finds copies of the committed runs and ignores the torn one", async () => {
    const dir = stateDir();
    await runCorpusStage(dedupe(), [draftOf("first-strike", STRIKE_WIRE)], dir);
    // a later run was killed while appending its batch: half of it is on disk
    const before = readFileSync(join(dir, INDEX_FILE));
    await runCorpusStage(dedupe(), [draftOf("lost-storm", STORM_WIRE)], dir);
    const after = readFileSync(join(dir, INDEX_FILE));
    writeFileSync(join(dir, INDEX_FILE), after.subarray(0, before.length + Math.floor((after.length - before.length) / 2)));

    const drafts = [draftOf("again-strike", STRIKE_WIRE), draftOf("again-storm", STORM_WIRE), draftOf("rates", RATES_WIRE)];
    const summary = await runCorpusStage(dedupe(), drafts, dir);
    expect(drafts[0]?.duplicateOf?.of).toBe("first-strike");
    expect(drafts[1]?.duplicateOf).toBeNull();
    expect((summary.index as { ignoredTornBytes: number }).ignoredTornBytes).toBeGreaterThan(0);
    expect(readIndex(dir).records.map((r) => r.id)).toEqual(["first-strike", "again-storm", "rates"]);
  });

  it("does not commit a run that failed before applying every draft", async () => {
    const dir = stateDir();
    const stage = dedupe();
    if (stage.kind !== "corpus") throw new Error("corpus stage expected");
    const { silentLogger } = await import("../../src/log.ts");
    const ctx = { options: stage.options as never, log: silentLogger, stateDir: dir };
    const st = await stage.createState(ctx);
    const drafts = [draftOf("a", STRIKE_WIRE), draftOf("b", STORM_WIRE)];
    for (const d of drafts) await stage.observe(d, st, ctx);
    await stage.finish(st, ctx);
    await stage.apply(drafts[0] as never, st, ctx);
    // before close, describe shows what the index will receive
    expect(stage.describe(st).index).toMatchObject({ committed: false, pendingRecords: 2 });
    await stage.close(st, ctx, { committed: true });
    expect(readIndex(dir).records).toEqual([]);
  });
});
