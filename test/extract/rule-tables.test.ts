import { describe, expect, it } from "vitest";
import tables from "../../src/stages/rules/extract-hints.json" with { type: "json" };
import { cleanAuthors } from "../../src/html/authors.ts";
import { BOILERPLATE_PHRASES, CLASS_HINTS, boilerplatePhrase, classHint } from "../../src/html/rule-tables.ts";

describe("class-hint rules", () => {
  for (const rule of CLASS_HINTS) {
    it(`${rule.id} fires on its examples and not on its counterexamples`, () => {
      expect(rule.examples.length).toBeGreaterThan(0);
      expect(rule.counterexamples.length).toBeGreaterThan(0);
      for (const words of rule.examples) expect(classHint(words)?.id, words).toBe(rule.id);
      for (const words of rule.counterexamples) expect(classHint(words), words).toBeNull();
    });
  }
});

describe("boilerplate-phrase rules", () => {
  for (const rule of BOILERPLATE_PHRASES) {
    it(`${rule.id} fires on whole furniture lines and not on prose that uses the same words`, () => {
      expect(rule.examples.length).toBeGreaterThan(0);
      expect(rule.counterexamples.length).toBeGreaterThan(0);
      for (const text of rule.examples) expect(boilerplatePhrase(text)?.id, text).toBe(rule.id);
      for (const text of rule.counterexamples) expect(boilerplatePhrase(text), text).toBeNull();
    });
  }

  it("never judges a long block by its words", () => {
    expect(boilerplatePhrase(`Advertisement ${"word ".repeat(60)}`)).toBeNull();
  });
});

describe("CMS accounts are not authors", () => {
  it("drops every listed account, whatever its case or a 'By' before it", () => {
    for (const account of tables.cmsAccounts) {
      expect(cleanAuthors(account), account).toEqual([]);
      expect(cleanAuthors(`By ${account.toUpperCase()}`), account).toEqual([]);
    }
  });

  it("keeps real names that look like none of them", () => {
    expect(cleanAuthors("By Sarah E. Needleman")).toEqual(["Sarah E. Needleman"]);
    expect(cleanAuthors("Ron DeSantis and Owen McDonald")).toEqual(["Ron DeSantis", "Owen McDonald"]);
    expect(cleanAuthors("Editorial Board")).toEqual(["Editorial Board"]);
  });
});
