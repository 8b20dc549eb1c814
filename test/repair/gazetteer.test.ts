import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadGazetteer, parseGazetteer } from "../../src/repair/gazetteer.ts";

describe("gazetteer", () => {
  it("reads a YAML list of canonical names with aliases", () => {
    const entries = parseGazetteer("- canonical: Olaf Scholz\n  aliases: [Scholz Olaf, \"Olaf Schultz\"]\n- canonical: Pedro Sánchez\n");
    expect(entries).toEqual([
      { canonical: "Olaf Scholz", aliases: ["Scholz Olaf", "Olaf Schultz"] },
      { canonical: "Pedro Sánchez", aliases: [] },
    ]);
  });

  it("says which entry is wrong and how to fix it", () => {
    expect(() => parseGazetteer("canonical: X\n", "names.yaml")).toThrow(/names\.yaml: .*YAML list of entries/);
    expect(() => parseGazetteer("- aliases: [A]\n")).toThrow(/entry 1, canonical/);
    expect(() => parseGazetteer("- canonical: A\n  aliases: B\n")).toThrow(/entry 1, aliases: must be a list/);
    expect(() => parseGazetteer("- canonical: A\n  alias: [B]\n")).toThrow(/entry 1/);
    expect(() => parseGazetteer("- canonical: A\n  aliases: [C]\n- canonical: B\n  aliases: [C]\n")).toThrow(/entry 2: alias "C" already belongs to "A"/);
    expect(() => parseGazetteer("- canonical: [unclosed\n")).toThrow(/not valid YAML/);
  });

  it("treats an empty file as no entries", () => {
    expect(parseGazetteer("")).toEqual([]);
  });

  it("loads a file, and names the file when it cannot", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tidings-gazetteer-"));
    try {
      const file = join(dir, "names.yaml");
      await writeFile(file, "- canonical: Olaf Scholz\n  aliases: [Scholz Olaf]\n");
      expect(await loadGazetteer(file)).toEqual([{ canonical: "Olaf Scholz", aliases: ["Scholz Olaf"] }]);
      await expect(loadGazetteer(join(dir, "missing.yaml"))).rejects.toThrow(/cannot read gazetteer .*missing\.yaml/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("ships a news gazetteer that maps the literal translations", async () => {
    const entries = await loadGazetteer(new URL("../../pipelines/gazetteers/news.yaml", import.meta.url).pathname);
    const canonicalOf = new Map(entries.flatMap((e) => e.aliases.map((a) => [a, e.canonical] as const)));
    expect(canonicalOf.get("Anthony Bloomington")).toBe("Antony Blinken");
    expect(canonicalOf.get("Lin Fangzheng")).toBe("Yoshimasa Hayashi");
  });
});
