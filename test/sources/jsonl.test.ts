import { join } from "node:path";
import { constants, gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { errors, put, readAll, records, scratch } from "./helpers.ts";

const line = (value: unknown): string => JSON.stringify(value);

describe("reading JSONL", { timeout: 30_000 }, () => {
  const dir = scratch("jsonl");

  it("yields one record a line with its fields, trimmed, and nothing else", async () => {
    const file = put(
      dir,
      "a.jsonl",
      [
        line({ id: "k-1", text: "Kishida visits Washington.", url: " https://example.com/a ", site: "example.com", title: "Visit", publishedAt: "2024-04-10" }),
        line({ text: "Second story.", extra: { nested: true }, authors: ["ignored"] }),
      ].join("\n"),
    );
    const items = await readAll(file);
    expect(items).toEqual([
      {
        ok: true,
        index: 0,
        id: "k-1",
        raw: { kind: "text", content: "Kishida visits Washington." },
        meta: { url: "https://example.com/a", site: "example.com", title: "Visit", publishedAt: "2024-04-10" },
      },
      { ok: true, index: 1, id: null, raw: { kind: "text", content: "Second story." }, meta: {} },
    ]);
  });

  it("lets html win over text, and follows it with the raw kind", async () => {
    const items = await readAll(put(dir, "b.ndjson", line({ text: "plain", html: "<p>page</p>" })));
    expect(records(items)[0]?.raw).toEqual({ kind: "html", content: "<p>page</p>" });
    const empty = await readAll(put(dir, "c.jsonl", line({ text: "plain", html: "" })));
    expect(records(empty)[0]?.raw).toEqual({ kind: "text", content: "plain" });
  });

  it("accepts published_at and date for publishedAt, and a numeric id", async () => {
    const items = records(
      await readAll(put(dir, "d.jsonl", [line({ id: 42, text: "x", published_at: "2023-01-13" }), line({ text: "y", date: "13 January 2023" })].join("\n"))),
    );
    expect(items.map((r) => [r.id, r.meta.publishedAt])).toEqual([
      ["42", "2023-01-13"],
      [null, "13 January 2023"],
    ]);
  });

  it("numbers records among non-blank lines, and carries on past bad lines", async () => {
    const file = put(
      dir,
      "mixed.jsonl",
      [
        line({ text: "first" }),
        "",
        "   ",
        '{"text": "cut off',
        line({ text: "third" }),
        line(["an", "array"]),
        line({ title: "no body" }),
        line({ text: 17 }),
        line({ text: "ok", url: ["not", "a", "string"] }),
        "null",
        line({ text: "last" }),
        "",
      ].join("\r\n"),
    );
    const items = await readAll(file);
    expect(items.map((i) => [i.index, i.ok ? i.raw.content : i.reason])).toEqual([
      [0, "first"],
      [1, "malformed-json"],
      [2, "third"],
      [3, "not-an-object"],
      [4, "missing-content"],
      [5, "wrong-field-type"],
      [6, "wrong-field-type"],
      [7, "not-an-object"],
      [8, "last"],
    ]);
    // Details point at the physical line (1-based), counting blank lines.
    expect(errors(items)[0]?.detail).toMatch(/^line 4: not valid JSON/);
    expect(errors(items).find((e) => e.index === 6)?.detail).toContain('"url" must be a string');
  });

  it("never follows or merges __proto__ and friends", async () => {
    const file = put(
      dir,
      "proto.jsonl",
      [
        '{"__proto__": {"text": "from the prototype", "html": "<p>x</p>"}}',
        '{"text": "real", "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
        '{"text": "has own", "toString": "not a function"}',
      ].join("\n"),
    );
    const items = await readAll(file);
    expect(items[0]).toMatchObject({ ok: false, index: 0, reason: "missing-content" });
    expect(items[1]).toEqual({ ok: true, index: 1, id: null, raw: { kind: "text", content: "real" }, meta: {} });
    expect(items[2]).toMatchObject({ ok: true, raw: { content: "has own" } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(records(items)[0]?.meta)).toBe(Object.prototype);
  });

  it("drops a UTF-8 BOM and reads a line of invalid UTF-8 as windows-1252", async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${line({ text: "Zürich" })}\n{"text": "caf`),
      Buffer.from([0xe9]),
      Buffer.from('"}\n'),
    ]);
    const items = records(await readAll(put(dir, "enc.jsonl", bytes)));
    expect(items.map((r) => r.raw.content)).toEqual(["Zürich", "café"]);
  });

  it("reports a line over the cap as too-large and goes on", async () => {
    const long = line({ text: "word ".repeat(3000) });
    const items = await readAll(put(dir, "long.jsonl", [line({ text: "a" }), long, line({ text: "b" })].join("\n")), { maxBytes: 4096 });
    expect(items.map((i) => [i.index, i.ok ? i.raw.content : i.reason])).toEqual([
      [0, "a"],
      [1, "too-large"],
      [2, "b"],
    ]);
  });

  it("reads .jsonl.gz, including several gzip members one after another", async () => {
    const first = gzipSync(`${line({ text: "one" })}\n${line({ text: "two" })}\n`);
    const second = gzipSync(`${line({ text: "three" })}\n`);
    const items = records(await readAll(put(dir, "multi.jsonl.gz", Buffer.concat([first, second]))));
    expect(items.map((r) => [r.index, r.raw.content])).toEqual([
      [0, "one"],
      [1, "two"],
      [2, "three"],
    ]);
  });

  it("yields the records before a gzip cut, then truncated-gzip at the next index", async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => line({ id: `r${i}`, text: `Story number ${i} with some words in it.` }));
    const whole = gzipSync(lines.join("\n"));
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
    // Every line that the cut stream holds in full must come out.
    const complete = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString().split("\n").length - 1;
    const items = await readAll(put(dir, "cut.jsonl.gz", cut));
    const good = records(items);
    const last = items.at(-1);
    expect(complete).toBeGreaterThan(100);
    expect(good.length).toBe(complete);
    expect(good.map((r) => r.id)).toEqual(lines.slice(0, good.length).map((_, i) => `r${i}`));
    expect(last).toMatchObject({ ok: false, reason: "truncated-gzip", index: good.length });
    expect(errors(items)).toHaveLength(1);
  });

  it("stops a gzip bomb by the ratio guard without holding it", async () => {
    // 64 MiB of newlines compress about a thousand times: far beyond the ratio of real text.
    const member = gzipSync(Buffer.alloc(1024 * 1024, 0x0a), { level: 9 });
    const bomb = put(dir, "bomb.jsonl.gz", Buffer.concat(Array.from({ length: 64 }, () => member)));
    const items = await readAll(bomb, { maxBytes: 1024 * 1024, maxGzipRatio: 20 });
    expect(items).toMatchObject([{ ok: false, index: 0, reason: "too-large" }]);
  });

  it("reports empty, blank-only and binary files", async () => {
    expect(await readAll(put(dir, "empty.jsonl", ""))).toMatchObject([{ ok: false, index: 0, reason: "empty-file" }]);
    expect(await readAll(put(dir, "blank.jsonl", "\n  \n\n"))).toMatchObject([{ ok: false, index: 0, reason: "empty-file" }]);
    const binary = Buffer.concat([Buffer.from('{"text": "x"}\n'), Buffer.alloc(64)]);
    expect(await readAll(put(dir, "zeros.jsonl", binary))).toMatchObject([{ ok: false, index: 0, reason: "binary-file" }]);
  });

  it("reads a file whose lines cross many read chunks", async () => {
    // 3 MiB of records: several 1 MiB reads, so lines are cut at chunk edges.
    const lines = Array.from({ length: 6000 }, (_, i) => line({ id: String(i), text: `${"x".repeat(i % 997)} end ${i}` }));
    const file = join(dir, "many.jsonl");
    put(dir, "many.jsonl", `${lines.join("\n")}\n`);
    const items = records(await readAll(file));
    expect(items).toHaveLength(6000);
    expect(items.every((r, i) => r.id === String(i) && r.raw.content.endsWith(` end ${i}`))).toBe(true);
  });
});
