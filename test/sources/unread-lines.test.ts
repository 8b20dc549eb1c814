/**
 * JSONL lines yielded unread (the runner's way of reading) give back, once read with
 * `readJsonlLine`, exactly the items the reader yields when it reads them itself.
 */
import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readJsonlLine } from "../../src/sources/jsonl.ts";
import { readInput } from "../../src/sources/read.ts";
import type { SourceItem, UnreadLine } from "../../src/sources/types.ts";
import { fileAt, put, scratch } from "./helpers.ts";

async function both(abs: string): Promise<{ read: SourceItem[]; unread: (SourceItem | UnreadLine)[] }> {
  const read: SourceItem[] = [];
  for await (const item of readInput(fileAt(abs))) read.push(item);
  const unread: (SourceItem | UnreadLine)[] = [];
  for await (const item of readInput(fileAt(abs), { unreadLines: true })) unread.push(item);
  return { read, unread };
}

const readLater = (items: (SourceItem | UnreadLine)[]): SourceItem[] =>
  items.map((item) => (item.ok === "unread" ? readJsonlLine(item.bytes, item.index, item.lineNo) : item));

describe("unread JSONL lines", { timeout: 30_000 }, () => {
  const dir = scratch("unread-lines");

  it("read later, are the items the reader yields, for every kind of line", async () => {
    const lines = [
      "\uFEFF" + JSON.stringify({ id: "a", text: "First story." }),
      "   ",
      "{not json",
      JSON.stringify([1, 2]),
      JSON.stringify({ text: 42 }),
      JSON.stringify({ title: "no body" }),
      JSON.stringify({ html: "<p>Zürich – “quoted”</p>", url: " https://example.org/x " }),
      "",
      JSON.stringify({ text: "after blanks", id: 7 }),
    ];
    const bytes = Buffer.concat([Buffer.from(lines.join("\n")), Buffer.from("\n"), Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xe9, 0x74, 0xe9, 0x22, 0x7d])]);
    for (const [name, content] of [["mixed.jsonl", bytes], ["mixed.jsonl.gz", gzipSync(bytes)]] as const) {
      const { read, unread } = await both(put(dir, name, content));
      expect(unread.some((item) => item.ok === "unread")).toBe(true);
      expect(readLater(unread)).toEqual(read);
      // the windows-1252 line (é as a single byte) is read as such either way
      expect(read.at(-1)).toMatchObject({ ok: true, raw: { content: "été" } });
    }
  });

  it("own their bytes: each line's buffer holds that line only", async () => {
    const text = Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: `r${i}`, text: "x".repeat(i * 37) })).join("\n");
    const { unread } = await both(put(dir, "many.jsonl", text));
    for (const item of unread) {
      if (item.ok !== "unread") throw new Error("expected only unread lines");
      expect(item.bytes.byteOffset).toBe(0);
      expect(item.bytes.buffer.byteLength).toBe(item.bytes.length);
    }
  });

  it("leave lines shorter than the minimum read", async () => {
    const text = [JSON.stringify({ text: "short" }), JSON.stringify({ text: "long ".repeat(100) })].join("\n");
    const items: (SourceItem | UnreadLine)[] = [];
    for await (const item of readInput(fileAt(put(dir, "mixed-lengths.jsonl", text)), { unreadLines: true, unreadMinBytes: 100 })) items.push(item);
    expect(items.map((item) => item.ok)).toEqual([true, "unread"]);
    expect(readLater(items)).toEqual((await both(put(dir, "mixed-lengths-2.jsonl", text))).read);
  });

  it("match the reader on random lines (valid or not, any bytes)", async () => {
    const lineArb = fc.oneof(
      fc.record({ id: fc.option(fc.string(), { nil: undefined }), text: fc.string({ minLength: 1 }), url: fc.option(fc.string(), { nil: undefined }) }).map((r) => Buffer.from(JSON.stringify(r))),
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b.filter((x) => x !== 10))),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 1, maxLength: 12 }), async (lines) => {
        const file = put(dir, `random-${n++}.jsonl`, Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")])));
        const { read, unread } = await both(file);
        expect(readLater(unread)).toEqual(read);
      }),
      { numRuns: 60 },
    );
  });
});
