import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { dechunk, parseHttpResponse } from "../../src/sources/http.ts";
import { chunked, httpResponse } from "./warc-builder.ts";

const MAX = 1024 * 1024;

describe("dechunk", () => {
  it("joins chunks, ignoring extensions and trailers", () => {
    expect(dechunk(chunked("Hello, chunked world!", [5, 2, 6]))?.toString()).toBe("Hello, chunked world!");
  });

  it("refuses a body that is not chunked", () => {
    expect(dechunk(Buffer.from("<html>plain</html>"))).toBeNull();
    expect(dechunk(Buffer.from("ff\r\nshort"))).toBeNull();
  });
});

describe("parseHttpResponse", () => {
  it("takes a 2xx HTML response as a page with its charset", () => {
    const page = parseHttpResponse(httpResponse("<p>x</p>", { "Content-Type": "text/html; charset=ISO-8859-1" }), MAX);
    expect(page).toMatchObject({ kind: "page", format: "html", charset: "ISO-8859-1", status: 200 });
    expect(page.kind === "page" && page.body.toString()).toBe("<p>x</p>");
  });

  it("reads headers case-insensitively, folded or with bare line feeds", () => {
    const raw = Buffer.from("HTTP/1.0 200 OK\nCONTENT-TYPE: text/plain;\n charset=utf-8\n\nbody text");
    expect(parseHttpResponse(raw, MAX)).toMatchObject({ kind: "page", format: "text", charset: "utf-8" });
  });

  it("skips what is not a page", () => {
    expect(parseHttpResponse(Buffer.from("GET / HTTP/1.1\r\n\r\n"), MAX).kind).toBe("skip");
    expect(parseHttpResponse(httpResponse("", { Location: "/" }, "302 Found"), MAX).kind).toBe("skip");
    expect(parseHttpResponse(httpResponse("{}", { "Content-Type": "application/json" }), MAX).kind).toBe("skip");
    expect(parseHttpResponse(httpResponse("just words"), MAX).kind).toBe("skip");
  });

  it("reports a body that inflates past the cap", () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    const page = parseHttpResponse(httpResponse(bomb, { "Content-Type": "text/html", "Content-Encoding": "gzip" }), MAX);
    expect(page).toMatchObject({ kind: "error", reason: "too-large" });
  });

  it("reports a damaged compressed body", () => {
    const damaged = gzipSync("<html>ok</html>".repeat(50)).subarray(0, 30);
    const page = parseHttpResponse(httpResponse(damaged, { "Content-Type": "text/html", "Content-Encoding": "gzip" }), MAX);
    expect(page).toMatchObject({ kind: "error", reason: "corrupt-http" });
  });

  it("reports a broken status line", () => {
    expect(parseHttpResponse(Buffer.from("HTTP/1.1 OK\r\n\r\n<p>"), MAX)).toMatchObject({ kind: "error", reason: "corrupt-http" });
  });
});
