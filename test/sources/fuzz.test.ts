import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SourceItem } from "../../src/sources/types.ts";
import { put, readAll, scratch } from "./helpers.ts";
import { httpResponse, request, response } from "./warc-builder.ts";

const VALID_WARC = Buffer.concat([
  request("https://news.example/a"),
  response("https://news.example/a", httpResponse("<html><body><p>First story.</p></body></html>", { "Content-Type": "text/html" })),
  response("https://news.example/b", httpResponse("<html><body><p>Second story.</p></body></html>", { "Content-Type": "text/html" })),
]);
const VALID_JSONL = Buffer.from(['{"text": "one", "url": "u"}', '{"html": "<p>two</p>", "id": 2}', '{"text": "three"}'].join("\n"));

/** Damages bytes: overwrites some, then maybe cuts the end. */
function damage(bytes: Buffer, edits: Array<[number, number]>, keep: number): Buffer {
  const copy = Buffer.from(bytes);
  for (const [at, value] of edits) copy[at % copy.length] = value;
  return copy.subarray(0, Math.max(1, keep % (copy.length + 1)));
}

function wellFormed(items: SourceItem[], name: string): void {
  // A WARC may hold no page at all (only requests, say); any other file yields at least one item.
  if (!name.includes(".warc")) expect(items.length).toBeGreaterThan(0);
  const indices = items.map((i) => i.index);
  // Indices are whole numbers, never reused, in increasing order.
  expect(indices.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
  expect([...indices].sort((a, b) => a - b)).toEqual(indices);
  expect(new Set(indices).size).toBe(indices.length);
  for (const item of items) {
    if (item.ok) expect(typeof item.raw.content).toBe("string");
    else expect(item.reason).toMatch(/^[a-z0-9-]+$/);
  }
}

// Hundreds of generated files: allow for a machine shared with other work.
describe("damaged input never throws", { timeout: 60_000 }, () => {
  const dir = scratch("fuzz");
  let n = 0;
  const edits = fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 6 });

  for (const [name, valid] of [
    ["crawl.warc", VALID_WARC],
    ["dump.jsonl", VALID_JSONL],
    ["page.html", Buffer.from("<html><head><meta charset=gbk></head><body>x</body></html>")],
  ] as const) {
    it(`reads damaged ${name} files, plain and gzipped, to well-formed items`, async () => {
      await fc.assert(
        fc.asyncProperty(edits, fc.nat(), fc.boolean(), async (changes, keep, gz) => {
          const bytes = damage(valid, changes, keep);
          const file = put(dir, `${n++}-${name}${gz ? ".gz" : ""}`, gz ? gzipSync(bytes).subarray(0, Math.max(10, keep % 400)) : bytes);
          wellFormed(await readAll(file), name);
        }),
        { numRuns: 60 },
      );
    });
  }

  it("reads multi-member .warc.gz and .jsonl.gz with damaged compressed bytes to well-formed items", async () => {
    const warcMembers = Buffer.concat(
      [request("https://news.example/a"), ...[1, 2, 3, 4].map((i) => response(`https://news.example/${i}`, httpResponse(`<html><body><p>Story ${i}.</p></body></html>`, { "Content-Type": "text/html" })))].map(
        (record) => gzipSync(record),
      ),
    );
    const jsonlMembers = Buffer.concat([1, 2, 3, 4].map((i) => gzipSync(`{"text": "story ${i}"}\n{"text": "more ${i}"}\n`)));
    await fc.assert(
      fc.asyncProperty(edits, fc.nat(), fc.constantFrom("warc", "jsonl"), async (changes, keep, kind) => {
        const valid = kind === "warc" ? warcMembers : jsonlMembers;
        const name = `${n++}-members.${kind}.gz`;
        wellFormed(await readAll(put(dir, name, damage(valid, changes, valid.length + (keep % 3 === 0 ? keep : 0)))), name);
      }),
      { numRuns: 80 },
    );
  });

  it("numbers a binary verdict after a damaged first gzip member past that member's error", async () => {
    // four members; the first one's stored-block lengths damaged, and NUL bytes in what follows
    const members = Buffer.concat([1, 2, 3, 4].map((i) => gzipSync(`{"text": "story ${i}"}\n{"text": "more ${i}"}\n`)));
    const damaged = Buffer.from(members);
    for (const [at, value] of [[1554493190, 224], [620612362, 0], [2036613744, 0]] as const) damaged[at % damaged.length] = value;
    const name = `${n++}-members.jsonl.gz`;
    const items = await readAll(put(dir, name, damaged));
    expect(items.map((i) => (i.ok ? "ok" : i.reason))).toContain("corrupt-gzip");
    wellFormed(items, name);
  });

  it("reads random bytes under every name to well-formed items", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.constantFrom("r.warc", "r.jsonl", "r.txt", "r.html.gz", "r.warc.gz"), async (bytes, name) => {
        wellFormed(await readAll(put(dir, `${n++}-${name}`, bytes)), name);
      }),
      { numRuns: 80 },
    );
  });
});
