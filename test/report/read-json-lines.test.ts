import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type JsonLinesTally, readJsonLines } from "../../src/report/read-json-lines.ts";
import { useTempDirs } from "../support/temp-dirs.ts";

async function collect(path: string, tally?: JsonLinesTally): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const v of readJsonLines(path, tally)) out.push(v);
  return out;
}


const tempDir = useTempDirs("tidings-jsonl-");
describe("readJsonLines", () => {
  it("yields each line's value, skipping blank lines and counting broken ones", async () => {
    const dir = await tempDir();
    const path = join(dir, "a.jsonl");
    await writeFile(path, '{"id":"a"}\r\n\n{"id":\n  \n{"id":"b"}');
    const tally = { parsed: 0, malformed: 0 };
    expect(await collect(path, tally)).toEqual([{ id: "a" }, { id: "b" }]);
    expect(tally).toEqual({ parsed: 2, malformed: 1 });
  });

  it("reads lines that cross the reader's chunks, multi-byte characters included", async () => {
    const dir = await tempDir();
    const path = join(dir, "big.jsonl");
    const values = Array.from({ length: 5000 }, (_, i) => ({ i, text: `Café “${i}” ${"é".repeat(i % 300)}` }));
    await writeFile(path, values.map((v) => JSON.stringify(v)).join("\n"));
    const tally = { parsed: 0, malformed: 0 };
    expect(await collect(path, tally)).toEqual(values);
    expect(tally.malformed).toBe(0);
  });

  it("yields nothing for a missing file", async () => {
    const dir = await tempDir();
    expect(await collect(join(dir, "absent.jsonl"))).toEqual([]);
  });
});
