/**
 * No harm on the seed dumps: they are article text with a few junk lines, not whole pages, so the
 * main-text stage must not remove anything from them.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { definePipeline } from "../../src/pipeline.ts";
import { cleanOne } from "../../src/process.ts";
import { boilerplate } from "../../src/stages/boilerplate.ts";
import { mainText } from "../../src/stages/main-text.ts";
import { segment } from "../../src/stages/segment.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const seedsDir = path.join(path.resolve(repoRoot, "../shared"), "corpus", "seeds");
const exists = existsSync(seedsDir);

// The seed dumps live in the shared data folder beside the repository; without it there is nothing to check.
describe.skipIf(!exists)("main-text on the seed dumps", () => {
  const pipeline = definePipeline({ name: "seeds", stages: [segment(), boilerplate(), mainText()] });
  const files = exists ? readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).sort() : [];

  it("has seeds to check", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file}: removes nothing`, async () => {
      const draft = await cleanOne(pipeline, { kind: "text", content: readFileSync(path.join(seedsDir, file), "utf8") });
      expect(draft.removed.filter((r) => r.stage === "main-text")).toEqual([]);
    });
  }
});
