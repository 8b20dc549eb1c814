/**
 * The HTTP response stored in a WARC response record: status line, headers, body. The body is
 * returned as the server meant it: de-chunked when `Transfer-Encoding: chunked`, inflated when
 * `Content-Encoding` is gzip, deflate or br. Archives differ on whether they stored the body before or
 * after that decoding, so a body that is not chunked (or not compressed) after all is used as it is.
 *
 * Only successful (2xx) responses with an HTML or plain-text body are pages; anything else
 * (redirects, errors, images, scripts, DNS records) is skipped, which is not an error.
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from "node:zlib";
import { charsetParam } from "./decode.ts";
import { errorText, mib } from "./failure.ts";

export type HttpPage =
  | { kind: "page"; format: "html" | "text"; body: Buffer; charset: string | null; status: number }
  | { kind: "skip"; why: string }
  | { kind: "error"; reason: string; detail: string };

const HEADER_END = Buffer.from("\r\n\r\n");
const BARE_HEADER_END = Buffer.from("\n\n");
const MAX_HEAD = 64 * 1024;

export function parseHttpResponse(block: Buffer, maxBytes: number): HttpPage {
  if (!block.subarray(0, 5).equals(Buffer.from("HTTP/"))) return { kind: "skip", why: "not an HTTP response" };
  const head = block.subarray(0, MAX_HEAD);
  let end = head.indexOf(HEADER_END);
  let bodyStart = end + 4;
  if (end < 0) {
    end = head.indexOf(BARE_HEADER_END);
    bodyStart = end + 2;
  }
  if (end < 0) {
    if (block.length <= MAX_HEAD) {
      end = block.length;
      bodyStart = block.length;
    } else {
      return { kind: "error", reason: "corrupt-http", detail: "the HTTP headers do not end within 64 KiB" };
    }
  }
  const lines = block.subarray(0, end).toString("latin1").split(/\r?\n/);
  const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(lines[0] ?? "")?.[1] ?? Number.NaN);
  if (!Number.isInteger(status)) {
    return { kind: "error", reason: "corrupt-http", detail: `not an HTTP status line: ${JSON.stringify((lines[0] ?? "").slice(0, 80))}` };
  }
  if (status < 200 || status > 299) return { kind: "skip", why: `HTTP status ${status}` };
  const headers = parseHeaders(lines.slice(1));
  let body = block.subarray(bodyStart);
  if (/\bchunked\b/i.test(headers.get("transfer-encoding") ?? "")) body = dechunk(body) ?? body;
  const encoding = (headers.get("content-encoding") ?? "").trim().toLowerCase();
  if (encoding && encoding !== "identity" && body.length > 0) {
    const inflated = inflate(body, encoding, maxBytes);
    if (inflated.kind === "error") return inflated;
    body = inflated.body;
  }
  const contentType = headers.get("content-type") ?? null;
  const format = formatOf(contentType, body);
  if (!format) return { kind: "skip", why: `content type ${contentType?.split(";")[0]?.trim().toLowerCase() || "unknown"}` };
  return { kind: "page", format, body, charset: charsetParam(contentType), status };
}

/** Header names lower-cased; the first of repeated headers wins; folded lines are joined. */
function parseHeaders(lines: string[]): Map<string, string> {
  const headers = new Map<string, string>();
  let last: string | null = null;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      headers.set(last, `${headers.get(last) ?? ""} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (headers.has(name)) {
      last = null;
      continue;
    }
    headers.set(name, line.slice(colon + 1).trim());
    last = name;
  }
  return headers;
}

/** Joins the chunks of a chunked body; null when the body is not validly chunked. */
export function dechunk(body: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const lineEnd = body.indexOf(10, pos);
    if (lineEnd < 0) return null;
    const sizeText = body.subarray(pos, lineEnd).toString("latin1").split(";")[0]?.trim() ?? "";
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) return null;
    const size = Number.parseInt(sizeText, 16);
    const start = lineEnd + 1;
    if (size === 0) return Buffer.concat(parts);
    if (start + size > body.length) return null;
    parts.push(body.subarray(start, start + size));
    pos = start + size;
    if (body[pos] === 13) pos++;
    if (body[pos] !== 10) return null;
    pos++;
  }
}

type Inflated = { kind: "ok"; body: Buffer } | { kind: "error"; reason: string; detail: string };

function inflate(body: Buffer, encoding: string, maxBytes: number): Inflated {
  const options = { maxOutputLength: maxBytes };
  const gzipped = body[0] === 0x1f && body[1] === 0x8b;
  try {
    if (encoding === "gzip" || encoding === "x-gzip") {
      return { kind: "ok", body: gzipped ? gunzipSync(body, options) : body };
    }
    if (encoding === "deflate") {
      // Servers send zlib-wrapped or raw deflate under this name; a zlib stream starts with 0x78.
      return { kind: "ok", body: body[0] === 0x78 ? inflateSync(body, options) : inflateRawSync(body, options) };
    }
    if (encoding === "br") return { kind: "ok", body: brotliDecompressSync(body, options) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      return { kind: "error", reason: "too-large", detail: `the ${encoding} body inflates past the ${mib(maxBytes)} cap` };
    }
    if (looksLikeText(body)) return { kind: "ok", body };
    return { kind: "error", reason: "corrupt-http", detail: `cannot decode the ${encoding} body: ${errorText(error)}` };
  }
  return { kind: "ok", body };
}

function looksLikeText(body: Buffer): boolean {
  const head = body.subarray(0, 512);
  return !head.includes(0) && /^\s*</.test(head.toString("latin1"));
}

function formatOf(contentType: string | null, body: Buffer): "html" | "text" | null {
  const mime = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (mime === "text/html" || mime === "application/xhtml+xml") return "html";
  if (mime === "text/plain") return "text";
  if (mime === "") {
    // No type given: take it for HTML only when it plainly starts like a page.
    const head = body.subarray(0, 1024).toString("latin1").trimStart().toLowerCase();
    if (head.startsWith("<!doctype html") || head.startsWith("<html")) return "html";
  }
  return null;
}
