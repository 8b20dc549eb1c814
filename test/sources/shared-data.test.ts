import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readInput } from "../../src/sources/read.ts";
import { type InputFile, isWalkError } from "../../src/sources/types.ts";
import { walkInputs } from "../../src/sources/walk.ts";

const repoRoot = resolve(import.meta.dirname, "../..");
const shared = resolve(repoRoot, "../shared");
const seeds = join(shared, "corpus", "seeds");
const pages = join(shared, "bench", "scrapinghub", "html");
const exists = existsSync(seeds) && existsSync(pages);

async function filesUnder(root: string): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for await (const found of walkInputs([root])) {
    if (isWalkError(found)) throw new Error(found.message);
    files.push(found);
  }
  return files;
}

// The shared corpus and benchmark pages live beside the repository (../shared), not in it; where
// they are absent (a fresh clone on its own), these checks on real inputs are skipped.
// Reading 181 pages takes a second or two; allow for a machine shared with other work.
describe.skipIf(!exists)("reading the shared real inputs", { timeout: 60_000 }, () => {
  it("reads every seed dump as one text record, byte for byte", async () => {
    const files = await filesUnder(seeds);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const items = [];
      for await (const item of readInput(file)) items.push(item);
      expect(items).toHaveLength(1);
      const [item] = items;
      expect(item?.ok && item.raw.kind).toBe("text");
      expect(item?.ok && item.raw.content).toBe(readFileSync(file.abs, "utf8").replace(/^\uFEFF/, ""));
    }
  });

  it("reads every gzipped benchmark page as one UTF-8 HTML record", async () => {
    const files = await filesUnder(pages);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const items = [];
      for await (const item of readInput(file)) items.push(item);
      expect(items).toHaveLength(1);
      const [item] = items;
      if (!item?.ok) throw new Error(`${file.path}: ${item?.reason} ${item?.detail}`);
      expect(item.raw.kind).toBe("html");
      expect(item.raw.content).toBe(gunzipSync(readFileSync(file.abs)).toString("utf8").replace(/^\uFEFF/, ""));
    }
  });
});
