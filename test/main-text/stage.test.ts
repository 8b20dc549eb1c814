/**
 * The main-text stage on whole-page dumps (menus, share lines, related lists and footers around the
 * article) and on dumps that are already article text, which must come out untouched.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Draft } from "../../src/draft.ts";
import { silentLogger } from "../../src/log.ts";
import { definePipeline } from "../../src/pipeline.ts";
import { cleanOne } from "../../src/process.ts";
import { boilerplate } from "../../src/stages/boilerplate.ts";
import { mainText } from "../../src/stages/main-text.ts";
import { segment } from "../../src/stages/segment.ts";

const page = (name: string): string => readFileSync(new URL(`./pages/${name}`, import.meta.url), "utf8");

// The stages that run before main-text in the default pipeline, then main-text itself.
const pipeline = definePipeline({ name: "main-text-test", stages: [segment(), boilerplate(), mainText()] });
const withoutMainText = definePipeline({ name: "main-text-off", stages: [segment(), boilerplate()] });

async function clean(content: string): Promise<Draft> {
  return cleanOne(pipeline, { kind: "text", content });
}

function removedByMainText(draft: Draft): string[] {
  return draft.removed.filter((r) => r.stage === "main-text").map((r) => r.text);
}

describe("main-text on a whole English news page", async () => {
  const draft = await clean(page("en-whole-page.txt"));
  const body = draft.text();

  it("removes the menus, follow lines and footer around the article", () => {
    for (const junk of ["Skip to content", "Newsletters", "Follow The Coastal Ledger on Instagram", "Careers"]) {
      expect(body, junk).not.toContain(junk);
    }
    const categories = new Set(draft.removed.filter((r) => r.stage === "main-text").map((r) => r.category));
    expect(categories).toContain("navigation");
  });

  it("keeps every paragraph, the heading, the quote and the short last sentence", () => {
    expect(body).toContain("The harbour council voted on Monday");
    expect(body).toContain("Why now");
    expect(body).toContain("“We have run out of time to keep studying this,”");
    expect(body).toContain("Not everyone is convinced.");
    expect(body).toContain("The council said it would publish the engineering studies in full next week.");
  });

  it("records why each block went", () => {
    for (const r of draft.removed.filter((x) => x.stage === "main-text" && x.rule !== "title-line")) {
      expect(r.rule).toMatch(/main-region$/);
      expect(["navigation", "page-chrome", "related-link", "footer"]).toContain(r.category);
    }
  });

  it("takes the headline printed above the article as the title, without the site's name", () => {
    expect(draft.meta.title).toBe("Harbour council approves flood barrier after decade of delays");
    expect(draft.removed).toContainEqual(expect.objectContaining({ stage: "main-text", rule: "title-line", category: "metadata" }));
    expect(draft.repaired).toContainEqual(expect.objectContaining({ stage: "main-text", rule: "headline-above-region" }));
  });
});

describe("main-text on a whole page whose dump has no page title", async () => {
  // Without the title line, the head of the dump offers a menu entry as the title.
  const content = page("en-whole-page.txt").split("\n").slice(1).join("\n");
  const draft = await clean(content);

  it("replaces a menu entry taken as title by the headline above the article", () => {
    expect(draft.meta.title).toBe("Harbour council approves flood barrier after decade of delays");
    expect(draft.text()).not.toContain("Harbour council approves flood barrier after decade of delays");
  });
});

describe("main-text on a whole Spanish news page", async () => {
  const draft = await clean(page("es-whole-page.txt"));
  const body = draft.text();

  it("removes the section menu and the follow lines", () => {
    expect(removedByMainText(draft).length).toBeGreaterThan(10);
    for (const junk of ["Hemeroteca", "Síguenos en Twitter", "Iniciar sesión"]) expect(body, junk).not.toContain(junk);
  });

  it("keeps the article from its first paragraph to its last", () => {
    expect(body).toContain("El pleno del Ayuntamiento aprobó este lunes");
    expect(body).toContain("«Por fin podremos volver a casa sin depender de un taxi»");
    expect(body).toContain("El servicio empezará a funcionar en junio");
  });
});

describe("main-text leaves article dumps alone", () => {
  for (const name of ["clean-article.txt", "results-list.txt", "dialogue.txt"]) {
    it(`${name}: nothing removed, same text as without the stage`, async () => {
      const content = page(name);
      const draft = await clean(content);
      expect(removedByMainText(draft)).toEqual([]);
      const before = await cleanOne(withoutMainText, { kind: "text", content });
      expect(draft.text()).toBe(before.text());
    });
  }

  it("keeps every line of a long list of results", async () => {
    const draft = await clean(page("results-list.txt"));
    expect(draft.text()).toContain("Northfield 71");
    expect(draft.text()).toContain("Vale Rangers 15");
  });

  it("does nothing to HTML inputs", async () => {
    const draft = new Draft({ id: "h", source: { path: "p.html", index: 0 }, raw: { kind: "html", content: page("en-whole-page.txt") } });
    for (const line of page("en-whole-page.txt").split("\n")) draft.addBlock("paragraph", line);
    draft.stage = "main-text";
    const stage = mainText();
    if (stage.kind !== "article") throw new Error("main-text is an article stage");
    await stage.run(draft, { options: stage.options as never, log: silentLogger, stateDir: null });
    expect(draft.removed).toEqual([]);
  });
});

describe("main-text options", () => {
  it("rejects options it does not know", () => {
    expect(() => mainText({ minFurniture: 5, bogus: 1 } as never)).toThrow(/invalid options/);
  });

  it("does not act when the gate asks for more furniture than the page has", async () => {
    const strict = definePipeline({ name: "strict", stages: [segment(), boilerplate(), mainText({ minFurniture: 500 })] });
    const draft = await cleanOne(strict, { kind: "text", content: page("en-whole-page.txt") });
    expect(removedByMainText(draft)).toEqual([]);
  });
});
