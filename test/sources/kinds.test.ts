import { describe, expect, it } from "vitest";
import { inputKindOf } from "../../src/sources/kinds.ts";

describe("inputKindOf", () => {
  it("knows each supported extension, in any case", () => {
    expect(inputKindOf("a.txt")).toEqual({ format: "text", gzip: false });
    expect(inputKindOf("page.HTML")).toEqual({ format: "html", gzip: false });
    expect(inputKindOf("page.Htm")).toEqual({ format: "html", gzip: false });
    expect(inputKindOf("dump.jsonl")).toEqual({ format: "jsonl", gzip: false });
    expect(inputKindOf("dump.NDJSON")).toEqual({ format: "jsonl", gzip: false });
    expect(inputKindOf("crawl.warc")).toEqual({ format: "warc", gzip: false });
  });

  it("reads .gz as a wrapper around any kind", () => {
    expect(inputKindOf("a.jsonl.gz")).toEqual({ format: "jsonl", gzip: true });
    expect(inputKindOf("page.html.GZ")).toEqual({ format: "html", gzip: true });
    expect(inputKindOf("x.warc.gz")).toEqual({ format: "warc", gzip: true });
    expect(inputKindOf("story.txt.gz")).toEqual({ format: "text", gzip: true });
  });

  it("has no kind for other files", () => {
    expect(inputKindOf("photo.png")).toBeNull();
    expect(inputKindOf("archive.gz")).toBeNull();
    expect(inputKindOf("notes.md.gz")).toBeNull();
    expect(inputKindOf("README")).toBeNull();
    expect(inputKindOf("txt")).toBeNull();
    expect(inputKindOf("report.txt.bak")).toBeNull();
  });
});
