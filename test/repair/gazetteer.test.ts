import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Draft } from "../../src/draft.ts";
import { loadGazetteer, parseGazetteer } from "../../src/repair/gazetteer.ts";
import { applyGazetteer, compileGazetteer } from "../../src/repair/name-repairs.ts";
import { WORD_END, WORD_START, escapeRegExp } from "../../src/repair/name-patterns.ts";

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

describe("applying a gazetteer", () => {
  /** What one pattern of every alias (longest first) makes of the text: what the gazetteer must do. */
  function withOnePattern(text: string, entries: { canonical: string; aliases: string[] }[]): string {
    const canonicalOf = new Map<string, string>();
    for (const e of entries) for (const a of e.aliases) canonicalOf.set(a, e.canonical);
    if (canonicalOf.size === 0) return text;
    const aliases = [...canonicalOf.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const pattern = new RegExp(`${WORD_START}(?:${aliases.map(escapeRegExp).join("|")})${WORD_END}`, "gu");
    return text.replace(pattern, (m) => canonicalOf.get(m) ?? m);
  }

  it("rewrites the same as one pattern of every alias, looking only for the aliases a text holds", () => {
    const words = ["Anthony", "Antony", "Bloomington", "Blinken", "Bloom", "P.", "Lloyd", "Austin", "O'Neil", "Neil", "Ann", "ann", "’s", "-", "5", "Hamada", "(Yasukazu", "Hamada)", "é", "Émile"];
    const phrase = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((w) => w.join(" "));
    const glue = fc.constantFrom(" ", "", "-", "'", "9", ", ", "\u0301");
    fc.assert(
      fc.property(
        fc.array(fc.record({ canonical: fc.constantFrom("Antony Blinken", "Lloyd Austin", "Yasukazu Hamada"), aliases: fc.uniqueArray(phrase, { maxLength: 3 }) }), { maxLength: 4 }),
        fc.array(fc.tuple(phrase, glue), { maxLength: 12 }),
        (raw, parts) => {
          // one canonical name per alias, as parseGazetteer requires
          const owner = new Map<string, string>();
          const entries = raw.map((e) => ({ canonical: e.canonical, aliases: e.aliases.filter((a) => !owner.has(a) && (owner.set(a, e.canonical), true)) }));
          const text = parts.map(([p, g]) => p + g).join("");
          const draft = new Draft({ id: "d", source: { path: "x", index: 0 }, raw: { kind: "text", content: text } });
          const block = draft.addBlock("paragraph", text);
          // (a text of spaces alone makes no block)
          if (block === null) return;
          const before = block.text;
          applyGazetteer(draft, block, compileGazetteer(entries));
          expect(block.text).toBe(withOnePattern(before, entries));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("with 20,000 names, looks at each text's own few (no pattern of them all)", () => {
    const entries = Array.from({ length: 20_000 }, (_, i) => ({ canonical: `Person${i} Surname`, aliases: [`P${i}. Surname`, `Persn${i} Surname`] }));
    const gazetteer = compileGazetteer(entries);
    const text = "Yesterday P17. Surname met Persn19999 Surname and P3 Surname.";
    const draft = new Draft({ id: "d", source: { path: "x", index: 0 }, raw: { kind: "text", content: text } });
    const block = draft.addBlock("paragraph", text);
    if (block === null) throw new Error("no block");
    expect(applyGazetteer(draft, block, gazetteer)).toBe(2);
    expect(block.text).toBe("Yesterday Person17 Surname met Person19999 Surname and P3 Surname.");
    // the one pattern built holds the two aliases met, not 40,000
    expect([...gazetteer.patterns.values()].map((p) => p.source.split("|").length)).toEqual([2]);
  });
});
