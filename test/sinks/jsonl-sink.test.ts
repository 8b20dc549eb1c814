/**
 * The JSONL sink: what it writes is exactly the lines given, whatever their size and script, and its
 * byte count is what the file holds, so that a checkpoint can cut the file back to it.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JsonlSink } from "../../src/sinks/jsonl.ts";
import { useTempDirs } from "../support/temp-dirs.ts";

const tempDir = useTempDirs("tidings-sink-");

describe("JsonlSink", () => {
  it("writes every line as given: short, multi-byte, lone surrogates, and lines bigger than its buffer", async () => {
    const path = join(await tempDir(), "a.jsonl");
    const sink = new JsonlSink(path);
    const lines = [
      JSON.stringify({ t: "plain" }),
      JSON.stringify({ t: "Gdańsk, Tromsø, 東京, Ελλάδα, emoji 🗞️" }),
      JSON.stringify({ t: "lone \ud800 surrogate" }),
      JSON.stringify({ t: "x".repeat(3_000_000) }),
      JSON.stringify({ t: "漢".repeat(400_000) }),
      "",
      JSON.stringify({ t: "after the big ones" }),
    ];
    // enough small lines to fill the buffer several times
    for (let i = 0; i < 30_000; i++) lines.push(JSON.stringify({ i, t: "Valparaíso ".repeat(10) }));
    for (const line of lines) sink.writeLine(line);
    sink.flush();
    expect(sink.bytes).toBe((await stat(`${path}.partial`)).size);
    sink.commit();
    const expected = Buffer.from(`${lines.join("\n")}\n`, "utf8");
    const written = await readFile(path);
    expect(written.length).toBe(expected.length);
    expect(written.equals(expected)).toBe(true);
    expect(sink.count).toBe(lines.length);
  });

  it("resumes at a recorded byte count, dropping what was written after it", async () => {
    const path = join(await tempDir(), "b.jsonl");
    const first = new JsonlSink(path);
    first.writeLine('{"a":1}');
    first.flush();
    const at = first.bytes;
    first.writeLine('{"lost":true}');
    first.flush();
    first.close();
    const again = new JsonlSink(path, at);
    again.writeLine('{"b":"é"}');
    again.commit();
    expect(await readFile(path, "utf8")).toBe('{"a":1}\n{"b":"é"}\n');
    expect(again.bytes).toBe(Buffer.byteLength('{"a":1}\n{"b":"é"}\n'));
  });
});
