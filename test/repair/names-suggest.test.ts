import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { namesSuggest } from "../../src/commands/names-suggest.ts";
import { parseGazetteer } from "../../src/repair/gazetteer.ts";

function article(path: string, paragraphs: string[], repaired: { stage: string; rule: string; before: string; after: string }[] = []) {
  return {
    id: path,
    source: { path, index: 0 },
    title: null,
    subtitle: null,
    blocks: paragraphs.map((text) => ({ type: "paragraph", text })),
    provenance: { removed: [], repaired, flagged: [] },
  };
}

describe("names suggest", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tidings-suggest-"));
    const lines = [
      article("a.txt", ["Foreign Minister Sergey Lavrov spoke.", "Lavrov said no."], [
        { stage: "names-corpus", rule: "name-variant", before: "Sergei Lavrov", after: "Sergey Lavrov" },
      ]),
      article("b.txt", ["Sergey Lavrov met Wang Yi.", "Lavrov left."]),
      article("c.txt", ["Prime Minister Kishida Fumio arrived.", "Kishida spoke."]),
      article("d.txt", ["Fumio Kishida left Tokyo.", "Kishida waved. Kishida smiled."]),
    ];
    await writeFile(join(dir, "articles.jsonl"), `${lines.map((l) => JSON.stringify(l)).join("\n")}\nnot json\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("proposes aliases from earlier repairs and from the text, as a gazetteer that parses", async () => {
    const yaml = await namesSuggest(join(dir, "articles.jsonl"));
    const entries = parseGazetteer(yaml);
    expect(entries).toContainEqual({ canonical: "Sergey Lavrov", aliases: ["Sergei Lavrov"] });
    expect(entries).toContainEqual({ canonical: "Fumio Kishida", aliases: ["Kishida Fumio"] });
  });

  it("gives the evidence of each alias as comments: pattern, count, documents", async () => {
    const yaml = await namesSuggest(dir);
    expect(yaml).toMatch(/"Sergei Lavrov"\n\s+# names-corpus\/name-variant: 1 time in 1 document \(a\.txt#0\)/);
    expect(yaml).toMatch(/"Kishida Fumio"\n\s+# text\/name-order: 1 time in 1 document \(c\.txt#0\)/);
  });
});
