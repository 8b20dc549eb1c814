/** What readSignals gathers from a page's short texts and elements. */
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/html/parse-page.ts";
import { readSignals } from "../../src/html/page-signals.ts";

const signalsOf = (body: string) => readSignals(parseDocument(`<html lang="de-AT"><head><title>T</title></head><body>${body}</body></html>`));

describe("readSignals", () => {
  it("finds written bylines after every opening the patterns allow", () => {
    const s = signalsOf("<p>By Jane Doe</p><p>by Ann Lee</p><p>Posted by Ola Nordmann</p><p>Reviewed by Rui Costa</p><p>written by Kim Park</p><p>Author:</p><p>Lena Vogt</p><p>Nearby Town</p>");
    expect(s.writtenBylines).toEqual(["Jane Doe", "Ann Lee", "Ola Nordmann", "Rui Costa", "Kim Park", "Lena Vogt"]);
  });

  it("finds dates written out, down to the shortest form, and not years alone", () => {
    const s = signalsOf("<p>Published 1999</p><p>May 1 2024</p><p>17 March 2023</p><p>2020-01-31</p><p>on 9 June 2021</p>");
    expect(s.dateTexts).toEqual(["May 1 2024", "17 March 2023", "2020-01-31"]);
  });

  it("reads text split by entities and whitespace as one collapsed line", () => {
    const s = signalsOf("<span>\n  By&nbsp;Jos&eacute;\n  Garc&iacute;a  </span>");
    expect(s.writtenBylines).toEqual(["José García"]);
  });

  it("reads rel words, JSON-LD, the canonical link and the language", () => {
    const page = `<html lang="fr"><head><link rel="Canonical" href="https://x.example/a"><script type="application/ld+json">{"a":1}</script>
      <meta property="OG:Title" content="A &amp;amp; B"></head><body><a rel="nofollow author" href="/x">Jean Dupont</a><a rel="authorship">No</a>
      <div class="post-author">Marie Curie</div><div itemprop="datePublished" content="2024-05-01">x</div></body></html>`;
    const s = readSignals(parseDocument(page));
    expect(s.canonical).toBe("https://x.example/a");
    expect(s.jsonLd).toEqual(['{"a":1}']);
    expect(s.htmlLang).toBe("fr");
    expect(s.meta.get("og:title")).toEqual(["A & B"]);
    expect(s.bylines).toEqual(["Jean Dupont", "Marie Curie"]);
    expect(s.times).toEqual(["2024-05-01"]);
  });
});
