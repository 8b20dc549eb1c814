import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { errors, fromHex, put, readAll, records, scratch } from "./helpers.ts";
import { chunked, gzipPerRecord, httpResponse, request, response, warcRecord } from "./warc-builder.ts";

const PAGE = (title: string) => `<!doctype html><html><head><title>${title}</title></head><body><p>${title}: the story.</p></body></html>`;
const HTML = { "Content-Type": "text/html; charset=utf-8" };

describe("reading WARC", () => {
  const dir = scratch("warc");
  const crawl = [
    warcRecord("warcinfo", "software: test\r\nformat: WARC File Format 1.0\r\n", { "Content-Type": "application/warc-fields" }),
    request("https://news.example/a"),
    response("https://news.example/a", httpResponse(PAGE("First"), HTML)),
    warcRecord("metadata", "outlinks: https://news.example/b\r\n", { "WARC-Target-URI": "https://news.example/a", "Content-Type": "application/warc-fields" }),
    request("https://news.example/b"),
    response("https://news.example/b", httpResponse(PAGE("Second"), HTML)),
  ];

  it("yields each HTML response with its url, and skips other record types", async () => {
    const items = await readAll(put(dir, "crawl.warc", Buffer.concat(crawl)));
    expect(items).toEqual([
      { ok: true, index: 0, id: null, raw: { kind: "html", content: PAGE("First") }, meta: { url: "https://news.example/a" } },
      { ok: true, index: 1, id: null, raw: { kind: "html", content: PAGE("Second") }, meta: { url: "https://news.example/b" } },
    ]);
  });

  it("reads a multi-member .warc.gz the same way", async () => {
    const plain = await readAll(put(dir, "same.warc", Buffer.concat(crawl)));
    const gzipped = await readAll(put(dir, "crawl.warc.gz", gzipPerRecord(crawl)));
    expect(gzipped).toEqual(plain);
  });

  it("skips redirects, errors, images, scripts and DNS records, and reads text/plain", async () => {
    const skipped: string[] = [];
    const items = await readAll(
      put(
        dir,
        "mixed.warc",
        Buffer.concat([
          response("https://news.example/old", httpResponse("", { Location: "/new" }, "301 Moved Permanently")),
          response("https://news.example/missing", httpResponse(PAGE("Not found"), HTML, "404 Not Found")),
          response("https://news.example/logo.png", httpResponse(fromHex("89504e470d0a1a0a00000000"), { "Content-Type": "image/png" })),
          response("https://news.example/app.js", httpResponse("var x = 1;", { "Content-Type": "application/javascript" })),
          warcRecord("response", "news.example. 300 IN A 192.0.2.1", { "WARC-Target-URI": "dns:news.example", "Content-Type": "text/dns" }),
          response("https://news.example/wire.txt", httpResponse("A plain wire story.", { "Content-Type": "text/plain" })),
          response("https://news.example/untyped", httpResponse(PAGE("Untyped"))),
          request("https://news.example/next"),
        ]),
      ),
      { onSkip: (what) => skipped.push(what) },
    );
    expect(items.map((i) => (i.ok ? [i.index, i.raw.kind, i.meta.url] : [i.index, i.reason]))).toEqual([
      [0, "text", "https://news.example/wire.txt"],
      [1, "html", "https://news.example/untyped"],
    ]);
    // what was passed over is told, by kind (a content type without its parameters)
    expect(skipped).toEqual([
      "WARC response: HTTP status 301",
      "WARC response: HTTP status 404",
      "WARC response: content type image/png",
      "WARC response: content type application/javascript",
      "WARC response: not an HTTP response",
      "WARC request record",
    ]);
  });

  it("decodes a chunked body, and a gzip content-encoded one", async () => {
    const text = PAGE("Chunked and ünïcode");
    const items = await readAll(
      put(
        dir,
        "encodings.warc",
        Buffer.concat([
          response("https://news.example/c", httpResponse(chunked(text, [10, 33, 7]), { ...HTML, "Transfer-Encoding": "chunked" })),
          response("https://news.example/g", httpResponse(gzipSync(text), { ...HTML, "Content-Encoding": "gzip" })),
          response(
            "https://news.example/both",
            httpResponse(chunked(gzipSync(text), [20]), { ...HTML, "Transfer-Encoding": "chunked", "Content-Encoding": "gzip" }),
          ),
        ]),
      ),
    );
    expect(records(items).map((r) => r.raw.content)).toEqual([text, text, text]);
  });

  it("uses a body as stored when the archive already removed chunking or compression", async () => {
    const text = PAGE("Already decoded");
    const items = await readAll(
      put(
        dir,
        "decoded.warc",
        Buffer.concat([
          response("https://news.example/d1", httpResponse(text, { ...HTML, "Transfer-Encoding": "chunked" })),
          response("https://news.example/d2", httpResponse(text, { ...HTML, "Content-Encoding": "gzip" })),
        ]),
      ),
    );
    expect(records(items).map((r) => r.raw.content)).toEqual([text, text]);
  });

  it("decodes by the HTTP charset, then the meta charset, then a guess", async () => {
    const gbk = fromHex("c8d5c3c0c1bdb9fac1ecb5bcc8cbd4dabbaacaa2b6d9bed9d0d0bbe1ccb8a1a3");
    const sjis = fromHex("938c8b9e82c593fa95c48ef1945d89ef926b82aa8a4a82a982ea82bd8142");
    const wrap = (body: Buffer, head = "") => Buffer.concat([Buffer.from(`<html><head>${head}</head><body>`), body, Buffer.from("</body></html>")]);
    const items = await readAll(
      put(
        dir,
        "charsets.warc",
        Buffer.concat([
          response("https://cn.example/1", httpResponse(wrap(gbk), { "Content-Type": "text/html; charset=GBK" })),
          response("https://jp.example/2", httpResponse(wrap(sjis, '<meta charset="shift_jis">'), { "Content-Type": "text/html" })),
          response("https://fr.example/3", httpResponse(wrap(fromHex("436166e9")), { "Content-Type": "text/html" })),
        ]),
      ),
    );
    const texts = records(items).map((r) => r.raw.content);
    expect(texts[0]).toContain("日美两国领导人在华盛顿举行会谈。");
    expect(texts[1]).toContain("東京で日米首脳会談が開かれた。");
    expect(texts[2]).toContain("Café");
  });

  it("reports a corrupt record and resumes at the next one", async () => {
    const good1 = response("https://news.example/1", httpResponse(PAGE("One"), HTML));
    const good2 = response("https://news.example/2", httpResponse(PAGE("Two"), HTML));
    const badLength = Buffer.from(response("https://news.example/x", httpResponse(PAGE("Liar"), HTML)).toString("latin1").replace(/Content-Length: \d+/, "Content-Length: 12"), "latin1");
    const noLength = Buffer.from(good1.toString("latin1").replace(/Content-Length: \d+\r\n/, ""), "latin1");
    const garbage = Buffer.from("this is not a record at all\r\n");
    const items = await readAll(put(dir, "corrupt.warc", Buffer.concat([good1, badLength, good2, garbage, noLength, good2])));
    expect(items.map((i) => (i.ok ? [i.index, i.meta.url] : [i.index, i.reason]))).toEqual([
      [0, "https://news.example/1"],
      [1, "corrupt-warc-record"],
      [2, "https://news.example/2"],
      [3, "corrupt-warc-record"],
      [4, "corrupt-warc-record"],
      [5, "https://news.example/2"],
    ]);
    expect(errors(items)[0]?.detail).toContain("Content-Length");
  });

  it("reports a file cut inside a record after the complete ones", async () => {
    const whole = Buffer.concat(crawl);
    const items = await readAll(put(dir, "cut.warc", whole.subarray(0, whole.length - 40)));
    expect(items.map((i) => (i.ok ? i.index : i.reason))).toEqual([0, "truncated-warc-record"]);
    expect(items[1]?.index).toBe(1);
  });

  it("yields what came before a cut gzip stream, then truncated-gzip", async () => {
    const many = Array.from({ length: 40 }, (_, i) => response(`https://news.example/${i}`, httpResponse(PAGE(`Story ${i} `.repeat(20)), HTML)));
    const gz = gzipPerRecord(many);
    const items = await readAll(put(dir, "cut.warc.gz", gz.subarray(0, Math.floor(gz.length / 2) + 7)));
    const good = records(items);
    expect(good.length).toBeGreaterThan(5);
    expect(good.map((r) => r.meta.url)).toEqual(good.map((_, i) => `https://news.example/${i}`));
    expect(items.at(-1)).toMatchObject({ ok: false, reason: "truncated-gzip", index: good.length });
  });

  it("skips a response over the cap as too-large without holding it", async () => {
    const big = response("https://news.example/big", httpResponse(PAGE("x".repeat(50_000)), HTML));
    const small = response("https://news.example/small", httpResponse(PAGE("small"), HTML));
    const items = await readAll(put(dir, "big.warc", Buffer.concat([big, small])), { maxBytes: 10_000 });
    expect(items.map((i) => (i.ok ? i.meta.url : i.reason))).toEqual(["too-large", "https://news.example/small"]);
  });

  it("reports an empty or binary page body, and an empty file", async () => {
    const items = await readAll(
      put(
        dir,
        "bodies.warc",
        Buffer.concat([
          response("https://news.example/e", httpResponse("", HTML)),
          response("https://news.example/b", httpResponse(Buffer.concat([Buffer.from("<html>"), Buffer.alloc(40)]), HTML)),
        ]),
      ),
    );
    expect(items.map((i) => (i.ok ? "record" : i.reason))).toEqual(["empty-record", "binary-record"]);
    expect(await readAll(put(dir, "empty.warc", ""))).toMatchObject([{ ok: false, reason: "empty-file" }]);
  });

  it("reads WARC/1.1 records, a bracketed target URI and bare line feeds between records", async () => {
    const record = response("https://news.example/v11", httpResponse(PAGE("Eleven"), HTML));
    const v11 = Buffer.from(record.toString("latin1").replace("WARC/1.0", "WARC/1.1").replace("WARC-Target-URI: https://news.example/v11", "WARC-Target-URI: <https://news.example/v11>"), "latin1");
    const loose = Buffer.concat([v11.subarray(0, v11.length - 4), Buffer.from("\n\n\n"), v11]);
    const items = await readAll(put(dir, "v11.warc", loose));
    expect(items.map((i) => (i.ok ? i.meta.url : i.reason))).toEqual(["https://news.example/v11", "https://news.example/v11"]);
  });

  it("takes a file with no WARC record in it for one corrupt record", async () => {
    const items = await readAll(put(dir, "notwarc.warc", "<html><body>a page saved under the wrong name</body></html>\n"));
    expect(items).toMatchObject([{ ok: false, index: 0, reason: "corrupt-warc-record" }]);
  });
});
