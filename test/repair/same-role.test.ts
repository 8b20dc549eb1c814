/**
 * One office, two names in one text: flagged as a possible single person, never rewritten.
 */
import { describe, expect, it } from "vitest";
import { Draft } from "../../src/draft.ts";
import { flagSameOffice, officeMentions } from "../../src/repair/same-role.ts";

function draftOf(...paragraphs: string[]): Draft {
  const d = new Draft({ id: "r", source: { path: "r.txt", index: 0 }, raw: { kind: "text", content: "" } });
  for (const p of paragraphs) d.addBlock("paragraph", p);
  return d;
}

describe("same office, two names", () => {
  it("reads offices pinned to a country or body, with the name that follows", () => {
    expect(officeMentions("German Finance Minister Karl Becker met U.S. Secretary of the Treasury Janet Moss.")).toEqual([
      { role: "german finance minister", name: "Karl Becker" },
    ]);
    expect(officeMentions("Indian Foreign Minister Ravi Menon and the Prime Minister Lena Holt")).toEqual([{ role: "indian foreign minister", name: "Ravi Menon" }]);
  });

  it("flags a literal translation that holds the same office as the real name, and leaves the text", () => {
    const d = draftOf(
      "Korean Foreign Minister Park Jin met his counterpart on Monday.",
      "Later, Korean Foreign Minister Pu Zhen signed the agreement in Seoul.",
    );
    const before = d.text();
    expect(flagSameOffice(d, d.live().map((b) => b.text))).toBe(1);
    expect(d.flagged[0]?.rule).toBe("same-office");
    expect(d.flagged[0]?.note).toContain("korean foreign minister");
    expect(d.text()).toBe(before);
    expect(d.repaired).toEqual([]);
  });

  it("does not flag two prime ministers of different countries, or a name written short", () => {
    const d = draftOf(
      "Prime Minister Rishi Sunak met Prime Minister Fumio Kishida in London.",
      "British Prime Minister Rishi Sunak said the pact mattered; British Prime Minister Sunak repeated it later.",
    );
    expect(flagSameOffice(d, d.live().map((b) => b.text))).toBe(0);
  });
});

describe("names suggest and the same-office flag", () => {
  it("proposes the flagged name as an alias of the name the text keeps using", async () => {
    const { mkdtemp, writeFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { namesSuggest } = await import("../../src/commands/names-suggest.ts");
    const d = draftOf(
      "Korean Foreign Minister Pu Zhen arrived on Monday.",
      "Korean Foreign Minister Park Jin said the talks went well. Park said he would return in May, and Park thanked his hosts.",
    );
    d.stage = "names";
    flagSameOffice(d, d.live().map((b) => b.text));
    const dir = await mkdtemp(join(tmpdir(), "tidings-suggest-"));
    try {
      await writeFile(join(dir, "articles.jsonl"), `${JSON.stringify(d.toArticle())}\n`);
      const yaml = await namesSuggest(dir);
      expect(yaml).toMatch(/canonical: "Park Jin"\n\s+aliases:\n\s+- "Pu Zhen"\n\s+# names\/same-office: korean foreign minister/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
