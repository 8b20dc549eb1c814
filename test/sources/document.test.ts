import { chmodSync, createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readInput } from "../../src/sources/read.ts";
import { fileAt, fromHex, onlyRecord, put, readAll, scratch } from "./helpers.ts";

const ARTICLE = "Tokyo and Washington agreed on Friday to deepen defence ties.\n\nThe ministers met for two hours.\n";
const PAGE = "<!doctype html><html><head><title>Summit</title></head><body><p>Café talks</p></body></html>";

/** Writes `members` gzip members of 1 MiB of zeros each: a small file that inflates enormously. */
async function writeZeroBomb(path: string, members: number): Promise<void> {
  const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  const out = createWriteStream(path);
  for (let i = 0; i < members; i++) {
    if (!out.write(member)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => {
    out.on("error", reject);
    out.end(() => resolve());
  });
}

describe("reading .txt and .html files", { timeout: 30_000 }, () => {
  const dir = scratch("document");

  it("reads a text file as one text record with no id and no metadata", async () => {
    const record = onlyRecord(await readAll(put(dir, "story.txt", ARTICLE)));
    expect(record).toEqual({ ok: true, index: 0, id: null, raw: { kind: "text", content: ARTICLE }, meta: {} });
  });

  it("reads a file the same whether it is small (read at once) or large (streamed), gzipped or not", async () => {
    // small files are read in one call, larger ones streamed a megabyte at a time: across the sizes
    // where the way changes, and a multi-byte character on the boundary of a read, the text is the same
    for (const size of [1, 1000, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 1024 * 1024 + 3, 3 * 1024 * 1024]) {
      const text = `${"Tokyo talks: é. ".repeat(Math.ceil(size / 17))}`.slice(0, size);
      for (const name of [`size-${size}.txt`, `size-${size}.txt.gz`]) {
        const content = name.endsWith(".gz") ? gzipSync(text) : text;
        expect(onlyRecord(await readAll(put(dir, name, content))).raw, name).toEqual({ kind: "text", content: text });
      }
    }
  });

  it("reads .html and .htm (any case) as pages", async () => {
    expect(onlyRecord(await readAll(put(dir, "page.html", PAGE))).raw).toEqual({ kind: "html", content: PAGE });
    expect(onlyRecord(await readAll(put(dir, "PAGE.HTM", PAGE))).raw.kind).toBe("html");
  });

  it("reads gzipped documents", async () => {
    expect(onlyRecord(await readAll(put(dir, "story.txt.gz", gzipSync(ARTICLE)))).raw).toEqual({ kind: "text", content: ARTICLE });
    expect(onlyRecord(await readAll(put(dir, "page.html.gz", gzipSync(PAGE)))).raw).toEqual({ kind: "html", content: PAGE });
  });

  it("decodes a gzipped shift_jis page by its meta charset", async () => {
    const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="shift_jis"></head><body>'), fromHex("938c8b9e82c593fa95c4"), Buffer.from("</body></html>")]);
    expect(onlyRecord(await readAll(put(dir, "jp.html.gz", gzipSync(bytes)))).raw.content).toContain("東京で日米");
  });

  it("decodes gbk and windows-1252 pages declared by their meta charset", async () => {
    const gbk = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312"></head><body><p>'),
      fromHex("c8d5c3c0c1bdb9fac1ecb5bcc8cbd4dabbaacaa2b6d9bed9d0d0bbe1ccb8a1a3"),
      Buffer.from("</p></body></html>"),
    ]);
    expect(onlyRecord(await readAll(put(dir, "cn.html", gbk))).raw.content).toContain("<p>日美两国领导人在华盛顿举行会谈。</p>");
    const western = Buffer.concat([Buffer.from("<html><head><meta charset=windows-1252></head><body><p>"), fromHex("93436166e99420e2809380"), Buffer.from("</p>")]);
    // The page is not valid UTF-8 as a whole, so its declaration holds for every byte.
    expect(onlyRecord(await readAll(put(dir, "fr.htm", western))).raw.content).toContain("<p>“Café” â€“€</p>");
  });

  it("reads files whose names have spaces and non-ASCII letters", async () => {
    expect(onlyRecord(await readAll(put(dir, "Kishida à Washington 岸田.txt", ARTICLE))).raw.content).toBe(ARTICLE);
    expect(onlyRecord(await readAll(put(dir, "sub folder/page one.HTML.gz", gzipSync(PAGE))))).toMatchObject({ raw: { kind: "html" } });
  });

  it("reads a UTF-16 text file with a BOM", async () => {
    const bytes = Buffer.concat([fromHex("fffe"), Buffer.from("Fumio Kishida met Joe Biden.", "utf16le")]);
    expect(onlyRecord(await readAll(put(dir, "utf16.txt", bytes))).raw.content).toBe("Fumio Kishida met Joe Biden.");
  });

  it("reads invalid UTF-8 as windows-1252 rather than failing", async () => {
    const bytes = Buffer.concat([Buffer.from("The caf"), fromHex("e9"), Buffer.from(" reopened "), fromHex("96"), Buffer.from(" at last.")]);
    expect(onlyRecord(await readAll(put(dir, "latin.txt", bytes))).raw.content).toBe("The café reopened – at last.");
  });

  it("reports an empty file, and a gzipped empty file", async () => {
    expect(await readAll(put(dir, "empty.txt", ""))).toMatchObject([{ ok: false, index: 0, reason: "empty-file" }]);
    expect(await readAll(put(dir, "empty.html.gz", gzipSync(Buffer.alloc(0))))).toMatchObject([{ ok: false, reason: "empty-file" }]);
  });

  it("reports a binary file", async () => {
    const png = fromHex("89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61");
    expect(await readAll(put(dir, "image.html", png))).toMatchObject([{ ok: false, index: 0, reason: "binary-file" }]);
  });

  it("reports a truncated gzip stream", async () => {
    const whole = gzipSync(ARTICLE.repeat(50));
    const items = await readAll(put(dir, "cut.txt.gz", whole.subarray(0, Math.floor(whole.length / 2))));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ ok: false, index: 0, reason: "truncated-gzip" });
  });

  it("reports a .gz file that is not gzip", async () => {
    expect(await readAll(put(dir, "fake.txt.gz", ARTICLE))).toMatchObject([{ ok: false, reason: "corrupt-gzip" }]);
  });

  it("stops a gzip bomb at the cap: 300 MiB of zeros, read with a 1 MiB cap", async () => {
    const bomb = join(dir, "bomb.txt.gz");
    await writeZeroBomb(bomb, 300);
    const items = await readAll(bomb, { maxBytes: 1024 * 1024 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ ok: false, index: 0, reason: "too-large" });
  });

  it("refuses a plain file over the cap without reading it", async () => {
    const items = await readAll(put(dir, "big.txt", "word ".repeat(1000)), { maxBytes: 1000 });
    expect(items).toMatchObject([{ ok: false, index: 0, reason: "too-large" }]);
    expect(onlyRecord(await readAll(put(dir, "fits.txt", "word ".repeat(200)), { maxBytes: 1000 })).raw.kind).toBe("text");
  });

  it("reports a folder named like a file, and a missing file, as unreadable", async () => {
    const folder = join(dir, "folder.txt");
    mkdirSync(folder);
    expect(await readAll(folder)).toMatchObject([{ ok: false, index: 0, reason: "unreadable-file" }]);
    expect(await readAll(join(dir, "vanished.html"))).toMatchObject([{ ok: false, index: 0, reason: "unreadable-file" }]);
  });

  // Root reads any file whatever its mode, so this can only be checked as another user.
  it.skipIf(process.getuid?.() === 0)("reports a file without read permission as unreadable", async () => {
    const locked = put(dir, "locked.txt", ARTICLE);
    chmodSync(locked, 0o000);
    expect(await readAll(locked)).toMatchObject([{ ok: false, index: 0, reason: "unreadable-file" }]);
  });

  it("reports an unsupported kind when handed one directly", async () => {
    const items: unknown[] = [];
    for await (const item of readInput(fileAt(put(dir, "photo.jpeg", "x")))) items.push(item);
    expect(items).toMatchObject([{ ok: false, index: 0, reason: "unsupported-file" }]);
  });
});
